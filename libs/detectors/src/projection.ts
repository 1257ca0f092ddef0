/**
 * Projection of polarisation batches onto detectors (ml4gw `compute_observed_strain`, reference §10.5):
 *
 *   h_i(t) = F+_i h+(t − Δt_i) + F×_i h×(t − Δt_i),   Δt_i = arrival at detector i − arrival at geocentre,
 *
 * with circular (periodic) shifts over the T-sample segment, like ml4gw's roll.
 *
 * Time shift, two modes:
 *  - 'fractional' (default): the exact delay, applied in the frequency domain as bilby does,
 *      H_i(f_k) = (F+ H+(f_k) + F× H×(f_k)) · exp(−2πi f_k Δt_i),  h_i = irfft(H_i).
 *    Why: ml4gw truncates Δt·sampleRate toward zero, an error of up to one sample (0.49 ms at 2048 Hz,
 *    ~5 % of the 10 ms H1–L1 light travel time) that biases inter-detector phase and timing. For an
 *    even T the Nyquist bin of a real series can only keep Re(H·e^{−iπs}); that is all irfft uses.
 *  - 'integer-roll': ml4gw exactly, shift = trunc(Δt·sampleRate) samples, out[t] = h[(t − shift) mod T],
 *    for bit-level parity with Aframe's training/rejection sampling.
 *
 * When a PSD is given, single-detector and network SNRs (snr.ts) are computed from the projected
 * spectra in the same pass (a time shift leaves |H| unchanged), with no extra FFT.
 */
import { RealFFT } from '@aframe/signal';
import { antennaPatternsFromPhi, phiFromRa } from './antenna.ts';
import type { IfoName } from './constants.ts';
import { timeDelaysFromPhi } from './delays.ts';
import type { TensorPrecision } from './geometry.ts';
import { checkSnrValue, DEFAULT_MAX_SNR, networkSnrFromIfoSnr, SnrWeights, type SnrBand } from './snr.ts';
import { checkPolarizationBatch, type PolarizationBatch, type PsdInput, type TimeSeries3d } from './types.ts';
import { assertAllFinite, assertPositive } from './validate.ts';

export type TimeShiftMode = 'fractional' | 'integer-roll';

/** Sky positions and polarisation angles, one per batch element, with phi = ra − GMST (ml4gw). */
export interface SkyBatchPhi {
  readonly dec: ArrayLike<number>;
  readonly psi: ArrayLike<number>;
  readonly phi: ArrayLike<number>;
}

/** Sky positions as right ascension + GPS time (one GPS for all, or one per element). */
export interface SkyBatchRa {
  readonly dec: ArrayLike<number>;
  readonly psi: ArrayLike<number>;
  readonly ra: ArrayLike<number>;
  readonly gpsTime: number | ArrayLike<number>;
}

export type SkyBatch = SkyBatchPhi | SkyBatchRa;

export interface ProjectionOptions extends SnrBand {
  readonly sampleRate: number;
  /** Default 'fractional'. */
  readonly timeShift?: TimeShiftMode;
  /** Detector tensor precision; default LAL's float32-stored tensor (as LAL and ml4gw). */
  readonly precision?: TensorPrecision;
  /** One-sided PSD(s) for SNRs (optional). Channel order = `ifos`. */
  readonly psd?: PsdInput;
  /** SNR guard, see SnrOptions.maxSnr. */
  readonly maxSnr?: number;
}

export interface ProjectionResult {
  /** (batch, ifos.length, length) detector strain. */
  readonly responses: TimeSeries3d;
  readonly ifos: readonly IfoName[];
  /** (batch, nIfos) antenna factors. */
  readonly fPlus: Float64Array;
  readonly fCross: Float64Array;
  /** (batch, nIfos) geometric delays detector − geocentre, s. */
  readonly delaysS: Float64Array;
  /** (batch, nIfos) shift actually applied, samples (fractional, or the truncated integer). */
  readonly shiftSamples: Float64Array;
  /** (batch, nIfos) single-detector SNRs, when a PSD was given. */
  readonly ifoSnr?: Float64Array;
  /** (batch) network SNRs, when a PSD was given. */
  readonly networkSnr?: Float64Array;
}

