/**
 * Injection times of a testing campaign (reference §2.6) and its seed fingerprint.
 *
 *   buffer' = buffer + floor(waveform_duration / 2),  spacing' = spacing + waveform_duration,
 *   times = arange(start + buffer', end − max(shifts) − buffer', spacing') + U(−jitter, jitter)
 *
 * (numpy arange: n = ceil((stop − start)/step) values start + i·step, none if n ≤ 0.)
 * Seed: seed + adler32(str((start, end) + tuple(shifts))) as the original (Python tuple repr).
 */
import type { Rng } from '@aframe/priors';

/** zlib adler32 of the UTF-8 bytes of `text` (RFC 1950 §8.2). */
export function adler32(text: string): number {
  const bytes = new TextEncoder().encode(text);
  const MOD = 65521;
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % MOD;
    b = (b + a) % MOD;
  }
  return b * 65536 + a;
}

/** Python repr of a float (integral values get ".0"). */
export function pythonFloatRepr(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? `${x}.0` : String(x);
}

/** `str((start, end) + tuple(shifts))` with start/end floats and whole-number shifts as Python ints. */
export function campaignFingerprint(start: number, end: number, shifts: readonly number[]): string {
  const items = [pythonFloatRepr(start), pythonFloatRepr(end), ...shifts.map((s) => (Number.isInteger(s) ? String(s) : pythonFloatRepr(s)))];
  return `(${items.join(', ')})`;
}

export interface InjectionTimeOptions {
  start: number;
  end: number;
  shifts: readonly number[];
  spacing: number;
  buffer: number;
  waveformDurationS: number;
  jitter: number;
}

/** The arange grid before jitter. */
export function injectionGrid(o: InjectionTimeOptions): Float64Array {
  const bufferP = o.buffer + Math.floor(o.waveformDurationS / 2);
  const spacingP = o.spacing + o.waveformDurationS;
  const first = o.start + bufferP;
  const stop = o.end - Math.max(...o.shifts) - bufferP;
  const n = Math.max(0, Math.ceil((stop - first) / spacingP));
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = first + i * spacingP;
  return t;
}

/** Grid + Uniform(−jitter, jitter) per time, drawn in order from `rng`. */
export function injectionTimes(o: InjectionTimeOptions, rng: Rng): Float64Array {
  const t = injectionGrid(o);
  for (let i = 0; i < t.length; i++) t[i] += rng.uniformRange(-o.jitter, o.jitter);
  return t;
}
