/**
 * The folder of branch files beside an output (`.NAME.branches/`). It holds `plan.json` — the
 * settings that define the branch plan and the seed — so a rerun after an interruption reuses the
 * complete branch files of the same plan (each written atomically) and redoes only the missing ones;
 * a different plan wipes the folder. Removed after a successful merge, so nothing incomplete is ever
 * left under a final name.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { atomicWriteFileSync } from '@aframe/io';
import { resolveSeed } from './settings.ts';

export function branchDirFor(outputPath: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.branches`);
}

interface StoredPlan {
  key: unknown;
  seed: number;
}

/**
 * Create (or reuse) the branch folder for `key` (a JSON-serialisable description of the plan, seed
 * excluded). Returns the seed: `seed` if given, else the one stored by an interrupted run of the
 * same plan, else a fresh random one.
 */
export function prepareBranchDir(dir: string, key: unknown, seed: number | null): { seed: number; reused: boolean } {
  const planPath = join(dir, 'plan.json');
  const fullKey = { key, seed };
  if (existsSync(planPath)) {
    try {
      const stored = JSON.parse(readFileSync(planPath, 'utf8')) as StoredPlan;
      if (JSON.stringify(stored.key) === JSON.stringify(fullKey)) return { seed: stored.seed, reused: true };
    } catch {
      /* unreadable plan: start over */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const resolved = resolveSeed(seed);
  atomicWriteFileSync(planPath, JSON.stringify({ key: fullKey, seed: resolved } satisfies StoredPlan, null, 1));
  return { seed: resolved, reused: false };
}

export function removeBranchDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
