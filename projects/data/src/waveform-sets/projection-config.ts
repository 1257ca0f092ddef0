/** Checks of the projection / SNR settings shared by validation_waveforms and testing_waveforms. */
import { isIfoName } from '@aframe/detectors';
import type { ProjectionSettings } from './rejection-worker.ts';

export interface ProjectionConfig {
  ifos: string[];
  highpass: number | null;
  lowpass: number | null;
  snr_threshold: number;
  max_num_samples: number | null;
  time_shift: 'integer-roll' | 'fractional';
}

export function checkProjectionConfig(cfg: ProjectionConfig, sampleRate: number): void {
  if (cfg.ifos.length === 0) throw new Error('ifos must name at least one detector, e.g. ["H1","L1"]');
  for (const ifo of cfg.ifos) if (!isIfoName(ifo)) throw new Error(`ifos: unknown detector '${ifo}' (known: H1, L1, V1, K1)`);
  if (new Set(cfg.ifos).size !== cfg.ifos.length) throw new Error(`ifos must be distinct, got ${JSON.stringify(cfg.ifos)}`);
  if (cfg.highpass !== null && !(cfg.highpass >= 0 && cfg.highpass < sampleRate / 2)) {
    throw new Error(`highpass must be in [0, sample_rate/2 = ${sampleRate / 2}) Hz, got ${cfg.highpass}`);
  }
  if (cfg.lowpass !== null && !(cfg.lowpass > (cfg.highpass ?? 0))) {
    throw new Error(`lowpass must be > highpass (${cfg.highpass ?? 0} Hz), got ${cfg.lowpass}`);
  }
  if (!(cfg.snr_threshold >= 0)) throw new Error(`snr_threshold must be >= 0, got ${cfg.snr_threshold}`);
}

export function projectionSettings(cfg: ProjectionConfig, psds: Float64Array[]): ProjectionSettings {
  return {
    ifos: cfg.ifos,
    psds,
    highpass: cfg.highpass,
    lowpass: cfg.lowpass,
    snrThreshold: cfg.snr_threshold,
    timeShift: cfg.time_shift,
  };
}
