// Precession ingredients of IMRPhenomPv2 (Hannam et al. 2014, arXiv:1308.3271; Schmidt et al.
// 2015, arXiv:1408.1810; LALSimIMRPhenomP.c): the 2PN orbital angular momentum, the NNLO PN
// Euler angles alpha(omega), epsilon(omega), the opening angle beta between J and L, and the
// final-spin estimate with all in-plane spin on the larger black hole.

import { phenomDFinalSpin } from '../phenom-d/internals.ts';

/**
 * Non-spinning 2PN orbital angular momentum |L|/M^2 as a function of v = (pi M f)^(1/3)
 * (Bohe et al. 2013, arXiv:1212.5520 Eq. 4.7, first line).
 */
export function l2pnOrbitalAngularMomentum(v: number, eta: number): number {
  const x = v * v;
  return (eta * (1.0 + (1.5 + eta / 6.0) * x + (3.375 - (19.0 * eta) / 8 - (eta * eta) / 24.0) * x * x)) / Math.sqrt(x);
}

/**
 * Coefficients of alpha(omega) and epsilon(omega) = c1/omega + c2 omega^(-2/3) + c3 omega^(-1/3)
 * + c4 log(omega) + c5 omega^(1/3), omega = pi M f (NNLO, single-spin, Hannam et al. 2014 App. A).
 * Stored as [alpha c1..c5, epsilon c1..c5].
 */
export function nnloAngleCoefficients(
  q: number /* m2/m1 >= 1 */,
  chil: number /* aligned spin of the larger BH */,
  chip: number,
): Float64Array {
  const m2 = q / (1 + q);
  const m1 = 1 / (1 + q);
  const dm = m1 - m2;
  const eta = m1 * m2;
  const eta2 = eta * eta;
  const eta3 = eta2 * eta;
  const eta4 = eta3 * eta;
  const chil2 = chil * chil;
  const chip2 = chip * chip;
  const chip4 = chip2 * chip2;
  const dm2 = dm * dm;
  const dm3 = dm2 * dm;
  const m2p2 = m2 * m2;
  const m2p3 = m2p2 * m2;
  const m2p4 = m2p3 * m2;
  const m2p5 = m2p4 * m2;
  const m2p6 = m2p5 * m2;
  const m2p7 = m2p6 * m2;
  const m2p8 = m2p7 * m2;
  const pi = Math.PI;

  const c1 = -0.18229166666666666 - (5 * dm) / (64 * m2);
  const c2 = (-15 * dm * m2 * chil) / (128 * eta) - (35 * m2p2 * chil) / (128 * eta);
  // Terms shared by alpha and epsilon at omega^(-1/3), log(omega) and omega^(1/3).
  const c3Common = -1.7952473958333333 - (4555 * dm) / (7168 * m2) - (515 * eta) / 384 - (15 * dm2 * eta) / (256 * m2p2) - (175 * dm * eta) / (256 * m2);
  const c4Common =
    -(35 * pi) / 48 -
    (5 * dm * pi) / (16 * m2) +
    (5 * dm2 * chil) / 16 +
    (5 * dm * m2 * chil) / 3 +
    (2545 * m2p2 * chil) / 1152 +
    (2035 * dm * m2 * chil) / (21504 * eta) +
    (2995 * m2p2 * chil) / (9216 * eta);
  const c5Common =
    4.318908476114694 +
    (27895885 * dm) / (2.1676032e7 * m2) +
    (39695 * eta) / 86016 +
    (1615 * dm2 * eta) / (28672 * m2p2) -
    (265 * dm * eta) / (14336 * m2) +
    (955 * eta2) / 576 +
    (15 * dm3 * eta2) / (1024 * m2p3) +
    (35 * dm2 * eta2) / (256 * m2p2) +
    (2725 * dm * eta2) / (3072 * m2) -
    (15 * dm * m2 * pi * chil) / (16 * eta) -
    (35 * m2p2 * pi * chil) / (16 * eta) +
    (375 * dm2 * m2p2 * chil2) / (256 * eta) +
    (1815 * dm * m2p3 * chil2) / (256 * eta) +
    (1645 * m2p4 * chil2) / (192 * eta);

  const a3 = c3Common - (15 * chip2 * dm * m2p3) / (128 * eta2) - (35 * chip2 * m2p4) / (128 * eta2);
  const a4 = c4Common - (5 * chip2 * dm * m2p5 * chil) / (128 * eta3) - (35 * chip2 * m2p6 * chil) / (384 * eta3);
  const a5 =
    c5Common -
    (15 * chip4 * dm * m2p7) / (512 * eta4) -
    (35 * chip4 * m2p8) / (512 * eta4) -
    (485 * chip2 * dm * m2p3) / (14336 * eta2) +
    (475 * chip2 * m2p4) / (6144 * eta2) +
    (15 * chip2 * dm2 * m2p2) / (256 * eta) +
    (145 * chip2 * dm * m2p3) / (512 * eta) +
    (575 * chip2 * m2p4) / (1536 * eta) +
    (15 * chip2 * dm * m2p7 * chil2) / (128 * eta4) +
    (35 * chip2 * m2p8 * chil2) / (128 * eta4);

  return Float64Array.of(c1, c2, a3, a4, a5, c1, c2, c3Common, c4Common, c5Common);
}

