/**
 * Whitening as ml4gw's `Whiten(fduration, sample_rate, highpass, lowpass)` (reference §10.1).
 *
 * Filter: h = PSD^(−1/2) on the data's rfft grid (the PSD is first linearly interpolated to N/2+1 bins if
 * needed, §10.0), zeroed below `highpass` / above `lowpass` (bin int(f/df), df = fs/M, M = 2(F−1)) and at
 * Nyquist when F is odd; its zero-phase impulse response q = M·irfft(h) is truncated to `fduration` by a
 * Hann taper (q[:pad] ·= w[−pad:], q[−pad:] ·= w[:pad], zero between) and transformed back,
 * H = rfft(q)/M. Data: x ← x − mean(x); x_w = irfft(rfft(x)·√2·|H|)/√fs, applied circularly over the block,
 * then `pad = len(hann(int(fduration·fs)))//2` samples are cropped from each end.
 * White noise of variance σ² (one-sided PSD 2σ²/fs) comes out with unit variance.
 */
import { RealFFT } from './fft.ts';
import { hann } from './windows.ts';
import { interpolatePsd, requireValidPsd } from './psd.ts';
import { secondsToSamples } from './time.ts';
import { requireFinite, requireInteger, requireNonNegative, requirePositive } from './validate.ts';

export interface WhitenOptions {
  /** Sample rate of the data, Hz. */
  sampleRate: number;
  /** Length of the whitening filter's time-domain response, seconds; fduration/2 is cropped at each end. */
  fduration: number;
  /** Zero the filter response below this frequency, Hz. */
  highpass?: number;
  /** Zero the filter response at and above this frequency, Hz. */
  lowpass?: number;
}

/** Validated sizes for whitening a block of `length` samples. */
export interface WhitenGeometry {
  length: number;
  /** Samples cropped from each end. */
  pad: number;
  /** rfft bins of the data, floor(length/2)+1. */
  bins: number;
  /** Output length, length − 2·pad. */
  outLength: number;
}

export function whitenGeometry(length: number, opts: WhitenOptions): WhitenGeometry {
  requireInteger(length, 'x length', 1);
  requirePositive(opts.sampleRate, 'sampleRate');
  requirePositive(opts.fduration, 'fduration');
  const windowLength = secondsToSamples(opts.fduration, opts.sampleRate);
  const pad = Math.floor(windowLength / 2);
  if (pad < 1) throw new Error(`fduration must span >= 2 samples, got ${opts.fduration} s at ${opts.sampleRate} Hz`);
  if (length <= 2 * pad) {
    throw new Error(
      `fduration must be shorter than the data: need x length > ${2 * pad} samples (fduration=${opts.fduration} s), got ${length}`,
    );
  }
  const nyquist = opts.sampleRate / 2;
  if (opts.highpass !== undefined) {
    requireNonNegative(opts.highpass, 'highpass');
    if (opts.highpass >= nyquist) throw new Error(`highpass must be in [0, ${nyquist}) Hz (Nyquist), got ${opts.highpass}`);
  }
  if (opts.lowpass !== undefined) {
    requirePositive(opts.lowpass, 'lowpass');
    if (opts.highpass !== undefined && opts.lowpass <= opts.highpass) {
      throw new Error(`lowpass must be > highpass=${opts.highpass} Hz, got ${opts.lowpass}`);
    }
  }
  return { length, pad, bins: Math.floor(length / 2) + 1, outLength: length - 2 * pad };
}

/**
 * Whitening for blocks of a fixed length: owns FFT plans and scratch buffers. `gain(psd)` builds the
 * per-bin multiplier √2·|H| (length `bins`, includes nothing of 1/√fs); `apply` whitens one channel.
 */
export class Whitener {
  readonly geometry: WhitenGeometry;
  private readonly opts: WhitenOptions;
  private readonly window: Float64Array;
  private readonly plan: RealFFT;
  private readonly filterPlan: RealFFT;
  private readonly buf: Float64Array;
  private readonly spec: Float64Array;
  private readonly q: Float64Array;
  private readonly h: Float64Array;
  private readonly hSpec: Float64Array;
  private readonly outScale: number;

  constructor(length: number, opts: WhitenOptions) {
    this.geometry = whitenGeometry(length, opts);
    this.opts = opts;
    this.window = hann(secondsToSamples(opts.fduration, opts.sampleRate));
    const { bins } = this.geometry;
    const M = 2 * (bins - 1);
    this.plan = new RealFFT(length);
    this.filterPlan = new RealFFT(M);
    this.buf = new Float64Array(length);
    this.spec = new Float64Array(2 * bins);
    this.q = new Float64Array(M);
    this.h = new Float64Array(2 * bins);
    this.hSpec = new Float64Array(2 * bins);
    this.outScale = 1 / Math.sqrt(opts.sampleRate);
  }

