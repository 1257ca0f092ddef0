/**
 * training_waveforms (reference §2.3–2.4, §4.3): file layout read back with h5wasm, coalescence
 * placement, prior bounds, detector-frame masses, seeding/worker independence, resume and rerun.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPrior, rngStream } from '@aframe/priors';
import { MTSUN_SI } from '@aframe/waveforms';
import { trainingWaveformsParams } from '../src/commands/training-waveforms.ts';
import { runTrainingWaveforms } from '../src/waveform-sets/training.ts';
import { branchDirFor } from '../src/waveform-sets/branch-dir.ts';
import { quiet, readData, readLayout, sameFiles } from './waveform-sets/helpers.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'training-wf-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const BILBY = ['mass_1', 'mass_2', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl', 'ra', 'dec', 'redshift', 'psi', 'theta_jn', 'phase'];
const SR = 2048;
const DURATION = 8;
const RIGHT_PAD = 2;
const N = 70; // > 64: waveform chunks must be (64, T)
const BATCH = 32;
const SEED = 7;

const cfg = (over: Record<string, unknown>) =>
  trainingWaveformsParams.parse({
    num_signals: N,
    prior: 'end_o3_ratesandpops',
    waveform_approximant: 'IMRPhenomD',
    sample_rate: SR,
    waveform_duration: DURATION,
    minimum_frequency: 20,
    reference_frequency: 50,
    right_pad: RIGHT_PAD,
    seed: SEED,
    batch_size: BATCH,
    ...over,
  });

/** Peak of h+² + h×² relative to the coalescence sample (duration − right_pad)·sr, per row. */
async function peakOffsets(path: string, n: number, T: number): Promise<number[]> {
  const plus = await readData(path, 'waveforms/plus');
  const cross = await readData(path, 'waveforms/cross');
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = -1;
    let at = 0;
    for (let t = 0; t < T; t++) {
      const v = plus[i * T + t] ** 2 + cross[i * T + t] ** 2;
      if (v > best) [best, at] = [v, t];
    }
    out.push(at - (DURATION - RIGHT_PAD) * SR);
  }
  return out;
}

