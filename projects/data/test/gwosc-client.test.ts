import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGwosc, SHARED_DATA, GW150914_FILES, type FakeGwosc } from './helpers/gwosc-server.ts';
import { findRun, timelineSegments, strainFiles, gwoscBaseUrl } from '../src/gwosc/api.ts';
import { downloadToCache } from '../src/gwosc/http.ts';
import { readGwoscStrain } from '../src/gwosc/strain-file.ts';

let gw: FakeGwosc;
let cache: string;
// 1.5 s without progress counts as a stall: long enough that a loaded CI machine never trips it by accident.
const fast = { timeoutMs: 1500, backoffMs: 10, maxAttempts: 4 };

before(async () => {
  gw = await startFakeGwosc();
  cache = mkdtempSync(join(tmpdir(), 'gwosc-cache-'));
});
after(async () => {
  await gw.close();
  rmSync(cache, { recursive: true, force: true });
});

test('base URL: argument, then GWOSC_URL, then gwosc.org', () => {
  const saved = process.env.GWOSC_URL;
  process.env.GWOSC_URL = 'http://127.0.0.1:9/';
  assert.equal(gwoscBaseUrl(), 'http://127.0.0.1:9');
  assert.equal(gwoscBaseUrl('http://h/x/'), 'http://h/x');
  delete process.env.GWOSC_URL;
  assert.equal(gwoscBaseUrl(), 'https://gwosc.org');
  if (saved !== undefined) process.env.GWOSC_URL = saved;
});

test('run discovery picks the run overlapping most and ignores pseudo-runs', async () => {
  const run = await findRun(gw.url, 1126259446, 1126259478, fast);
  assert.equal(run.name, 'O1');
  const o3 = await findRun(gw.url, 1253900000, 1257000000, fast); // straddles the O3a/O3b gap
  assert.equal(o3.name, 'O3b_4KHZ_R1');
});

test('timeline segments reproduce the real GWOSC answers (fixtures)', async () => {
  const fx = JSON.parse(readFileSync(join(SHARED_DATA, 'gwosc/fixtures/v1/timeline_segments_O1_H1_DATA_1126051217_100000.json'), 'utf8'));
  assert.deepEqual(await timelineSegments(gw.url, 'O1', 'H1_DATA', 1126051217, 1126051217 + 100000, fast), fx.segments);
  const fx2 = JSON.parse(readFileSync(join(SHARED_DATA, 'gwosc/fixtures/v1/timeline_segments_O3a_4KHZ_R1_L1_DATA_1242400000_86400.derived.json'), 'utf8'));
  assert.deepEqual(await timelineSegments(gw.url, 'O3a_4KHZ_R1', 'L1_DATA', 1242400000, 1242486400, fast), fx2.segments);
});

test('strain-file listing follows pagination and resolves relative URLs', async () => {
  const recs = await strainFiles(gw.url, 'O1', 'H1', 1126259446, 1135136366, 4, fast);
  assert.equal(recs.length, 2); // GW150914 and GW151226, one per page
  assert.deepEqual(recs.map((r) => r.gpsStart), [1126259446, 1135136334]);
  for (const r of recs) assert.ok(r.hdf5Url.startsWith(gw.url), r.hdf5Url);
});

test('download: HTTP 500 then success; result is byte-identical and cached', async () => {
  const [rec] = await strainFiles(gw.url, 'O1', 'H1', 1126259446, 1126259478, 4, fast);
  gw.faults.set('H-H1_LOSC_4_V2-1126259446', ['status500']);
  const retries: string[] = [];
  const p = await downloadToCache(rec.hdf5Url, { ...fast, cacheDir: cache, onRetry: (m) => retries.push(m) });
  assert.equal(retries.length, 1);
  assert.match(retries[0], /HTTP 500/);
  assert.deepEqual(readFileSync(p), readFileSync(GW150914_FILES.H1));
  const n = gw.log.length;
  assert.equal(await downloadToCache(rec.hdf5Url, { ...fast, cacheDir: cache }), p);
  assert.equal(gw.log.length, n, 'cached file must not be downloaded again');
});

test('download: truncated body and stalled connection are resumed with Range requests', async () => {
  const [rec] = await strainFiles(gw.url, 'O1', 'L1', 1126259446, 1126259478, 4, fast);
  gw.faults.set('L-L1_LOSC_4_V2-1126259446', ['truncate', 'stall']);
  const dir = mkdtempSync(join(cache, 'resume-'));
  const retries: string[] = [];
  const p = await downloadToCache(rec.hdf5Url, { ...fast, cacheDir: dir, onRetry: (m) => retries.push(m) });
  assert.equal(retries.length, 2, retries.join('\n'));
  assert.match(retries[1], /timed out/);
  assert.deepEqual(readFileSync(p), readFileSync(GW150914_FILES.L1));
  const ranged = gw.log.filter((l) => l.includes('L-L1_LOSC_4_V2-1126259446'));
  assert.equal(ranged.length, 3);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.part')), []);
  const s = await readGwoscStrain(p);
  assert.equal(s.gpsStart, 1126259446);
  assert.equal(s.sampleRate, 4096);
  assert.equal(s.data.length, 32 * 4096);
});

test('download: 404 fails at once with one clear line, nothing left under the final name', async () => {
  const dir = mkdtempSync(join(cache, 'missing-'));
  const url = `${gw.url}/archive/data/O1/1126170624/H-H1_LOSC_4_V2-1126000000-32.hdf5`;
  await assert.rejects(downloadToCache(url, { ...fast, cacheDir: dir }), (e: Error) => {
    assert.match(e.message, /HTTP 404/);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
  assert.deepEqual(readdirSync(dir), []);
});

test('download: a body that is not HDF5 is rejected and discarded', async () => {
  const dir = mkdtempSync(join(cache, 'bad-'));
  const url = `${gw.url}/archive/1126259446/1126259478/json/`;
  const { assertHdf5File } = await import('../src/gwosc/strain-file.ts');
  await assert.rejects(
    downloadToCache(url, { ...fast, cacheDir: dir, validate: (p) => assertHdf5File(p, p) }),
    /not an HDF5 file/,
  );
  assert.equal(existsSync(dir) && readdirSync(dir).length, 0);
});
