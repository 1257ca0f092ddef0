/**
 * IMRPhenomD frequency-domain generator with the conventions of XLALSimInspiralChooseFDWaveform
 * (LALSimIMRPhenomD.c IMRPhenomDGenerateFD): masses swapped so m1 >= m2, eta nudged, bins
 * floor(fMin/df) .. floor(min(fMax, 0.2/M)/df)-1 filled, length NextPow2(fMax/df)+1,
 * h = amp0 A(Mf) exp(-i (Phi(Mf) - t0 (Mf - MfRef) - 2 phiRef - Phi(MfRef))),
 * h+ = (1+cos^2 i)/2 h, hx = -i cos(i) h.
 */
import { MRSUN_SI, MTSUN_SI, MPC_SI, PI } from '../constants.ts';
import type { FDApproximant } from '../approximants.ts';
import { registerApproximant } from '../approximants.ts';
import type { FrequencyGrid } from '../grid.ts';
import { nextPow2 } from '../grid.ts';
import type { CbcParams, FDBuffers, FDSettings } from '../types.ts';
import { warnOnce } from '../validation.ts';
import { C1, C2, C3, C4, C5, C6, INV_PIO2, LIMIT, PIO2_1, PIO2_2, PIO2_2T, S1, S2, S3, S4, S5, S6 } from '../fast-math.ts';
import {
  PHENOMD_AMP_MF_JOIN_INS,
  PHENOMD_MF_CUT,
  PHENOMD_MIN_FINAL_SPIN,
  PHENOMD_PHI_MF_JOIN_INS,
  phenomDPhase,
  phenomDSetup,
  phenomDTimeShift,
} from './internals.ts';

const LOG_PI = Math.log(PI);

/** Band [kStart, kEnd) of non-zero bins and the LAL output length. */
export function phenomDBand(totalMassSolar: number, s: FDSettings): { kStart: number; kEnd: number; length: number } {
  const mSec = totalMassSolar * MTSUN_SI;
  const fCut = PHENOMD_MF_CUT / mSec;
  if (fCut <= s.fMin) throw new Error(`fMin must be below the IMRPhenomD cut-off 0.2/M = ${fCut} Hz for total mass ${totalMassSolar} M_sun, got fMin=${s.fMin} Hz`);
  let fMaxPrime = s.fMax !== 0 ? s.fMax : fCut;
  if (fMaxPrime > fCut) fMaxPrime = fCut;
  if (fMaxPrime <= s.fMin) throw new Error(`fMax must be > fMin, got fMax=${s.fMax} Hz, fMin=${s.fMin} Hz`);
  const length = nextPow2((s.fMax !== 0 ? s.fMax : fMaxPrime) / s.deltaF) + 1;
  return { kStart: Math.floor(s.fMin / s.deltaF), kEnd: Math.floor(fMaxPrime / s.deltaF), length };
}

function checkRange(m1: number, m2: number, chi1: number, chi2: number, finalSpin: number): void {
  const q = m1 > m2 ? m1 / m2 : m2 / m1;
  if (q > 18) warnOnce('IMRPhenomD:q', `IMRPhenomD is calibrated for mass ratio <= 18; got q = ${q.toFixed(3)} (further such warnings suppressed)`);
  if (Math.abs(chi1) > 0.85 || Math.abs(chi2) > 0.85) {
    warnOnce('IMRPhenomD:chi', `IMRPhenomD is calibrated for |chi| <= 0.85 (0.98 at q = 1); got chi1 = ${chi1}, chi2 = ${chi2} (further such warnings suppressed)`);
  }
  if (finalSpin < PHENOMD_MIN_FINAL_SPIN) {
    warnOnce('IMRPhenomD:finalSpin', `IMRPhenomD final spin ${finalSpin} < ${PHENOMD_MIN_FINAL_SPIN}: the model may misbehave (further such warnings suppressed)`);
  }
}

