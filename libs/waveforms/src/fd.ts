/** Frequency-domain generation entry points: one waveform, or a batch into preallocated planes. */
import { getApproximant } from './approximants.ts';
import { frequencyGrid } from './grid.ts';
import type { CbcParams, CbcParamsBatch, FDBuffers, FDSettings, FDWaveform } from './types.ts';
import { validateCbcParams, validateFDSettings } from './validation.ts';

/**
 * One waveform with the conventions of XLALSimInspiralChooseFDWaveform (length, filled band,
 * sign, phase and time alignment). Masses in M_sun, distance in Mpc, frequencies in Hz.
 */
export function generateFD(approximant: string, params: CbcParams, settings: FDSettings): FDWaveform {
  const impl = getApproximant(approximant);
  validateFDSettings(settings);
  validateCbcParams(params, impl.name, impl.alignedSpin);
  const length = impl.outputLength(params, settings);
  const buf = new Float64Array(4 * length); // one allocation, four planes
  const out: FDBuffers = {
    hplusRe: buf.subarray(0, length),
    hplusIm: buf.subarray(length, 2 * length),
    hcrossRe: buf.subarray(2 * length, 3 * length),
    hcrossIm: buf.subarray(3 * length, 4 * length),
  };
  impl.generateInto(params, settings, frequencyGrid(settings.deltaF, length), out, 0);
  return { deltaF: settings.deltaF, length, epoch: -1 / settings.deltaF, ...out };
}

/** Options of {@link generateFDBatch}. */
export interface FDBatchOptions {
  /** Number of frequency bins per waveform (bins k = 0..length-1 at k deltaF); default floor(fMax/deltaF) + 1. */
  length?: number;
  /** Preallocated output planes of at least batch * length elements each; allocated when omitted. */
  out?: FDBuffers;
}

/**
 * Many waveforms of one approximant on a common grid, written into planes of shape (batch, length):
 * waveform b's bin k is at index b*length + k. Reuses the precomputed grid and a single parameter
 * object, so nothing is allocated per waveform beyond the model's few coefficient objects.
 * Bins beyond each model's LAL band are zero (e.g. PhenomD above Mf = 0.2).
 */
export function generateFDBatch(
  approximant: string,
  batch: CbcParamsBatch,
  settings: FDSettings,
  options: FDBatchOptions = {},
): FDBuffers & { length: number; batchSize: number } {
  const impl = getApproximant(approximant);
  validateFDSettings(settings);
  const b = batch.mass1.length;
  for (const key of ['mass2', 'distance', 'inclination', 'phiRef', 'spin1x', 'spin1y', 'spin1z', 'spin2x', 'spin2y', 'spin2z'] as const) {
    const arr = batch[key];
    if (arr !== undefined && arr.length !== b) throw new Error(`batch.${key} must have length ${b} (as mass1), got ${arr.length}`);
  }
  if (settings.fMax === 0 && options.length === undefined) throw new Error('fMax must be > 0 for batched generation (or pass options.length)');
  const length = options.length ?? Math.floor(settings.fMax / settings.deltaF) + 1;
  if (!(Number.isInteger(length) && length > 0)) throw new Error(`options.length must be a positive integer, got ${length}`);
  const need = b * length;
  const out = options.out ?? {
    hplusRe: new Float64Array(need),
    hplusIm: new Float64Array(need),
    hcrossRe: new Float64Array(need),
    hcrossIm: new Float64Array(need),
  };
  for (const key of ['hplusRe', 'hplusIm', 'hcrossRe', 'hcrossIm'] as const) {
    if (out[key].length < need) throw new Error(`options.out.${key} must hold batch*length = ${need} values, got ${out[key].length}`);
  }
  const grid = frequencyGrid(settings.deltaF, length);
  const p: CbcParams = { mass1: 0, mass2: 0, spin1x: 0, spin1y: 0, spin1z: 0, spin2x: 0, spin2y: 0, spin2z: 0, distance: 0, inclination: 0, phiRef: 0 };
  for (let i = 0; i < b; i++) {
    p.mass1 = batch.mass1[i];
    p.mass2 = batch.mass2[i];
    p.spin1x = batch.spin1x ? batch.spin1x[i] : 0;
    p.spin1y = batch.spin1y ? batch.spin1y[i] : 0;
    p.spin1z = batch.spin1z ? batch.spin1z[i] : 0;
    p.spin2x = batch.spin2x ? batch.spin2x[i] : 0;
    p.spin2y = batch.spin2y ? batch.spin2y[i] : 0;
    p.spin2z = batch.spin2z ? batch.spin2z[i] : 0;
    p.distance = batch.distance[i];
    p.inclination = batch.inclination[i];
    p.phiRef = batch.phiRef[i];
    try {
      validateCbcParams(p, impl.name, impl.alignedSpin);
      impl.generateInto(p, settings, grid, out, i * length);
    } catch (e) {
      throw new Error(`batch entry ${i}: ${(e as Error).message}`);
    }
  }
  return { ...out, length, batchSize: b };
}
