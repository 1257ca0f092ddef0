import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rfft, irfft, fft, ifft, RealFFT, ComplexFFT, fftBackend, rfftFrequencies } from '../src/index.ts';

/** Naive O(n²) DFT of interleaved complex data: the definition, used as the reference. */
function directDft(x: Float64Array, sign = -1): Float64Array {
  const n = x.length / 2;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const ang = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(ang);
      const s = Math.sin(ang);
      sr += x[2 * j] * c - x[2 * j + 1] * s;
      si += x[2 * j] * s + x[2 * j + 1] * c;
    }
    out[2 * k] = sr;
    out[2 * k + 1] = si;
  }
  return out;
}

/** Deterministic pseudo-random numbers (LCG) so failures are reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

// Sizes cover every backend path: trivial, fft.js (powers of two), one Cooley–Tukey step over
// fft.js (small odd factor), and Bluestein (large odd factor, primes).
const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 17, 20, 24, 30, 40, 64, 96, 97, 100, 127, 160, 255, 256, 320, 1000, 1024, 1791];

test('rfft matches the direct DFT for odd and even n (rel. 1e-12 of max |X|)', () => {
  const rnd = lcg(1);
  for (const n of SIZES) {
    const x = new Float64Array(n).map(() => rnd());
    const xc = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) xc[2 * i] = x[i];
    const ref = directDft(xc);
    const got = rfft(x);
    assert.equal(got.length, 2 * (Math.floor(n / 2) + 1), `length for n=${n}`);
    const scale = maxAbs(ref);
    for (let i = 0; i < got.length; i++) {
      assert.ok(Math.abs(got[i] - ref[i]) <= 1e-12 * scale, `n=${n} (${fftBackend(n)}) index ${i}: ${got[i]} vs ${ref[i]}`);
    }
  }
});

test('irfft(rfft(x), n) round-trips to 1e-14 absolute for unit-scale data', () => {
  const rnd = lcg(2);
  for (const n of [...SIZES, 5120, 7164, 4096]) {
    const x = new Float64Array(n).map(() => rnd());
    const back = irfft(rfft(x), n);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(back[i] - x[i]) < 1e-14, `n=${n} i=${i}`);
  }
});

test('complex fft/ifft match the direct DFT (numpy conventions: ifft has 1/n)', () => {
  const rnd = lcg(3);
  for (const n of [1, 2, 3, 5, 8, 10, 21, 64, 99, 160, 257]) {
    const z = new Float64Array(2 * n).map(() => rnd());
    const ref = directDft(z);
    const got = fft(z);
    const scale = maxAbs(ref);
    for (let i = 0; i < 2 * n; i++) assert.ok(Math.abs(got[i] - ref[i]) <= 1e-12 * scale, `fft n=${n} i=${i}`);
    const refInv = directDft(z, +1).map((v) => v / n);
    const inv = ifft(z);
    for (let i = 0; i < 2 * n; i++) assert.ok(Math.abs(inv[i] - refInv[i]) <= 1e-12 * scale, `ifft n=${n} i=${i}`);
  }
});

test('irfft follows numpy: ignores imag of DC/Nyquist, zero-pads short and truncates long spectra', () => {
  // numpy 1.24: np.fft.irfft([1+2j, 3, 5+7j], 4) == [3., -1., 0., -1.] (DC and Nyquist imag dropped)
  const spec = new Float64Array([1, 2, 3, 0, 5, 7]);
  const got = irfft(spec, 4);
  assert.deepEqual(Array.from(got, (v) => Math.round(v * 1e12) / 1e12), [3, -1, 0, -1]);
  // np.fft.irfft([4, 2], 4) == [2., 1., 0., 1.]  (missing bins are zero)
  const short = irfft(new Float64Array([4, 0, 2, 0]), 4);
  assert.deepEqual(Array.from(short, (v) => Math.round(v * 1e12) / 1e12), [2, 1, 0, 1]);
  // np.fft.irfft([1, 1, 1, 1], 2) == [1., 0.]  (extra bins ignored)
  const long = irfft(new Float64Array([1, 0, 1, 0, 1, 0, 1, 0]), 2);
  assert.deepEqual(Array.from(long, (v) => Math.round(v * 1e12) / 1e12), [1, 0]);
});

test('plans reuse outputs and in-place complex transforms work', () => {
  const plan = new RealFFT(12);
  const out = new Float64Array(14);
  const x = new Float64Array(12).map((_, i) => Math.sin(i));
  assert.equal(plan.forward(x, out), out);
  const y = new Float64Array(12);
  assert.equal(plan.inverse(out, y), y);
  for (let i = 0; i < 12; i++) assert.ok(Math.abs(y[i] - x[i]) < 1e-14);
  const c = new ComplexFFT(6);
  const z = new Float64Array(12).map((_, i) => i);
  const ref = directDft(z);
  c.forward(z, z);
  for (let i = 0; i < 12; i++) assert.ok(Math.abs(z[i] - ref[i]) < 1e-12);
});

test('rfftFrequencies matches numpy.fft.rfftfreq', () => {
  assert.deepEqual(Array.from(rfftFrequencies(5, 10)), [0, 2, 4]);
  assert.deepEqual(Array.from(rfftFrequencies(4, 8)), [0, 2, 4]);
});

test('bad lengths throw naming the argument', () => {
  assert.throws(() => new RealFFT(0), /n must be a positive integer/);
  assert.throws(() => new RealFFT(2.5), /n must be a positive integer/);
  assert.throws(() => irfft(new Float64Array(4), -1), /n must be a positive integer/);
  assert.throws(() => new RealFFT(8).forward(new Float64Array(7)), /x must have length n = 8/);
  assert.throws(() => fft(new Float64Array(3)), /x must be interleaved complex/);
});
