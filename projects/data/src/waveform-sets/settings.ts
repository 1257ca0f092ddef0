/**
 * Settings shared by the three waveform-set commands (reference §2.3–2.6): the waveform generator
 * (approximant, sample rate, duration, f_min, f_ref, right_pad), the prior and the seed, checked once
 * at start-up so every bad value fails with one line naming the argument.
 */
import { randomInt } from 'node:crypto';
import { getPrior, type PriorDict } from '@aframe/priors';
import { getApproximant } from '@aframe/waveforms';

/** What a worker needs to generate polarisations (plain data: crosses the thread boundary). */
export interface GeneratorSettings {
  approximant: string;
  sampleRate: number;
  waveformDurationS: number;
  minimumFrequency: number;
  referenceFrequency: number;
  rightPadS: number;
}

/** The config keys every waveform-set command has (snake_case as on the command line). */
export interface WaveformConfig {
  prior: string;
  waveform_approximant: string;
  sample_rate: number;
  waveform_duration: number;
  minimum_frequency: number;
  reference_frequency: number;
  right_pad: number;
  seed: number | null;
}

/** Validate the generator settings and the prior name; returns the generator settings and the prior. */
export function checkWaveformConfig(cfg: WaveformConfig): { settings: GeneratorSettings; prior: PriorDict } {
  if (!(cfg.sample_rate > 0)) throw new Error(`sample_rate must be > 0 Hz, got ${cfg.sample_rate}`);
  if (!(cfg.waveform_duration > 0)) throw new Error(`waveform_duration must be > 0 s, got ${cfg.waveform_duration}`);
  const samples = cfg.waveform_duration * cfg.sample_rate;
  if (Math.abs(samples - Math.round(samples)) > 1e-9 * samples) {
    throw new Error(`waveform_duration · sample_rate must be a whole number of samples, got ${cfg.waveform_duration} s · ${cfg.sample_rate} Hz`);
  }
  if (!(cfg.right_pad >= 0 && cfg.right_pad < cfg.waveform_duration)) {
    throw new Error(`right_pad must be in [0, waveform_duration = ${cfg.waveform_duration}) s, got ${cfg.right_pad}`);
  }
  if (!(cfg.minimum_frequency > 0 && cfg.minimum_frequency < cfg.sample_rate / 2)) {
    throw new Error(`minimum_frequency must be in (0, sample_rate/2 = ${cfg.sample_rate / 2}) Hz, got ${cfg.minimum_frequency}`);
  }
  if (!(cfg.reference_frequency > 0)) throw new Error(`reference_frequency must be > 0 Hz, got ${cfg.reference_frequency}`);
  try {
    getApproximant(cfg.waveform_approximant);
  } catch (e) {
    throw new Error(`waveform_approximant: ${(e as Error).message}`);
  }
  let prior: PriorDict;
  try {
    prior = getPrior(cfg.prior);
  } catch (e) {
    throw new Error(`prior: ${(e as Error).message.replace(/^getPrior: /, '')}`);
  }
  const missing = BILBY_KEYS.filter((k) => !prior.keys.includes(k));
  if (missing.length > 0) {
    throw new Error(`prior ${cfg.prior} does not sample every waveform parameter (missing ${missing.join(', ')})`);
  }
  return {
    settings: {
      approximant: cfg.waveform_approximant,
      sampleRate: cfg.sample_rate,
      waveformDurationS: cfg.waveform_duration,
      minimumFrequency: cfg.minimum_frequency,
      referenceFrequency: cfg.reference_frequency,
      rightPadS: cfg.right_pad,
    },
    prior,
  };
}

/** The 14 bilby parameters stored in every waveform file, in the ledger's field order (§4.2). */
export const BILBY_KEYS = [
  'mass_1', 'mass_2', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl',
  'ra', 'dec', 'redshift', 'psi', 'theta_jn', 'phase',
] as const;

/** The seed to use: the given one, else a fresh random one (logged by the caller so a run can be repeated). */
export function resolveSeed(seed: number | null): number {
  return seed ?? randomInt(0, 2 ** 31);
}

/** Samples per waveform. */
export function waveformLength(s: GeneratorSettings): number {
  return Math.round(s.waveformDurationS * s.sampleRate);
}
