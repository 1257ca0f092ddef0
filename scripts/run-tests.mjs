#!/usr/bin/env node
// Runs every package's tests (files matching <pkg>/test/**/*.test.ts) in one node:test run,
// so the closing summary covers the whole repository. Extra args: package folders to restrict to.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['libs', 'projects'].flatMap((d) =>
  existsSync(d) ? readdirSync(d).map((p) => join(d, p)) : [],
);
roots.push('aframe');
const only = process.argv.slice(2);
const pkgs = roots.filter((p) => existsSync(join(p, 'package.json')) && (only.length === 0 || only.some((o) => p.includes(o))));

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}
const files = pkgs.flatMap((p) => walk(join(p, 'test'), [])).sort();
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', ...files];
const res = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, AFRAME_QUIET: '1' } });
process.exit(res.status ?? 1);
