/**
 * zod fields shared by the waveform-set commands (names and defaults of reference §2.4–2.6 / §11.1).
 * Kept free of heavy imports: `aframe --help` loads every command file.
 */
import { z } from 'zod';

export const waveformParamShape = {
  prior: z.string().default('end_o3_ratesandpops').describe('named prior (end_o3_ratesandpops, nonspin_bbh, ...; Python paths like priors.priors.X accepted)'),
  waveform_approximant: z.string().default('IMRPhenomPv2').describe('waveform model: TaylorF2, IMRPhenomD or IMRPhenomPv2'),
  sample_rate: z.number().positive().default(2048).describe('sample rate of the waveforms [Hz]'),
  waveform_duration: z.number().positive().default(8).describe('length of each waveform [s]'),
  minimum_frequency: z.number().positive().default(20).describe('lowest frequency of the waveforms [Hz] (capped at 1899/M_total)'),
  reference_frequency: z.number().positive().default(50).describe('reference frequency of phase and spins [Hz]'),
  right_pad: z.number().nonnegative().default(2).describe('time from coalescence to the end of each waveform [s] (< waveform_duration)'),
  seed: z.number().int().nonnegative().nullable().default(null).describe('random seed (null: a random one, logged)'),
  batch_size: z.number().int().positive().default(256).describe('prior draws per branch (defines the branch plan; results depend on it, not on nproc)'),
  nproc: z.number().int().positive().nullable().default(null).describe('worker threads (default: every core)'),
};

export const projectionParamShape = {
  ifos: z.array(z.string()).min(1).default(['H1', 'L1']).describe('detectors to project onto, e.g. ["H1","L1"]'),
  highpass: z.number().nonnegative().nullable().default(32).describe('lowest frequency in the SNR integral [Hz] (null: from DC)'),
  lowpass: z.number().positive().nullable().default(null).describe('frequencies below this enter the SNR integral [Hz] (null: up to Nyquist)'),
  snr_threshold: z.number().nonnegative().default(4).describe('keep injections with network SNR >= this'),
  max_num_samples: z.number().int().positive().nullable().default(3000).describe('most prior draws launched per rejection-sampling round after the first (bounds speculative work; never changes the result)'),
  time_shift: z.enum(['integer-roll', 'fractional']).default('integer-roll').describe('detector delay: integer-sample roll (ml4gw/Aframe) or exact fractional shift'),
};
