/**
 * TaylorF2 (SPA) phasing coefficients, XLALSimInspiralPNPhasing_F2 of LALSimInspiralPNCoefficients.c
 * with LAL's defaults (all spin orders, quadrupole-monopole parameter 1 (black holes), no tides).
 * Non-spinning terms: Buonanno et al. 2009 (arXiv:0907.0700) Eq. 3.18; spin-orbit: arXiv:1303.7412;
 * spin-spin: arXiv:0810.5336 Eq. 6.24 and arXiv:astro-ph/0504538.
 *
 * The SPA phase is  Psi(v) = (1/v^5) * sum_k (v[k] + vlogv[k] ln v) v^k,  v = (pi M f)^{1/3},
 * with every coefficient already multiplied by the Newtonian factor 3/(128 eta).
 */
import { GAMMA, PI } from './constants.ts';

/** PN phasing series up to 3.5PN (index = power of v). */
export interface PNPhasing {
  /** v[0..7] */
  v: Float64Array;
  /** vlogv[0..7] (only 5 and 6 are non-zero) */
  vlogv: Float64Array;
}

/**
 * Aligned-spin TaylorF2 phasing coefficients for masses m1, m2 (any unit; only ratios enter)
 * and aligned dimensionless spins chi1, chi2 (along L_N). Body labels are kept as given.
 */
export function taylorF2Phasing(m1: number, m2: number, chi1: number, chi2: number): PNPhasing {
  const mtot = m1 + m2;
  const eta = (m1 * m2) / mtot / mtot;
  const m1M = m1 / mtot;
  const m2M = m2 / mtot;
  const pfaN = 3 / (128 * eta);
  const v = new Float64Array(8);
  const vlogv = new Float64Array(8);

  v[0] = 1;
  v[1] = 0;
  v[2] = (5 * (74.3 / 8.4 + 11 * eta)) / 9;
  v[3] = -16 * PI;
  v[4] = (5 * (3058.673 / 7.056 + (5429 / 7) * eta + 617 * eta * eta)) / 72;
  v[5] = (5 / 9) * (772.9 / 8.4 - 13 * eta) * PI;
  vlogv[5] = (5 / 3) * (772.9 / 8.4 - 13 * eta) * PI;
  const log6 = -684.8 / 2.1;
  v[6] =
    11583.231236531 / 4.69421568 -
    (640 / 3) * PI * PI -
    (684.8 / 2.1) * GAMMA +
    eta * (-15737.765635 / 3.048192 + (225.5 / 1.2) * PI * PI) +
    (eta * eta * 76.055) / 1.728 -
    (eta * eta * eta * 127.825) / 1.296 +
    log6 * Math.log(4);
  vlogv[6] = log6;
  v[7] = PI * (770.96675 / 2.54016 + (378.515 / 1.512) * eta - (740.45 / 7.56) * eta * eta);

  const chi1sq = chi1 * chi1;
  const chi2sq = chi2 * chi2;
  const chi1dotchi2 = chi1 * chi2;
  // 3.5PN spin-orbit
  v[7] += so7(m1M) * chi1 + so7(m2M) * chi2;
  // 3PN spin-orbit, spin-spin, quadrupole-monopole (qm = 1) and self-spin
  v[6] +=
    so6(m1M) * chi1 +
    so6(m2M) * chi2 +
    (326.75 / 1.12 + (557.5 / 1.8) * eta) * eta * chi1 * chi2 +
    (qm6(m1M) + self6(m1M)) * chi1sq +
    (qm6(m2M) + self6(m2M)) * chi2sq;
  // 2.5PN spin-orbit (also in the log term)
  const so5 = so5Coeff(m1M) * chi1 + so5Coeff(m2M) * chi2;
  v[5] += so5;
  vlogv[5] += 3 * so5;
  // 2PN spin-spin, quadrupole-monopole and self-spin (aligned: chi_iL^2 = chi_i^2)
  v[4] +=
    ((247 / 4.8) * eta) * chi1dotchi2 +
    ((-721 / 4.8) * eta) * chi1 * chi2 +
    ((-720 / 9.6) * m1M * m1M + (1 / 9.6) * m1M * m1M) * chi1 * chi1 +
    ((-720 / 9.6) * m2M * m2M + (1 / 9.6) * m2M * m2M) * chi2 * chi2 +
    ((240 / 9.6) * m1M * m1M + (-7 / 9.6) * m1M * m1M) * chi1sq +
    ((240 / 9.6) * m2M * m2M + (-7 / 9.6) * m2M * m2M) * chi2sq;
  // 1.5PN spin-orbit
  v[3] += m1M * (25 + (38 / 3) * m1M) * chi1 + m2M * (25 + (38 / 3) * m2M) * chi2;

  for (let k = 0; k < 8; k++) {
    v[k] *= pfaN;
    vlogv[k] *= pfaN;
  }
  return { v, vlogv };
}

function so5Coeff(mByM: number): number {
  return -mByM * (1391.5 / 8.4 - (mByM * (1 - mByM) * 10) / 3 + mByM * (1276 / 8.1 + (mByM * (1 - mByM) * 170) / 9));
}
function so6(mByM: number): number {
  return PI * mByM * (1490 / 3 + mByM * 260);
}
function so7(mByM: number): number {
  const eta = mByM * (1 - mByM);
  return (
    mByM *
    (-17097.8035 / 4.8384 +
      (eta * 28764.25) / 6.72 +
      (eta * eta * 47.35) / 1.44 +
      mByM * (-7189.233785 / 1.524096 + (eta * 458.555) / 3.024 - (eta * eta * 534.5) / 7.2))
  );
}
function self6(mByM: number): number {
  return (-4108.25 / 6.72 - (108.5 / 1.2) * mByM + (125.5 / 3.6) * mByM * mByM) * mByM * mByM;
}
function qm6(mByM: number): number {
  return (4703.5 / 8.4 + (2935 / 6) * mByM - 120 * mByM * mByM) * mByM * mByM;
}
