import { z } from 'zod';
import { defineCommand } from '@aframe/cli';

export const queryCommand = defineCommand({
  project: 'data',
  name: 'query',
  summary: 'Science-mode segments from GWOSC, intersected across flags, as a segwizard file',
  description:
    'Open-data flags ({IFO}_DATA for H1, L1, V1) come from GWOSC\'s timeline API; a span across the O3a/O3b ' +
    'break is queried in two pieces. Segments shorter than min_duration are dropped.',
  params: z.object({
    flags: z.array(z.string()).min(1).default(['H1_DATA', 'L1_DATA']).describe('segment flags to intersect, e.g. ["H1_DATA","L1_DATA"]'),
    start: z.number().describe('GPS start of the query span [s]'),
    end: z.number().describe('GPS end of the query span [s]'),
    min_duration: z.number().nonnegative().nullable().default(null).describe('drop segments shorter than this [s]'),
    output_file: z.string().describe('where to write the segwizard segment list'),
    gwosc_url: z.string().nullable().default(null).describe('GWOSC base URL (default: $GWOSC_URL, else https://gwosc.org)'),
    timeout_s: z.number().positive().default(30).describe('HTTP timeout per request without progress [s]'),
    retries: z.number().int().nonnegative().default(4).describe('HTTP retries after a failed request'),
  }),
  async run(cfg, ctx) {
    const { atomicWriteFile } = await import('@aframe/io');
    const { gwoscBaseUrl } = await import('../gwosc/api.ts');
    const { querySegments } = await import('../query.ts');
    const { formatSegwizard } = await import('../segwizard.ts');
    const baseUrl = gwoscBaseUrl(cfg.gwosc_url ?? ctx.env?.GWOSC_URL);
    const segments = await querySegments({
      flags: cfg.flags,
      start: cfg.start,
      end: cfg.end,
      minDuration: cfg.min_duration,
      baseUrl,
      http: { timeoutMs: cfg.timeout_s * 1000, maxAttempts: cfg.retries + 1, onRetry: ctx.log },
    });
    if (segments.length === 0) {
      throw new Error(`no coincident science time for ${cfg.flags.join(', ')} in GPS [${cfg.start}, ${cfg.end})${cfg.min_duration ? ` with min_duration ${cfg.min_duration} s` : ''}`);
    }
    await atomicWriteFile(cfg.output_file, formatSegwizard(segments));
    const live = segments.reduce((s, [a, b]) => s + b - a, 0);
    ctx.log(`wrote ${segments.length} segments (${live} s live) to ${cfg.output_file}`);
  },
});
