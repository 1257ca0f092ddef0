/**
 * FIR design and zero-phase filtering with scipy semantics: `firwin` (window method, low-pass, scaled to
 * unit gain at DC), `lfilterZi` for FIR filters, and `filtfiltFir` (= scipy.signal.filtfilt(b, [1], x)
 * with padtype='odd', padlen = 3·len(b), method='pad').
 */
import { hamming, kaiser } from './windows.ts';
import { ComplexFFT, RealFFT } from './fft.ts';
import { requireInteger, requirePositive } from './validate.ts';

export type FirWindow = 'hamming' | { kaiser: number };

/** sin(πx)/(πx) (numpy.sinc). */
function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/**
 * scipy.signal.firwin(numtaps, cutoff, window) low-pass with `cutoff` relative to Nyquist (0 < cutoff < 1):
 * h[n] = cutoff·sinc(cutoff·(n − (N−1)/2))·w[n], normalised so Σh = 1.
 */
export function firwin(numtaps: number, cutoff: number, window: FirWindow = 'hamming'): Float64Array {
  requireInteger(numtaps, 'numtaps', 1);
  requirePositive(cutoff, 'cutoff');
  if (cutoff >= 1) throw new Error(`cutoff must be in (0, 1) (fraction of Nyquist), got ${cutoff}`);
  const win = window === 'hamming' ? hamming(numtaps, true) : kaiser(numtaps, window.kaiser, true);
  const alpha = 0.5 * (numtaps - 1);
  const h = new Float64Array(numtaps);
  let sum = 0;
  for (let n = 0; n < numtaps; n++) {
    h[n] = cutoff * sinc(cutoff * (n - alpha)) * win[n];
    sum += h[n];
  }
  for (let n = 0; n < numtaps; n++) h[n] /= sum;
  return h;
}

/**
 * scipy.signal.lfilter_zi(b, [1]): steady-state transposed-direct-form-II state for a unit step,
 * zi[k] = Σ_{j>k} b[j], k = 0..len(b)−2.
 */
export function lfilterZiFir(b: Float64Array): Float64Array {
  const zi = new Float64Array(Math.max(0, b.length - 1));
  let acc = 0;
  for (let k = b.length - 2; k >= 0; k--) {
    acc += b[k + 1];
    zi[k] = acc;
  }
  return zi;
}

/**
 * scipy.signal.filtfilt(b, [1], x) (padtype 'odd', padlen = 3·len(b), method 'pad'), optionally keeping
 * only every `step`-th output sample starting at 0 (decimation after filtering). `method` picks direct
 * summation or FFT overlap-save convolution (default: whichever is cheaper).
 *
 * scipy extends x by `padlen` odd-reflected samples at each end, runs lfilter forward with initial state
 * lfilter_zi(b)·ext[0] (equivalent to holding ext[0] constant before the start), runs it backward over
 * the reversed result with state lfilter_zi(b)·(last forward sample), and crops `padlen` at each end.
 * For an FIR with padlen = 3·len(b) > len(b) − 1 the held-state transients of both passes lie entirely
 * inside the cropped padding, so every kept sample equals the symmetric 2·len(b)−1-tap filter
 * c_d = Σ_k b_{k+d}·b_k applied to the odd extension: y[i] = Σ_d c_d·ext(i + d). This is evaluated only
 * at kept samples, reading x directly away from the ends.
 */
export function filtfiltFir(b: Float64Array, x: Float64Array, step = 1, method: 'auto' | 'direct' | 'fft' = 'auto'): Float64Array {
  requireInteger(step, 'step', 1);
  const nb = b.length;
  const padlen = 3 * nb;
  const n = x.length;
  if (n <= padlen) throw new Error(`x must be longer than padlen = 3·numtaps = ${padlen} samples, got ${n}`);
  // autocorrelation of b: c[d] for d = 0..nb−1 (c[−d] = c[d])
  const c = new Float64Array(nb);
  for (let d = 0; d < nb; d++) {
    let acc = 0;
    for (let k = 0; k + d < nb; k++) acc += b[k + d] * b[k];
    c[d] = acc;
  }
  const outLen = Math.floor((n - 1) / step) + 1;
  const out = new Float64Array(outLen);
  // Direct evaluation costs nb multiply-adds per kept sample; FFT overlap-save about 40 per input sample
  // (measured crossover): use FFTs when few samples are dropped and the series is long.
  const useFft = method === 'fft' || (method === 'auto' && nb > 20 * step && n > 4 * FFT_BLOCK);
  if (useFft && step === 2) symmetricFirFftHalfRate(c, x, out);
  else if (useFft) symmetricFirFft(c, x, step, out);
  else symmetricFirDirect(c, x, step, out);
  return out;
}

