/**
 * Special functions for the distributions: erf/erfc, the normal CDF and its inverse, and the
 * Kolmogorov distribution's survival function. Checked against scipy (test/fixtures/special.json).
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Boundary between the power series (|x| < X_SPLIT) and the continued fraction. */
const X_SPLIT = 3;

/**
 * erf(x)·e^{x²}·√π/2 for |x| < X_SPLIT via the all-positive series
 * erf x = (2/√π) e^{-x²} Σ_{n≥0} 2^n x^{2n+1} / (1·3·…·(2n+1))  (A&S 7.1.6).
 */
function erfSeriesScaled(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 0; n < 200; n++) {
    term *= x2 / (2 * n + 3);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/**
 * e^{x²}·erfc(x)·√π for x ≥ X_SPLIT by the continued fraction (A&S 7.1.14)
 * erfc x = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated with
 * the modified Lentz algorithm.
 */
function erfcContinuedFractionScaled(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  let r: number;
  if (ax < X_SPLIT) r = (2 / SQRT_PI) * Math.exp(-ax * ax) * erfSeriesScaled(ax);
  else r = 1 - (Math.exp(-ax * ax) / SQRT_PI) * erfcContinuedFractionScaled(ax);
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= X_SPLIT) return (Math.exp(-x * x) / SQRT_PI) * erfcContinuedFractionScaled(x);
  if (x > -X_SPLIT) return 1 - erf(x);
  return 2 - (Math.exp(-x * x) / SQRT_PI) * erfcContinuedFractionScaled(-x);
}

/** log erfc(x), accurate in the far right tail (no underflow). */
export function logErfc(x: number): number {
  if (x >= X_SPLIT) return -x * x - Math.log(SQRT_PI) + Math.log(erfcContinuedFractionScaled(x));
  return Math.log(erfc(x));
}

/** Standard normal pdf φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
}

/** Standard normal CDF Φ(x) = erfc(−x/√2)/2 (relative accuracy kept in the left tail). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/** log Φ(x), finite for all finite x. */
export function normalLogCdf(x: number): number {
  if (x < -1) return logErfc(-x / SQRT2) - Math.LN2;
  return Math.log1p(-0.5 * erfc(x / SQRT2));
}

// Acklam's rational approximation to Φ⁻¹ (relative error < 1.15e-9), used as a starting point.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * Φ⁻¹(p) for p in [0, 1]: Acklam's approximation refined by Newton steps on log Φ
 * (lower half, p ≤ 1/2); upper half by symmetry (1 − p is exact there).
 */
export function normalPpf(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`normalPpf: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalPpf(1 - p);
  if (p === 0.5) return 0;
  let x = acklam(p);
  const logP = Math.log(p);
  for (let it = 0; it < 6; it++) {
    // d log Φ / dx = φ/Φ; Newton on g(x) = log Φ(x) − log p (monotone, concave).
    const lc = normalLogCdf(x);
    const ratio = Math.exp(-0.5 * x * x - LOG_SQRT_2PI - lc);
    const step = (lc - logP) / ratio;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * Kolmogorov survival function Q(λ) = P(K > λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²};
 * for small λ the Jacobi-theta form 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}.
 */
export function kolmogorovSf(lambda: number): number {
  if (Number.isNaN(lambda)) return NaN;
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    let s = 0;
    for (let k = 1; k < 50; k++) {
      const t = Math.exp(-((2 * k - 1) ** 2) * Math.PI * Math.PI / (8 * lambda * lambda));
      s += t;
      if (t < 1e-18 * s || t === 0) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * s;
  }
  let s = 0;
  for (let k = 1; k < 100; k++) {
    const t = Math.exp(-2 * k * k * lambda * lambda);
    s += k % 2 === 1 ? t : -t;
    if (t < 1e-18 * Math.abs(s) || t === 0) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}
