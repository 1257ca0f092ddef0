/**
 * Bad inputs of the waveform-set commands fail before any work with ONE line that names the
 * argument or file and what was expected (through the real CLI entry, `runCli`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import h5wasm from 'h5wasm/node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@aframe/cli';
import { commands } from '../src/cli.ts';
import { loadPsds } from '../src/waveform-sets/psd.ts';
import { makeBackground } from './waveform-sets/helpers.ts';

let dir: string;
let background: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wf-errors-'));
  background = await makeBackground(join(dir, 'bg'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run `aframe data <args>`; returns exit code and stderr lines. */
async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
  let err = '';
  const code = await runCli(['data', ...args], { program: 'aframe', projects: { data: 'data' }, commands }, {
    stdout: () => {},
    stderr: (t) => {
      err += t;
    },
    env: { AFRAME_QUIET: '1' },
    base: [],
  });
  return { code, lines: err.split('\n').filter((l) => l.length > 0) };
}

const training = (extra: string[]) => ['training_waveforms', '--num_signals', '2', '--output_file', join(dir, 'out.hdf5'), ...extra];
const validation = (psd: string, extra: string[] = []) => [
  'validation_waveforms', '--num_signals', '2', '--psd', psd, '--output_file', join(dir, 'val.hdf5'), ...extra,
];

async function expectOneLine(args: string[], pattern: RegExp): Promise<void> {
  const { code, lines } = await cli(args);
  assert.notEqual(code, 0);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0], pattern);
}

test('right_pad >= waveform_duration', async () => {
  await expectOneLine(training(['--right_pad', '8', '--waveform_duration', '8']), /^error: right_pad must be in \[0, waveform_duration = 8\) s, got 8$/);
});

test('unknown prior lists the known ones', async () => {
  await expectOneLine(training(['--prior', 'priors.priors.no_such_prior']), /prior.*no_such_prior.*known priors: end_o3_ratesandpops, .*nonspin_bbh/);
});

test('unknown approximant lists the registered ones', async () => {
  await expectOneLine(training(['--waveform_approximant', 'SEOBNRv4']), /waveform_approximant: approximant must be one of .*IMRPhenomD.*got 'SEOBNRv4'/);
});

test('unreadable background file', async () => {
  const bad = join(dir, 'garbage.hdf5');
  writeFileSync(bad, 'this is not HDF5');
  await expectOneLine(validation(bad), /garbage\.hdf5: not a readable HDF5 file/);
  await expectOneLine(validation(join(dir, 'missing.hdf5')), /missing\.hdf5 does not exist/);
});

test('background file of the wrong layout', async () => {
  // A background with only H1 and L1 asked for V1 too; a ledger file is no background either.
  await expectOneLine(validation(background, ['--ifos', '["H1","V1"]']), /missing dataset V1/);
  await expectOneLine(validation(background, ['--waveform_duration', '128', '--right_pad', '2']), /H1 has 64 s of data; the PSD needs at least waveform_duration = 128 s/);
  await h5wasm.ready;
  const noAttrs = join(dir, 'layout', 'no-attrs.hdf5');
  mkdirSync(join(dir, 'layout'));
  const f = new h5wasm.File(noAttrs, 'w');
  f.create_dataset({ name: 'H1', data: new Float64Array(16) });
  f.create_dataset({ name: 'L1', data: new Float64Array(16) });
  f.close();
  await expectOneLine(validation(noAttrs), /no-attrs\.hdf5: dataset H1 lacks the x0\/dx attributes/);
});

test('a two-column PSD text file is accepted (PSD or ASD, on the waveform rfft grid)', async () => {
  const txt = join(dir, 'layout', 'flat.txt');
  writeFileSync(txt, '# f psd\n1 4e-46\n100 4e-46\n2000 4e-46\n');
  const [h1, l1] = await loadPsds(txt, ['H1', 'L1'], 8, 2048);
  assert.equal(h1.length, 8 * 2048 / 2 + 1);
  for (const p of [h1, l1]) for (const v of p) assert.ok(Math.abs(v - 4e-46) <= 1e-13 * 4e-46); // exp(log) round trip of the log-log interpolation
  writeFileSync(txt, '1 2e-23\n2000 2e-23\n');
  const [asd] = await loadPsds(txt, ['H1'], 8, 2048);
  assert.ok(Math.abs(asd[100] - 4e-46) <= 1e-12 * 4e-46);
});

test('a PSD text file that does not parse', async () => {
  const bad = join(dir, 'psd.txt');
  writeFileSync(bad, '10 1e-23\ntwenty 2e-23\n');
  await expectOneLine(validation(bad), /psd file .*psd\.txt is neither a background HDF5 file .* nor a two-column/);
});

test('testing_waveforms: one shift per ifo', async () => {
  await expectOneLine(
    ['testing_waveforms', '--start', '0', '--end', '1000', '--shifts', '[0, 1, 2]', '--psd_file', background, '--output_dir', join(dir, 't')],
    /shifts must give one shift per ifo \(2 for \["H1","L1"\]\)/,
  );
  // nothing was written by any failed command
  assert.deepEqual(readdirSync(dir).sort(), ['bg', 'garbage.hdf5', 'layout', 'psd.txt']);
});
