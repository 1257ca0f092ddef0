// Every distribution: samples pass a one-sample KS test against the analytic CDF (fixed seeds,
// p-value floor 1e-3), the pdf integrates to 1 (adaptive Gauss–Kronrod, |∫ − 1| < 1e-8), the CDF
// equals ∫ pdf (1e-8) and ppf inverts it; cosmological pdfs are checked against astropy volumes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  Rng, ksTest, integrate, planck15,
  Uniform, Sine, Cosine, PowerLaw, LogUniform, Triangular, Gaussian, LogNormal, DeltaFunction, Constraint,
  UniformComovingVolume, UniformSourceFrame,
} from '@aframe/priors';
import type { Distribution } from '@aframe/priors';

const fx = JSON.parse(readFileSync(new URL('./fixtures/cosmology.json', import.meta.url), 'utf8'));

const P_FLOOR = 1e-3;

interface Case {
  dist: Distribution;
  n: number;
  /** finite integration range for infinite supports */
  range?: [number, number];
}

const cases: Case[] = [
  { dist: new Uniform(2, 7), n: 20000 },
  { dist: new Sine(), n: 20000 },
  { dist: new Sine(0.3, 2), n: 20000 },
  { dist: new Cosine(), n: 20000 },
  { dist: new Cosine(-0.5, 1.2), n: 20000 },
  { dist: new PowerLaw(-2.35, 5, 100), n: 20000 },
  { dist: new PowerLaw(1, 5, 60), n: 20000 },
  { dist: new PowerLaw(3, 0, 2), n: 20000 },
  { dist: new PowerLaw(-1, 1, 50), n: 20000 },
  { dist: new LogUniform(100, 1000), n: 20000 },
  { dist: new Triangular(2.5, 1, 2.5), n: 20000 },
  { dist: new Triangular(0.2, 0, 1), n: 20000 },
  { dist: new Gaussian(30, 2), n: 20000, range: [30 - 14 * 2, 30 + 14 * 2] },
  { dist: new LogNormal(Math.log(30), 0.1), n: 20000, range: [30 * Math.exp(-1.4), 30 * Math.exp(1.4)] },
  { dist: new LogNormal(0, 1), n: 20000, range: [1e-12, Math.exp(14)] },
  { dist: new UniformComovingVolume(0, 2), n: 20000 },
  { dist: new UniformSourceFrame(0, 0.15), n: 20000 },
  { dist: new UniformSourceFrame(0, 2), n: 20000 },
  { dist: new UniformSourceFrame(0.2, 1.1, { variable: 'comoving_distance' }), n: 20000 },
  { dist: new UniformComovingVolume(100, 1000, { variable: 'luminosity_distance' }), n: 5000 },
  { dist: new UniformSourceFrame(200, 15000, { variable: 'luminosity_distance' }), n: 5000 },
];

function lo(c: Case): number {
  return c.range ? c.range[0] : c.dist.minimum;
}
function hi(c: Case): number {
  return c.range ? c.range[1] : c.dist.maximum;
}