const FFT_BLOCK = 8192;

/** Odd extension of x at index t (−n < t < 2n−1): 2x[0] − x[−t] before, 2x[n−1] − x[2(n−1) − t] after. */
function oddExt(x: Float64Array, t: number): number {
  const n = x.length;
  return t < 0 ? 2 * x[0] - x[-t] : t >= n ? 2 * x[n - 1] - x[2 * (n - 1) - t] : x[t];
}

/** out[o] = Σ_{|d|≤S} c_|d|·ext(o·step + d), S = c.length − 1, evaluated directly. */
function symmetricFirDirect(c: Float64Array, x: Float64Array, step: number, out: Float64Array): void {
  const n = x.length;
  const span = c.length - 1;
  const c0 = c[0];
  for (let o = 0; o < out.length; o++) {
    const i = o * step;
    let acc = c0 * x[i];
    if (i >= span && i + span < n) {
      for (let d = 1; d <= span; d++) acc += c[d] * (x[i + d] + x[i - d]);
    } else {
      for (let d = 1; d <= span; d++) acc += c[d] * (oddExt(x, i + d) + oddExt(x, i - d));
    }
    out[o] = acc;
  }
}

/**
 * Same sum by overlap-save FFT convolution: with u[j] = ext(j − S) and g[k] = c_|k−S| (K = 2S+1 taps),
 * y[i] = (g ∗ u)[i + K − 1]; blocks of FFT_BLOCK samples yield FFT_BLOCK − K + 1 outputs each.
 */
function symmetricFirFft(c: Float64Array, x: Float64Array, step: number, out: Float64Array): void {
  const n = x.length;
  const S = c.length - 1;
  const K = 2 * S + 1;
  const N = FFT_BLOCK;
  const V = N - (K - 1);
  const plan = new RealFFT(N);
  const g = new Float64Array(N);
  for (let k = 0; k < K; k++) g[k] = c[Math.abs(k - S)];
  const G = plan.forward(g);
  const buf = new Float64Array(N);
  const spec = new Float64Array(2 * plan.bins);
  const res = new Float64Array(N);
  for (let base = 0; base < n; base += V) {
    // buf[j] = u[base + j] = ext(base + j − S), zero past the extension
    for (let j = 0; j < N; j++) {
      const t = base + j - S;
      buf[j] = t >= 0 && t < n ? x[t] : t < n + S ? oddExt(x, t) : 0;
    }
    plan.forward(buf, spec);
    for (let k = 0; k < plan.bins; k++) {
      const re = spec[2 * k];
      const im = spec[2 * k + 1];
      const gr = G[2 * k];
      const gi = G[2 * k + 1];
      spec[2 * k] = re * gr - im * gi;
      spec[2 * k + 1] = re * gi + im * gr;
    }
    plan.inverse(spec, res);
    // outputs i = base + r, r < V, i < n; keep i ≡ 0 (mod step)
    const iEnd = Math.min(base + V, n);
    for (let i = Math.ceil(base / step) * step; i < iEnd; i += step) out[i / step] = res[K - 1 + (i - base)];
  }
}

/**
 * Factor-2 decimating version of the same sum, computed at the output rate (polyphase):
 * y[o] = Σ_e c_|2e|·xe[o+e] + Σ_e c_|2e+1|·xo[o+e] with xe[j] = ext(2j), xo[j] = ext(2j+1). Both phases are
 * packed into one complex sequence xe + i·xo, transformed once per overlap-save block, separated in the
 * frequency domain (Be = (Z[k] + conj Z[M−k])/2, Bo = (Z[k] − conj Z[M−k])/2i), filtered and summed, and
 * brought back with one real inverse transform.
 */