/**
 * Projects (h+, h×) onto `ifos` for sky positions `sky`: antenna patterns (antenna.ts), geocentre
 * delays (delays.ts), then `projectWithFactors`.
 */
export function projectWaveforms(
  ifos: readonly IfoName[],
  pols: PolarizationBatch,
  sky: SkyBatch,
  options: ProjectionOptions,
): ProjectionResult {
  checkPolarizationBatch(pols, 'pols');
  const phi = 'phi' in sky ? sky.phi : phiFromRa(sky.ra, sky.gpsTime);
  if (sky.dec.length !== pols.batch) {
    throw new Error(`sky.dec: expected ${pols.batch} values (one per waveform), got ${sky.dec.length}`);
  }
  const ap = antennaPatternsFromPhi(ifos, sky.dec, sky.psi, phi, options.precision);
  const delaysS = timeDelaysFromPhi(ifos, sky.dec, phi);
  const res = projectWithFactors(pols, ap.plus, ap.cross, delaysS, ifos.length, options);
  return { ...res, ifos, fPlus: ap.plus, fCross: ap.cross, delaysS };
}

/**
 * Core projection with explicit antenna factors and delays (batch, channels) row-major.
 * Returns responses, the applied shifts and (with options.psd) the SNRs.
 */
export function projectWithFactors(
  pols: PolarizationBatch,
  fPlus: Float64Array,
  fCross: Float64Array,
  delaysS: Float64Array,
  channels: number,
  options: ProjectionOptions,
): { responses: TimeSeries3d; shiftSamples: Float64Array; ifoSnr?: Float64Array; networkSnr?: Float64Array } {
  checkPolarizationBatch(pols, 'pols');
  const { batch, length, plus, cross } = pols;
  const { sampleRate } = options;
  assertPositive(sampleRate, 'sampleRate');
  const mode = options.timeShift ?? 'fractional';
  if (mode !== 'fractional' && mode !== 'integer-roll') {
    throw new Error(`timeShift: expected 'fractional' or 'integer-roll', got ${JSON.stringify(mode)}`);
  }
  const n = batch * channels;
  for (const [name, arr] of [['fPlus', fPlus], ['fCross', fCross], ['delaysS', delaysS]] as const) {
    if (arr.length !== n) throw new Error(`${name}: expected batch·channels = ${n} values, got ${arr.length}`);
    assertAllFinite(arr, name);
  }
  assertAllFinite(plus, 'pols.plus');
  assertAllFinite(cross, 'pols.cross');

  const weights = options.psd ? new SnrWeights(options.psd, sampleRate, length, options) : null;
  weights?.checkBroadcast(batch, channels);
  const maxSnr = options.maxSnr ?? DEFAULT_MAX_SNR;
  const ifoSnr = weights ? new Float64Array(n) : undefined;

  const data = new Float64Array(n * length);
  const shiftSamples = new Float64Array(n);
  const needSpectra = mode === 'fractional' || weights !== null;
  const plan = needSpectra ? new RealFFT(length) : null;
  const bins = Math.floor(length / 2) + 1;
  const hp = new Float64Array(2 * bins);
  const hc = new Float64Array(2 * bins);
  const spec = new Float64Array(2 * bins);
  const nyquist = length % 2 === 0 ? bins - 1 : -1;

  for (let b = 0; b < batch; b++) {
    const pRow = plus.subarray(b * length, (b + 1) * length);
    const cRow = cross.subarray(b * length, (b + 1) * length);
    if (plan) {
      plan.forward(pRow, hp);
      plan.forward(cRow, hc);
    }
    for (let c = 0; c < channels; c++) {
      const r = b * channels + c;
      const fp = fPlus[r];
      const fc = fCross[r];
      const out = data.subarray(r * length, (r + 1) * length);
      // + 0 turns a truncated −0 into 0
      const shift = mode === 'fractional' ? delaysS[r] * sampleRate : Math.trunc(delaysS[r] * sampleRate) + 0;
      shiftSamples[r] = shift;
      if (mode === 'fractional') {
        shiftedCombination(hp, hc, fp, fc, shift, length, spec);
        if (nyquist >= 0) spec[2 * nyquist + 1] = 0;
        plan!.inverse(spec, out);
      } else {
        rollCombination(pRow, cRow, fp, fc, shift, out);
        if (weights) {
          for (let i = 0; i < 2 * bins; i++) spec[i] = fp * hp[i] + fc * hc[i];
        }
      }
      if (weights) {
        const snr = Math.sqrt(weights.snrSquared(spec, weights.row(b, c)));
        if (!(snr <= maxSnr)) checkSnrValue(snr, maxSnr, null, `[${b}][${c}]`);
        ifoSnr![r] = snr;
      }
    }
  }
  const responses: TimeSeries3d = { data, batch, channels, length };
  if (!ifoSnr) return { responses, shiftSamples };
  return { responses, shiftSamples, ifoSnr, networkSnr: networkSnrFromIfoSnr(ifoSnr, batch, channels) };
}

