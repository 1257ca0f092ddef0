/**
 * SNR against closed forms (flat PSD):
 *  - sinusoid on a bin: ρ² = A²·D/S0 (D = duration), 1e-12 relative;
 *  - sine-Gaussian: ρ² = A²σ√π(1 + e^{−4π²f0²σ²})/S0, 1e-10 relative (band-limited, spectrally exact);
 *  - band edges: f ≥ highpass included, f < lowpass (bin at lowpass excluded);
 *  - network SNR = sqrt(Σ ρ_i²); rescaling hits the target (1e-12);
 *  - guards: NaN strain, PSD zeros in band, SNR > maxSnr.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeIfoSnr,
  computeNetworkSnr,
  interpolatePsd,
  reweightSnrs,
  type TimeSeries3d,
} from '../src/index.ts';

const SR = 2048;
const T = 8 * SR;
const BINS = T / 2 + 1;
const S0 = 4e-46;

function flatPsd(value = S0): Float64Array {
  return new Float64Array(BINS).fill(value);
}

function series(rows: Float64Array[], channels = rows.length): TimeSeries3d {
  const length = rows[0].length;
  const data = new Float64Array(rows.length * length);
  rows.forEach((r, i) => data.set(r, i * length));
  return { data, batch: rows.length / channels, channels, length };
}

function sinusoid(amp: number, freqHz: number, phase = 0.3): Float64Array {
  const x = new Float64Array(T);
  for (let t = 0; t < T; t++) x[t] = amp * Math.sin(2 * Math.PI * freqHz * (t / SR) + phase);
  return x;
}

function sineGaussian(amp: number, f0: number, sigma: number, t0: number): Float64Array {
  const x = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const u = t / SR - t0;
    x[t] = amp * Math.exp(-(u * u) / (2 * sigma * sigma)) * Math.cos(2 * Math.PI * f0 * u);
  }
  return x;
}

test('sinusoid on a frequency bin: ρ = A·sqrt(D/S0) (1e-12 relative)', () => {
  const amp = 3e-22;
  const durationS = T / SR;
  for (const f of [20, 100.125, 733.5]) {
    const snr = computeIfoSnr(series([sinusoid(amp, f)]), flatPsd(), SR)[0];
    const expected = amp * Math.sqrt(durationS / S0);
    assert.ok(Math.abs(snr / expected - 1) < 1e-12, `f=${f}: ${snr} vs ${expected}`);
  }
});

test('sine-Gaussian: ρ² = A²σ√π(1 + e^{−4π²f0²σ²})/S0 (1e-10 relative)', () => {
  const amp = 1e-21;
  for (const [f0, sigma] of [[150, 0.05], [60, 0.2], [400, 0.01]]) {
    const snr = computeIfoSnr(series([sineGaussian(amp, f0, sigma, 4.1)]), flatPsd(), SR)[0];
    const expected = Math.sqrt((amp * amp * sigma * Math.sqrt(Math.PI) * (1 + Math.exp(-4 * Math.PI ** 2 * f0 ** 2 * sigma ** 2))) / S0);
    assert.ok(Math.abs(snr / expected - 1) < 1e-10, `f0=${f0} σ=${sigma}: ${snr} vs ${expected}`);
  }
});

test('band masks: f ≥ highpass included, f < lowpass, bin at lowpass excluded', () => {
  const amp = 1e-22;
  const full = amp * Math.sqrt(T / SR / S0);
  const x = series([sinusoid(amp, 32)]);
  assert.ok(Math.abs(computeIfoSnr(x, flatPsd(), SR, { highpass: 32 })[0] / full - 1) < 1e-12);
  assert.ok(computeIfoSnr(x, flatPsd(), SR, { highpass: 32.125 })[0] < 1e-9 * full);
  assert.ok(computeIfoSnr(x, flatPsd(), SR, { lowpass: 32 })[0] < 1e-9 * full);
  assert.ok(Math.abs(computeIfoSnr(x, flatPsd(), SR, { lowpass: 32.125 })[0] / full - 1) < 1e-12);
});

test('coloured PSD: two tones weighted by 1/S at their own frequencies (1e-12)', () => {
  const a1 = 2e-22;
  const a2 = 5e-22;
  const x = sinusoid(a1, 50);
  const y = sinusoid(a2, 300, 1.1);
  for (let t = 0; t < T; t++) x[t] += y[t];
  const psd = new Float64Array(BINS);
  for (let k = 0; k < BINS; k++) psd[k] = 1e-46 * (1 + (k / 8 / 100) ** 2); // f = k/8 Hz
  const snr = computeIfoSnr(series([x]), psd, SR)[0];
  const d = T / SR;
  const expected = Math.sqrt((a1 * a1 * d) / psd[50 * 8] + (a2 * a2 * d) / psd[300 * 8]);
  assert.ok(Math.abs(snr / expected - 1) < 1e-12, `${snr} vs ${expected}`);
});

test('network SNR is sqrt of the sum of squares; per-channel PSDs broadcast; reweight hits the target', () => {
  const h = sineGaussian(1e-21, 120, 0.05, 3);
  const l = sineGaussian(0.6e-21, 180, 0.03, 5);
  const x = series([h, l, l, h], 2); // batch 2 × channels 2
  const psds = [flatPsd(S0), flatPsd(2 * S0)];
  const ifo = computeIfoSnr(x, psds, SR, { highpass: 20 });
  const net = computeNetworkSnr(x, psds, SR, { highpass: 20 });
  for (let b = 0; b < 2; b++) {
    assert.ok(Math.abs(net[b] - Math.hypot(ifo[2 * b], ifo[2 * b + 1])) < 1e-12 * net[b]);
  }
  // channel 1 PSD is twice channel 0: ρ(l on ch1) = ρ(l on ch0)/√2
  const lOnly = computeIfoSnr(series([l]), flatPsd(S0), SR, { highpass: 20 })[0];
  assert.ok(Math.abs(ifo[1] - lOnly / Math.SQRT2) < 1e-12 * lOnly);
  // explicit (batch, channels, F) PSD: batch element 1 gets 4× the PSD → half the SNR
  const p3 = new Float64Array(2 * 2 * BINS);
  p3.set(psds[0], 0);
  p3.set(psds[1], BINS);
  p3.set(psds[0].map((v) => 4 * v), 2 * BINS);
  p3.set(psds[1].map((v) => 4 * v), 3 * BINS);
  const ifo3 = computeIfoSnr(x, { data: p3, batch: 2, channels: 2, length: BINS }, SR, { highpass: 20 });
  assert.ok(Math.abs(ifo3[0] - ifo[0]) < 1e-12 * ifo[0] && Math.abs(ifo3[3] - ifo[3] / 2) < 1e-12 * ifo[3]);
  assert.throws(() => computeIfoSnr(x, { data: p3, batch: 2, channels: 2, length: 7 }, SR), /psd.data: expected batch·channels·length = 28/);
  const scaled = reweightSnrs(x, [8, 12], psds, SR, { highpass: 20 });
  const after = computeNetworkSnr(scaled, psds, SR, { highpass: 20 });
  assert.ok(Math.abs(after[0] - 8) < 1e-12 && Math.abs(after[1] - 12) < 1e-11, `${after}`);
});

test('float64 throughout: strain 1e-30 with PSD 1e-62 still gives the right SNR (float32 would underflow)', () => {
  const amp = 1e-30;
  const s0 = 1e-62;
  const snr = computeIfoSnr(series([sinusoid(amp, 100)]), flatPsd(s0), SR)[0];
  assert.ok(Math.abs(snr / (amp * Math.sqrt(T / SR / s0)) - 1) < 1e-12, `${snr}`);
});

test('a PSD with a different length is interpolated linearly (torch align_corners=False)', () => {
  // constant PSD at any resolution interpolates to the same constant
  const snrA = computeIfoSnr(series([sinusoid(1e-22, 100)]), new Float64Array(513).fill(S0), SR)[0];
  const snrB = computeIfoSnr(series([sinusoid(1e-22, 100)]), flatPsd(), SR)[0];
  assert.ok(Math.abs(snrA / snrB - 1) < 1e-14);
  // linear ramp 0..n-1 at n points: torch maps output i to src = (i+0.5)·n/m − 0.5 clamped at 0
  const ramp = Float64Array.from({ length: 5 }, (_, i) => i);
  // i = 0 → src −0.25 clamped to 0; i = 9 → src 4.25, i1 clamped to the last point
  assert.deepEqual([...interpolatePsd(ramp, 10, 'linear')], [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75, 4]);
});

test('guards: NaN strain, PSD zero or negative in band, unphysical SNR, bad band', () => {
  const x = sinusoid(1e-22, 100);
  x[5] = Number.NaN;
  assert.throws(() => computeIfoSnr(series([x]), flatPsd(), SR), /responses\[0\]\[0\]: sample 5 is NaN/);
  const psd = flatPsd();
  psd[800] = 0; // 100 Hz
  assert.throws(() => computeIfoSnr(series([sinusoid(1e-22, 100)]), psd, SR), /psd: value 0 at f = 100 Hz \(bin 800/);
  // zero outside the band is fine (e.g. a PSD zeroed below the highpass)
  const psd2 = flatPsd();
  psd2.fill(0, 0, 160);
  assert.ok(computeIfoSnr(series([sinusoid(1e-22, 100)]), psd2, SR, { highpass: 20 })[0] > 0);
  assert.throws(() => computeIfoSnr(series([sinusoid(1e-22, 100)]), psd2, SR), /psd: value 0 at f = 0 Hz/);
  psd2[200] = -1;
  assert.throws(() => computeIfoSnr(series([sinusoid(1e-22, 100)]), psd2, SR, { highpass: 20 }), /value -1 at f = 25 Hz/);
  assert.throws(() => computeIfoSnr(series([sinusoid(1e-18, 100)]), flatPsd(), SR), /exceeds maxSnr = 10000/);
  assert.ok(computeIfoSnr(series([sinusoid(1e-18, 100)]), flatPsd(), SR, { maxSnr: Infinity })[0] > 1e4);
  assert.throws(() => computeIfoSnr(series([x]), flatPsd(), SR, { highpass: 50, lowpass: 40 }), /lowpass: expected a frequency > highpass/);
  assert.throws(() => computeIfoSnr(series([x]), [flatPsd(), flatPsd(), flatPsd()], SR), /psd.channels: expected 1 or 1/);
  assert.throws(() => computeIfoSnr({ data: new Float64Array(10), batch: 1, channels: 1, length: 11 }, flatPsd(), SR), /responses.data/);
});
