export { defineCommand } from './command.ts';
export type { CommandDef, CommandContext } from './command.ts';
export { runCli, checkRegistry, type CliIO } from './run.ts';
export type { Registry } from './help.ts';
export { formatProgramHelp, formatProjectHelp, formatCommandHelp } from './help.ts';
export {
  resolveConfig,
  parseArgs,
  parseValue,
  checkKeys,
  mergeLayers,
  validateConfig,
  setIn,
  getIn,
  RESERVED_KEYS,
  type ConfigLayer,
  type ResolveOptions,
  type Resolved,
} from './parse.ts';
export { loadConfigFile, parseConfigText, toYaml, yamlDocument, isPlainObject, type ConfigObject } from './yaml-config.ts';
export { UsageError, ConfigError, envFlag, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE } from './errors.ts';
export { describeParams, typeName, schemaAt, type ParamInfo } from './schema.ts';
export { closest } from './suggest.ts';
export { createProgress, progressLine, formatDuration, formatRate, type Progress, type ProgressOptions } from './progress.ts';
export { sectionOf, runConfigLayers, RUN_CONFIG_ENV } from './run-config.ts';
