// Map LAL source-frame parameters (L_N along z, separation along x at f_ref) to the
// IMRPhenomPv2 model parameters: aligned spins, effective precession spin chi_p, the angle
// thetaJN between J and the line of sight, the initial precession angle alpha0, the phase fed
// to the aligned-spin model and the polarisation-frame rotation zeta.
// Follows XLALSimIMRPhenomPCalculateModelParametersFromSourceFrame (LALSimIMRPhenomP.c) and
// T1500606-v6 Eq. (35); see Fig. 1 of arXiv:1408.1810 for the angles.

import { MTSUN_SI } from '../constants.ts';
import { l2pnOrbitalAngularMomentum } from './precession.ts';

/** Below this both components of a 2-vector count as zero for atan2 (LAL's MAX_TOL_ATAN). */
const ATAN_TOLERANCE = 1e-15;

export interface PhenomPModelParams {
  /** Dimensionless aligned spin of body 1 (component along L_N). */
  chi1L: number;
  /** Dimensionless aligned spin of body 2. */
  chi2L: number;
  /** Effective in-plane spin chi_p (Schmidt et al. 2015, Eq. 3.4). */
  chiP: number;
  /** Angle between J(f_ref) and the line of sight N, rad. */
  thetaJN: number;
  /** Azimuth of L_N about J at f_ref in the J frame, rad. */
  alpha0: number;
  /** Orbital phase handed to the aligned-spin model, rad. */
  phiAligned: number;
  /** Rotation between PhenomP's (P,Q) polarisation triad and LAL's wave frame, rad. */
  zetaPolariz: number;
}

function atan2Tol(y: number, x: number): number {
  return Math.abs(y) < ATAN_TOLERANCE && Math.abs(x) < ATAN_TOLERANCE ? 0 : Math.atan2(y, x);
}

/**
 * Source frame -> IMRPhenomPv2 model parameters.
 * Masses in solar masses (detector frame), f_ref in Hz, angles in rad, spins dimensionless.
 * Bodies are NOT reordered here (LAL does that later, inside the waveform core).
 */
export function phenomPv2ModelParamsFromSourceFrame(
  mass1Solar: number,
  mass2Solar: number,
  fRefHz: number,
  phiRefRad: number,
  inclinationRad: number,
  s1x: number,
  s1y: number,
  s1z: number,
  s2x: number,
  s2y: number,
  s2z: number,
): PhenomPModelParams {
  const m1 = mass1Solar;
  const m2 = mass2Solar;
  const M = m1 + m2;
  const m1Sq = m1 * m1;
  const m2Sq = m2 * m2;
  const eta = (m1 * m2) / (M * M);

  // chi_p = max(A1 S1perp, A2 S2perp) / (A_i m_i^2), i the heavier body.
  const s1Perp = m1Sq * Math.sqrt(s1x * s1x + s1y * s1y);
  const s2Perp = m2Sq * Math.sqrt(s2x * s2x + s2y * s2y);
  const a1 = 2 + (3 * m2) / (2 * m1);
  const a2 = 2 + (3 * m1) / (2 * m2);
  const aSp1 = a1 * s1Perp;
  const aSp2 = a2 * s2Perp;
  const num = aSp2 > aSp1 ? aSp2 : aSp1;
  const den = m2 > m1 ? a2 * m2Sq : a1 * m1Sq;
  const chiP = num / den;

  // Orbital angular momentum at f_ref (2PN, non-spinning; Bohe et al. 2013 Eq. 4.7).
  const vRef = Math.cbrt(Math.PI * M * MTSUN_SI * fRefHz);
  const L0 = M * M * l2pnOrbitalAngularMomentum(vRef, eta);

  const jx = m1Sq * s1x + m2Sq * s2x;
  const jy = m1Sq * s1y + m2Sq * s2y;
  const jz = L0 + m1Sq * s1z + m2Sq * s2z;
  const jNorm = Math.sqrt(jx * jx + jy * jy + jz * jz);
  const thetaJsf = jNorm < 1e-10 ? 0 : Math.acos(jz / jNorm);
  const phiJsf =
    Math.abs(jx) < ATAN_TOLERANCE && Math.abs(jy) < ATAN_TOLERANCE
      ? Math.PI / 2 - phiRefRad // aligned-spin limit
      : Math.atan2(jy, jx);
  const phiAligned = -phiJsf;

  // Rotation source frame -> J frame: R = Rz(kappa) . Ry(-thetaJ) . Rz(-phiJ).
  const cPhi = Math.cos(-phiJsf);
  const sPhi = Math.sin(-phiJsf);
  const cTh = Math.cos(-thetaJsf);
  const sTh = Math.sin(-thetaJsf);
  const rotToJ = (v: [number, number, number]): [number, number, number] => {
    const x1 = v[0] * cPhi - v[1] * sPhi;
    const y1 = v[0] * sPhi + v[1] * cPhi;
    const z1 = v[2];
    const x2 = x1 * cTh + z1 * sTh;
    const z2 = -x1 * sTh + z1 * cTh;
    return [x2, y1, z2];
  };
  const rotZ = (a: number, v: [number, number, number]): [number, number, number] => {
    const c = Math.cos(a);
    const s = Math.sin(a);
    return [v[0] * c - v[1] * s, v[0] * s + v[1] * c, v[2]];
  };

  // Line of sight in the source frame: spherical angles (incl, pi/2 - phiRef).
  const nSf: [number, number, number] = [
    Math.sin(inclinationRad) * Math.cos(Math.PI / 2 - phiRefRad),
    Math.sin(inclinationRad) * Math.sin(Math.PI / 2 - phiRefRad),
    Math.cos(inclinationRad),
  ];
  const nTmp = rotToJ(nSf);
  const kappa = -atan2Tol(nTmp[1], nTmp[0]);

  const lJ = rotZ(kappa, rotToJ([0, 0, 1]));
  const alpha0 =
    Math.abs(lJ[0]) < ATAN_TOLERANCE && Math.abs(lJ[1]) < ATAN_TOLERANCE ? Math.PI : Math.atan2(lJ[1], lJ[0]);

  const nJ = rotZ(kappa, nTmp);
  const thetaJN = Math.acos(nJ[2]);

  // Polarisation triads: LAL's X (T1500606 Eq. 35, Omega = pi/2) vs Arun et al.'s P = N x J / |N x J|.
  const xJ = rotZ(
    kappa,
    rotToJ([-Math.cos(inclinationRad) * Math.sin(phiRefRad), -Math.cos(inclinationRad) * Math.cos(phiRefRad), Math.sin(inclinationRad)]),
  );
  const xDotP = -xJ[1]; // P = (0, -1, 0)
  const xDotQ = xJ[0] * nJ[2] - xJ[2] * nJ[0]; // Q = N x P = (Nz, 0, -Nx)
  const zetaPolariz = Math.atan2(xDotQ, xDotP);

  return { chi1L: s1z, chi2L: s2z, chiP, thetaJN, alpha0, phiAligned, zetaPolariz };
}
