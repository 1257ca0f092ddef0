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
  /** Human-readable log line to stderr (suppressed with AFRAME_QUIET=1 unless `force`). */
  log: (message: string) => void;
  /** True when running under CI / AFRAME_QUIET: no progress bars. */
  quiet: boolean;
}

export interface CommandDef<S extends z.ZodObject = z.ZodObject> {
  project: string;
  name: string;
  summary: string;
  params: S;
  run: (config: z.infer<S>, ctx: CommandContext) => Promise<void> | void;
}

/** Identity helper that keeps the config type inferred from the schema. */
export function defineCommand<S extends z.ZodObject>(def: CommandDef<S>): CommandDef<S> {
  return def;
}
