/** Small helpers shared by the signal benchmarks. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';

/** Median wall time in milliseconds of `fn` over `blocks` timed blocks of `reps` calls each (after warm-up). */
export function timeMs(fn: () => void, reps: number, blocks = 7): number {
  for (let i = 0; i < Math.max(1, Math.ceil(reps / 2)); i++) fn();
  const times: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6 / reps);
  }
  times.sort((a, c) => a - c);
  return times[Math.floor(times.length / 2)];
}

/**
 * Runs a Python snippet that prints one JSON object on its last stdout line; returns it, or a
 * string explaining why no baseline is available (python or scipy missing, or the script failed).
 */
export function runPython(code: string, timeoutMs = 300_000): Record<string, number> | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const res = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  if (res.status !== 0) {
    const err = (res.stderr || '').trim().split('\n').pop() ?? '';
    return err.includes('ModuleNotFoundError') ? `numpy/scipy missing (${err})` : `python baseline failed: ${err || res.error?.message}`;
  }
  const lines = res.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, number>;
}

/** Python prelude: a median-of-blocks timer equivalent to timeMs. */
export const PY_TIMER = `
import json, time
def time_ms(fn, reps, blocks=7):
    for _ in range(max(1, (reps + 1) // 2)): fn()
    ts = []
    for _ in range(blocks):
        t0 = time.perf_counter()
        for _ in range(reps): fn()
        ts.append((time.perf_counter() - t0) * 1e3 / reps)
    ts.sort()
    return ts[len(ts) // 2]
`;

export function fmtRatio(ours: number, theirs: number | undefined): string {
  if (theirs === undefined) return 'n/a';
  return `${(theirs / ours).toFixed(2)}x`;
}
