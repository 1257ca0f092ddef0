// Random source: stream definition checked against an independent BigInt implementation of
// SplitMix64 + xoroshiro128+ (Blackman & Vigna 2018, a=24 b=16 c=37, published jump polynomial),
// statistical checks (KS, chi-square) with fixed seeds and stated floors, helpers, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, rngStream, rngStreams, ksTest, normalCdf } from '@aframe/priors';

const M64 = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & M64;

/** Reference xoroshiro128+ (2018 parameters) on BigInt state, seeded by SplitMix64(seed). */
class RefXoroshiro {
  s0: bigint;
  s1: bigint;
  constructor(seed: number) {
    let st = BigInt(seed);
    const next = (): bigint => {
      st = (st + 0x9e3779b97f4a7c15n) & M64;
      let z = st;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
      return z ^ (z >> 31n);
    };
    this.s0 = next();
    this.s1 = next();
  }
  next(): bigint {
    const s0 = this.s0;
    let s1 = this.s1;
    const out = (s0 + s1) & M64;
    s1 ^= s0;
    this.s0 = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & M64);
    this.s1 = rotl(s1, 37n);
    return out;
  }
  jump(): void {
    const JUMP = [0xdf900294d8f554a5n, 0x170865df4b3201fcn];
    let t0 = 0n;
    let t1 = 0n;
    for (const w of JUMP) {
      for (let b = 0n; b < 64n; b++) {
        if ((w >> b) & 1n) {
          t0 ^= this.s0;
          t1 ^= this.s1;
        }
        this.next();
      }
    }
    this.s0 = t0;
    this.s1 = t1;
  }
  /** uniform double from the high bits of the low 32-bit words of two outputs (our definition) */
  uniform(): number {
    const a = Number(this.next() & 0xffffffffn) >>> 5;
    const b = Number(this.next() & 0xffffffffn) >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

test('SplitMix64 seeding reproduces the published first output for seed 0 (0xe220a8397b1dcdaf)', () => {
  assert.equal(new RefXoroshiro(0).s0, 0xe220a8397b1dcdafn);
});

test('rngStream(seed, k) equals the reference SplitMix64 + xoroshiro128+ with k jumps (exact)', () => {
  for (const [seed, stream] of [[0, 0], [42, 0], [42, 1], [123456789, 3], [2 ** 40 + 7, 2]] as const) {
    const ref = new RefXoroshiro(seed);
    for (let k = 0; k < stream; k++) ref.jump();
    const rng = rngStream(seed, stream);
    for (let i = 0; i < 50; i++) assert.equal(rng.uniform(), ref.uniform(), `seed ${seed} stream ${stream} draw ${i}`);
  }
});

test('same seed → same sequence; clone/state restore; rngStreams = rngStream; streams differ', () => {
  const a = Rng.fromSeed(7).uniformArray(100);
  const b = Rng.fromSeed(7).uniformArray(100);
  assert.deepEqual(a, b);
  const r = Rng.fromSeed(7, 2);
  r.uniformArray(13);
  const restored = Rng.fromState(r.getState());
  const c = r.clone();
  const fromR = r.uniformArray(20);
  assert.deepEqual(restored.uniformArray(20), fromR);
  assert.deepEqual(c.uniformArray(20), fromR);
  assert.deepEqual(Rng.fromSeed(7, 2).uniformArray(33).subarray(13), fromR);
  let k = 4;
  for (const s of rngStreams(99, 4, 3)) {
    assert.deepEqual(s.uniformArray(10), rngStream(99, k).uniformArray(10));
    k++;
  }
  assert.notDeepEqual(rngStream(99, 0).uniformArray(10), rngStream(99, 1).uniformArray(10));
  assert.notDeepEqual(rngStream(1).uniformArray(10), rngStream(2).uniformArray(10));
});

test('uniform: 53-bit values in [0,1), KS vs U(0,1) p > 1e-3 (n = 100000, seed 11); uniformOpen never 0', () => {
  const rng = Rng.fromSeed(11);
  const u = rng.uniformArray(100000);
  for (const x of u) {
    assert.ok(x >= 0 && x < 1);
    assert.ok(Number.isInteger(x * 2 ** 53));
  }
  const ks = ksTest(u, (x) => x);
  assert.ok(ks.pValue > 1e-3, `p = ${ks.pValue}`);
  const open = rng.uniformOpenArray(1000);
  for (const x of open) assert.ok(x > 0 && x < 1);
  // Lag-1 and cross-stream correlation below 5/sqrt(n) (|r| ~ N(0, 1/n)).
  const v = rngStream(11, 1).uniformArray(100000);
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < u.length - 1; i++) {
    c1 += (u[i] - 0.5) * (u[i + 1] - 0.5);
    c2 += (u[i] - 0.5) * (v[i] - 0.5);
  }
  const scale = 12 / u.length;
  assert.ok(Math.abs(c1 * scale) < 5 / Math.sqrt(u.length), `lag-1 r = ${c1 * scale}`);
  assert.ok(Math.abs(c2 * scale) < 5 / Math.sqrt(u.length), `cross-stream r = ${c2 * scale}`);
});

