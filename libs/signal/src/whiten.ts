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
import { ComplexFFT, RealFFT } from './fft.ts';
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
  /** Complex plan of the data length and buffers for whitening two channels per transform (lazy). */
  private pairPlan: ComplexFFT | null = null;
  private pairA: Float64Array | null = null;
  private pairB: Float64Array | null = null;

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

  /**
   * Whitens two channels with one complex transform each way: z = x1 + i·x2, Z = FFT(z); since both gains
   * are real and even, the filtered spectrum is W[k] = ½(g1+g2)[k]·Z[k] + ½(g1−g2)[k]·conj Z[N−k], and
   * IFFT(W) = y1 + i·y2. Same result as two `apply` calls up to rounding.
   */
  applyPair(
    x1: ArrayLike<number>,
    x2: ArrayLike<number>,
    gain1: Float64Array,
    gain2: Float64Array,
    out: Float64Array | Float32Array,
    outOffset1: number,
    outOffset2: number,
    name1 = 'x',
    name2 = 'x',
  ): void {
    const { length: N, pad, outLength } = this.geometry;
    if (x1.length !== N) throw new Error(`${name1} must have length ${N}, got ${x1.length}`);
    if (x2.length !== N) throw new Error(`${name2} must have length ${N}, got ${x2.length}`);
    if (!this.pairPlan) {
      this.pairPlan = new ComplexFFT(N);
      this.pairA = new Float64Array(2 * N);
      this.pairB = new Float64Array(2 * N);
    }
    const A = this.pairA!;
    const B = this.pairB!;
    const plan = this.pairPlan;
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i < N; i++) {
      const a = x1[i];
      const b = x2[i];
      if (a - a !== 0) throw new Error(`${name1} must contain only finite samples; found ${a} at index ${i}`);
      if (b - b !== 0) throw new Error(`${name2} must contain only finite samples; found ${b} at index ${i}`);
      m1 += a;
      m2 += b;
    }
    m1 /= N;
    m2 /= N;
    // z = x1 + i·x2 written in the plan's decimated order (x[j·dec + r] at r·L + j)
    const dec = plan.decimation;
    const L = N / dec;
    for (let r = 0, p = 0; r < dec; r++) {
      for (let i = r; i < N; i += dec, p += 2) {
        A[p] = x1[i] - m1;
        A[p + 1] = x2[i] - m2;
      }
    }
    plan.forwardDecimated(A, B);
    // A ← conj(W) in decimated order so that IFFT(W) = conj(FFT(conj W))/N. Bins k and N−k share
    // Z[k], Z[N−k] and the gains, so they are produced together.
    {
      // k = 0 (and N/2 for even N) pair with themselves
      const g0a = 0.5 * (gain1[0] + gain2[0]);
      const g0d = 0.5 * (gain1[0] - gain2[0]);
      const zr = B[0];
      const zi = B[1];
      A[0] = g0a * zr + g0d * zr;
      A[1] = -(g0a * zi - g0d * zi);
    }
    // decimated position of k: (k mod dec)·L + ⌊k/dec⌋, tracked incrementally for k ↑ and N−k ↓
    let rk = 1 % dec;
    let qk = dec === 1 ? 1 : 0;
    let rn = (N - 1) % dec;
    let qn = Math.floor((N - 1) / dec);
    for (let k = 1; 2 * k <= N; k++) {
      const n = N - k;
      const ga = 0.5 * (gain1[k] + gain2[k]);
      const gd = 0.5 * (gain1[k] - gain2[k]);
      const ar = B[2 * k];
      const ai = B[2 * k + 1];
      const br = B[2 * n];
      const bi = B[2 * n + 1];
      // W[k] = ga·Z[k] + gd·conj Z[N−k];  W[N−k] = ga·Z[N−k] + gd·conj Z[k]; store conjugates
      const pk = 2 * (rk * L + qk);
      A[pk] = ga * ar + gd * br;
      A[pk + 1] = -(ga * ai - gd * bi);
      if (n !== k) {
        const pn = 2 * (rn * L + qn);
        A[pn] = ga * br + gd * ar;
        A[pn + 1] = -(ga * bi - gd * ai);
      }
      if (++rk === dec) {
        rk = 0;
        qk++;
      }
      if (rn-- === 0) {
        rn = dec - 1;
        qn--;
      }
    }
    plan.forwardDecimated(A, B);
    const s = this.outScale / N;
    for (let i = 0; i < outLength; i++) {
      out[outOffset1 + i] = B[2 * (pad + i)] * s;
      out[outOffset2 + i] = -B[2 * (pad + i) + 1] * s;
    }
  }
}

