/**
 * Time-domain CBC waveforms by conditioned inverse FFT of a frequency-domain approximant, with the
 * semantics of ml4gw's TimeDomainCBCWaveformGenerator (aframe-reference §10.7): start below f_min at
 * a chirp-time bound, cosine taper in frequency, shift the coalescence to `rightPad` before the end,
 * inverse FFT, cosine tapers at both ends in time, crop/pad to `duration`, 8th-order Butterworth
 * high-pass at f_min applied forward-backward (as second-order sections: the same filter as ml4gw's
 * (b, a) form, without its rounding amplification). The coalescence (t = 0 of the FD model) lands at
 * sample round((duration - rightPad) sampleRate) of the output.
 *
 * Bounds (LALSimInspiral.c): XLALSimInspiralChirpTimeBound, ...MergeTimeBound, ...RingdownTimeBound,
 * ...FinalBlackHoleSpinBound, ...ChirpStartFrequencyBound. Masses are converted with LAL's MTSUN_SI
 * and MRSUN_SI (ml4gw uses G M/c^3 with its own M_sun; the difference is ~1e-8 relative).
 */
import { irfft } from '@aframe/signal';
import { C_SI, MRSUN_SI, MTSUN_SI, PI } from './constants.ts';
import { getApproximant } from './approximants.ts';
import { frequencyGrid } from './grid.ts';
import { butterHighpassSOS, sosfiltfiltPadded } from './iir.ts';
import type { CbcParams, CbcParamsBatch, FDBuffers, FDSettings } from './types.ts';
import { validateCbcParams } from './validation.ts';

/** Settings of the time-domain generator. */
export interface TDSettings {
  /** Samples per second, Hz. */
  sampleRate: number;
  /** Output length, s (output has round(durationS * sampleRate) samples). */
  durationS: number;
  /** Lowest frequency of the signal (high-pass corner and taper end), Hz. */
  fMin: number;
  /** Reference frequency for phiRef, Hz (0: the model's default). */
  fRef: number;
  /** Time from the coalescence to the end of the output, s (0 <= rightPadS < durationS). */
  rightPadS: number;
}

/** Result for a batch: planes of shape (batchSize, length), waveform b at [b*length, (b+1)*length). */
export interface TDBatch {
  hplus: Float64Array;
  hcross: Float64Array;
  length: number;
  batchSize: number;
  sampleRate: number;
}

/** Upper bound on the inspiral time from frequency fHz to coalescence, s (XLALSimInspiralChirpTimeBound). */
export function chirpTimeBound(fHz: number, m1: number, m2: number, s1z: number, s2z: number): number {
  const M = m1 + m2;
  const eta = (m1 * m2) / (M * M);
  const chi = Math.max(Math.abs(s1z), Math.abs(s2z));
  const mSec = M * MTSUN_SI;
  const c0 = Math.abs((-5 * mSec) / (256 * eta));
  const c2 = 7.43 / 2.52 + (11 * eta) / 3;
  const c3 = (226 * chi) / 15;
  const c4 = 30.58673 / 5.08032 + (54.29 * eta) / 5.04 + (61.7 * eta * eta) / 7.2;
  const v = Math.cbrt(PI * mSec * fHz);
  return c0 * Math.pow(v, -8) * (1 + (c2 + (c3 + c4 * v) * v) * v * v);
}

/** Frequency at which the chirp time bound equals tChirp, Hz (XLALSimInspiralChirpStartFrequencyBound). */
export function chirpStartFrequencyBound(tChirp: number, m1: number, m2: number): number {
  const M = m1 + m2;
  const eta = (m1 * m2) / (M * M);
  const mSec = M * MTSUN_SI;
  const c0 = Math.abs((-5 * mSec) / (256 * eta));
  return (1 / (PI * mSec)) * Math.pow(c0 / tChirp, 3 / 8);
}

