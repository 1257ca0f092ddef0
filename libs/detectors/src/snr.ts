/**
 * Optimal matched-filter SNR against a one-sided PSD (ml4gw `compute_ifo_snr`, reference §10.6):
 *
 *   ρ² = 4 Σ_k |h̃_k|² / S_k · Δf,   h̃_k = rfft(h)_k / sampleRate,   Δf = sampleRate / T,
 *
 * over the bins with highpass ≤ f_k < lowpass (DC and Nyquist included unless masked; no window).
 * Equivalently ρ² = 4/(sampleRate·T) · Σ_k |X_k|² / S_k with X = rfft(h) unscaled.
 * A PSD whose length differs from T//2+1 is first interpolated linearly along frequency, exactly as
 * ml4gw does with torch `interpolate(mode="linear", align_corners=False)`.
 *
 * Deviation from ml4gw, on purpose: ml4gw casts |h̃|/√S to float32 before squaring; here everything
 * stays float64 (DESIGN §10: float32 underflow changed results). Differences are ≲ 1e-7 relative.
 */
import { RealFFT, interpolatePsd } from '@aframe/signal';
import { checkTimeSeries3d, type FrequencySeries3d, type PsdInput, type TimeSeries3d } from './types.ts';
import { assertPositive } from './validate.ts';

/** Frequency band of the SNR integral: bins with highpass ≤ f < lowpass (Hz). */
export interface SnrBand {
  /** Lowest frequency included, Hz (f ≥ highpass). Omitted: from DC. */
  readonly highpass?: number;
  /** Frequencies below this are included, Hz (f < lowpass). Omitted: up to and including Nyquist. */
  readonly lowpass?: number;
}

export interface SnrOptions extends SnrBand {
  /**
   * Largest SNR accepted before throwing (DESIGN §10 guard against unphysical values, e.g. strain
   * in the wrong units or a PSD of the wrong scale). Default 1e4; pass Infinity to disable.
   */
  readonly maxSnr?: number;
}

export const DEFAULT_MAX_SNR = 1e4;

// PSD resampling (torch `interpolate` semantics) lives in @aframe/signal; re-exported here for callers.
export { interpolatePsd, type PsdInterpolation } from '@aframe/signal';

/** Normalises any PsdInput to a FrequencySeries3d (no copy when already one). */
export function toFrequencySeries3d(psd: PsdInput, argName = 'psd'): FrequencySeries3d {
  if (psd instanceof Float64Array) return { data: psd, batch: 1, channels: 1, length: psd.length };
  if (Array.isArray(psd)) {
    const rows = psd as readonly Float64Array[];
    if (rows.length === 0) throw new Error(`${argName}: expected at least one PSD`);
    const length = rows[0].length;
    const data = new Float64Array(rows.length * length);
    rows.forEach((r, c) => {
      if (!(r instanceof Float64Array) || r.length !== length) {
        throw new Error(`${argName}[${c}]: expected a Float64Array of ${length} bins like ${argName}[0], got ${r?.length}`);
      }
      data.set(r, c * length);
    });
    return { data, batch: 1, channels: rows.length, length };
  }
  const p = psd as FrequencySeries3d;
  if (!(p.data instanceof Float64Array) || p.data.length !== p.batch * p.channels * p.length) {
    throw new Error(`${argName}.data: expected batch·channels·length = ${p.batch * p.channels * p.length} values, got ${p.data?.length}`);
  }
  return p;
}

/**
 * Per-(PSD row) SNR weights w_k = 4/(sampleRate·T) · [highpass ≤ f_k < lowpass] / S_k, so that
 * ρ² = Σ_k w_k |X_k|² with X = rfft(h). PSD rows broadcast over batch/channels as in FrequencySeries3d.
 */
export class SnrWeights {
  readonly bins: number;
  readonly batch: number;
  readonly channels: number;
  /** (psdBatch, psdChannels, bins) weights. */
  private readonly w: Float64Array;
  /** First and one-past-last bin inside the band. */
  readonly kLo: number;
  readonly kHi: number;

