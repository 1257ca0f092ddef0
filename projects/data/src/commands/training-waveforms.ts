/** `aframe data training_waveforms` — declaration; the work is in ../waveform-sets/training.ts. */
import { z } from 'zod';
import { defineCommand } from '@aframe/cli';
import { waveformParamShape } from '../waveform-sets/params.ts';

export const trainingWaveformsParams = z.object({
  num_signals: z.number().int().positive().describe('number of waveforms'),
  ...waveformParamShape,
  output_file: z.string().describe('WaveformPolarizationSet HDF5 file to write (e.g. training_waveforms.hdf5)'),
});

export const trainingWaveformsCommand = defineCommand({
  project: 'data',
  name: 'training_waveforms',
  summary: 'Prior draws → plus/cross polarisations, as a WaveformPolarizationSet HDF5 file',
  description:
    'Masses are converted to the detector frame, distances are Planck15 d_L(z); coalescence at (duration - right_pad)*sample_rate.\n' +
    'Batches of batch_size waveforms run on nproc worker threads; the file is the same for a given seed whatever nproc.\n' +
    'An existing complete output is kept; an interrupted run resumes from its branch files.',
  params: trainingWaveformsParams,
  async run(cfg, ctx) {
    const { runTrainingWaveforms } = await import('../waveform-sets/training.ts');
    await runTrainingWaveforms(cfg, ctx);
  },
});
