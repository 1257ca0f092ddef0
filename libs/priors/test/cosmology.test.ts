// Planck15 cosmology against astropy 5.2.1 (fixtures/gen_cosmology.py → cosmology.json).
// The issue asks for 1e-5 relative; the implementation reaches quadrature accuracy, so the
// assertions are tighter (1e-11 for distances/volumes; 2e-8 for z at d_L, where astropy's own
// z_at_value tolerance, not ours, dominates: its bounded-Brent search stops at ~1e-9 relative).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { planck15, FlatLambdaCDM } from '@aframe/priors';

const fx = JSON.parse(readFileSync(new URL('./fixtures/cosmology.json', import.meta.url), 'utf8'));

function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a / b - 1);
}

test('Planck15 derived densities match astropy (Ω_γ0, Ω_ν0, Ω_Λ0, ρ_c0, D_H, T_ν0) to 1e-13', () => {
  const c = fx.cosmology;
  assert.ok(relErr(planck15.Ogamma0, c.Ogamma0) < 1e-13);
  assert.ok(relErr(planck15.Onu0, c.Onu0) < 1e-13);
  assert.ok(relErr(planck15.Ode0, c.Ode0) < 1e-13);
  assert.ok(relErr(planck15.criticalDensity0, c.criticalDensity0) < 1e-13);
  assert.ok(relErr(planck15.hubbleDistanceMpc, c.hubbleDistanceMpc) < 1e-13);
  assert.ok(relErr(planck15.Tnu0, c.Tnu0) < 1e-13);
});

test('E(z) and nu_relative_density match astropy on z ∈ [0, 5] to 1e-13', () => {
  fx.z.forEach((z: number, i: number) => {
    assert.ok(relErr(planck15.efunc(z), fx.efunc[i]) < 1e-13, `E(${z})`);
    assert.ok(relErr(planck15.nuRelativeDensity(z), fx.nuRelativeDensity[i]) < 1e-13, `f_nu(${z})`);
  });
});

test('comoving / luminosity distance and dVc/dz match astropy on z ∈ [0, 5] to 1e-11', () => {
  fx.z.forEach((z: number, i: number) => {
    assert.ok(relErr(planck15.comovingDistance(z), fx.comovingDistanceMpc[i]) < 1e-11, `D_C(${z})`);
    assert.ok(relErr(planck15.luminosityDistance(z), fx.luminosityDistanceMpc[i]) < 1e-11, `D_L(${z})`);
    assert.ok(relErr(planck15.differentialComovingVolume(z), fx.differentialComovingVolumeMpc3PerSr[i]) < 1e-11, `dV/dz(${z})`);
  });
});

test('redshiftAtLuminosityDistance matches astropy z_at_value to 2e-8 and inverts D_L to 1e-13', () => {
  const { luminosityDistanceMpc: ds, z: zs } = fx.zAtLuminosityDistance;
  ds.forEach((d: number, i: number) => {
    const z = planck15.redshiftAtLuminosityDistance(d);
    assert.ok(relErr(z, zs[i]) < 2e-8, `d=${d}: ${z} vs ${zs[i]}`);
    assert.ok(relErr(planck15.luminosityDistance(z), d) < 1e-13);
  });
  assert.equal(planck15.redshiftAtLuminosityDistance(0), 0);
  assert.throws(() => planck15.redshiftAtLuminosityDistance(-1), /dMpc must be finite and >= 0/);
});

test('redshiftAtComovingDistance inverts D_C; D_L derivative matches a central difference (1e-8)', () => {
  for (const z of [0.01, 0.3, 1.7, 4.2]) {
    const dc = planck15.comovingDistance(z);
    assert.ok(relErr(planck15.redshiftAtComovingDistance(dc), z) < 1e-12);
    const h = 1e-5;
    const fd = (planck15.luminosityDistance(z + h) - planck15.luminosityDistance(z - h)) / (2 * h);
    assert.ok(relErr(planck15.luminosityDistanceDerivative(z), fd) < 1e-8);
  }
});

test('astrophysical volume V0 = ∫ dVc/dz/(1+z) dz · Ω matches astropy+scipy.quad to 1e-11', () => {
  for (const c of fx.astrophysicalVolume) {
    const v = planck15.astrophysicalVolume(c.zMin, c.zMax, c.decRange ?? undefined);
    if (c.volumeMpc3 === 0) assert.equal(v, 0);
    else assert.ok(relErr(v, c.volumeMpc3) < 1e-11, `${JSON.stringify(c)}: ${v}`);
  }
  for (const c of fx.comovingVolumeIntegral) {
    assert.ok(relErr(planck15.differentialComovingVolumeIntegral(c.zMin, c.zMax), c.integralMpc3PerSr) < 1e-11);
  }
});

test('aframe test_cosmology assertions: zero width → 0, dec (0,0) → 0, full sky = 2 × north, volume_element(0) = 0', () => {
  assert.equal(planck15.volumeElement(0), 0);
  assert.equal(planck15.astrophysicalVolume(0.3, 0.3), 0);
  assert.equal(planck15.astrophysicalVolume(0, 1, [0, 0]), 0);
  const full = planck15.astrophysicalVolume(0, 1);
  const north = planck15.astrophysicalVolume(0, 1, [0, Math.PI / 2]);
  assert.ok(relErr(full, 2 * north) < 1e-14);
  // Total comoving volume is the integral of dVc/dz over the sphere (independent check, 1e-12).
  assert.ok(relErr(planck15.comovingVolume(1), 4 * Math.PI * planck15.differentialComovingVolumeIntegral(0, 1)) < 1e-12);
});

test('input validation: negative z, bad dec range, bad parameters', () => {
  assert.throws(() => planck15.luminosityDistance(-0.1), /redshift z must be finite in \[0, 1e4\]/);
  assert.throws(() => planck15.astrophysicalVolume(1, 0.5), /zMax \(0.5\) must be >= zMin/);
  assert.throws(() => planck15.astrophysicalVolume(0, 1, [0, 2]), /decRange/);
  assert.throws(() => new FlatLambdaCDM({ name: 'x', H0: -1, Om0: 0.3, Tcmb0: 0, Neff: 3.046, mNuEv: [] }), /H0 must be > 0/);
  assert.throws(() => new FlatLambdaCDM({ name: 'x', H0: 70, Om0: 0.3, Tcmb0: 2.7, Neff: 3.046, mNuEv: [0.06] }), /mNuEv must have floor\(Neff\) = 3/);
});

test('without radiation, D_C matches the closed-form Einstein–de Sitter limit (Ω_m = 1): 2 D_H (1 − 1/√(1+z))', () => {
  const eds = new FlatLambdaCDM({ name: 'EdS', H0: 70, Om0: 1, Tcmb0: 0, Neff: 0, mNuEv: [] });
  for (const z of [0.1, 1, 3, 10]) {
    const exact = 2 * eds.hubbleDistanceMpc * (1 - 1 / Math.sqrt(1 + z));
    assert.ok(relErr(eds.comovingDistance(z), exact) < 1e-13, `z=${z}`);
  }
});
