import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resample, resamplePoly, decimate, filtfiltFir, filtfiltFirTwoPass, firwin } from '../src/index.ts';
import { refs, loadArray, loadStrain, relMaxError } from './refs.ts';

// Tolerance 1e-12 relative to the reference peak amplitude (task asks ~1e-10; observed ~1e-15): both sides are
// float64 FIR sums of 61 (or 2·10·max(up,down)+1) terms, so differences are summation-order rounding (~1e-15).
const TOL = 1e-12;

test('4096 → 2048 Hz on GW150914 strain matches scipy firwin(61)+filtfilt then [::2]', async () => {
  for (const c of refs.resample.filter((r) => r.ifo)) {
    const x = await loadStrain(c.ifo as 'H1' | 'L1');
    const y = resample(x, c.fromRate!, c.toRate!);
    const ref = loadArray(c.name);
    assert.equal(y.length, ref.length);
    const err = relMaxError(y, ref);
    assert.ok(err < TOL, `${c.name}: ${err}`);
  }
});

test('16384 → 2048 Hz (factor 8) matches scipy', () => {
  const c = refs.resample.find((r) => r.name === 'decimate_H1_16384_to_2048')!;
  const y = resample(loadArray(c.input!), 16384, 2048);
  const ref = loadArray(c.name);
  assert.equal(y.length, ref.length);
  assert.ok(relMaxError(y, ref) < TOL);
});

test('resample_poly for 3/2, 2/3, 1/4, 5/1 matches scipy.signal.resample_poly', () => {
  const x = loadArray('poly_input');
  for (const c of refs.resample.filter((r) => r.up)) {
    const y = resamplePoly(x, c.up!, c.down!);
    const ref = loadArray(c.name);
    assert.equal(y.length, ref.length, c.name);
    const err = relMaxError(y, ref);
    assert.ok(err < TOL, `${c.name}: ${err}`);
  }
  // resample() routes non-integer ratios to resample_poly (3/2 up-sampling: 2048 → 3072 Hz)
  assert.deepEqual(resample(x, 2048, 3072), resamplePoly(x, 3, 2));
  // integer up-sampling ratio goes through resample_poly as well (toRate/fromRate = 5)
  assert.deepEqual(resample(x, 1000, 5000), resamplePoly(x, 5, 1));
});

test('single-pass filtfilt equals the literal two-pass lfilter/lfilter_zi definition (1e-14)', () => {
  const x = loadArray('poly_input');
  for (const cutoff of [0.5, 0.125]) {
    const b = firwin(61, cutoff);
    const fast = filtfiltFir(b, x);
    const slow = filtfiltFirTwoPass(b, x);
    assert.ok(relMaxError(fast, slow) < 1e-14, `cutoff ${cutoff}: ${relMaxError(fast, slow)}`);
    const dec = filtfiltFir(b, x, 3);
    for (let i = 0; i < dec.length; i++) assert.equal(dec[i], fast[3 * i]);
  }
});

test('FFT overlap-save and direct filtfilt evaluation agree (1e-14 of peak), with and without decimation', () => {
  const n = 50_000;
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.01) + 0.3 * Math.sin(i * 1.3 + 0.2) + ((i * 7919) % 101) / 101);
  for (const [cutoff, step] of [[0.5, 1], [0.5, 2], [0.125, 8], [0.25, 3]] as const) {
    const b = firwin(61, cutoff);
    const direct = filtfiltFir(b, x, step, 'direct');
    const viaFft = filtfiltFir(b, x, step, 'fft');
    assert.equal(viaFft.length, direct.length);
    const err = relMaxError(viaFft, direct);
    assert.ok(err < 1e-14, `cutoff ${cutoff} step ${step}: ${err}`);
  }
});

test('filtfilt of a constant is the constant (odd extension + steady-state initial conditions)', () => {
  const b = firwin(61, 0.5);
  const x = new Float64Array(1000).fill(3.25);
  const y = filtfiltFir(b, x);
  for (const v of y) assert.ok(Math.abs(v - 3.25) < 1e-13);
  // a line a + b·t is also reproduced exactly (odd extension is linear continuation; filter is symmetric)
  const ramp = Float64Array.from({ length: 1000 }, (_, i) => 1 + 0.01 * i);
  const yr = filtfiltFir(b, ramp);
  for (let i = 200; i < 800; i++) assert.ok(Math.abs(yr[i] - ramp[i]) < 1e-12);
});

test('decimation passes a low tone with unit gain and removes a tone above the new Nyquist', () => {
  const fs = 4096;
  const n = 8 * fs;
  const low = Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 100 * i) / fs));
  const high = Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 1900 * i) / fs));
  const yl = decimate(low, 2);
  const yh = decimate(high, 2);
  // Window-method FIR with a Hamming window: pass/stop-band ripple δ ≈ 0.002 (−53 dB) per pass, so the
  // forward-backward gain is within 1 ± 2δ in the pass band and ≤ δ² ≈ 5e-6 in the stop band.
  let errLow = 0;
  let maxHigh = 0;
  for (let i = 2048; i < yl.length - 2048; i++) {
    errLow = Math.max(errLow, Math.abs(yl[i] - Math.sin((2 * Math.PI * 100 * i) / 2048)));
    maxHigh = Math.max(maxHigh, Math.abs(yh[i]));
  }
  assert.ok(errLow < 5e-3, `pass-band residual ${errLow}`);
  assert.ok(maxHigh < 2e-5, `stop-band leakage ${maxHigh}`);
});

test('resample rejects invalid rates and bad samples', () => {
  const x = new Float64Array(1000);
  assert.throws(() => resample(x, 0, 2048), /fromRate must be a finite number > 0/);
  assert.throws(() => resample(x, 4096, -1), /toRate must be a finite number > 0/);
  assert.throws(() => resample(x, 4096, 4096 / Math.PI), /toRate\/fromRate must be a rational ratio/);
  assert.throws(() => resamplePoly(x, 1.5, 2), /up must be an integer >= 1/);
  const bad = x.slice();
  bad[3] = NaN;
  assert.throws(() => resample(bad, 4096, 2048), /x must contain only finite samples/);
  assert.throws(() => decimate(new Float64Array(100), 2), /x must be longer than padlen = 3·numtaps = 183/);
});
