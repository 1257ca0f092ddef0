/** Planning and running `aframe data fetch` (the command declaration is in ./commands/fetch.ts). */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { createProgress } from '@aframe/cli';
import { intersectSegments } from '@aframe/signal';
import { gwoscBaseUrl } from './gwosc/api.ts';
import { fetchTasks, type FetchResult, type FetchTask, type SourceConfig } from './fetch.ts';
import { readSegwizard, type Segment } from './segwizard.ts';
import { GwoscSource } from './strain/sources.ts';
import { runBranches } from './pool.ts';
import type { fetchParams } from './commands/fetch.ts';

const OPEN_CHANNEL = /^(H1|L1|V1|K1)$/;

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
  let source = sourceConfig(cfg, ctx.env ?? process.env);
  if (source.kind === 'gwosc') {
    // Download every file once, here; the branches then read the cached files like local ones and
    // make no further API calls (nor race each other for a download).
    const gw = new GwoscSource(source.baseUrl, source.cacheDir, source.sampleRateKhz, { ...source.http, onRetry: ctx.log });
    const paths: string[] = [];
    for (const ifo of cfg.channels) for (const [a, b] of segments) paths.push(...(await gw.prefetch(ifo, a, b, ctx.log)));
    source = { kind: 'files', patterns: [], paths };
  }
  const tasks: FetchTask[] = fetchTasks({
    segments,
    maxDuration: cfg.max_duration,
    ifos: cfg.channels,
    sampleRate: cfg.sample_rate,
    outputDirectory: cfg.output_directory,
    prefix: cfg.prefix,
    source,
  });
  const progress = createProgress({ label: 'fetch', total: tasks.length, unit: 'chunks', env: ctx.env });
  const results = await runBranches<FetchTask, FetchResult>(new URL('./fetch-worker.ts', import.meta.url), tasks, {
    workers: cfg.nproc ?? undefined,
    onProgress: () => progress.tick(),
  });
  progress.done();
  return results;
}

