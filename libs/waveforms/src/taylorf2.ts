/**
 * TaylorF2 with the defaults of XLALSimInspiralChooseFDWaveform (LALSimInspiralTaylorF2.c, no LALDict):
 * 3.5PN phase with all spin terms (pn-phasing.ts), Newtonian SPA amplitude
 *   |h| = amp0 v sqrt(-dE/dv / F) with only the Newtonian energy and flux, amp0 = -4 m1 m2 / r MRSUN MTSUN sqrt(pi/12),
 * h = |h| e^{-i (Psi(f) - 2 phiRef - Psi(fRef) - pi/4)} (no Psi(fRef) term when fRef = 0),
 * bins ceil(fMin/df) .. length-1 filled with length = floor(fMax/df + 1) (fMax = 0: Schwarzschild ISCO),
 * h+ = (1+cos^2 i)/2 h, hx = -i cos(i) h. Buonanno et al. 2009 (arXiv:0907.0700).
 */
import { MPC_SI, MRSUN_SI, MTSUN_SI, PI } from './constants.ts';
import type { FDApproximant } from './approximants.ts';
import { registerApproximant } from './approximants.ts';
import type { FrequencyGrid } from './grid.ts';
import { taylorF2Phasing } from './pn-phasing.ts';
import { warnOnce } from './validation.ts';
import { C1, C2, C3, C4, C5, C6, INV_PIO2, LIMIT, PIO2_1, PIO2_2, PIO2_2T, S1, S2, S3, S4, S5, S6 } from './fast-math.ts';
import type { CbcParams, FDBuffers, FDSettings } from './types.ts';

/** Schwarzschild ISCO GW frequency 1/(6^{3/2} pi M), Hz, for total mass in M_sun. */
export function iscoFrequency(totalMassSolar: number): number {
  return 1 / (Math.pow(6, 1.5) * PI * totalMassSolar * MTSUN_SI);
}

/** Band [kStart, kEnd) of non-zero bins and the LAL output length for TaylorF2. */
export function taylorF2Band(totalMassSolar: number, s: FDSettings): { kStart: number; kEnd: number; length: number } {
  const fMax = s.fMax === 0 ? iscoFrequency(totalMassSolar) : s.fMax;
  if (fMax <= s.fMin) throw new Error(`fMax must be > fMin, got fMax=${fMax} Hz (ISCO when 0), fMin=${s.fMin} Hz`);
  const length = Math.floor(fMax / s.deltaF + 1);
  return { kStart: Math.ceil(s.fMin / s.deltaF), kEnd: length, length };
}

function generateInto(p: CbcParams, s: FDSettings, grid: FrequencyGrid, out: FDBuffers, offset: number): void {
  const n = grid.length;
  const { hplusRe, hplusIm, hcrossRe, hcrossIm } = out;
  const m1 = p.mass1;
  const m2 = p.mass2;
  const m = m1 + m2;
  const eta = (m1 * m2) / (m * m);
  const mSec = m * MTSUN_SI;
  const piM = PI * mSec;
  const band = taylorF2Band(m, s);
  // TaylorF2 is an inspiral-only post-Newtonian model: beyond the Schwarzschild ISCO frequency of the
  // total mass the PN series is outside its domain of validity (LAL generates it all the same).
  if (s.fMax > 0 && s.fMax > iscoFrequency(m)) {
    warnOnce('TaylorF2:isco', `TaylorF2 evaluated up to fMax=${s.fMax} Hz, above the ISCO frequency ${iscoFrequency(m).toFixed(1)} Hz of M=${m} Msun: the inspiral-only PN model is outside its range of validity there`);
  }
  const kStart = Math.min(band.kStart, n);
  const kEnd = Math.min(band.kEnd, n);
  const pn = taylorF2Phasing(m1, m2, p.spin1z ?? 0, p.spin2z ?? 0);
  const pfa = pn.v;
  const [pfaN, pfa1, pfa2, pfa3, pfa4, pfa5, pfa6, pfa7] = pfa;
  const pfl5 = pn.vlogv[5];
  const pfl6 = pn.vlogv[6];

  let refPhasing = 0;
  if (s.fRef !== 0) {
    const v = Math.cbrt(piM * s.fRef);
    const lv = Math.log(v);
    const v2 = v * v;
    const v5 = v2 * v2 * v;
    refPhasing =
      (pfa7 * v5 * v2 + (pfa6 + pfl6 * lv) * v5 * v + (pfa5 + pfl5 * lv) * v5 + pfa4 * v2 * v2 + pfa3 * v2 * v + pfa2 * v2 + pfa1 * v + pfaN) / v5;
  }
  const r = p.distance * MPC_SI;
  const amp0 = ((-4 * m1 * m2) / r) * MRSUN_SI * MTSUN_SI * Math.sqrt(PI / 12);
  // Newtonian SPA amplitude: amp0 v sqrt(-dETaN v / (FTaN v^10)) = amp0 sqrt(-dETaN/FTaN) v^{-7/2}.
  const dETaN = 2 * (-eta / 2);
  const FTaN = (32 * eta * eta) / 5;
  const ampN = amp0 * Math.sqrt(-dETaN / FTaN);
  const cfac = Math.cos(p.inclination);
  const pfac = 0.5 * (1 + cfac * cfac);
  const ampP = ampN * pfac;
  const ampC = ampN * cfac;
  const phaseConst = -2 * p.phiRef - refPhasing - PI / 4;
  const cM = Math.cbrt(piM);
  const logCM = Math.log(piM) / 3;
  const m53 = Math.pow(piM, -5 / 3); // v^{-5} = m53 f^{-5/3}
  const m76 = Math.pow(piM, -7 / 6); // v^{-7/2} = m76 f^{-7/6}
  const fThird = grid.fThird;
  const logF = grid.logF;
  const fM53 = grid.fM53;
  const fM76 = grid.fM76;

  for (let k = 0; k < kStart; k++) {
    hplusRe[offset + k] = 0;
    hplusIm[offset + k] = 0;
    hcrossRe[offset + k] = 0;
    hcrossIm[offset + k] = 0;
  }
  for (let k = kStart; k < kEnd; k++) {
    const v = cM * fThird[k];
    const lv = logCM + logF[k] / 3;
    const v2 = v * v;
    const v3 = v2 * v;
    const v4 = v2 * v2;
    const v5 = v4 * v;
    const arg =
      (pfa7 * v5 * v2 + (pfa6 + pfl6 * lv) * v5 * v + (pfa5 + pfl5 * lv) * v5 + pfa4 * v4 + pfa3 * v3 + pfa2 * v2 + pfa1 * v + pfaN) *
        (m53 * fM53[k]) +
      phaseConst;
    const amp = m76 * fM76[k]; // v^{-7/2}
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
    // h = amp (cos - i sin)
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

/** TaylorF2 (aligned spins; in-plane spin components must be zero). */
export const TaylorF2: FDApproximant = {
  name: 'TaylorF2',
  alignedSpin: true,
  outputLength(p: CbcParams, s: FDSettings): number {
    return taylorF2Band(p.mass1 + p.mass2, s).length;
  },
  generateInto,
};

registerApproximant(TaylorF2);
