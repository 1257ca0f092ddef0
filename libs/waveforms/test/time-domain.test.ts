/**
 * Time-domain generator (ml4gw TimeDomainCBCWaveformGenerator semantics, aframe-reference §10.7).
 * - Against our FD model: rfft(h(t))/sr vs h(f) e^{-2 pi i f (duration - rightPad)} on the 1/duration grid,
 *   25 Hz (above the high-pass/taper region) to 1000 Hz (300 Hz for TaylorF2), aLIGO PSD, no
 *   maximisation: 1 - overlap <= 1e-8 (observed ~1e-9: only the tapers differ).
 * - Against LAL's conditioned TD IMRPhenomD (XLALSimInspiralChooseTDWaveform, TD_IMRPhenomD_01):
 *   match maximised over integer lags only >= 1 - 1e-6 (observed 1 - 7e-8), best lag within 25 samples
 *   (LAL re-centres its epoch on the peak; ours keeps the model's t = 0), peak |h| within 1e-4.
 * - Coalescence at sample (duration - rightPad) sr: PhenomD's peak of h+^2 + hx^2 within 25 samples of it.
 * - Tapers: nothing before the chirp starts (first second < 1e-20 of the energy), output length.
 * - Batch rows (common FFT length) vs single generation: 1 - overlap <= 1e-8 over 25 Hz - 1 kHz.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rfft } from '@aframe/signal';
import { generateFD, generateTD, generateTDBatch, tdTimes, timeDomainGenerator } from '../src/index.ts';
import { loadTdCase, overlap } from './helpers.ts';

const P = { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 410, inclination: 2.6, phiRef: 1.3 };
const S = { sampleRate: 2048, durationS: 8, fMin: 20, fRef: 20, rightPadS: 0.5 };

function peakIndex(hp: Float64Array, hc: Float64Array, from = 0, to = hp.length): number {
  let im = from;
  let mx = -1;
  for (let k = from; k < to; k++) {
    const v = hp[k] * hp[k] + hc[k] * hc[k];
    if (v > mx) {
      mx = v;
      im = k;
    }
  }
  return im;
}

for (const ap of ['IMRPhenomD', 'TaylorF2']) {
  test(`${ap}: TD agrees with the FD model shifted to duration - rightPad`, () => {
    const td = generateTD(ap, P, S);
    const L = td.hplus.length;
    assert.equal(L, 8 * 2048);
    const df = 1 / S.durationS;
    const fd = generateFD(ap, P, { deltaF: df, fMin: 20, fMax: 1024, fRef: S.fRef });
    const tc = S.durationS - S.rightPadS;
    const n = L / 2 + 1;
    const kLo = 25 / df;
    const kHi = (ap === 'TaylorF2' ? 300 : 1000) / df;
    for (const pol of ['hplus', 'hcross'] as const) {
      const spec = rfft(td[pol]);
      const aRe = new Float64Array(n);
      const aIm = new Float64Array(n);
      const bRe = new Float64Array(n);
      const bIm = new Float64Array(n);
      for (let k = 0; k < n && k < fd.length; k++) {
        aRe[k] = spec[2 * k] / S.sampleRate;
        aIm[k] = spec[2 * k + 1] / S.sampleRate;
        const ang = -2 * Math.PI * k * df * tc;
        const c = Math.cos(ang);
        const s = Math.sin(ang);
        bRe[k] = fd[`${pol}Re`][k] * c - fd[`${pol}Im`][k] * s;
        bIm[k] = fd[`${pol}Re`][k] * s + fd[`${pol}Im`][k] * c;
      }
      const mism = 1 - overlap(aRe, aIm, bRe, bIm, df, kLo, kHi);
      assert.ok(mism <= 1e-8, `${pol}: 1 - overlap = ${mism}`);
    }
    // Tapers: nothing before the chirp (the chirp is < 2 s long here).
    let e0 = 0;
    let et = 0;
    for (let k = 0; k < L; k++) {
      et += td.hplus[k] ** 2;
      if (k < S.sampleRate) e0 += td.hplus[k] ** 2;
    }
    assert.ok(e0 / et < 1e-20, `energy in the first second ${e0 / et}`);
  });
}

test('IMRPhenomD: coalescence lands at (duration - rightPad) * sampleRate', () => {
  for (const rightPadS of [0.25, 0.5, 1, 2]) {
    const s = { ...S, rightPadS };
    const td = generateTD('IMRPhenomD', P, s);
    const kc = Math.round((S.durationS - rightPadS) * S.sampleRate);
    const ip = peakIndex(td.hplus, td.hcross);
    assert.ok(Math.abs(ip - kc) <= 25, `rightPad ${rightPadS}: peak at ${ip}, expected about ${kc}`);
    assert.equal(tdTimes(s)[kc], 0);
  }
});

test('IMRPhenomD TD matches LAL ChooseTDWaveform up to a time shift', () => {
  const ref = loadTdCase('TD_IMRPhenomD_01');
  const s = { sampleRate: 2048, durationS: 4, fMin: 20, fRef: 20, rightPadS: 1 };
  const gen = timeDomainGenerator({ approximant: 'IMRPhenomD', ...s });
  const td = gen(P);
  const kc = td.hplus.length - 2048;
  const k0ref = Math.round(-ref.meta.output.epoch * 2048);
  const n = ref.hplus.length;
  let best = -1;
  let bestLag = 0;
  for (let lag = -60; lag <= 60; lag++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = 0; i < n; i++) {
      const j = kc - k0ref + i + lag;
      const a = j >= 0 && j < td.hplus.length ? td.hplus[j] : 0;
      ab += a * ref.hplus[i];
      aa += a * a;
      bb += ref.hplus[i] * ref.hplus[i];
    }
    const ov = ab / Math.sqrt(aa * bb);
    if (ov > best) {
      best = ov;
      bestLag = lag;
    }
  }
  assert.ok(1 - best <= 1e-6, `1 - match = ${1 - best}`);
  assert.ok(Math.abs(bestLag) <= 25, `lag ${bestLag}`);
  const ip = peakIndex(td.hplus, td.hcross);
  const peak = Math.hypot(td.hplus[ip], td.hcross[ip]);
  const lalPeak = ref.meta.output.max_sqrt_hp2_plus_hc2;
  assert.ok(Math.abs(peak / lalPeak - 1) <= 1e-4, `peak ${peak} vs ${lalPeak}`);
});

test('batched TD: common FFT length, each row close to its single generation; long chirps are cropped', () => {
  const batch = generateTDBatch(
    'IMRPhenomD',
    { mass1: [36, 12], mass2: [29, 10], spin1z: [0.3, 0], spin2z: [-0.2, 0.1], distance: [410, 300], inclination: [2.6, 0.3], phiRef: [1.3, 0] },
    { ...S, durationS: 4 },
  );
  assert.equal(batch.batchSize, 2);
  assert.equal(batch.length, 4 * 2048);
  const single = generateTD('IMRPhenomD', { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 410, inclination: 2.6, phiRef: 1.3 }, { ...S, durationS: 4 });
  // Same signal above the taper region (25 Hz - 1 kHz, aLIGO PSD); the finer common FFT grid only
  // changes the taper/wrap-around details below fMin.
  const a = rfft(batch.hplus.subarray(0, batch.length));
  const b = rfft(single.hplus);
  const nb = batch.length / 2 + 1;
  const re = (x: Float64Array): Float64Array => new Float64Array(nb).map((_, k) => x[2 * k]);
  const im = (x: Float64Array): Float64Array => new Float64Array(nb).map((_, k) => x[2 * k + 1]);
  const mism = 1 - overlap(re(a), im(a), re(b), im(b), 0.25, 100, 4000);
  assert.ok(mism < 1e-8, `batch row vs single: 1 - overlap = ${mism}`);
  // The 12+10 chirp from 20 Hz lasts longer than 4 s: cropped on the left, coalescence still at the end.
  const row = batch.hplus.subarray(batch.length, 2 * batch.length);
  const rowC = batch.hcross.subarray(batch.length, 2 * batch.length);
  assert.ok(Math.abs(row[0]) > 0);
  assert.ok(Math.abs(peakIndex(row, rowC) - (4 - 0.5) * 2048) <= 25);
});

test('TD settings are validated', () => {
  assert.throws(() => generateTD('IMRPhenomD', P, { ...S, rightPadS: 8 }), /rightPadS/);
  assert.throws(() => generateTD('IMRPhenomD', P, { ...S, sampleRate: 0 }), /sampleRate/);
  assert.throws(() => generateTD('IMRPhenomD', P, { ...S, fMin: 2000 }), /fMin/);
  assert.throws(() => generateTD('IMRPhenomD', { ...P, mass1: -3 }, S), /mass1/);
});
