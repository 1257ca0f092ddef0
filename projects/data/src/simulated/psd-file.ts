/**
 * Noise curves from two-column text files (frequency [Hz], value), as LIGO publishes them: either
 * an ASD [1/√Hz] (e.g. LIGO-T2000012's `aligo_O3actual_H1.txt`) or a PSD [1/Hz]. `kind: 'auto'`
 * decides by magnitude: strain ASDs are ~1e-24…1e-18, PSDs ~1e-48…1e-36, so a median below 1e-30 means
 * PSD. The curve is interpolated linearly in log-log space (the grids are often log-spaced) and held
 * constant beyond its first and last rows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type CurveKind = 'auto' | 'asd' | 'psd';

export interface NoiseCurve {
  path: string;
  frequencies: Float64Array;
  /** PSD values [1/Hz] at `frequencies`. */
  psd: Float64Array;
  /** Interpolated PSD at any frequency. */
  at: (frequencyHz: number) => number;
}

/** Default curves shipped with the package (LIGO-T2000012 O3 "actual" sensitivities). */
export const DEFAULT_NOISE_CURVES: Record<string, string> = {
  H1: fileURLToPath(new URL('../../assets/noise_curves/aligo_O3actual_H1.txt', import.meta.url)),
  L1: fileURLToPath(new URL('../../assets/noise_curves/aligo_O3actual_L1.txt', import.meta.url)),
  V1: fileURLToPath(new URL('../../assets/noise_curves/avirgo_O3actual.txt', import.meta.url)),
};

export function loadNoiseCurve(path: string, kind: CurveKind = 'auto'): NoiseCurve {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`noise curve ${path} cannot be read`);
  }
  const f: number[] = [];
  const v: number[] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith('%')) return;
    const cols = t.split(/[\s,]+/).map(Number);
    if (cols.length < 2 || !Number.isFinite(cols[0]) || !Number.isFinite(cols[1])) {
      throw new Error(`noise curve ${path}:${i + 1}: expected two numeric columns (frequency, ASD or PSD), got "${t.slice(0, 60)}"`);
    }
    f.push(cols[0]);
    v.push(cols[1]);
  });
  if (f.length < 2) throw new Error(`noise curve ${path}: fewer than two rows (expected frequency, ASD or PSD columns)`);
  for (let i = 1; i < f.length; i++) {
    if (!(f[i] > f[i - 1])) throw new Error(`noise curve ${path}: frequencies must increase (row ${i + 1})`);
  }
  // Rows with non-positive values (e.g. fillers below the calibrated band) are dropped.
  const keep = v.map((x) => x > 0);
  const freqs = Float64Array.from(f.filter((_, i) => keep[i]));
  const vals = Float64Array.from(v.filter((_, i) => keep[i]));
  if (freqs.length < 2) throw new Error(`noise curve ${path}: fewer than two positive values`);
  const sorted = Array.from(vals).sort((a, b) => a - b);
  const isPsd = kind === 'psd' || (kind === 'auto' && sorted[sorted.length >> 1] < 1e-30);
  const psd = isPsd ? vals : vals.map((x) => x * x);
  const logF = freqs.map(Math.log);
  const logS = psd.map(Math.log);
  const at = (frequencyHz: number): number => {
    if (frequencyHz <= freqs[0]) return psd[0];
    if (frequencyHz >= freqs[freqs.length - 1]) return psd[psd.length - 1];
    const x = Math.log(frequencyHz);
    let lo = 0;
    let hi = freqs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (logF[mid] <= x) lo = mid;
      else hi = mid;
    }
    const w = (x - logF[lo]) / (logF[hi] - logF[lo]);
    return Math.exp(logS[lo] + w * (logS[hi] - logS[lo]));
  };
  return { path, frequencies: freqs, psd, at };
}