function generateInto(p: CbcParams, s: FDSettings, grid: FrequencyGrid, out: FDBuffers, offset: number): void {
  const n = grid.length;
  const { hplusRe, hplusIm, hcrossRe, hcrossIm } = out;
  const model = phenomDSetup(p.mass1, p.mass2, p.spin1z ?? 0, p.spin2z ?? 0);
  checkRange(model.mass1, model.mass2, model.chi1, model.chi2, model.finalSpin);
  const M = model.mass1 + model.mass2;
  const band = phenomDBand(M, s);
  const kStart = Math.min(Math.max(band.kStart, 1), n); // f = 0 is never evaluated
  const kEnd = Math.min(band.kEnd, n);
  const mSec = model.mSec;
  const a = model.amp;
  const ph = model.phase;

  const fRef = s.fRef === 0 ? s.fMin : s.fRef;
  const mfRef = mSec * fRef;
  const t0 = phenomDTimeShift(model);
  const phiPrecalc = 2 * p.phiRef + phenomDPhase(mfRef, ph);
  const amp0 = (2 * Math.sqrt(5 / (64 * PI)) * M * MRSUN_SI * M * MTSUN_SI) / (p.distance * MPC_SI);
  const cfac = Math.cos(p.inclination);
  const pfac = 0.5 * (1 + cfac * cfac);
  const ampP = amp0 * a.amp0 * pfac; // amplitude scale of h+
  const ampC = amp0 * a.amp0 * cfac; // of hx (times -i)

  // Per-waveform constants for the fused loop.
  const cM = Math.cbrt(mSec);
  const logM3 = (LOG_PI + Math.log(mSec)) / 3; // ln v = logM3 + ln(f)/3
  const fAmpIns = PHENOMD_AMP_MF_JOIN_INS;
  const fAmpMRD = a.fmaxCalc;
  const fPhiIns = PHENOMD_PHI_MF_JOIN_INS;
  const fPhiMRD = ph.fMRDJoin;
  const etaInv = ph.etaInv;
  // Inspiral phase: constant + sum c_k Mf^{k/3} + log terms.
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
  // Amplitude.
  const { insTwoThirds, insOne, insFourThirds, insFiveThirds, insTwo, insSevenThirds, insEightThirds, insThree } = a;
  const { delta0, delta1, delta2, delta3, delta4, gamma1, gamma2 } = a;
  const fDMg3 = a.fDM * a.gamma3;
  const fDMg3sq = fDMg3 * fDMg3;
  const g2overFDMg3 = gamma2 / fDMg3;
  const mrdNum = fDMg3 * gamma1;
  const aFRD = a.fRD;
  const linC = t0; // phase -= t0 (Mf - MfRef) + phiPrecalc
  const constPhase = t0 * mfRef - phiPrecalc; // total = phi - t0 (Mf - MfRef) - phiPrecalc
  const fArr = grid.f;
  const fThird = grid.fThird;
  const logF = grid.logF;
  const fInv = grid.fInv;
  const fMThird = grid.fMThird;
  const fM76 = grid.fM76;
  const invMSec = 1 / mSec;
  const logMSec = Math.log(mSec); // ln(Mf) = ln(M) + ln(f)
  const invCM = 1 / cM;
  const m76 = Math.pow(mSec, -7 / 6); // Mf^{-7/6} = m76 f^{-7/6}

  for (let k = 0; k < kStart; k++) {
    hplusRe[offset + k] = 0;
    hplusIm[offset + k] = 0;
    hcrossRe[offset + k] = 0;
    hcrossIm[offset + k] = 0;
  }
  for (let k = kStart; k < kEnd; k++) {
    const mf = mSec * fArr[k];
    const t = cM * fThird[k]; // Mf^{1/3}
    const t2 = t * t;
    const inv = invMSec * fInv[k]; // 1/Mf
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
    amp *= m76 * fM76[k]; // Mf^{-7/6}
    let phi: number;
    if (mf < fPhiIns) {
      const logv = logM3 + logF[k] / 3;
      const mThird = invCM * fMThird[k];
      const mTwoThirds = mThird * mThird;
      const f43 = mf * t;
      phi =
        iP +
        c23 * t2 +
        (c13 + c13l * logv) * t +
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
      phi =
        etaInv * (-(alpha2 * inv) + a43 * Math.sqrt(mf * sq) + alpha1 * mf + alpha4 * Math.atan((mf - a5fRD) * invFDM)) +
        C1MRD +
        C2MRD * mf;
    } else {
      phi = etaInv * (beta1 * mf - b3 * inv * inv * inv + beta2 * (logMSec + logF[k])) + C1Int + C2Int * mf;
    }
    const arg = phi - linC * mf + constPhase;
    // Inline sincos(arg) (see fast-math.ts).
    let sn: number;
    let c: number;
    if (Math.abs(arg) < LIMIT) {
      const q = Math.round(arg * INV_PIO2);
      const r = arg - q * PIO2_1 - q * PIO2_2 - q * PIO2_2T;
      const z = r * r;
      const ks = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
      const hz = 0.5 * z;
      const w = 1 - hz;
      const kc = w + (1 - w - hz + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6))))));
      const quad = q & 3;
      sn = quad === 0 ? ks : quad === 1 ? kc : quad === 2 ? -ks : -kc;
      c = quad === 0 ? kc : quad === 1 ? -ks : quad === 2 ? -kc : ks;
    } else {
      sn = Math.sin(arg);
      c = Math.cos(arg);
    }
    // h = A e^{-i arg}; h+ = pfac h; hx = -i cfac h
    const ap = ampP * amp;
    const ac = ampC * amp;
    hplusRe[offset + k] = ap * c;
    hplusIm[offset + k] = -ap * sn;
    hcrossRe[offset + k] = -ac * sn;
    hcrossIm[offset + k] = -ac * c;
  }
  for (let k = Math.max(kEnd, kStart); k < n; k++) {
    hplusRe[offset + k] = 0;
    hplusIm[offset + k] = 0;
    hcrossRe[offset + k] = 0;
    hcrossIm[offset + k] = 0;
  }
}

/** IMRPhenomD (aligned spins; in-plane spin components must be zero). */
export const IMRPhenomD: FDApproximant = {
  name: 'IMRPhenomD',
  alignedSpin: true,
  outputLength(p: CbcParams, s: FDSettings): number {
    return phenomDBand(p.mass1 + p.mass2, s).length;
  },
  generateInto,
};

registerApproximant(IMRPhenomD);
