/**
 * One FFT module for the whole repository (DESIGN §3). numpy.fft conventions:
 * forward transforms unscaled, inverse transforms scaled by 1/n; complex data interleaved
 * `[re0, im0, re1, im1, ...]` in Float64Array.
 *
 * All O(n log n) work is done by `fft.js` (radix-4, float64, power-of-two sizes). Lengths that are
 * not powers of two are reduced to fft.js transforms:
 *  - n = m·2^k with a small odd factor m (m ≤ MAX_SMALL_FACTOR, e.g. 5120 = 5·1024, 7164 = 1791·4 is
 *    NOT small): one Cooley–Tukey decomposition step (Cooley & Tukey 1965): m fft.js transforms of
 *    length 2^k, combined by m-point DFTs with twiddles;
 *  - any other n: Bluestein's chirp-z identity (Bluestein 1970), a circular convolution computed with
 *    fft.js transforms of the next power of two ≥ 2n−1.
 * Every npm package that supports non-power-of-two lengths natively (kissfft-js, kissfft-wasm,
 * fftw-js, pffft-wasm) computes in float32, which loses the 1e-10 relative accuracy the PSD and
 * whitening code needs (strain PSDs span ~10 decades); see README "FFT backend".
 */
import FFTJS from 'fft.js';

/** Largest odd factor handled by the direct Cooley–Tukey step (cost ~ n·(m+1) complex MACs). */
const MAX_SMALL_FACTOR = 63;

