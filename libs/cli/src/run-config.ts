/**
 * The run config: one YAML file for a whole run (`RUN/aframe.yaml`, written by `aframe init`) with a
 * section per project command, `project: { command: { ...parameters } }`. Naming it in the
 * environment, `AFRAME_CONFIG=RUN/aframe.yaml aframe data query ...`, gives the command its section as
 * the lowest-precedence layer above the schema defaults - as the original's `LAW_CONFIG_FILE` gave each
 * task family the defaults in its own `[luigi_<Task>]` section.
 */
import { UsageError } from './errors.ts';
import type { ConfigLayer } from './parse.ts';
import { isPlainObject, loadConfigFile, type ConfigObject } from './yaml-config.ts';

export const RUN_CONFIG_ENV = 'AFRAME_CONFIG';

/** A command's section of a parsed run config (`{}` when absent); throws when it is not a mapping. */
export function sectionOf(runConfig: unknown, project: string, command: string, label = 'run config'): ConfigObject {
  if (runConfig === null || runConfig === undefined) return {};
  if (!isPlainObject(runConfig)) throw new UsageError(`${label} must be a mapping of projects, got ${typeof runConfig}`);
  const p = runConfig[project];
  if (p === undefined || p === null) return {};
  if (!isPlainObject(p)) throw new UsageError(`${label}: section "${project}" must be a mapping of commands`);
  const s = p[command];
  if (s === undefined || s === null) return {};
  if (!isPlainObject(s)) throw new UsageError(`${label}: section "${project}.${command}" must be a mapping of parameters`);
  return s;
}

/** The layer a command gets from the run config named by AFRAME_CONFIG (none when it is unset). */
export function runConfigLayers(env: Record<string, string | undefined>, project: string, command: string): ConfigLayer[] {
  const path = env[RUN_CONFIG_ENV];
  if (path === undefined || path === '') return [];
  const label = `${RUN_CONFIG_ENV} file ${JSON.stringify(path)}`;
  let doc: ConfigObject;
  try {
    doc = loadConfigFile(path);
  } catch (e) {
    throw new UsageError(`${RUN_CONFIG_ENV}: ${(e as Error).message}`);
  }
  return [{ label: `${label} (section ${project}.${command})`, value: sectionOf(doc, project, command, label) }];
}
