import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { z } from 'zod';
import { defineCommand, resolveConfig, sectionOf } from '@aframe/cli';
import { runConfigFor } from '../src/init.ts';

test('run config for a command with required, nested and default parameters; its section resolves back', () => {
  const cmd = defineCommand({
    project: 'data',
    name: 'testing_waveforms',
    summary: 'generate the injection campaign',
    params: z.object({
      start: z.number().describe('GPS start (s)'),
      ifos: z.array(z.string()).default(['H1', 'L1']).describe('interferometers'),
      seed: z.int().optional().describe('random seed'),
      waveform: z
        .object({
          approximant: z.enum(['IMRPhenomD', 'IMRPhenomPv2']).default('IMRPhenomPv2'),
          minimum_frequency: z.number().default(20).describe('f_min (Hz)'),
          duration: z.number().positive().describe('waveform length (s)'),
        }),
      shifts: z.array(z.number()).default([0, 1]),
      // a group filled from its own defaults (prefault) and one with a literal default (used as is)
      filter: z.object({ highpass: z.number().default(32), lowpass: z.number().nullable().default(null) }).prefault({}),
      psd: z.object({ length_s: z.number().default(8), average: z.enum(['mean', 'median']).default('median') }).default({ length_s: 64, average: 'mean' }),
    }),
    run() {},
  });
  const other = defineCommand({ project: 'train', name: 'fit', summary: 'train', params: z.object({ lr: z.number().default(0.001) }), run() {} });
  const text = runConfigFor([cmd, other]);
  assert.match(text, /^# aframe run config/);
  assert.match(text, /\n {4}start: null # required: number - GPS start \(s\)\n/);
  assert.match(text, /\n {6}duration: null # required: number > 0 - waveform length \(s\)\n/);
  assert.match(text, /\n {2}# data testing_waveforms: generate the injection campaign\n {2}testing_waveforms:\n/);
  assert.match(text, /\n {4}ifos: \[ H1, L1 \]\n/);
  const doc = YAML.parse(text);
  assert.deepEqual(sectionOf(doc, 'train', 'fit'), { lr: 0.001 });
  const section = sectionOf(doc, 'data', 'testing_waveforms');
  assert.deepEqual(section, {
    start: null,
    ifos: ['H1', 'L1'],
    waveform: { approximant: 'IMRPhenomPv2', minimum_frequency: 20, duration: null },
    shifts: [0, 1],
    filter: { highpass: 32, lowpass: null },
    psd: { length_s: 64, average: 'mean' },
  });
  // unfilled required keys are reported by name
  assert.throws(() => resolveConfig(cmd.params, [], { base: [{ label: 'aframe.yaml', value: section }] }), /missing required parameter start \(number\): GPS start \(s\); it is null in aframe\.yaml; set it with --start VALUE/);
  // filled in (here on the command line), the section resolves to the defaults plus the given values
  const resolved = resolveConfig(cmd.params, ['--start', '100', '--waveform.duration', '8'], { base: [{ label: 'aframe.yaml', value: section }] }).config;
  assert.deepEqual(resolved, cmd.params.parse({ start: 100, waveform: { duration: 8 } }));
  assert.deepEqual(sectionOf(doc, 'data', 'absent'), {});
  assert.throws(() => sectionOf({ data: [1] }, 'data', 'x'), /section "data" must be a mapping of commands/);
});
