/**
 * Simulated detector noise: stationary Gaussian noise coloured to a given one-sided PSD, deterministic
 * from (seed, ifo, GPS span) and independent of how a span is chunked.
 *
 * Method: white Gaussian samples w[n] of unit variance are defined for every global sample index
 * n = t·fs (GPS time t), generated in GPS-aligned blocks from a random stream keyed by
 * (seed, ifo, block index). The coloured series is y = h * w with a linear-phase FIR h whose
 * amplitude response is |H(f)| = sqrt(S(f)·fs/2) — unit-variance white noise has one-sided PSD 2/fs,
 * so y has PSD |H|²·2/fs = S. h is the inverse real FFT of |H| (zero phase), centred and tapered
 * with a Tukey window (a windowed-FIR design; the taper smooths S over ~fs/firLength). Output is
 * computed per GPS-aligned block by FFT convolution, so any span is cut from identical blocks.
 */
import { RealFFT, tukey } from '@aframe/signal';
import { normalStream } from './random.ts';

/** Length of an output block in seconds (blocks start at GPS multiples of this). */
export const NOISE_BLOCK_S = 64;
/** FIR length in seconds: sets the frequency resolution of the colouring (1/8 Hz). */
export const FIR_LENGTH_S = 8;

export interface ColouredNoiseOptions {
  sampleRate: number;
  /** One-sided PSD [1/Hz] as a function of frequency [Hz]; evaluated on the FIR grid. */
  psd: (frequencyHz: number) => number;
  seed: number;
  /** Distinguishes independent streams (e.g. one per ifo). */
  streamId: number;
}

export class ColouredNoise {
  readonly sampleRate: number;
  private readonly taps: number;
  private readonly fir: Float64Array;
  private readonly blockSamples: number;
  private readonly nfft: number;
  private readonly rfft: RealFFT;
  private readonly firSpectrum: Float64Array;
  private readonly cache = new Map<number, Float64Array>();
  private readonly seed: number;
  private readonly streamId: number;

  constructor(opts: ColouredNoiseOptions) {
    const { sampleRate } = opts;
    if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new Error(`sample_rate must be a positive integer in Hz, got ${sampleRate}`);
    this.sampleRate = sampleRate;
    this.seed = opts.seed;
    this.streamId = opts.streamId;
    this.taps = FIR_LENGTH_S * sampleRate;
    this.blockSamples = NOISE_BLOCK_S * sampleRate;
    this.fir = designColouringFir(opts.psd, sampleRate, this.taps);
    let nfft = 1;
    while (nfft < this.blockSamples + this.taps) nfft *= 2;
    this.nfft = nfft;
    this.rfft = new RealFFT(nfft);
    const padded = new Float64Array(nfft);
    padded.set(this.fir);
    this.firSpectrum = this.rfft.forward(padded).slice();
  }

  private readonly whiteCache = new Map<number, Float64Array>();

  /** Unit-variance white noise of GPS block `b` (samples b·B … (b+1)·B − 1); the last few are cached. */
  private white(block: number): Float64Array {
    const hit = this.whiteCache.get(block);
    if (hit) return hit;
    const out = new Float64Array(this.blockSamples);
    normalStream([this.seed, this.streamId, block])(out);
    if (this.whiteCache.size >= 4) this.whiteCache.delete(this.whiteCache.keys().next().value as number);
    this.whiteCache.set(block, out);
    return out;
  }

  /** Coloured output of block `b`, computed once and cached (LRU of a few blocks). */
  private coloured(block: number): Float64Array {
    const hit = this.cache.get(block);
    if (hit) return hit;
    const B = this.blockSamples;
    const half = this.taps / 2;
    // y[n] = Σ_k h[k] w[n + half − k], n in block: needs w over [bB − half, (b+1)B + half).
    const input = new Float64Array(this.nfft);
    const prev = this.white(block - 1);
    const cur = this.white(block);
    const next = this.white(block + 1);
    input.set(prev.subarray(B - half), 0);
    input.set(cur, half);
    input.set(next.subarray(0, half), half + B);
    const spec = this.rfft.forward(input).slice();
    const h = this.firSpectrum;
    for (let i = 0; i < spec.length; i += 2) {
      const re = spec[i] * h[i] - spec[i + 1] * h[i + 1];
      const im = spec[i] * h[i + 1] + spec[i + 1] * h[i];
      spec[i] = re;
      spec[i + 1] = im;
    }
    const full = this.rfft.inverse(spec);
    // input[i] = w[bB − half + i]; full[j] = Σ_k h[k]·input[j − k], so y[bB + m] sits at j = m + taps.
    // Circular wrap-around only reaches j < taps − 1, and m + taps < B + taps ≤ nfft.
    const out = full.slice(this.taps, this.taps + B);
    if (this.cache.size >= 4) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(block, out);
    return out;
  }

  /** Samples for GPS [t0, t0 + n/fs); t0·fs must be an integer. */
  generate(t0: number, n: number): Float64Array {
    const first = Math.round(t0 * this.sampleRate);
    if (Math.abs(first - t0 * this.sampleRate) > 1e-6) {
      throw new Error(`simulated noise needs a start time on the sample grid: t0=${t0} s at ${this.sampleRate} Hz`);
    }
    const out = new Float64Array(n);
    const B = this.blockSamples;
    let pos = 0;
    while (pos < n) {
      const idx = first + pos;
      const block = Math.floor(idx / B);
      const offset = idx - block * B;
      const take = Math.min(B - offset, n - pos);
      out.set(this.coloured(block).subarray(offset, offset + take), pos);
      pos += take;
    }
    return out;
  }
}

/**
 * Linear-phase FIR of `taps` samples with |H(f)|² = (S averaged over the bin)·fs/2 on the grid k·fs/taps, centred
 * at taps/2 and tapered by a Tukey(0.1) window. H(0) = 0: no DC offset.
 */
export function designColouringFir(psd: (f: number) => number, sampleRate: number, taps: number): Float64Array {
  const nf = taps / 2 + 1;
  const spec = new Float64Array(2 * nf);
  const df = sampleRate / taps;
  // Each grid value is the mean of S over its bin [f − Δf/2, f + Δf/2] (SUB samples per bin), so
  // narrow lines between grid points keep their integrated power instead of being hit or missed.
  const SUB = 16;
  for (let k = 1; k < nf; k++) {
    let mean = 0;
    for (let j = 0; j < SUB; j++) {
      const f = (k - 0.5 + (j + 0.5) / SUB) * df;
      const s = psd(f);
      if (!(s >= 0) || !Number.isFinite(s)) throw new Error(`PSD at ${f} Hz is ${s}; expected a finite non-negative value`);
      mean += s / SUB;
    }
    spec[2 * k] = Math.sqrt((mean * sampleRate) / 2);
  }
  const fft = new RealFFT(taps);
  const impulse = fft.inverse(spec); // zero-phase: symmetric about index 0
  const fir = new Float64Array(taps);
  const half = taps / 2;
  for (let i = 0; i < taps; i++) fir[i] = impulse[(i + half) % taps];
  const w = tukey(taps, 0.1);
  for (let i = 0; i < taps; i++) fir[i] *= w[i];
  return fir;
}
