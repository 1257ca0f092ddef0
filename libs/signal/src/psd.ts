/**
 * PSD helpers: resampling a one-sided PSD to another number of bins with torch's
 * `interpolate(..., mode='linear', align_corners=False)` (reference §10.0, used by whitening when the PSD
 * grid differs from the data's rfft grid), and loading two-column ASD/PSD text files onto a uniform grid.
 */
import { readFileSync } from 'node:fs';
import { requireInteger, requirePositive } from './validate.ts';

export type PsdInterpolation = 'linear' | 'nearest';

/**
 * torch.nn.functional.interpolate along the last axis, align_corners=False (reference §10.0):
 * linear: src = (i + ½)·(in/out) − ½, clamped ≥ 0; i0 = ⌊src⌋, i1 = min(i0+1, in−1), λ = src − i0
 *   (float64, as ml4gw whitening/SNR);
 * nearest: y[i] = x[min(⌊i·in/out⌋, in−1)] with torch's CPU float32 index arithmetic (scale and
 *   product rounded to float32; exact doubling when out = 2·in), as Aframe's SnrRescaler.
 */
export function interpolatePsd(psd: ArrayLike<number>, bins: number, mode: PsdInterpolation = 'linear'): Float64Array {
  requireInteger(bins, 'bins', 1);
  const n = psd.length;
  if (n < 1) throw new Error('psd must have at least one bin');
  const out = new Float64Array(bins);
  if (bins === n) {
    for (let i = 0; i < n; i++) out[i] = psd[i];
    return out;
  }
  if (mode === 'nearest') {
    if (bins === 2 * n) {
      for (let i = 0; i < bins; i++) out[i] = psd[i >> 1];
      return out;
    }
    const scale = Math.fround(n / bins);
    for (let i = 0; i < bins; i++) out[i] = psd[Math.min(Math.floor(Math.fround(Math.fround(i) * scale)), n - 1)];
    return out;
  }
  const scale = n / bins;
  for (let i = 0; i < bins; i++) {
    let src = (i + 0.5) * scale - 0.5;
    if (src < 0) src = 0;
    const i0 = Math.floor(src);
    const i1 = Math.min(i0 + 1, n - 1);
    const lam = src - i0;
    out[i] = (1 - lam) * psd[Math.min(i0, n - 1)] + lam * psd[i1];
  }
  return out;
}

/** Throws unless every PSD value is finite and > 0 (a PSD with zeros or negatives cannot whiten). */
export function requireValidPsd(psd: ArrayLike<number>, name = 'psd'): void {
  for (let i = 0; i < psd.length; i++) {
    const v = psd[i];
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new Error(`${name} must be finite and > 0 in every bin; bin ${i} is ${v}`);
    }
  }
}

export interface SpectrumTable {
  frequencies: Float64Array;
  values: Float64Array;
}

/**
 * Parses a two-column text table (frequency Hz, value), whitespace or comma separated; lines starting
 * with '#' or '%' and blank lines are skipped. Frequencies must be strictly increasing.
 */
export function parseSpectrumText(text: string, source = 'text'): SpectrumTable {
  const f: number[] = [];
  const v: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li].trim();
    if (line === '' || line.startsWith('#') || line.startsWith('%')) continue;
    const cols = line.split(/[\s,]+/);
    if (cols.length < 2) throw new Error(`${source} line ${li + 1} must have two columns (frequency, value), got "${line}"`);
    const fi = Number(cols[0]);
    const vi = Number(cols[1]);
    if (!Number.isFinite(fi) || !Number.isFinite(vi)) throw new Error(`${source} line ${li + 1} must hold two finite numbers, got "${line}"`);
    if (f.length > 0 && fi <= f[f.length - 1]) throw new Error(`${source} line ${li + 1}: frequencies must be strictly increasing (${fi} after ${f[f.length - 1]})`);
    f.push(fi);
    v.push(vi);
  }
  if (f.length < 2) throw new Error(`${source} must contain at least two rows (frequency, value), got ${f.length}`);
  return { frequencies: Float64Array.from(f), values: Float64Array.from(v) };
}

