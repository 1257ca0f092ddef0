/** Loads the scipy/numpy reference fixtures written by fixtures/gen_signal_refs.py and the shared strain files. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = new URL('./fixtures/', import.meta.url);
/** ../shared/data relative to the repository root (libs/signal/test → ../../../../shared/data). */
export const SHARED_DATA = new URL('../../../../shared/data/', import.meta.url);

export interface Refs {
  meta: Record<string, unknown>;
  arrays: Record<string, { file: string; length: number }>;
  small: Record<string, number[] & Record<string, number>>;
  welch: Array<{ name: string; ifo?: string; input?: string; sampleRate: number; fftlength: number; overlap: number; average: 'mean' | 'median'; fast: boolean; df: number; numSegments?: number }>;
  resample: Array<{ name: string; ifo?: string; input?: string; fromRate?: number; toRate?: number; up?: number; down?: number }>;
  whiten: Array<{ name: string; length: number; starts: number[]; psd: string; psdBins: number; highpass: number | null; lowpass: number | null; fduration: number; sampleRate: number; outLength: number }>;
}

export const refs: Refs = JSON.parse(readFileSync(new URL('signal_refs.json', FIXTURES), 'utf8')) as Refs;

export function loadArray(name: string): Float64Array {
  const entry = refs.arrays[name];
  if (!entry) throw new Error(`fixture array ${name} not found`);
  const buf = readFileSync(new URL(entry.file, FIXTURES));
  const out = new Float64Array(entry.length);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < entry.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}

const STRAIN_FILES: Record<string, string> = {
  H1: 'strain/gwtc1_losc_event_tutorial/H-H1_LOSC_4_V2-1126259446-32.hdf5',
  L1: 'strain/gwtc1_losc_event_tutorial/L-L1_LOSC_4_V2-1126259446-32.hdf5',
};

const strainCache = new Map<string, Float64Array>();

/** The 32 s, 4096 Hz GW150914 LOSC strain of `ifo` (dataset strain/Strain). */
export async function loadStrain(ifo: 'H1' | 'L1'): Promise<Float64Array> {
  const cached = strainCache.get(ifo);
  if (cached) return cached;
  // imported lazily: loading the HDF5 WASM module takes a few seconds and most tests do not need it
  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  const path = fileURLToPath(new URL(STRAIN_FILES[ifo], SHARED_DATA));
  const f = new h5wasm.File(path, 'r');
  try {
    const ds = f.get('strain/Strain') as { value: unknown };
    const x = Float64Array.from(ds.value as Float64Array);
    strainCache.set(ifo, x);
    return x;
  } finally {
    f.close();
  }
}

/** max_i |a_i − b_i| / max_i |b_i| — relative error against the reference's scale. */
export function relMaxError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

/** max_i |a_i − b_i| / |b_i| — pointwise relative error (for strictly non-zero references such as PSDs). */
export function pointwiseRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  return m;
}

/** Deterministic standard normal samples (Box–Muller over an LCG) for analytic tests. */
export function gaussian(n: number, seed: number, sigma = 1): Float64Array {
  let s = seed >>> 0;
  const uni = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uni()));
    const th = 2 * Math.PI * uni();
    out[i] = sigma * r * Math.cos(th);
    if (i + 1 < n) out[i + 1] = sigma * r * Math.sin(th);
  }
  return out;
}
