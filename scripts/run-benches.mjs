#!/usr/bin/env node
// Runs every package's benchmarks (<pkg>/bench/*.bench.ts) one after another.
// Extra args: package folders to restrict to (e.g. `npm run bench -- signal`).
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['libs', 'projects'].flatMap((d) => (existsSync(d) ? readdirSync(d).map((p) => join(d, p)) : []));
roots.push('aframe');
const only = process.argv.slice(2);
let failed = 0;
for (const pkg of roots) {
  if (only.length && !only.some((o) => pkg.includes(o))) continue;
  const dir = join(pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.bench.ts')).sort()) {
    console.log(`\n== ${join(dir, f)}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit' });
    if (r.status !== 0) failed++;
  }
}
process.exit(failed ? 1 : 0);
