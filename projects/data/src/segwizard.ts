/**
 * Segment lists in the original's "segwizard" text format (`# seg\tstart\tstop\tduration`, then
 * `{i}\t{start}\t{stop}\t{duration}`); formatting and parsing live in @aframe/signal's segment module.
 */
import { readFileSync } from 'node:fs';
import { formatSegwizard, parseSegments, type Segment } from '@aframe/signal';

export type { Segment };
export { formatSegwizard };

export function parseSegwizard(text: string, name = 'segment file'): Segment[] {
  return parseSegments(text, name);
}

export function readSegwizard(path: string): Segment[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`segment file ${path} cannot be read`);
  }
  return parseSegments(text, path);
}
