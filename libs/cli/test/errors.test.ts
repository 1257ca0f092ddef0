import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calls, capture } from './example-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'aframe-cli-err-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `aframe data fetch ...argv`; asserts exit code 2 and exactly one `error:` line; returns it. */
async function usageError(argv: string[]): Promise<string> {
  const before = calls.length;
  const r = await capture(['data', 'fetch', ...argv]);
  assert.equal(r.code, 2, `exit code for ${argv.join(' ')}: ${r.err}`);
  assert.equal(r.out, '');
  const lines = r.err.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line expected, got:\n${r.err}`);
  assert.match(lines[0], /^error: /);
  assert.doesNotMatch(r.err, /\bat .*\(.*:\d+:\d+\)/); // no stack trace
  assert.equal(calls.length, before, 'the command must not run');
  return lines[0];
}

test('bad type names the key, the value and the expected type', async () => {
  assert.equal(await usageError(['--start', '1', '--sample_rate', 'abc']), 'error: invalid value for sample_rate: "abc" (expected number > 0; from the command line)');
  assert.equal(await usageError(['--start', '1', '--sample_rate', '-5']), 'error: invalid value for sample_rate: -5 (expected number to be >0; from the command line)');
  assert.equal(
    await usageError(['--start', '1', '--config', file('t.yaml', 'data:\n  kernel_length: long\n')]),
    `error: invalid value for data.kernel_length: "long" (expected number > 0; from config file ${JSON.stringify(join(dir, 't.yaml'))})`,
  );
  assert.equal(await usageError(['--start', '1', '--verbose', '--verbose=maybe']), 'error: invalid value for verbose: "maybe" (expected bool; from the command line)');
});

test('bad enum lists the choices and suggests the closest', async () => {
  assert.equal(
    await usageError(['--start', '1', '--approximant', 'IMRPhenomPV2']),
    'error: invalid value for approximant: "IMRPhenomPV2" (expected "IMRPhenomD" | "IMRPhenomPv2" | "TaylorF2"; did you mean "IMRPhenomPv2"?; from the command line)',
  );
  assert.match(await usageError(['--start', '1', '--ifos', '["H1","K1"]']), /^error: invalid value for ifos\.1: "K1" \(expected "H1" \| "L1" \| "V1"/);
});

test('unknown keys are rejected with a did-you-mean, on the command line and in files, at any depth', async () => {
  assert.equal(await usageError(['--start', '1', '--sample_rat', '1']), 'error: unknown parameter --sample_rat (did you mean --sample_rate?)');
  assert.equal(await usageError(['--start', '1', '--data.kernal_length', '2']), 'error: unknown parameter --data.kernal_length (did you mean --data.kernel_length?)');
  assert.equal(await usageError(['--start', '1', '--kernel_length', '2']), 'error: unknown parameter --kernel_length (did you mean --data.kernel_length?)');
  assert.equal(await usageError(['--start', '1', '--sample-rate', '2']), 'error: unknown parameter --sample-rate (did you mean --sample_rate?)');
  const f = file('typo.yaml', 'data:\n  whiten:\n    hihgpass: 30\n');
  assert.equal(
    await usageError(['--start', '1', '--config', f]),
    `error: unknown parameter "data.whiten.hihgpass" in config file ${JSON.stringify(f)} (did you mean "data.whiten.highpass"?)`,
  );
  assert.equal(
    await usageError(['--start', '1', '--data', '{"kernel_lenght": 2}']),
    'error: unknown parameter "data.kernel_lenght" in the value of --data (did you mean "data.kernel_length"?)',
  );
  assert.match(await usageError(['--start', '1', '--zzzzzzzz', '1']), /^error: unknown parameter --zzzzzzzz \(expected one of: --start, --ifos,/);
  assert.match(await usageError(['--start', '1', '--flag.x', '1']), /^error: --flag\.x is not a parameter: --flag is a string/);
});

test('missing required parameter names it, its type and help', async () => {
  assert.equal(
    await usageError(['--sample_rate', '4096']),
    'error: missing required parameter start (number): GPS start of the window (s); set it with --start VALUE or in a --config file',
  );
});

test('bad YAML, a missing file and a non-mapping file are one line naming the file', async () => {
  const bad = file('bad.yaml', 'start: 1\nifos: [H1, L1\n');
  assert.match(await usageError(['--config', bad]), new RegExp(`^error: cannot parse config file ${JSON.stringify(bad)} \\(line \\d+\\): `));
  const missing = join(dir, 'nope.yaml');
  assert.equal(await usageError(['--config', missing]), `error: config file ${JSON.stringify(missing)} not found`);
  const list = file('list.yaml', '- 1\n- 2\n');
  assert.equal(await usageError(['--config', list]), `error: config file ${JSON.stringify(list)} must contain a mapping of parameters (key: value), got a list`);
  const dup = file('dup.yaml', 'start: 1\nstart: 2\n');
  assert.match(await usageError(['--config', dup]), /^error: cannot parse config file .*dup\.yaml.*: Map keys must be unique/);
});

test('malformed command lines', async () => {
  assert.equal(await usageError(['--start']), 'error: missing value for --start (expected number)');
  assert.equal(await usageError(['--start', '1', 'extra']), 'error: unexpected argument "extra" (parameters are given as --key value)');
  assert.equal(await usageError(['--config']), 'error: missing value for --config (expected a YAML file path)');
  assert.equal(await usageError(['--start', '1', '--print_config=yes']), 'error: --print_config takes no value (got "yes")');
});

test('a runtime error is one line with exit code 1; the stack only with AFRAME_DEBUG=1', async () => {
  const r = await capture(['data', 'fetch', '--start', '1', '--flag', 'THROW']);
  assert.equal(r.code, 1);
  assert.equal(r.err, 'error: server said no\n');
  const d = await capture(['data', 'fetch', '--start', '1', '--flag', 'THROW'], { AFRAME_DEBUG: '1' });
  assert.equal(d.code, 1);
  assert.match(d.err, /^error: server said no\nError: server said no\nsecond line of detail\n\s+at /);
});

test('a ConfigError thrown by a command is a usage error (exit 2)', async () => {
  const r = await capture(['data', 'fetch', '--start', '1', '--flag', 'INCONSISTENT']);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'error: kernel_length must exceed fduration\n');
});

test('unknown project or command suggests the closest name', async () => {
  const p = await capture(['dta', 'fetch']);
  assert.equal(p.code, 2);
  assert.equal(p.err, 'error: unknown project or command "dta" (did you mean "data"?); run `aframe --help`\n');
  const c = await capture(['data', 'fecth']);
  assert.equal(c.code, 2);
  assert.equal(c.err, 'error: unknown command "fecth" in project data (did you mean "fetch"?); run `aframe data --help`\n');
});