/** Upper bound on the final black-hole spin (XLALSimInspiralFinalBlackHoleSpinBound). */
export function finalSpinBound(s1z: number, s2z: number): number {
  let s = 0.686 + 0.15 * (s1z + s2z);
  if (s < Math.abs(s1z)) s = Math.abs(s1z);
  if (s < Math.abs(s2z)) s = Math.abs(s2z);
  return s > 0.998 ? 0.998 : s;
}

/** Merger (one orbit at r = 9M, v = c/3) plus ringdown (11 e-folds) time bound, s. */
export function mergeRingdownTimeBound(m1: number, m2: number, s1z: number, s2z: number): number {
  const M = m1 + m2;
  const merge = (2 * PI * 9 * M * MRSUN_SI) / (C_SI / 3);
  const s = finalSpinBound(s1z, s2z);
  const omega = (1.5251 - 1.1568 * Math.pow(1 - s, 0.1292)) / (M * MTSUN_SI);
  const Q = 0.7 + 1.4187 * Math.pow(1 - s, -0.499);
  return merge + (11 * 2 * Q) / omega;
}

/** Test-particle ISCO GW frequency used by the generator, 1/(9^{3/2} pi M), Hz. */
export function generatorIscoFrequency(totalMassSolar: number): number {
  return 1 / (Math.pow(9, 1.5) * PI * totalMassSolar * MTSUN_SI);
}

function validateTDSettings(s: TDSettings): void {
  if (!(s.sampleRate > 0) || !Number.isFinite(s.sampleRate)) throw new Error(`sampleRate must be > 0 Hz, got ${s.sampleRate}`);
  if (!(s.durationS > 0) || !Number.isFinite(s.durationS)) throw new Error(`durationS must be > 0 s, got ${s.durationS}`);
  if (!(s.fMin > 0) || !(s.fMin < s.sampleRate / 2)) throw new Error(`fMin must be in (0, sampleRate/2) Hz, got ${s.fMin}`);
  if (!(s.fRef >= 0) || !Number.isFinite(s.fRef)) throw new Error(`fRef must be >= 0 Hz, got ${s.fRef}`);
  if (!(s.rightPadS >= 0 && s.rightPadS < s.durationS)) throw new Error(`rightPadS must be in [0, durationS), got ${s.rightPadS}`);
}

/** Normalised corner (fc / Nyquist) of the generator's high-pass: forward-backward response 0.99 at fMin. */
export function generatorHighpassWn(fMin: number, sampleRate: number): number {
  const w1 = Math.tan((PI * fMin) / sampleRate);
  const wc = w1 * Math.pow(1 / Math.sqrt(0.99) - 1, 1 / 16);
  const fc = (sampleRate * Math.atan(wc)) / PI;
  return fc / (sampleRate / 2);
}

const highpassCache = new Map<string, Float64Array>();
/** The generator's 8th-order Butterworth high-pass as second-order sections (see butterHighpassSOS). */
export function generatorHighpass(fMin: number, sampleRate: number): Float64Array {
  const key = `${fMin}:${sampleRate}`;
  let f = highpassCache.get(key);
  if (!f) {
    f = butterHighpassSOS(8, generatorHighpassWn(fMin, sampleRate));
    highpassCache.set(key, f);
  }
  return f;
}

/**
 * Generate a batch of time-domain polarisations. The FFT length (chirpLen) is common to the batch
 * (the largest needed), as in ml4gw; each waveform gets its own tapers.
 */