/** Resynchronise the phasor recurrence with exact cos/sin every this many bins (error ≲ 1e-14). */
const PHASOR_RESYNC = 64;

/**
 * spec_k = (fp·Hp_k + fc·Hc_k) · exp(−2πi·k·shift/length), k = 0..bins−1 (interleaved).
 * The phasor is advanced by complex multiplication and recomputed exactly every PHASOR_RESYNC bins.
 */
function shiftedCombination(
  hp: Float64Array,
  hc: Float64Array,
  fp: number,
  fc: number,
  shiftSamples: number,
  length: number,
  spec: Float64Array,
): void {
  const bins = spec.length / 2;
  const step = (-2 * Math.PI * shiftSamples) / length;
  const stepRe = Math.cos(step);
  const stepIm = Math.sin(step);
  let wr = 1;
  let wi = 0;
  for (let k = 0; k < bins; k++) {
    if (k % PHASOR_RESYNC === 0) {
      // Reduce k·shift modulo length before scaling, for an accurate angle at large k.
      const ang = (-2 * Math.PI * ((k * shiftSamples) % length)) / length;
      wr = Math.cos(ang);
      wi = Math.sin(ang);
    }
    const re = fp * hp[2 * k] + fc * hc[2 * k];
    const im = fp * hp[2 * k + 1] + fc * hc[2 * k + 1];
    spec[2 * k] = re * wr - im * wi;
    spec[2 * k + 1] = re * wi + im * wr;
    const nr = wr * stepRe - wi * stepIm;
    wi = wr * stepIm + wi * stepRe;
    wr = nr;
  }
}

/** out[t] = fp·p[(t − shift) mod T] + fc·q[(t − shift) mod T] for integer `shift`. */
function rollCombination(p: Float64Array, q: Float64Array, fp: number, fc: number, shift: number, out: Float64Array): void {
  const len = out.length;
  let src = (((-shift) % len) + len) % len;
  for (let t = 0; t < len; t++) {
    out[t] = fp * p[src] + fc * q[src];
    src++;
    if (src === len) src = 0;
  }
}

/**
 * Circularly delays one real series by `shiftSamples` (may be fractional) in the frequency domain:
 * y = irfft(rfft(x) · exp(−2πi k s/T)). For an integer shift this equals a roll by s.
 */
export function shiftFractional(x: Float64Array, shiftSamples: number): Float64Array {
  if (!Number.isFinite(shiftSamples)) throw new Error(`shiftSamples: expected a finite number, got ${shiftSamples}`);
  if (x.length < 2) throw new Error(`x: expected at least 2 samples, got ${x.length}`);
  assertAllFinite(x, 'x');
  const plan = new RealFFT(x.length);
  const bins = plan.bins;
  const hx = plan.forward(x);
  const zero = new Float64Array(2 * bins);
  const spec = new Float64Array(2 * bins);
  shiftedCombination(hx, zero, 1, 0, shiftSamples, x.length, spec);
  if (x.length % 2 === 0) spec[2 * (bins - 1) + 1] = 0;
  return plan.inverse(spec);
}
