/**
 * Turn a command's argv into its fully resolved, validated config.
 *
 * Precedence: schema defaults < `--config FILE.yaml` files (in the order given) < command-line keys.
 * Command-line keys: `--key value`, `--key=value`, dotted `--data.kernel_length 1.5` for nested objects,
 * JSON values (`--ifos '["H1","L1"]'`; text that is not JSON is taken as a string), booleans as
 * `--flag`, `--flag true|false`. Unknown keys - on the command line or in a file, at any depth - are
 * errors with a did-you-mean suggestion. Every problem is a one-line `UsageError`.
 */
import type { z } from 'zod';
import { UsageError, showValue } from './errors.ts';
import {
  acceptsExtraKeys,
  defOf,
  describeParams,
  descriptionOf,
  isBoolean,
  isStringLike,
  objectShape,
  schemaAt,
  typeName,
  unwrap,
  type ParamInfo,
} from './schema.ts';
import { closest, suggestion } from './suggest.ts';
import { isPlainObject, loadConfigFile, type ConfigObject } from './yaml-config.ts';

/** Global options every command accepts (so no parameter may use these names). */
export const RESERVED_KEYS = ['config', 'print_config', 'help'] as const;

export interface Override {
  /** Dotted key split into parts: `--data.kernel_length` -> ['data', 'kernel_length']. */
  path: string[];
  value: unknown;
}

export interface ParsedArgs {
  configFiles: string[];
  overrides: Override[];
  printConfig: boolean;
  help: boolean;
}

/** A source of config values, named for error messages (`config file "a.yaml"`, `the command line`). */
export interface ConfigLayer {
  label: string;
  value: ConfigObject;
}

/**
 * Interpret one raw command-line value for the parameter `schema`: JSON when it parses, else the text.
 * Where the parameter only accepts strings, the text is kept verbatim (so `--name 123` is "123");
 */
export function parseValue(raw: string, schema: z.ZodType | undefined): unknown {
  if (schema && isStringLike(schema)) {
    if (raw.startsWith('"')) {
      try {
        const v: unknown = JSON.parse(raw);
        if (typeof v === 'string') return v;
      } catch {
        // not a JSON string: keep the text
      }
    }
    return raw;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function flatLeafPaths(params: ParamInfo[]): string[] {
  return params.flatMap((p) => (p.children ? [p.path, ...flatLeafPaths(p.children)] : [p.path]));
}

/**
 * Check that a dotted path names a parameter of `schema`; returns the parameter's schema (undefined
 * below an object that accepts any key). Throws a UsageError with a suggestion otherwise.
 */
function resolveKeyPath(schema: z.ZodObject, path: readonly string[], describe: (p: string) => string): z.ZodType | undefined {
  let s: z.ZodType = schema;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const here = path.slice(0, i).join('.');
    const shape = objectShape(s);
    if (!shape) {
      if (acceptsExtraKeys(s)) return schemaAt(s, path.slice(i));
      throw new UsageError(`${describe(path.join('.'))} is not a parameter: ${describe(here)} is a ${typeName(s)}, not a group of parameters`);
    }
    const next = shape[key];
    if (next) {
      s = next;
      continue;
    }
    if (acceptsExtraKeys(s)) return schemaAt(s, path.slice(i));
    throw new UsageError(`unknown parameter ${describe(path.join('.'))}${suggestKey(schema, path, i, describe)}`);
  }
  return s;
}

function suggestKey(root: z.ZodObject, path: readonly string[], depth: number, describe: (p: string) => string): string {
  const prefix = path.slice(0, depth);
  const parent = prefix.length ? schemaAt(root, prefix)! : root;
  const siblings = Object.keys(objectShape(parent) ?? {});
  const near = closest(path[depth], siblings);
  const full = (k: string) => [...prefix, k].join('.');
  if (near !== undefined) return ` (did you mean ${describe(full(near))}?)`;
  // a key given at the wrong level, e.g. --kernel_length for data.kernel_length
  const wanted = path.slice(depth).join('.');
  const all = flatLeafPaths(describeParams(root));
  const moved = all.find((p) => p === wanted || p.endsWith(`.${wanted}`));
  if (moved) return ` (did you mean ${describe(moved)}?)`;
  const fuzzy = closest(path.join('.'), all);
  if (fuzzy) return ` (did you mean ${describe(fuzzy)}?)`;
  return siblings.length ? suggestion(path[depth], siblings.map(full), describe) : '';
}

/** Split argv into config files, overrides and flags. Unknown keys are rejected here. */
export function parseArgs(argv: readonly string[], schema: z.ZodObject): ParsedArgs {
  const out: ParsedArgs = { configFiles: [], overrides: [], printConfig: false, help: false };
  const opt = (p: string) => `--${p}`;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '-h' || token === '--help') {
      out.help = true;
      continue;
    }
    if (!token.startsWith('--') || token === '--') {
      throw new UsageError(`unexpected argument ${JSON.stringify(token)} (parameters are given as --key value)`);
    }
    const eq = token.indexOf('=');
    const name = eq >= 0 ? token.slice(2, eq) : token.slice(2);
    let inline: string | undefined = eq >= 0 ? token.slice(eq + 1) : undefined;
    const next = argv[i + 1];
    const hasNext = next !== undefined && !next.startsWith('--');

    if (name === 'print_config' || name === 'print-config') {
      if (inline !== undefined) throw new UsageError(`--print_config takes no value (got ${JSON.stringify(inline)})`);
      out.printConfig = true;
      continue;
    }
    if (name === 'config') {
      if (inline === undefined) {
        if (!hasNext) throw new UsageError('missing value for --config (expected a YAML file path)');
        inline = next;
        i++;
      }
      out.configFiles.push(inline);
      continue;
    }
    if (name === '' || name.split('.').some((p) => p === '')) {
      throw new UsageError(`malformed option ${JSON.stringify(token)} (expected --key or --group.key)`);
    }
    const path = name.split('.');
    const target = resolveKeyPath(schema, path, opt);
    let raw: string;
    if (inline !== undefined) raw = inline;
    else if (target && isBoolean(target)) {
      if (next === 'true' || next === 'false') {
        raw = next;
        i++;
      } else raw = 'true';
    } else {
      if (!hasNext) {
        const type = target ? ` (expected ${typeName(target)})` : '';
        throw new UsageError(`missing value for ${opt(name)}${type}`);
      }
      raw = next;
      i++;
    }
    const value = parseValue(raw, target);
    if (isPlainObject(value) && target) checkKeys(value, schema, `the value of ${opt(name)}`, path);
    out.overrides.push({ path, value });
  }
  return out;
}

