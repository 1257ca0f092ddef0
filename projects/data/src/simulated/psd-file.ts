/**
 * Noise curves from two-column text files (frequency [Hz], value), as LIGO publishes them: either
 * an ASD [1/√Hz] (e.g. LIGO-T2000012's `aligo_O3actual_H1.txt`) or a PSD [1/Hz]. `kind: 'auto'`
 * decides by magnitude (@aframe/signal `detectSpectrumKind`); parsing is @aframe/signal's
 * `parseSpectrumText`. The curve is interpolated linearly in log-log space (the grids are often
 * log-spaced) and held constant beyond its first and last rows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectSpectrumKind, parseSpectrumText } from '@aframe/signal';

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
  const table = parseSpectrumText(text, `noise curve ${path}`);
  // Rows with non-positive values (e.g. fillers below the calibrated band) are dropped.
  const rows = Array.from(table.values.keys()).filter((i) => table.values[i] > 0);
  if (rows.length < 2) throw new Error(`noise curve ${path}: fewer than two positive values`);
  const freqs = Float64Array.from(rows, (i) => table.frequencies[i]);
  const vals = Float64Array.from(rows, (i) => table.values[i]);
  const isPsd = kind === 'psd' || (kind === 'auto' && detectSpectrumKind(vals) === 'psd');
  const psd = isPsd ? vals : vals.map((x) => x * x);
  const logF = freqs.map(Math.log);
  const logS = psd.map(Math.log);
  // Point evaluation (off-grid frequencies are needed: bin averages for the FIR, glitch windows).
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
