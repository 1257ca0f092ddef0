// Ledger I/O benchmark (issue sizes by default):
//   A) aggregate F = 200 EventSet files of R = 1e5 rows each into one file (streaming, bounded memory),
//      compared with the original's algorithm in h5py when /usr/bin/python3 has h5py;
//   B) write then read back an N = 1e5 x T = 16384-sample waveform set in blocks of 1024 rows.
// Prints rows/s and the peak RSS (sampled every 10 ms from a worker thread).
// Smaller runs: LEDGER_BENCH_FILES, LEDGER_BENCH_ROWS, LEDGER_BENCH_WAVEFORMS, LEDGER_BENCH_SAMPLES,
// LEDGER_BENCH_DIR (default os.tmpdir()); e.g.
//   LEDGER_BENCH_FILES=20 LEDGER_BENCH_ROWS=10000 LEDGER_BENCH_WAVEFORMS=2000 npx tsx libs/ledger/bench/ledger.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventSet, InterferometerResponseSet, LedgerWriter } from '../src/index.ts';

const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const F = env('LEDGER_BENCH_FILES', 200);
const R = env('LEDGER_BENCH_ROWS', 100_000);
let N = env('LEDGER_BENCH_WAVEFORMS', 100_000);
const T = env('LEDGER_BENCH_SAMPLES', 16384);
const BLOCK = env('LEDGER_BENCH_BLOCK', 1024);
const READ_BLOCK = env('LEDGER_BENCH_READ_BLOCK', 64);
const MB = 2 ** 20;