export function generateTDBatch(approximant: string, batch: CbcParamsBatch, settings: TDSettings): TDBatch {
  validateTDSettings(settings);
  const impl = getApproximant(approximant);
  const B = batch.mass1.length;
  const sr = settings.sampleRate;
  const L = Math.round(settings.durationS * sr);
  const get = (a: ArrayLike<number> | undefined, i: number): number => (a ? a[i] : 0);
  const params: CbcParams[] = [];
  const fIsco = new Float64Array(B);
  const fLo = new Float64Array(B);
  const fStart = new Float64Array(B);
  let chirpLen = 0;
  let fStartMin = Infinity;
  let n1Max = 0;
  for (let i = 0; i < B; i++) {
    const p: CbcParams = {
      mass1: batch.mass1[i],
      mass2: batch.mass2[i],
      spin1x: get(batch.spin1x, i),
      spin1y: get(batch.spin1y, i),
      spin1z: get(batch.spin1z, i),
      spin2x: get(batch.spin2x, i),
      spin2y: get(batch.spin2y, i),
      spin2z: get(batch.spin2z, i),
      distance: batch.distance[i],
      inclination: batch.inclination[i],
      phiRef: batch.phiRef[i],
    };
    try {
      validateCbcParams(p, impl.name, impl.alignedSpin);
    } catch (e) {
      throw new Error(`batch entry ${i}: ${(e as Error).message}`);
    }
    params.push(p);
    const { mass1: m1, mass2: m2 } = p;
    const s1z = p.spin1z ?? 0;
    const s2z = p.spin2z ?? 0;
    fIsco[i] = generatorIscoFrequency(m1 + m2);
    fLo[i] = Math.min(fIsco[i], settings.fMin);
    const tChirp = chirpTimeBound(fLo[i], m1, m2, s1z, s2z);
    const tMerge = mergeRingdownTimeBound(m1, m2, s1z, s2z);
    const tExtra = 3 / fLo[i];
    fStart[i] = chirpStartFrequencyBound(1.1 * tChirp, m1, m2);
    const tChirp2 = chirpTimeBound(fStart[i], m1, m2, s1z, s2z);
    const len = Math.pow(2, Math.ceil(Math.log2(Math.round((tChirp2 + tMerge + 2 * tExtra) * sr))));
    // The coalescence is moved rightPad before the end of the circular buffer, so the chirp (plus
    // its tapers) must fit in the part before it; for heavy binaries with a long rightPad ml4gw's
    // bound alone is too short and the inspiral would wrap around onto the merger.
    const fitLen = Math.pow(2, Math.ceil(Math.log2(Math.round((tChirp2 + 2 * tExtra + settings.rightPadS) * sr))));
    chirpLen = Math.max(chirpLen, len, fitLen);
    fStartMin = Math.min(fStartMin, fStart[i]);
    n1Max = Math.max(n1Max, Math.max(Math.round(sr / fIsco[i]), 4));
  }
  const df = sr / chirpLen;
  const nyq = Math.floor(sr / 2);
  const nF = Math.floor(nyq / df) + 1;
  const grid = frequencyGrid(df, nF);
  const fd: FDBuffers = {
    hplusRe: new Float64Array(nF),
    hplusIm: new Float64Array(nF),
    hcrossRe: new Float64Array(nF),
    hcrossIm: new Float64Array(nF),
  };
  const fdSettings: FDSettings = { deltaF: df, fMin: fStartMin, fMax: (nF - 1) * df, fRef: settings.fRef };
  // exp(+2 pi i f t_s): moves the coalescence from t = 0 to rightPad before the end of the segment.
  const tShift = Math.round(settings.rightPadS * sr) / sr;
  const shiftCos = new Float64Array(nF);
  const shiftSin = new Float64Array(nF);
  for (let k = 0; k < nF; k++) {
    const ang = 2 * PI * df * k * tShift;
    shiftCos[k] = Math.cos(ang);
    shiftSin[k] = Math.sin(ang);
  }
  const spec = new Float64Array(2 * nF);
  const tdP = new Float64Array(chirpLen);
  const tdC = new Float64Array(chirpLen);
  const hplus = new Float64Array(B * L);
  const hcross = new Float64Array(B * L);
  const n0 = Math.max(Math.round(sr / settings.fMin), 4);
  const sos = generatorHighpass(settings.fMin, sr);
  const rowP = new Float64Array(L);
  const rowC = new Float64Array(L);

  for (let i = 0; i < B; i++) {
    try {
      impl.generateInto(params[i], fdSettings, grid, fd, 0);
    } catch (e) {
      throw new Error(`batch entry ${i}: ${(e as Error).message}`);
    }
    // Frequency taper: zero below fStart, 0.5 - 0.5 cos rising to 1 at fLo; Nyquist bin zeroed.
    const k0 = Math.round(fStart[i] / df);
    const k1 = Math.round(fLo[i] / df);
    for (let k = 0; k < nF; k++) {
      let w = 1;
      if (grid.f[k] < fStart[i]) w = 0;
      else if (k >= k0 && k < k1) w = 0.5 - 0.5 * Math.cos((PI * (k - k0)) / (k1 - k0));
      if (k === nF - 1) w = 0;
      fd.hplusRe[k] *= w;
      fd.hplusIm[k] *= w;
      fd.hcrossRe[k] *= w;
      fd.hcrossIm[k] *= w;
    }
    for (const [re, im, td] of [
      [fd.hplusRe, fd.hplusIm, tdP],
      [fd.hcrossRe, fd.hcrossIm, tdC],
    ] as const) {
      for (let k = 0; k < nF; k++) {
        const c = shiftCos[k];
        const s = shiftSin[k];
        spec[2 * k] = re[k] * c - im[k] * s;
        spec[2 * k + 1] = re[k] * s + im[k] * c;
      }
      irfft(spec, chirpLen, td);
    }
    // Time tapers: rising over the first n0 samples; falling over the last n1 samples (n1 per waveform).
    const n1 = Math.max(Math.round(sr / fIsco[i]), 4);
    for (const td of [tdP, tdC]) {
      for (let t = 0; t < chirpLen; t++) td[t] *= sr;
      for (let t = 0; t < Math.min(n0, chirpLen); t++) td[t] *= 0.5 - 0.5 * Math.cos((PI * t) / n0);
      for (let q = 0; q < n1Max - 1 && q < chirpLen; q++) {
        const j = n1Max - 1 - q; // n1Max-1 ... 1 toward the end
        if (j < n1) td[chirpLen - (n1Max - 1) + q] *= 0.5 - 0.5 * Math.cos((PI * j) / n1);
      }
    }
    // Crop or left-pad to L samples (keeps the end, where the coalescence sits), then high-pass.
    for (const [td, row, dst] of [
      [tdP, rowP, hplus],
      [tdC, rowC, hcross],
    ] as const) {
      row.fill(0);
      if (chirpLen >= L) row.set(td.subarray(chirpLen - L));
      else row.set(td, L - chirpLen);
      sosfiltfiltPadded(sos, row, Math.max(0, L - chirpLen));
      dst.set(row, i * L);
    }
  }
  return { hplus, hcross, length: L, batchSize: B, sampleRate: sr };
}

