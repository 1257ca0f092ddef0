/**
 * Slicing utilities with ml4gw semantics (reference §10.4), on row-major typed arrays.
 */
import { requireInteger } from './validate.ts';

type Arr = Float64Array | Float32Array;

function like<T extends Arr>(a: T, n: number): T {
  return (a instanceof Float32Array ? new Float32Array(n) : new Float64Array(n)) as T;
}

/**
 * `unfold_windows(x, window, stride, drop_last=True)`: x has shape (rows, length) row-major (rows = 1 for
 * 1-D data); returns (numWindows, rows, window) with numWindows = ⌊(length − window)/stride⌋ + 1 (window
 * index first); the trailing remainder is dropped.
 */
export function unfoldWindows<T extends Arr>(
  x: T,
  length: number,
  window: number,
  stride: number,
): { data: T; numWindows: number; rows: number; window: number } {
  requireInteger(length, 'length', 1);
  requireInteger(window, 'window', 1);
  requireInteger(stride, 'stride', 1);
  if (x.length % length !== 0) throw new Error(`x length ${x.length} must be a multiple of length=${length}`);
  if (window > length) throw new Error(`window must be <= length=${length} samples, got ${window}`);
  const rows = x.length / length;
  const numWindows = Math.floor((length - window) / stride) + 1;
  const out = like(x, numWindows * rows * window);
  for (let w = 0; w < numWindows; w++) {
    for (let r = 0; r < rows; r++) {
      const src = r * length + w * stride;
      out.set(x.subarray(src, src + window), (w * rows + r) * window);
    }
  }
  return { data: out, numWindows, rows, window };
}

/**
 * `slice_kernels(x, idx, K)`: x is (channels, length) row-major; `starts` holds either one start per
 * kernel (same start in every channel; 1-D idx) or `numKernels·channels` starts (independent start per
 * channel; 2-D idx (N, C)). Returns (numKernels, channels, K). For a batch (B, C, length) with one start per
 * batch element, call with channels = C and slice each element (see `sliceBatchKernels`).
 */
export function sliceKernels<T extends Arr>(x: T, channels: number, starts: ArrayLike<number>, K: number, perChannel = false): T {
  requireInteger(channels, 'channels', 1);
  requireInteger(K, 'K', 1);
  if (x.length % channels !== 0) throw new Error(`x length ${x.length} must be a multiple of channels=${channels}`);
  const length = x.length / channels;
  const numKernels = perChannel ? starts.length / channels : starts.length;
  if (!Number.isInteger(numKernels)) throw new Error(`starts must hold numKernels·channels values when perChannel, got ${starts.length}`);
  const out = like(x, numKernels * channels * K);
  for (let k = 0; k < numKernels; k++) {
    for (let c = 0; c < channels; c++) {
      const s = perChannel ? starts[k * channels + c] : starts[k];
      if (!Number.isInteger(s) || s < 0 || s + K > length) {
        throw new Error(`kernel start must be an integer in [0, ${length - K}] (length ${length}, K ${K}), got ${s}`);
      }
      out.set(x.subarray(c * length + s, c * length + s + K), (k * channels + c) * K);
    }
  }
  return out;
}

/** 3-D `slice_kernels`: x (batch, channels, length), one start per batch element → (batch, channels, K). */
export function sliceBatchKernels<T extends Arr>(x: T, batch: number, channels: number, starts: ArrayLike<number>, K: number): T {
  requireInteger(batch, 'batch', 1);
  if (starts.length !== batch) throw new Error(`starts must have one value per batch element (${batch}), got ${starts.length}`);
  const per = x.length / batch;
  const out = like(x, batch * channels * K);
  for (let b = 0; b < batch; b++) {
    out.set(sliceKernels(x.subarray(b * per, (b + 1) * per) as T, channels, [starts[b]], K), b * channels * K);
  }
  return out;
}
