/**
 * Exported building blocks checked against external references:
 * - PhenomD internals (the pieces IMRPhenomPv2 reuses), assembled by hand into h+, against LAL's
 *   IMRPhenomD_00 / _01 (1e-9 relative to the peak, as for the generator);
 * - the GSL-equivalent natural cubic spline against scipy's CubicSpline(bc_type='natural') (1e-12);
 * - the Butterworth high-pass (b, a) against scipy.signal.iirfilter (1e-12), its second-order-section
 *   forward-backward filtering against scipy sosfilt twice (1e-10 of the peak), and lfilter-based
 *   filtfilt on a well-conditioned 2nd-order filter against scipy lfilter twice (1e-12).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import {
  MPC_SI,
  MRSUN_SI,
  MTSUN_SI,
  NaturalCubicSpline,
  butterHighpass,
  filtfilt,
  generatorHighpass,
  generatorHighpassWn,
  sosfiltfilt,
  sosfiltfiltPadded,
  sincos,
  SINCOS,
  phenomDAmpPhaseOnGrid,
  phenomDPhase,
  phenomDSetup,
  phenomDTimeShift,
} from '../src/index.ts';
import { loadFdCases } from './helpers.ts';

const fixtures = JSON.parse(fs.readFileSync(new URL('./fixtures/filters.json', import.meta.url), 'utf8'));

test('PhenomD internals reproduce LAL IMRPhenomD h+', () => {
  for (const c of loadFdCases(['IMRPhenomD']).filter((x) => ['IMRPhenomD_00', 'IMRPhenomD_01', 'IMRPhenomD_05'].includes(x.id))) {
    const P = c.params;
    const model = phenomDSetup(P.mass1, P.mass2, P.spin1z, P.spin2z);
    assert.ok(model.mass1 >= model.mass2);
    const M = model.mass1 + model.mass2;
    const kLo = c.output.first_nonzero_index;
    const kHi = c.output.last_nonzero_index;
    const mf = new Float64Array(kHi - kLo + 1).map((_, i) => (kLo + i) * P.delta_f * M * MTSUN_SI);
    const amp = new Float64Array(mf.length);
    const phase = new Float64Array(mf.length);
    phenomDAmpPhaseOnGrid(mf, model, amp, phase);
    const t0 = phenomDTimeShift(model);
    const mfRef = M * MTSUN_SI * P.f_ref;
    const phiRefTerm = 2 * P.phi_ref + phenomDPhase(mfRef, model.phase);
    const amp0 = (2 * Math.sqrt(5 / (64 * Math.PI)) * M * MRSUN_SI * M * MTSUN_SI) / (P.distance * MPC_SI);
    const ci = Math.cos(P.inclination);
    const pfac = 0.5 * (1 + ci * ci);
    let peak = 0;
    let err = 0;
    for (let i = 0; i < mf.length; i++) {
      const k = kLo + i;
      const arg = phase[i] - t0 * (mf[i] - mfRef) - phiRefTerm;
      const re = pfac * amp0 * amp[i] * Math.cos(arg);
      const im = -pfac * amp0 * amp[i] * Math.sin(arg);
      peak = Math.max(peak, Math.hypot(c.hplusRe[k], c.hplusIm[k]));
      err = Math.max(err, Math.hypot(re - c.hplusRe[k], im - c.hplusIm[k]));
    }
    assert.ok(err / peak <= 1e-9, `${c.id}: ${err / peak}`);
  }
});

test('NaturalCubicSpline matches scipy CubicSpline(natural)', () => {
  const s = fixtures.spline;
  const sp = new NaturalCubicSpline(s.x, s.y);
  s.xq.forEach((x: number, i: number) => {
    assert.ok(Math.abs(sp.eval(x) - s.value[i]) <= 1e-12 * (1 + Math.abs(s.value[i])), `value at ${x}`);
    assert.ok(Math.abs(sp.deriv(x) - s.deriv[i]) <= 1e-11 * (1 + Math.abs(s.deriv[i])), `deriv at ${x}`);
  });
  assert.throws(() => sp.eval(s.x[0] - 1), /outside/);
});

test('Butterworth high-pass and filtfilt match scipy', () => {
  for (const f of fixtures.filters) {
    assert.ok(Math.abs(generatorHighpassWn(f.fmin, f.sr) - f.wn) <= 1e-14);
    const { b, a } = butterHighpass(8, f.wn);
    assert.equal(b.length, 9);
    for (let i = 0; i < 9; i++) {
      assert.ok(Math.abs(b[i] - f.b[i]) <= 1e-12 * Math.max(...f.b.map(Math.abs)), `b[${i}]`);
      assert.ok(Math.abs(a[i] - f.a[i]) <= 1e-12 * Math.max(...f.a.map(Math.abs)), `a[${i}]`);
    }
    const x = Float64Array.from(f.x);
    sosfiltfilt(generatorHighpass(f.fmin, f.sr), x);
    const scale = Math.max(...f.sosfiltfilt.map(Math.abs));
    for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i] - f.sosfiltfilt[i]) <= 1e-10 * scale, `sosfiltfilt[${i}]`);
  }
  assert.throws(() => butterHighpass(8, 1.2), /wn/);
  const lo = fixtures.lowOrder;
  const y = Float64Array.from(lo.x);
  filtfilt(Float64Array.from(lo.b), Float64Array.from(lo.a), y);
  const sc = Math.max(...lo.filtfilt.map(Math.abs));
  for (let i = 0; i < y.length; i++) assert.ok(Math.abs(y[i] - lo.filtfilt[i]) <= 1e-12 * sc, `filtfilt[${i}]`);
});

test('sosfiltfiltPadded equals sosfiltfilt on a left-zero-padded signal', () => {
  const f = fixtures.filters[0];
  const sos = generatorHighpass(f.fmin, f.sr);
  const x = new Float64Array(20000);
  x.set(f.x, 20000 - f.x.length);
  const a = Float64Array.from(x);
  const b = Float64Array.from(x);
  sosfiltfilt(sos, a);
  sosfiltfiltPadded(sos, b, 20000 - f.x.length);
  let peak = 0;
  for (const v of a) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-13 * peak, `sample ${i}: ${a[i]} vs ${b[i]}`);
});

test('sincos agrees with Math.sin / Math.cos to 2e-16 absolute up to |x| = 1e6 (and falls back beyond)', () => {
  let s = 7;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < 200000; i++) {
    const x = (u() - 0.5) * 2 * Math.pow(10, 6 * u());
    sincos(x);
    assert.ok(Math.abs(SINCOS[0] - Math.sin(x)) <= 2.3e-16, `sin(${x})`);
    assert.ok(Math.abs(SINCOS[1] - Math.cos(x)) <= 2.3e-16, `cos(${x})`);
  }
  sincos(1e7);
  assert.equal(SINCOS[0], Math.sin(1e7));
});
