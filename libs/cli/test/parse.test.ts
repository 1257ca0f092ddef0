import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { parseValue, resolveConfig, toYaml } from '../src/index.ts';
import { params } from './example-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'aframe-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const resolve = (argv: string[]) => resolveConfig(params, argv).config;

const DEFAULTS = {
  start: 1240000000,
  ifos: ['H1', 'L1'],
  sample_rate: 2048,
  flag: 'DATA',
  verbose: false,
  approximant: 'IMRPhenomPv2',
  max_duration: -1,
  mass_combos: [[35, 35], [35, 20]],
  data: { kernel_length: 1.5, fduration: 1, whiten: { highpass: null } },
};

test('defaults fill every key not given (nested groups included)', () => {
  assert.deepEqual(resolve(['--start', '1240000000']), DEFAULTS);
});

test('precedence: defaults < config files in order < command line', () => {
  const a = file('a.yaml', 'sample_rate: 4096\ndata:\n  kernel_length: 2\n  fduration: 0.5\nflag: FROM_A\n');
  const b = file('b.yaml', 'sample_rate: 1024\ndata:\n  fduration: 0.25\n');
  const c = resolve(['--config', a, '--config', b, '--start', '1', '--data.fduration', '2']);
  assert.equal(c.flag, 'FROM_A'); // only in a
  assert.equal(c.sample_rate, 1024); // b wins over a
  assert.equal(c.data.kernel_length, 2); // a's nested key survives b's nested mapping (deep merge)
  assert.equal(c.data.fduration, 2); // command line wins over both
  assert.equal(c.approximant, 'IMRPhenomPv2'); // default
  // position of --config on the line does not change precedence: the command line still wins
  assert.equal(resolve(['--sample_rate', '512', '--config', b, '--start', '1']).sample_rate, 512);
});

test('dotted overrides reach nested groups at any depth', () => {
  const c = resolve(['--start', '1', '--data.kernel_length', '3.5', '--data.whiten.highpass', '32']);
  assert.deepEqual(c.data, { kernel_length: 3.5, fduration: 1, whiten: { highpass: 32 } });
  // a whole group as JSON, then a dotted key on top of it
  const d = resolve(['--start', '1', '--data', '{"kernel_length": 4, "whiten": {"highpass": 16}}', '--data.fduration', '3']);
  assert.deepEqual(d.data, { kernel_length: 4, fduration: 3, whiten: { highpass: 16 } });
  // and the other way round: the JSON group merges into the dotted keys given before it
  const e = resolve(['--start', '1', '--data.fduration', '3', '--data', '{"kernel_length": 4}']);
  assert.deepEqual(e.data, { kernel_length: 4, fduration: 3, whiten: { highpass: null } });
});

test('JSON values, --key=value, strings kept verbatim', () => {
  const c = resolve(['--start=1240000000.5', '--ifos', '["H1","V1"]', '--mass_combos=[[10,10]]', '--flag', '123', '--max_duration', '4096']);
  assert.equal(c.start, 1240000000.5);
  assert.deepEqual(c.ifos, ['H1', 'V1']);
  assert.deepEqual(c.mass_combos, [[10, 10]]);
  assert.equal(c.flag, '123'); // string parameter: text taken as is, not as the number 123
  assert.equal(c.max_duration, 4096);
  assert.equal(resolve(['--start', '1', '--flag', '"H1_DATA"']).flag, 'H1_DATA');
  assert.equal(resolve(['--start', '1', '--flag', 'a b=c']).flag, 'a b=c');
  assert.equal(resolve(['--start', '-1e3']).start, -1000); // a value may start with a single dash
  assert.equal(parseValue('null', undefined), null);
  assert.equal(parseValue('not json', undefined), 'not json');
});

test('booleans: --flag, --flag true|false, --flag=false', () => {
  assert.equal(resolve(['--start', '1', '--verbose']).verbose, true);
  assert.equal(resolve(['--verbose', '--start', '1']).verbose, true);
  assert.equal(resolve(['--start', '1', '--verbose', 'false']).verbose, false);
  assert.equal(resolve(['--start', '1', '--verbose', 'true']).verbose, true);
  assert.equal(resolve(['--start', '1', '--verbose=false']).verbose, false);
});

test('--print_config YAML read back with --config reproduces the resolved config', () => {
  const argv = ['--start', '1240000000', '--ifos', '["L1","V1"]', '--data.whiten.highpass', '20', '--verbose', '--flag', 'yes'];
  const first = resolveConfig(params, [...argv, '--print_config']);
  assert.equal(first.printConfig, true);
  const text = toYaml(first.config);
  assert.deepEqual(YAML.parse(text).ifos, ['L1', 'V1']);
  const again = resolve(['--config', file('printed.yaml', text)]);
  assert.deepEqual(again, first.config);
  // the string "yes" must stay a string through YAML (YAML 1.2 core schema)
  assert.equal(again.flag, 'yes');
  assert.deepEqual(resolve(['--config', file('printed2.yaml', toYaml(again))]), again);
});

test('an empty config file is an empty mapping', () => {
  assert.deepEqual(resolve(['--config', file('empty.yaml', '# nothing\n'), '--start', '1240000000']), DEFAULTS);
});
