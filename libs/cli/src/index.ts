export { defineCommand } from './command.ts';
export type { CommandDef, CommandContext } from './command.ts';