/**
 * Whitens one channel `x` with the one-sided PSD `psd` (uniform grid from 0 Hz; any number of bins,
 * interpolated as §10.0). Returns x.length − 2·pad samples (pad = fduration·fs/2).
 */
export function whiten(x: Float64Array | Float32Array, psd: ArrayLike<number>, opts: WhitenOptions): Float64Array {
  const w = whitenerFor(x.length, opts);
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
 * and shape `(batch, channels, length − 2·pad)`; pass `out` to reuse a buffer.
 */
const whitenerCache = new Map<string, Whitener>();

/** Cached Whitener for (length, options): plans and buffers are reused across calls. */
export function whitenerFor(length: number, opts: WhitenOptions): Whitener {
  const key = `${length}|${opts.sampleRate}|${opts.fduration}|${opts.highpass}|${opts.lowpass}`;
  let w = whitenerCache.get(key);
  if (!w) {
    w = new Whitener(length, { sampleRate: opts.sampleRate, fduration: opts.fduration, highpass: opts.highpass, lowpass: opts.lowpass });
    if (whitenerCache.size >= 16) whitenerCache.delete(whitenerCache.keys().next().value!);
    whitenerCache.set(key, w);
  }
  return w;
}

export function whitenBatch<T extends Float64Array | Float32Array>(
  x: Batch<T>,
  psd: Float64Array,
  opts: WhitenOptions & { psdPerBatch?: boolean; out?: T },
): Batch<T> {
  const { batch, channels, length, data } = x;
  requireInteger(batch, 'batch', 1);
  requireInteger(channels, 'channels', 1);
  if (data.length !== batch * channels * length) {
    throw new Error(`x.data must have batch·channels·length = ${batch * channels * length} samples, got ${data.length}`);
  }
  const w = whitenerFor(length, opts);
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
  const outSize = batch * channels * outLength;
  let out: T;
  if (opts.out) {
    if (opts.out.length !== outSize || opts.out.constructor !== data.constructor) {
      throw new Error(`out must be a ${data.constructor.name} of batch·channels·(length − 2·pad) = ${outSize} samples, got ${opts.out.constructor.name}(${opts.out.length})`);
    }
    out = opts.out;
  } else {
    out = (data instanceof Float32Array ? new Float32Array(outSize) : new Float64Array(outSize)) as T;
  }
  const total = batch * channels;
  const rowData = (row: number): T => data.subarray(row * length, (row + 1) * length) as T;
  const rowGain = (row: number): Float64Array => {
    const g = opts.psdPerBatch ? row : row % channels;
    return gains.subarray(g * bins, (g + 1) * bins);
  };
  // two rows per complex transform (see Whitener.applyPair); an odd last row goes through the real path
  let row = 0;
  for (; row + 1 < total; row += 2) {
    w.applyPair(rowData(row), rowData(row + 1), rowGain(row), rowGain(row + 1), out, row * outLength, (row + 1) * outLength, `x row ${row}`, `x row ${row + 1}`);
  }
  if (row < total) w.apply(rowData(row), rowGain(row), out, row * outLength, `x row ${row}`);
  return { data: out, batch, channels, length: outLength };
}
