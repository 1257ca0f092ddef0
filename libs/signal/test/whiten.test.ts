import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whiten, whitenBatch, welch, interpolatePsd, Whitener } from '../src/index.ts';
import { refs, loadArray, relMaxError, gaussian } from './refs.ts';

// Tolerance 1e-10 relative to the peak |output|: both sides are float64 FFT pipelines (numpy pocketfft vs
// fft.js); the whitening filter divides by the ASD (~1e-23), so differences are FFT rounding amplified by
// the filter dynamic range (observed 1.5e-13 to 5.4e-13).
const TOL = 1e-10;

test('whiten matches the numpy implementation of §10.1 on GW150914 strain (batch and single channel)', () => {
  const series = [loadArray('decimate_H1_4096_to_2048'), loadArray('decimate_L1_4096_to_2048')];
  for (const c of refs.whiten) {
    const N = c.length;
    const B = c.starts.length;
    const data = new Float64Array(B * 2 * N);
    c.starts.forEach((s, b) => {
      for (let ch = 0; ch < 2; ch++) data.set(series[ch].subarray(s, s + N), (b * 2 + ch) * N);
    });
    const psd = loadArray(c.psd);
    const opts = { sampleRate: c.sampleRate, fduration: c.fduration, highpass: c.highpass ?? undefined, lowpass: c.lowpass ?? undefined };
    const out = whitenBatch({ data, batch: B, channels: 2, length: N }, psd, opts);
    assert.equal(out.length, c.outLength);
    const ref = loadArray(c.name);
    const err = relMaxError(out.data, ref);
    assert.ok(err < TOL, `${c.name}: ${err}`);
    // single-channel API on one row
    const single = whiten(data.subarray(2 * N, 3 * N), psd.subarray(0, c.psdBins), opts);
    const err1 = relMaxError(single, ref.subarray(2 * c.outLength, 3 * c.outLength));
    assert.ok(err1 < TOL, `${c.name} single: ${err1}`);
  }
});

test('psd per batch element gives the same result as a shared psd repeated', () => {
  const x = gaussian(3 * 2 * 4096, 11);
  const psdShared = new Float64Array(2 * 2049);
  for (let k = 0; k < 2049; k++) {
    psdShared[k] = 1e-3 * (1 + (k / 100) ** 2);
    psdShared[2049 + k] = 2e-3 * (1 + 1 / (1 + k));
  }
  const psdPer = new Float64Array(3 * 2 * 2049);
  for (let b = 0; b < 3; b++) psdPer.set(psdShared, b * 2 * 2049);
  const opts = { sampleRate: 2048, fduration: 1, highpass: 20 };
  const a = whitenBatch({ data: x, batch: 3, channels: 2, length: 4096 }, psdShared, opts);
  const b = whitenBatch({ data: x, batch: 3, channels: 2, length: 4096 }, psdPer, { ...opts, psdPerBatch: true });
  assert.deepEqual(a.data, b.data);
  // Float32 input gives Float32 output of the same values (rounded)
  const f32 = whitenBatch({ data: Float32Array.from(x), batch: 3, channels: 2, length: 4096 }, psdShared, opts);
  assert.ok(f32.data instanceof Float32Array);
  assert.ok(relMaxError(f32.data, a.data) < 1e-6);
  // a caller-provided output buffer is filled and returned
  const buf = new Float64Array(3 * 2 * 2048);
  const c = whitenBatch({ data: x, batch: 3, channels: 2, length: 4096 }, psdShared, { ...opts, out: buf });
  assert.equal(c.data, buf);
  assert.deepEqual(c.data, a.data);
  assert.throws(
    () => whitenBatch({ data: x, batch: 3, channels: 2, length: 4096 }, psdShared, { ...opts, out: new Float64Array(5) }),
    /out must be a Float64Array of batch·channels·\(length − 2·pad\) = 12288 samples/,
  );
  // an odd number of rows (pairs + one single row) equals whitening each row alone
  const odd = whitenBatch({ data: x.subarray(0, 3 * 4096), batch: 3, channels: 1, length: 4096 }, psdShared.subarray(0, 2049), opts);
  for (let r = 0; r < 3; r++) {
    const single = whiten(x.subarray(r * 4096, (r + 1) * 4096), psdShared.subarray(0, 2049), opts);
    assert.ok(relMaxError(odd.data.subarray(r * 2048, (r + 1) * 2048), single) < 1e-13, `row ${r}`);
  }
});