// peak-RSS sampler: a worker reads the process RSS every 10 ms into shared memory
const shared = new Float64Array(new SharedArrayBuffer(16));
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const peak = new Float64Array(workerData);
   setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 10);`,
  { eval: true, workerData: shared.buffer },
);
sampler.unref();
const resetPeak = () => (shared[0] = process.memoryUsage.rss());
const peakMB = () => Math.max(shared[0], process.memoryUsage.rss()) / MB;

const dir = mkdtempSync(join(process.env.LEDGER_BENCH_DIR ?? tmpdir(), 'ledger-bench-'));
const fmt = (x: number, d = 1) => x.toFixed(d);

async function benchAggregate(): Promise<void> {
  console.log(`A) aggregate ${F} EventSet files x ${R} rows (detection_statistic, detection_time, shift (N, 2))`);
  const files: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < F; i++) {
    const stat = new Float64Array(R);
    const time = new Float64Array(R);
    const shift = new Float64Array(2 * R);
    for (let j = 0; j < R; j++) {
      stat[j] = Math.sin(i * 7919 + j);
      time[j] = 1.24e9 + j * 0.25;
      shift[2 * j + 1] = i + 1;
    }
    const ev = new EventSet({
      detection_statistic: stat,
      detection_time: time,
      shift: { data: shift, shape: [R, 2] },
      Tb: R * 0.25,
    });
    files.push(join(dir, `bg-${i}.hdf5`));
    await ev.write(files[i]);
  }
  const tWrite = (performance.now() - t0) / 1000;
  console.log(`   wrote inputs: ${fmt(tWrite, 2)} s (${fmt((F * R) / tWrite / 1e6, 2)} M rows/s)`);

  const out = join(dir, 'background.hdf5');
  const rssBefore = process.memoryUsage.rss() / MB;
  resetPeak();
  const t1 = performance.now();
  const res = await EventSet.aggregate(files, out, { clean: false });
  const tAgg = (performance.now() - t1) / 1000;
  const outMB = statSync(out).size / MB;
  if (res.length !== F * R) throw new Error(`aggregate wrote ${res.length} rows, expected ${F * R}`);
  const check = await EventSet.readRange(out, F * R - 2, F * R);
  if (check.detection_statistic[1] !== Math.sin((F - 1) * 7919 + R - 1)) throw new Error('aggregate content mismatch');
  console.log(
    `   TS aggregate: ${fmt(tAgg, 2)} s, ${fmt((F * R) / tAgg / 1e6, 2)} M rows/s, output ${fmt(outMB)} MiB, ` +
      `peak RSS ${fmt(peakMB())} MiB (before: ${fmt(rssBefore)} MiB) -> bounded: peak - before = ${fmt(peakMB() - rssBefore)} MiB for ${fmt(outMB)} MiB of rows`,
  );
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import h5py']).status === 0) {
    const r = spawnSync(py, [new URL('./aggregate_h5py.py', import.meta.url).pathname, join(dir, 'py.hdf5'), ...files], {
      encoding: 'utf8',
      maxBuffer: 1e7,
    });
    if (r.status === 0) {
      const [sec, peak] = r.stdout.trim().split(' ').map(Number);
      console.log(
        `   h5py original algorithm: ${fmt(sec, 2)} s, ${fmt((F * R) / sec / 1e6, 2)} M rows/s, peak RSS ${fmt(peak)} MiB; ` +
          `TS / h5py time ratio ${fmt(tAgg / sec, 2)}`,
      );
    } else console.log(`   h5py baseline failed: ${r.stderr.slice(-300)}`);
    rmSync(join(dir, 'py.hdf5'), { force: true });
  } else console.log('   h5py baseline skipped (python3-h5py not installed)');
  for (const f of files) rmSync(f);
  rmSync(out);
}

async function benchWaveforms(): Promise<void> {
  let dtype: 'float64' | 'float32' = 'float64';
  const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
  const need = (bytesPer: number) => N * T * bytesPer * 1.05 + 512 * MB;
  if (need(8) > free) {
    dtype = 'float32';
    console.log(`   only ${fmt(free / 2 ** 30)} GiB free: storing waveforms as float32`);
    if (need(4) > free) {
      N = Math.floor((free - 1024 * MB) / (T * 4 * 1.05));
      console.log(`   still too little disk: reduced to N = ${N}`);
    }
  }
  const bytes = dtype === 'float64' ? 8 : 4;
  console.log(`B) waveform set ${N} x ${T} samples (${dtype}, ${fmt((N * T * bytes) / 2 ** 30, 2)} GiB), written in blocks of ${BLOCK} rows, read in blocks of ${READ_BLOCK}`);
  const RS = InterferometerResponseSet.withIfos(['H1']);
  const path = join(dir, 'waveforms.hdf5');
  resetPeak();
  const t0 = performance.now();
  const w = await LedgerWriter.open(RS, path, { expectedLength: N, waveformDtype: dtype });
  const zeros = new Float64Array(BLOCK);
  let fillS = 0;
  for (let r = 0; r < N; r += BLOCK) {
    const n = Math.min(BLOCK, N - r);
    const tf = performance.now();
    const h1 = new Float64Array(n * T);
    for (let i = 0; i < n; i++) h1.fill(r + i, i * T, (i + 1) * T);
    const p: Record<string, Float64Array> = {};
    for (const f of RS.fields) if (f.kind === 'parameter') p[f.name] = zeros.subarray(0, n);
    p.injection_time = Float64Array.from({ length: n }, (_, i) => r + i);
    const set = new RS({ ...p, h1: { data: h1, shape: [n, T] }, sample_rate: 2048, duration: T / 2048, right_pad: 0.5, num_injections: n, ifos: ['H1'] });
    fillS += (performance.now() - tf) / 1000;
    w.append(set);
  }
  await w.close();
  const tW = (performance.now() - t0) / 1000 - fillS;
  console.log(
    `   write: ${fmt(tW, 2)} s (excl. ${fmt(fillS, 2)} s making the data), ${fmt(N / tW, 0)} rows/s, ` +
      `${fmt((N * T * bytes) / MB / tW, 0)} MiB/s, peak RSS ${fmt(peakMB())} MiB`,
  );
  resetPeak();
  const t1 = performance.now();
  let bad = 0;
  let r = 0;
  for await (const part of RS.readBlocks(path, READ_BLOCK)) {
    const h = part.column('h1').data;
    for (let i = 0; i < part.length; i++) if (h[i * T] !== r + i || h[(i + 1) * T - 1] !== r + i) bad++;
    r += part.length;
  }
  if (r !== N) throw new Error(`read ${r} rows, expected ${N}`);
  const tR = (performance.now() - t1) / 1000;
  if (bad) throw new Error(`${bad} rows read back wrong`);
  console.log(
    `   read:  ${fmt(tR, 2)} s, ${fmt(N / tR, 0)} rows/s, ${fmt((N * T * bytes) / MB / tR, 0)} MiB/s, peak RSS ${fmt(peakMB())} MiB ` +
      `(page cache may serve part of the file)`,
  );
  rmSync(path);
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import h5py']).status === 0) {
    const script = new URL('./waveforms_h5py.py', import.meta.url).pathname;
    const r = spawnSync(py, [script, path, String(N), String(T), String(BLOCK), String(READ_BLOCK), dtype === 'float64' ? 'f8' : 'f4'], { encoding: 'utf8' });
    if (r.status === 0) {
      const [ws, rs, peak] = r.stdout.trim().split(' ').map(Number);
      console.log(
        `   h5py baseline: write ${fmt(ws, 2)} s (${fmt(N / ws, 0)} rows/s), read ${fmt(rs, 2)} s (${fmt(N / rs, 0)} rows/s), ` +
          `peak RSS ${fmt(peak)} MiB; TS / h5py time ratio write ${fmt(tW / ws, 2)}, read ${fmt(tR / rs, 2)}`,
      );
    } else console.log(`   h5py baseline failed: ${r.stderr.slice(-300)}`);
    rmSync(path, { force: true });
  } else console.log('   h5py baseline skipped (python3-h5py not installed)');
}

try {
  console.log(`ledger bench: node ${process.version}, temp dir ${dir}`);
  await benchAggregate();
  await benchWaveforms();
} finally {
  rmSync(dir, { recursive: true, force: true });
  await sampler.terminate();
}
