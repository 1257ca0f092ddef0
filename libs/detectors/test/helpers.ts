/** Test helpers: reference data loaders and small numeric utilities. */
import { readFileSync } from 'node:fs';

/** shared/data beside the repository (CI clones the repo with shared/ next to it). */
export const SHARED_DATA = new URL('../../../../shared/data/', import.meta.url);
export const FIXTURES = new URL('./fixtures/', import.meta.url);

export function readJson<T = unknown>(url: URL): T {
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

export function readF64(url: URL): Float64Array {
  const buf = readFileSync(url);
  const out = new Float64Array(buf.byteLength / 8);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat64(8 * i, true);
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Deterministic uniform [0,1) generator (mulberry32) for test inputs. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LalDetectorRow {
  location_m: number[];
  response_float32_as_stored: number[][];
  response_float64_from_arm_constants: number[][];
  x_arm_unit_vector: number[];
  y_arm_unit_vector: number[];
  vertex_longitude_rad: number;
  vertex_latitude_rad: number;
  vertex_elevation_m: number;
  x_arm_altitude_rad: number;
  x_arm_azimuth_rad: number;
  y_arm_altitude_rad: number;
  y_arm_azimuth_rad: number;
  x_arm_midpoint_m: number;
  y_arm_midpoint_m: number;
  name: string;
}

export interface LalDetectorsJson {
  detectors: Record<string, LalDetectorRow>;
  gmst: { gps_seconds: number; gps_nanoseconds: number; gps: number; gmst_rad: number; gmst_rad_mod_2pi: number; leap_seconds_gps_minus_utc: number }[];
  antenna: {
    detector: string; ra: number; dec: number; psi: number; gps_seconds: number; gps_nanoseconds: number; gps: number;
    gmst_rad: number; fplus: number; fcross: number; time_delay_from_earth_center_s: number;
    fplus_float64_tensor: number; fcross_float64_tensor: number;
  }[];
  arrival_time_diff: {
    det1: string; det2: string; ra: number; dec: number; gps_seconds: number; gps_nanoseconds: number;
    t_det1_minus_t_det2_s: number; light_travel_time_ns: number;
  }[];
}

export function lalDetectors(): LalDetectorsJson {
  return readJson<LalDetectorsJson>(new URL('lal-reference/detectors.json', SHARED_DATA));
}
