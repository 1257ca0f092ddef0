/**
 * Seconds ↔ samples bookkeeping in one place (DESIGN §10: off-by-one crops and placement bugs recur).
 * A duration in seconds maps to samples with Python's `int(seconds * sampleRate)` (truncation, as the
 * reference code does), except that products within 1e-9 of an integer are rounded first so that
 * e.g. 0.3 s × 2048 Hz does not become 614 samples from floating-point error.
 */
import { requirePositive } from './validate.ts';

/** A GPS-stamped, uniformly sampled series: sample i is at time t0 + i / sampleRate (GPS seconds). */
export interface TimeSeries<T extends Float64Array | Float32Array = Float64Array> {
  /** GPS time of the first sample, seconds. */
  t0: number;
  /** Samples per second, Hz. */
  sampleRate: number;
  data: T;
}

const SNAP = 1e-9;

/** int(seconds·sampleRate) with near-integer snapping (see module doc). Negative durations are allowed. */
export function secondsToSamples(seconds: number, sampleRate: number): number {
  if (!Number.isFinite(seconds)) throw new Error(`seconds must be finite, got ${seconds}`);
  requirePositive(sampleRate, 'sampleRate');
  const p = seconds * sampleRate;
  const r = Math.round(p);
  if (Math.abs(p - r) <= SNAP * Math.max(1, Math.abs(p))) return r;
  return Math.trunc(p);
}

/** Exact conversion samples → seconds. */
export function samplesToSeconds(samples: number, sampleRate: number): number {
  requirePositive(sampleRate, 'sampleRate');
  return samples / sampleRate;
}

/** Duration of a series in seconds (data.length / sampleRate). */
export function durationSeconds(ts: TimeSeries<Float64Array | Float32Array>): number {
  return ts.data.length / ts.sampleRate;
}

/** GPS time just after the last sample: t0 + length / sampleRate. */
export function endTime(ts: TimeSeries<Float64Array | Float32Array>): number {
  return ts.t0 + ts.data.length / ts.sampleRate;
}

/** GPS time of sample `index`. */
export function indexToTime(ts: TimeSeries<Float64Array | Float32Array>, index: number): number {
  return ts.t0 + index / ts.sampleRate;
}

/**
 * Index of the sample at GPS time `gps` (floor of (gps − t0)·sampleRate with near-integer snapping);
 * may be out of range — callers check.
 */
export function timeToIndex(ts: TimeSeries<Float64Array | Float32Array>, gps: number): number {
  const p = (gps - ts.t0) * ts.sampleRate;
  const r = Math.round(p);
  if (Math.abs(p - r) <= SNAP * Math.max(1, Math.abs(p))) return r;
  return Math.floor(p);
}

/** Sub-series covering [start, stop) GPS seconds (a view on the same buffer). */
export function sliceSeconds<T extends Float64Array | Float32Array>(ts: TimeSeries<T>, start: number, stop: number): TimeSeries<T> {
  const i0 = timeToIndex(ts, start);
  const i1 = timeToIndex(ts, stop);
  if (i0 < 0 || i1 > ts.data.length || i1 < i0) {
    throw new Error(
      `[start, stop] = [${start}, ${stop}] must lie within the series [${ts.t0}, ${endTime(ts)}] with start <= stop`,
    );
  }
  return { t0: indexToTime(ts, i0), sampleRate: ts.sampleRate, data: ts.data.subarray(i0, i1) as T };
}

/** Builds a TimeSeries after validating its fields. */
export function makeTimeSeries<T extends Float64Array | Float32Array>(t0: number, sampleRate: number, data: T): TimeSeries<T> {
  if (!Number.isFinite(t0)) throw new Error(`t0 must be a finite GPS time, got ${t0}`);
  requirePositive(sampleRate, 'sampleRate');
  return { t0, sampleRate, data };
}
