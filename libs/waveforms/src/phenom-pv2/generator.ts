/**
 * IMRPhenomPv2 frequency-domain generator with the conventions of XLALSimInspiralChooseFDWaveform
 * (IMRPhenomPv2_V, no tides; LALSimIMRPhenomP.c PhenomPCore + the ChooseFD polarisation rotation).
 *
 *  1. Source-frame spins -> (chi1_l, chi2_l, chi_p, thetaJN, alpha0, phi_aligned, zeta).
 *  2. Bodies ordered so that body 2 is the heavier (Pv2's convention, q = m2/m1 >= 1).
 *  3. Co-precessing (2,2) mode: PhenomD amplitude/phase with the Pv2 final spin
 *     sqrt(af_par^2 + (chi_p m2^2/M^2)^2), h_P = M^2 MRSUN MTSUN / d * A(Mf) e^{-i(Phi(Mf) - 2 phi_aligned)}.
 *  4. Twist-up (Hannam et al. 2014 Eq. 1 / LAL PhenomPCoreTwistUp): sum over m of Wigner d^2(-beta)
 *     and -2Y_2m(thetaJN, 0) with the NNLO angles alpha, epsilon (offsets fixed at f_ref, alpha0).
 *  5. Time alignment: t_corr = (1/2pi) d/df[-Phi] at f_RD from a natural cubic spline through 10
 *     points on [0.8 f_RD, min(1.2 f_RD, f_cut)]; both polarisations times e^{-2 pi i f t_corr}.
 *  6. h+' = cos 2zeta h+ + sin 2zeta hx, hx' = cos 2zeta hx - sin 2zeta h+.
 * Output band as LAL: bins floor(fMin/df) .. floor(min(fMax, 0.2/M)/df) - 1, length NextPow2(fMax/df) + 1.
 */
import { MPC_SI, MRSUN_SI, MTSUN_SI, PI } from '../constants.ts';
import type { FDApproximant } from '../approximants.ts';
import { registerApproximant } from '../approximants.ts';
import type { FrequencyGrid } from '../grid.ts';
import { nextPow2 } from '../grid.ts';
import { NaturalCubicSpline } from '../spline.ts';
import { SINCOS, sincos } from '../fast-math.ts';
import type { CbcParams, FDBuffers, FDSettings } from '../types.ts';
import { warnOnce } from '../validation.ts';
import { PHENOMD_AMP_MF_JOIN_INS, PHENOMD_MF_CUT, PHENOMD_PHI_MF_JOIN_INS, phenomDPhase, phenomDSetup } from '../phenom-d/internals.ts';
import type { PhenomDModel } from '../phenom-d/internals.ts';
import { phenomPv2ModelParamsFromSourceFrame } from './source-frame.ts';
import type { PhenomPModelParams } from './source-frame.ts';
import { evalNnloAngle, finalSpinPv2, nnloAngleCoefficients, nudge, openingAngleWarning } from './precession.ts';

const LOG_PI = Math.log(PI);
const PI_THIRD = Math.cbrt(PI);
const PI_M_THIRD = 1 / PI_THIRD;
const SQRT6 = 2.44948974278317788;
/** Number of points of the fixed frequency grid used for the time alignment (LAL n_fixed). */
const N_FIXED = 10;

/** Band [kStart, kEnd) of non-zero bins and the LAL output length for IMRPhenomPv2. */
export function phenomPv2Band(totalMassSolar: number, s: FDSettings): { kStart: number; kEnd: number; length: number } {
  const fCut = PHENOMD_MF_CUT / (totalMassSolar * MTSUN_SI);
  if (fCut <= s.fMin) {
    throw new Error(`fMin must be below the IMRPhenomPv2 cut-off 0.2/M = ${fCut} Hz for total mass ${totalMassSolar} M_sun, got fMin=${s.fMin} Hz`);
  }
  let fMaxPrime = s.fMax !== 0 ? s.fMax : fCut;
  if (fMaxPrime > fCut) fMaxPrime = fCut;
  const length = nextPow2((fMaxPrime < s.fMax ? s.fMax : fMaxPrime) / s.deltaF) + 1;
  return { kStart: Math.floor(s.fMin / s.deltaF), kEnd: Math.floor(fMaxPrime / s.deltaF), length };
}

