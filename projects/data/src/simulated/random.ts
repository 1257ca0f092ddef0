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

/**
 * A filler of standard normal samples from the stream named by `key`, by the Box–Muller transform
 * (Box & Muller 1958): two open-interval uniforms u1, u2 give the independent normals
 * √(−2 ln u1)·cos(2πu2) and √(−2 ln u1)·sin(2πu2). Exact, and ~10× faster than inversion.
 */
export function normalStream(key: readonly number[]): (out: Float64Array) => void {
  const rng = keyedRng(key);
  return (out) => {
    const n = out.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const r = Math.sqrt(-2 * Math.log(rng.uniformOpen()));
      const phi = 2 * Math.PI * rng.uniform();
      out[i] = r * Math.cos(phi);
      out[i + 1] = r * Math.sin(phi);
    }
    if (i < n) out[i] = Math.sqrt(-2 * Math.log(rng.uniformOpen())) * Math.cos(2 * Math.PI * rng.uniform());
  };
}