/** One time-domain waveform: {hplus, hcross} of round(durationS * sampleRate) samples; times via tdTimes(). */
export function generateTD(
  approximant: string,
  params: CbcParams,
  settings: TDSettings,
): { hplus: Float64Array; hcross: Float64Array; sampleRate: number } {
  const b = generateTDBatch(
    approximant,
    {
      mass1: [params.mass1],
      mass2: [params.mass2],
      spin1x: [params.spin1x ?? 0],
      spin1y: [params.spin1y ?? 0],
      spin1z: [params.spin1z ?? 0],
      spin2x: [params.spin2x ?? 0],
      spin2y: [params.spin2y ?? 0],
      spin2z: [params.spin2z ?? 0],
      distance: [params.distance],
      inclination: [params.inclination],
      phiRef: [params.phiRef],
    },
    settings,
  );
  return { hplus: b.hplus, hcross: b.hcross, sampleRate: b.sampleRate };
}

/** Sample times relative to the coalescence, s: t_k = k/sampleRate - (durationS - rightPadS) (rounded to samples). */
export function tdTimes(settings: TDSettings): Float64Array {
  const sr = settings.sampleRate;
  const L = Math.round(settings.durationS * sr);
  const kc = L - Math.round(settings.rightPadS * sr);
  const t = new Float64Array(L);
  for (let k = 0; k < L; k++) t[k] = (k - kc) / sr;
  return t;
}
