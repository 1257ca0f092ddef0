import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createProgress, defineCommand } from '@aframe/cli';
import { intersectSegments } from '@aframe/signal';
import { gwoscBaseUrl } from '../gwosc/api.ts';
import { fetchTasks, type FetchResult, type FetchTask, type SourceConfig } from '../fetch.ts';
import { readSegwizard, type Segment } from '../segwizard.ts';
import { GwoscSource } from '../strain/sources.ts';
import { runBranches } from '../pool.ts';

const OPEN_CHANNEL = /^(H1|L1|V1|K1)$/;

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

export function sourceConfig(cfg: z.infer<typeof fetchParams>, env: Record<string, string | undefined>): SourceConfig {
  switch (cfg.source) {
    case 'gwosc':
      return {
        kind: 'gwosc',
        baseUrl: gwoscBaseUrl(cfg.gwosc_url ?? env.GWOSC_URL),
        cacheDir: cfg.cache_dir ?? join(env.AFRAME_CACHE_DIR ?? join(homedir(), '.cache', 'aframe'), 'gwosc'),
        sampleRateKhz: cfg.gwosc_sample_rate_khz,
        http: { timeoutMs: cfg.timeout_s * 1000, maxAttempts: cfg.retries + 1 },
      };
    case 'files':
      if (cfg.files.length === 0) throw new Error('source=files needs --files with at least one glob pattern');
      return { kind: 'files', patterns: cfg.files };
    case 'simulated': {
      const [snrMin, snrMax] = cfg.glitch_snr_range;
      if (snrMax < snrMin) throw new Error(`glitch_snr_range [${snrMin}, ${snrMax}] must be [low, high]`);
      return {
        kind: 'simulated',
        seed: cfg.seed,
        psdFiles: cfg.psd_files,
        psdKind: cfg.psd_kind,
        glitches: cfg.glitch_rate > 0 ? { rateHz: cfg.glitch_rate, snrMin, snrMax } : undefined,
      };
    }
  }
}

/** Validate, plan and run a fetch; returns the branch results (also used by tests and the pipeline). */
export async function runFetch(
  cfg: z.infer<typeof fetchParams>,
  ctx: { log: (m: string) => void; env?: Record<string, string | undefined> },
): Promise<FetchResult[]> {
  if (!(cfg.end > cfg.start)) throw new Error(`end (${cfg.end}) must be after start (${cfg.start})`);
  for (const ch of cfg.channels) {
    if (!OPEN_CHANNEL.test(ch)) {
      throw new Error(`channel ${ch} is not an open-data detector name (H1, L1, V1); full channel names need NDS2/datafind access, which is not supported`);
    }
  }
  let segments: Segment[] = [[cfg.start, cfg.end]];
  if (cfg.segments_file) segments = intersectSegments(readSegwizard(cfg.segments_file), segments);
  if (segments.length === 0) throw new Error(`${cfg.segments_file}: no segment overlaps GPS [${cfg.start}, ${cfg.end})`);
  const source = sourceConfig(cfg, ctx.env ?? process.env);
  const tasks: FetchTask[] = fetchTasks({
    segments,
    maxDuration: cfg.max_duration,
    ifos: cfg.channels,
    sampleRate: cfg.sample_rate,
    outputDirectory: cfg.output_directory,
    prefix: cfg.prefix,
    source,
  });
  if (source.kind === 'gwosc') {
    // Download every file once, here, so concurrent branches only read the cache.
    const gw = new GwoscSource(source.baseUrl, source.cacheDir, source.sampleRateKhz, { ...source.http, onRetry: ctx.log });
    for (const ifo of cfg.channels) for (const [a, b] of segments) await gw.prefetch(ifo, a, b, ctx.log);
  }
  const progress = createProgress({ label: 'fetch', total: tasks.length, unit: 'chunks', env: ctx.env });
  const results = await runBranches<FetchTask, FetchResult>(new URL('../fetch-worker.ts', import.meta.url), tasks, {
    workers: cfg.nproc ?? undefined,
    onProgress: () => progress.tick(),
  });
  progress.done();
  return results;
}

export const fetchCommand = defineCommand({
  project: 'data',
  name: 'fetch',
  summary: 'Strain for a GPS span (GWOSC, local files or simulated noise) as background HDF5 files',
  description:
    'One {prefix}-{int(t0)}-{int(duration)}.hdf5 per segment chunk, one float64 dataset per ifo with attrs x0 and dx, ' +
    'resampled to sample_rate (61-tap FIR + zero-phase filtering for integer factors). Existing complete files are skipped.',
  params: fetchParams,
  async run(cfg, ctx) {
    const results = await runFetch(cfg, ctx);
    const skipped = results.filter((r) => r.skipped).length;
    ctx.log(`fetch: ${results.length - skipped} file(s) written, ${skipped} already complete, in ${cfg.output_directory}`);
  },
});