  constructor(psd: PsdInput, sampleRate: number, length: number, band: SnrBand = {}) {
    assertPositive(sampleRate, 'sampleRate');
    if (!Number.isInteger(length) || length < 2) throw new Error(`length: expected an integer ≥ 2 samples, got ${length}`);
    const p = toFrequencySeries3d(psd);
    const bins = Math.floor(length / 2) + 1;
    // numpy/torch rfftfreq: f_k = k · (1 / (n · (1/sampleRate))).
    const df = 1 / (length * (1 / sampleRate));
    const { highpass, lowpass } = band;
    if (highpass !== undefined && !(Number.isFinite(highpass) && highpass >= 0)) {
      throw new Error(`highpass: expected a finite frequency ≥ 0 Hz, got ${highpass}`);
    }
    if (lowpass !== undefined && !(lowpass > (highpass ?? 0))) {
      throw new Error(`lowpass: expected a frequency > highpass (${highpass ?? 0} Hz), got ${lowpass}`);
    }
    // Bin k is in the band iff highpass ≤ k·df and k·df < lowpass (compare frequencies as ml4gw does).
    let kLo = 0;
    if (highpass !== undefined) while (kLo < bins && kLo * df < highpass) kLo++;
    let kHi = bins;
    if (lowpass !== undefined) while (kHi > 0 && (kHi - 1) * df >= lowpass) kHi--;
    if (kHi <= kLo) throw new Error(`highpass/lowpass: band [${highpass ?? 0}, ${lowpass ?? 'Nyquist'}) Hz contains no frequency bin (Δf = ${df} Hz)`);
    this.bins = bins;
    this.batch = p.batch;
    this.channels = p.channels;
    this.kLo = kLo;
    this.kHi = kHi;
    const norm = 4 / (sampleRate * length);
    const rows = p.batch * p.channels;
    this.w = new Float64Array(rows * bins);
    for (let r = 0; r < rows; r++) {
      const src = p.data.subarray(r * p.length, (r + 1) * p.length);
      const s = p.length === bins ? src : interpolatePsd(src, bins, 'linear');
      for (let k = kLo; k < kHi; k++) {
        const v = s[k];
        if (!(v > 0) || !Number.isFinite(v)) {
          throw new Error(
            `psd: value ${v} at f = ${k * df} Hz (bin ${k}, psd row ${r}) inside the SNR band must be positive and finite`,
          );
        }
        this.w[r * bins + k] = norm / v;
      }
    }
  }

  /** Weights for batch element b and channel c (broadcast if the PSD has batch/channels 1). */
  row(b: number, c: number): Float64Array {
    const pb = this.batch === 1 ? 0 : b;
    const pc = this.channels === 1 ? 0 : c;
    const r = pb * this.channels + pc;
    return this.w.subarray(r * this.bins, (r + 1) * this.bins);
  }

  /** Checks that the PSD broadcasts to (batch, channels). */
  checkBroadcast(batch: number, channels: number): void {
    if (this.batch !== 1 && this.batch !== batch) {
      throw new Error(`psd.batch: expected 1 or ${batch} (the responses' batch), got ${this.batch}`);
    }
    if (this.channels !== 1 && this.channels !== channels) {
      throw new Error(`psd.channels: expected 1 or ${channels} (one per detector), got ${this.channels}`);
    }
  }

  /** ρ² = Σ w_k |X_k|² for an interleaved rfft spectrum X. */
  snrSquared(spec: Float64Array, weights: Float64Array): number {
    let acc = 0;
    for (let k = this.kLo; k < this.kHi; k++) {
      const re = spec[2 * k];
      const im = spec[2 * k + 1];
      acc += weights[k] * (re * re + im * im);
    }
    return acc;
  }
}

/** Throws a message naming the first non-finite sample of row `rowIndex`, or the SNR if it is too large. */
export function checkSnrValue(
  snr: number,
  maxSnr: number,
  row: Float64Array | null,
  where: string,
): void {
  if (Number.isFinite(snr) && snr <= maxSnr) return;
  if (row) {
    for (let t = 0; t < row.length; t++) {
      if (!Number.isFinite(row[t])) throw new Error(`responses${where}: sample ${t} is ${row[t]}; expected finite strain`);
    }
  }
  if (!Number.isFinite(snr)) throw new Error(`snr${where}: computed SNR is ${snr} (overflow); check strain units`);
  throw new Error(
    `snr${where}: SNR ${snr} exceeds maxSnr = ${maxSnr} (unphysical: check strain units and PSD scale, or raise maxSnr)`,
  );
}

