/** Named array layouts (row-major, float64) used by projection and SNR. */

/** A batch of polarisation pairs: `plus`, `cross` are (batch, length), index b·length + t. */
export interface PolarizationBatch {
  readonly plus: Float64Array;
  readonly cross: Float64Array;
  readonly batch: number;
  readonly length: number;
}

/** (batch, channels, length) time series, index (b·channels + c)·length + t. Channels = detectors. */
export interface TimeSeries3d {
  readonly data: Float64Array;
  readonly batch: number;
  readonly channels: number;
  readonly length: number;
}

/**
 * One-sided PSD(s), (batch, channels, length) with broadcasting: batch = 1 applies to every batch
 * element and channels = 1 to every channel (ml4gw accepts 1-D, 2-D and 3-D PSDs the same way).
 */
export interface FrequencySeries3d {
  readonly data: Float64Array;
  readonly batch: number;
  readonly channels: number;
  readonly length: number;
}

/** Anything accepted as PSD: a single PSD, one per channel, or an explicit FrequencySeries3d. */
export type PsdInput = Float64Array | readonly Float64Array[] | FrequencySeries3d;

/** Checks the layout of a TimeSeries3d and returns it. */
export function checkTimeSeries3d(x: TimeSeries3d, argName: string): TimeSeries3d {
  const { batch, channels, length, data } = x;
  for (const [k, v] of [['batch', batch], ['channels', channels], ['length', length]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${argName}.${k}: expected a positive integer, got ${v}`);
  }
  if (!(data instanceof Float64Array) || data.length !== batch * channels * length) {
    throw new Error(
      `${argName}.data: expected a Float64Array of batch·channels·length = ${batch * channels * length} values, got ${data?.length}`,
    );
  }
  return x;
}

/** Checks the layout of a PolarizationBatch. */
export function checkPolarizationBatch(p: PolarizationBatch, argName: string): PolarizationBatch {
  const { batch, length } = p;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`${argName}.batch: expected a positive integer, got ${batch}`);
  if (!Number.isInteger(length) || length < 2) throw new Error(`${argName}.length: expected an integer ≥ 2, got ${length}`);
  for (const k of ['plus', 'cross'] as const) {
    const a = p[k];
    if (!(a instanceof Float64Array) || a.length !== batch * length) {
      throw new Error(`${argName}.${k}: expected a Float64Array of batch·length = ${batch * length} values, got ${a?.length}`);
    }
  }
  return p;
}
