/**
 * Projection: time shifts against exact references (rolls, analytic shifted waveforms), the
 * end-to-end projection against LAL's F+, F×, delays, and the in-pass SNR against computeIfoSnr.
 * Tolerances: integer-sample shifts 1e-12 of the peak (exact up to FFT rounding); analytic
 * fractional shift of a band-limited sine-Gaussian 1e-10 of the peak; SNR agreement 1e-12 relative.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeIfoSnr,
  computeNetworkSnr,
  projectWaveforms,
  projectWithFactors,
  shiftFractional,
  type IfoName,
  type PolarizationBatch,
} from '../src/index.ts';
import { lalDetectors, maxAbs, maxAbsDiff, rng } from './helpers.ts';

const SR = 2048;

function roll(x: Float64Array, s: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = x[(((t - s) % n) + n) % n];
  return out;
}

function sineGaussian(n: number, amp: number, f0: number, sigma: number, t0: number, phase: number): Float64Array {
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const u = t / SR - t0;
    x[t] = amp * Math.exp(-(u * u) / (2 * sigma * sigma)) * Math.cos(2 * Math.PI * f0 * u + phase);
  }
  return x;
}

function noise(n: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => r() - 0.5);
}

test('fractional mode with an integer-sample delay equals a roll (even and odd lengths)', () => {
  for (const n of [1024, 1000, 999]) {
    const pols: PolarizationBatch = { plus: noise(n, 1), cross: noise(n, 2), batch: 1, length: n };
    const shifts = [3, -7, 0];
    const fp = new Float64Array([0.3, -0.8, 0.5]);
    const fc = new Float64Array([0.6, 0.1, -0.9]);
    const { responses } = projectWithFactors(pols, fp, fc, Float64Array.from(shifts, (s) => s / SR), 3, { sampleRate: SR });
    shifts.forEach((s, c) => {
      const h = pols.plus.map((v, t) => fp[c] * v + fc[c] * pols.cross[t]);
      const got = responses.data.subarray(c * n, (c + 1) * n);
      assert.ok(maxAbsDiff(got, roll(h, s)) < 1e-12 * maxAbs(h), `n=${n} shift=${s}`);
    });
  }
});

test("'integer-roll' mode is ml4gw's trunc(Δt·sr) roll", () => {
  const n = 512;
  const pols: PolarizationBatch = { plus: noise(n, 3), cross: noise(n, 4), batch: 1, length: n };
  const delays = Float64Array.from([2.7, -2.7, 0.4], (s) => s / SR);
  const fp = new Float64Array([1, 0.5, -0.2]);
  const fc = new Float64Array([0, 0.5, 0.7]);
  const res = projectWithFactors(pols, fp, fc, delays, 3, { sampleRate: SR, timeShift: 'integer-roll' });
  assert.deepEqual([...res.shiftSamples], [2, -2, 0]);
  [2, -2, 0].forEach((s, c) => {
    const h = pols.plus.map((v, t) => fp[c] * v + fc[c] * pols.cross[t]);
    assert.deepEqual([...res.responses.data.subarray(c * n, (c + 1) * n)], [...roll(h, s)]);
  });
});

test('fractional delay of a band-limited sine-Gaussian equals the analytic delayed waveform (1e-10)', () => {
  const n = 4 * SR;
  for (const delayS of [0.0123456, -0.0031, 1.37e-4]) {
    const x = sineGaussian(n, 1, 150, 0.05, 2.0, 0.4);
    const expected = sineGaussian(n, 1, 150, 0.05, 2.0 + delayS, 0.4);
    const y = shiftFractional(x, delayS * SR);
    assert.ok(maxAbsDiff(y, expected) < 1e-10, `delay ${delayS}: ${maxAbsDiff(y, expected)}`);
    assert.ok(maxAbsDiff(shiftFractional(y, -delayS * SR), x) < 1e-12);
  }
});

test('projectWaveforms at GW150914 sky/time reproduces LAL F+, F×, delays and the delayed waveform', () => {
  const lal = lalDetectors();
  const rows = lal.antenna.filter((r) => r.gps === 1126259462.4 && r.detector !== 'K1');
  const ifos = rows.map((r) => r.detector as IfoName);
  const { ra, dec, psi, gps } = rows[0];
  const n = 2 * SR;
  const t0 = 1.0;
  const plus = sineGaussian(n, 1e-21, 120, 0.04, t0, 0);
  const cross = sineGaussian(n, 1e-21, 120, 0.04, t0, -Math.PI / 2);
  const res = projectWaveforms(ifos, { plus, cross, batch: 1, length: n }, { dec: [dec], psi: [psi], ra: [ra], gpsTime: gps }, { sampleRate: SR });
  rows.forEach((r, i) => {
    assert.ok(Math.abs(res.fPlus[i] - r.fplus) < 1e-7 && Math.abs(res.fCross[i] - r.fcross) < 1e-7, `${r.detector} F`);
    assert.ok(Math.abs(res.delaysS[i] - r.time_delay_from_earth_center_s) < 1e-9, `${r.detector} delay`);
    const dt = r.time_delay_from_earth_center_s;
    const p = sineGaussian(n, 1e-21, 120, 0.04, t0 + dt, 0);
    const c = sineGaussian(n, 1e-21, 120, 0.04, t0 + dt, -Math.PI / 2);
    const expected = p.map((v, t) => r.fplus * v + r.fcross * c[t]);
    const got = res.responses.data.subarray(i * n, (i + 1) * n);
    assert.ok(maxAbsDiff(got, expected) < 1e-10 * 1e-21, `${r.detector}: ${maxAbsDiff(got, expected)}`);
  });
});

test('SNRs computed during projection equal computeIfoSnr/computeNetworkSnr of the output (both modes)', () => {
  const n = 2 * SR;
  const batch = 4;
  const r = rng(5);
  const plus = new Float64Array(batch * n);
  const cross = new Float64Array(batch * n);
  for (let b = 0; b < batch; b++) {
    plus.set(sineGaussian(n, 1e-21, 50 + 300 * r(), 0.02 + 0.05 * r(), 1, 0), b * n);
    cross.set(sineGaussian(n, 1e-21, 50 + 300 * r(), 0.02 + 0.05 * r(), 1, 1), b * n);
  }
  const sky = { dec: [0.1, -0.5, 1.2, -1.4], psi: [0.2, 1.0, 2.0, 3.0], phi: [0.5, 2.5, 4.0, 6.0] };
  const bins = n / 2 + 1;
  const psd = [0, 1].map((i) => Float64Array.from({ length: bins }, (_, k) => 1e-46 * (1 + i + (k / 2 / 200) ** 2)));
  for (const timeShift of ['fractional', 'integer-roll'] as const) {
    const res = projectWaveforms(['H1', 'L1'], { plus, cross, batch, length: n }, sky, { sampleRate: SR, timeShift, psd, highpass: 32 });
    const ifo = computeIfoSnr(res.responses, psd, SR, { highpass: 32 });
    const net = computeNetworkSnr(res.responses, psd, SR, { highpass: 32 });
    for (let i = 0; i < ifo.length; i++) assert.ok(Math.abs(res.ifoSnr![i] / ifo[i] - 1) < 1e-12, `${timeShift} ifo ${i}`);
    for (let b = 0; b < batch; b++) assert.ok(Math.abs(res.networkSnr![b] / net[b] - 1) < 1e-12, `${timeShift} net ${b}`);
  }
});

test('projection guards', () => {
  const n = 64;
  const pols: PolarizationBatch = { plus: new Float64Array(n), cross: new Float64Array(n), batch: 1, length: n };
  const sky = { dec: [0], psi: [0], phi: [0] };
  assert.throws(() => projectWaveforms(['H1', 'Q1' as IfoName], pols, sky, { sampleRate: SR }), /ifos\[1\]: unknown detector "Q1"; known detectors are H1, L1, V1, K1/);
  assert.throws(() => projectWaveforms(['H1'], pols, { dec: [0, 1], psi: [0, 1], phi: [0, 1] }, { sampleRate: SR }), /sky.dec: expected 1 values/);
  const bad = { ...pols, plus: new Float64Array(n).fill(Number.NaN) };
  assert.throws(() => projectWaveforms(['H1'], bad, sky, { sampleRate: SR }), /pols.plus\[0\]: expected a finite number, got NaN/);
  assert.throws(() => projectWaveforms(['H1'], pols, sky, { sampleRate: 0 }), /sampleRate: expected a positive finite number/);
  assert.throws(() => projectWaveforms(['H1'], pols, sky, { sampleRate: SR, timeShift: 'nearest' as 'fractional' }), /timeShift: expected 'fractional' or 'integer-roll'/);
  assert.throws(() => projectWaveforms(['H1'], { ...pols, cross: new Float64Array(3) }, sky, { sampleRate: SR }), /pols.cross: expected a Float64Array of batch·length = 64/);
  // zero signal has zero SNR: allowed (rescaling it is what fails)
  const res = projectWaveforms(['H1'], pols, sky, { sampleRate: SR, psd: new Float64Array(n / 2 + 1).fill(1) });
  assert.equal(res.networkSnr![0], 0);
});
