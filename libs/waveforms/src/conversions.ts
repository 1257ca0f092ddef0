/**
 * Parameter conversions (aframe-reference §10.9):
 * - chirp mass / mass ratio <-> component masses,
 * - bilby-style precessing-spin angles <-> LAL Cartesian spins at f_ref
 *   (XLALSimInspiralTransformPrecessingNewInitialConditions and its inverse
 *   XLALSimInspiralTransformPrecessingWvf2PE, LALSimInspiral.c),
 * - source <-> detector frame masses.
 */
import { MTSUN_SI } from './constants.ts';

function requireFinite(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new Error(`${name} must be a finite number, got ${v}`);
}
function requirePositive(name: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new Error(`${name} must be a finite number > 0, got ${v}`);
}

/** Component masses (same unit as the chirp mass, usually M_sun); mass1 >= mass2 when q <= 1. */
export interface ComponentMasses {
  mass1: number;
  mass2: number;
}

/**
 * (chirp mass Mc, mass ratio q = m2/m1) -> (m1, m2):
 * M = Mc (1+q)^{6/5} / q^{3/5}, m1 = M/(1+q), m2 = q m1 (bilby / ml4gw convention).
 */
export function chirpMassMassRatioToComponents(chirpMass: number, massRatio: number): ComponentMasses {
  requirePositive('chirpMass', chirpMass);
  requirePositive('massRatio', massRatio);
  const total = (chirpMass * Math.pow(1 + massRatio, 1.2)) / Math.pow(massRatio, 0.6);
  const mass1 = total / (1 + massRatio);
  return { mass1, mass2: massRatio * mass1 };
}

/** (m1, m2) -> (chirp mass (m1 m2)^{3/5} / (m1+m2)^{1/5}, mass ratio q = m2/m1). */
export function componentsToChirpMassMassRatio(
  mass1: number,
  mass2: number,
): { chirpMass: number; massRatio: number } {
  requirePositive('mass1', mass1);
  requirePositive('mass2', mass2);
  const chirpMass = Math.pow(mass1 * mass2, 0.6) / Math.pow(mass1 + mass2, 0.2);
  return { chirpMass, massRatio: mass2 / mass1 };
}

/** Symmetric mass ratio eta = m1 m2 / (m1+m2)^2. */
export function symmetricMassRatio(mass1: number, mass2: number): number {
  const m = mass1 + mass2;
  return (mass1 * mass2) / (m * m);
}

/** Detector-frame mass from source-frame mass: m_det = m_src (1 + z). */
export function sourceToDetectorFrame(massSource: number, redshift: number): number {
  requireFinite('massSource', massSource);
  if (!(redshift > -1)) throw new Error(`redshift must be > -1, got ${redshift}`);
  return massSource * (1 + redshift);
}

/** Source-frame mass from detector-frame mass: m_src = m_det / (1 + z). */
export function detectorToSourceFrame(massDetector: number, redshift: number): number {
  requireFinite('massDetector', massDetector);
  if (!(redshift > -1)) throw new Error(`redshift must be > -1, got ${redshift}`);
  return massDetector / (1 + redshift);
}

/** bilby / LALInference precessing-spin parametrisation (angles in rad, a_i in [0, 1]). */
export interface BilbySpinParameters {
  thetaJn: number;
  phiJl: number;
  tilt1: number;
  tilt2: number;
  phi12: number;
  a1: number;
  a2: number;
  /** Component masses in M_sun (only their ratio and total enter, via |L|). */
  mass1: number;
  mass2: number;
  /** Reference GW frequency, Hz (> 0). */
  fRef: number;
  /** Reference orbital phase, rad. */
  phase: number;
}

/** LAL source-frame parameters: inclination of L_N to the line of sight and Cartesian dimensionless spins. */
export interface LalSpinParameters {
  inclination: number;
  spin1x: number;
  spin1y: number;
  spin1z: number;
  spin2x: number;
  spin2y: number;
  spin2z: number;
}

/**
 * Newtonian orbital angular momentum with 1PN correction, in M_sun^2 units:
 * |L| = M^2 eta / v0 (1 + v0^2 (3/2 + eta/6)), v0 = (pi M f_ref)^{1/3}  (XLALSimInspiralLN, L_2PN).
 */
