import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  coalesce, unionSegments, intersectSegments, filterMinDuration, coincidentSegments, livetime, segmentsFromPaths,
  isAnalyzeableSegment, numShiftsFromTb, numShiftsFromNumSignals, xPerY, formatSegwizard, parseSegments,
} from '../src/index.ts';
import type { Segment } from '../src/index.ts';
import { SHARED_DATA } from './refs.ts';

test('coalesce sorts and merges overlapping and touching segments', () => {
  assert.deepEqual(coalesce([[10, 20], [0, 5], [5, 7], [15, 30], [40, 40]]), [[0, 7], [10, 30]]);
  assert.throws(() => coalesce([[5, 1]]), /segments\[0\] must be a \[start, stop\] pair/);
});

test('intersection and union of segment lists', () => {
  const a: Segment[] = [[0, 10], [20, 30]];
  const b: Segment[] = [[5, 25], [28, 40]];
  assert.deepEqual(intersectSegments(a, b), [[5, 10], [20, 25], [28, 30]]);
  assert.deepEqual(unionSegments(a, b), [[0, 40]]);
  assert.deepEqual(intersectSegments(a, b, [[0, 21]]), [[5, 10], [20, 21]]);
  assert.deepEqual(intersectSegments(a, []), []);
});

test('minimum-duration filter keeps stop − start >= min (reference §2.1)', () => {
  assert.deepEqual(filterMinDuration([[0, 10], [20, 29.5], [40, 50]], 10), [[0, 10], [40, 50]]);
  assert.throws(() => filterMinDuration([], -1), /minDuration must be a finite number >= 0/);
});

test('coincident O1 H1/L1 science segments: contain GW150914 and are inside both inputs', () => {
  const read = (name: string): Segment[] =>
    parseSegments(readFileSync(new URL(`segments/gwosc_timeline_H1L1_DATA/${name}`, SHARED_DATA), 'utf8'), name);
  const h1 = read('o1_H1_times.dat');
  const l1 = read('o1_L1_times.dat');
  assert.equal(h1.length, 655);
  assert.equal(livetime(h1), 6626962); // live time stated in shared/data/README.md
  assert.equal(livetime(l1), 5685921);
  const both = coincidentSegments({ H1: h1, L1: l1 });
  const gps = 1126259462.4;
  assert.ok(both.some(([s, e]) => s <= gps && gps < e), 'GW150914 in coincident time');
  // intersection is no longer than either input, and intersecting again with either input changes nothing
  assert.ok(livetime(both) <= Math.min(livetime(h1), livetime(l1)));
  assert.deepEqual(intersectSegments(both, h1), both);
  assert.deepEqual(intersectSegments(both, l1), both);
  const long = coincidentSegments({ H1: h1, L1: l1 }, 4096);
  assert.ok(long.every(([s, e]) => e - s >= 4096));
  assert.ok(long.length < both.length);
});

test('segment/shift helpers reproduce the reference test values (§2.6)', () => {
  assert.deepEqual(segmentsFromPaths(['/a/background-1240000000-4096.hdf5', 'junk.txt', 'b/x-1240004096.5-100.hdf5']), [
    [1240000000, 1240004096],
    [1240004096.5, 1240004196.5],
  ]);
  assert.equal(isAnalyzeableSegment(0, 100, [0, 1], 64), true);
  assert.equal(isAnalyzeableSegment(0, 65, [0, 1], 64), false);
  assert.equal(numShiftsFromTb([[0, 200]], 1000, 1, 64), 8);
  assert.equal(numShiftsFromTb([[0, 600], [1000, 1600]], 2000, 1, 64), 2);
  assert.equal(numShiftsFromTb([[0, 600]], 0, 1, 64), 0);
  assert.equal(numShiftsFromNumSignals([[0, 10000]], 0, 8, 16, 1, 8), 0);
  assert.equal(numShiftsFromNumSignals([[0, 10000]], 1, 8, 16, 1, 8), 1);
  assert.equal(numShiftsFromNumSignals([[0, 5000], [10000, 15000]], 1000, 8, 16, 1, 8), 3);
  assert.equal(xPerY(0, 5), 0);
  assert.equal(xPerY(10, 5), 2);
  assert.equal(xPerY(11, 5), 3);
});

test('segwizard formatting round-trips through the parser', () => {
  const segs: Segment[] = [[1238166018, 1238173847], [1238180000.5, 1238190000]];
  const text = formatSegwizard(segs);
  assert.equal(text.split('\n')[0], '# seg\tstart\tstop\tduration');
  assert.equal(text.split('\n')[1], '0\t1238166018\t1238173847\t7829.0');
  assert.deepEqual(parseSegments(text), segs);
  assert.throws(() => parseSegments('1 2 3 4 5'), /must hold 2–4 numeric columns/);
});