test('training_waveforms: layout of §4.3 field by field, parameters in the prior, detector-frame masses, coalescence', async () => {
  const out = join(dir, 'a', 'training_waveforms.hdf5');
  const res = await runTrainingWaveforms(cfg({ output_file: out, nproc: 2 }), quiet);
  assert.equal(res.skipped, false);
  const T = DURATION * SR;
  const { attrs, datasets } = await readLayout(out);
  assert.deepEqual(Object.keys(attrs).sort(), ['duration', 'length', 'num_injections', 'right_pad', 'sample_rate']);
  assert.equal(attrs.length, N);
  assert.equal(attrs.num_injections, N);
  assert.equal(attrs.sample_rate, SR);
  assert.equal(attrs.duration, DURATION);
  assert.equal(attrs.right_pad, RIGHT_PAD);
  assert.deepEqual(Object.keys(datasets).sort(), [...BILBY.map((k) => `parameters/${k}`), 'waveforms/cross', 'waveforms/plus'].sort());
  for (const k of BILBY) {
    assert.deepEqual(datasets[`parameters/${k}`].shape, [N], k);
    assert.equal(datasets[`parameters/${k}`].dtype, '<d', k);
  }
  for (const w of ['plus', 'cross']) {
    assert.deepEqual(datasets[`waveforms/${w}`].shape, [N, T]);
    assert.equal(datasets[`waveforms/${w}`].dtype, '<d');
    assert.deepEqual(datasets[`waveforms/${w}`].chunks, [Math.min(64, N), T]);
  }
  // no branch folder or temp file left beside the output
  assert.deepEqual(readdirSync(join(dir, 'a')), ['training_waveforms.hdf5']);

  // Parameters: the branch draws recomputed here from the documented seeding (branch b = stream b+1),
  // source-frame values within the prior's bounds, stored masses = source × (1 + z) (1e-15 relative).
  const prior = getPrior('end_o3_ratesandpops');
  const stored: Record<string, Float64Array> = {};
  for (const k of BILBY) stored[k] = await readData(out, `parameters/${k}`);
  for (let b = 0; b * BATCH < N; b++) {
    const count = Math.min(BATCH, N - b * BATCH);
    const src = prior.sample(count, rngStream(SEED, b + 1));
    for (let j = 0; j < count; j++) {
      const i = b * BATCH + j;
      const z = src.redshift[j];
      assert.equal(stored.redshift[i], z);
      for (const m of ['mass_1', 'mass_2']) {
        const expected = src[m][j] * (1 + z);
        assert.ok(Math.abs(stored[m][i] - expected) <= 1e-15 * expected, `${m}[${i}]`);
      }
      for (const k of BILBY) if (k !== 'mass_1' && k !== 'mass_2') assert.equal(stored[k][i], src[k][j], `${k}[${i}]`);
    }
  }
  for (let i = 0; i < N; i++) {
    const z = stored.redshift[i];
    const m1s = stored.mass_1[i] / (1 + z);
    const m2s = stored.mass_2[i] / (1 + z);
    assert.ok(m1s >= 5 - 1e-9 && m1s <= 100 + 1e-9, `mass_1 source ${m1s}`);
    assert.ok(m2s >= 5 - 1e-9 && m2s <= m1s + 1e-9, `mass_2 source ${m2s}`);
    for (const k of ['redshift', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl', 'ra', 'dec', 'psi', 'theta_jn', 'phase']) {
      const [lo, hi] = prior.bounds(k);
      assert.ok(stored[k][i] >= lo && stored[k][i] <= hi, `${k}[${i}] = ${stored[k][i]} outside [${lo}, ${hi}]`);
    }
  }

  // Coalescence at (duration − right_pad)·sr: the peak of h+² + h×² sits there, earlier by at most the
  // merger/ring-down time scale of the binary (≤ 30 G M/c³ + 4 samples; heavier systems peak earlier),
  // and the median offset is within 8 samples (PhenomD's t = 0 is set in the frequency domain, from
  // the phase slope at the peak of |h(f)|; the time-domain peak of |h|² lies a few samples earlier).
  const off = await peakOffsets(out, N, T);
  off.forEach((o, i) => {
    const M = stored.mass_1[i] + stored.mass_2[i];
    assert.ok(o <= 4 && o >= -(4 + 30 * M * MTSUN_SI * SR), `row ${i} (M = ${M.toFixed(1)}): peak offset ${o} samples`);
  });
  const sorted = [...off].sort((a, b) => a - b);
  assert.ok(Math.abs(sorted[N >> 1]) <= 8, `median peak offset ${sorted[N >> 1]}`);

  // One worker gives the identical file; a rerun on a complete output does nothing.
  const one = join(dir, 'b', 'training_waveforms.hdf5');
  await runTrainingWaveforms(cfg({ output_file: one, nproc: 1 }), quiet);
  assert.ok(await sameFiles(out, one), '1 worker and 2 workers must write identical files');
  const mtime = statSync(out).mtimeMs;
  const again = await runTrainingWaveforms(cfg({ output_file: out, nproc: 2 }), quiet);
  assert.equal(again.skipped, true);
  assert.equal(statSync(out).mtimeMs, mtime);
});

test('training_waveforms: IMRPhenomPv2 (precessing) waveforms, coalescence placement, seed changes the draws', async () => {
  const n = 6;
  const out = join(dir, 'pv2.hdf5');
  await runTrainingWaveforms(cfg({ output_file: out, num_signals: n, batch_size: 6, waveform_approximant: 'IMRPhenomPv2', nproc: 1 }), quiet);
  const T = DURATION * SR;
  const m1 = await readData(out, 'parameters/mass_1');
  const m2 = await readData(out, 'parameters/mass_2');
  const off = await peakOffsets(out, n, T);
  off.forEach((o, i) => {
    const M = m1[i] + m2[i];
    assert.ok(o <= 4 && o >= -(4 + 30 * M * MTSUN_SI * SR), `Pv2 row ${i} (M = ${M.toFixed(1)}): peak offset ${o}`);
  });
  const plus = await readData(out, 'waveforms/plus');
  assert.ok(plus.every(Number.isFinite));
  // a different seed gives different parameters
  const other = join(dir, 'pv2-seed8.hdf5');
  await runTrainingWaveforms(cfg({ output_file: other, num_signals: n, batch_size: 6, waveform_approximant: 'IMRPhenomD', seed: 8, nproc: 1 }), quiet);
  assert.notDeepEqual(await readData(other, 'parameters/mass_1'), m1);
});

test('training_waveforms: an interrupted run leaves no final file and resumes from its branch files', async () => {
  const sub = join(dir, 'resume');
  mkdirSync(sub);
  const out = join(sub, 'training_waveforms.hdf5');
  // The final rename fails (a folder already has the output's name) after every branch finished.
  mkdirSync(out);
  await assert.rejects(runTrainingWaveforms(cfg({ output_file: out, num_signals: 20, batch_size: 10, nproc: 1 }), quiet));
  const branches = branchDirFor(out);
  assert.ok(existsSync(join(branches, 'branch-0.hdf5')) && existsSync(join(branches, 'branch-1.hdf5')));
  assert.ok(readdirSync(sub).every((f) => f === 'training_waveforms.hdf5' || f.startsWith('.')), readdirSync(sub).join(','));
  rmSync(out, { recursive: true });
  const logs: string[] = [];
  await runTrainingWaveforms(cfg({ output_file: out, num_signals: 20, batch_size: 10, nproc: 1 }), { ...quiet, log: (m) => logs.push(m) });
  assert.ok(logs.some((l) => l.includes('resuming')), logs.join('\n'));
  assert.equal(existsSync(branches), false);
  const fresh = join(sub, 'fresh.hdf5');
  await runTrainingWaveforms(cfg({ output_file: fresh, num_signals: 20, batch_size: 10, nproc: 1 }), quiet);
  assert.ok(await sameFiles(out, fresh), 'a resumed run writes the same file as an uninterrupted one');
});
