import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describeParams, runCli, schemaAt, toYaml, type ParamInfo } from '@aframe/cli';
import { defaultSection, registry, sectionOf } from '../src/index.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function run(argv: string[]) {
  let out = '';
  let err = '';
  return runCli(argv, registry, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {} }).then((code) => ({ code, out, err }));
}

test('the real executable (node_modules/.bin/aframe, as `npx aframe` runs it): exit code and one error line', () => {
  const bin = join(repoRoot, 'node_modules', '.bin', 'aframe');
  assert.ok(existsSync(bin), 'bin link missing: run `npm install` at the repo root');
  const bad = spawnSync(bin, ['dta', 'query'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(bad.status, 2, bad.stderr);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr, 'error: unknown project or command "dta" (did you mean "data"?); run `aframe --help`\n');
});

test('aframe --help lists the orchestrator commands and every registered project command', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0, help.err);
  assert.match(help.out, /^usage: aframe <project> <command>/);
  assert.match(help.out, /\n {2}init +write RUN\/aframe\.yaml/);
  assert.match(help.out, /\n {2}data - query segments/);
  for (const def of registry.commands.filter((c) => c.project !== 'aframe')) {
    assert.match(help.out, new RegExp(`\\n {6}${def.name} +\\S`), `${def.project} ${def.name} missing from --help`);
  }
});

test('every registered command: defaults are valid for their own schema and survive YAML', () => {
  for (const def of registry.commands) {
    const leaves = (ps: ParamInfo[]): ParamInfo[] => ps.flatMap((p) => (p.children ? leaves(p.children) : [p]));
    for (const p of leaves(describeParams(def.params))) {
      if (!p.hasDefault) continue;
      const schema = schemaAt(def.params, p.path.split('.'))!;
      const ok = schema.safeParse(p.defaultValue);
      assert.ok(ok.success, `${def.project} ${def.name}: default of ${p.path} (${JSON.stringify(p.defaultValue)}) fails its own schema`);
      assert.deepEqual(YAML.parse(toYaml({ v: p.defaultValue })).v, p.defaultValue, `${def.project} ${def.name}: ${p.path} default does not survive YAML`);
    }
  }
});

test('aframe init writes aframe.yaml with one section per registered project command; refuses to overwrite', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'aframe-init-')), 'run');
  const r = await run(['init', '--directory', dir]);
  assert.equal(r.code, 0, r.err);
  const file = join(dir, 'aframe.yaml');
  const doc = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  for (const def of registry.commands.filter((c) => c.project !== 'aframe')) {
    assert.deepEqual(sectionOf(doc, def.project, def.name), defaultSection(def).value);
  }
  assert.equal(doc.aframe, undefined, 'init does not configure itself');
  const again = await run(['init', '--directory', dir]);
  assert.equal(again.code, 2);
  assert.equal(again.err, `error: ${file} already exists; pass --force to overwrite it\n`);
  assert.equal((await run(['init', '--directory', dir, '--force'])).code, 0);
});

test('init, then AFRAME_CONFIG=RUN/aframe.yaml: each real command resolves from its filled-in section', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aframe-init-'));
  assert.equal((await run(['init', '--directory', dir])).code, 0);
  const file = join(dir, 'aframe.yaml');
  const doc = YAML.parse(readFileSync(file, 'utf8'));
  const commands = registry.commands.filter((c) => c.project !== 'aframe');
  const fillable = new Set(commands);
  for (const def of commands) {
    // fill each required (null) key with a simple value its schema accepts, as a user would
    const fill = (obj: Record<string, unknown>, prefix: string[]) => {
      for (const [k, v] of Object.entries(obj)) {
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) fill(v as Record<string, unknown>, [...prefix, k]);
        if (v !== null) continue;
        const schema = schemaAt(def.params, [...prefix, k])!;
        if (schema.safeParse(null).success) continue; // nullable: null is a valid value
        const value = [1, 'x', true, []].find((c) => schema.safeParse(c).success);
        if (value === undefined) fillable.delete(def);
        else obj[k] = value;
      }
    };
    fill(sectionOf(doc, def.project, def.name), []);
  }
  writeFileSync(file, toYaml(doc));
  assert.ok(commands.length === 0 || fillable.size > 0, 'no command could be filled in: the test would check nothing');
  for (const def of fillable) {
    let out = '';
    let err = '';
    const code = await runCli([def.project, def.name, '--print_config'], registry, {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: { AFRAME_CONFIG: file },
    });
    assert.equal(code, 0, `${def.project} ${def.name}: ${err}`);
    assert.deepEqual(YAML.parse(out), def.params.parse(sectionOf(doc, def.project, def.name)), `${def.project} ${def.name}`);
  }
});

test('init --directory is required and named in the error', async () => {
  const r = await run(['init']);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'error: missing required parameter directory (string): run directory to create (or reuse); the config is written inside it; set it with --directory VALUE or in a --config file\n');
  const target = join(mkdtempSync(join(tmpdir(), 'aframe-init-')), 'cfg.yaml');
  writeFileSync(target, 'directory: somewhere\nforce: true\n');
  const p = await run(['init', '--config', target, '--print_config']);
  assert.equal(p.out, 'directory: somewhere\nforce: true\n');
});
