/** `aframe data testing_waveforms` — declaration; the work is in ../waveform-sets/testing.ts. */
import { z } from 'zod';
import { defineCommand } from '@aframe/cli';
import { projectionParamShape, waveformParamShape } from '../waveform-sets/params.ts';

export const testingWaveformsParams = z.object({
  start: z.number().describe('GPS start of the segment [s]'),
  end: z.number().describe('GPS end of the segment [s]'),
  shifts: z.array(z.number()).min(1).default([0, 1]).describe('time shift of each ifo [s], e.g. [0, 1]'),
  spacing: z.number().nonnegative().default(16).describe('gap between consecutive waveforms [s] (added to waveform_duration)'),
  buffer: z.number().nonnegative().default(16).describe('margin at both ends of the segment [s] (plus floor(waveform_duration/2))'),
  jitter: z.number().nonnegative().default(0.1).describe('injection times get Uniform(-jitter, jitter) added [s]'),
  ...waveformParamShape,
  ...projectionParamShape,
  psd_file: z.string().describe('background HDF5 file (median Welch PSD per ifo) or a two-column ASD/PSD text file'),
  output_dir: z.string().describe('folder for waveforms.hdf5 and rejected-parameters.hdf5'),
});

export const testingWaveformsCommand = defineCommand({
  project: 'data',
  name: 'testing_waveforms',
  summary: 'Injection campaign for one segment and shift: waveforms.hdf5 (responses, times, shifts) + rejected-parameters.hdf5',
  description:
    'Times: arange(start + buffer + floor(wd/2), end - max(shifts) - buffer - floor(wd/2), spacing + wd) + Uniform(-jitter, jitter).\n' +
    'One waveform per time by rejection sampling on network SNR (as validation_waveforms). With a seed, the campaign seed is ' +
    'seed + adler32(str((start, end) + tuple(shifts))).',
  params: testingWaveformsParams,
  async run(cfg, ctx) {
    const { runTestingWaveforms } = await import('../waveform-sets/testing.ts');
    await runTestingWaveforms(cfg, ctx);
  },
});
