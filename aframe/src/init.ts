/**
 * `aframe init --directory RUN`: write RUN/aframe.yaml, the run's one config file, with one section per
 * project command (`data: { query: {...} }`) holding that command's resolved defaults. Parameters
 * without a default are written as `null` with a `# required` comment, to be filled in by hand.
 * `AFRAME_CONFIG=RUN/aframe.yaml aframe <project> <command>` gives each command its section as the
 * lowest-precedence config layer (see @aframe/cli run-config.ts), so `--config` files and
 * command-line keys still win.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isMap, isScalar, type Pair } from 'yaml';
import { UsageError, defineCommand, describeParams, isPlainObject, mergeLayers, RUN_CONFIG_ENV, yamlDocument, type CommandDef, type ConfigObject, type ParamInfo } from '@aframe/cli';
import { atomicWriteFile } from '@aframe/io';

export const RUN_CONFIG_NAME = 'aframe.yaml';

export interface DefaultSection {
  value: ConfigObject;
  /** Dotted keys that have no default (written as null). */
  required: ParamInfo[];
}

/** The config a command gets from its defaults alone; required keys with no default become null. */
export function defaultSection(def: CommandDef): DefaultSection {
  const required: ParamInfo[] = [];
  const build = (params: ParamInfo[]): ConfigObject => {
    const out: ConfigObject = {};
    for (const p of params) {
      const key = p.path.split('.').pop()!;
      if (p.children && !(p.defaultKind === 'default' && isPlainObject(p.defaultValue))) {
        // absent group: zod parses a prefault (or nothing) through the group's own schema
        const pre = p.defaultKind === 'prefault' && isPlainObject(p.defaultValue) ? p.defaultValue : {};
        out[key] = mergeLayers([build(p.children), pre]);
      } else if (p.hasDefault) out[key] = structuredClone(p.defaultValue);
      else if (p.required) {
        out[key] = null;
        required.push(p);
      }
    }
    return out;
  };
  return { value: build(describeParams(def.params)), required };
}

function pairAt(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

/** The text of a run's aframe.yaml for these commands (sections `project.command`, with comments). */
export function runConfigFor(commands: readonly CommandDef[]): string {
  const root: ConfigObject = {};
  const sections = commands.map((c) => ({ c, s: defaultSection(c) }));
  for (const { c, s } of sections) {
    const project = (root[c.project] ??= {}) as ConfigObject;
    project[c.name] = s.value;
  }
  const doc = yamlDocument(root);
  doc.commentBefore =
    ' aframe run config: one section per project command (project: command: parameters).\n' +
    ' Values are the defaults; fill in every `null  # required` entry. See `aframe <project> <command> --help`.\n' +
    ` Use it with: ${RUN_CONFIG_ENV}=<this file> aframe <project> <command> [--config FILE.yaml] [--KEY VALUE ...]`;
  for (const { c, s } of sections) {
    const cmdPair = pairAt(pairAt(doc.contents, c.project)?.value, c.name);
    if (cmdPair && isScalar(cmdPair.key)) cmdPair.key.commentBefore = ` ${c.project} ${c.name}: ${c.summary}`;
    for (const p of s.required) {
      const path = [c.project, c.name, ...p.path.split('.')];
      const parent = doc.getIn(path.slice(0, -1), true);
      const pair = pairAt(parent, path[path.length - 1]);
      if (pair?.value && isScalar(pair.value)) pair.value.comment = ` required: ${p.type}${p.description ? ` - ${p.description}` : ''}`;
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** The `aframe init` command, listing the commands whose sections it writes (given lazily). */
export function createInitCommand(getCommands: () => readonly CommandDef[]) {
  return defineCommand({
    project: 'aframe',
    name: 'init',
    summary: `write RUN/${RUN_CONFIG_NAME}: every command's parameters with their defaults`,
    params: z.object({
      directory: z.string().min(1).describe('run directory to create (or reuse); the config is written inside it'),
      force: z.boolean().default(false).describe(`overwrite an existing ${RUN_CONFIG_NAME}`),
    }),
    async run(config, ctx) {
      const file = join(config.directory, RUN_CONFIG_NAME);
      if (existsSync(file) && !config.force) {
        throw new UsageError(`${file} already exists; pass --force to overwrite it`);
      }
      const commands = getCommands().filter((c) => c.project !== 'aframe');
      await atomicWriteFile(file, runConfigFor(commands));
      ctx.log(`wrote ${file} (${commands.length} command section${commands.length === 1 ? '' : 's'}); use it with ${RUN_CONFIG_ENV}=${file}`);
    },
  });
}
