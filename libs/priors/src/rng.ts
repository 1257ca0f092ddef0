/**
 * Seedable random source with reproducible, worker-independent streams.
 *
 * Generator: xoroshiro128+ from `pure-rand` (period 2^128 − 1, `jump()` advances 2^64 steps).
 * Streams: `rngStream(seed, k)` = generator whose 128-bit state is SplitMix64(seed) (two 64-bit
 * SplitMix64 outputs), then advanced by `k` jumps. Streams of one seed are therefore disjoint,
 * non-overlapping windows of 2^64 draws each, and stream `k` depends only on `(seed, k)`, never
 * on how many workers run or in which order. Cost of opening stream k: k jumps (~0.4 µs each).
 *
 * Doubles: 53-bit uniforms built from the HIGH bits of two 32-bit outputs
 * (`(a >>> 5)·2^26 + (b >>> 6)) / 2^53`), avoiding the weak low bits of xoroshiro128+.
 * Normals: inversion, x = Φ⁻¹(u) with u a 53-bit uniform in the open interval (0, 1) (see
 * `normalPpf` in special.ts: accurate to ~1 ulp-level relative error); exactly one uniform per normal,
 * tails truncated at |x| ≈ 8.3 (u ≥ 2^-54).
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { normalPpf } from './special.ts';

const TWO_POW_26 = 67108864;
const TWO_POW_M53 = 1 / 9007199254740992;

const MASK64 = (1n << 64n) - 1n;

/** One SplitMix64 step (Steele, Lea & Flood 2014): returns [newState, output]. */
function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  z = z ^ (z >> 31n);
  return [s, z];
}

function toInt32(x: bigint): number {
  return Number(BigInt.asIntN(32, x));
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`seed must be a non-negative safe integer, got ${seed}`);
  }
}

function checkCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${n}`);
  }
}

/** xoroshiro128+ generator seeded from SplitMix64(seed) (stream 0 of `seed`). */
function generatorFromSeed(seed: number): JumpableRandomGenerator {
  checkSeed(seed);
  const [st1, s0] = splitMix64(BigInt(seed));
  const [, s1Raw] = splitMix64(st1);
  const s1 = s0 === 0n && s1Raw === 0n ? 1n : s1Raw; // all-zero state is invalid (practically unreachable)
  // pure-rand state layout: [s0 high, s0 low, s1 high, s1 low] as signed 32-bit words.
  return xoroshiro128plusFromState([toInt32(s0 >> 32n), toInt32(s0), toInt32(s1 >> 32n), toInt32(s1)]);
}

export type NumericArray = Float64Array | Float32Array | Int32Array | Uint32Array | number[];

/** Mutable random source. Every draw advances the state; `clone()` forks an identical copy. */
export class Rng {
  private readonly gen: JumpableRandomGenerator;

  private constructor(gen: JumpableRandomGenerator) {
    this.gen = gen;
  }

  /** Stream `stream` (default 0) of `seed`; same `(seed, stream)` → same sequence. */
  static fromSeed(seed: number, stream = 0): Rng {
    checkCount('stream', stream);
    const rng = new Rng(generatorFromSeed(seed));
    for (let k = 0; k < stream; k++) rng.gen.jump();
    return rng;
  }

  /** Restore from `getState()`. */
  static fromState(state: readonly number[]): Rng {
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** A generator seeded from wall-clock entropy (NOT reproducible; for interactive use only). */
  static unseeded(): Rng {
    return new Rng(xoroshiro128plus((Date.now() ^ (Math.random() * 0x7fffffff)) | 0));
  }

  getState(): readonly number[] {
    return this.gen.getState();
  }

  clone(): Rng {
    return new Rng(this.gen.clone());
  }

  /** Advance 2^64 draws in place (next stream of the same seed); returns this. */
  jump(): this {
    this.gen.jump();
    return this;
  }

  /** Raw signed 32-bit output. */
  nextInt32(): number {
    return this.gen.next();
  }

  /** Uniform double in [0, 1), multiple of 2^-53. */
  uniform(): number {
    const a = this.gen.next() >>> 5;
    const b = this.gen.next() >>> 6;
    return (a * TWO_POW_26 + b) * TWO_POW_M53;
  }

  /** Uniform double in the open interval (0, 1): (k + 1/2)·2^-53. */
  uniformOpen(): number {
    const a = this.gen.next() >>> 5;
    const b = this.gen.next() >>> 6;
    return (a * TWO_POW_26 + b + 0.5) * TWO_POW_M53;
  }

  /** Uniform double in [low, high). */
  uniformRange(low: number, high: number): number {
    if (!(Number.isFinite(low) && Number.isFinite(high) && high >= low)) {
      throw new Error(`uniformRange needs finite low <= high, got [${low}, ${high}]`);
    }
    return low + (high - low) * this.uniform();
  }

  /** n uniforms in [0, 1). */
  uniformArray(n: number): Float64Array {
    checkCount('n', n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform();
    return out;
  }

  /** n uniforms in (0, 1). */
  uniformOpenArray(n: number): Float64Array {
    checkCount('n', n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniformOpen();
    return out;
  }

  /** Standard normal by inversion of one open uniform. */
  normal(mean = 0, std = 1): number {
    return mean + std * normalPpf(this.uniformOpen());
  }

  normalArray(n: number, mean = 0, std = 1): Float64Array {
    checkCount('n', n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * normalPpf(this.uniformOpen());
    return out;
  }

  /** Uniform integer in [low, high] (both included), unbiased (pure-rand `uniformInt`). */
  integer(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high < low) {
      throw new Error(`integer needs safe integers low <= high, got [${low}, ${high}]`);
    }
    return uniformInt(this.gen, low, high);
  }

  /** One element chosen uniformly. */
  choice<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new Error('choice: items must be non-empty');
    return items[this.integer(0, items.length - 1)];
  }

  /**
   * `size` indices drawn from [0, n): with replacement (default) or without (partial
   * Fisher–Yates; then size <= n is required).
   */
  choiceIndices(n: number, size: number, replace = true): Int32Array {
    checkCount('n', n);
    checkCount('size', size);
    const out = new Int32Array(size);
    if (replace) {
      if (size > 0 && n === 0) throw new Error('choiceIndices: n must be > 0 to draw with replacement');
      for (let i = 0; i < size; i++) out[i] = this.integer(0, n - 1);
      return out;
    }
    if (size > n) throw new Error(`choiceIndices: size (${size}) must be <= n (${n}) without replacement`);
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < size; i++) {
      const j = this.integer(i, n - 1);
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
      out[i] = pool[i];
    }
    return out;
  }

  /** In-place Fisher–Yates shuffle; returns the same array. */
  shuffle<A extends { length: number; [i: number]: unknown }>(arr: A): A {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.integer(0, i);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    checkCount('n', n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }
}

/** Stream `stream` of `seed` (see module doc). */
export function rngStream(seed: number, stream = 0): Rng {
  return Rng.fromSeed(seed, stream);
}

/**
 * Streams `first, first+1, …, first+count-1` of `seed`, opened incrementally (one jump each
 * after the first) — use to walk consecutive branches/blocks cheaply.
 */
export function* rngStreams(seed: number, first: number, count: number): Generator<Rng> {
  checkCount('first', first);
  checkCount('count', count);
  const base = Rng.fromSeed(seed, first);
  for (let k = 0; k < count; k++) {
    yield base.clone();
    base.jump();
  }
}
