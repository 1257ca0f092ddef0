/**
 * Thin layer over h5wasm (node build, NODERAWFS: host paths are used as-is by HDF5).
 * Converts attributes and numeric datasets to plain JS values and gives the atomic-write helpers.
 */
import h5wasm from 'h5wasm/node';
import type { Dataset, Group, File as H5File } from 'h5wasm/node';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { atomicPath } from '@aframe/io';
import type { NumArray } from './column.ts';

export type { Dataset, Group, H5File };

/** A metadata value as stored in root attributes. */
export type MetaValue = number | string | readonly string[] | readonly number[] | null;

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

let readyPromise: Promise<unknown> | null = null;

/** Resolve once the wasm module is initialised (idempotent). */
export async function h5ready(): Promise<typeof h5wasm> {
  readyPromise ??= h5wasm.ready;
  await readyPromise;
  return h5wasm;
}

/** Open an existing file for reading; the error names the file when it is missing or not HDF5. */
export async function openRead(path: string): Promise<H5File> {
  const lib = await h5ready();
  const abs = resolve(path);
  if (!existsSync(abs)) throw new Error(`HDF5 file ${abs} does not exist`);
  if (!hasHdf5Signature(abs)) throw new Error(`cannot open ${abs} as HDF5: no HDF5 superblock signature`);
  let f: H5File;
  try {
    f = new lib.File(abs, 'r');
  } catch (err) {
    throw new Error(`cannot open ${abs} as HDF5: ${(err as Error).message}`);
  }
  if (f.file_id < 0n) throw new Error(`cannot open ${abs} as HDF5 (corrupt or truncated file?)`);
  return f;
}

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The superblock signature sits at byte 0, 512, 1024, 2048, ... (after an optional user block). */
export function hasHdf5Signature(path: string): boolean {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(8);
    for (let off = 0; off + 8 <= size; off = off === 0 ? 512 : off * 2) {
      readSync(fd, buf, 0, 8, off);
      if (buf.equals(SIGNATURE)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Create a file at a temp path, run `fill`, close it (H5Fclose flushes everything through the
 * NODERAWFS write calls) and only then rename onto `finalPath`. On error the temp file is removed.
 */
export async function writeAtomic(finalPath: string, fill: (f: H5File) => void): Promise<void> {
  const lib = await h5ready();
  const target = atomicPath(resolve(finalPath));
  let f: H5File | null = null;
  try {
    f = new lib.File(target.tmpPath, 'w');
    fill(f);
    f.close();
    f = null;
    target.commit();
  } catch (err) {
    if (f) {
      try {
        f.close();
      } catch {
        /* already failing */
      }
    }
    target.abort();
    throw err;
  }
}

function toNumber(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** Read one attribute as a plain JS value (bigint -> number, typed array -> number[]). */
export function readAttr(obj: Group | Dataset, name: string): MetaValue | undefined {
  const attrs = obj.attrs;
  if (!(name in attrs)) return undefined;
  const a = attrs[name];
  const v = a.value as unknown;
  const shape = a.shape;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return toNumber(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return v as string[];
    return v.map(toNumber);
  }
  if (ArrayBuffer.isView(v)) {
    const arr = Array.from(v as unknown as ArrayLike<number | bigint>, toNumber);
    if (shape && shape.length === 0 && arr.length === 1) return arr[0];
    return arr;
  }
  return null;
}

/** Names of the root/group attributes. */
export function attrNames(obj: Group | Dataset): string[] {
  return Object.keys(obj.attrs);
}

export type AttrDtype = 'int' | 'float' | 'auto';

/** Write an attribute the way h5py would store the equivalent Python value. */
export function writeAttr(obj: Group | Dataset, name: string, value: MetaValue, dtype: AttrDtype = 'auto'): void {
  if (value === null) return;
  if (typeof value === 'number') {
    const asInt = dtype === 'int' || (dtype === 'auto' && Number.isInteger(value) && Math.abs(value) < 2 ** 53);
    if (asInt) {
      if (!Number.isInteger(value)) throw new Error(`attribute ${name} must be an integer, got ${value}`);
      obj.create_attribute(name, new BigInt64Array([BigInt(value)]), [], '<q');
    } else {
      obj.create_attribute(name, new Float64Array([value]), [], '<d');
    }
    return;
  }
  if (typeof value === 'string') {
    obj.create_attribute(name, value);
    return;
  }
  const arr = value as readonly (string | number)[];
  if (arr.length > 0 && arr.every((x) => typeof x === 'string')) {
    // variable-length UTF-8 strings, as h5py stores a list of str
    obj.create_attribute(name, arr as string[]);
    return;
  }
  obj.create_attribute(name, Float64Array.from(arr as number[]), [arr.length], '<d');
}

export interface DatasetInfo {
  shape: number[];
  /** 'float' or 'int' numeric datasets; anything else is reported as 'other'. */
  kind: 'float' | 'int' | 'string' | 'other';
  size: number;
  chunks: number[] | null;
}

/** The dataset at `path` inside the file, or null when the group or dataset is missing. */
export function getDataset(f: H5File, path: string): Dataset | null {
  const parts = path.split('/').filter(Boolean);
  let g: Group = f;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!g.keys().includes(parts[i])) return null;
    const next = g.get(parts[i]);
    if (!(next instanceof h5wasm.Group)) return null;
    g = next;
  }
  const last = parts[parts.length - 1];
  if (!g.keys().includes(last)) return null;
  const ds = g.get(last);
  return ds instanceof h5wasm.Dataset ? ds : null;
}

export function datasetInfo(ds: Dataset): DatasetInfo {
  const m = ds.metadata;
  const kind = m.type === H5T_FLOAT ? 'float' : m.type === H5T_INTEGER ? 'int' : m.type === H5T_STRING ? 'string' : 'other';
  return { shape: m.shape ?? [], kind, size: m.size, chunks: m.chunks ?? null };
}

/** Convert whatever numeric typed array h5wasm returned to Float64Array (or keep Float32Array). */
export function toFloatArray(v: unknown, keepFloat32: boolean): NumArray {
  if (v instanceof Float64Array) return v;
  if (v instanceof Float32Array) return keepFloat32 ? v : Float64Array.from(v);
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = Number(v[i]);
    return out;
  }
  if (ArrayBuffer.isView(v)) return Float64Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'number' || typeof v === 'bigint') return new Float64Array([Number(v)]);
  throw new Error('dataset is not numeric');
}

/** Rows [start, end) of a dataset (all trailing dimensions). */
export function readRowRange(ds: Dataset, rank: number, start: number, end: number, keepFloat32: boolean): NumArray {
  if (end <= start) return keepFloat32 && datasetInfo(ds).size === 4 ? new Float32Array(0) : new Float64Array(0);
  const sel: [number, number][] = [[start, end]];
  const ranges = rank > 1 ? [...sel, ...Array.from({ length: rank - 1 }, () => [] as [])] : sel;
  return toFloatArray(ds.slice(ranges as never), keepFloat32);
}