  /** √2·|H[k]| for a one-sided PSD of any number of bins (interpolated to `bins` if needed). */
  gain(psd: ArrayLike<number>, out?: Float64Array, name = 'psd'): Float64Array {
    if (psd.length < 2) throw new Error(`${name} must have >= 2 frequency bins, got ${psd.length}`);
    requireValidPsd(psd, name);
    const { bins, pad } = this.geometry;
    const grid = psd.length === bins ? psd : interpolatePsd(psd, bins, 'linear');
    const M = 2 * (bins - 1);
    const df = this.opts.sampleRate / M;
    const h = this.h;
    h.fill(0);
    let lo = 0;
    let hi = bins;
    if (this.opts.highpass !== undefined) lo = Math.min(bins, Math.trunc(this.opts.highpass / df));
    if (this.opts.lowpass !== undefined) hi = Math.max(0, Math.min(bins, Math.trunc(this.opts.lowpass / df)));
    if (bins % 2 === 1) hi = Math.min(hi, bins - 1);
    for (let k = lo; k < hi; k++) h[2 * k] = 1 / Math.sqrt(grid[k]);
    // q = irfft(h, M, norm="forward") = M · numpy irfft
    const q = this.filterPlan.inverse(h, this.q);
    const w = this.window;
    const wl = w.length;
    for (let i = 0; i < M; i++) q[i] *= M;
    for (let i = 0; i < pad; i++) {
      q[i] *= w[wl - pad + i];
      q[M - pad + i] *= w[i];
    }
    for (let i = pad; i < M - pad; i++) q[i] = 0;
    const H = this.filterPlan.forward(q, this.hSpec);
    const g = out ?? new Float64Array(bins);
    const s = Math.SQRT2 / M;
    for (let k = 0; k < bins; k++) g[k] = s * Math.hypot(H[2 * k], H[2 * k + 1]);
    return g;
  }

  /**
   * Whitens one channel `x` (length `length`) with a gain from `gain()`; writes `outLength` samples to
   * `out` starting at `outOffset`.
   */
  apply(x: ArrayLike<number>, gain: Float64Array, out: Float64Array | Float32Array, outOffset = 0, name = 'x'): void {
    const { length, bins, pad, outLength } = this.geometry;
    if (x.length !== length) throw new Error(`${name} must have length ${length}, got ${x.length}`);
    const buf = this.buf;
    let mean = 0;
    for (let i = 0; i < length; i++) {
      const v = x[i];
      if (v - v !== 0) throw new Error(`${name} must contain only finite samples; found ${v} at index ${i}`);
      mean += v;
    }
    mean /= length;
    for (let i = 0; i < length; i++) buf[i] = x[i] - mean;
    const spec = this.plan.forward(buf, this.spec);
    for (let k = 0; k < bins; k++) {
      const gk = gain[k];
      spec[2 * k] *= gk;
      spec[2 * k + 1] *= gk;
    }
    this.plan.inverse(spec, buf);
    const s = this.outScale;
    for (let i = 0; i < outLength; i++) out[outOffset + i] = buf[pad + i] * s;
  }
}

/**
 * Whitens one channel `x` with the one-sided PSD `psd` (uniform grid from 0 Hz; any number of bins,
 * interpolated as §10.0). Returns x.length − 2·pad samples (pad = fduration·fs/2).
 */
export function whiten(x: Float64Array | Float32Array, psd: ArrayLike<number>, opts: WhitenOptions): Float64Array {
  const w = new Whitener(x.length, opts);
  requireFinite(x, 'x');
  const out = new Float64Array(w.geometry.outLength);
  w.apply(x, w.gain(psd), out);
  return out;
}

/** Row-major `(batch, channels, length)` block. */
export interface Batch<T extends Float64Array | Float32Array = Float64Array | Float32Array> {
  data: T;
  batch: number;
  channels: number;
  length: number;
}

/**
 * Whitens every (batch, channel) row of a `(batch, channels, length)` block. `psd` is row-major
 * `(channels, bins)` shared by all batch elements, or `(batch, channels, bins)` when `psdPerBatch`
 * (as in training, where each sample has its own background PSD). Output has the input's element type
 * and shape `(batch, channels, length − 2·pad)`.
 */
export function whitenBatch<T extends Float64Array | Float32Array>(
  x: Batch<T>,
  psd: Float64Array,
  opts: WhitenOptions & { psdPerBatch?: boolean },
): Batch<T> {
  const { batch, channels, length, data } = x;
  requireInteger(batch, 'batch', 1);
  requireInteger(channels, 'channels', 1);
  if (data.length !== batch * channels * length) {
    throw new Error(`x.data must have batch·channels·length = ${batch * channels * length} samples, got ${data.length}`);
  }
  const w = new Whitener(length, opts);
  const { outLength, bins } = w.geometry;
  const rows = opts.psdPerBatch ? batch * channels : channels;
  if (psd.length % rows !== 0 || psd.length === 0) {
    throw new Error(`psd must have shape (${opts.psdPerBatch ? 'batch, ' : ''}channels, bins) = ${rows} rows, got ${psd.length} values`);
  }
  const psdBins = psd.length / rows;
  const gains = new Float64Array(rows * bins);
  for (let r = 0; r < rows; r++) {
    w.gain(psd.subarray(r * psdBins, (r + 1) * psdBins), gains.subarray(r * bins, (r + 1) * bins), `psd row ${r}`);
  }
  const out = (data instanceof Float32Array ? new Float32Array(batch * channels * outLength) : new Float64Array(batch * channels * outLength)) as T;
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      const row = b * channels + c;
      const g = opts.psdPerBatch ? row : c;
      w.apply(data.subarray(row * length, (row + 1) * length), gains.subarray(g * bins, (g + 1) * bins), out, row * outLength, `x row ${row}`);
    }
  }
  return { data: out, batch, channels, length: outLength };
}
