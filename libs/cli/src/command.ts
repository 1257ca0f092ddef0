/**
 * The one declaration a command makes: its project, name, a one-line summary, its parameters as a zod
 * object schema (every field with `.describe('help text')` and, where it has one, `.default(...)`), and
 * the function that runs it with the fully resolved, validated config.
 *
 * From this single declaration the CLI derives `--help`, validation, `--config FILE.yaml`, dotted
 * overrides, JSON values and `--print_config` (see ./parse.ts).
 */
import type { z } from 'zod';

export interface CommandContext {
  /** Human-readable log line to stderr (suppressed when AFRAME_QUIET is set). */
  log: (message: string) => void;
  /** True when running under CI / AFRAME_QUIET: no progress bars. */
  quiet: boolean;
  /** Environment the command runs with (process.env for the real executable). */
  env?: Record<string, string | undefined>;
}

export interface CommandDef<S extends z.ZodObject = z.ZodObject> {
  project: string;
  name: string;
  summary: string;
  /** Optional longer text shown under the summary in the command's `--help`. */
  description?: string;
  params: S;
  run: (config: z.infer<S>, ctx: CommandContext) => Promise<void> | void;
}

/** Identity helper that keeps the config type inferred from the schema. */
export function defineCommand<S extends z.ZodObject>(def: CommandDef<S>): CommandDef<S> {
  return def;
}
