/**
 * Every command the `aframe` executable knows: the orchestrator's own (`aframe init`) and each
 * project's (`aframe data ...`). A project exports `commands: CommandDef[]` from its `cli` entry.
 */
import type { CommandDef, Registry } from '@aframe/cli';
import { commands as dataCommands } from '@aframe/data/cli';
import { createInitCommand } from './init.ts';

export const PROJECT_SUMMARIES: Record<string, string> = {
  data: 'query segments, fetch strain, generate training/validation/testing waveforms',
};

const projectCommands: CommandDef[] = [...dataCommands];

export const registry: Registry = {
  program: 'aframe',
  description:
    'Aframe: a machine-learning search for compact-binary mergers in LIGO/Virgo strain.\n' +
    'Each project turns input files into artifacts; `aframe init` writes a run config.',
  projects: PROJECT_SUMMARIES,
  commands: [createInitCommand(() => projectCommands), ...projectCommands],
};
