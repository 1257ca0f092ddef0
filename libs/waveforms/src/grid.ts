/**
 * Uniform frequency grid f_k = k deltaF with per-bin powers precomputed once (and cached),
 * so that per-waveform loops need no pow/log: (M f)^{1/3} = M^{1/3} f^{1/3}, ln(M f) = ln M + ln f.
 */
export interface FrequencyGrid {
  readonly deltaF: number;
  readonly length: number;
  /** f_k, Hz */
  readonly f: Float64Array;
  /** f_k^{1/3} */
  readonly fThird: Float64Array;
  /** ln f_k (-Infinity at k = 0) */
  readonly logF: Float64Array;
  /** 1/f_k, f_k^{-1/3}, f_k^{-7/6}, f_k^{-5/3} (Infinity at k = 0) */
  readonly fInv: Float64Array;
  readonly fMThird: Float64Array;
  readonly fM76: Float64Array;
  readonly fM53: Float64Array;
}

const cache = new Map<string, FrequencyGrid>();
const CACHE_MAX = 16;

/** The (cached) grid of `length` bins spaced by deltaF. */
export function frequencyGrid(deltaF: number, length: number): FrequencyGrid {
  if (!(deltaF > 0)) throw new Error(`deltaF must be > 0 Hz, got ${deltaF}`);
  if (!(Number.isInteger(length) && length > 0)) throw new Error(`grid length must be a positive integer, got ${length}`);
  const key = `${deltaF}:${length}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const f = new Float64Array(length);
  const fThird = new Float64Array(length);
  const logF = new Float64Array(length);
  const fInv = new Float64Array(length);
  const fMThird = new Float64Array(length);
  const fM76 = new Float64Array(length);
  const fM53 = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const fk = k * deltaF;
    f[k] = fk;
    fThird[k] = Math.cbrt(fk);
    logF[k] = Math.log(fk);
    fInv[k] = 1 / fk;
    fMThird[k] = 1 / fThird[k];
    fM76[k] = Math.pow(fk, -7 / 6);
    fM53[k] = Math.pow(fk, -5 / 3);
  }
  const g: FrequencyGrid = { deltaF, length, f, fThird, logF, fInv, fMThird, fM76, fM53 };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, g);
  return g;
}

/** LAL's NextPow2: 2^ceil(log2(n)) of the integer part n. */
export function nextPow2(x: number): number {
  const n = Math.floor(x);
  return Math.pow(2, Math.ceil(Math.log2(n)));
}
