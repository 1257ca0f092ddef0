/** The `aframe data <command>` commands, registered with the aframe CLI. */
import type { CommandDef } from '@aframe/cli';

export const commands: CommandDef[] = [
];
