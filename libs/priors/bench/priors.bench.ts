/**
 * Throughput of the random source, Planck15 cosmology and named-prior sampling.
 * Baselines measured in the same run: `Math.random()` (V8's xorshift128+) for uniforms; astropy
 * (Debian /usr/bin/python3, vectorised numpy) for luminosity distance and z_at_value when it is
 * installed (skipped otherwise).
 * Run: npx tsx libs/priors/bench/priors.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Rng, planck15, getPrior, sampleBlocks } from '../src/index.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** median seconds of `reps` timed runs after one warm-up */
function time(fn: () => unknown, reps = 7): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push((performance.now() - t0) / 1000);
  }
  return median(t);
}

let sink = 0;
const N_U = 2_000_000;
const tMath = time(() => {
  for (let i = 0; i < N_U; i++) sink += Math.random();
});
const rng = Rng.fromSeed(1);
const tUni = time(() => {
  for (let i = 0; i < N_U; i++) sink += rng.uniform();
});
const tNorm = time(() => {
  for (let i = 0; i < N_U / 4; i++) sink += rng.normal();
});
console.log(`uniform:  ${(N_U / tUni / 1e6).toFixed(1)} M/s  (Math.random ${(N_U / tMath / 1e6).toFixed(1)} M/s, ratio ${(tUni / tMath).toFixed(2)}x slower)`);
console.log(`normal:   ${(N_U / 4 / tNorm / 1e6).toFixed(2)} M/s (inversion)`);
const tJump = time(() => Rng.fromSeed(3, 1000), 3);
console.log(`stream 1000 open: ${(tJump * 1e3).toFixed(2)} ms (${((tJump / 1000) * 1e6).toFixed(2)} µs per jump)`);

const N_Z = 100_000;
const zs = Float64Array.from({ length: N_Z }, (_, i) => (5 * (i + 0.5)) / N_Z);
const tDl = time(() => {
  for (let i = 0; i < N_Z; i++) sink += planck15.luminosityDistance(zs[i]);
});
const ds = Float64Array.from({ length: 10_000 }, (_, i) => 1 + (40000 * i) / 10_000);
const tZat = time(() => {
  for (let i = 0; i < ds.length; i++) sink += planck15.redshiftAtLuminosityDistance(ds[i]);
}, 3);
const tVol = time(() => {
  sink += planck15.astrophysicalVolume(0, 2);
});
console.log(`D_L(z):   ${((tDl / N_Z) * 1e6).toFixed(2)} µs/call; z(D_L): ${((tZat / ds.length) * 1e6).toFixed(2)} µs/call; V0(0..2): ${(tVol * 1e3).toFixed(2)} ms`);

const prior = getPrior('end_o3_ratesandpops');
const N_P = 100_000;
const tPrior = time(() => {
  sink += prior.sample(N_P, Rng.fromSeed(5)).mass_1[0];
}, 5);
const tBlocks = time(() => {
  sink += sampleBlocks(prior, { seed: 5, count: N_P }).samples.mass_1[0];
}, 5);
const ln = getPrior('log_normal_masses', { m1: 30, m2: 30, sigma: 0.1 });
const tLn = time(() => {
  sink += ln.sample(N_P, Rng.fromSeed(5)).mass_1[0];
}, 5);
const cols = prior.sample(N_P, Rng.fromSeed(6));
const tProb = time(() => {
  sink += prior.prob({ mass_1: cols.mass_1, mass_2: cols.mass_2 })[0];
}, 5);
console.log(`end_o3_ratesandpops: ${(N_P / tPrior / 1e3).toFixed(0)} k rows/s (14 keys); via sampleBlocks ${(N_P / tBlocks / 1e3).toFixed(0)} k rows/s`);
console.log(`log_normal_masses (≈50 % rejection): ${(N_P / tLn / 1e3).toFixed(0)} k accepted rows/s; joint prob(m1, m2): ${(N_P / tProb / 1e6).toFixed(2)} M rows/s`);

const py = '/usr/bin/python3';
if (existsSync(py)) {
  const script = `
import time, numpy as np
from astropy.cosmology import Planck15 as c, z_at_value
import astropy.units as u
z = (np.arange(${N_Z}) + 0.5) * 5 / ${N_Z}
c.luminosity_distance(z)
ts = []
for _ in range(5):
    t = time.perf_counter(); c.luminosity_distance(z); ts.append(time.perf_counter() - t)
t = time.perf_counter()
for d in np.linspace(1, 40000, 200): z_at_value(c.luminosity_distance, d * u.Mpc)
tz = (time.perf_counter() - t) / 200
print(sorted(ts)[2] / ${N_Z}, tz)
`;
  const r = spawnSync(py, ['-c', script], { encoding: 'utf8' });
  if (r.status === 0) {
    const [perDl, perZat] = r.stdout.trim().split(/\s+/).map(Number);
    console.log(`astropy:  D_L ${(perDl * 1e6).toFixed(2)} µs/call (vectorised) → ours ${(perDl / (tDl / N_Z)).toFixed(2)}x its speed; z_at_value ${(perZat * 1e6).toFixed(0)} µs/call → ours ${(perZat / (tZat / ds.length)).toFixed(0)}x`);
  } else {
    console.log('astropy baseline skipped:', r.stderr.split('\n').slice(-2).join(' '));
  }
}
if (sink === 42) console.log('');