/** Evaluate c1/omega + c2 omega^(-2/3) + c3 omega^(-1/3) + c4 log(omega) + c5 omega^(1/3). */
export function evalNnloAngle(coeffs: Float64Array, offset: number, omega: number): number {
  const cb = Math.cbrt(omega);
  return (
    coeffs[offset]! / omega +
    coeffs[offset + 1]! / (cb * cb) +
    coeffs[offset + 2]! / cb +
    coeffs[offset + 3]! * Math.log(omega) +
    coeffs[offset + 4]! * cb
  );
}

/**
 * cos(beta/2) from cos(beta) = 1/sqrt(1 + s^2), s = S_perp / (L + S_L) (the sign of L + S_L is
 * ignored, as in LAL); sin(beta/2) = sqrt((1 - cos beta)/2).
 */
export function cosBetaFromSpins(v: number, sL: number, eta: number, sPerp: number): number {
  const s = sPerp / (l2pnOrbitalAngularMomentum(v, eta) + sL);
  return 1.0 / Math.sqrt(1.0 + s * s);
}

/**
 * If x is within relative accuracy `eps` of target (gsl_fcmp semantics), return target.
 * LAL's nudge(), used to pin eta to 0.25 and q to 1 for equal masses.
 */
export function nudge(x: number, target: number, eps: number): number {
  if (target === 0) return Math.abs(x) < eps ? 0 : x;
  // gsl_fcmp: delta = eps * 2^exponent(max(|x|,|target|)), equal if |x - target| <= delta.
  const maxAbs = Math.max(Math.abs(x), Math.abs(target));
  const exponent = Math.floor(Math.log2(maxAbs)) + 1; // frexp exponent
  const delta = eps * 2 ** exponent;
  return Math.abs(x - target) <= delta ? target : x;
}

/**
 * Pv2 final spin: PhenomD's aligned-spin fit combined in quadrature with the in-plane spin
 * chi_p put on the larger BH (FinalSpinIMRPhenomD_all_in_plane_spin_on_larger_BH).
 */
export function finalSpinPv2(m1: number, m2: number, chi1L: number, chi2L: number, chip: number): number {
  const M = m1 + m2;
  let eta = (m1 * m2) / (M * M);
  if (eta > 0.25) eta = nudge(eta, 0.25, 1e-6);
  let qFactor: number;
  let afParallel: number;
  if (m1 >= m2) {
    qFactor = m1 / M;
    afParallel = phenomDFinalSpin(eta, chi1L, chi2L);
  } else {
    qFactor = m2 / M;
    afParallel = phenomDFinalSpin(eta, chi2L, chi1L);
  }
  const sPerp = chip * qFactor * qFactor;
  return (afParallel < 0 || Object.is(afParallel, -0) ? -1 : 1) * Math.sqrt(sPerp * sPerp + afParallel * afParallel);
}

/**
 * Maximum opening angle check (LAL's CheckMaxOpeningAngle). Returns a warning text or null.
 * Masses in any common unit; m2 is the larger body in Pv2's internal ordering.
 */
export function openingAngleWarning(m1: number, m2: number, chi1L: number, chi2L: number, chip: number): string | null {
  const M = m1 + m2;
  const m1n = m1 / M;
  const m2n = m2 / M;
  const eta = m1n * m2n;
  const vAtMaxBeta = Math.sqrt((2 * (9 + eta - Math.sqrt(1539 - 1008 * eta - 17 * eta * eta))) / 3 / (eta * eta + 57 * eta - 81));
  const sL = m1n * m1n * chi1L + m2n * m2n * chi2L;
  const sPerp = m2n * m2n * chip;
  const cosBeta = cosBetaFromSpins(vAtMaxBeta, sL, eta, sPerp);
  const cBetaHalf = Math.sqrt((1 + cosBeta) / 2);
  const lMin = l2pnOrbitalAngularMomentum(vAtMaxBeta, eta);
  const maxBeta = 2 * Math.acos(cBetaHalf);
  if (lMin + sL < 0 && chip > 0) return 'IMRPhenomPv2: the maximum opening angle exceeds pi/2; the model may be pathological in this regime';
  if (maxBeta > Math.PI / 4) return `IMRPhenomPv2: the maximum opening angle ${maxBeta.toPrecision(4)} rad is larger than pi/4; the model has not been tested against NR in this regime`;
  return null;
}
