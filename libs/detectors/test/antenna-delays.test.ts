/**
 * Analytic checks of antenna patterns and delays (independent of LAL's numbers):
 *  - ideal L detector at the pole: F+² + F×² = ¼(1+cos²θ)² cos²2φ + cos²θ sin²2φ (Thorne 1987), 1e-14;
 *  - source at a real detector's zenith: F+² + F×² = 1 up to the arms' non-orthogonality;
 *  - psi rotation: F+² + F×² independent of psi, F(psi + π/2) = −F(psi);
 *  - delays along the vertex direction and along a baseline equal |r|/c and the light travel time (1e-15 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KNOWN_IFOS,
  SPEED_OF_LIGHT_M_S,
  antennaPattern,
  antennaPatternAtGmst,
  antennaPatternsFromPhi,
  detectorGeometry,
  gmst,
  lightTravelTimeS,
  timeDelayBetween,
  timeDelayFromGeocenter,
  timeDelayFromGeocenterAtGmst,
  timeDelaysFromPhi,
  type IfoName,
} from '../src/index.ts';
import { antennaKernel } from '../src/antenna.ts';
import { rng } from './helpers.ts';

type V3 = readonly [number, number, number];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: V3) => Math.sqrt(dot(a, a));
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** (dec, gha) of the Earth-fixed unit direction e: e = (cos δ cos gha, −cos δ sin gha, sin δ). */
function skyOf(e: V3): { dec: number; gha: number } {
  const n = norm(e);
  return { dec: Math.asin(e[2] / n), gha: Math.atan2(-e[1], e[0]) };
}

test('ideal L detector at the pole: F+² + F×² equals the Thorne closed form (1e-14)', () => {
  const d = new Float64Array([0.5, 0, 0, 0, -0.5, 0, 0, 0, 0]); // arms along Earth-fixed x and y
  const p = new Float64Array(1);
  const c = new Float64Array(1);
  const r = rng(7);
  for (let i = 0; i < 200; i++) {
    const theta = Math.acos(2 * r() - 1); // polar angle from the detector zenith (= Earth z)
    const phi = 2 * Math.PI * r(); // azimuth from the x arm
    const psi = Math.PI * r();
    antennaKernel(d, 0, -phi, Math.PI / 2 - theta, psi, p, c, 0);
    const ct = Math.cos(theta);
    const expected = 0.25 * (1 + ct * ct) ** 2 * Math.cos(2 * phi) ** 2 + ct * ct * Math.sin(2 * phi) ** 2;
    assert.ok(Math.abs(p[0] ** 2 + c[0] ** 2 - expected) < 1e-14, `θ=${theta} φ=${phi}`);
  }
  // overhead, psi = 0: |F+| = 1, F× = 0 (LAL's sign convention gives F+ = −cos 2ψ here)
  antennaKernel(d, 0, 0, Math.PI / 2, 0, p, c, 0);
  assert.ok(Math.abs(Math.abs(p[0]) - 1) < 1e-15 && Math.abs(c[0]) < 1e-15, `F+=${p[0]} F×=${c[0]}`);
  antennaKernel(d, 0, 0, Math.PI / 2, Math.PI / 4, p, c, 0);
  assert.ok(Math.abs(p[0]) < 1e-15 && Math.abs(Math.abs(c[0]) - 1) < 1e-15, `psi=π/4: F+=${p[0]} F×=${c[0]}`);
});

test('source at a real detector zenith: F+² + F×² = 1 within the arms’ non-orthogonality and norm error', () => {
  for (const ifo of KNOWN_IFOS) {
    const g = detectorGeometry(ifo);
    const { dec, gha } = skyOf(cross(g.xArm, g.yArm));
    // cos of the opening angle, plus the arms' deviation from unit length (11-digit constants)
    const eps = Math.abs(dot(g.xArm, g.yArm)) + Math.abs(dot(g.xArm, g.xArm) - 1) + Math.abs(dot(g.yArm, g.yArm) - 1);
    for (const psi of [0, 0.3, 1.1, 2.5]) {
      const f = antennaPatternAtGmst(ifo, 0, dec, psi, gha, 'float64');
      const s = f.plus ** 2 + f.cross ** 2;
      assert.ok(Math.abs(s - 1) <= 2 * eps + 1e-12, `${ifo} psi=${psi}: F+²+F×² = ${s}, |x·y| = ${eps}`);
    }
  }
});

test('polarisation angle: F+² + F×² independent of psi, F(psi + π/2) = −F(psi)', () => {
  const r = rng(11);
  for (let i = 0; i < 50; i++) {
    const ifo = KNOWN_IFOS[i % 4];
    const ra = 2 * Math.PI * r();
    const dec = Math.asin(2 * r() - 1);
    const psi = Math.PI * r();
    const gps = 1e9 + 1e8 * r();
    const a = antennaPattern(ifo, ra, dec, psi, gps);
    const b = antennaPattern(ifo, ra, dec, psi + Math.PI / 2, gps);
    const z = antennaPattern(ifo, ra, dec, 0, gps);
    assert.ok(Math.abs(a.plus ** 2 + a.cross ** 2 - (z.plus ** 2 + z.cross ** 2)) < 1e-14);
    assert.ok(Math.abs(a.plus + b.plus) < 1e-14 && Math.abs(a.cross + b.cross) < 1e-14);
  }
});

