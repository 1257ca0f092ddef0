/**
 * `aframe data training_waveforms` (reference §2.4): `num_signals` prior draws (detector-frame
 * masses) → plus/cross polarisations → `WaveformPolarizationSet` file (§4.3: 14 bilby parameters,
 * `/waveforms/{cross,plus}` (N, T) float64 chunked (min(64, N), T), root attrs length, sample_rate,
 * duration, right_pad, num_injections = N).
 *
 * Branch plan: fixed batches of `batch_size` rows; branch b draws from random stream b + 1 of the seed,
 * so the file is identical whatever the number of workers. Branch files live in
 * `.NAME.branches/` beside the output and are merged by the ledger's streaming aggregate.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createProgress } from '@aframe/cli';
import { Ledger, WaveformPolarizationSet } from '@aframe/ledger';
import { runBranches } from '../pool.ts';
import { branchDirFor, prepareBranchDir, removeBranchDir } from './branch-dir.ts';
import { checkWaveformConfig, type WaveformConfig } from './settings.ts';
import type { TrainingTask } from './training-worker.ts';

export interface TrainingConfig extends WaveformConfig {
  num_signals: number;
  output_file: string;
  batch_size: number;
  nproc: number | null;
}

export interface RunContext {
  log: (m: string) => void;
  env?: Record<string, string | undefined>;
}

export interface TrainingResult {
  path: string;
  skipped: boolean;
  seed: number | null;
}

/** True if `path` is a ledger file whose `length` attribute is `rows`. */
export async function hasLength(path: string, rows: number): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    return (await Ledger.fileLength(path)) === rows;
  } catch {
    return false;
  }
}

export function checkCount(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw new Error(`${name} must be an integer >= ${min}, got ${v}`);
}

export async function runTrainingWaveforms(cfg: TrainingConfig, ctx: RunContext): Promise<TrainingResult> {
  checkCount('num_signals', cfg.num_signals, 1);
  checkCount('batch_size', cfg.batch_size, 1);
  const { settings } = checkWaveformConfig(cfg);
  const out = cfg.output_file;
  if (await hasLength(out, cfg.num_signals)) {
    ctx.log(`training_waveforms: ${out} already holds ${cfg.num_signals} waveforms; nothing to do`);
    return { path: out, skipped: true, seed: null };
  }
  mkdirSync(dirname(out), { recursive: true });
  const dir = branchDirFor(out);
  const key = { command: 'training_waveforms', num_signals: cfg.num_signals, batch_size: cfg.batch_size, prior: cfg.prior, settings };
  const { seed, reused } = prepareBranchDir(dir, key, cfg.seed);
  ctx.log(`training_waveforms: seed ${seed}${reused ? ' (resuming an interrupted run)' : ''}`);
  const tasks: TrainingTask[] = [];
  for (let b = 0, start = 0; start < cfg.num_signals; b++, start += cfg.batch_size) {
    tasks.push({
      settings,
      priorName: cfg.prior,
      seed,
      branch: b,
      count: Math.min(cfg.batch_size, cfg.num_signals - start),
      outPath: join(dir, `branch-${b}.hdf5`),
    });
  }
  const progress = createProgress({ label: 'training_waveforms', total: tasks.length, unit: 'batches', env: ctx.env });
  await runBranches(new URL('./training-worker.ts', import.meta.url), tasks, {
    workers: cfg.nproc ?? undefined,
    onProgress: () => progress.tick(),
  });
  progress.done();
  await WaveformPolarizationSet.aggregate(
    tasks.map((t) => t.outPath),
    out,
    { clean: true, length: cfg.num_signals },
  );
  removeBranchDir(dir);
  ctx.log(`training_waveforms: wrote ${cfg.num_signals} waveforms to ${out}`);
  return { path: out, skipped: false, seed };
}