function orbitalAngularMomentum(mass1: number, mass2: number, fRef: number): number {
  const m = mass1 + mass2;
  const eta = (mass1 * mass2) / (m * m);
  const v0 = Math.cbrt(m * MTSUN_SI * Math.PI * fRef);
  return ((m * m * eta) / v0) * (1 + v0 * v0 * (1.5 + eta / 6));
}

/**
 * bilby (theta_jn, phi_jl, tilt_1, tilt_2, phi_12, a_1, a_2, m1, m2, f_ref, phase)
 * -> LAL (inclination, spin1x..spin2z). Port of XLALSimInspiralTransformPrecessingNewInitialConditions:
 * build L, S1, S2 in the L = z frame, rotate J onto z, place L at azimuth phi_JL about J,
 * read off the inclination from N = (0, sin theta_JN, cos theta_JN), rotate back to L = z
 * and finally by pi/2 - phi_N - phase about z so that x points along the separation at f_ref.
 */
export function bilbyToLalSpins(p: BilbySpinParameters): LalSpinParameters {
  if (!(p.fRef > 0)) throw new Error(`fRef must be > 0 Hz (pass f_min instead of 0), got ${p.fRef}`);
  if (!(p.a1 >= 0 && p.a1 <= 1)) throw new Error(`a1 must be in [0, 1], got ${p.a1}`);
  if (!(p.a2 >= 0 && p.a2 <= 1)) throw new Error(`a2 must be in [0, 1], got ${p.a2}`);
  requirePositive('mass1', p.mass1);
  requirePositive('mass2', p.mass2);
  for (const k of ['thetaJn', 'phiJl', 'tilt1', 'tilt2', 'phi12', 'phase'] as const) requireFinite(k, p[k]);

  const { mass1: m1, mass2: m2, phase } = p;
  // Unit spins in the L = z frame; x is the separation at phase 0.
  let s1x = Math.sin(p.tilt1) * Math.cos(phase);
  let s1y = Math.sin(p.tilt1) * Math.sin(phase);
  let s1z = Math.cos(p.tilt1);
  let s2x = Math.sin(p.tilt2) * Math.cos(p.phi12 + phase);
  let s2y = Math.sin(p.tilt2) * Math.sin(p.phi12 + phase);
  let s2z = Math.cos(p.tilt2);

  const lMag = orbitalAngularMomentum(m1, m2, p.fRef);
  const c1 = m1 * m1 * p.a1;
  const c2 = m2 * m2 * p.a2;
  const jx = c1 * s1x + c2 * s2x;
  const jy = c1 * s1y + c2 * s2y;
  const jz = lMag + c1 * s1z + c2 * s2z;
  const jNorm = Math.sqrt(jx * jx + jy * jy + jz * jz);
  const theta0 = Math.acos(jz / jNorm);
  const phi0 = Math.atan2(jy / jNorm, jx / jNorm);

  let lx = 0;
  let ly = 0;
  let lz = 1;
  // Rotation 1: about z by -phi0 (J into the x-z plane).
  [s1x, s1y] = rotZ(-phi0, s1x, s1y);
  [s2x, s2y] = rotZ(-phi0, s2x, s2y);
  // Rotation 2: about y by -theta0 (J onto z).
  [lx, lz] = rotY(-theta0, lx, lz);
  [s1x, s1z] = rotY(-theta0, s1x, s1z);
  [s2x, s2z] = rotY(-theta0, s2x, s2z);
  // Rotation 3: about z by phiJL - pi (L at azimuth phiJL about J).
  [lx, ly] = rotZ(p.phiJl - Math.PI, lx, ly);
  [s1x, s1y] = rotZ(p.phiJl - Math.PI, s1x, s1y);
  [s2x, s2y] = rotZ(p.phiJl - Math.PI, s2x, s2y);

  let nx = 0;
  let ny = Math.sin(p.thetaJn);
  let nz = Math.cos(p.thetaJn);
  const inclination = Math.acos(nx * lx + ny * ly + nz * lz);

  // Rotations 4-5: bring L back onto z.
  const thetaLJ = Math.acos(lz);
  const phiL = Math.atan2(ly, lx);
  [s1x, s1y] = rotZ(-phiL, s1x, s1y);
  [s2x, s2y] = rotZ(-phiL, s2x, s2y);
  [nx, ny] = rotZ(-phiL, nx, ny);
  [s1x, s1z] = rotY(-thetaLJ, s1x, s1z);
  [s2x, s2z] = rotY(-thetaLJ, s2x, s2z);
  [nx, nz] = rotY(-thetaLJ, nx, nz);
  // Rotation 6: N into the y-z plane, spins relative to the separation at f_ref.
  const phiN = Math.atan2(ny, nx);
  const a6 = Math.PI / 2 - phiN - phase;
  [s1x, s1y] = rotZ(a6, s1x, s1y);
  [s2x, s2y] = rotZ(a6, s2x, s2y);

  return {
    inclination,
    spin1x: s1x * p.a1,
    spin1y: s1y * p.a1,
    spin1z: s1z * p.a1,
    spin2x: s2x * p.a2,
    spin2y: s2y * p.a2,
    spin2z: s2z * p.a2,
  };
}

