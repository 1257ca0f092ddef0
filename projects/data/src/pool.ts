/**
 * Branch execution on a pool of worker threads (piscina), one per core by default. Workers are
 * TypeScript modules loaded through tsx (./pool-entry.mjs), so no build step is needed. Results come back in branch
 * order; a failed branch rejects with its own error message.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

const entry = new URL('./pool-entry.mjs', import.meta.url).href;

export interface PoolOptions {
  /** Worker threads; default: every core. 0 or 1 still uses one worker (in parallel with nothing). */
  workers?: number;
  /** Called after each finished branch with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/** Run `tasks` through the default export of `workerModule` (a URL of a .ts file). */
export async function runBranches<T, R>(workerModule: URL, tasks: T[], opts: PoolOptions = {}): Promise<R[]> {
  if (tasks.length === 0) return [];
  const threads = Math.max(1, Math.min(opts.workers ?? defaultWorkers(), tasks.length));
  const pool = new Piscina({
    filename: entry,
    minThreads: threads,
    maxThreads: threads,
  });
  let done = 0;
  try {
    return await Promise.all(
      tasks.map(async (t) => {
        const r = (await pool.run({ module: workerModule.href, payload: t })) as R;
        opts.onProgress?.(++done, tasks.length);
        return r;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
