import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { welch } from '@aframe/signal';
import { ColouredNoise } from '../src/simulated/noise.ts';
import { loadNoiseCurve, DEFAULT_NOISE_CURVES } from '../src/simulated/psd-file.ts';
import { addGlitches, glitchesInBlock, optimalSnr } from '../src/simulated/glitches.ts';
import { fetchParams } from '../src/commands/fetch.ts';
import { runFetch } from '../src/fetch-run.ts';
import { readBackground } from '../src/background.ts';

const SHARED = new URL('../../../../shared/data/', import.meta.url).pathname;
const fs = 2048;

test('noise curves: ASDs are squared, PSDs kept; log-log interpolation reproduces the rows', () => {
  const asd = loadNoiseCurve(DEFAULT_NOISE_CURVES.H1);
  const rows = readFileSync(DEFAULT_NOISE_CURVES.H1, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const [f100, a100] = rows.find(([f]) => f === 100)!;
  assert.ok(Math.abs(asd.at(f100) / (a100 * a100) - 1) < 1e-12);
  const psd = loadNoiseCurve(join(SHARED, 'psd/bilby_noise_curves/aLIGO_ZERO_DET_high_P_psd.txt'));
  assert.ok(psd.at(100) < 1e-44 && psd.at(100) > 1e-48, `${psd.at(100)}`);
  const both = loadNoiseCurve(join(SHARED, 'psd/bilby_noise_curves/aLIGO_ZERO_DET_high_P_asd.txt'));
  assert.ok(Math.abs(both.at(100) / psd.at(100) - 1) < 1e-3);
  assert.throws(() => loadNoiseCurve('/nonexistent/curve.txt'), /noise curve \/nonexistent\/curve.txt cannot be read/);
});

test('the same GPS span gives the same samples whatever the chunking', () => {
  const curve = loadNoiseCurve(DEFAULT_NOISE_CURVES.L1);
  const gen = () => new ColouredNoise({ sampleRate: fs, psd: curve.at, seed: 42, streamId: 2 });
  const t0 = 1240579783;
  const whole = gen().generate(t0, 150 * fs);
  const parts = [gen().generate(t0, 37 * fs), gen().generate(t0 + 37, 64 * fs), gen().generate(t0 + 101, 49 * fs)];
  const joined = new Float64Array(whole.length);
  let o = 0;
  for (const p of parts) {
    joined.set(p, o);
    o += p.length;
  }
  assert.deepEqual(joined, whole);
  const other = new ColouredNoise({ sampleRate: fs, psd: curve.at, seed: 43, streamId: 2 }).generate(t0, 10);
  assert.notDeepEqual(other, whole.subarray(0, 10));
});

test('Welch PSD of simulated noise matches the requested curve within its statistical error, 20–1000 Hz', () => {
  const curve = loadNoiseCurve(DEFAULT_NOISE_CURVES.H1);
  const durationS = 512;
  const x = new ColouredNoise({ sampleRate: fs, psd: curve.at, seed: 7, streamId: 1 }).generate(1240579783, durationS * fs);
  const fftlength = 4;
  const df = 1 / fftlength;
  const { psd } = welch(x, { sampleRate: fs, fftlength, average: 'mean' });
  // K segments at 50 % overlap; a Hann-windowed mean estimate has relative variance ≈ 1/(0.95·K)
  // per bin (Welch 1967; Harris 1978); summing B adjacent bins (correlated in pairs by the window)
  // reduces it by ≈ B/2.
  const K = 2 * (durationS / fftlength) - 1;
  const B = 16;
  const sigma = 1 / Math.sqrt((0.95 * K * B) / 2);
  // Expected band power: the curve integrated over the band (fine grid), in units of bins.
  const integral = (a: number, b: number) => {
    let sum = 0;
    const n = 256;
    for (let k = 0; k < n; k++) sum += (curve.at(a + ((k + 0.5) * (b - a)) / n) * (b - a)) / n;
    return sum;
  };
  const extremes = (a: number, b: number) => {
    let lo = Infinity;
    let hi = 0;
    for (let f = a; f <= b; f += 0.05) {
      lo = Math.min(lo, curve.at(f));
      hi = Math.max(hi, curve.at(f));
    }
    return hi / lo;
  };
  let worst = 0;
  let bands = 0;
  let skipped = 0;
  for (let i0 = 20 * fftlength; i0 + B <= 1000 * fftlength; i0 += B) {
    const a = (i0 - 0.5) * df;
    const b = (i0 + B - 0.5) * df;
    // Narrow lines (e.g. 299.75 Hz, the 998 Hz violin harmonic) leak into neighbouring bins through
    // the Hann window's sidelobes, an estimator property: bands within 2 Hz of one are skipped.
    if (extremes(a - 2, b + 2) > 4) {
      skipped++;
      continue;
    }
    let sum = 0;
    for (let i = i0; i < i0 + B; i++) sum += psd[i];
    const ratio = (sum * df) / integral(a, b);
    worst = Math.max(worst, Math.abs(ratio - 1) / sigma);
    bands++;
  }
  assert.ok(bands > 200, `${bands} line-free bands`);
  // The largest of ~230 |N(0,1)| draws exceeds 4.5 with probability < 0.2 %.
  assert.ok(worst < 4.5, `worst band deviation ${worst.toFixed(2)} sigma over ${bands} bands, ${skipped} skipped (sigma=${sigma.toExponential(2)})`);
});

test('glitches: chunk-independent, scaled to their SNR, logged in a sidecar table', async () => {
  const curve = loadNoiseCurve(DEFAULT_NOISE_CURVES.H1);
  const opts = { rateHz: 0.5, snrMin: 10, snrMax: 20 };
  const gl = glitchesInBlock(3, 'H1', 1, 19383000, opts);
  assert.ok(gl.length > 10 && gl.length < 60, `${gl.length} glitches in 64 s at 0.5 Hz`);
  // Add to zeros: the injected signal alone must have the drawn SNR.
  const t0 = 19383000 * 64;
  const data = new Float64Array(64 * fs);
  const inside = addGlitches(data, t0, fs, curve.at, 3, 'H1', 1, opts);
  assert.ok(inside.length >= gl.length - 2);
  const g = inside[Math.floor(inside.length / 2)];
  const only = new Float64Array(64 * fs);
  addGlitches(only, t0, fs, curve.at, 3, 'H1', 1, opts); // deterministic: a second call adds the same glitches
  assert.deepEqual(only, data);
  assert.ok(g.snr >= 10 && g.snr <= 20);
  // Two halves give the same samples as the whole.
  const a = new Float64Array(32 * fs);
  const b = new Float64Array(32 * fs);
  addGlitches(a, t0, fs, curve.at, 3, 'H1', 1, opts);
  addGlitches(b, t0 + 32, fs, curve.at, 3, 'H1', 1, opts);
  for (let i = 0; i < a.length; i += 997) {
    assert.ok(Math.abs(a[i] - data[i]) <= 1e-12 * Math.abs(data[i]) + 1e-40);
    assert.ok(Math.abs(b[i] - data[32 * fs + i]) <= 1e-12 * Math.abs(data[32 * fs + i]) + 1e-40);
  }
  // Analytic reference: against a flat one-sided PSD S0, ρ² = (2/S0)∫h²dt, and for
  // h = A·exp(−t²/τ²)·sin(2πf0t) with f0·τ ≫ 1, ∫h²dt = A²·τ·√(π/2)/2, so ρ = A·√(τ·√(π/2)/S0).
  const tau = 0.02;
  const amp = 3e-22;
  const s0 = 1e-46;
  const h = new Float64Array(4 * fs);
  for (let k = 0; k < h.length; k++) {
    const dt = (k - 2 * fs) / fs;
    h[k] = amp * Math.exp(-((dt / tau) ** 2)) * Math.sin(2 * Math.PI * 150 * dt);
  }
  const expected = amp * Math.sqrt((tau * Math.sqrt(Math.PI / 2)) / s0);
  assert.ok(Math.abs(optimalSnr(h, fs, () => s0) / expected - 1) < 1e-9, `${optimalSnr(h, fs, () => s0)} vs ${expected}`);
  // A lone glitch written into zeros carries its drawn SNR against the curve (placement and scaling).
  const sparse = { rateHz: 0.05, snrMin: 10, snrMax: 20 };
  let lone: { block: number; g: ReturnType<typeof glitchesInBlock>[number] } | null = null;
  for (let b = 19383000; b < 19383100 && !lone; b++) {
    const here = glitchesInBlock(3, 'H1', 1, b, sparse);
    const near = [...glitchesInBlock(3, 'H1', 1, b - 1, sparse), ...glitchesInBlock(3, 'H1', 1, b + 1, sparse)];
    const off = here.length === 1 ? here[0].gpsTime - b * 64 : 0;
    if (here.length === 1 && off > 4 && off < 60 && near.every((x) => Math.abs(x.gpsTime - here[0].gpsTime) > 4)) lone = { block: b, g: here[0] };
  }
  assert.ok(lone, 'a block with one isolated glitch');
  const zeros = new Float64Array(64 * fs);
  addGlitches(zeros, lone.block * 64, fs, curve.at, 3, 'H1', 1, sparse);
  const from = Math.ceil((lone.g.gpsTime - 2) * fs) - lone.block * 64 * fs;
  const snr = optimalSnr(zeros.slice(from, from + 4 * fs), fs, curve.at);
  assert.ok(Math.abs(snr / lone.g.snr - 1) < 1e-9, `${snr} vs drawn ${lone.g.snr}`);

  const dir = mkdtempSync(join(tmpdir(), 'sim-'));
  try {
    const [r] = await runFetch(
      fetchParams.parse({ start: t0, end: t0 + 64, output_directory: dir, glitch_rate: 0.5, glitch_snr_range: [10, 20], seed: 3, nproc: 1 }),
      { log: () => {}, env: { AFRAME_QUIET: '1' } },
    );
    const csv = readFileSync(r.path.replace('.hdf5', '.glitches.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'ifo,gps_time,kind,frequency_hz,q,phase,snr');
    assert.ok(csv.length > 20);
    const bg = await readBackground(r.path);
    assert.deepEqual(Object.keys(bg.channels).sort(), ['H1', 'L1']);
    assert.equal(bg.channels.H1.length, 64 * fs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
