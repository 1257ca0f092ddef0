/**
 * Resampling as Aframe's `fetch` does it (reference §2.2, gwpy `TimeSeries.resample`):
 *  - integer down-sampling factor q: FIR low-pass `firwin(61, 1/q, 'hamming')` applied zero-phase with
 *    `filtfilt(b, [1])` (odd padding of 3·61 samples, lfilter_zi initial conditions), then every q-th sample;
 *  - any other rational ratio up/down: `scipy.signal.resample_poly(x, up, down)` (Kaiser β = 5 window,
 *    half-length 10·max(up, down), zero padding).
 */
import { filtfiltFir, firwin } from './filters.ts';
import { requireFinite, requireInteger, requirePositive } from './validate.ts';

/** Taps of the decimation FIR (gwpy default n = 60 → numtaps 61). */
export const DECIMATION_TAPS = 61;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Integer-factor decimation: filtfilt(firwin(61, 1/factor)) then x[::factor]. */
export function decimate(x: Float64Array, factor: number): Float64Array {
  requireInteger(factor, 'factor', 2);
  requireFinite(x, 'x');
  const b = firwin(DECIMATION_TAPS, 1 / factor, 'hamming');
  return filtfiltFir(b, x, factor);
}

/** scipy.signal.upfirdn output length. */
function upfirdnLength(hLen: number, inLen: number, up: number, down: number): number {
  const inLenCopy = inLen + Math.floor((hLen + ((-hLen % up) + up) % up) / up) - 1;
  const nt = inLenCopy * up;
  return Math.floor(nt / down) + (nt % down > 0 ? 1 : 0);
}

/** scipy.signal.resample_poly(x, up, down, window=('kaiser', 5.0), padtype='constant', cval=0). */
export function resamplePoly(x: Float64Array, up: number, down: number): Float64Array {
  requireInteger(up, 'up', 1);
  requireInteger(down, 'down', 1);
  requireFinite(x, 'x');
  const g = gcd(up, down);
  up /= g;
  down /= g;
  if (up === 1 && down === 1) return Float64Array.from(x);
  const nIn = x.length;
  const nOut = Math.floor((nIn * up) / down) + ((nIn * up) % down ? 1 : 0);
  const maxRate = Math.max(up, down);
  const halfLen = 10 * maxRate;
  const h0 = firwin(2 * halfLen + 1, 1 / maxRate, { kaiser: 5.0 });
  const nPrePad = down - (halfLen % down);
  let nPostPad = 0;
  const nPreRemove = Math.floor((halfLen + nPrePad) / down);
  while (upfirdnLength(h0.length + nPrePad + nPostPad, nIn, up, down) < nOut + nPreRemove) nPostPad++;
  const h = new Float64Array(nPrePad + h0.length + nPostPad);
  for (let i = 0; i < h0.length; i++) h[nPrePad + i] = h0[i] * up;
  // y[k] = Σ_j h[j]·xu[k·down − j], xu[t] = x[t/up] when up | t; keep k = nPreRemove .. nPreRemove+nOut−1.
  const out = new Float64Array(nOut);
  const hl = h.length;
  for (let o = 0; o < nOut; o++) {
    const t = (nPreRemove + o) * down;
    // j ≡ t (mod up), 0 ≤ j < hl, 0 ≤ (t − j)/up < nIn
    let j = t % up;
    const jMin = Math.max(j, t - (nIn - 1) * up);
    if (jMin > j) j += Math.ceil((jMin - j) / up) * up;
    let acc = 0;
    for (; j < hl && j <= t; j += up) acc += h[j] * x[(t - j) / up];
    out[o] = acc;
  }
  return out;
}

/** Best rational approximation p/q of a ratio with q ≤ maxDenominator (continued fractions). */
function rationalApprox(ratio: number, maxDenominator: number): [number, number] {
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let r = ratio;
  for (let it = 0; it < 64; it++) {
    const a = Math.floor(r);
    const h2 = a * h1 + h0;
    const k2 = a * k1 + k0;
    if (k2 > maxDenominator) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    const frac = r - a;
    if (frac < 1e-12) break;
    r = 1 / frac;
  }
  return [h1, k1];
}

/**
 * Resamples `x` from `fromRate` to `toRate` (Hz). Integer down-sampling factors use the gwpy/Aframe FIR
 * decimation; other ratios must be rational with numerator and denominator ≤ 1000 and use resample_poly.
 */
export function resample(x: Float64Array, fromRate: number, toRate: number): Float64Array {
  requirePositive(fromRate, 'fromRate');
  requirePositive(toRate, 'toRate');
  requireFinite(x, 'x');
  const factor = fromRate / toRate;
  if (Math.abs(factor - 1) < 1e-12) return Float64Array.from(x);
  const rounded = Math.round(factor);
  if (rounded >= 2 && Math.abs(factor - rounded) < 1e-9 * factor) return decimate(x, rounded);
  const [up, down] = rationalApprox(toRate / fromRate, 1000);
  if (up < 1 || down < 1 || Math.abs(up / down - toRate / fromRate) > 1e-9 * (toRate / fromRate) || up > 1000) {
    throw new Error(
      `toRate/fromRate must be a rational ratio p/q with p, q <= 1000 (e.g. 2048/4096, 3/2), got ${toRate}/${fromRate}`,
    );
  }
  return resamplePoly(x, up, down);
}
