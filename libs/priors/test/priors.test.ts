// Named priors (reference §3): bounds, conditionals, constraints, frames, joint prob, registry,
// reproducibility and worker independence of block sampling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Rng, ksTest, normalCdf, getPrior, PRIOR_NAMES, DEFAULT_PRIOR_NAME, sampleBlocks, splitRange,
  endO3RatesAndPops, endO3RatesAndPopsBns, nonspinBbh, spinBbh, gaussianMasses, logNormalMasses,
  PowerLaw, UniformComovingVolume, UniformSourceFrame, Triangular, samplesToDetectorFrame, massConstraints,
  PriorDict, ConditionalPowerLaw, Uniform,
} from '@aframe/priors';
import type { PriorSamples } from '@aframe/priors';

const BBH_KEYS = ['dec', 'ra', 'theta_jn', 'phase', 'mass_1', 'mass_2', 'redshift', 'psi', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl'];

function within(x: Float64Array, lo: number, hi: number, what: string): void {
  for (const v of x) assert.ok(v >= lo && v <= hi, `${what} = ${v} outside [${lo}, ${hi}]`);
}

test('end_o3_ratesandpops: keys, bounds, 5 <= m2 <= m1 <= 100, source frame, marginals pass KS (p > 1e-3)', () => {
  const prior = getPrior('end_o3_ratesandpops');
  assert.equal(prior.detectorFrame, false);
  assert.deepEqual([...prior.keys].sort(), [...BBH_KEYS].sort());
  const n = 20000;
  const { samples: s, numDrawn, numRejected } = prior.sampleWithCounts(n, Rng.fromSeed(2024));
  assert.equal(numDrawn, n);
  assert.equal(numRejected, 0);
  for (const k of BBH_KEYS) assert.equal(s[k].length, n);
  within(s.mass_1, 5, 100, 'mass_1');
  within(s.redshift, 0, 2, 'redshift');
  within(s.a_1, 0, 0.998, 'a_1');
  within(s.dec, -Math.PI / 2, Math.PI / 2, 'dec');
  within(s.psi, 0, Math.PI, 'psi');
  for (let i = 0; i < n; i++) assert.ok(s.mass_2[i] >= 5 && s.mass_2[i] <= s.mass_1[i], `row ${i}: m2 ${s.mass_2[i]} m1 ${s.mass_1[i]}`);
  const m1 = new PowerLaw(-2.35, 5, 100);
  assert.ok(ksTest(s.mass_1, (x) => m1.cdf(x)).pValue > 1e-3);
  const z = new UniformComovingVolume(0, 2);
  assert.ok(ksTest(s.redshift, (x) => z.cdf(x)).pValue > 1e-3);
  // Conditional m2 | m1: probability-integral transform u = F(m2 | m1) must be U(0, 1).
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = new PowerLaw(1, 5, s.mass_1[i]).cdf(s.mass_2[i]);
  assert.ok(ksTest(u, (x) => x).pValue > 1e-3);
});

test('end_o3_ratesandpops_bns: Triangular m1 on [1, 2.5], 1 <= m2 <= m1 uniform, z <= 0.15, a <= 0.4', () => {
  const prior = endO3RatesAndPopsBns();
  const n = 20000;
  const s = prior.sample(n, Rng.fromSeed(77));
  within(s.mass_1, 1, 2.5, 'mass_1');
  within(s.redshift, 0, 0.15, 'redshift');
  within(s.a_1, 0, 0.4, 'a_1');
  within(s.a_2, 0, 0.4, 'a_2');
  for (let i = 0; i < n; i++) assert.ok(s.mass_2[i] >= 1 && s.mass_2[i] <= s.mass_1[i]);
  const tri = new Triangular(2.5, 1, 2.5);
  assert.ok(ksTest(s.mass_1, (x) => tri.cdf(x)).pValue > 1e-3);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = (s.mass_2[i] - 1) / (s.mass_1[i] - 1);
  assert.ok(ksTest(u, (x) => x).pValue > 1e-3);
  const z = new UniformSourceFrame(0, 0.15);
  assert.ok(ksTest(s.redshift, (x) => z.cdf(x)).pValue > 1e-3);
});

test('nonspin_bbh / spin_bbh: detector frame, fixed spins, mass_ratio constraint NOT enforced (as aframe)', () => {
  const ns = nonspinBbh();
  assert.equal(ns.detectorFrame, true);
  const s = ns.sampleWithCounts(5000, Rng.fromSeed(5));
  assert.equal(s.numRejected, 0);
  for (const k of ['psi', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl']) assert.ok(s.samples[k].every((v) => v === 0), k);
  within(s.samples.mass_1, 5, 100, 'mass_1');
  within(s.samples.redshift, 0, 0.5, 'redshift');
  let swapped = 0;
  for (let i = 0; i < 5000; i++) if (s.samples.mass_2[i] > s.samples.mass_1[i]) swapped++;
  assert.ok(swapped > 2000 && swapped < 3000, `m2 > m1 in ${swapped} of 5000 rows`);
  assert.equal('mass_ratio' in s.samples, false);
  const sp = spinBbh().sample(2000, Rng.fromSeed(6));
  within(sp.a_1, 0, 0.998, 'a_1');
  assert.ok(sp.a_1.some((v) => v > 0));
  assert.ok(sp.psi.every((v) => v === 0) && sp.phi_jl.every((v) => v === 0));
  within(sp.tilt_2, 0, Math.PI, 'tilt_2');
  // Detector-frame prior: toDetectorFrame leaves masses unchanged.
  assert.deepEqual(ns.toDetectorFrame(s.samples).mass_1, s.samples.mass_1);
});

test('log_normal_masses: constraint 0.02 < m2/m1 < 1 enforced; rejection rate matches the analytic acceptance', () => {
  const [m1, m2, sigma] = [30, 30, 0.1];
  const prior = logNormalMasses(m1, m2, sigma);
  const n = 20000;
  const r = prior.sampleWithCounts(n, Rng.fromSeed(31));
  for (let i = 0; i < n; i++) {
    const q = r.samples.mass_2[i] / r.samples.mass_1[i];
    assert.ok(q > 0.02 && q < 1, `q = ${q}`);
  }
  assert.equal(r.numDrawn - r.numRejected, n);
  // ln(m2/m1) ~ N(ln(m2/m1), σ√2): acceptance P = Φ((0 − μ)/s) − Φ((ln 0.02 − μ)/s); binomial 5σ band.
  const s = sigma * Math.SQRT2;
  const mu = Math.log(m2 / m1);
  const p = normalCdf((0 - mu) / s) - normalCdf((Math.log(0.02) - mu) / s);
  const rate = n / r.numDrawn;
  assert.ok(Math.abs(rate - p) < 5 * Math.sqrt((p * (1 - p)) / r.numDrawn), `rate ${rate} vs ${p}`);
  assert.equal(prior.detectorFrame, false);
  assert.deepEqual([...prior.keys], ['mass_1', 'mass_2', 'redshift', 'dec', 'ra']);
});

test('joint prob: end_o3 {mass_1, mass_2} = PowerLaw(−2.35) pdf × PowerLaw(1, 5, m1) pdf, 0 when m2 > m1', () => {
  const prior = endO3RatesAndPops();
  const m1 = [10, 35.5, 90];
  const m2 = [7, 20, 95];
  const p = prior.prob({ mass_1: m1, mass_2: m2 });
  for (let i = 0; i < 2; i++) {
    const p1 = (-1.35 * m1[i] ** -2.35) / (100 ** -1.35 - 5 ** -1.35);
    const p2 = (2 * m2[i]) / (m1[i] ** 2 - 25);
    assert.ok(Math.abs(p[i] / (p1 * p2) - 1) < 1e-13, `row ${i}: ${p[i]} vs ${p1 * p2}`);
  }
  assert.equal(p[2], 0);
  const lp = prior.logProb({ mass_1: m1, mass_2: m2 });
  assert.ok(Math.abs(lp[0] - Math.log(p[0])) < 1e-12);
  assert.throws(() => prior.prob({ mass_2: [6] }), /'mass_2' needs 'mass_1' in the sample/);
  assert.throws(() => prior.prob({ mass_1: [6], mass_2: [6, 7] }), /has length 2, expected 1/);
  assert.throws(() => prior.prob({ spin: [0] }), /unknown key 'spin'/);
});

test('joint prob with an enforced constraint: log_normal_masses includes 1/P(accept) (MC, within 1.5 %) and 0 outside', () => {
  const [m1, m2, sigma] = [35, 25, 0.1];
  const prior = logNormalMasses(m1, m2, sigma);
  const s = sigma * Math.SQRT2;
  const mu = Math.log(m2 / m1);
  const accept = normalCdf(-mu / s) - normalCdf((Math.log(0.02) - mu) / s);
  const x1 = [36, 30];
  const x2 = [24, 31];
  const p = prior.prob({ mass_1: x1, mass_2: x2 });
  const ln = (x: number, m: number): number => Math.exp(-((Math.log(x) - Math.log(m)) ** 2) / (2 * sigma * sigma)) / (x * sigma * Math.sqrt(2 * Math.PI));
  const expected = (ln(x1[0], m1) * ln(x2[0], m2)) / accept;
  // MC normalisation with 2e5 draws: relative standard error sqrt((1−P)/(P·N)) ≈ 0.1 % here.
  assert.ok(Math.abs(p[0] / expected - 1) < 0.015, `${p[0]} vs ${expected}`);
  assert.equal(p[1], 0); // m2 > m1 violates mass_ratio < 1
  // gaussian_masses has the conversion but no constraint: plain product of Gaussians.
  const g = gaussianMasses(30, 20, 2).prob({ mass_1: [31], mass_2: [19] });
  const gauss = (x: number, m: number): number => Math.exp(-((x - m) ** 2) / 8) / (2 * Math.sqrt(2 * Math.PI));
  assert.ok(Math.abs(g[0] / (gauss(31, 30) * gauss(19, 20)) - 1) < 1e-13);
});

test('importance weights: E_source[p_target/p_source] = 1 for log_normal target vs end_o3 source masses (MC, 4σ)', () => {
  // Unbiasedness of the §8 reweighting when the target's support lies inside the source's.
  const source = endO3RatesAndPops();
  const target = logNormalMasses(30, 20, 0.1);
  const n = 40000;
  const s = source.sample(n, Rng.fromSeed(8));
  const cols = { mass_1: s.mass_1, mass_2: s.mass_2 };
  const pt = target.prob(cols);
  const ps = source.prob(cols);
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const w = pt[i] / ps[i];
    sum += w;
    sum2 += w * w;
  }
  const mean = sum / n;
  const se = Math.sqrt((sum2 / n - mean * mean) / n);
  // target mass (m1 > 5, m2 > 5) probability is 1 to < 1e-20 for these means; MC normalisation of
  // the target adds ≤ 0.5 %.
  assert.ok(Math.abs(mean - 1) < 4 * se + 0.005, `mean weight ${mean} ± ${se}`);
});

test('source → detector frame multiplies mass_1, mass_2, chirp_mass, total_mass by (1 + z) only', () => {
  const prior = endO3RatesAndPops();
  const s = prior.sample(100, Rng.fromSeed(3));
  const det = prior.toDetectorFrame(s);
  for (let i = 0; i < 100; i++) {
    assert.equal(det.mass_1[i], s.mass_1[i] * (1 + s.redshift[i]));
    assert.equal(det.mass_2[i], s.mass_2[i] * (1 + s.redshift[i]));
    assert.equal(det.redshift[i], s.redshift[i]);
    assert.equal(det.a_1[i], s.a_1[i]);
  }
  const withMc = massConstraints({ mass_1: Float64Array.of(30), mass_2: Float64Array.of(20), redshift: Float64Array.of(1) });
  const mcDet = samplesToDetectorFrame(withMc);
  assert.ok(Math.abs(mcDet.chirp_mass[0] - 2 * withMc.chirp_mass[0]) < 1e-12);
  assert.ok(Math.abs(withMc.chirp_mass[0] - (600 ** 0.6) / (50 ** 0.2)) < 1e-12);
  assert.equal(withMc.mass_ratio[0], 20 / 30);
  assert.throws(() => samplesToDetectorFrame({ mass_1: Float64Array.of(1) }), /need a 'redshift' column/);
});

test('registry: every name resolves; python paths accepted; unknown name lists known names; mass args required', () => {
  assert.deepEqual([...PRIOR_NAMES].sort(), ['end_o3_ratesandpops', 'end_o3_ratesandpops_bns', 'gaussian_masses', 'log_normal_masses', 'nonspin_bbh', 'spin_bbh']);
  assert.equal(DEFAULT_PRIOR_NAME, 'end_o3_ratesandpops');
  for (const name of PRIOR_NAMES) {
    const p = getPrior(name, { m1: 30, m2: 20, sigma: 0.1 });
    assert.ok(p instanceof PriorDict);
  }
  assert.equal(getPrior('priors.priors.end_o3_ratesandpops_bns').name, 'end_o3_ratesandpops_bns');
  assert.throws(() => getPrior('end_o3'), /unknown prior 'end_o3'; known priors: end_o3_ratesandpops, end_o3_ratesandpops_bns, nonspin_bbh, spin_bbh, gaussian_masses, log_normal_masses/);
  assert.throws(() => getPrior('log_normal_masses'), /options m1 and m2 \(solar masses\) are required/);
  assert.throws(() => getPrior('gaussian_masses', { m1: -3, m2: 2 }), /m1 must be finite and > 0/);
  assert.deepEqual(getPrior('end_o3_ratesandpops').bounds('redshift'), [0, 2]);
  assert.deepEqual(getPrior('log_normal_masses', { m1: 30, m2: 20 }).bounds('dec'), [-Math.PI / 2, Math.PI / 2]);
});

test('reproducibility: same seed → identical samples; different seed → different', () => {
  const prior = logNormalMasses(20, 15, 0.3);
  const a = prior.sample(3000, Rng.fromSeed(42));
  const b = logNormalMasses(20, 15, 0.3).sample(3000, Rng.fromSeed(42));
  for (const k of prior.keys) assert.deepEqual(a[k], b[k]);
  const c = prior.sample(3000, Rng.fromSeed(43));
  assert.notDeepEqual(a.mass_1, c.mass_1);
});

test('worker independence: k workers over splitRange(N, k) reproduce the 1-worker rows exactly (k = 1, 3, 7)', () => {
  for (const prior of [endO3RatesAndPops(), logNormalMasses(30, 30, 0.1)]) {
    const total = 2500;
    const one = sampleBlocks(prior, { seed: 9, count: total, blockSize: 256 });
    for (const k of [3, 7]) {
      const parts: PriorSamples[] = [];
      for (let w = 0; w < k; w++) {
        const { start, count } = splitRange(total, k, w);
        parts.push(sampleBlocks(prior, { seed: 9, start, count, blockSize: 256 }).samples);
      }
      for (const key of prior.keys) {
        const joined = new Float64Array(total);
        let off = 0;
        for (const part of parts) {
          joined.set(part[key], off);
          off += part[key].length;
        }
        assert.deepEqual(joined, one.samples[key], `${prior.name} key ${key}, k = ${k}`);
      }
    }
    // A different block size defines a different (equally valid) sequence.
    const other = sampleBlocks(prior, { seed: 9, count: 300, blockSize: 128 });
    assert.notDeepEqual(other.samples.mass_1, one.samples.mass_1.subarray(0, 300));
  }
  assert.deepEqual(splitRange(10, 3, 0), { start: 0, count: 4 });
  assert.deepEqual(splitRange(10, 3, 2), { start: 7, count: 3 });
  assert.throws(() => splitRange(10, 3, 3), /index must be in \[0, 2\]/);
});

test('PriorDict validation: conditional on unknown key, circular conditionals, duplicate keys', () => {
  assert.throws(() => new PriorDict([['m2', new ConditionalPowerLaw(1, 5, 'm1')]], { detectorFrame: true }), /'m2' requires unknown key 'm1'/);
  assert.throws(
    () => new PriorDict([['a', new ConditionalPowerLaw(1, 1, 'b')], ['b', new ConditionalPowerLaw(1, 1, 'a')]], { detectorFrame: true }),
    /circular conditional dependency/,
  );
  assert.throws(() => new PriorDict([['a', new Uniform(0, 1)], ['a', new Uniform(0, 2)]], { detectorFrame: true }), /duplicate key 'a'/);
  // A conditional declared before its dependency is still sampled after it.
  const p = new PriorDict([['m2', new ConditionalPowerLaw(1, 5, 'm1')], ['m1', new Uniform(6, 10)]], { detectorFrame: true });
  assert.deepEqual([...p.keys], ['m1', 'm2']);
  const s = p.sample(100, Rng.fromSeed(1));
  for (let i = 0; i < 100; i++) assert.ok(s.m2[i] <= s.m1[i]);
});
