// Special functions, KS statistic and quadrature against scipy (fixtures/gen_special.py) and
// analytic results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  erf, erfc, normalCdf, normalLogCdf, normalPpf, kolmogorovSf, ksStatistic, ksTest,
  gaussLegendre, integrate, integrateFixed,
} from '@aframe/priors';

const fx = JSON.parse(readFileSync(new URL('./fixtures/special.json', import.meta.url), 'utf8'));

function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a / b - 1);
}

test('normalCdf matches scipy ndtr to 1e-12 relative (down to x = -30)', () => {
  // x = -38 gives a subnormal Φ (2.9e-316) that we flush to 0; it is covered by logCdf below.
  fx.normalCdf.x.forEach((x: number, i: number) => {
    if (x < -37) return;
    assert.ok(relErr(normalCdf(x), fx.normalCdf.cdf[i]) < 1e-12, `x=${x}: ${normalCdf(x)} vs ${fx.normalCdf.cdf[i]}`);
  });
});

test('normalLogCdf matches scipy log_ndtr to 1e-13 relative (incl. x = -38)', () => {
  fx.normalCdf.x.forEach((x: number, i: number) => {
    const ref = fx.normalCdf.logCdf[i];
    const err = Math.abs(normalLogCdf(x) - ref) / Math.max(Math.abs(ref), 1e-300);
    assert.ok(err < 1e-13 || Math.abs(normalLogCdf(x) - ref) < 1e-16, `x=${x}: ${normalLogCdf(x)} vs ${ref}`);
  });
});

test('normalPpf matches scipy ndtri to 1e-14 (relative for |x| > 1)', () => {
  fx.normalPpf.p.forEach((p: number, i: number) => {
    const ref = fx.normalPpf.x[i];
    const err = Math.abs(normalPpf(p) - ref) / Math.max(1, Math.abs(ref));
    assert.ok(err < 1e-14, `p=${p}: ${normalPpf(p)} vs ${ref}`);
  });
  assert.equal(normalPpf(0), -Infinity);
  assert.equal(normalPpf(1), Infinity);
  assert.throws(() => normalPpf(1.5), /p must be in \[0, 1\]/);
});

test('erf/erfc identities: erf(-x) = -erf(x), erf + erfc = 1, erf(∞)=1 (1e-15)', () => {
  for (const x of [0, 0.1, 0.7, 1.5, 2.9, 3.1, 4, 6]) {
    assert.ok(Math.abs(erf(-x) + erf(x)) < 1e-16);
    assert.ok(Math.abs(erf(x) + erfc(x) - 1) < 2e-16);
  }
  assert.equal(erf(40), 1);
  assert.ok(Math.abs(erf(0.5) - 0.5204998778130465) < 2.3e-16); // A&S table 7.1, within 2 ulp
});

test('kolmogorovSf matches scipy.special.kolmogorov to 1e-13 relative', () => {
  fx.kolmogorov.lambda.forEach((l: number, i: number) => {
    assert.ok(relErr(kolmogorovSf(l), fx.kolmogorov.sf[i]) < 1e-13, `λ=${l}: ${kolmogorovSf(l)} vs ${fx.kolmogorov.sf[i]}`);
  });
});

test('ksStatistic matches scipy.stats.kstest statistic to 1e-14', () => {
  const dU = ksStatistic(fx.ksUniform.sample, (x) => Math.min(1, Math.max(0, x)));
  assert.ok(Math.abs(dU - fx.ksUniform.statistic) < 1e-14, `${dU} vs ${fx.ksUniform.statistic}`);
  const dN = ksStatistic(fx.ksNormal.sample, normalCdf);
  assert.ok(Math.abs(dN - fx.ksNormal.statistic) < 1e-14, `${dN} vs ${fx.ksNormal.statistic}`);
});

test('ksTest p-value: Stephens-corrected asymptotic value; rejects a wrong CDF', () => {
  const r = ksTest(fx.ksNormal.sample, normalCdf);
  const sn = Math.sqrt(40);
  assert.equal(r.pValue, kolmogorovSf((sn + 0.12 + 0.11 / sn) * r.statistic));
  // The same sample against a shifted normal must be rejected.
  const bad = ksTest(fx.ksNormal.sample, (x) => normalCdf(x - 1.5));
  assert.ok(bad.pValue < 1e-6, `p = ${bad.pValue}`);
});

test('gaussLegendre: weights sum to 2, exact for degree 2n-1, matches the 3-point closed form', () => {
  for (const n of [1, 2, 5, 10, 20]) {
    const { nodes, weights } = gaussLegendre(n);
    assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 2) < 1e-14);
    const deg = 2 * n - 1;
    for (let k = 0; k <= deg; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** k;
      const exact = k % 2 === 1 ? 0 : 2 / (k + 1);
      assert.ok(Math.abs(s - exact) < 1e-14, `n=${n} k=${k}: ${s} vs ${exact}`);
    }
  }
  const g3 = gaussLegendre(3);
  assert.ok(Math.abs(g3.nodes[2] - Math.sqrt(3 / 5)) < 1e-15);
  assert.ok(Math.abs(g3.weights[1] - 8 / 9) < 1e-15);
});

test('integrate (adaptive G7-K15): exact polynomials, analytic integrals to 1e-12', () => {
  // K15 is exact for degree 22 polynomials.
  assert.ok(Math.abs(integrate((x) => x ** 22, 0, 1) - 1 / 23) < 1e-15);
  assert.ok(relErr(integrate(Math.sin, 0, Math.PI), 2) < 1e-13);
  assert.ok(relErr(integrate((x) => 1 / x, 1e-6, 1), Math.log(1e6)) < 1e-12);
  assert.ok(relErr(integrate((x) => Math.sqrt(x), 0, 4), 16 / 3) < 1e-10); // endpoint singularity
  assert.ok(relErr(integrateFixed(Math.exp, 0, 3, 10, 4), Math.exp(3) - 1) < 1e-14);
  assert.equal(integrate(Math.exp, 2, 2), 0);
  assert.throws(() => integrate(Math.exp, 0, Infinity), /limits must be finite/);
});
