/** `aframe data validation_waveforms` — declaration; the work is in ../waveform-sets/validation.ts. */
import { z } from 'zod';
import { defineCommand } from '@aframe/cli';
import { projectionParamShape, waveformParamShape } from '../waveform-sets/params.ts';

export const validationWaveformsParams = z.object({
  num_signals: z.number().int().positive().describe('number of accepted waveforms'),
  ...waveformParamShape,
  ...projectionParamShape,
  psd: z.string().describe('background HDF5 file (median Welch PSD per ifo, fftlength = waveform_duration) or a two-column ASD/PSD text file'),
  output_file: z.string().describe('WaveformSet HDF5 file to write (e.g. val_waveforms.hdf5)'),
});

export const validationWaveformsCommand = defineCommand({
  project: 'data',
  name: 'validation_waveforms',
  summary: 'Prior draws projected onto the ifos, kept if network SNR >= snr_threshold, as a WaveformSet HDF5 file',
  description:
    'Rejection sampling in passes as the original (first pass num_signals draws, later passes sized by the acceptance rate, ' +
    'capped by max_num_samples, at least num_signals); num_injections counts every draw. ra is used directly as the projection angle.\n' +
    'Batches of batch_size draws run on nproc worker threads; the file is the same for a given seed whatever nproc.',
  params: validationWaveformsParams,
  async run(cfg, ctx) {
    const { runValidationWaveforms } = await import('../waveform-sets/validation.ts');
    await runValidationWaveforms(cfg, ctx);
  },
});