function isPow2(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function checkLength(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${name} must be a positive integer transform length, got ${n}`);
  }
}

/** A complex forward DFT of fixed length n (unscaled, exp(-2πi·f·t/n)); `out` ≠ `inp`. */
interface ComplexKernel {
  readonly n: number;
  forward(inp: Float64Array, out: Float64Array): void;
}

/** Power-of-two length ≥ 2: fft.js directly. */
class Pow2Kernel implements ComplexKernel {
  readonly n: number;
  readonly lib: FFTJS;
  constructor(n: number) {
    this.n = n;
    this.lib = new FFTJS(n);
  }
  forward(inp: Float64Array, out: Float64Array): void {
    this.lib.transform(out, inp);
  }
}

/** Length 1: identity. */
class UnitKernel implements ComplexKernel {
  readonly n = 1;
  forward(inp: Float64Array, out: Float64Array): void {
    out[0] = inp[0];
    out[1] = inp[1];
  }
}

/**
 * n = m·L, L = 2^k (L may be 1), m odd and small. X[f1 + L·f2] = Σ_r W_m^{r·f2} · (W_n^{r·f1} · Y_r[f1]),
 * with Y_r the length-L DFT of the decimated sequence x[j·m + r].
 */
class FactorKernel implements ComplexKernel {
  readonly n: number;
  readonly m: number;
  private readonly len: number;
  private readonly sub: ComplexKernel;
  /** W_n^k, k = 0..n-1, interleaved. */
  private readonly twN: Float64Array;
  /** W_m^k, k = 0..m-1, interleaved. */
  private readonly twM: Float64Array;
  private readonly gather: Float64Array;
  /** m sub-spectra of length L, row r at offset 2·L·r. */
  private readonly subOut: Float64Array;
  private readonly t: Float64Array;
  private readonly subViews: Float64Array[];
  /** m×m DFT matrix W_m^{f2·r}, row-major by f2. */
  private readonly dftRe: Float64Array;
  private readonly dftIm: Float64Array;

  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
    this.len = n / m;
    this.sub = this.len === 1 ? new UnitKernel() : new Pow2Kernel(this.len);
    this.twN = twiddles(n);
    this.twM = twiddles(m);
    this.gather = new Float64Array(2 * this.len);
    this.subOut = new Float64Array(2 * n);
    this.subViews = [];
    for (let r = 0; r < m; r++) this.subViews.push(this.subOut.subarray(2 * this.len * r, 2 * this.len * (r + 1)));
    this.t = new Float64Array(2 * m);
    this.dftRe = new Float64Array(m * m);
    this.dftIm = new Float64Array(m * m);
    for (let f2 = 0; f2 < m; f2++) {
      for (let r = 0; r < m; r++) {
        const k = (f2 * r) % m;
        this.dftRe[f2 * m + r] = this.twM[2 * k];
        this.dftIm[f2 * m + r] = this.twM[2 * k + 1];
      }
    }
  }

  forward(inp: Float64Array, out: Float64Array): void {
    const { m, len, gather, subViews } = this;
    for (let r = 0; r < m; r++) {
      for (let j = 0, src = 2 * r; j < len; j++, src += 2 * m) {
        gather[2 * j] = inp[src];
        gather[2 * j + 1] = inp[src + 1];
      }
      this.sub.forward(gather, subViews[r]);
    }
    this.combine(out);
  }

  /**
   * Same transform with the input already stored decimated (r-major: block r, of length L, holds
   * x[j·m + r], j = 0..L−1), which skips the strided gather.
   */
  forwardDecimated(inp: Float64Array, out: Float64Array): void {
    const { m, len, subViews } = this;
    for (let r = 0; r < m; r++) this.sub.forward(inp.subarray(2 * len * r, 2 * len * (r + 1)), subViews[r]);
    this.combine(out);
  }

  private combine(out: Float64Array): void {
    if (this.m === 3) this.combine3(out);
    else if (this.m === 5) this.combine5(out);
    else this.combineGeneric(out);
  }

  /** Twiddle t_r = W_n^{r·f1}·Y_r[f1] into this.t for one column f1. */
  private twiddleColumn(f1: number): void {
    const { m, twN, t, subOut } = this;
    const stride = 2 * this.len;
    t[0] = subOut[2 * f1];
    t[1] = subOut[2 * f1 + 1];
    for (let r = 1, yi = 2 * f1 + stride, w = 2 * f1; r < m; r++, yi += stride, w += 2 * f1) {
      const yr = subOut[yi];
      const yim = subOut[yi + 1];
      const wr = twN[w];
      const wi = twN[w + 1];
      t[2 * r] = yr * wr - yim * wi;
      t[2 * r + 1] = yr * wi + yim * wr;
    }
  }

  private combineGeneric(out: Float64Array): void {
    const { m, len, dftRe, dftIm, t } = this;
    for (let f1 = 0; f1 < len; f1++) {
      this.twiddleColumn(f1);
      // m-point DFT of t: X[f1 + L f2] = Σ_r W_m^{r f2} t_r
      for (let f2 = 0, row = 0; f2 < m; f2++, row += m) {
        let sr = 0;
        let si = 0;
        for (let r = 0; r < m; r++) {
          const wr = dftRe[row + r];
          const wi = dftIm[row + r];
          const a = t[2 * r];
          const b = t[2 * r + 1];
          sr += a * wr - b * wi;
          si += a * wi + b * wr;
        }
        const o = 2 * (f1 + len * f2);
        out[o] = sr;
        out[o + 1] = si;
      }
    }
  }

  /** 3-point DFT written out: X1,2 = t0 − (t1+t2)/2 ∓ i·(√3/2)(t1−t2). */
  private combine3(out: Float64Array): void {
    const { len, t } = this;
    const s3 = Math.sqrt(3) / 2;
    const o1 = 2 * len;
    const o2 = 4 * len;
    for (let f1 = 0; f1 < len; f1++) {
      this.twiddleColumn(f1);
      const ar = t[2] + t[4];
      const ai = t[3] + t[5];
      const br = t[2] - t[4];
      const bi = t[3] - t[5];
      const cr = t[0] - 0.5 * ar;
      const ci = t[1] - 0.5 * ai;
      const o = 2 * f1;
      out[o] = t[0] + ar;
      out[o + 1] = t[1] + ai;
      // −i·s3·b = s3·(bi − i·br)
      out[o + o1] = cr + s3 * bi;
      out[o + o1 + 1] = ci - s3 * br;
      out[o + o2] = cr - s3 * bi;
      out[o + o2 + 1] = ci + s3 * br;
    }
  }

  /**
   * 5-point DFT written out with a_k = t_k + t_{5−k}, b_k = t_k − t_{5−k}:
   * X1,4 = t0 + c1·a1 + c2·a2 ∓ i(s1·b1 + s2·b2), X2,3 = t0 + c2·a1 + c1·a2 ∓ i(s2·b1 − s1·b2),
   * c_k = cos(2πk/5), s_k = sin(2πk/5).
   */
  private combine5(out: Float64Array): void {
    const { len, twN, subOut } = this;
    const c1 = Math.cos((2 * Math.PI) / 5);
    const c2 = Math.cos((4 * Math.PI) / 5);
    const s1 = Math.sin((2 * Math.PI) / 5);
    const s2 = Math.sin((4 * Math.PI) / 5);
    const L2 = 2 * len;
    for (let f1 = 0; f1 < len; f1++) {
      const o = 2 * f1;
      // t_r = W_n^{r·f1}·Y_r[f1], r = 0..4 (twiddle index 2·r·f1 into the interleaved table)
      const t0r = subOut[o];
      const t0i = subOut[o + 1];
      let w = o;
      let y = o + L2;
      let wr = twN[w];
      let wi = twN[w + 1];
      const t1r = subOut[y] * wr - subOut[y + 1] * wi;
      const t1i = subOut[y] * wi + subOut[y + 1] * wr;
      w += o;
      y += L2;
      wr = twN[w];
      wi = twN[w + 1];
      const t2r = subOut[y] * wr - subOut[y + 1] * wi;
      const t2i = subOut[y] * wi + subOut[y + 1] * wr;
      w += o;
      y += L2;
      wr = twN[w];
      wi = twN[w + 1];
      const t3r = subOut[y] * wr - subOut[y + 1] * wi;
      const t3i = subOut[y] * wi + subOut[y + 1] * wr;
      w += o;
      y += L2;
      wr = twN[w];
      wi = twN[w + 1];
      const t4r = subOut[y] * wr - subOut[y + 1] * wi;
      const t4i = subOut[y] * wi + subOut[y + 1] * wr;
      const a1r = t1r + t4r;
      const a1i = t1i + t4i;
      const b1r = t1r - t4r;
      const b1i = t1i - t4i;
      const a2r = t2r + t3r;
      const a2i = t2i + t3i;
      const b2r = t2r - t3r;
      const b2i = t2i - t3i;
      const p1r = t0r + c1 * a1r + c2 * a2r;
      const p1i = t0i + c1 * a1i + c2 * a2i;
      const q1r = s1 * b1r + s2 * b2r;
      const q1i = s1 * b1i + s2 * b2i;
      const p2r = t0r + c2 * a1r + c1 * a2r;
      const p2i = t0i + c2 * a1i + c1 * a2i;
      const q2r = s2 * b1r - s1 * b2r;
      const q2i = s2 * b1i - s1 * b2i;
      out[o] = t0r + a1r + a2r;
      out[o + 1] = t0i + a1i + a2i;
      // p ∓ i·q: −i·q = q_i − i·q_r
      out[o + L2] = p1r + q1i;
      out[o + L2 + 1] = p1i - q1r;
      out[o + 4 * L2] = p1r - q1i;
      out[o + 4 * L2 + 1] = p1i + q1r;
      out[o + 2 * L2] = p2r + q2i;
      out[o + 2 * L2 + 1] = p2i - q2r;
      out[o + 3 * L2] = p2r - q2i;
      out[o + 3 * L2 + 1] = p2i + q2r;
    }
  }
}

/** Bluestein: X[k] = w̄[k]·Σ_j (x[j] w̄[j]) w[k−j], w[k] = exp(iπk²/n); convolution by fft.js. */
class BluesteinKernel implements ComplexKernel {
  readonly n: number;
  private readonly size: number;
  private readonly lib: FFTJS;
  /** exp(-iπk²/n), k = 0..n-1 */
  private readonly chirp: Float64Array;
  /** FFT of the circularly-placed conj chirp, pre-scaled by 1/size for the inverse. */
  private readonly kernelSpec: Float64Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;

  constructor(n: number) {
    this.n = n;
    let size = 1;
    while (size < 2 * n - 1) size *= 2;
    this.size = size;
    this.lib = new FFTJS(size);
    this.chirp = new Float64Array(2 * n);
    const twoN = 2 * n;
    for (let k = 0; k < n; k++) {
      // k² mod 2n keeps the phase argument small (exact for n < 2^26).
      const k2 = (k * k) % twoN;
      const ang = (-Math.PI * k2) / n;
      this.chirp[2 * k] = Math.cos(ang);
      this.chirp[2 * k + 1] = Math.sin(ang);
    }
    const kern = new Float64Array(2 * size);
    for (let k = 0; k < n; k++) {
      const re = this.chirp[2 * k];
      const im = -this.chirp[2 * k + 1];
      kern[2 * k] = re;
      kern[2 * k + 1] = im;
      if (k > 0) {
        kern[2 * (size - k)] = re;
        kern[2 * (size - k) + 1] = im;
      }
    }
    this.kernelSpec = new Float64Array(2 * size);
    this.lib.transform(this.kernelSpec, kern);
    for (let i = 0; i < 2 * size; i++) this.kernelSpec[i] /= size;
    this.a = new Float64Array(2 * size);
    this.b = new Float64Array(2 * size);
  }

  forward(inp: Float64Array, out: Float64Array): void {
    const { n, a, b, chirp, kernelSpec, size } = this;
    a.fill(0);
    for (let k = 0; k < n; k++) {
      const xr = inp[2 * k];
      const xi = inp[2 * k + 1];
      const cr = chirp[2 * k];
      const ci = chirp[2 * k + 1];
      a[2 * k] = xr * cr - xi * ci;
      a[2 * k + 1] = xr * ci + xi * cr;
    }
    this.lib.transform(b, a);
    // multiply by kernel spectrum and conjugate (inverse via conj(FFT(conj(.))))
    for (let i = 0; i < size; i++) {
      const br = b[2 * i];
      const bi = b[2 * i + 1];
      const kr = kernelSpec[2 * i];
      const ki = kernelSpec[2 * i + 1];
      a[2 * i] = br * kr - bi * ki;
      a[2 * i + 1] = -(br * ki + bi * kr);
    }
    this.lib.transform(b, a);
    for (let k = 0; k < n; k++) {
      const cr = b[2 * k];
      const ci = -b[2 * k + 1];
      const wr = chirp[2 * k];
      const wi = chirp[2 * k + 1];
      out[2 * k] = cr * wr - ci * wi;
      out[2 * k + 1] = cr * wi + ci * wr;
    }
  }
}

/** exp(-2πik/n), k = 0..n-1, interleaved; symmetric construction for accuracy. */
function twiddles(n: number): Float64Array {
  const tw = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const ang = (-2 * Math.PI * k) / n;
    tw[2 * k] = Math.cos(ang);
    tw[2 * k + 1] = Math.sin(ang);
  }
  return tw;
}

/** Split n = m·2^k with m odd. */
function oddPart(n: number): number {
  let m = n;
  while (m % 2 === 0) m /= 2;
  return m;
}

function makeKernel(n: number): ComplexKernel {
  if (n === 1) return new UnitKernel();
  if (isPow2(n)) return new Pow2Kernel(n);
  const m = oddPart(n);
  if (m <= MAX_SMALL_FACTOR) return new FactorKernel(n, m);
  return new BluesteinKernel(n);
}

/** Describes which backend path a length uses (for docs and benchmarks). */
export function fftBackend(n: number): 'fft.js' | 'fft.js+factor' | 'fft.js+bluestein' | 'trivial' {
  checkLength(n, 'n');
  if (n === 1) return 'trivial';
  if (isPow2(n)) return 'fft.js';
  return oddPart(n) <= MAX_SMALL_FACTOR ? 'fft.js+factor' : 'fft.js+bluestein';
}

/** Cached complex plan of length n (forward and inverse, numpy scaling). */
export class ComplexFFT {
  readonly n: number;
  private readonly kernel: ComplexKernel;
  private readonly tmp: Float64Array;

  constructor(n: number) {
    checkLength(n, 'n');
    this.n = n;
    this.kernel = makeKernel(n);
    this.tmp = new Float64Array(2 * n);
  }

  /** Unscaled forward DFT of interleaved complex `x` (length 2n). */
  forward(x: Float64Array, out?: Float64Array): Float64Array {
    const n2 = 2 * this.n;
    if (x.length !== n2) throw new Error(`x must have length 2·n = ${n2} (interleaved complex), got ${x.length}`);
    const res = out ?? new Float64Array(n2);
    if (res.length < n2) throw new Error(`out must have length ≥ ${n2}, got ${res.length}`);
    if (res === x) {
      this.tmp.set(x);
      this.kernel.forward(this.tmp, res);
    } else {
      this.kernel.forward(x, res);
    }
    return res;
  }

  /**
   * Decimation factor m of the internal Cooley–Tukey step (1 if none): `forwardDecimated` takes its input
   * with x[j·m + r] stored at position r·(n/m) + j.
   */
  get decimation(): number {
    return this.kernel instanceof FactorKernel ? this.kernel.m : 1;
  }

  /** Unscaled forward DFT of an input stored in decimated order (see `decimation`); `out` ≠ `x`. */
  forwardDecimated(x: Float64Array, out: Float64Array): Float64Array {
    const n2 = 2 * this.n;
    if (x.length !== n2 || out.length < n2 || out === x) {
      throw new Error(`x must have length 2·n = ${n2} and out a distinct array of length >= ${n2}`);
    }
    if (this.kernel instanceof FactorKernel) this.kernel.forwardDecimated(x, out);
    else this.kernel.forward(x, out);
    return out;
  }

  /** Inverse DFT scaled by 1/n (numpy.fft.ifft), computed as conj(FFT(conj(x)))/n. */
  inverse(x: Float64Array, out?: Float64Array): Float64Array {
    const n = this.n;
    const n2 = 2 * n;
    if (x.length !== n2) throw new Error(`x must have length 2·n = ${n2} (interleaved complex), got ${x.length}`);
    const res = out ?? new Float64Array(n2);
    if (res.length < n2) throw new Error(`out must have length ≥ ${n2}, got ${res.length}`);
    const tmp = this.tmp;
    for (let i = 0; i < n2; i += 2) {
      tmp[i] = x[i];
      tmp[i + 1] = -x[i + 1];
    }
    this.kernel.forward(tmp, res);
    const s = 1 / n;
    for (let i = 0; i < n2; i += 2) {
      res[i] *= s;
      res[i + 1] *= -s;
    }
    return res;
  }
}

/**
 * Cached real-input plan of length n: `forward` = numpy.fft.rfft (n/2+1 bins, unscaled),
 * `inverse` = numpy.fft.irfft(spec, n) (scaled by 1/n; imaginary parts of the DC and, for even n,
 * Nyquist bins are ignored; spectra longer than n/2+1 bins are truncated, shorter ones zero-padded).
 *
 * Even n uses the standard packing of a real sequence into a complex one of half length,
 * z[j] = x[2j] + i·x[2j+1], so one complex transform of n/2 points does the work
 * (X[k] = E[k] + W_n^k O[k], E/O the DFTs of the even/odd samples). Powers of two ≥ 4 use
 * fft.js's own real transform for the forward direction.
 */
export class RealFFT {
  readonly n: number;
  /** Number of one-sided bins, floor(n/2)+1. */
  readonly bins: number;
  private readonly lib: FFTJS | null;
  /** Complex kernel of length n/2 (even n) or n (odd n). */
  private readonly kernel: ComplexKernel;
  /** W_n^k = exp(-2πik/n), k = 0..n/2 (even n only). */
  private readonly tw: Float64Array;
  private readonly bufA: Float64Array;
  private readonly bufB: Float64Array;

  constructor(n: number) {
    checkLength(n, 'n');
    this.n = n;
    this.bins = Math.floor(n / 2) + 1;
    this.lib = isPow2(n) && n >= 4 ? new FFTJS(n) : null;
    const even = n % 2 === 0;
    this.kernel = makeKernel(even ? n / 2 : n);
    this.tw = new Float64Array(even ? 2 * this.bins : 0);
    if (even) {
      for (let k = 0; k < this.bins; k++) {
        const ang = (-2 * Math.PI * k) / n;
        this.tw[2 * k] = Math.cos(ang);
        this.tw[2 * k + 1] = Math.sin(ang);
      }
    }
    this.bufA = new Float64Array(2 * n);
    this.bufB = new Float64Array(2 * n);
  }

  /** numpy.fft.rfft: returns interleaved complex of length 2·(floor(n/2)+1). */
  forward(x: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = this.n;
    if (x.length !== n) throw new Error(`x must have length n = ${n}, got ${x.length}`);
    const nb2 = 2 * this.bins;
    const res = out ?? new Float64Array(nb2);
    if (res.length < nb2) throw new Error(`out must have length ≥ ${nb2}, got ${res.length}`);
    const { bufA, bufB } = this;
    let src: Float64Array;
    if (x instanceof Float64Array) {
      src = x;
    } else {
      for (let i = 0; i < n; i++) bufA[i] = x[i];
      src = bufA.subarray(0, n);
    }
    if (this.lib) {
      this.lib.realTransform(bufB, src);
      for (let i = 0; i < nb2; i++) res[i] = bufB[i];
      res[1] = 0;
      res[nb2 - 1] = 0;
    } else if (n % 2 === 0) {
      // z = x viewed as n/2 complex numbers
      const half = n / 2;
      const Z = bufB;
      this.kernel.forward(src, Z);
      const tw = this.tw;
      for (let k = 0; k <= half; k++) {
        const a = k === half ? 0 : k;
        const b = k === 0 ? 0 : half - k;
        const zr = Z[2 * a];
        const zi = Z[2 * a + 1];
        const cr = Z[2 * b];
        const ci = -Z[2 * b + 1];
        // E = (Z[k] + conj Z[half-k]) / 2 ; O = (Z[k] - conj Z[half-k]) / (2i)
        const er = 0.5 * (zr + cr);
        const ei = 0.5 * (zi + ci);
        const or = 0.5 * (zi - ci);
        const oi = -0.5 * (zr - cr);
        const wr = tw[2 * k];
        const wi = tw[2 * k + 1];
        res[2 * k] = er + (or * wr - oi * wi);
        res[2 * k + 1] = ei + (or * wi + oi * wr);
      }
      res[1] = 0;
      res[nb2 - 1] = 0;
    } else {
      for (let i = 0; i < n; i++) {
        bufA[2 * i] = src[i];
        bufA[2 * i + 1] = 0;
      }
      this.kernel.forward(bufA, bufB);
      for (let i = 0; i < nb2; i++) res[i] = bufB[i];
      res[1] = 0;
    }
    return res;
  }

  /** numpy.fft.irfft(spec, n): spec interleaved complex with any number of bins. */
  inverse(spec: Float64Array, out?: Float64Array): Float64Array {
    const n = this.n;
    if (spec.length % 2 !== 0) throw new Error(`spec must be interleaved complex (even length), got length ${spec.length}`);
    const res = out ?? new Float64Array(n);
    if (res.length < n) throw new Error(`out must have length ≥ ${n}, got ${res.length}`);
    const { bufA, bufB } = this;
    const given = spec.length / 2;
    const bins = this.bins;
    if (n % 2 === 0) {
      const half = n / 2;
      const tw = this.tw;
      // Z[k] = E[k] + i·O[k], E = (X[k] + conj X[half-k])/2, O = (X[k] − conj X[half-k])·W_n^{-k}/2;
      // conjugated in place for the inverse-by-forward trick.
      for (let k = 0; k < half; k++) {
        let xr = 0;
        let xi = 0;
        if (k < given) {
          xr = spec[2 * k];
          xi = k === 0 ? 0 : spec[2 * k + 1];
        }
        const m = half - k;
        let yr = 0;
        let yi = 0;
        if (m < given && m < bins) {
          yr = spec[2 * m];
          yi = m === half ? 0 : spec[2 * m + 1];
        }
        // conj X[half-k]
        yi = -yi;
        const er = 0.5 * (xr + yr);
        const ei = 0.5 * (xi + yi);
        const dr = 0.5 * (xr - yr);
        const di = 0.5 * (xi - yi);
        // multiply by W_n^{-k} = conj(tw[k])
        const wr = tw[2 * k];
        const wi = -tw[2 * k + 1];
        const or = dr * wr - di * wi;
        const oi = dr * wi + di * wr;
        // Z = E + i·O ; store conj(Z)
        bufA[2 * k] = er - oi;
        bufA[2 * k + 1] = -(ei + or);
      }
      this.kernel.forward(bufA.subarray(0, n), bufB);
      const s = 1 / half;
      for (let j = 0; j < half; j++) {
        res[2 * j] = bufB[2 * j] * s;
        res[2 * j + 1] = -bufB[2 * j + 1] * s;
      }
      return res;
    }
    const used = Math.min(given, bins);
    // Odd n: conjugated, Hermitian-completed spectrum, x = Re(FFT(conj(Xfull)))/n.
    bufA.fill(0);
    for (let k = 0; k < used; k++) {
      const re = spec[2 * k];
      const im = k === 0 ? 0 : spec[2 * k + 1];
      bufA[2 * k] = re;
      bufA[2 * k + 1] = -im;
      if (k > 0) {
        bufA[2 * (n - k)] = re;
        bufA[2 * (n - k) + 1] = im;
      }
    }
    this.kernel.forward(bufA, bufB);
    const s = 1 / n;
    for (let i = 0; i < n; i++) res[i] = bufB[2 * i] * s;
    return res;
  }
}

const realPlans = new Map<number, RealFFT>();
const complexPlans = new Map<number, ComplexFFT>();
const MAX_CACHED_PLANS = 64;

/** Cached RealFFT plan for length n (shared; not for concurrent re-entrant use across workers). */
export function realPlan(n: number): RealFFT {
  let p = realPlans.get(n);
  if (!p) {
    p = new RealFFT(n);
    if (realPlans.size >= MAX_CACHED_PLANS) realPlans.delete(realPlans.keys().next().value!);
    realPlans.set(n, p);
  }
  return p;
}

/** Cached ComplexFFT plan for length n. */
export function complexPlan(n: number): ComplexFFT {
  let p = complexPlans.get(n);
  if (!p) {
    p = new ComplexFFT(n);
    if (complexPlans.size >= MAX_CACHED_PLANS) complexPlans.delete(complexPlans.keys().next().value!);
    complexPlans.set(n, p);
  }
  return p;
}

/** numpy.fft.rfft(x): any length n ≥ 1; interleaved complex output of length 2·(floor(n/2)+1). */
export function rfft(x: Float64Array, out?: Float64Array): Float64Array {
  return realPlan(x.length).forward(x, out);
}

/** numpy.fft.irfft(spec, n): inverse of rfft including the 1/n factor. */
export function irfft(spec: Float64Array, n: number, out?: Float64Array): Float64Array {
  checkLength(n, 'n');
  return realPlan(n).inverse(spec, out);
}

/** numpy.fft.fft of interleaved complex x (length 2n). */
export function fft(x: Float64Array, out?: Float64Array): Float64Array {
  if (x.length % 2 !== 0 || x.length === 0) throw new Error(`x must be interleaved complex with even length ≥ 2, got ${x.length}`);
  return complexPlan(x.length / 2).forward(x, out);
}

/** numpy.fft.ifft of interleaved complex x (length 2n), scaled by 1/n. */
export function ifft(x: Float64Array, out?: Float64Array): Float64Array {
  if (x.length % 2 !== 0 || x.length === 0) throw new Error(`x must be interleaved complex with even length ≥ 2, got ${x.length}`);
  return complexPlan(x.length / 2).inverse(x, out);
}

/** numpy.fft.rfftfreq(n, 1/sampleRate). */
export function rfftFrequencies(n: number, sampleRate: number): Float64Array {
  checkLength(n, 'n');
  const bins = Math.floor(n / 2) + 1;
  const f = new Float64Array(bins);
  for (let k = 0; k < bins; k++) f[k] = (k * sampleRate) / n;
  return f;
}
