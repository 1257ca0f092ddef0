/**
 * Keyed random streams for simulated data: a stream is named by a tuple of integers (seed, ifo id,
 * GPS block, purpose…) so the samples of a GPS block never depend on which other blocks a run makes,
 * in which order, or on how many workers share the work. The key is hashed (SHA-256, first 52 bits)
 * into a seed of @aframe/priors' xoroshiro128+ generator (seeded through SplitMix64).
 */
import { createHash } from 'node:crypto';
import { Rng } from '@aframe/priors';

export function keyedRng(key: readonly number[]): Rng {
  const h = createHash('sha256').update(JSON.stringify(['aframe-sim', ...key])).digest();
  // 52 bits: a safe integer seed.
  const seed = (h.readUInt32BE(0) & 0xfffff) * 2 ** 32 + h.readUInt32BE(4);
  return Rng.fromSeed(seed);
}

/** A filler of standard normal samples from the stream named by `key`. */
export function normalStream(key: readonly number[]): (out: Float64Array) => void {
  const rng = keyedRng(key);
  return (out) => {
    for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  };
}
