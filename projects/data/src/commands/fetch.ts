import { z } from 'zod';
import { defineCommand } from '@aframe/cli';

export const fetchParams = z.object({
  start: z.number().describe('GPS start of the span to fetch [s]'),
  end: z.number().describe('GPS end of the span to fetch [s]'),
  channels: z.array(z.string()).min(1).default(['H1', 'L1']).describe('detectors (open data / simulated): H1, L1, V1'),
  sample_rate: z.number().int().positive().default(2048).describe('output sample rate [Hz]'),
  output_directory: z.string().describe('folder for the {prefix}-{t0}-{duration}.hdf5 files'),
  prefix: z.string().default('background').describe('file name prefix'),
  max_duration: z.number().default(-1).describe('split segments into chunks of at most this many seconds (-1: no split)'),
  segments_file: z.string().nullable().default(null).describe('segwizard file (from `data query`): fetch each of its segments within [start, end)'),
  source: z.enum(['gwosc', 'files', 'simulated']).default('simulated').describe('where strain comes from'),
  gwosc_url: z.string().nullable().default(null).describe('GWOSC base URL (default: $GWOSC_URL, else https://gwosc.org)'),
  gwosc_sample_rate_khz: z.union([z.literal(4), z.literal(16)]).default(4).describe('GWOSC file sample rate to download [kHz]'),
  cache_dir: z.string().nullable().default(null).describe('download cache (default: $AFRAME_CACHE_DIR/gwosc, else ~/.cache/aframe/gwosc)'),
  timeout_s: z.number().positive().default(60).describe('HTTP timeout without progress [s]'),
  retries: z.number().int().nonnegative().default(4).describe('HTTP retries after a failed request'),
  files: z.array(z.string()).default([]).describe('source=files: glob patterns of GWOSC-format HDF5 files'),
  seed: z.number().int().nonnegative().default(1122).describe('source=simulated: random seed'),
  psd_files: z.record(z.string(), z.string()).default({}).describe('source=simulated: ifo → two-column ASD/PSD file (default: O3 actual curves)'),
  psd_kind: z.enum(['auto', 'asd', 'psd']).default('auto').describe('source=simulated: whether psd_files hold ASDs or PSDs'),
  glitch_rate: z.number().nonnegative().default(0).describe('source=simulated: glitches per second per detector (0: none)'),
  glitch_snr_range: z.tuple([z.number().positive(), z.number().positive()]).default([8, 50]).describe('source=simulated: glitch SNR range'),
  nproc: z.number().int().positive().nullable().default(null).describe('worker threads (default: every core)'),
});

export const fetchCommand = defineCommand({
  project: 'data',
  name: 'fetch',
  summary: 'Strain for a GPS span (GWOSC, local files or simulated noise) as background HDF5 files',
  description:
    'One {prefix}-{int(t0)}-{int(duration)}.hdf5 per segment chunk, one float64 dataset per ifo with attrs x0 and dx, ' +
    'resampled to sample_rate (61-tap FIR + zero-phase filtering for integer factors). Existing complete files are skipped.',
  params: fetchParams,
  async run(cfg, ctx) {
    const { runFetch } = await import('../fetch-run.ts');
    const results = await runFetch(cfg, ctx);
    const skipped = results.filter((r) => r.skipped).length;
    ctx.log(`fetch: ${results.length - skipped} file(s) written, ${skipped} already complete, in ${cfg.output_directory}`);
  },
});
