/**
 * `runCli(argv, registry)`: the whole command-line front end. Dispatches `<project> <command>`, prints
 * help, resolves and validates the config, runs the command, and turns every failure into one line:
 * usage/config problems exit 2, errors thrown while running exit 1 (stack only with AFRAME_DEBUG=1).
 * Returns the exit code instead of exiting, so it is testable as a library function.
 */
import type { CommandContext, CommandDef } from './command.ts';
import { EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, UsageError, envFlag } from './errors.ts';
import { formatCommandHelp, formatProgramHelp, formatProjectHelp, programName, projectNames, type Registry } from './help.ts';
import { checkReservedKeys, resolveConfig, type ConfigLayer } from './parse.ts';
import { runConfigLayers } from './run-config.ts';
import { suggestion } from './suggest.ts';
import { toYaml } from './yaml-config.ts';

export interface CliIO {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  env?: Record<string, string | undefined>;
  /**
   * Config layers applied before `--config` files (lowest precedence after defaults). Default: the
   * command's section of the run config named by AFRAME_CONFIG, if set.
   */
  base?: ConfigLayer[];
}

/** Find the command named by argv; returns it and the remaining arguments, or a help/usage outcome. */
function dispatch(
  argv: readonly string[],
  registry: Registry,
): { def: CommandDef; rest: string[] } | { text: string; code: number; toStderr: boolean } {
  const program = programName(registry);
  const isHelp = (t: string | undefined) => t === '--help' || t === '-h';
  const [first, second] = argv;
  if (first === undefined) return { text: formatProgramHelp(registry), code: EXIT_USAGE, toStderr: true };
  if (isHelp(first)) return { text: formatProgramHelp(registry), code: EXIT_OK, toStderr: false };

  const own = registry.commands.find((c) => c.project === program && c.name === first);
  if (own) return { def: own, rest: argv.slice(1) };

  const projects = projectNames(registry).filter((p) => p !== program);
  if (!projects.includes(first)) {
    const ownNames = registry.commands.filter((c) => c.project === program).map((c) => c.name);
    const candidates = [...projects, ...ownNames];
    const what = first.startsWith('-') ? `unknown option ${first} before a project` : `unknown project or command "${first}"`;
    throw new UsageError(`${what}${suggestion(first, candidates)}; run \`${program} --help\``);
  }
  if (second === undefined) return { text: formatProjectHelp(registry, first), code: EXIT_USAGE, toStderr: true };
  if (isHelp(second)) return { text: formatProjectHelp(registry, first), code: EXIT_OK, toStderr: false };
  const def = registry.commands.find((c) => c.project === first && c.name === second);
  if (!def) {
    const names = registry.commands.filter((c) => c.project === first).map((c) => c.name);
    throw new UsageError(`unknown command "${second}" in project ${first}${suggestion(second, names)}; run \`${program} ${first} --help\``);
  }
  return { def, rest: argv.slice(2) };
}

/** Check a registry once: unique project/command pairs, object schemas, no reserved parameter names. */
export function checkRegistry(registry: Registry): void {
  const seen = new Set<string>();
  for (const c of registry.commands) {
    const id = `${c.project} ${c.name}`;
    if (seen.has(id)) throw new Error(`command "${id}" is registered twice`);
    seen.add(id);
    checkReservedKeys(c.params, `command "${id}"`);
  }
}

function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim() !== '') ?? message;
  return line.trim();
}

export async function runCli(argv: readonly string[], registry: Registry, io: CliIO = {}): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => void process.stderr.write(t));
  const env = io.env ?? process.env;
  const debug = envFlag(env, 'AFRAME_DEBUG');
  checkRegistry(registry);

  let def: CommandDef;
  let config: unknown;
  try {
    const found = dispatch(argv, registry);
    if ('text' in found) {
      (found.toStderr ? stderr : stdout)(found.text);
      return found.code;
    }
    def = found.def;
    const cmd = def;
    const base = io.base ?? (() => runConfigLayers(env, cmd.project, cmd.name));
    const resolved = resolveConfig(def.params, found.rest, { base });
    if (resolved.help) {
      stdout(formatCommandHelp(registry, def));
      return EXIT_OK;
    }
    if (resolved.printConfig) {
      stdout(toYaml(resolved.config));
      return EXIT_OK;
    }
    config = resolved.config;
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`error: ${firstLine(e.message)}\n`);
      if (debug && e.stack) stderr(`${e.stack}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }

  const quietLogs = envFlag(env, 'AFRAME_QUIET');
  const ctx: CommandContext = {
    log: (message) => {
      if (!quietLogs) stderr(`${message}\n`);
    },
    quiet: quietLogs || envFlag(env, 'CI'),
    env,
  };
  try {
    await def.run(config as never, ctx);
    return EXIT_OK;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    stderr(`error: ${firstLine(err.message || err.name)}\n`);
    if (debug && err.stack) stderr(`${err.stack}\n`);
    return e instanceof UsageError ? EXIT_USAGE : EXIT_RUNTIME;
  }
}
