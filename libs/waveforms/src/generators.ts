/**
 * Common interface: an approximant name plus settings -> a function of the binary parameters.
 * Works for every registered model ('TaylorF2', 'IMRPhenomD', and 'IMRPhenomPv2' once registered).
 */
import { getApproximant } from './approximants.ts';
import { generateFD } from './fd.ts';
import { generateTD } from './time-domain.ts';
import type { TDSettings } from './time-domain.ts';
import type { CbcParams, FDSettings, FDWaveform } from './types.ts';

export type ApproximantName = 'TaylorF2' | 'IMRPhenomD' | 'IMRPhenomPv2';

/** Frequency-domain generator bound to one approximant and grid (ChooseFDWaveform conventions). */
export function frequencyDomainGenerator(
  options: { approximant: ApproximantName | string } & FDSettings,
): (params: CbcParams) => FDWaveform {
  const { approximant, ...settings } = options;
  getApproximant(approximant); // fail early on unknown names
  return (params) => generateFD(approximant, params, settings);
}

/** Time-domain generator bound to one approximant and TD settings (ml4gw TimeDomainCBCWaveformGenerator semantics). */
export function timeDomainGenerator(
  options: { approximant: ApproximantName | string } & TDSettings,
): (params: CbcParams) => { hplus: Float64Array; hcross: Float64Array; sampleRate: number } {
  const { approximant, ...settings } = options;
  getApproximant(approximant);
  return (params) => generateTD(approximant, params, settings);
}