/**
 * Whether tabulated strain-noise values are an ASD [1/√Hz] or a PSD [1/Hz], by magnitude: strain
 * ASDs lie around 1e-24…1e-18, PSDs around 1e-48…1e-36, so a median below 1e-30 means PSD.
 */
export function detectSpectrumKind(values: ArrayLike<number>): 'asd' | 'psd' {
  if (values.length === 0) throw new Error('values must hold at least one spectrum value');
  const sorted = Float64Array.from(values).sort();
  return sorted[sorted.length >> 1] < 1e-30 ? 'psd' : 'asd';
}

export interface UniformPsdOptions {
  /** Frequency resolution of the output grid, Hz (bins at k·df). */
  df: number;
  /** Number of output bins (k = 0..bins−1), e.g. n/2+1 for an n-sample rfft. */
  bins: number;
  /** Whether the table holds an amplitude spectral density (squared on load) or a PSD. Default 'asd'. */
  kind: 'asd' | 'psd';
  /** Rows below this frequency are ignored (e.g. filler values), Hz. Default: keep all rows. */
  minimumFrequency?: number;
}

/**
 * Puts a tabulated spectrum on the uniform grid f_k = k·df: log(PSD) is interpolated linearly in
 * log(f) between rows (noise curves are piecewise power laws); outside the table the first/last value
 * is held constant (so the result is finite and > 0 everywhere, usable for whitening and noise colouring).
 */
export function psdOnUniformGrid(table: SpectrumTable, opts: UniformPsdOptions): Float64Array {
  requirePositive(opts.df, 'df');
  requireInteger(opts.bins, 'bins', 1);
  if (opts.kind !== 'asd' && opts.kind !== 'psd') throw new Error(`kind must be 'asd' or 'psd', got ${String(opts.kind)}`);
  const fmin = opts.minimumFrequency ?? -Infinity;
  const lf: number[] = [];
  const lp: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < table.frequencies.length; i++) {
    const f = table.frequencies[i];
    if (f < fmin) continue;
    const v = table.values[i];
    const p = opts.kind === 'asd' ? v * v : v;
    if (!(p > 0) || !Number.isFinite(p) || !(f > 0)) {
      throw new Error(`spectrum rows used must have frequency > 0 and value > 0; row ${i} is (${f}, ${v}); set minimumFrequency to skip it`);
    }
    lf.push(Math.log(f));
    lp.push(Math.log(p));
    raw.push(p);
  }
  if (lf.length < 2) throw new Error(`spectrum must keep at least two rows above minimumFrequency=${fmin}`);
  const out = new Float64Array(opts.bins);
  let j = 0;
  for (let k = 0; k < opts.bins; k++) {
    const f = k * opts.df;
    if (f <= 0 || Math.log(f) <= lf[0]) {
      out[k] = raw[0];
      continue;
    }
    const x = Math.log(f);
    if (x >= lf[lf.length - 1]) {
      out[k] = raw[raw.length - 1];
      continue;
    }
    while (lf[j + 1] < x) j++;
    const t = (x - lf[j]) / (lf[j + 1] - lf[j]);
    out[k] = t === 0 ? raw[j] : Math.exp(lp[j] + t * (lp[j + 1] - lp[j]));
  }
  return out;
}

/** Reads a two-column ASD/PSD text file and returns the PSD on a uniform grid (see psdOnUniformGrid). */
export function loadPsdFile(path: string, opts: UniformPsdOptions): { frequencies: Float64Array; psd: Float64Array } {
  const table = parseSpectrumText(readFileSync(path, 'utf8'), path);
  const psd = psdOnUniformGrid(table, opts);
  const frequencies = new Float64Array(opts.bins);
  for (let k = 0; k < opts.bins; k++) frequencies[k] = k * opts.df;
  return { frequencies, psd };
}