/**
 * Reject keys of `value` (placed at `prefix` inside the config) that the schema does not declare,
 * at any nesting level, naming `source` and suggesting the closest valid key.
 */
export function checkKeys(value: ConfigObject, schema: z.ZodObject, source: string, prefix: readonly string[] = []): void {
  const here = prefix.length ? schemaAt(schema, prefix) : schema;
  if (!here) return;
  const shape = objectShape(here);
  if (!shape) return; // a non-object parameter given an object: validation reports the type
  const extra = acceptsExtraKeys(here);
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, key];
    if (!(key in shape)) {
      if (extra) continue;
      if ((RESERVED_KEYS as readonly string[]).includes(key) && prefix.length === 0) {
        throw new UsageError(`${key} is a command-line option, not a parameter: remove it from ${source}`);
      }
      const quote = (p: string) => `"${p}"`;
      throw new UsageError(`unknown parameter ${quote(path.join('.'))} in ${source}${suggestKey(schema, path, prefix.length, quote)}`);
    }
    if (isPlainObject(child)) checkKeys(child, schema, source, path);
  }
}

/** Set `value` at `path` in `target`, creating (or replacing non-object) intermediate levels; objects merge. */
export function setIn(target: ConfigObject, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const cur = node[key];
    if (!isPlainObject(cur)) node[key] = {};
    node = node[key] as ConfigObject;
  }
  const last = path[path.length - 1];
  const cur = node[last];
  // a group given as JSON after dotted keys of the same group keeps them (as files are deep-merged)
  node[last] = isPlainObject(cur) && isPlainObject(value) ? mergeLayers([cur, value]) : value;
}

export function getIn(target: unknown, path: readonly (string | number | symbol)[]): unknown {
  let node = target;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number | symbol, unknown>)[key as string];
  }
  return node;
}

/** Deep merge of plain objects, later layers winning; arrays and scalars are replaced, not merged. */
export function mergeLayers(layers: readonly ConfigObject[]): ConfigObject {
  const merge = (a: ConfigObject, b: ConfigObject): ConfigObject => {
    const out: ConfigObject = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const cur = out[k];
      out[k] = isPlainObject(cur) && isPlainObject(v) ? merge(cur, v) : structuredCloneSafe(v);
    }
    return out;
  };
  return layers.reduce<ConfigObject>((acc, layer) => merge(acc, layer), {});
}

function structuredCloneSafe(v: unknown): unknown {
  return isPlainObject(v) ? mergeLayers([v]) : Array.isArray(v) ? v.map(structuredCloneSafe) : v;
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
}