/** Everything IMRPhenomPv2 fixes per binary before the per-frequency loop (exported for tests). */
export interface PhenomPv2Setup {
  /** Frame conversion results (bodies as given by the caller). */
  model: PhenomPModelParams;
  /** Lighter / heavier mass (M_sun) and their aligned spins, in Pv2's ordering. */
  mass1: number;
  mass2: number;
  chi1L: number;
  chi2L: number;
  /** Symmetric mass ratio (nudged to 0.25 within 1e-6 as LAL does). */
  eta: number;
  /** Total mass in seconds. */
  mSec: number;
  /** Final spin used for the ringdown (clamped to [-1, 1]). */
  finalSpin: number;
  /** Co-precessing PhenomD model built with that final spin. */
  phenomD: PhenomDModel;
  /** NNLO coefficients: alpha c1..c5, epsilon c1..c5. */
  angleCoeffs: Float64Array;
  /** alpha(f) = NNLO_alpha(omega) - alphaOffset; epsilon(f) = NNLO_eps(omega) - epsilonOffset. */
  alphaOffset: number;
  epsilonOffset: number;
  /** -2Y_2m(thetaJN, 0) for m = -2..2 (real). */
  ylm: Float64Array;
  /** Ringdown frequency f_RD, Hz, where the time alignment is fixed. */
  fRingdownHz: number;
  /** Time shift t_corr, s: both polarisations are multiplied by exp(-2 pi i f t_corr). */
  tCorr: number;
}

/** Pv2 set-up for one binary (LAL PhenomPCore up to the frequency loop, plus t_corr). */
export function phenomPv2Setup(p: CbcParams, s: FDSettings): PhenomPv2Setup {
  const fRef = s.fRef === 0 ? s.fMin : s.fRef;
  const model = phenomPv2ModelParamsFromSourceFrame(
    p.mass1,
    p.mass2,
    fRef,
    p.phiRef,
    p.inclination,
    p.spin1x ?? 0,
    p.spin1y ?? 0,
    p.spin1z ?? 0,
    p.spin2x ?? 0,
    p.spin2y ?? 0,
    p.spin2z ?? 0,
  );
  // Pv2 convention: m2 >= m1.
  const swap = !(p.mass2 >= p.mass1);
  const m1 = swap ? p.mass2 : p.mass1;
  const m2 = swap ? p.mass1 : p.mass2;
  const chi1L = swap ? model.chi2L : model.chi1L;
  const chi2L = swap ? model.chi1L : model.chi2L;
  const chip = model.chiP;
  const M = m1 + m2;
  const mSec = M * MTSUN_SI;
  let q = m2 / m1;
  let eta = (m1 * m2) / (M * M);

  if (q > 18) {
    warnOnce('IMRPhenomPv2:q', `IMRPhenomPv2: the underlying PhenomD is calibrated for mass ratio <= 18; got q = ${q.toFixed(3)} (further such warnings suppressed)`);
  }
  const opening = openingAngleWarning(m1, m2, chi1L, chi2L, chip);
  if (opening) warnOnce('IMRPhenomPv2:openingAngle', `${opening} (further such warnings suppressed)`);
  if (eta > 0.25 || q < 1.0) {
    eta = nudge(eta, 0.25, 1e-6);
    q = nudge(q, 1.0, 1e-6);
  }

  const chiEff = (m1 * chi1L + m2 * chi2L) / M;
  const chil = ((1.0 + q) / q) * chiEff; // aligned spin of the larger BH
  const angleCoeffs = nnloAngleCoefficients(q, chil, chip);
  const omegaRef = PI * mSec * fRef;
  const alphaOffset = evalNnloAngle(angleCoeffs, 0, omegaRef) - model.alpha0;
  const epsilonOffset = evalNnloAngle(angleCoeffs, 5, omegaRef);

  const ct = Math.cos(model.thetaJN);
  const st = Math.sin(model.thetaJN);
  const k64 = Math.sqrt(5.0 / (64.0 * PI));
  const k16 = Math.sqrt(5.0 / (16.0 * PI));
  const k32 = Math.sqrt(15.0 / (32.0 * PI));
  const ylm = Float64Array.of(k64 * (1 - ct) * (1 - ct), k16 * st * (1 - ct), k32 * st * st, k16 * st * (1 + ct), k64 * (1 + ct) * (1 + ct));

  let finalSpin = finalSpinPv2(m1, m2, chi1L, chi2L, chip);
  if (Math.abs(finalSpin) > 1.0) {
    warnOnce('IMRPhenomPv2:finalSpin', `IMRPhenomPv2: final spin magnitude ${finalSpin} > 1; set to ${Math.sign(finalSpin)} (further such warnings suppressed)`);
    finalSpin = finalSpin > 0 ? 1 : -1;
  }
  // PhenomD wants the heavier body first.
  const phenomD = phenomDSetup(m2, m1, chi2L, chi1L, { finalSpin });

  // Time alignment on the fixed grid around f_RD (LAL: gsl cspline derivative at f_final).
  const fRingdownHz = phenomD.amp.fRD / mSec;
  const fCut = PHENOMD_MF_CUT / mSec;
  const fStart = 0.8 * fRingdownHz;
  const fStop = Math.min(1.2 * fRingdownHz, fCut);
  const step = (fStop - fStart) / (N_FIXED - 1);
  const xs = new Float64Array(N_FIXED);
  const ys = new Float64Array(N_FIXED);
  for (let i = 0; i < N_FIXED; i++) {
    const f = fStart + i * step;
    xs[i] = f;
    ys[i] = -(phenomDPhase(f * MTSUN_SI * M, phenomD.phase) - 2 * model.phiAligned);
  }
  const tCorr = new NaturalCubicSpline(xs, ys).deriv(fRingdownHz) / (2 * PI);

  return {
    model,
    mass1: m1,
    mass2: m2,
    chi1L,
    chi2L,
    eta,
    mSec,
    finalSpin,
    phenomD,
    angleCoeffs,
    alphaOffset,
    epsilonOffset,
    ylm,
    fRingdownHz,
    tCorr,
  };
}

