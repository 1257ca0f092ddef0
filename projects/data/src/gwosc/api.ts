/**
 * The GWOSC endpoints aframe uses (see the data project's README for the URL shapes):
 * - v1 run discovery `GET {base}/archive/{start}/{end}/json/` → `runs`;
 * - v1 timeline segments `GET {base}/timeline/segments/json/{run}/{flag}/{start}/{duration}/`;
 * - v2 bulk strain files `GET {base}/api/v2/runs/{run}/strain-files?detector=&start=&stop=&sample-rate=`
 *   (paginated through `next`).
 */
import { getJson, type HttpOptions } from './http.ts';

export const DEFAULT_GWOSC_URL = 'https://gwosc.org';

/** The base URL: explicit argument, else $GWOSC_URL, else GWOSC's public host. No trailing slash. */
export function gwoscBaseUrl(explicit?: string | null): string {
  const url = explicit || process.env.GWOSC_URL || DEFAULT_GWOSC_URL;
  return url.replace(/\/+$/, '');
}

/** Pseudo-runs that the archive endpoint lists beside real observing runs. */
const PSEUDO_RUNS = new Set(['tenyear', 'history', 'oldhistory']);

export interface RunInfo {
  name: string;
  gpsStart: number;
  gpsEnd: number;
  detectors: string[];
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

/** All runs (datasets) the archive lists as overlapping [start, end). */
export async function listRuns(base: string, start: number, end: number, http: HttpOptions = {}): Promise<RunInfo[]> {
  const url = `${base}/archive/${Math.floor(start)}/${Math.ceil(end)}/json/`;
  const body = await getJson<{ runs?: Record<string, { GPSstart: number; GPSend: number; detectors?: string[] }> }>(url, http);
  if (!body || typeof body !== 'object' || !body.runs) {
    throw new Error(`GWOSC archive response from ${url} has no "runs" object`);
  }
  return Object.entries(body.runs)
    .filter(([name]) => !PSEUDO_RUNS.has(name))
    .map(([name, r]) => ({ name, gpsStart: Number(r.GPSstart), gpsEnd: Number(r.GPSend), detectors: r.detectors ?? [] }));
}

/**
 * The run overlapping [start, end) the most (ties: the first listed), optionally restricted to runs
 * that include `detector`. Throws when no run overlaps the span.
 */
export async function findRun(
  base: string,
  start: number,
  end: number,
  http: HttpOptions = {},
  detector?: string,
): Promise<RunInfo> {
  const runs = await listRuns(base, start, end, http);
  let best: RunInfo | undefined;
  let bestOverlap = 0;
  for (const r of runs) {
    if (detector && r.detectors.length && !r.detectors.includes(detector)) continue;
    const o = overlap(start, end, r.gpsStart, r.gpsEnd);
    if (o > bestOverlap) {
      best = r;
      bestOverlap = o;
    }
  }
  if (!best) throw new Error(`no GWOSC run covers GPS [${start}, ${end})${detector ? ` for ${detector}` : ''}`);
  return best;
}

/** Segments [start, stop) of a timeline flag (e.g. `H1_DATA`), clipped by the server to the window. */
export async function timelineSegments(
  base: string,
  run: string,
  flag: string,
  start: number,
  end: number,
  http: HttpOptions = {},
): Promise<[number, number][]> {
  const s = Math.floor(start);
  const duration = Math.ceil(end) - s; // the last path element is a duration, not an end time
  const url = `${base}/timeline/segments/json/${run}/${flag}/${s}/${duration}/`;
  const body = await getJson<{ segments?: unknown }>(url, http);
  if (!body || !Array.isArray(body.segments)) throw new Error(`GWOSC timeline response from ${url} has no "segments" list`);
  return body.segments.map((seg, i) => {
    if (!Array.isArray(seg) || seg.length < 2) throw new Error(`GWOSC timeline ${url}: segment ${i} is not [start, stop]`);
    return [Number(seg[0]), Number(seg[1])] as [number, number];
  });
}

export interface StrainFileRecord {
  gpsStart: number;
  detector: string;
  sampleRateKhz: number;
  /** Absolute URL of the HDF5 file. */
  hdf5Url: string;
}

/** Turn a possibly relative URL into an absolute one against the base; drop the `format=api` suffix. */
export function absoluteUrl(base: string, url: string): string {
  const u = new URL(url, `${base}/`);
  if (u.searchParams.get('format') === 'api') u.searchParams.delete('format');
  return u.toString();
}

/** Bulk strain files of `detector` in `run` overlapping [start, stop), following pagination. */
export async function strainFiles(
  base: string,
  run: string,
  detector: string,
  start: number,
  stop: number,
  sampleRateKhz: 4 | 16,
  http: HttpOptions = {},
): Promise<StrainFileRecord[]> {
  const runName = run.replace(/_(4|16)KHZ_R\d+$/, ''); // v2 names runs without the dataset suffix
  let url: string | null =
    `${base}/api/v2/runs/${runName}/strain-files?detector=${detector}&start=${Math.floor(start)}` +
    `&stop=${Math.ceil(stop)}&sample-rate=${sampleRateKhz}`;
  const out: StrainFileRecord[] = [];
  for (let page = 0; url; page++) {
    if (page > 1000) throw new Error(`GWOSC strain-files listing for ${detector} did not end after 1000 pages`);
    const body: { results?: Record<string, unknown>[]; next?: string | null } = await getJson(url, http);
    if (!body || !Array.isArray(body.results)) throw new Error(`GWOSC strain-files response from ${url} has no "results" list`);
    for (const r of body.results) {
      if (typeof r.hdf5_url !== 'string') continue;
      out.push({
        gpsStart: Number(r.gps_start),
        detector: String(r.detector),
        sampleRateKhz: Number(r.sample_rate_kHz),
        hdf5Url: absoluteUrl(base, r.hdf5_url),
      });
    }
    url = body.next ? absoluteUrl(base, body.next) : null;
  }
  return out.sort((a, b) => a.gpsStart - b.gpsStart);
}