function sourceOf(layers: readonly ConfigLayer[], path: readonly PropertyKey[]): string | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    for (let n = path.length; n >= 1; n--) {
      if (getIn(layers[i].value, path.slice(0, n)) !== undefined) return layers[i].label;
    }
  }
  return undefined;
}

/** One line describing the first validation problem. */
export function formatIssue(issue: ZodIssueLike, schema: z.ZodObject, input: unknown, layers: readonly ConfigLayer[]): string {
  const path = issue.path;
  const key = path.map(String).join('.');
  const value = getIn(input, path);
  const sub = path.length ? schemaAt(schema, path.map(String)) : schema;
  const expected = sub ? typeName(sub) : issue.expected;
  const source = sourceOf(layers, path);
  const from = source ? `; from ${source}` : '';
  const shortMessage = issue.message.replace(/^(Invalid input|Too small|Too big|Invalid option|Invalid string):\s*/i, '');

  if (issue.code === 'unrecognized_keys') {
    const k = [...path.map(String), issue.keys?.[0] ?? ''].join('.');
    return `unknown parameter "${k}"`;
  }
  if ((value === undefined || value === null) && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    const help = sub ? descriptionOf(sub) : undefined;
    const isNull = value === null ? `; it is null in ${source ?? 'the config'}` : '';
    return `missing required parameter ${key} (${expected})${help ? `: ${help}` : ''}${isNull}; set it with --${key} VALUE or in a --config file`;
  }
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_union':
      return `invalid value for ${key}: ${showValue(value)} (expected ${expected}${from})`;
    case 'invalid_value': {
      const opts = (issue.values ?? []).filter((v): v is string => typeof v === 'string');
      const near = typeof value === 'string' ? closest(value, opts) : undefined;
      const hint = near !== undefined ? `; did you mean ${JSON.stringify(near)}?` : '';
      return `invalid value for ${key}: ${showValue(value)} (expected ${expected}${hint}${from})`;
    }
    case 'custom':
      return key ? `invalid value for ${key}: ${showValue(value)} (${issue.message}${from})` : `invalid configuration: ${issue.message}`;
    default:
      return `invalid value for ${key}: ${showValue(value)} (${shortMessage}${from})`;
  }
}

/** Validate a merged config against the schema; returns the parsed value (defaults filled in). */
export function validateConfig<S extends z.ZodObject>(schema: S, input: ConfigObject, layers: readonly ConfigLayer[] = []): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues as unknown as ZodIssueLike[];
  throw new UsageError(formatIssue(issues[0], schema, input, layers));
}

export interface ResolveOptions {
  /**
   * Config layers applied after the schema defaults and before config files (e.g. a run's aframe.yaml
   * section); a function is only called when the config is resolved (not for --help).
   */
  base?: ConfigLayer[] | (() => ConfigLayer[]);
  /** Config file reader; defaults to reading YAML from disk. */
  readConfig?: (path: string) => ConfigObject;
}

export interface Resolved<S extends z.ZodObject> {
  config: z.infer<S>;
  printConfig: boolean;
  help: boolean;
}

/**
 * Resolve argv for a command: parse it, read its `--config` files, check every layer for unknown keys,
 * merge by precedence and validate. With `--help` the config is not resolved (`config` is undefined).
 */
export function resolveConfig<S extends z.ZodObject>(schema: S, argv: readonly string[], options: ResolveOptions = {}): Resolved<S> {
  const args = parseArgs(argv, schema);
  if (args.help) return { config: undefined as unknown as z.infer<S>, printConfig: args.printConfig, help: true };
  const read = options.readConfig ?? loadConfigFile;
  const base = typeof options.base === 'function' ? options.base() : options.base;
  const layers: ConfigLayer[] = [...(base ?? [])];
  for (const file of args.configFiles) {
    layers.push({ label: `config file ${JSON.stringify(file)}`, value: read(file) });
  }
  for (const layer of layers) checkKeys(layer.value, schema, layer.label);
  const cli: ConfigObject = {};
  for (const o of args.overrides) setIn(cli, o.path, o.value);
  layers.push({ label: 'the command line', value: cli });
  const merged = mergeLayers(layers.map((l) => l.value));
  return { config: validateConfig(schema, merged, layers), printConfig: args.printConfig, help: false };
}

/** Reject parameter names that collide with the global options (checked when a command is registered). */
export function checkReservedKeys(schema: z.ZodObject, where: string): void {
  for (const key of Object.keys(objectShape(schema) ?? {})) {
    if ((RESERVED_KEYS as readonly string[]).includes(key)) {
      throw new Error(`${where}: parameter name "${key}" is reserved for a global option; rename it`);
    }
  }
  if (defOf(unwrap(schema)).type !== 'object') throw new Error(`${where}: params must be a z.object(...)`);
}
