import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGwosc, GW150914_FILES, type FakeGwosc } from './helpers/gwosc-server.ts';
import { fetchParams } from '../src/commands/fetch.ts';
import { runFetch } from '../src/fetch-run.ts';
import { planChunks } from '../src/fetch.ts';
import { segmentsFromPaths } from '@aframe/signal';
import { readBackground } from '../src/background.ts';
import { h5 } from '../src/gwosc/strain-file.ts';

let gw: FakeGwosc;
let dir: string;
before(async () => {
  gw = await startFakeGwosc();
  dir = mkdtempSync(join(tmpdir(), 'fetch-'));
});
after(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

const quiet = { log: () => {}, env: { AFRAME_QUIET: '1' } };
const cfg = (over: Record<string, unknown>) => fetchParams.parse({ nproc: 2, ...over });

/** scipy reference: firwin(61, 1/2, hamming) + filtfilt + [::2] of the real files (gen_gw150914_2048.py). */
function scipyReference(): { H1: Float64Array; L1: Float64Array } {
  const buf = readFileSync(new URL('./fixtures/gw150914_2048.f64', import.meta.url));
  const all = new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
  return { H1: all.slice(0, 65536), L1: all.slice(65536) };
}

function maxRelError(a: Float64Array, b: Float64Array): number {
  let err = 0;
  let peak = 0;
  for (let i = 0; i < a.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    peak = Math.max(peak, Math.abs(b[i]));
  }
  return err / peak;
}

test('chunk plan follows the original branch map', () => {
  assert.deepEqual(planChunks([[0, 100]], -1), [[0, 100]]);
  assert.deepEqual(planChunks([[0, 100]], 40), [[0, 40], [40, 80], [80, 100]]);
  assert.deepEqual(planChunks([[0, 80]], 40), [[0, 40], [40, 80]]);
  assert.deepEqual(planChunks([[10, 11], [20, 25]], 2), [[10, 11], [20, 22], [22, 24], [24, 25]]);
});

test('fetch --source gwosc of GW150914 equals scipy FIR+filtfilt resampling of the real files', async () => {
  const out = join(dir, 'gwosc');
  // The first file request fails once with HTTP 500: the run must still succeed.
  gw.faults.set('H-H1_LOSC_4_V2-1126259446', ['status500']);
  const results = await runFetch(
    cfg({ start: 1126259446, end: 1126259478, output_directory: out, source: 'gwosc', gwosc_url: gw.url, cache_dir: join(dir, 'cache'), timeout_s: 2 }),
    quiet,
  );
  assert.equal(results.length, 1);
  assert.equal(results[0].path, join(out, 'background-1126259446-32.hdf5'));
  const b = await readBackground(results[0].path);
  assert.equal(b.t0, 1126259446);
  assert.equal(b.sampleRate, 2048);
  const ref = scipyReference();
  // Same algorithm in float64: agreement limited by rounding (~1e-15); 1e-9 leaves room for FFT order.
  assert.ok(maxRelError(b.channels.H1, ref.H1) < 1e-9, `H1 ${maxRelError(b.channels.H1, ref.H1)}`);
  assert.ok(maxRelError(b.channels.L1, ref.L1) < 1e-9, `L1 ${maxRelError(b.channels.L1, ref.L1)}`);
});

test('fetch --source files gives the same samples, chunked, and a rerun skips complete files', async () => {
  const out = join(dir, 'files');
  const args = cfg({
    start: 1126259446,
    end: 1126259478,
    output_directory: out,
    source: 'files',
    files: [GW150914_FILES.H1, GW150914_FILES.L1.replace('L-L1', 'L-L1*')],
    max_duration: 16,
  });
  const first = await runFetch(args, quiet);
  assert.deepEqual(first.map((r) => r.path.split('/').pop()), ['background-1126259446-16.hdf5', 'background-1126259462-16.hdf5']);
  assert.ok(first.every((r) => !r.skipped));
  assert.deepEqual(segmentsFromPaths([first[1].path]), [[1126259462, 1126259478]]);
  const a = await readBackground(first[0].path);
  assert.equal(a.channels.H1.length, 16 * 2048);
  assert.deepEqual(readdirSync(out).filter((f) => f.includes('.tmp')), []);
  const mtime = statSync(first[0].path).mtimeMs;
  const second = await runFetch(args, quiet);
  assert.ok(second.every((r) => r.skipped));
  assert.equal(statSync(first[0].path).mtimeMs, mtime);
});

test('a span beyond the available data, or with NaN inside, is refused with a clear error', async () => {
  await assert.rejects(
    runFetch(cfg({ start: 1126259446, end: 1126259490, output_directory: join(dir, 'x'), source: 'files', files: [GW150914_FILES.H1, GW150914_FILES.L1] }), quiet),
    /H1 data missing at the end of GPS \[1126259446, 1126259490\)/,
  );
  // A copy of the H1 file with a NaN sample in the middle.
  const lib = await h5();
  const bad = join(dir, 'H-H1_LOSC_4_V2-1126259446-32.hdf5');
  copyFileSync(GW150914_FILES.H1, bad);
  const f = new lib.File(bad, 'a');
  const ds = f.get('strain/Strain') as InstanceType<typeof lib.Dataset>;
  const v = ds.value as Float64Array;
  v[50000] = NaN;
  ds.write_slice([[0, v.length]], v);
  f.close();
  await assert.rejects(
    runFetch(cfg({ start: 1126259446, end: 1126259478, output_directory: join(dir, 'nan'), source: 'files', files: [bad] }), quiet),
    /H1 strain is NaN\/Inf at GPS 1126259458\.2/,
  );
  assert.ok(!existsSync(join(dir, 'nan', 'background-1126259446-32.hdf5')));
});

test('bad input: unknown channel names and sources without files', async () => {
  await assert.rejects(runFetch(cfg({ start: 0, end: 10, output_directory: dir, channels: ['H1:GDS-CALIB_STRAIN'] }), quiet), /not an open-data detector name/);
  await assert.rejects(runFetch(cfg({ start: 0, end: 10, output_directory: dir, source: 'files' }), quiet), /needs --files/);
  await assert.rejects(runFetch(cfg({ start: 10, end: 0, output_directory: dir }), quiet), /end \(0\) must be after start \(10\)/);
});