test('normal: KS vs Φ p > 1e-3 (n = 50000, seed 5); mean/std within 5 standard errors', () => {
  const x = Rng.fromSeed(5).normalArray(50000);
  const ks = ksTest(x, normalCdf);
  assert.ok(ks.pValue > 1e-3, `p = ${ks.pValue}`);
  const y = Rng.fromSeed(6).normalArray(50000, 3, 2);
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / (y.length - 1);
  assert.ok(Math.abs(mean - 3) < 5 * 2 / Math.sqrt(y.length));
  assert.ok(Math.abs(Math.sqrt(variance) - 2) < 5 * 2 / Math.sqrt(2 * y.length));
});

test('integer: inclusive range, chi-square uniformity on {1..6} below the p = 1e-4 critical value 25.74 (5 dof)', () => {
  const rng = Rng.fromSeed(3);
  const counts = new Array(6).fill(0);
  const n = 60000;
  for (let i = 0; i < n; i++) {
    const k = rng.integer(1, 6);
    assert.ok(Number.isInteger(k) && k >= 1 && k <= 6);
    counts[k - 1]++;
  }
  const chi2 = counts.reduce((a, c) => a + (c - n / 6) ** 2 / (n / 6), 0);
  assert.ok(chi2 < 25.74, `chi2 = ${chi2}`);
  assert.equal(rng.integer(4, 4), 4);
});

test('choice / choiceIndices / shuffle / permutation', () => {
  const rng = Rng.fromSeed(8);
  const items = ['a', 'b', 'c'];
  for (let i = 0; i < 20; i++) assert.ok(items.includes(rng.choice(items)));
  const idx = rng.choiceIndices(50, 50, false);
  assert.deepEqual([...idx].sort((p, q) => p - q), Array.from({ length: 50 }, (_, i) => i));
  const withRep = rng.choiceIndices(3, 100);
  assert.ok(withRep.every((v) => v >= 0 && v < 3));
  const arr = Float64Array.from({ length: 20 }, (_, i) => i);
  rng.shuffle(arr);
  assert.deepEqual([...arr].sort((p, q) => p - q), Array.from({ length: 20 }, (_, i) => i));
  assert.notDeepEqual([...arr], Array.from({ length: 20 }, (_, i) => i));
  const perm = rng.permutation(10);
  assert.equal(new Set(perm).size, 10);
  // Every position of a 3-element shuffle is uniform: chi-square over 6 permutations (p = 1e-4 → 25.74).
  const counts = new Map<string, number>();
  for (let i = 0; i < 6000; i++) {
    const key = rng.shuffle([0, 1, 2]).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  const chi2 = [...counts.values()].reduce((a, c) => a + (c - 1000) ** 2 / 1000, 0);
  assert.ok(chi2 < 25.74, `chi2 = ${chi2}`);
});

test('errors name the argument and range', () => {
  assert.throws(() => Rng.fromSeed(-1), /seed must be a non-negative safe integer/);
  assert.throws(() => Rng.fromSeed(1.5), /seed must be a non-negative safe integer/);
  assert.throws(() => Rng.fromSeed(1, -2), /stream must be a non-negative integer/);
  const rng = Rng.fromSeed(1);
  assert.throws(() => rng.integer(3, 1), /low <= high/);
  assert.throws(() => rng.choice([]), /non-empty/);
  assert.throws(() => rng.choiceIndices(3, 5, false), /size \(5\) must be <= n \(3\)/);
  assert.throws(() => rng.uniformArray(-1), /n must be a non-negative integer/);
});
