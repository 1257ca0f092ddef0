/** The `aframe data <command>` commands, registered with the aframe CLI. */
import type { CommandDef } from '@aframe/cli';
import { queryCommand } from './commands/query.ts';
import { fetchCommand } from './commands/fetch.ts';
import { waveformCommand } from './commands/waveform.ts';

export const commands: CommandDef[] = [
  queryCommand,
  fetchCommand,
  waveformCommand,
];
