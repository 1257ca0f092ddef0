import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGwosc, SHARED_DATA, type FakeGwosc } from './helpers/gwosc-server.ts';
import { querySegments, querySpans, O3A_END, O3B_START } from '../src/query.ts';
import { formatSegwizard, parseSegwizard } from '../src/segwizard.ts';
import { queryCommand } from '../src/commands/query.ts';

let gw: FakeGwosc;
let dir: string;
before(async () => {
  gw = await startFakeGwosc();
  dir = mkdtempSync(join(tmpdir(), 'query-'));
});
after(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Independent reference: coincident seconds by brute force over the real segment files. */
function bruteForce(files: string[], start: number, end: number, minDuration: number): [number, number][] {
  const live = new Uint8Array(end - start).fill(1);
  for (const f of files) {
    const mine = new Uint8Array(end - start);
    for (const line of readFileSync(join(SHARED_DATA, 'segments/gwosc_timeline_H1L1_DATA', f), 'utf8').split('\n')) {
      const [a, b] = line.trim().split(/\s+/).map(Number);
      if (!Number.isFinite(a)) continue;
      for (let t = Math.max(a, start); t < Math.min(b, end); t++) mine[t - start] = 1;
    }
    for (let i = 0; i < live.length; i++) live[i] &= mine[i];
  }
  const out: [number, number][] = [];
  let i = 0;
  while (i < live.length) {
    if (!live[i]) { i++; continue; }
    let j = i;
    while (j < live.length && live[j]) j++;
    if (j - i >= minDuration) out.push([start + i, start + j]);
    i = j;
  }
  return out;
}

const fast = { timeoutMs: 2000, backoffMs: 10, maxAttempts: 3 };

test('H1∩L1 segments over two days of O1 equal a brute-force intersection of the real lists', async () => {
  const start = 1126051217;
  const end = start + 200000;
  const segs = await querySegments({ flags: ['H1_DATA', 'L1_DATA'], start, end, minDuration: 64, baseUrl: gw.url, http: fast });
  assert.deepEqual(segs, bruteForce(['o1_H1_times.dat', 'o1_L1_times.dat'], start, end, 64));
  assert.ok(segs.length > 3);
});

test('a span across the O3a/O3b break is queried in two pieces', async () => {
  assert.deepEqual(querySpans(1253900000, 1256700000), [[1253900000, O3A_END], [O3B_START, 1256700000]]);
  assert.deepEqual(querySpans(1253900000, 1253970000), [[1253900000, 1253970000]]);
  gw.log.length = 0;
  const start = 1253960000;
  const end = 1256670000;
  const segs = await querySegments({ flags: ['H1_DATA'], start, end, baseUrl: gw.url, http: fast });
  const timeline = gw.log.filter((l) => l.includes('/timeline/'));
  assert.ok(timeline.some((l) => l.includes('/O3a_4KHZ_R1/H1_DATA/1253960000/')), timeline.join('\n'));
  assert.ok(timeline.some((l) => l.includes(`/O3b_4KHZ_R1/H1_DATA/${O3B_START}/`)), timeline.join('\n'));
  const a = bruteForce(['o3a_H1_times.dat'], start, O3A_END, 0);
  const b = bruteForce(['o3b_H1_times.dat'], O3B_START, end, 0);
  assert.deepEqual(segs, [...a, ...b]);
});

test('non-open flags are refused with one clear line', async () => {
  await assert.rejects(
    querySegments({ flags: ['H1:DMT-ANALYSIS_READY:1'], start: 0, end: 10, baseUrl: gw.url }),
    /not an open-data flag.*authenticated segment database/,
  );
});

test('segwizard output matches the original format and parses back', () => {
  const text = formatSegwizard([[1126073529, 1126114861], [1126121462.5, 1126123267]]);
  assert.equal(text, '# seg\tstart\tstop\tduration\n0\t1126073529\t1126114861\t41332.0\n1\t1126121462.5\t1126123267\t1804.5\n');
  assert.deepEqual(parseSegwizard(text), [[1126073529, 1126114861], [1126121462.5, 1126123267]]);
});

test('query command writes the segment file; an empty result is an error', async () => {
  const out = join(dir, 'segments.txt');
  const ctx = { log: () => {}, quiet: true, env: { GWOSC_URL: gw.url } };
  await queryCommand.run(
    { flags: ['H1_DATA', 'L1_DATA'], start: 1126259446, end: 1126259478, min_duration: null, output_file: out, gwosc_url: null, timeout_s: 5, retries: 1 },
    ctx,
  );
  assert.equal(readFileSync(out, 'utf8'), '# seg\tstart\tstop\tduration\n0\t1126259446\t1126259478\t32.0\n');
  await assert.rejects(
    async () =>
      queryCommand.run(
      { flags: ['H1_DATA'], start: 1126259446, end: 1126259478, min_duration: 100, output_file: join(dir, 'none.txt'), gwosc_url: null, timeout_s: 5, retries: 1 },
      ctx,
    ),
    /no coincident science time/,
  );
});
