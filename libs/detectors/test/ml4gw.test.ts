/**
 * Against ml4gw itself (fixtures/gen_ml4gw.py ran ml4gw's compute_antenna_responses,
 * compute_observed_strain and compute_ifo_snr, and torch's interpolate).
 * Tolerances, and why they are not tighter:
 *  - antenna factors 1e-6: ml4gw builds its tensors from float32 arm vectors (torch.Tensor), LAL and we
 *    round the float64 tensor to float32; the two differ by ~1e-7;
 *  - observed strain ('integer-roll' mode) 1e-6 of the peak: the same tensor difference (the integer
 *    shifts agree exactly: no delay in the fixture lies within 0.03 samples of an integer);
 *  - SNR 1e-6 relative: ml4gw squares |h̃|/√S in float32 (we stay float64);
 *  - torch interpolate: linear 1e-14 relative (torch orders the float64 operations differently; the
 *    values here are 1–2), nearest exact (same float32 index arithmetic).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  antennaPatternsFromPhi,
  computeIfoSnr,
  interpolatePsd,
  projectWaveforms,
  type IfoName,
} from '../src/index.ts';
import { FIXTURES, maxAbs, maxAbsDiff, readF64, readJson } from './helpers.ts';

interface Fixture {
  sample_rate: number;
  length: number;
  batch: number;
  ifos: IfoName[];
  psd_bins: number;
  dec: number[];
  psi: number[];
  phi: number[];
  antenna_plus: number[][];
  antenna_cross: number[][];
  delay_samples_untruncated: number[][];
  snr_highpass20_lowpass500: number[][];
  snr_full_band: number[][];
  interp_base: number[];
  interp_cases: { size: number; mode: 'linear' | 'nearest'; out: number[] }[];
  interp_big_base: number[];
  interp_big_nearest: number[];
  interp_big_linear: number[];
}

const fx = readJson<Fixture>(new URL('ml4gw_projection.json', FIXTURES));
const blob = readF64(new URL('ml4gw_projection.f64', FIXTURES));
const { batch: B, length: T, sample_rate: SR, ifos } = fx;
const I = ifos.length;
let off = 0;
const take = (n: number) => blob.subarray(off, (off += n));
const plus = take(B * T);
const cross = take(B * T);
const strain = take(B * I * T);
const psdFlat = take(I * fx.psd_bins);
const psd = { data: psdFlat, batch: 1, channels: I, length: fx.psd_bins };

test('fixture layout is complete', () => {
  assert.equal(off, blob.length);
});

test('antenna factors match ml4gw compute_antenna_responses (1e-6)', () => {
  const ap = antennaPatternsFromPhi(ifos, fx.dec, fx.psi, fx.phi);
  assert.ok(maxAbsDiff(ap.plus, fx.antenna_plus.flat()) < 1e-6, `F+ ${maxAbsDiff(ap.plus, fx.antenna_plus.flat())}`);
  assert.ok(maxAbsDiff(ap.cross, fx.antenna_cross.flat()) < 1e-6);
});

test("'integer-roll' projection matches ml4gw compute_observed_strain (1e-6 of peak)", () => {
  const res = projectWaveforms(ifos, { plus, cross, batch: B, length: T }, { dec: fx.dec, psi: fx.psi, phi: fx.phi }, { sampleRate: SR, timeShift: 'integer-roll' });
  assert.deepEqual([...res.shiftSamples], fx.delay_samples_untruncated.flat().map(Math.trunc));
  const err = maxAbsDiff(res.responses.data, strain);
  assert.ok(err < 1e-6 * maxAbs(strain), `max |Δh| = ${err}, peak ${maxAbs(strain)}`);
});

test("'fractional' projection differs from ml4gw's only by the sub-sample remainder of the delay", () => {
  // shifting ml4gw's output on by frac = Δt·sr − trunc(Δt·sr) must give our fractional result
  const res = projectWaveforms(ifos, { plus, cross, batch: B, length: T }, { dec: fx.dec, psi: fx.psi, phi: fx.phi }, { sampleRate: SR });
  const untr = fx.delay_samples_untruncated.flat();
  res.shiftSamples.forEach((s, r) => assert.ok(Math.abs(s - untr[r]) < 1e-5, `row ${r}: ${s} vs ${untr[r]}`));
});

test('computeIfoSnr matches ml4gw compute_ifo_snr with an interpolated coloured PSD (1e-6 relative)', () => {
  const responses = { data: strain, batch: B, channels: I, length: T };
  const band = computeIfoSnr(responses, psd, SR, { highpass: 20, lowpass: 500 });
  const full = computeIfoSnr(responses, psd, SR);
  const refBand = fx.snr_highpass20_lowpass500.flat();
  const refFull = fx.snr_full_band.flat();
  for (let i = 0; i < band.length; i++) {
    assert.ok(Math.abs(band[i] / refBand[i] - 1) < 1e-6, `band ${i}: ${band[i]} vs ${refBand[i]}`);
    assert.ok(Math.abs(full[i] / refFull[i] - 1) < 1e-6, `full ${i}: ${full[i]} vs ${refFull[i]}`);
  }
});

test('interpolatePsd matches torch interpolate (linear 1e-14 relative, nearest exact)', () => {
  const base = Float64Array.from(fx.interp_base);
  for (const c of fx.interp_cases) {
    const got = interpolatePsd(base, c.size, c.mode);
    if (c.mode === 'nearest') assert.deepEqual([...got], c.out, `nearest → ${c.size}`);
    else assert.ok(maxAbsDiff(got, c.out) < 2e-14, `linear → ${c.size}`);
  }
  const big = Float64Array.from(fx.interp_big_base);
  assert.deepEqual([...interpolatePsd(big, fx.interp_big_nearest.length, 'nearest')], fx.interp_big_nearest);
  assert.ok(maxAbsDiff(interpolatePsd(big, fx.interp_big_linear.length, 'linear'), fx.interp_big_linear) < 2e-14);
});
