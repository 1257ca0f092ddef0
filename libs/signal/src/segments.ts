/**
 * Segment arithmetic on GPS intervals [start, stop) (reference §2.1 query, §2.6 segment/shift helpers).
 * Lists are normalised (sorted, overlapping or touching segments merged, as gwpy's `coalesce`) by every
 * set operation.
 */

export type Segment = [start: number, stop: number];

function checkSegment(s: Segment, name: string): void {
  if (!Array.isArray(s) || s.length !== 2 || !Number.isFinite(s[0]) || !Number.isFinite(s[1]) || s[1] < s[0]) {
    throw new Error(`${name} must be a [start, stop] pair of finite GPS times with start <= stop, got ${JSON.stringify(s)}`);
  }
}

/** Sorted, merged copy (empty segments dropped; touching segments [a,b],[b,c] merged into [a,c]). */
export function coalesce(segments: readonly Segment[]): Segment[] {
  segments.forEach((s, i) => checkSegment(s, `segments[${i}]`));
  const sorted = segments.filter((s) => s[1] > s[0]).map((s) => [s[0], s[1]] as Segment);
  sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push(s);
  }
  return out;
}

/** Union of any number of segment lists. */
export function unionSegments(...lists: readonly (readonly Segment[])[]): Segment[] {
  return coalesce(lists.flat());
}

/** Intersection of two or more segment lists (time covered by every list). */
export function intersectSegments(...lists: readonly (readonly Segment[])[]): Segment[] {
  if (lists.length === 0) return [];
  let acc = coalesce(lists[0]);
  for (let l = 1; l < lists.length; l++) {
    const other = coalesce(lists[l]);
    const out: Segment[] = [];
    let i = 0;
    let j = 0;
    while (i < acc.length && j < other.length) {
      const start = Math.max(acc[i][0], other[j][0]);
      const stop = Math.min(acc[i][1], other[j][1]);
      if (stop > start) out.push([start, stop]);
      if (acc[i][1] < other[j][1]) i++;
      else j++;
    }
    acc = out;
  }
  return acc;
}

/** Keeps segments with stop − start >= minDuration (reference §2.1 step 3). */
export function filterMinDuration(segments: readonly Segment[], minDuration: number): Segment[] {
  if (!Number.isFinite(minDuration) || minDuration < 0) throw new Error(`minDuration must be a finite number >= 0 seconds, got ${minDuration}`);
  return segments.filter((s) => s[1] - s[0] >= minDuration).map((s) => [s[0], s[1]] as Segment);
}

/**
 * Coincident science time of several detectors: the intersection of their segment lists, then the
 * minimum-duration filter (reference §2.1 steps 2–3).
 */
export function coincidentSegments(perDetector: Record<string, readonly Segment[]>, minDuration?: number | null): Segment[] {
  const names = Object.keys(perDetector);
  if (names.length === 0) throw new Error('perDetector must name at least one detector');
  const inter = intersectSegments(...names.map((n) => perDetector[n]));
  return minDuration === undefined || minDuration === null ? inter : filterMinDuration(inter, minDuration);
}

/** Total duration of a segment list after coalescing, seconds. */
export function livetime(segments: readonly Segment[]): number {
  return coalesce(segments).reduce((acc, s) => acc + (s[1] - s[0]), 0);
}

/** `segments_from_paths`: [t0, t0+length] from `(\d{10}\.*\d*)-(\d+\.*\d*)` in each path; others skipped. */
export function segmentsFromPaths(paths: readonly string[]): Segment[] {
  const out: Segment[] = [];
  const re = /(\d{10}\.*\d*)-(\d+\.*\d*)/;
  for (const p of paths) {
    const m = re.exec(p);
    if (!m) continue;
    const t0 = Number(m[1]);
    out.push([t0, t0 + Number(m[2])]);
  }
  return out;
}

/** `is_analyzeable_segment`: (stop − start) − max(shifts) − psdLength > 0. */
export function isAnalyzeableSegment(start: number, stop: number, shifts: readonly number[], psdLength: number): boolean {
  return stop - start - Math.max(...shifts) - psdLength > 0;
}

/** `get_num_shifts_from_Tb`: smallest number of shifts whose cumulative livetime reaches Tb. */
export function numShiftsFromTb(segments: readonly Segment[], Tb: number, shift: number, psdLength: number): number {
  if (Tb === 0) return 0;
  if (!(shift > 0)) throw new Error(`shift must be > 0 seconds, got ${shift}`);
  const ds = segments.map((s) => s[1] - s[0] - psdLength);
  let livetimeS = 0;
  let n = 0;
  while (livetimeS < Tb) {
    n += 1;
    let added = 0;
    for (const d of ds) if (d - shift * n > 0) added += d - shift * n;
    if (added === 0) throw new Error(`Tb=${Tb} s cannot be reached: segments are too short for shift=${shift}·${n}`);
    livetimeS += added;
  }
  return n;
}

/** `get_num_shifts_from_num_signals` (reference §2.6). */
export function numShiftsFromNumSignals(
  segments: readonly Segment[],
  numSignals: number,
  waveformDuration: number,
  spacing: number,
  shift: number,
  buffer: number,
): number {
  const bufferP = buffer + Math.floor(waveformDuration / 2);
  const spacingP = spacing + waveformDuration;
  const T = segments.reduce((acc, s) => acc + (s[1] - s[0]), 0);
  const a = -shift / 2;
  const b = T - 2 * bufferP - shift / 2;
  const c = -numSignals * spacingP;
  // `+ 0` turns the −0 produced for numSignals = 0 into 0
  return Math.ceil((-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a)) + 0;
}

/** `x_per_y`: ceil division for non-negative x, floor((x−1)/y) + 1 (0 for x = 0). */
export function xPerY(x: number, y: number): number {
  return Math.floor((x - 1) / y) + 1;
}

/** Formats a segwizard table: header `# seg\tstart\tstop\tduration`, then `i\tstart\tstop\tduration`. */
export function formatSegwizard(segments: readonly Segment[]): string {
  const fmtT = (t: number): string => (Number.isInteger(t) ? String(t) : String(t));
  const fmtD = (d: number): string => (Number.isInteger(d) ? `${d}.0` : String(d));
  const lines = ['# seg\tstart\tstop\tduration'];
  segments.forEach((s, i) => lines.push(`${i}\t${fmtT(s[0])}\t${fmtT(s[1])}\t${fmtD(s[1] - s[0])}`));
  return lines.join('\n') + '\n';
}

/**
 * Parses segment tables: segwizard (`index start stop duration`), 3-column (`start stop duration`) or
 * 2-column (`start stop`) lines; '#' comments and blank lines skipped.
 */
export function parseSegments(text: string, source = 'segments'): Segment[] {
  const out: Segment[] = [];
  text.split(/\r?\n/).forEach((raw, li) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('%')) return;
    const cols = line.split(/[\s,]+/).map(Number);
    if (cols.some((v) => !Number.isFinite(v)) || cols.length < 2 || cols.length > 4) {
      throw new Error(`${source} line ${li + 1} must hold 2–4 numeric columns (start stop [duration] or index start stop duration), got "${line}"`);
    }
    let seg: Segment;
    if (cols.length === 4) seg = [cols[1], cols[2]];
    else seg = [cols[0], cols[1]];
    checkSegment(seg, `${source} line ${li + 1}`);
    out.push(seg);
  });
  return out;
}