cases.forEach((c, i) => {
  test(`${c.dist.description}: KS p > ${P_FLOOR} (n = ${c.n}, seed ${100 + i}), samples in support`, () => {
    const x = c.dist.sample(c.n, Rng.fromSeed(100 + i));
    assert.equal(x.length, c.n);
    for (const v of x) assert.ok(v >= c.dist.minimum && v <= c.dist.maximum, `${v} outside support`);
    const ks = ksTest(x, (v) => c.dist.cdf(v));
    assert.ok(ks.pValue > P_FLOOR, `D = ${ks.statistic}, p = ${ks.pValue}`);
  });

  test(`${c.dist.description}: ∫pdf = 1 (1e-8), cdf = ∫pdf (1e-8), ppf∘cdf = id, logProb = log prob`, () => {
    const a = lo(c);
    const b = hi(c);
    const total = integrate((v) => c.dist.prob(v), a, b, { epsRel: 1e-11 });
    assert.ok(Math.abs(total - 1) < 1e-8, `∫pdf = ${total}`);
    for (const f of [0.1, 0.37, 0.8]) {
      const x = a + f * (b - a);
      const partial = integrate((v) => c.dist.prob(v), a, x, { epsRel: 1e-11 });
      assert.ok(Math.abs(c.dist.cdf(x) - partial) < 1e-8, `cdf(${x}) = ${c.dist.cdf(x)} vs ∫ = ${partial}`);
      const u = c.dist.cdf(x);
      if (u > 1e-6 && u < 1 - 1e-6) {
        // cosmological priors invert a per-panel linear-density model: agreement to 1e-6 relative
        const tol = c.dist instanceof UniformComovingVolume || c.dist instanceof UniformSourceFrame ? 1e-6 : 1e-9;
        assert.ok(Math.abs(c.dist.ppf(u) - x) <= tol * Math.max(1, Math.abs(x)), `ppf(cdf(${x})) = ${c.dist.ppf(u)}`);
      }
      const p = c.dist.prob(x);
      assert.ok(Math.abs(c.dist.logProb(x) - Math.log(p)) < 1e-12 * Math.max(1, Math.abs(Math.log(p))));
    }
    if (Number.isFinite(c.dist.minimum)) {
      assert.equal(c.dist.prob(c.dist.minimum - 1), 0);
      assert.equal(c.dist.logProb(c.dist.minimum - 1), -Infinity);
      assert.equal(c.dist.cdf(c.dist.minimum - 1), 0);
    }
    if (Number.isFinite(c.dist.maximum)) {
      assert.equal(c.dist.prob(c.dist.maximum + 1), 0);
      assert.equal(c.dist.cdf(c.dist.maximum + 1), 1);
    }
  });
});

test('KS has power: PowerLaw(−2.35) samples vs PowerLaw(−2.2) CDF, and UniformComovingVolume vs UniformSourceFrame, are rejected (p < 1e-6)', () => {
  const x = new PowerLaw(-2.35, 5, 100).sample(20000, Rng.fromSeed(1));
  assert.ok(ksTest(x, (v) => new PowerLaw(-2.2, 5, 100).cdf(v)).pValue < 1e-6);
  const z = new UniformComovingVolume(0, 2).sample(20000, Rng.fromSeed(2));
  const usf = new UniformSourceFrame(0, 2);
  assert.ok(ksTest(z, (v) => usf.cdf(v)).pValue < 1e-6);
});

test('closed forms: Sine/Cosine/PowerLaw/LogUniform/Triangular/LogNormal pdf values (1e-14)', () => {
  const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) <= 1e-14 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
  close(new Sine().prob(1), Math.sin(1) / 2);
  close(new Cosine().prob(0.4), Math.cos(0.4) / 2);
  close(new PowerLaw(-2.35, 5, 100).prob(20), (-1.35 * 20 ** -2.35) / (100 ** -1.35 - 5 ** -1.35));
  close(new PowerLaw(-1, 5, 100).prob(20), 1 / (20 * Math.log(20)));
  close(new LogUniform(100, 1000).prob(300), 1 / (300 * Math.log(10)));
  close(new Triangular(2.5, 1, 2.5).prob(2), (2 * (2 - 1)) / 1.5 ** 2);
  close(new Uniform(0, 0.998).prob(0.5), 1 / 0.998);
  const ln = new LogNormal(Math.log(30), 0.1);
  close(ln.prob(31), Math.exp(-((Math.log(31) - Math.log(30)) ** 2) / (2 * 0.01)) / (31 * 0.1 * Math.sqrt(2 * Math.PI)));
  close(new Gaussian(1, 2).prob(2), Math.exp(-1 / 8) / (2 * Math.sqrt(2 * Math.PI)));
});

test('UniformSourceFrame(0, 2) pdf = (dVc/dz)/(1+z) / ∫ — astropy dVc/dz and volume (1e-10)', () => {
  const usf = new UniformSourceFrame(0, 2);
  const norm = fx.astrophysicalVolume.find((c: { zMin: number; zMax: number; decRange: unknown }) => c.zMin === 0 && c.zMax === 2 && c.decRange === null).volumeMpc3 / (4 * Math.PI);
  assert.ok(Math.abs(usf.normalization / norm - 1) < 1e-10);
  fx.z.forEach((z: number, i: number) => {
    if (z > 2) {
      assert.equal(usf.prob(z), 0);
      return;
    }
    const expected = fx.differentialComovingVolumeMpc3PerSr[i] / (1 + z) / norm;
    assert.ok(Math.abs(usf.prob(z) - expected) <= 1e-10 * expected + 1e-300, `z=${z}: ${usf.prob(z)} vs ${expected}`);
  });
});

