/**
 * Window functions with scipy.signal.windows semantics. `sym = false` gives the periodic ("DFT-even")
 * window used for spectral analysis (scipy `get_window(..., fftbins=True)`, torch.hann_window default);
 * `sym = true` the symmetric one used for FIR design (scipy `firwin`).
 */
import { requireInteger, requireNonNegative } from './validate.ts';

/** scipy's _len_guards/_extend: periodic windows are symmetric windows of length M+1 truncated. */
function extendedLength(length: number, sym: boolean): number {
  requireInteger(length, 'length', 0);
  return sym ? length : length + 1;
}

/** Generalised cosine window Σ_k (−1)^k a_k cos(2πkn/(M−1)). */
function generalCosine(length: number, coeffs: number[], sym: boolean): Float64Array {
  requireInteger(length, 'length', 0);
  const out = new Float64Array(length);
  if (length === 0) return out;
  if (length === 1) {
    out[0] = 1;
    return out;
  }
  const M = extendedLength(length, sym);
  for (let n = 0; n < length; n++) {
    const phase = (2 * Math.PI * n) / (M - 1);
    let w = 0;
    for (let k = 0; k < coeffs.length; k++) w += (k % 2 === 0 ? 1 : -1) * coeffs[k] * Math.cos(k * phase);
    out[n] = w;
  }
  return out;
}

/** Hann window: 0.5 − 0.5 cos(2πn/(M−1)); periodic by default (scipy get_window('hann', N), torch.hann_window). */
export function hann(length: number, sym = false): Float64Array {
  return generalCosine(length, [0.5, 0.5], sym);
}

/** Hamming window: 0.54 − 0.46 cos(2πn/(M−1)); symmetric by default (as used by scipy.firwin). */
export function hamming(length: number, sym = true): Float64Array {
  return generalCosine(length, [0.54, 0.46], sym);
}

/** Modified Bessel function of the first kind, order 0 (power series; converges for all x used by Kaiser windows). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser window I0(β√(1 − (2n/(M−1) − 1)²)) / I0(β); symmetric by default (scipy firwin). */
export function kaiser(length: number, beta: number, sym = true): Float64Array {
  requireInteger(length, 'length', 0);
  requireNonNegative(beta, 'beta');
  const out = new Float64Array(length);
  if (length === 0) return out;
  if (length === 1) {
    out[0] = 1;
    return out;
  }
  const M = extendedLength(length, sym);
  const alpha = (M - 1) / 2;
  const norm = besselI0(beta);
  for (let n = 0; n < length; n++) {
    const r = (n - alpha) / alpha;
    out[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
  }
  return out;
}

/**
 * Tukey (tapered cosine) window with scipy semantics: alpha ≤ 0 → rectangular, alpha ≥ 1 → Hann;
 * otherwise cosine tapers of width floor(alpha(M−1)/2)+1 samples at both ends. Symmetric by default.
 */
export function tukey(length: number, alpha = 0.5, sym = true): Float64Array {
  requireInteger(length, 'length', 0);
  if (!Number.isFinite(alpha)) throw new Error(`alpha must be a finite number (0..1), got ${alpha}`);
  const out = new Float64Array(length);
  if (length === 0) return out;
  if (length === 1) {
    out[0] = 1;
    return out;
  }
  if (alpha <= 0) return out.fill(1);
  if (alpha >= 1) return hann(length, sym);
  const M = extendedLength(length, sym);
  const width = Math.floor((alpha * (M - 1)) / 2);
  for (let n = 0; n < length; n++) {
    if (n <= width) {
      out[n] = 0.5 * (1 + Math.cos(Math.PI * (-1 + (2 * n) / alpha / (M - 1))));
    } else if (n < M - width - 1) {
      out[n] = 1;
    } else {
      out[n] = 0.5 * (1 + Math.cos(Math.PI * (-2 / alpha + 1 + (2 * n) / alpha / (M - 1))));
    }
  }
  return out;
}
