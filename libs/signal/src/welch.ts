/**
 * Welch power spectral density (Welch 1967), equivalent to
 * `scipy.signal.welch(x, fs, window='hann', nperseg, noverlap, detrend='constant', scaling='density',
 * average=...)` and to ml4gw's `SpectralDensity` (reference §10.2):
 * nperseg = int(fftlength·fs), nstride = nperseg − int(overlap·fs), segments x[k·nstride : k·nstride+nperseg]
 * for k < floor((N − nperseg)/nstride) + 1; each segment has its mean removed (or, with `fast`, the mean
 * of the whole input is removed once), is multiplied by a periodic Hann window and transformed;
 * P = |rfft|²/(fs·Σw²), doubled except at DC (and Nyquist for even nperseg).
 * `median` divides the per-bin median by scipy's bias 1 + Σ_{i=1}^{⌊(n−1)/2⌋} (1/(2i+1) − 1/(2i)).
 */
import { ComplexFFT, RealFFT, rfftFrequencies } from './fft.ts';
import { hann } from './windows.ts';
import { secondsToSamples } from './time.ts';
import { requireFinite, requirePositive, requireInteger } from './validate.ts';

export type Average = 'mean' | 'median';

export interface WelchOptions {
  /** Sample rate of the input, Hz. */
  sampleRate: number;
  /** Segment length, seconds. */
  fftlength: number;
  /** Overlap between segments, seconds; default fftlength/2; must be in [0, fftlength). */
  overlap?: number;
  /** Segment aggregation; default 'mean' (as scipy; Aframe uses 'median'). */
  average?: Average;
  /** Remove the mean of the whole input once instead of per segment (ml4gw fast=True). */
  fast?: boolean;
  /** Custom window of length nperseg (default periodic Hann). */
  window?: Float64Array;
}

export interface Psd {
  /** Bin frequencies k·fs/nperseg, Hz. */
  frequencies: Float64Array;
  /** One-sided power spectral density, 1/Hz (strain²/Hz). */
  psd: Float64Array;
}

/** scipy.signal._spectral_py._median_bias(n). */
export function medianBias(n: number): number {
  let bias = 1;
  for (let i = 1; i <= Math.floor((n - 1) / 2); i++) bias += 1 / (2 * i + 1) - 1 / (2 * i);
  return bias;
}

/** Validated segment geometry. */
export interface WelchGeometry {
  nperseg: number;
  nstride: number;
  numSegments: number;
  bins: number;
}

export function welchGeometry(length: number, opts: WelchOptions): WelchGeometry {
  requirePositive(opts.sampleRate, 'sampleRate');
  requirePositive(opts.fftlength, 'fftlength');
  const nperseg = secondsToSamples(opts.fftlength, opts.sampleRate);
  if (nperseg < 1) throw new Error(`fftlength·sampleRate must be >= 1 sample, got fftlength=${opts.fftlength} s at ${opts.sampleRate} Hz`);
  const overlap = opts.overlap ?? opts.fftlength / 2;
  if (!Number.isFinite(overlap) || overlap < 0 || overlap >= opts.fftlength) {
    throw new Error(`overlap must be in [0, fftlength=${opts.fftlength}) seconds, got ${overlap}`);
  }
  const nstride = nperseg - secondsToSamples(overlap, opts.sampleRate);
  if (nstride < 1) throw new Error(`overlap must leave a stride of >= 1 sample, got overlap=${overlap} s (stride ${nstride})`);
  if (length < nperseg) {
    throw new Error(
      `fftlength must not exceed the data duration: need >= ${nperseg} samples (fftlength=${opts.fftlength} s), got ${length} samples (${length / opts.sampleRate} s)`,
    );
  }
  const average = opts.average ?? 'mean';
  if (average !== 'mean' && average !== 'median') throw new Error(`average must be 'mean' or 'median', got ${String(average)}`);
  if (opts.window && opts.window.length !== nperseg) {
    throw new Error(`window must have length nperseg=${nperseg}, got ${opts.window.length}`);
  }
  return { nperseg, nstride, numSegments: Math.floor((length - nperseg) / nstride) + 1, bins: Math.floor(nperseg / 2) + 1 };
}