/**
 * Single-detector optimal SNR of every (batch, channel) row of `responses` against `psd`,
 * ml4gw `compute_ifo_snr(responses, psd, sample_rate, highpass, lowpass)`. Returns (batch, channels)
 * row-major float64.
 */
export function computeIfoSnr(
  responses: TimeSeries3d,
  psd: PsdInput,
  sampleRate: number,
  options: SnrOptions = {},
): Float64Array {
  checkTimeSeries3d(responses, 'responses');
  const { batch, channels, length, data } = responses;
  const weights = new SnrWeights(psd, sampleRate, length, options);
  weights.checkBroadcast(batch, channels);
  const maxSnr = options.maxSnr ?? DEFAULT_MAX_SNR;
  const plan = new RealFFT(length);
  const spec = new Float64Array(2 * weights.bins);
  const out = new Float64Array(batch * channels);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      const r = b * channels + c;
      const row = data.subarray(r * length, (r + 1) * length);
      plan.forward(row, spec);
      const snr = Math.sqrt(weights.snrSquared(spec, weights.row(b, c)));
      if (!(snr <= maxSnr)) checkSnrValue(snr, maxSnr, row, `[${b}][${c}]`);
      out[r] = snr;
    }
  }
  return out;
}

/** Network SNR sqrt(Σ_c ρ_c²) per batch element from (batch, channels) single-detector SNRs. */
export function networkSnrFromIfoSnr(ifoSnr: Float64Array, batch: number, channels: number): Float64Array {
  if (ifoSnr.length !== batch * channels) {
    throw new Error(`ifoSnr: expected batch·channels = ${batch * channels} values, got ${ifoSnr.length}`);
  }
  const out = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    let acc = 0;
    for (let c = 0; c < channels; c++) acc += ifoSnr[b * channels + c] ** 2;
    out[b] = Math.sqrt(acc);
  }
  return out;
}

/** ml4gw `compute_network_snr`: sqrt of the sum over detectors of the squared single-detector SNRs. */
export function computeNetworkSnr(
  responses: TimeSeries3d,
  psd: PsdInput,
  sampleRate: number,
  options: SnrOptions = {},
): Float64Array {
  const ifo = computeIfoSnr(responses, psd, sampleRate, options);
  return networkSnrFromIfoSnr(ifo, responses.batch, responses.channels);
}

/**
 * Scales each batch element of `responses` by targetSnr/currentSnr (new array). `targetSnr` is one
 * number or one per batch element; `currentSnr` one per batch element (network SNRs).
 */
export function rescaleToSnr(
  responses: TimeSeries3d,
  currentSnr: Float64Array,
  targetSnr: number | ArrayLike<number>,
): TimeSeries3d {
  checkTimeSeries3d(responses, 'responses');
  const { batch, channels, length } = responses;
  if (currentSnr.length !== batch) throw new Error(`currentSnr: expected ${batch} values (one per batch element), got ${currentSnr.length}`);
  if (typeof targetSnr !== 'number' && targetSnr.length !== batch) {
    throw new Error(`targetSnr: expected a number or ${batch} values, got ${targetSnr.length}`);
  }
  const data = new Float64Array(responses.data.length);
  const rowLen = channels * length;
  for (let b = 0; b < batch; b++) {
    const target = typeof targetSnr === 'number' ? targetSnr : targetSnr[b];
    const cur = currentSnr[b];
    if (!(target >= 0) || !Number.isFinite(target)) throw new Error(`targetSnr[${b}]: expected a finite SNR ≥ 0, got ${target}`);
    if (!(cur > 0) || !Number.isFinite(cur)) throw new Error(`currentSnr[${b}]: cannot rescale a signal with SNR ${cur}`);
    const s = target / cur;
    for (let i = b * rowLen; i < (b + 1) * rowLen; i++) data[i] = responses.data[i] * s;
  }
  return { data, batch, channels, length };
}

/** ml4gw `reweight_snrs`: responses · target/ρ_net with ρ_net computed against `psd`. */
export function reweightSnrs(
  responses: TimeSeries3d,
  targetSnr: number | ArrayLike<number>,
  psd: PsdInput,
  sampleRate: number,
  options: SnrOptions = {},
): TimeSeries3d {
  const net = computeNetworkSnr(responses, psd, sampleRate, options);
  return rescaleToSnr(responses, net, targetSnr);
}
