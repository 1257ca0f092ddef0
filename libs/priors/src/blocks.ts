/**
 * Worker-independent sampling: the global sample sequence of a (prior, seed) pair is cut into
 * blocks of `blockSize` rows; block b is drawn from `rngStream(seed, b)` (its own jump-separated
 * xoroshiro128+ stream, see rng.ts) with rejection for constraints inside the block. Rows
 * [start, start + count) are therefore identical whether one worker draws them all or k workers
 * draw disjoint ranges — as long as `seed` and `blockSize` are the same.
 */
import type { PriorDict, PriorSamples, SampleResult } from './prior-dict.ts';
import { rngStreams } from './rng.ts';

export const DEFAULT_BLOCK_SIZE = 1024;

export interface BlockSampleOptions {
  seed: number;
  /** first global row (default 0) */
  start?: number;
  count: number;
  /** rows per block (default 1024); must be the same for every worker of a run */
  blockSize?: number;
}

function checkInt(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw new Error(`sampleBlocks: ${name} must be an integer >= ${min}, got ${v}`);
}

/** Rows [start, start + count) of the (prior, seed, blockSize) sequence; counts cover the blocks touched. */
export function sampleBlocks(prior: PriorDict, opts: BlockSampleOptions): SampleResult {
  const start = opts.start ?? 0;
  const blockSize = opts.blockSize ?? DEFAULT_BLOCK_SIZE;
  checkInt('start', start, 0);
  checkInt('count', opts.count, 0);
  checkInt('blockSize', blockSize, 1);
  const out: PriorSamples = {};
  for (const k of prior.keys) out[k] = new Float64Array(opts.count);
  if (opts.count === 0) return { samples: out, numDrawn: 0, numRejected: 0 };
  const firstBlock = Math.floor(start / blockSize);
  const lastBlock = Math.floor((start + opts.count - 1) / blockSize);
  let numDrawn = 0;
  let numRejected = 0;
  let b = firstBlock;
  for (const rng of rngStreams(opts.seed, firstBlock, lastBlock - firstBlock + 1)) {
    const res = prior.sampleWithCounts(blockSize, rng);
    numDrawn += res.numDrawn;
    numRejected += res.numRejected;
    const blockStart = b * blockSize;
    const from = Math.max(start, blockStart);
    const to = Math.min(start + opts.count, blockStart + blockSize);
    for (const k of prior.keys) out[k].set(res.samples[k].subarray(from - blockStart, to - blockStart), from - start);
    b++;
  }
  return { samples: out, numDrawn, numRejected };
}

/** Contiguous share of `total` rows for worker `index` of `parts` (sizes differ by at most 1). */
export function splitRange(total: number, parts: number, index: number): { start: number; count: number } {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`splitRange: total must be a non-negative integer, got ${total}`);
  if (!Number.isSafeInteger(parts) || parts < 1) throw new Error(`splitRange: parts must be an integer >= 1, got ${parts}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= parts) throw new Error(`splitRange: index must be in [0, ${parts - 1}], got ${index}`);
  const base = Math.floor(total / parts);
  const extra = total % parts;
  const start = index * base + Math.min(index, extra);
  return { start, count: base + (index < extra ? 1 : 0) };
}