test('whitened white noise has unit variance (PSD 2σ²/fs)', () => {
  const fs = 2048;
  const sigma = 5e-3;
  const x = gaussian(64 * fs, 3, sigma);
  const psd = new Float64Array(fs / 2 + 1).fill((2 * sigma * sigma) / fs);
  const y = whiten(x, psd, { sampleRate: fs, fduration: 2 });
  let m = 0;
  for (const v of y) m += v;
  m /= y.length;
  let v2 = 0;
  for (const v of y) v2 += (v - m) ** 2;
  v2 /= y.length;
  // 126·2048 samples: standard error of the variance ≈ √(2/n) ≈ 0.3 %; allow 2 %.
  assert.ok(Math.abs(v2 - 1) < 0.02, `variance ${v2}`);
  // with a Welch-estimated PSD of the same noise the variance is still ≈ 1
  const est = welch(x, { sampleRate: fs, fftlength: 2, average: 'median' });
  const y2 = whiten(x, est.psd, { sampleRate: fs, fduration: 2 });
  let s2 = 0;
  for (const v of y2) s2 += v * v;
  s2 /= y2.length;
  assert.ok(Math.abs(s2 - 1) < 0.03, `variance with Welch PSD ${s2}`);
});

test('a Gaussian pulse stays centred after whitening coloured noise (ml4gw test, 0.01 s)', () => {
  const fs = 2048;
  const n = 8 * fs;
  const x = new Float64Array(n);
  const t0 = 4;
  for (let i = 0; i < n; i++) x[i] = Math.exp(-(((i / fs - t0) / 0.005) ** 2));
  const psd = new Float64Array(n / 2 + 1);
  for (let k = 0; k < psd.length; k++) psd[k] = 1e-4 * (1 + (30 / Math.max(k * 0.125, 1)) ** 4);
  const y = whiten(x, psd, { sampleRate: fs, fduration: 1, highpass: 20 });
  let best = 0;
  for (let i = 0; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[best])) best = i;
  const tPeak = (best + fs / 2) / fs;
  assert.ok(Math.abs(tPeak - t0) < 0.01, `peak at ${tPeak}`);
});

test('PSD interpolation matches torch linear (align_corners=False) as computed with numpy', () => {
  const s = refs.small;
  assert.ok(relMaxError(interpolatePsd(s.interp_in, 77), s.interp_out_77) < 1e-14);
  assert.ok(relMaxError(interpolatePsd(s.interp_in, 20), s.interp_out_20) < 1e-14);
  assert.deepEqual(Array.from(interpolatePsd([1, 2, 3], 3)), [1, 2, 3]);
  assert.deepEqual(Array.from(interpolatePsd([1, 3], 4, 'nearest')), [1, 1, 3, 3]);
});

test('whiten rejects bad input naming the argument', () => {
  const x = new Float64Array(4096).map((_, i) => Math.sin(i));
  const psd = new Float64Array(2049).fill(1);
  const o = { sampleRate: 2048, fduration: 1 };
  assert.throws(() => whiten(x, psd, { ...o, fduration: 2 }), /fduration must be shorter than the data/);
  assert.throws(() => whiten(x, psd, { ...o, fduration: 0 }), /fduration must be a finite number > 0/);
  const zero = psd.slice();
  zero[10] = 0;
  assert.throws(() => whiten(x, zero, o), /psd must be finite and > 0 in every bin; bin 10 is 0/);
  zero[10] = -1;
  assert.throws(() => whiten(x, zero, o), /bin 10 is -1/);
  const bad = x.slice();
  bad[5] = Infinity;
  assert.throws(() => whiten(bad, psd, o), /x must contain only finite samples; found Infinity at index 5/);
  assert.throws(() => whiten(x, psd, { ...o, highpass: 2000 }), /highpass must be in \[0, 1024\)/);
  assert.throws(() => whiten(x, psd, { ...o, highpass: 100, lowpass: 50 }), /lowpass must be > highpass/);
  assert.throws(() => new Whitener(4096, { sampleRate: -1, fduration: 1 }), /sampleRate must be a finite number > 0/);
  assert.throws(
    () => whitenBatch({ data: new Float64Array(10), batch: 2, channels: 2, length: 4096 }, psd, o),
    /x.data must have batch·channels·length = 16384 samples, got 10/,
  );
});
