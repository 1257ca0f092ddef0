/**
 * Segment lists in the original's "segwizard" text format:
 *   `# seg\tstart\tstop\tduration` then `{i}\t{start}\t{stop}\t{duration}` per segment, GPS seconds;
 * start/stop printed without a trailing `.0` when integral, duration always as a float (`7829.0`),
 * as Python's `str(float)` prints it.
 */
import { readFileSync } from 'node:fs';

export type Segment = [start: number, stop: number];

/** Python's str() of a float: integral values keep one decimal (`7829.0`). */
function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

export function formatSegwizard(segments: Segment[]): string {
  const lines = ['# seg\tstart\tstop\tduration'];
  segments.forEach(([a, b], i) => lines.push(`${i}\t${a}\t${b}\t${pyFloat(b - a)}`));
  return lines.join('\n') + '\n';
}

/** Parse a segwizard file (header and `#` lines skipped; columns index start stop duration). */
export function parseSegwizard(text: string, name = 'segment file'): Segment[] {
  const out: Segment[] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const cols = t.split(/\s+/);
    if (cols.length < 3) throw new Error(`${name}:${i + 1}: expected "index start stop duration", got "${t}"`);
    const [start, stop] = cols.length >= 4 ? [Number(cols[1]), Number(cols[2])] : [Number(cols[0]), Number(cols[1])];
    if (!Number.isFinite(start) || !Number.isFinite(stop) || stop < start) {
      throw new Error(`${name}:${i + 1}: bad segment "${t}" (expected numeric start <= stop)`);
    }
    out.push([start, stop]);
  });
  return out;
}

export function readSegwizard(path: string): Segment[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`segment file ${path} cannot be read`);
  }
  return parseSegwizard(text, path);
}
