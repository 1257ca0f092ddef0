/**
 * Registry of frequency-domain approximants. Every model implements {@link FDApproximant};
 * `generateFD`, `generateFDBatch` and the time-domain generator look models up here by name.
 * A new model registers itself with `registerApproximant(impl)` in its own module, and that
 * module is imported once from src/index.ts.
 */
import type { FrequencyGrid } from './grid.ts';
import type { CbcParams, FDBuffers, FDSettings } from './types.ts';

export interface FDApproximant {
  /** Name as in LALSimulation, e.g. 'IMRPhenomD'. */
  readonly name: string;
  /** True if the model only accepts spins along L (in-plane components must be 0). */
  readonly alignedSpin: boolean;
  /** Length of XLALSimInspiralChooseFDWaveform's output for these inputs. */
  outputLength(params: CbcParams, settings: FDSettings): number;
  /**
   * Write h+ and hx at f_k = k grid.deltaF, k = 0..grid.length-1, into out.*[offset + k]
   * (zeros outside the model's band). Inputs have passed validateCbcParams/validateFDSettings;
   * the model throws for model-specific domain errors and may warnOnce outside its calibration.
   * Must not allocate per frequency bin (it runs 10^5 times for a training set).
   */
  generateInto(params: CbcParams, settings: FDSettings, grid: FrequencyGrid, out: FDBuffers, offset: number): void;
}

const registry = new Map<string, FDApproximant>();

/** Add (or replace) a model under impl.name. */
export function registerApproximant(impl: FDApproximant): void {
  registry.set(impl.name, impl);
}

/** The model registered under `name`; throws listing the known names otherwise. */
export function getApproximant(name: string): FDApproximant {
  const impl = registry.get(name);
  if (!impl) throw new Error(`approximant must be one of ${[...registry.keys()].join(', ')}; got '${name}'`);
  return impl;
}

/** Names of all registered models. */
export function listApproximants(): string[] {
  return [...registry.keys()];
}