test('phi convention: antennaPatternsFromPhi(phi = ra − GMST) equals antennaPattern(ra, gps)', () => {
  const gps = 1187008882.43;
  const g = gmst(gps);
  const ra = [0.1, 2.3, 4.5];
  const dec = [-0.4, 0.2, 1.1];
  const psi = [0.3, 2.0, 1.4];
  const ifos: IfoName[] = ['H1', 'L1', 'V1'];
  const b = antennaPatternsFromPhi(ifos, dec, psi, ra.map((x) => x - g));
  for (let k = 0; k < 3; k++) {
    ifos.forEach((ifo, i) => {
      const f = antennaPattern(ifo, ra[k], dec[k], psi[k], gps);
      assert.ok(Math.abs(b.plus[k * 3 + i] - f.plus) < 1e-14 && Math.abs(b.cross[k * 3 + i] - f.cross) < 1e-14);
    });
  }
});

test('delay towards a detector’s own vertex direction is −|r|/c; opposite direction +|r|/c (1e-15 s)', () => {
  for (const ifo of KNOWN_IFOS) {
    const r = detectorGeometry(ifo).vertexM;
    const { dec, gha } = skyOf(r);
    const expected = norm(r) / SPEED_OF_LIGHT_M_S;
    assert.ok(Math.abs(timeDelayFromGeocenterAtGmst(ifo, 0, dec, gha) + expected) < 1e-15, ifo);
    const back = skyOf([-r[0], -r[1], -r[2]]);
    assert.ok(Math.abs(timeDelayFromGeocenterAtGmst(ifo, 0, back.dec, back.gha) - expected) < 1e-15, ifo);
  }
});

test('delay along a baseline equals the light travel time; t1−t2 = delay1 − delay2 (1e-15 s)', () => {
  const gps = 1126259462.4;
  const g = gmst(gps);
  for (const [a, b] of [['H1', 'L1'], ['H1', 'V1'], ['L1', 'K1']] as [IfoName, IfoName][]) {
    const ra = detectorGeometry(a).vertexM;
    const rb = detectorGeometry(b).vertexM;
    const { dec, gha } = skyOf([rb[0] - ra[0], rb[1] - ra[1], rb[2] - ra[2]]); // source beyond b, seen from a
    const raSrc = g - gha;
    const dt = timeDelayBetween(a, b, raSrc, dec, gps);
    assert.ok(Math.abs(dt - lightTravelTimeS(a, b)) < 1e-15, `${a}-${b}: ${dt}`);
    const diff = timeDelayFromGeocenter(a, raSrc, dec, gps) - timeDelayFromGeocenter(b, raSrc, dec, gps);
    assert.ok(Math.abs(dt - diff) < 1e-15);
    assert.ok(Math.abs(timeDelayBetween(b, a, raSrc, dec, gps) + dt) < 1e-18);
  }
});

test('batch delays from phi equal the scalar delays', () => {
  const gps = 1000021541;
  const g = gmst(gps);
  const dec = [0.5, -1.0];
  const ra = [1.0, 5.5];
  const d = timeDelaysFromPhi(['H1', 'V1'], dec, ra.map((x) => x - g));
  for (let k = 0; k < 2; k++) {
    assert.ok(Math.abs(d[2 * k] - timeDelayFromGeocenter('H1', ra[k], dec[k], gps)) < 1e-15);
    assert.ok(Math.abs(d[2 * k + 1] - timeDelayFromGeocenter('V1', ra[k], dec[k], gps)) < 1e-15);
  }
});

test('input guards: unknown detector lists the known ones; NaN angles are rejected', () => {
  assert.throws(() => antennaPattern('G1' as IfoName, 0, 0, 0, 1e9), /ifo: unknown detector "G1"; known detectors are H1, L1, V1, K1/);
  assert.throws(() => timeDelayBetween('H1', 'X' as IfoName, 0, 0, 1e9), /ifo2: unknown detector/);
  assert.throws(() => antennaPattern('H1', Number.NaN, 0, 0, 1e9), /ra: expected a finite number, got NaN/);
  assert.throws(() => timeDelayFromGeocenter('L1', 0, Number.POSITIVE_INFINITY, 1e9), /dec: expected a finite number/);
  assert.throws(() => antennaPatternsFromPhi(['H1'], [0, 1], [0, 0], [0]), /phi: expected length 2/);
  assert.throws(() => antennaPatternsFromPhi(['H1'], [0, Number.NaN], [0, 0], [0, 0]), /dec\[1\]: expected a finite number/);
  assert.throws(() => antennaPatternsFromPhi([], [0], [0], [0]), /ifos: expected at least one detector/);
});
