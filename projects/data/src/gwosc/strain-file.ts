/**
 * Reading GWOSC-format strain HDF5 files: `strain/Strain` (float64, attr `Xspacing` = 1/fs),
 * `meta/GPSstart`, `meta/Duration`, `meta/Detector`, and the 1 Hz data-quality bitmask
 * `quality/simple/DQmask` (bit 0 = DATA: science-quality data present in that second).
 */
import h5wasm from 'h5wasm/node';
import { h5ready, hasHdf5Signature, openRead } from '@aframe/ledger';

/** What a GWOSC file covers, read without its samples. */
export interface GwoscHeader {
  path: string;
  detector: string;
  gpsStart: number;
  durationS: number;
  sampleRate: number;
}

export interface GwoscStrain extends GwoscHeader {
  data: Float64Array;
  /** One word per second; bit 0 set where DATA is present. Null when the file has no mask. */
  dqMask: Uint32Array | null;
}

/** The h5wasm module, initialised (shared with @aframe/ledger). */
export const h5: () => Promise<typeof h5wasm> = h5ready;

/**
 * Open an HDF5 file for reading, or throw one line naming the file and what it was expected to be
 * (missing, no HDF5 signature — h5wasm opens some non-HDF5 files without complaint — or unreadable).
 */
export async function openHdf5(path: string, expected: string): Promise<InstanceType<typeof h5wasm.File>> {
  try {
    return await openRead(path);
  } catch (err) {
    throw new Error(`${path}: not a readable HDF5 file (expected ${expected}): ${(err as Error).message.split('\n')[0]}`);
  }
}

/** A scalar HDF5 value (number, bigint or one-element typed array) as a number. */
export function scalar(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length === 1) return Number((v as unknown as ArrayLike<number>)[0]);
  return Number(v);
}

/** Read a GWOSC strain file; throws one line naming the file and the missing/bad dataset. */
export async function readGwoscStrain(path: string): Promise<GwoscStrain> {
  return (await readGwosc(path, true)) as GwoscStrain;
}

/** Detector, start, duration and rate of a GWOSC strain file, without reading its samples. */
export function readGwoscHeader(path: string): Promise<GwoscHeader> {
  return readGwosc(path, false);
}

async function readGwosc(path: string, withData: boolean): Promise<GwoscHeader | GwoscStrain> {
  const lib = await h5();
  const f = await openHdf5(path, 'a GWOSC strain file');
  try {
    const need = (name: string) => {
      const d = f.get(name);
      if (!d || !(d instanceof lib.Dataset)) throw new Error(`${path}: missing dataset ${name} (expected GWOSC layout with strain/Strain, meta/GPSstart)`);
      return d;
    };
    const strain = need('strain/Strain');
    const gpsStart = scalar(need('meta/GPSstart').value);
    const spacingAttr = strain.attrs['Xspacing'];
    if (!spacingAttr) throw new Error(`${path}: strain/Strain has no Xspacing attribute (expected 1/sample_rate)`);
    const sampleRate = Math.round(1 / scalar(spacingAttr.value));
    if (!/^<?[fd]|float/.test(String(strain.dtype)) || strain.shape?.length !== 1) {
      throw new Error(`${path}: strain/Strain has dtype ${String(strain.dtype)} and shape [${strain.shape}] (expected 1-D float)`);
    }
    const length = strain.shape[0];
    const durDs = f.get('meta/Duration');
    const durationS = durDs instanceof lib.Dataset ? scalar(durDs.value) : length / sampleRate;
    if (Math.abs(durationS * sampleRate - length) > 0.5) {
      throw new Error(`${path}: strain/Strain has ${length} samples but meta/Duration=${durationS} s at ${sampleRate} Hz`);
    }
    const detDs = f.get('meta/Detector');
    const detector = detDs instanceof lib.Dataset ? String(detDs.value) : '';
    const header: GwoscHeader = { path, detector, gpsStart, durationS, sampleRate };
    if (!withData) return header;
    const raw = strain.value;
    const data = raw instanceof Float64Array ? raw : Float64Array.from(raw as ArrayLike<number>);
    const maskDs = f.get('quality/simple/DQmask');
    const dqMask = maskDs instanceof lib.Dataset ? Uint32Array.from(maskDs.value as ArrayLike<number>) : null;
    return { ...header, data, dqMask };
  } finally {
    f.close();
  }
}

/** Throws unless the file carries the HDF5 signature (used to validate downloads). */
export function assertHdf5File(path: string, name: string): void {
  if (!hasHdf5Signature(path)) throw new Error(`${name} is not an HDF5 file`);
}
