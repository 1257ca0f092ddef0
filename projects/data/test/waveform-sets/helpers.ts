/**
 * Test helpers for the waveform-set commands: read HDF5 files with h5wasm directly (independently of
 * the ledger classes), an independent FFT-based SNR, and a simulated background file.
 */
import h5wasm from 'h5wasm/node';
import { join } from 'node:path';
import { rfft, welch } from '@aframe/signal';
import { fetchParams } from '../../src/commands/fetch.ts';
import { runFetch } from '../../src/fetch-run.ts';

export const quiet = { log: () => {}, env: { AFRAME_QUIET: '1' } };

export interface DatasetInfo {
  shape: number[];
  dtype: string;
  chunks: number[] | null;
}

export interface Layout {
  attrs: Record<string, unknown>;
  datasets: Record<string, DatasetInfo>;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => plain(x));
  return v;
}

/** Root attributes (bigints → numbers, typed arrays → arrays) and every dataset's shape/dtype/chunks. */
export async function readLayout(path: string): Promise<Layout> {
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'r');
  try {
    const attrs: Record<string, unknown> = {};
    for (const [k, a] of Object.entries(f.attrs)) attrs[k] = plain(a.value);
    const datasets: Record<string, DatasetInfo> = {};
    for (const g of f.keys()) {
      const grp = f.get(g);
      if (!(grp instanceof h5wasm.Group)) continue;
      for (const k of grp.keys()) {
        const d = grp.get(k) as InstanceType<typeof h5wasm.Dataset>;
        const meta = d.metadata as { chunks?: number[] | null };
        datasets[`${g}/${k}`] = { shape: [...(d.shape ?? [])], dtype: String(d.dtype), chunks: meta.chunks ? [...meta.chunks] : null };
      }
    }
    return { attrs, datasets };
  } finally {
    f.close();
  }
}

/** A dataset's values as Float64Array (row-major). */
export async function readData(path: string, name: string): Promise<Float64Array> {
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'r');
  try {
    const d = f.get(name) as InstanceType<typeof h5wasm.Dataset>;
    const v = d.value;
    return v instanceof Float64Array ? v : Float64Array.from(v as ArrayLike<number>);
  } finally {
    f.close();
  }
}

/** Every dataset of two files equal element by element (and the same root attributes). */
export async function sameFiles(a: string, b: string): Promise<boolean> {
  const la = await readLayout(a);
  const lb = await readLayout(b);
  if (JSON.stringify(la) !== JSON.stringify(lb)) return false;
  for (const name of Object.keys(la.datasets)) {
    const x = await readData(a, name);
    const y = await readData(b, name);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return false;
  }
  return true;
}

/**
 * Optimal SNR from its definition, written here independently of @aframe/detectors:
 * ρ² = 4 Σ_{highpass ≤ f_k < lowpass} |rfft(h)_k / sr|² / S_k · Δf, Δf = sr / T.
 */
export function referenceSnr(h: Float64Array, psd: Float64Array, sampleRate: number, highpass: number, lowpass = Infinity): number {
  const spec = rfft(h);
  const T = h.length;
  const df = sampleRate / T;
  let acc = 0;
  for (let k = 0; k <= T / 2; k++) {
    const f = k * df;
    if (f < highpass || f >= lowpass) continue;
    const re = spec[2 * k] / sampleRate;
    const im = spec[2 * k + 1] / sampleRate;
    acc += ((re * re + im * im) / psd[k]) * df;
  }
  return Math.sqrt(4 * acc);
}

/** Median-average Welch PSD of a whole channel with fftlength = waveform duration (§2.5 load_psds). */
export function referencePsd(x: Float64Array, sampleRate: number, fftlength: number): Float64Array {
  return welch(x, { sampleRate, fftlength, overlap: fftlength / 2, average: 'median' }).psd;
}

export const BG_START = 1240579783;
export const BG_DURATION = 64;

/** 64 s of simulated O3 noise (H1, L1, 2048 Hz) written by the project's own fetch. */
export async function makeBackground(dir: string): Promise<string> {
  await runFetch(fetchParams.parse({ start: BG_START, end: BG_START + BG_DURATION, output_directory: dir, nproc: 1 }), quiet);
  return join(dir, `background-${BG_START}-${BG_DURATION}.hdf5`);
}