/** k-th smallest of a[lo..hi] (inclusive), partially reordering a (Hoare quickselect). */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** numpy.median of a[off .. off+n) (mean of the two middle values for even n); reorders that range. */
export function medianInPlace(a: Float64Array, off: number, n: number): number {
  const k = off + ((n - 1) >> 1);
  const lower = select(a, off, off + n - 1, k);
  if (n % 2 === 1) return lower;
  // upper middle = min of the elements after k (all ≥ lower after selection)
  let upper = Infinity;
  for (let i = k + 1; i < off + n; i++) if (a[i] < upper) upper = a[i];
  return 0.5 * (lower + upper);
}

/**
 * Reusable Welch estimator for a fixed input length and options (plans, window, buffers allocated once).
 * `estimate(x, out)` fills `out` (length `bins`) with the one-sided PSD.
 */
export class WelchEstimator {
  readonly geometry: WelchGeometry;
  readonly frequencies: Float64Array;
  private readonly length: number;
  private readonly average: Average;
  private readonly fast: boolean;
  private readonly window: Float64Array;
  private readonly scale: number;
  private readonly plan: RealFFT;
  /** Complex plan of length nperseg: two windowed segments per transform (z = s1 + i·s2). */
  private readonly pairPlan: ComplexFFT;
  private readonly pairIn: Float64Array;
  private readonly pairOut: Float64Array;
  private readonly seg: Float64Array;
  private readonly spec: Float64Array;
  /** Per-segment powers, bin-major [bin·numSegments + segment] (median only). */
  private readonly powers: Float64Array;

  constructor(length: number, opts: WelchOptions) {
    requireInteger(length, 'length', 1);
    this.geometry = welchGeometry(length, opts);
    this.length = length;
    const { nperseg, numSegments, bins } = this.geometry;
    this.average = opts.average ?? 'mean';
    this.fast = opts.fast ?? false;
    this.window = opts.window ?? hann(nperseg);
    let sumSq = 0;
    for (let i = 0; i < nperseg; i++) sumSq += this.window[i] * this.window[i];
    this.scale = 1 / (opts.sampleRate * sumSq);
    this.plan = new RealFFT(nperseg);
    this.pairPlan = new ComplexFFT(nperseg);
    this.pairIn = new Float64Array(2 * nperseg);
    this.pairOut = new Float64Array(2 * nperseg);
    this.seg = new Float64Array(nperseg);
    this.spec = new Float64Array(2 * bins);
    this.powers = new Float64Array(this.average === 'median' ? bins * numSegments : 0);
    this.frequencies = rfftFrequencies(nperseg, opts.sampleRate);
  }

