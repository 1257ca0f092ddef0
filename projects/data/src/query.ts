/**
 * Science-mode segments from GWOSC (reference §2.1): the open-data flags `{IFO}_DATA` of every
 * requested detector are fetched from the timeline API of each run overlapping the span, intersected
 * across flags (coincident time), and segments shorter than `minDuration` dropped. A span straddling
 * the O3a/O3b break is queried as two pieces, as the original does.
 */
import { intersectSegments, unionSegments } from '@aframe/signal';
import { listRuns, timelineSegments } from './gwosc/api.ts';
import type { HttpOptions } from './gwosc/http.ts';
import type { Segment } from './segwizard.ts';

export const O3A_END = 1253977218;
export const O3B_START = 1256655618;
const OPEN_FLAG = /^(H1|L1|V1)_DATA$/;

export interface QueryOptions {
  flags: string[];
  start: number;
  end: number;
  minDuration?: number | null;
  baseUrl: string;
  http?: HttpOptions;
}

/** The sub-spans queried separately: the O3a/O3b break splits a span that covers it. */
export function querySpans(start: number, end: number): Segment[] {
  if (start < O3A_END && end > O3B_START) return [[start, O3A_END], [O3B_START, end]];
  return [[start, end]];
}

/** Segments of one open flag over [start, end), from every run overlapping the span. */
async function flagSegments(base: string, flag: string, start: number, end: number, http: HttpOptions): Promise<Segment[]> {
  const ifo = flag.slice(0, 2);
  const runs = (await listRuns(base, start, end, http)).filter(
    (r) => r.gpsStart < end && r.gpsEnd > start && (r.detectors.length === 0 || r.detectors.includes(ifo)),
  );
  let segs: Segment[] = [];
  for (const run of runs) {
    const a = Math.max(start, run.gpsStart);
    const b = Math.min(end, run.gpsEnd);
    segs = unionSegments(segs, await timelineSegments(base, run.name, flag, a, b, http));
  }
  return segs;
}

export async function querySegments(opts: QueryOptions): Promise<Segment[]> {
  const { flags, start, end } = opts;
  if (!(end > start)) throw new Error(`end (${end}) must be after start (${start})`);
  if (flags.length === 0) throw new Error('flags must name at least one segment flag, e.g. ["H1_DATA","L1_DATA"]');
  for (const flag of flags) {
    if (!OPEN_FLAG.test(flag)) {
      throw new Error(
        `flag ${flag} is not an open-data flag (H1_DATA, L1_DATA, V1_DATA); other flags need an authenticated segment database (DQSegDB), which is not supported`,
      );
    }
  }
  const http = opts.http ?? {};
  const out: Segment[] = [];
  for (const [a, b] of querySpans(start, end)) {
    let coincident: Segment[] | null = null;
    for (const flag of flags) {
      const segs = await flagSegments(opts.baseUrl, flag, a, b, http);
      coincident = coincident === null ? segs : intersectSegments(coincident, segs);
    }
    out.push(...(coincident ?? []));
  }
  const minDuration = opts.minDuration ?? 0;
  return out.filter(([a, b]) => b - a >= minDuration);
}
