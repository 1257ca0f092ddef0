/**
 * Polarisations for bilby parameter rows (ledger `WaveformPolarizationSet.from_parameters`,
 * reference §2.3), one waveform at a time so each result depends only on its own parameters:
 *  1. bilby spin angles → LAL Cartesian spins and inclination at f_ref
 *     (XLALSimInspiralTransformPrecessingNewInitialConditions, masses detector-frame);
 *  2. luminosity distance = Planck15 d_L(z) [Mpc];
 *  3. freq_limit = 1899/(m1 + m2) Hz; when minimum_frequency > freq_limit both f_lower and f_ref of
 *     the generator become freq_limit (very heavy binaries);
 *  4. time-domain generation with the coalescence at sample (duration − right_pad)·sample_rate
 *     (@aframe/waveforms `generateTD`, ml4gw TimeDomainCBCWaveformGenerator semantics §10.7).
 * Aligned-spin approximants (TaylorF2, IMRPhenomD) get only the spin components along L.
 */
import { planck15, type PriorSamples } from '@aframe/priors';
import { bilbyToLalSpins, generateTD, getApproximant, type CbcParams, type TDSettings } from '@aframe/waveforms';
import { type GeneratorSettings, waveformLength } from './settings.ts';

/** Hz·M_sun: f_lower is capped at 1899/M for total (detector-frame) mass M (§2.3 step 2). */
export const FREQ_LIMIT_HZ_MSUN = 1899;

export interface PolarizationBlock {
  /** (rows, T) row-major */
  plus: Float64Array;
  cross: Float64Array;
  rows: number;
  length: number;
}

/** Polarisations of rows [from, to) of detector-frame `samples`. */
export function generatePolarizations(samples: PriorSamples, from: number, to: number, s: GeneratorSettings): PolarizationBlock {
  const impl = getApproximant(s.approximant);
  const L = waveformLength(s);
  const rows = to - from;
  const plus = new Float64Array(rows * L);
  const cross = new Float64Array(rows * L);
  const where = (i: number) => `m1=${samples.mass_1[i]}, m2=${samples.mass_2[i]}, z=${samples.redshift[i]}`;
  for (let r = 0; r < rows; r++) {
    const i = from + r;
    const m1 = samples.mass_1[i];
    const m2 = samples.mass_2[i];
    const spins = bilbyToLalSpins({
      thetaJn: samples.theta_jn[i],
      phiJl: samples.phi_jl[i],
      tilt1: samples.tilt_1[i],
      tilt2: samples.tilt_2[i],
      phi12: samples.phi_12[i],
      a1: samples.a_1[i],
      a2: samples.a_2[i],
      mass1: m1,
      mass2: m2,
      fRef: s.referenceFrequency,
      phase: samples.phase[i],
    });
    const freqLimit = FREQ_LIMIT_HZ_MSUN / (m1 + m2);
    const capped = s.minimumFrequency > freqLimit;
    const fMin = capped ? freqLimit : s.minimumFrequency;
    const fRef = capped ? freqLimit : s.referenceFrequency;
    const inPlane = impl.alignedSpin ? 0 : 1;
    const params: CbcParams = {
      mass1: m1,
      mass2: m2,
      spin1x: inPlane * spins.spin1x,
      spin1y: inPlane * spins.spin1y,
      spin1z: spins.spin1z,
      spin2x: inPlane * spins.spin2x,
      spin2y: inPlane * spins.spin2y,
      spin2z: spins.spin2z,
      distance: planck15.luminosityDistance(samples.redshift[i]),
      inclination: spins.inclination,
      phiRef: samples.phase[i],
    };
    try {
      const wf = generateTD(s.approximant, params, tdSettings(s, fMin, fRef));
      plus.set(wf.hplus, r * L);
      cross.set(wf.hcross, r * L);
    } catch (e) {
      throw new Error(`waveform for ${where(i)}: ${(e as Error).message}`);
    }
  }
  return { plus, cross, rows, length: L };
}

function tdSettings(s: GeneratorSettings, fMin: number, fRef: number): TDSettings {
  return { sampleRate: s.sampleRate, durationS: s.waveformDurationS, fMin, fRef, rightPadS: s.rightPadS };
}

/** Columns of rows [from, to) as ledger Columns (1-D parameters). */
export function parameterColumns(samples: PriorSamples, keys: readonly string[], from: number, to: number): Record<string, { data: Float64Array; shape: number[] }> {
  const out: Record<string, { data: Float64Array; shape: number[] }> = {};
  for (const k of keys) out[k] = { data: samples[k].slice(from, to), shape: [to - from] };
  return out;
}
