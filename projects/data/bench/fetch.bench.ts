/**
 * `npm run bench` — data fetch throughput on this machine:
 * 1. `aframe data fetch --source simulated` of one hour of two-detector (H1, L1) data at 2048 Hz,
 *    in 600 s chunks on every core (noise synthesis + HDF5 writing);
 * 2. resampling one hour of two-detector 4096 Hz strain to 2048 Hz (the FIR + zero-phase filter that
 *    `--source gwosc|files` applies), against scipy's `resample_poly` figure in baselines.md
 *    (0.206 s per 4096 s of one channel, i.e. ≈ 19,900 s of data per second).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resample } from '@aframe/signal';
import { fetchParams } from '../src/commands/fetch.ts';
import { runFetch } from '../src/fetch-run.ts';

const HOUR = 3600;
const dir = mkdtempSync(join(tmpdir(), 'fetch-bench-'));
try {
  const t0 = performance.now();
  await runFetch(
    fetchParams.parse({ start: 1240579783, end: 1240579783 + HOUR, max_duration: 600, output_directory: dir, channels: ['H1', 'L1'] }),
    { log: () => {}, env: { AFRAME_QUIET: '1' } },
  );
  const simS = (performance.now() - t0) / 1000;
  console.log(`simulated fetch, 1 h × 2 ifos @ 2048 Hz on ${availableParallelism()} cores: ${simS.toFixed(2)} s (${((2 * HOUR) / simS).toFixed(0)} s of data / s)`);

  const x = new Float64Array(HOUR * 4096);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.001) + Math.sin(i * 0.7);
  resample(x.subarray(0, 65536), 4096, 2048); // warm-up
  const t1 = performance.now();
  for (let ifo = 0; ifo < 2; ifo++) resample(x, 4096, 2048);
  const resS = (performance.now() - t1) / 1000;
  const rate = (2 * HOUR) / resS;
  console.log(`resample 4096→2048 Hz, 1 h × 2 ifos: ${resS.toFixed(2)} s (${rate.toFixed(0)} s of data / s; ratio vs scipy resample_poly (baselines.md, 19900 s/s): ${(rate / 19900).toFixed(2)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
