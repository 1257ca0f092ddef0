/** Test helpers: LAL reference cases, the aLIGO design PSD and the noise-weighted overlap. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
export const LAL_DIR = `${SHARED}lal-reference/`;

export interface FdCase {
  id: string;
  approximant: string;
  params: Record<string, number>;
  output: { length: number; delta_f: number; epoch: number; first_nonzero_index: number; last_nonzero_index: number };
  hplusRe: Float64Array;
  hplusIm: Float64Array;
  hcrossRe: Float64Array;
  hcrossIm: Float64Array;
}

function readF64(path: string): Float64Array {
  const buf = fs.readFileSync(path);
  const out = new Float64Array(buf.byteLength / 8);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat64(8 * i, true);
  return out;
}

export function loadFdCases(approximants: string[]): FdCase[] {
  const idx = JSON.parse(fs.readFileSync(`${LAL_DIR}index.json`, 'utf8')) as { cases: { id: string; approximant: string; domain: string; metadata: string; data: string }[] };
  return idx.cases
    .filter((c) => c.domain === 'frequency' && approximants.includes(c.approximant))
    .map((c) => {
      const meta = JSON.parse(fs.readFileSync(LAL_DIR + c.metadata, 'utf8'));
      const a = readF64(LAL_DIR + c.data);
      const n = meta.output.length;
      return {
        id: c.id,
        approximant: c.approximant,
        params: meta.params,
        output: meta.output,
        hplusRe: a.subarray(0, n),
        hplusIm: a.subarray(n, 2 * n),
        hcrossRe: a.subarray(2 * n, 3 * n),
        hcrossIm: a.subarray(3 * n, 4 * n),
      };
    });
}

export interface TdMeta {
  output: { length: number; epoch: number; max_sqrt_hp2_plus_hc2: number; argmax_hp2_plus_hc2_time: number };
}

export function loadTdCase(id: string): { meta: TdMeta; hplus: Float64Array; hcross: Float64Array } {
  const meta = JSON.parse(fs.readFileSync(`${LAL_DIR}td/${id}.json`, 'utf8')) as TdMeta;
  const a = readF64(`${LAL_DIR}td/${id}.f64`);
  const n = meta.output.length;
  return { meta, hplus: a.subarray(0, n), hcross: a.subarray(n, 2 * n) };
}

let psdTable: { f: number[]; s: number[] } | null = null;
/** aLIGO ZERO_DET_high_P design PSD (bilby noise curve), linearly interpolated. */
export function aligoPsd(f: number): number {
  if (!psdTable) {
    const rows = fs
      .readFileSync(`${SHARED}psd/bilby_noise_curves/aLIGO_ZERO_DET_high_P_psd.txt`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    psdTable = { f: rows.map((r) => r[0]), s: rows.map((r) => r[1]) };
  }
  const { f: xs, s: ys } = psdTable;
  if (f <= xs[0]) return ys[0];
  if (f >= xs[xs.length - 1]) return ys[ys.length - 1];
  let lo = 0;
  let hi = xs.length - 1;
  while (hi > lo + 1) {
    const m = (lo + hi) >> 1;
    if (xs[m] > f) hi = m;
    else lo = m;
  }
  const t = (f - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}

/**
 * Normalised noise-weighted overlap <a,b>/sqrt(<a,a><b,b>) with <a,b> = 4 Re sum a b* / S df over
 * bins kLo..kHi inclusive — no maximisation over time or phase.
 */
export function overlap(
  aRe: ArrayLike<number>,
  aIm: ArrayLike<number>,
  bRe: ArrayLike<number>,
  bIm: ArrayLike<number>,
  deltaF: number,
  kLo: number,
  kHi: number,
): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = kLo; k <= kHi; k++) {
    const w = 1 / aligoPsd(k * deltaF);
    ab += (aRe[k] * bRe[k] + aIm[k] * bIm[k]) * w;
    aa += (aRe[k] * aRe[k] + aIm[k] * aIm[k]) * w;
    bb += (bRe[k] * bRe[k] + bIm[k] * bIm[k]) * w;
  }
  return ab / Math.sqrt(aa * bb);
}
