/**
 * validation_waveforms and testing_waveforms (reference §2.5–2.6, §4.3): layouts read back with
 * h5wasm, SNR threshold and an independent SNR recomputation against a median-Welch PSD of a
 * simulated background, bookkeeping of accepted/rejected/num_injections, injection times,
 * reproducibility and worker-count independence.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBackground } from '../src/background.ts';
import { validationWaveformsParams } from '../src/commands/validation-waveforms.ts';
import { testingWaveformsParams } from '../src/commands/testing-waveforms.ts';
import { runValidationWaveforms } from '../src/waveform-sets/validation.ts';
import { runTestingWaveforms } from '../src/waveform-sets/testing.ts';
import { adler32, campaignFingerprint, injectionTimes } from '../src/waveform-sets/injection-times.ts';
import { rngStream } from '@aframe/priors';
import { makeBackground, quiet, readData, readLayout, referencePsd, referenceSnr, sameFiles } from './waveform-sets/helpers.ts';

let dir: string;
let background: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rejection-wf-'));
  background = await makeBackground(join(dir, 'bg'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const BILBY = ['mass_1', 'mass_2', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl', 'ra', 'dec', 'redshift', 'psi', 'theta_jn', 'phase'];
const SR = 2048;
const DURATION = 8;
const T = SR * DURATION;
const THRESHOLD = 8;
const HIGHPASS = 32;

// nonspin_bbh (z ≤ 0.5) accepts a good fraction of draws at SNR ≥ 8, which keeps the tests short.
const common = {
  prior: 'nonspin_bbh',
  waveform_approximant: 'IMRPhenomD',
  sample_rate: SR,
  waveform_duration: DURATION,
  right_pad: 2,
  ifos: ['H1', 'L1'],
  snr_threshold: THRESHOLD,
  highpass: HIGHPASS,
  batch_size: 8,
};

test('validation_waveforms: §4.3 layout, SNR >= threshold, recorded SNR = independent recomputation, bookkeeping', async () => {
  const n = 10;
  const out = join(dir, 'val', 'val_waveforms.hdf5');
  const res = await runValidationWaveforms(
    validationWaveformsParams.parse({ ...common, num_signals: n, seed: 11, psd: background, output_file: out, nproc: 2 }),
    quiet,
  );
  const o = res.outcome!;
  const { attrs, datasets } = await readLayout(out);
  assert.deepEqual(Object.keys(attrs).sort(), ['duration', 'ifos', 'length', 'num_injections', 'right_pad', 'sample_rate']);
  assert.deepEqual(attrs.ifos, ['H1', 'L1']);
  assert.equal(attrs.length, n);
  assert.equal(attrs.sample_rate, SR);
  assert.equal(attrs.duration, DURATION);
  assert.equal(attrs.right_pad, 2);
  assert.equal(attrs.num_injections, o.numInjections);
  // §2.5 bookkeeping: every draw of every pass is counted; accepted + rejected + the discarded tail of
  // the final pass (draws after the n-th acceptance) = num_injections.
  assert.equal(o.accepted, n);
  assert.equal(o.accepted + o.rejected + o.discarded, o.numInjections);
  assert.ok(o.numInjections > n, 'some draws must have been rejected at SNR 8');
  const expected = [...BILBY.map((k) => `parameters/${k}`), 'parameters/snr', 'parameters/ifo_snrs', 'waveforms/h1', 'waveforms/l1'];
  assert.deepEqual(Object.keys(datasets).sort(), expected.sort());
  for (const [name, d] of Object.entries(datasets)) {
    assert.equal(d.dtype, '<d', name);
    if (name === 'parameters/ifo_snrs') assert.deepEqual(d.shape, [n, 2]);
    else if (name.startsWith('waveforms/')) {
      assert.deepEqual(d.shape, [n, T]);
      assert.deepEqual(d.chunks, [Math.min(64, n), T]);
    } else assert.deepEqual(d.shape, [n], name);
  }
  assert.deepEqual(readdirSync(join(dir, 'val')), ['val_waveforms.hdf5']);

  // Independent SNR: PSD by median Welch (fftlength = waveform duration) of the background, SNR
  // from its definition with our own rfft loop. 1e-6 relative (both float64; differences are rounding).
  const bg = await readBackground(background);
  const psds = { h1: referencePsd(bg.channels.H1, SR, DURATION), l1: referencePsd(bg.channels.L1, SR, DURATION) };
  const snr = await readData(out, 'parameters/snr');
  const ifoSnrs = await readData(out, 'parameters/ifo_snrs');
  for (const ifo of ['h1', 'l1'] as const) {
    const h = await readData(out, `waveforms/${ifo}`);
    for (let i = 0; i < n; i++) {
      const ref = referenceSnr(h.subarray(i * T, (i + 1) * T), psds[ifo], SR, HIGHPASS);
      const got = ifoSnrs[i * 2 + (ifo === 'h1' ? 0 : 1)];
      assert.ok(Math.abs(got - ref) <= 1e-6 * ref, `${ifo}[${i}]: ${got} vs ${ref}`);
    }
  }
  for (let i = 0; i < n; i++) {
    assert.ok(snr[i] >= THRESHOLD, `snr[${i}] = ${snr[i]}`);
    assert.ok(Math.abs(snr[i] - Math.hypot(ifoSnrs[2 * i], ifoSnrs[2 * i + 1])) <= 1e-12 * snr[i]);
  }
});

test('testing_waveforms: injection times (§2.6 arange + jitter), shifts, rejected parameters, seed, 1 vs 2 workers', async () => {
  const start = 1240579783;
  const end = start + 260;
  const shifts = [0, 1];
  const base = { ...common, start, end, shifts, spacing: 16, buffer: 16, jitter: 0.1, seed: 1122, psd_file: background };
  const outA = join(dir, 'testA');
  const res = await runTestingWaveforms(testingWaveformsParams.parse({ ...base, output_dir: outA, nproc: 2 }), quiet);
  assert.deepEqual(readdirSync(outA).sort(), ['rejected-parameters.hdf5', 'waveforms.hdf5']);

  // §2.6 by hand: buffer' = 16 + 4, spacing' = 16 + 8, arange(start + 20, end − 1 − 20, 24) → ceil(219/24) = 10 times.
  const grid: number[] = [];
  for (let t = start + 20; t < end - 1 - 20; t += 24) grid.push(t);
  assert.equal(grid.length, 10);
  const times = await readData(join(outA, 'waveforms.hdf5'), 'parameters/injection_time');
  assert.equal(times.length, grid.length);
  times.forEach((t, i) => assert.ok(Math.abs(t - grid[i]) <= 0.1 && t !== grid[i], `time ${i}: ${t} vs grid ${grid[i]}`));
  const shift = await readData(join(outA, 'waveforms.hdf5'), 'parameters/shift');
  assert.deepEqual(Array.from(shift), grid.flatMap(() => shifts));

  const w = await readLayout(join(outA, 'waveforms.hdf5'));
  assert.deepEqual(Object.keys(w.attrs).sort(), ['duration', 'ifos', 'length', 'num_injections', 'right_pad', 'sample_rate']);
  assert.equal(w.attrs.length, 10);
  assert.deepEqual(w.datasets['parameters/shift'].shape, [10, 2]);
  assert.deepEqual(w.datasets['parameters/injection_time'].shape, [10]);
  assert.deepEqual(w.datasets['waveforms/h1'].chunks, [10, T]);
  for (const d of Object.values(w.datasets)) assert.equal(d.dtype, '<d');
  const r = await readLayout(join(outA, 'rejected-parameters.hdf5'));
  assert.deepEqual(Object.keys(r.attrs).sort(), ['ifos', 'length']);
  assert.deepEqual(Object.keys(r.datasets).sort(), [...BILBY, 'snr', 'ifo_snrs'].map((k) => `parameters/${k}`).sort());
  const o = res.outcome!;
  assert.equal(r.attrs.length, o.rejected);
  assert.equal(w.attrs.num_injections, o.numInjections);
  assert.equal(10 + (r.attrs.length as number) + o.discarded, w.attrs.num_injections);
  const rejectedSnr = await readData(join(outA, 'rejected-parameters.hdf5'), 'parameters/snr');
  assert.ok(rejectedSnr.every((s) => s < THRESHOLD));
  assert.ok((await readData(join(outA, 'waveforms.hdf5'), 'parameters/snr')).every((s) => s >= THRESHOLD));
  // The campaign seed is seed + adler32 of the Python tuple repr (zlib.adler32 value from Python 3).
  assert.equal(campaignFingerprint(1241507847, 1241513000, [0, 1]), '(1241507847.0, 1241513000.0, 0, 1)');
  assert.equal(adler32('(1241507847.0, 1241513000.0, 0, 1)'), 1899824715);
  assert.equal(adler32('Wikipedia'), 300286872);
  assert.equal(res.seed, 1122 + adler32(campaignFingerprint(start, end, shifts)));

  // Same seed, one worker: identical files. Another seed: other times and parameters.
  const outB = join(dir, 'testB');
  await runTestingWaveforms(testingWaveformsParams.parse({ ...base, output_dir: outB, nproc: 1 }), quiet);
  assert.ok(await sameFiles(join(outA, 'waveforms.hdf5'), join(outB, 'waveforms.hdf5')));
  assert.ok(await sameFiles(join(outA, 'rejected-parameters.hdf5'), join(outB, 'rejected-parameters.hdf5')));
  // The stored times are the §2.6 grid plus the jitter of stream 0 of the campaign seed; another seed moves them.
  const opts = { start, end, shifts, spacing: 16, buffer: 16, waveformDurationS: DURATION, jitter: 0.1 };
  assert.deepEqual(injectionTimes(opts, rngStream(res.seed!, 0)), times);
  assert.notDeepEqual(injectionTimes(opts, rngStream(1123 + adler32(campaignFingerprint(start, end, shifts)), 0)), times);
  // a rerun finds both outputs and does nothing
  const again = await runTestingWaveforms(testingWaveformsParams.parse({ ...base, output_dir: outA, nproc: 2 }), quiet);
  assert.equal(again.skipped, true);
});

test('rejection branch: a finished branch (mask + both files present) is not redone on resume', async () => {
  const { default: rejectionBranch } = await import('../src/waveform-sets/rejection-worker.ts');
  const { loadPsds } = await import('../src/waveform-sets/psd.ts');
  const sub = join(dir, 'branch');
  mkdirSync(sub);
  const task = {
    settings: { approximant: 'IMRPhenomD', sampleRate: SR, waveformDurationS: DURATION, minimumFrequency: 20, referenceFrequency: 50, rightPadS: 2 },
    projection: { ifos: ['H1', 'L1'], psds: await loadPsds(background, ['H1', 'L1'], DURATION, SR), highpass: HIGHPASS, lowpass: null, snrThreshold: THRESHOLD, timeShift: 'integer-roll' as const },
    priorName: 'nonspin_bbh',
    seed: 5,
    branch: 3,
    count: 6,
    acceptedPath: join(sub, 'accepted-3.hdf5'),
    rejectedPath: join(sub, 'rejected-3.hdf5'),
    maskPath: join(sub, 'mask-3.json'),
  };
  const first = await rejectionBranch(task);
  assert.equal(first.skipped, false);
  const mtime = statSync(task.acceptedPath).mtimeMs;
  const second = await rejectionBranch(task);
  assert.equal(second.skipped, true);
  assert.deepEqual(second.mask, first.mask);
  assert.equal(statSync(task.acceptedPath).mtimeMs, mtime);
  const accepted = first.mask.reduce((s, m) => s + m, 0);
  assert.equal((await readLayout(task.acceptedPath)).attrs.length, accepted);
  assert.equal((await readLayout(task.rejectedPath)).attrs.length, task.count - accepted);
});
