/** A command shaped like the real project commands, used by the CLI tests. */
import { z } from 'zod';
import { ConfigError, defineCommand, type Registry } from '../src/index.ts';

export const params = z.object({
  start: z.number().describe('GPS start of the window (s)'),
  ifos: z.array(z.enum(['H1', 'L1', 'V1'])).default(['H1', 'L1']).describe('interferometers, in order'),
  sample_rate: z.number().positive().default(2048).describe('output sample rate (Hz)'),
  flag: z.string().default('DATA').describe('GWOSC data-quality flag'),
  verbose: z.boolean().default(false).describe('log each segment'),
  approximant: z.enum(['IMRPhenomD', 'IMRPhenomPv2', 'TaylorF2']).default('IMRPhenomPv2').describe('waveform model'),
  max_duration: z.number().default(-1).describe('longest chunk (s); -1 for no limit'),
  mass_combos: z.array(z.tuple([z.number(), z.number()])).default([[35, 35], [35, 20]]).describe('(m1, m2) pairs (solar masses)'),
  data: z
    .object({
      kernel_length: z.number().positive().default(1.5).describe('network input length (s)'),
      fduration: z.number().default(1).describe('whitening filter length (s)'),
      whiten: z
        .object({
          highpass: z.number().nullable().default(null).describe('highpass corner (Hz) or null'),
        })
        .prefault({}),
    })
    .prefault({})
    .describe('data module settings'),
});

export const calls: unknown[] = [];

export const fetchCommand = defineCommand({
  project: 'data',
  name: 'fetch',
  summary: 'fetch strain for every segment',
  params,
  run(config) {
    calls.push(config);
    if (config.flag === 'THROW') throw new Error('server said no\nsecond line of detail');
    if (config.flag === 'INCONSISTENT') throw new ConfigError('kernel_length must exceed fduration');
  },
});

export const queryCommand = defineCommand({
  project: 'data',
  name: 'query',
  summary: 'query science segments',
  params: z.object({ min_duration: z.number().default(0).describe('shortest segment kept (s)') }),
  run() {},
});

export const registry: Registry = {
  program: 'aframe',
  projects: { data: 'segments, strain, waveforms', train: 'train a network' },
  commands: [fetchCommand, queryCommand],
};

/** Run the CLI as a library, capturing its output. */
export async function capture(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; out: string; err: string }> {
  const { runCli } = await import('../src/index.ts');
  let out = '';
  let err = '';
  const code = await runCli(argv, registry, { stdout: (t) => (out += t), stderr: (t) => (err += t), env });
  return { code, out, err };
}
