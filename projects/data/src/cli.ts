/** The `aframe data <command>` commands, registered with the aframe CLI. */
import type { CommandDef } from '@aframe/cli';
import { queryCommand } from './commands/query.ts';
import { fetchCommand } from './commands/fetch.ts';
import { waveformCommand } from './commands/waveform.ts';
import { trainingWaveformsCommand } from './commands/training-waveforms.ts';
import { validationWaveformsCommand } from './commands/validation-waveforms.ts';
import { testingWaveformsCommand } from './commands/testing-waveforms.ts';

export const commands: CommandDef[] = [
  queryCommand,
  fetchCommand,
  waveformCommand,
  trainingWaveformsCommand,
  validationWaveformsCommand,
  testingWaveformsCommand,
];