/** bilby angles recovered from LAL parameters (output of {@link lalToBilbySpins}). */
export interface BilbySpinAngles {
  thetaJn: number;
  phiJl: number;
  tilt1: number;
  tilt2: number;
  phi12: number;
  a1: number;
  a2: number;
}

/**
 * Inverse of {@link bilbyToLalSpins}: port of XLALSimInspiralTransformPrecessingWvf2PE.
 * phi12 and phiJl are returned in [0, 2pi).
 */
export function lalToBilbySpins(
  p: LalSpinParameters & { mass1: number; mass2: number; fRef: number; phase: number },
): BilbySpinAngles {
  if (!(p.fRef > 0)) throw new Error(`fRef must be > 0 Hz, got ${p.fRef}`);
  requirePositive('mass1', p.mass1);
  requirePositive('mass2', p.mass2);
  const a1 = Math.hypot(p.spin1x, p.spin1y, p.spin1z);
  const a2 = Math.hypot(p.spin2x, p.spin2y, p.spin2z);
  const u1 = a1 > 0 ? [p.spin1x / a1, p.spin1y / a1, p.spin1z / a1] : [0, 0, 0];
  const u2 = a2 > 0 ? [p.spin2x / a2, p.spin2y / a2, p.spin2z / a2] : [0, 0, 0];
  let phi12 = Math.atan2(u2[1], u2[0]) - Math.atan2(u1[1], u1[0]);
  if (phi12 < 0) phi12 += 2 * Math.PI;
  const tilt1 = Math.acos(u1[2]);
  const tilt2 = Math.acos(u2[2]);

  const { mass1: m1, mass2: m2 } = p;
  const lMag = orbitalAngularMomentum(m1, m2, p.fRef);
  const jx = m1 * m1 * p.spin1x + m2 * m2 * p.spin2x;
  const jy = m1 * m1 * p.spin1y + m2 * m2 * p.spin2y;
  const jz = lMag + m1 * m1 * p.spin1z + m2 * m2 * p.spin2z;
  const jNorm = Math.sqrt(jx * jx + jy * jy + jz * jz);
  const jhx = jx / jNorm;
  const jhy = jy / jNorm;
  const jhz = jz / jNorm;
  const thetaJL = Math.acos(jhz);
  const phiJ = Math.atan2(jhy, jhx);

  const phiO = 0.5 * Math.PI - p.phase;
  let nx = Math.sin(p.inclination) * Math.cos(phiO);
  let ny = Math.sin(p.inclination) * Math.sin(phiO);
  let nz = Math.cos(p.inclination);
  const thetaJn = Math.acos(jhx * nx + jhy * ny + jhz * nz);

  let lx = 0;
  let ly = 0;
  let lz = 1;
  [nx, ny] = rotZ(-phiJ, nx, ny);
  [nx, nz] = rotY(-thetaJL, nx, nz);
  [lx, ly] = rotZ(-phiJ, lx, ly);
  [lx, lz] = rotY(-thetaJL, lx, lz);
  const phiN = Math.atan2(ny, nx);
  [lx, ly] = rotZ(0.5 * Math.PI - phiN, lx, ly);
  let phiJl = Math.atan2(ly, lx);
  if (phiJl < 0) phiJl += 2 * Math.PI;
  void lz;
  return { thetaJn, phiJl, tilt1, tilt2, phi12, a1, a2 };
}

/** Rotation about z by angle a: (x cos a - y sin a, x sin a + y cos a). */
function rotZ(a: number, x: number, y: number): [number, number] {
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [x * c - y * s, x * s + y * c];
}

/** Rotation about y by angle a acting on (x, z): (x cos a + z sin a, -x sin a + z cos a). */
function rotY(a: number, x: number, z: number): [number, number] {
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [x * c + z * s, -x * s + z * c];
}