  /** PSD of x (length fixed at construction); out defaults to a new Float64Array(bins). */
  estimate(x: ArrayLike<number>, out?: Float64Array, name = 'x'): Float64Array {
    if (x.length !== this.length) throw new Error(`${name} must have length ${this.length}, got ${x.length}`);
    requireFinite(x, name);
    const { nperseg, nstride, numSegments, bins } = this.geometry;
    const psd = out ?? new Float64Array(bins);
    if (psd.length < bins) throw new Error(`out must have length >= ${bins}, got ${psd.length}`);
    const { seg, spec, window, powers, plan } = this;
    let globalMean = 0;
    if (this.fast) {
      for (let i = 0; i < this.length; i++) globalMean += x[i];
      globalMean /= this.length;
    }
    const median = this.average === 'median';
    if (!median) psd.fill(0, 0, bins);
    const segMean = (start: number): number => {
      if (this.fast) return globalMean;
      let m = 0;
      for (let i = 0; i < nperseg; i++) m += x[start + i];
      return m / nperseg;
    };
    // Pairs of segments share one complex transform: with Z = FFT(s1 + i·s2),
    // S1[k] = (Z[k] + conj Z[n−k])/2 and S2[k] = (Z[k] − conj Z[n−k])/2i, so
    // |S1|² = |Z[k] + conj Z[n−k]|²/4 and |S2|² = |Z[k] − conj Z[n−k]|²/4.
    const { pairIn, pairOut } = this;
    let s = 0;
    for (; s + 1 < numSegments; s += 2) {
      const a0 = s * nstride;
      const b0 = a0 + nstride;
      const ma = segMean(a0);
      const mb = segMean(b0);
      for (let i = 0; i < nperseg; i++) {
        pairIn[2 * i] = (x[a0 + i] - ma) * window[i];
        pairIn[2 * i + 1] = (x[b0 + i] - mb) * window[i];
      }
      this.pairPlan.forward(pairIn, pairOut);
      for (let k = 0, p = s; k < bins; k++, p += numSegments) {
        const j = k === 0 ? 0 : nperseg - k;
        const zr = pairOut[2 * k];
        const zi = pairOut[2 * k + 1];
        const wr = pairOut[2 * j];
        const wi = -pairOut[2 * j + 1];
        const sr = zr + wr;
        const si = zi + wi;
        const dr = zr - wr;
        const di = zi - wi;
        const p1 = 0.25 * (sr * sr + si * si);
        const p2 = 0.25 * (dr * dr + di * di);
        if (median) {
          powers[p] = p1;
          powers[p + 1] = p2;
        } else {
          psd[k] += p1 + p2;
        }
      }
    }
    if (s < numSegments) {
      const start = s * nstride;
      const mean = segMean(start);
      for (let i = 0; i < nperseg; i++) seg[i] = (x[start + i] - mean) * window[i];
      plan.forward(seg, spec);
      for (let k = 0, p = s; k < bins; k++, p += numSegments) {
        const re = spec[2 * k];
        const im = spec[2 * k + 1];
        if (median) powers[p] = re * re + im * im;
        else psd[k] += re * re + im * im;
      }
    }
    let norm = this.scale;
    if (median) {
      norm /= medianBias(numSegments);
      for (let k = 0; k < bins; k++) psd[k] = medianInPlace(powers, k * numSegments, numSegments);
    } else {
      norm /= numSegments;
    }
    const lastDoubled = nperseg % 2 === 0 ? bins - 2 : bins - 1;
    psd[0] *= norm;
    for (let k = 1; k <= lastDoubled; k++) psd[k] *= 2 * norm;
    for (let k = lastDoubled + 1; k < bins; k++) psd[k] *= norm;
    return psd;
  }
}

/** One-channel Welch PSD (see module doc). Throws on NaN/Inf samples and invalid lengths/overlaps. */
export function welch(x: Float64Array | Float32Array, opts: WelchOptions): Psd {
  const est = new WelchEstimator(x.length, opts);
  return { frequencies: est.frequencies, psd: est.estimate(x) };
}

/**
 * Welch PSD of each channel of a row-major `(channels, length)` array: returns psd `(channels, bins)`
 * row-major (plans and buffers shared across channels).
 */
export function welchMulti(
  data: Float64Array | Float32Array,
  channels: number,
  opts: WelchOptions,
): { frequencies: Float64Array; psd: Float64Array; channels: number; bins: number } {
  requireInteger(channels, 'channels', 1);
  if (data.length % channels !== 0) throw new Error(`data length ${data.length} must be a multiple of channels=${channels}`);
  const length = data.length / channels;
  const est = new WelchEstimator(length, opts);
  const bins = est.geometry.bins;
  const psd = new Float64Array(channels * bins);
  for (let c = 0; c < channels; c++) {
    est.estimate(data.subarray(c * length, (c + 1) * length), psd.subarray(c * bins, (c + 1) * bins), `data channel ${c}`);
  }
  return { frequencies: est.frequencies, psd, channels, bins };
}