test('UniformComovingVolume(0, 2) pdf = (dVc/dz) / ∫ dVc/dz — astropy values (1e-10)', () => {
  const ucv = new UniformComovingVolume(0, 2);
  const norm = fx.comovingVolumeIntegral.find((c: { zMin: number; zMax: number }) => c.zMin === 0 && c.zMax === 2).integralMpc3PerSr;
  fx.z.forEach((z: number, i: number) => {
    if (z > 2) return;
    const expected = fx.differentialComovingVolumeMpc3PerSr[i] / norm;
    assert.ok(Math.abs(ucv.prob(z) - expected) <= 1e-10 * expected + 1e-300, `z=${z}`);
  });
});

test('luminosity-distance prior is the redshift prior pushed through D_L: p(d) = p(z)/(dD_L/dz), same CDF', () => {
  const dPrior = new UniformSourceFrame(planck15.luminosityDistance(0.05), planck15.luminosityDistance(0.8), { variable: 'luminosity_distance' });
  const zPrior = new UniformSourceFrame(0.05, 0.8);
  for (const z of [0.07, 0.3, 0.75]) {
    const d = planck15.luminosityDistance(z);
    assert.ok(Math.abs(dPrior.cdf(d) - zPrior.cdf(z)) < 1e-9);
    assert.ok(Math.abs(dPrior.prob(d) * planck15.luminosityDistanceDerivative(z) / zPrior.prob(z) - 1) < 1e-9);
  }
  // Samples of the same stream map one-to-one: d_i = D_L(z_i).
  const ds = dPrior.sample(50, Rng.fromSeed(4));
  const zs = zPrior.sample(50, Rng.fromSeed(4));
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(ds[i] / planck15.luminosityDistance(zs[i]) - 1) < 1e-6);
});

test('DeltaFunction and Constraint semantics (bilby)', () => {
  const d = new DeltaFunction(0);
  assert.deepEqual([...d.sample(3, Rng.fromSeed(1))], [0, 0, 0]);
  assert.equal(d.prob(0), Infinity);
  assert.equal(d.prob(0.1), 0);
  assert.equal(d.cdf(-1), 0);
  assert.equal(d.cdf(0), 1);
  const c = new Constraint(0, 1);
  assert.equal(c.prob(0), 0); // strict
  assert.equal(c.prob(1), 0);
  assert.equal(c.prob(0.5), 1);
  assert.equal(c.prob(NaN), 0);
});

test('sampling consumes exactly one uniform per draw (stream alignment across keys)', () => {
  const r1 = Rng.fromSeed(9);
  new PowerLaw(-2.35, 5, 100).sample(17, r1);
  const r2 = Rng.fromSeed(9);
  r2.uniformOpenArray(17);
  assert.equal(r1.uniform(), r2.uniform());
});

test('constructor validation names the parameter', () => {
  assert.throws(() => new Uniform(1, 1), /Uniform: maximum \(1\) must be > minimum \(1\)/);
  assert.throws(() => new PowerLaw(-1, 0, 10), /minimum must be > 0 for alpha <= -1/);
  assert.throws(() => new Sine(-1, 1), /bounds must lie in \[0, π\]/);
  assert.throws(() => new Triangular(5, 1, 2.5), /mode must be in \[minimum, maximum\]/);
  assert.throws(() => new Gaussian(0, 0), /sigma must be finite and > 0/);
  assert.throws(() => new LogNormal(0, -1), /sigma must be finite and > 0/);
  assert.throws(() => new UniformComovingVolume(2, 1), /need finite 0 <= minimum < maximum/);
  assert.throws(() => new Uniform(0, 1).ppf(2), /u must be in \[0, 1\]/);
  assert.throws(() => new Uniform(0, 1).sample(-3, Rng.fromSeed(1)), /n must be a non-negative integer/);
});
