/**
 * `aframe data fetch`: strain for GPS spans, resampled, written as background files (reference §2.2).
 * The span (or every segment of a segment file within it) is split into chunks of at most
 * `maxDuration` seconds as the original's law task does (§1.6); each chunk is one branch, run on a
 * worker pool, and written atomically as `{prefix}-{int(t0)}-{int(dur)}.hdf5`. Existing complete
 * outputs are skipped, so a rerun after an interruption does only the missing chunks.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { backgroundFileName, readBackground } from './background.ts';
import type { Segment } from './segwizard.ts';
import type { GlitchOptions } from './simulated/glitches.ts';
import type { CurveKind } from './simulated/psd-file.ts';
import type { HttpOptions } from './gwosc/http.ts';

export type SourceConfig =
  | { kind: 'gwosc'; baseUrl: string; cacheDir: string; sampleRateKhz: 4 | 16; http?: HttpOptions }
  | { kind: 'files'; patterns: string[]; paths?: string[] }
  | { kind: 'simulated'; seed: number; psdFiles?: Record<string, string>; psdKind?: CurveKind; glitches?: GlitchOptions };

export interface FetchTask {
  source: SourceConfig;
  ifos: string[];
  t0: number;
  durationS: number;
  sampleRate: number;
  outPath: string;
}

export interface FetchResult {
  path: string;
  skipped: boolean;
  glitches: number;
}

/**
 * Chunks of each segment, as the original's Fetch branch map: step = duration if maxDuration is −1
 * (or ≤ 0), else maxDuration; n = floor((duration − 1)/step) + 1; chunk j = (start + j·step,
 * min(duration − j·step, step)).
 */
export function planChunks(segments: Segment[], maxDuration: number): Segment[] {
  const out: Segment[] = [];
  for (const [start, stop] of segments) {
    const duration = stop - start;
    if (duration <= 0) continue;
    const step = maxDuration > 0 ? maxDuration : duration;
    const n = Math.floor((duration - 1) / step) + 1;
    for (let j = 0; j < n; j++) {
      const a = start + j * step;
      out.push([a, a + Math.min(duration - j * step, step)]);
    }
  }
  return out;
}

/** True if `path` exists, opens, and holds every ifo with the expected length and start. */
export async function isCompleteBackground(path: string, ifos: string[], t0: number, durationS: number, sampleRate: number): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    const b = await readBackground(path, ifos);
    const n = Math.round(durationS * sampleRate);
    return b.t0 === t0 && b.sampleRate === sampleRate && ifos.every((i) => b.channels[i].length === n);
  } catch {
    return false;
  }
}

export function fetchTasks(opts: {
  segments: Segment[];
  maxDuration: number;
  ifos: string[];
  sampleRate: number;
  outputDirectory: string;
  prefix: string;
  source: SourceConfig;
}): FetchTask[] {
  mkdirSync(opts.outputDirectory, { recursive: true });
  return planChunks(opts.segments, opts.maxDuration).map(([a, b]) => ({
    source: opts.source,
    ifos: opts.ifos,
    t0: a,
    durationS: b - a,
    sampleRate: opts.sampleRate,
    outPath: join(opts.outputDirectory, backgroundFileName(opts.prefix, a, b - a)),
  }));
}
