/**
 * Parameter conversions. No LAL/bilby is available here, so the bilby <-> LAL spin transform is
 * checked against geometric identities it must satisfy (independent of the rotation sequence):
 * spin magnitudes, tilts (S_i . L_hat = a_i cos tilt_i), the in-plane angle phi_12, cos(theta_JN) = J_hat . N_hat
 * with N = (sin i cos(pi/2 - phase), sin i sin(pi/2 - phase), cos i) in the L frame, inclination = theta_JN
 * without spins; plus round trips. Tolerance 1e-12 (double-precision trigonometry).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MTSUN_SI,
  bilbyToLalSpins,
  chirpMassMassRatioToComponents,
  componentsToChirpMassMassRatio,
  detectorToSourceFrame,
  lalToBilbySpins,
  sourceToDetectorFrame,
} from '../src/index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const angDiff = (a: number, b: number): number => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

test('chirp mass / mass ratio round trip and GW150914-like values', () => {
  const { mass1, mass2 } = chirpMassMassRatioToComponents(28.0956, 0.8056);
  const back = componentsToChirpMassMassRatio(mass1, mass2);
  assert.ok(Math.abs(back.chirpMass - 28.0956) < 1e-12);
  assert.ok(Math.abs(back.massRatio - 0.8056) < 1e-12);
  // Mc of (36, 29): (36*29)^{3/5} / 65^{1/5}
  const mc = componentsToChirpMassMassRatio(36, 29).chirpMass;
  assert.ok(Math.abs(mc - Math.pow(36 * 29, 0.6) / Math.pow(65, 0.2)) < 1e-12);
  assert.ok(Math.abs(mc - 28.0956) < 1e-3);
  assert.ok(mass1 >= mass2);
  assert.throws(() => chirpMassMassRatioToComponents(-1, 0.5), /chirpMass/);
  assert.throws(() => chirpMassMassRatioToComponents(10, 0), /massRatio/);
});

test('source <-> detector frame masses', () => {
  assert.equal(sourceToDetectorFrame(30, 0.5), 45);
  assert.equal(detectorToSourceFrame(45, 0.5), 30);
  assert.throws(() => sourceToDetectorFrame(30, -1), /redshift/);
});

test('bilby -> LAL spins: zero spins give inclination = theta_jn', () => {
  const r = bilbyToLalSpins({ thetaJn: 0.8, phiJl: 1, tilt1: 0.3, tilt2: 2, phi12: 1, a1: 0, a2: 0, mass1: 30, mass2: 20, fRef: 20, phase: 0.4 });
  assert.ok(Math.abs(r.inclination - 0.8) < 1e-12);
  for (const k of ['spin1x', 'spin1y', 'spin1z', 'spin2x', 'spin2y', 'spin2z'] as const) assert.equal(Math.abs(r[k]), 0);
});

test('bilby -> LAL spins satisfies the geometric identities, and LAL -> bilby inverts it', () => {
  const r = rng(42);
  for (let i = 0; i < 300; i++) {
    const p = {
      thetaJn: Math.acos(2 * r() - 1),
      phiJl: 2 * Math.PI * r(),
      tilt1: Math.acos(2 * r() - 1),
      tilt2: Math.acos(2 * r() - 1),
      phi12: 2 * Math.PI * r(),
      a1: 0.05 + 0.9 * r(),
      a2: 0.05 + 0.9 * r(),
      mass1: 5 + 80 * r(),
      mass2: 5 + 40 * r(),
      fRef: 10 + 40 * r(),
      phase: 2 * Math.PI * r(),
    };
    const o = bilbyToLalSpins(p);
    assert.ok(Math.abs(Math.hypot(o.spin1x, o.spin1y, o.spin1z) - p.a1) < 1e-12);
    assert.ok(Math.abs(Math.hypot(o.spin2x, o.spin2y, o.spin2z) - p.a2) < 1e-12);
    assert.ok(Math.abs(o.spin1z - p.a1 * Math.cos(p.tilt1)) < 1e-12, 'tilt1');
    assert.ok(Math.abs(o.spin2z - p.a2 * Math.cos(p.tilt2)) < 1e-12, 'tilt2');
    const phi12 = Math.atan2(o.spin2y, o.spin2x) - Math.atan2(o.spin1y, o.spin1x);
    assert.ok(angDiff(phi12, p.phi12) < 1e-9, `phi12 ${phi12} vs ${p.phi12} tilts ${p.tilt1} ${p.tilt2}`);
    // J = L + S1 + S2 in M_sun^2 units with |L| = M^2 eta / v0 (1 + v0^2 (3/2 + eta/6)).
    const M = p.mass1 + p.mass2;
    const eta = (p.mass1 * p.mass2) / (M * M);
    const v0 = Math.cbrt(M * MTSUN_SI * Math.PI * p.fRef);
    const L = ((M * M * eta) / v0) * (1 + v0 * v0 * (1.5 + eta / 6));
    const J = [
      p.mass1 ** 2 * o.spin1x + p.mass2 ** 2 * o.spin2x,
      p.mass1 ** 2 * o.spin1y + p.mass2 ** 2 * o.spin2y,
      L + p.mass1 ** 2 * o.spin1z + p.mass2 ** 2 * o.spin2z,
    ];
    const jn = Math.hypot(J[0], J[1], J[2]);
    const phiO = Math.PI / 2 - p.phase;
    const N = [Math.sin(o.inclination) * Math.cos(phiO), Math.sin(o.inclination) * Math.sin(phiO), Math.cos(o.inclination)];
    const cosJN = (J[0] * N[0] + J[1] * N[1] + J[2] * N[2]) / jn;
    assert.ok(Math.abs(cosJN - Math.cos(p.thetaJn)) < 1e-12, `cos theta_JN ${cosJN} vs ${Math.cos(p.thetaJn)}`);

    const back = lalToBilbySpins({ ...o, mass1: p.mass1, mass2: p.mass2, fRef: p.fRef, phase: p.phase });
    assert.ok(Math.abs(back.thetaJn - p.thetaJn) < 1e-9, 'thetaJn');
    assert.ok(angDiff(back.phiJl, p.phiJl) < 1e-8, `phiJl ${back.phiJl} vs ${p.phiJl}`);
    assert.ok(Math.abs(back.tilt1 - p.tilt1) < 1e-9);
    assert.ok(Math.abs(back.tilt2 - p.tilt2) < 1e-9);
    assert.ok(angDiff(back.phi12, p.phi12) < 1e-9);
    assert.ok(back.phi12 >= 0 && back.phi12 < 2 * Math.PI && back.phiJl >= 0 && back.phiJl < 2 * Math.PI);
    assert.ok(Math.abs(back.a1 - p.a1) < 1e-12 && Math.abs(back.a2 - p.a2) < 1e-12);
  }
});

test('bilby -> LAL spins rejects bad input', () => {
  const p = { thetaJn: 0.8, phiJl: 1, tilt1: 0.3, tilt2: 2, phi12: 1, a1: 0.5, a2: 0.5, mass1: 30, mass2: 20, fRef: 20, phase: 0.4 };
  assert.throws(() => bilbyToLalSpins({ ...p, fRef: 0 }), /fRef/);
  assert.throws(() => bilbyToLalSpins({ ...p, a1: 1.5 }), /a1/);
  assert.throws(() => bilbyToLalSpins({ ...p, mass2: -3 }), /mass2/);
});
