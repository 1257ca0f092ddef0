/**
 * Physical symmetries of the aligned-spin models, input validation and batched generation.
 * Tolerances: symmetry checks 1e-12 relative (only floating-point reordering can differ);
 * batch vs single: exact (same code path, same arithmetic).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateFD, generateFDBatch, listApproximants, warnedKeys } from '../src/index.ts';
import type { CbcParams, FDWaveform } from '../src/index.ts';

const settings = { deltaF: 0.125, fMin: 20, fMax: 1024, fRef: 50 };
const base: CbcParams = { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 1000, inclination: 0.5, phiRef: 0.7 };
const models = ['TaylorF2', 'IMRPhenomD'];

function maxAbs(w: FDWaveform, pol: 'hplus' | 'hcross'): number {
  let m = 0;
  for (let k = 0; k < w.length; k++) m = Math.max(m, Math.hypot(w[`${pol}Re`][k], w[`${pol}Im`][k]));
  return m;
}
function maxDiff(a: FDWaveform, b: FDWaveform, pol: 'hplus' | 'hcross', scaleB = 1): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) {
    m = Math.max(m, Math.hypot(a[`${pol}Re`][k] - scaleB * b[`${pol}Re`][k], a[`${pol}Im`][k] - scaleB * b[`${pol}Im`][k]));
  }
  return m;
}

test('registry lists TaylorF2 and IMRPhenomD', () => {
  for (const m of models) assert.ok(listApproximants().includes(m));
});

for (const ap of models) {
  test(`${ap}: swapping the bodies (masses and spins) leaves h unchanged`, () => {
    const a = generateFD(ap, base, settings);
    const b = generateFD(ap, { ...base, mass1: base.mass2, mass2: base.mass1, spin1z: base.spin2z, spin2z: base.spin1z }, settings);
    for (const pol of ['hplus', 'hcross'] as const) assert.ok(maxDiff(a, b, pol) <= 1e-12 * maxAbs(a, pol), pol);
  });

  test(`${ap}: edge-on (inclination pi/2) gives hx = 0 and h+ = h_face-on / 2`, () => {
    const edge = generateFD(ap, { ...base, inclination: Math.PI / 2 }, settings);
    const face = generateFD(ap, { ...base, inclination: 0 }, settings);
    assert.ok(maxAbs(edge, 'hcross') <= 1e-15 * maxAbs(edge, 'hplus'));
    assert.ok(maxDiff(edge, face, 'hplus', 0.5) <= 1e-14 * maxAbs(edge, 'hplus'));
  });

  test(`${ap}: amplitude scales as 1/distance`, () => {
    const a = generateFD(ap, base, settings);
    const b = generateFD(ap, { ...base, distance: 2 * base.distance }, settings);
    for (const pol of ['hplus', 'hcross'] as const) assert.ok(maxDiff(a, b, pol, 2) <= 1e-14 * maxAbs(a, pol));
  });

  test(`${ap}: hx = -i cos(i) / ((1 + cos^2 i)/2) h+ and phiRef enters as exp(2 i phiRef)`, () => {
    const a = generateFD(ap, base, settings);
    const c = Math.cos(base.inclination);
    const r = c / (0.5 * (1 + c * c));
    let m = 0;
    for (let k = 0; k < a.length; k++) {
      // -i r (x + i y) = r y - i r x
      m = Math.max(m, Math.hypot(a.hcrossRe[k] - r * a.hplusIm[k], a.hcrossIm[k] + r * a.hplusRe[k]));
    }
    assert.ok(m <= 1e-14 * maxAbs(a, 'hcross'));
    const b = generateFD(ap, { ...base, phiRef: base.phiRef + 0.3 }, settings);
    const rot = [Math.cos(0.6), Math.sin(0.6)];
    let d = 0;
    for (let k = 0; k < a.length; k++) {
      const re = a.hplusRe[k] * rot[0] - a.hplusIm[k] * rot[1];
      const im = a.hplusRe[k] * rot[1] + a.hplusIm[k] * rot[0];
      d = Math.max(d, Math.hypot(b.hplusRe[k] - re, b.hplusIm[k] - im));
    }
    assert.ok(d <= 1e-12 * maxAbs(a, 'hplus'), `phiRef rotation error ${d}`);
  });

  test(`${ap}: batch output equals single-waveform output`, () => {
    const ps: CbcParams[] = [base, { ...base, mass1: 12, mass2: 8, spin1z: -0.5, inclination: 2 }, { ...base, mass1: 50, mass2: 45, distance: 300 }];
    const batch = generateFDBatch(
      ap,
      {
        mass1: ps.map((p) => p.mass1),
        mass2: ps.map((p) => p.mass2),
        spin1z: ps.map((p) => p.spin1z ?? 0),
        spin2z: ps.map((p) => p.spin2z ?? 0),
        distance: ps.map((p) => p.distance),
        inclination: ps.map((p) => p.inclination),
        phiRef: ps.map((p) => p.phiRef),
      },
      settings,
    );
    assert.equal(batch.length, 8193);
    ps.forEach((p, i) => {
      const w = generateFD(ap, p, settings);
      const n = Math.min(w.length, batch.length);
      for (let k = 0; k < n; k++) {
        assert.equal(batch.hplusRe[i * batch.length + k], w.hplusRe[k]);
        assert.equal(batch.hcrossIm[i * batch.length + k], w.hcrossIm[k]);
      }
    });
  });
}

test('bad inputs throw errors naming the parameter', () => {
  const cases: [Partial<CbcParams>, Partial<typeof settings>, RegExp][] = [
    [{ mass1: -1 }, {}, /mass1/],
    [{ mass2: 0 }, {}, /mass2/],
    [{ spin1z: 1.2 }, {}, /spin1/],
    [{ spin2x: 0.1 }, {}, /spin2x/],
    [{ distance: 0 }, {}, /distance/],
    [{}, { fMin: 1024 }, /fMin/],
    [{}, { fMin: 30, fMax: 20 }, /fMin/],
    [{}, { deltaF: 0 }, /deltaF/],
    [{}, { deltaF: -0.1 }, /deltaF/],
    [{}, { fRef: -1 }, /fRef/],
  ];
  for (const ap of models) {
    for (const [dp, ds, re] of cases) {
      assert.throws(() => generateFD(ap, { ...base, ...dp }, { ...settings, ...ds }), re, `${ap} ${JSON.stringify(dp)} ${JSON.stringify(ds)}`);
    }
  }
  assert.throws(() => generateFD('NoSuchModel', base, settings), /approximant must be one of/);
  assert.throws(() => generateFDBatch('IMRPhenomD', { mass1: [30, -2], mass2: [20, 10], distance: [1, 1], inclination: [0, 0], phiRef: [0, 0] }, settings), /batch entry 1: mass1/);
  // PhenomD ends at Mf = 0.2: fMin above that cut-off for a heavy binary is an error.
  assert.throws(() => generateFD('IMRPhenomD', { ...base, mass1: 400, mass2: 400 }, { ...settings, fMin: 60 }), /fMin/);
});

test('outside IMRPhenomD calibration: one warning per kind, process-wide', async () => {
  const seen: string[] = [];
  const onWarn = (w: Error): void => {
    seen.push(w.message);
  };
  process.on('warning', onWarn);
  generateFD('IMRPhenomD', { ...base, mass1: 200, mass2: 5 }, settings);
  generateFD('IMRPhenomD', { ...base, mass1: 300, mass2: 5 }, settings);
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarn);
  assert.equal(seen.filter((m) => m.includes('mass ratio')).length, 1);
  assert.ok(warnedKeys().has('IMRPhenomD:q'));
});

test('TaylorF2 above the ISCO frequency of the total mass: one warning, process-wide', async () => {
  const seen: string[] = [];
  const onWarn = (w: Error): void => {
    seen.push(w.message);
  };
  // other tests in this process may already have triggered it (the warning is once per process)
  const before = warnedKeys().has('TaylorF2:isco');
  process.on('warning', onWarn);
  // M = 65 Msun: f_ISCO ≈ 67.6 Hz < fMax = 1024 Hz
  generateFD('TaylorF2', { mass1: 36, mass2: 29, distance: 400, inclination: 0.4, phiRef: 0 }, { deltaF: 0.125, fMin: 20, fMax: 1024, fRef: 20 });
  generateFD('TaylorF2', { mass1: 30, mass2: 29, distance: 400, inclination: 0.4, phiRef: 0 }, { deltaF: 0.125, fMin: 20, fMax: 1024, fRef: 20 });
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarn);
  assert.equal(seen.filter((m) => m.includes('ISCO')).length, before ? 0 : 1);
  assert.ok(warnedKeys().has('TaylorF2:isco'));
});
