import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { checkRegistry, defineCommand, runCli } from '../src/index.ts';
import { calls, capture } from './example-command.ts';

test('runCli runs the command with the resolved config and a context', async () => {
  const r = await capture(['data', 'fetch', '--start', '5', '--data.kernel_length', '2']);
  assert.equal(r.code, 0, r.err);
  const last = calls[calls.length - 1] as { start: number; data: { kernel_length: number } };
  assert.equal(last.start, 5);
  assert.equal(last.data.kernel_length, 2);
});

test('--print_config through runCli: stdout YAML fed back with --config gives the same config', async () => {
  const p = await capture(['data', 'fetch', '--start', '7', '--mass_combos', '[[20,10]]', '--data.whiten.highpass', '15', '--print_config']);
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /^start: 7\nifos: \[ H1, L1 \]\n/);
  const file = join(mkdtempSync(join(tmpdir(), 'aframe-run-')), 'config.yaml');
  writeFileSync(file, p.out);
  const n = calls.length;
  const back = await capture(['data', 'fetch', '--config', file, '--print_config']);
  assert.equal(back.out, p.out);
  assert.equal(calls.length, n, '--print_config must not run the command');
  assert.equal((await capture(['data', 'fetch', '--config', file])).code, 0);
  const ran = calls[calls.length - 1] as { mass_combos: number[][]; data: { whiten: { highpass: number } } };
  assert.deepEqual(ran.mass_combos, [[20, 10]]);
  assert.equal(ran.data.whiten.highpass, 15);
});

test('aframe --help lists projects and their commands; project and command help', async () => {
  const top = await capture(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.out, /^usage: aframe <project> <command>/);
  assert.match(top.out, /\n {2}data - segments, strain, waveforms\n {6}fetch +fetch strain for every segment\n {6}query +query science segments\n/);
  assert.match(top.out, /\n {2}train - train a network\n {6}\(no commands yet\)\n/);

  const none = await capture([]);
  assert.equal(none.code, 2);
  assert.equal(none.err, top.out);

  const proj = await capture(['data', '--help']);
  assert.equal(proj.code, 0);
  assert.match(proj.out, /^usage: aframe data <command>/);
  assert.match(proj.out, /\n {2}fetch +fetch strain for every segment\n/);

  const cmd = await capture(['data', 'fetch', '--help', '--sample_rate', 'not checked']);
  assert.equal(cmd.code, 0);
  for (const line of [
    '  --start  number  (required)\n      GPS start of the window (s)',
    '  --ifos  ("H1" | "L1" | "V1")[]  (default: ["H1","L1"])\n      interferometers, in order',
    '  --sample_rate  number > 0  (default: 2048)',
    '  --verbose  bool  (default: false)',
    '  --max_duration  number  (default: -1)',
    '  --mass_combos  [number, number][]  (default: [[35,35],[35,20]])',
    '  --data.*  (group)  data module settings',
    '  --data.kernel_length  number > 0  (default: 1.5)\n      network input length (s)',
    '  --data.whiten.highpass  number | null  (default: null)',
    '  --config FILE.yaml',
    '  --print_config',
  ]) {
    assert.ok(cmd.out.includes(line), `help lacks:\n${line}\n--- help was:\n${cmd.out}`);
  }
});

test('log lines go to stderr unless AFRAME_QUIET; ctx.quiet under CI', async () => {
  const seen: Array<{ quiet: boolean }> = [];
  const cmd = defineCommand({
    project: 'x',
    name: 'y',
    summary: 's',
    params: z.object({}),
    run(_c, ctx) {
      seen.push({ quiet: ctx.quiet });
      ctx.log('hello');
    },
  });
  const reg = { commands: [cmd] };
  let err = '';
  const io = (env: Record<string, string>) => ({ stdout: () => {}, stderr: (t: string) => (err += t), env });
  assert.equal(await runCli(['x', 'y'], reg, io({})), 0);
  assert.equal(err, 'hello\n');
  err = '';
  await runCli(['x', 'y'], reg, io({ AFRAME_QUIET: '1' }));
  assert.equal(err, '');
  await runCli(['x', 'y'], reg, io({ CI: 'true' }));
  assert.deepEqual(seen.map((s) => s.quiet), [false, true, true]);
});

test('registry checks: duplicate commands and reserved parameter names are programming errors', () => {
  const mk = (name: string, params: z.ZodObject) => defineCommand({ project: 'p', name, summary: '', params, run() {} });
  assert.throws(() => checkRegistry({ commands: [mk('a', z.object({})), mk('a', z.object({}))] }), /registered twice/);
  assert.throws(() => checkRegistry({ commands: [mk('a', z.object({ config: z.string() }))] }), /"config" is reserved/);
});

test('AFRAME_CONFIG: the command section of a run config sits between defaults and --config files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aframe-runcfg-'));
  const runCfg = join(dir, 'aframe.yaml');
  writeFileSync(runCfg, 'data:\n  fetch:\n    start: 11\n    sample_rate: 512\n    flag: RUN\n  query:\n    min_duration: 4\ntrain: {}\n');
  const file = join(dir, 'mine.yaml');
  writeFileSync(file, 'sample_rate: 1024\n');
  const env = { AFRAME_CONFIG: runCfg };
  const n = calls.length;
  assert.equal((await capture(['data', 'fetch', '--config', file, '--flag', 'CLI'], env)).code, 0);
  const got = calls[n] as { start: number; sample_rate: number; flag: string; verbose: boolean };
  assert.equal(got.start, 11); // from the run config
  assert.equal(got.sample_rate, 1024); // --config file beats the run config
  assert.equal(got.flag, 'CLI'); // command line beats everything
  assert.equal(got.verbose, false); // default

  const p = await capture(['data', 'query', '--print_config'], env);
  assert.equal(p.out, 'min_duration: 4\n');

  writeFileSync(runCfg, 'data:\n  fetch:\n    start: null\n    sampel_rate: 512\n');
  const typo = await capture(['data', 'fetch', '--start', '1'], env);
  assert.equal(typo.code, 2);
  assert.equal(typo.err, `error: unknown parameter "sampel_rate" in AFRAME_CONFIG file ${JSON.stringify(runCfg)} (section data.fetch) (did you mean "sample_rate"?)\n`);

  writeFileSync(runCfg, 'data:\n  fetch:\n    start: null\n');
  const missing = await capture(['data', 'fetch'], env);
  assert.equal(missing.err, `error: missing required parameter start (number): GPS start of the window (s); it is null in AFRAME_CONFIG file ${JSON.stringify(runCfg)} (section data.fetch); set it with --start VALUE or in a --config file\n`);

  const gone = { AFRAME_CONFIG: join(dir, 'absent.yaml') };
  const absent = await capture(['data', 'fetch', '--start', '1'], gone);
  assert.equal(absent.code, 2);
  assert.equal(absent.err, `error: AFRAME_CONFIG: config file ${JSON.stringify(join(dir, 'absent.yaml'))} not found\n`);
  assert.equal((await capture(['data', 'fetch', '--help'], gone)).code, 0, '--help does not read the run config');
});
