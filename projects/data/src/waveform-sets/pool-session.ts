/**
 * A worker pool kept open across several rounds of branches (rejection sampling runs one round per
 * pass and must not pay the thread start-up — tsx registration, module imports — every time). Same
 * worker entry as ../pool.ts (`pool-entry.mjs` runs the default export of a TypeScript module).
 */
import { Piscina } from 'piscina';
import { defaultWorkers } from '../pool.ts';

const entry = new URL('../pool-entry.mjs', import.meta.url).href;

export interface PoolSession {
  /** Run the tasks; results in task order; `onDone` with each result as it finishes. */
  run<T, R>(tasks: T[], onDone?: (result: R) => void): Promise<R[]>;
  close(): Promise<void>;
}

export function openPool(workerModule: URL, workers: number | null): PoolSession {
  const threads = Math.max(1, workers ?? defaultWorkers());
  const pool = new Piscina({ filename: entry, minThreads: threads, maxThreads: threads });
  return {
    async run<T, R>(tasks: T[], onDone?: (result: R) => void): Promise<R[]> {
      return Promise.all(
        tasks.map(async (t) => {
          const r = (await pool.run({ module: workerModule.href, payload: t })) as R;
          onDone?.(r);
          return r;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}