function zeroRange(out: FDBuffers, from: number, to: number): void {
  out.hplusRe.fill(0, from, to);
  out.hplusIm.fill(0, from, to);
  out.hcrossRe.fill(0, from, to);
  out.hcrossIm.fill(0, from, to);
}

function generateInto(p: CbcParams, s: FDSettings, grid: FrequencyGrid, out: FDBuffers, offset: number): void {
  const n = grid.length;
  const st = phenomPv2Setup(p, s);
  const band = phenomPv2Band(st.mass1 + st.mass2, s);
  const kStart = Math.min(band.kStart, n);
  const kEnd = Math.max(kStart, Math.min(band.kEnd, n));
  const { hplusRe, hplusIm, hcrossRe, hcrossIm } = out;

  const M = st.mass1 + st.mass2;
  const mSec = st.mSec;
  const a = st.phenomD.amp;
  const ph = st.phenomD.phase;
  const eta = st.eta;
  const phiAligned = st.model.phiAligned;
  const zeta = st.model.zetaPolariz;
  const c2z = Math.cos(2 * zeta);
  const s2z = Math.sin(2 * zeta);

  // Twist-up constants (LAL recomputes the unit-mass bodies from eta).
  const qT = (1.0 + Math.sqrt(1.0 - 4.0 * eta) - 2.0 * eta) / (2.0 * eta);
  const m1u = 1.0 / (1.0 + qT);
  const m2u = qT / (1.0 + qT);
  const sPerp = st.model.chiP * m2u * m2u;
  const sL = st.chi1L * m1u * m1u + st.chi2L * m2u * m2u;
  const lc1 = 1.5 + eta / 6.0;
  const lc2 = 3.375 - (19.0 * eta) / 8 - (eta * eta) / 24.0;
  const ang = st.angleCoeffs;
  const aC1 = ang[0]!, aC2 = ang[1]!, aC3 = ang[2]!, aC4 = ang[3]!, aC5 = ang[4]!;
  const eC1 = ang[5]!, eC2 = ang[6]!, eC3 = ang[7]!, eC4 = ang[8]!, eC5 = ang[9]!;
  const alphaOff = st.alphaOffset;
  const epsOff = st.epsilonOffset;
  const y = st.ylm;
  const ym2 = y[0]!, ym1 = y[1]!, y0 = y[2]!, yp1 = y[3]!, yp2 = y[4]!;

  // Amplitude prefactor: M^2 MRSUN MTSUN / d times PhenomD's amp0, halved by the twist-up.
  const ampScale = ((M * MRSUN_SI * M * MTSUN_SI) / (p.distance * MPC_SI)) * a.amp0 * 0.5;
  const twoPiT = 2 * PI * st.tCorr;
  const constPhase = -2 * phiAligned;

  // Per-waveform powers so the loop needs no pow/log: Mf^{1/3} = M^{1/3} f^{1/3}, ln Mf = ln M + ln f.
  const cM = Math.cbrt(mSec);
  const logMSec = Math.log(mSec);
  const logM3 = (LOG_PI + logMSec) / 3;
  const fAmpIns = PHENOMD_AMP_MF_JOIN_INS;
  const fAmpMRD = a.fmaxCalc;
  const fPhiIns = PHENOMD_PHI_MF_JOIN_INS;
  const fPhiMRD = ph.fMRDJoin;
  const etaInv = ph.etaInv;
  const iP = ph.initialPhasing;
  const c23 = ph.pfTwoThirds;
  const c13 = ph.pfThird;
  const c13l = ph.pfThirdWithLogv;
  const cl = ph.pfLogv;
  const cm13 = ph.pfMinusThird;
  const cm23 = ph.pfMinusTwoThirds;
  const cm1 = ph.pfMinusOne;
  const cm43 = ph.pfMinusFourThirds;
  const cm53 = ph.pfMinusFiveThirds;
  const s1 = ph.pfOne * etaInv;
  const s43 = ph.pfFourThirds * etaInv;
  const s53 = ph.pfFiveThirds * etaInv;
  const s2 = ph.pfTwo * etaInv;
  const { beta1, beta2, beta3, alpha1, alpha2, alpha3, alpha4, alpha5, C1Int, C2Int, C1MRD, C2MRD, fRD, fDM } = ph;
  const a43 = (4 / 3) * alpha3;
  const a5fRD = alpha5 * fRD;
  const invFDM = 1 / fDM;
  const b3 = beta3 / 3;
  const { insTwoThirds, insOne, insFourThirds, insFiveThirds, insTwo, insSevenThirds, insEightThirds, insThree } = a;
  const { delta0, delta1, delta2, delta3, delta4, gamma1, gamma2 } = a;
  const fDMg3 = a.fDM * a.gamma3;
  const fDMg3sq = fDMg3 * fDMg3;
  const g2overFDMg3 = gamma2 / fDMg3;
  const mrdNum = fDMg3 * gamma1;
  const aFRD = a.fRD;
  const fArr = grid.f;
  const fThird = grid.fThird;
  const logF = grid.logF;
  const fInv = grid.fInv;
  const fMThird = grid.fMThird;
  const fM76 = grid.fM76;
  const invMSec = 1 / mSec;
  const invCM = 1 / cM;
  const m76 = Math.pow(mSec, -7 / 6); // Mf^{-7/6} = m76 f^{-7/6}

  zeroRange(out, offset, offset + kStart);
  for (let k = kStart; k < kEnd; k++) {
    const f = fArr[k]!;
    const mf = mSec * f;
    const t = cM * fThird[k]!; // Mf^{1/3}
    const t2 = t * t;
    const inv = invMSec * fInv[k]!; // 1/Mf
    const mThird = invCM * fMThird[k]!; // Mf^{-1/3}

    // --- co-precessing PhenomD amplitude (without amp0) and phase ---
    let amp: number;
    if (mf < fAmpIns) {
      const f43 = mf * t;
      const f2 = mf * mf;
      amp =
        1 +
        t2 * insTwoThirds +
        f43 * insFourThirds +
        f43 * t * insFiveThirds +
        t * f2 * insSevenThirds +
        t2 * f2 * insEightThirds +
        mf * (insOne + mf * insTwo + f2 * insThree);
    } else if (mf >= fAmpMRD) {
      const df = mf - aFRD;
      amp = (Math.exp(-df * g2overFDMg3) * mrdNum) / (df * df + fDMg3sq);
    } else {
      const f2 = mf * mf;
      amp = delta0 + mf * delta1 + f2 * (delta2 + mf * delta3 + delta4 * f2);
    }
    amp *= m76 * fM76[k]!; // Mf^{-7/6}
    const logMf = logMSec + logF[k]!;
    let phi: number;
    if (mf < fPhiIns) {
      const logv = logM3 + logF[k]! / 3;
      const mTwoThirds = mThird * mThird;
      const f43 = mf * t;
      phi =
        iP +
        c23 * t2 +
        c13 * t +
        c13l * logv * t +
        cl * logv +
        cm13 * mThird +
        cm23 * mTwoThirds +
        cm1 * inv +
        cm43 * inv * mThird +
        cm53 * inv * mTwoThirds +
        s1 * mf +
        s43 * f43 +
        s53 * f43 * t +
        s2 * mf * mf;
    } else if (mf >= fPhiMRD) {
      const sq = Math.sqrt(mf);
      phi = etaInv * (-(alpha2 * inv) + a43 * Math.sqrt(mf * sq) + alpha1 * mf + alpha4 * Math.atan((mf - a5fRD) * invFDM)) + C1MRD + C2MRD * mf;
    } else {
      phi = etaInv * (beta1 * mf - b3 * inv * inv * inv + beta2 * logMf) + C1Int + C2Int * mf;
    }

    // --- NNLO precession angles, omega = pi Mf ---
    const wThird = PI_THIRD * t; // omega^{1/3} = v
    const wmThird = mThird * PI_M_THIRD;
    const wmTwoThirds = wmThird * wmThird;
    const wInv = inv / PI;
    const logW = LOG_PI + logMf;
    const alpha = aC1 * wInv + aC2 * wmTwoThirds + aC3 * wmThird + aC4 * logW + aC5 * wThird - alphaOff;
    const epsilon = eC1 * wInv + eC2 * wmTwoThirds + eC3 * wmThird + eC4 * logW + eC5 * wThird - epsOff;

    // --- opening angle beta: cos(beta) = 1/sqrt(1 + (S_perp/(L + S_L))^2), L at 2PN ---
    const x = wThird * wThird;
    const lOrb = eta * (1.0 + lc1 * x + lc2 * x * x) * wmThird;
    const sr = sPerp / (lOrb + sL);
    const cosBeta = 1.0 / Math.sqrt(1.0 + sr * sr);
    // cos^2(beta/2), sin^2(beta/2), and cos(beta/2) sin(beta/2) = sin(beta)/2 = |s| cos(beta)/2 (both halves >= 0 as in LAL).
    const cb2 = (1.0 + cosBeta) * 0.5;
    const sb2 = (1.0 - cosBeta) * 0.5;
    const cs = 0.5 * Math.abs(sr) * cosBeta;
    const cb4 = cb2 * cb2;
    const sb4 = sb2 * sb2;
    const mid = SQRT6 * cb2 * sb2 * y0;
    // T_{2m} = e^{-i m alpha} d^2_{-2,m} Y_2m, T_{-2m} = e^{+i m alpha} d^2_{2,m} Y_2m (Y real).
    const aM2 = cb4 * ym2;
    const aM1 = -2 * cb2 * cs * ym1;
    const aP1 = -2 * sb2 * cs * yp1;
    const aP2 = sb4 * yp2;
    const bM2 = sb4 * ym2;
    const bM1 = 2 * sb2 * cs * ym1;
    const bP1 = 2 * cb2 * cs * yp1;
    const bP2 = cb4 * yp2;
    sincos(alpha);
    const sa = SINCOS[0]!;
    const ca = SINCOS[1]!;
    const c2a = ca * ca - sa * sa;
    const s2a = 2 * sa * ca;
    const tRe = (aM2 + aP2) * c2a + (aM1 + aP1) * ca + mid;
    const tIm = (aM2 - aP2) * s2a + (aM1 - aP1) * sa;
    const uRe = (bM2 + bP2) * c2a + (bM1 + bP1) * ca + mid;
    const uIm = (bP2 - bM2) * s2a + (bP1 - bM1) * sa;
    const hpSRe = tRe + uRe;
    const hpSIm = tIm + uIm;
    const hcSRe = uIm - tIm; // i (T - U)
    const hcSIm = tRe - uRe;

    // --- overall factor A/2 e^{-i (Phi - 2 phi_aligned + 2 epsilon + 2 pi f t_corr)} ---
    const psi = phi + constPhase + 2 * epsilon + twoPiT * f;
    const amplitude = ampScale * amp;
    sincos(psi);
    const pRe = amplitude * SINCOS[1]!;
    const pIm = -amplitude * SINCOS[0]!;
    const hpRe = pRe * hpSRe - pIm * hpSIm;
    const hpIm = pRe * hpSIm + pIm * hpSRe;
    const hcRe = pRe * hcSRe - pIm * hcSIm;
    const hcIm = pRe * hcSIm + pIm * hcSRe;
    const j = offset + k;
    hplusRe[j] = c2z * hpRe + s2z * hcRe;
    hplusIm[j] = c2z * hpIm + s2z * hcIm;
    hcrossRe[j] = c2z * hcRe - s2z * hpRe;
    hcrossIm[j] = c2z * hcIm - s2z * hpIm;
  }
  zeroRange(out, offset + kEnd, offset + n);
}

/** IMRPhenomPv2 (precessing; all six spin components used). */
export const IMRPhenomPv2: FDApproximant = {
  name: 'IMRPhenomPv2',
  alignedSpin: false,
  outputLength(p: CbcParams, s: FDSettings): number {
    return phenomPv2Band(p.mass1 + p.mass2, s).length;
  },
  generateInto,
};

registerApproximant(IMRPhenomPv2);