function symmetricFirFftHalfRate(c: Float64Array, x: Float64Array, out: Float64Array): void {
  const n = x.length;
  const S = c.length - 1;
  const E = Math.ceil(S / 2); // phase filters span e ∈ [−E, E]
  const K = 2 * E + 1;
  const M = FFT_BLOCK / 2;
  const V = M - (K - 1);
  const cplan = new ComplexFFT(M);
  const rplan = new RealFFT(M);
  const bins = rplan.bins;
  const cAt = (d: number): number => (Math.abs(d) <= S ? c[Math.abs(d)] : 0);
  // causal kernels: ke[k] = c_|2(E−k)|, ko[k] = c_|2(E−k)+1| → y = (ke ∗ be + ko ∗ bo)[r + K − 1]
  const ke = new Float64Array(M);
  const ko = new Float64Array(M);
  for (let k = 0; k < K; k++) {
    ke[k] = cAt(2 * (E - k));
    ko[k] = cAt(2 * (E - k) + 1);
  }
  const Ke = rplan.forward(ke);
  const Ko = rplan.forward(ko);
  const buf = new Float64Array(2 * M);
  const Z = new Float64Array(2 * M);
  const Y = new Float64Array(2 * bins);
  const res = new Float64Array(M);
  const extEnd = n + S; // ext(t) is needed (and valid) for −S ≤ t < n + S
  const valueAt = (t: number): number => (t >= 0 && t < n ? x[t] : t >= -S && t < extEnd ? oddExt(x, t) : 0);
  for (let o0 = 0; o0 < out.length; o0 += V) {
    // buffer j holds xe[o0 − E + j] + i·xo[o0 − E + j]
    const t0 = 2 * (o0 - E);
    if (t0 >= 0 && t0 + 2 * M <= n) {
      for (let j = 0; j < 2 * M; j++) buf[j] = x[t0 + j];
    } else {
      for (let j = 0; j < 2 * M; j++) buf[j] = valueAt(t0 + j);
    }
    cplan.forward(buf, Z);
    for (let k = 0; k < bins; k++) {
      const m = k === 0 ? 0 : M - k;
      const zr = Z[2 * k];
      const zi = Z[2 * k + 1];
      const wr = Z[2 * m];
      const wi = -Z[2 * m + 1];
      const ber = 0.5 * (zr + wr);
      const bei = 0.5 * (zi + wi);
      // (Z − conj Z[M−k]) / 2i
      const bor = 0.5 * (zi - wi);
      const boi = -0.5 * (zr - wr);
      const ker = Ke[2 * k];
      const kei = Ke[2 * k + 1];
      const kor = Ko[2 * k];
      const koi = Ko[2 * k + 1];
      Y[2 * k] = ker * ber - kei * bei + kor * bor - koi * boi;
      Y[2 * k + 1] = ker * bei + kei * ber + kor * boi + koi * bor;
    }
    rplan.inverse(Y, res);
    const end = Math.min(V, out.length - o0);
    for (let r = 0; r < end; r++) out[o0 + r] = res[K - 1 + r];
  }
}

/**
 * Literal two-pass filtfilt (forward lfilter with lfilter_zi state, backward pass, crop), kept as the
 * executable definition that `filtfiltFir` is tested against.
 */
export function filtfiltFirTwoPass(b: Float64Array, x: Float64Array): Float64Array {
  const nb = b.length;
  const edge = 3 * nb;
  const n = x.length;
  if (n <= edge) throw new Error(`x must be longer than padlen = 3·numtaps = ${edge} samples, got ${n}`);
  const L = n + 2 * edge;
  const ext = new Float64Array(L);
  for (let i = 0; i < edge; i++) ext[i] = 2 * x[0] - x[edge - i];
  ext.set(x, edge);
  for (let i = 0; i < edge; i++) ext[edge + n + i] = 2 * x[n - 1] - x[n - 2 - i];
  const zi = lfilterZiFir(b);
  const lfilter = (inp: Float64Array, scale: number): Float64Array => {
    // transposed direct form II, as scipy.signal.lfilter with a = [1]
    const z = zi.map((v) => v * scale);
    const y = new Float64Array(inp.length);
    for (let t = 0; t < inp.length; t++) {
      const xt = inp[t];
      const yt = b[0] * xt + (nb > 1 ? z[0] : 0);
      for (let k = 0; k < nb - 2; k++) z[k] = b[k + 1] * xt + z[k + 1];
      if (nb > 1) z[nb - 2] = b[nb - 1] * xt;
      y[t] = yt;
    }
    return y;
  };
  const fwd = lfilter(ext, ext[0]);
  const rev = fwd.slice().reverse();
  const back = lfilter(rev, rev[0]).reverse();
  return back.slice(edge, edge + n);
}
