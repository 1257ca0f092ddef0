/**
 * Read what a command's zod schema says about each parameter: its type (as a short human string), its
 * default, its help text, whether it is required, and - for nested objects - its children. Everything
 * the CLI derives (help, unknown-key checks, value coercion, `aframe init`) goes through this module, so
 * it is the one place that knows zod's internal definition layout (`schema.def.type`, zod 4).
 */
import type { z } from 'zod';

type AnySchema = z.ZodType;

/** The zod definition fields this module reads (a loose view of `schema.def`). */
interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  element?: AnySchema;
  items?: AnySchema[];
  options?: AnySchema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  shape?: Record<string, AnySchema>;
  catchall?: AnySchema;
  valueType?: AnySchema;
  defaultValue?: unknown;
  getter?: () => AnySchema;
  checks?: unknown[];
}

export function defOf(schema: AnySchema): Def {
  return (schema as unknown as { def: Def }).def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Strip optional/nullable/default/... wrappers (and pipes, keeping their input side). */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 32; i++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else break;
  }
  return s;
}

/** The first `.describe()` text found walking from the outside wrapper inwards. */
export function descriptionOf(schema: AnySchema): string | undefined {
  let s: AnySchema | undefined = schema;
  for (let i = 0; s && i < 32; i++) {
    if (s.description) return s.description;
    const d = defOf(s);
    s = WRAPPERS.has(d.type) ? d.innerType : d.type === 'pipe' ? d.in : undefined;
  }
  return undefined;
}

/** `{ has: true, value }` when a default (or prefault) wrapper sits anywhere in the wrapper chain. */
export function defaultOf(schema: AnySchema): { has: boolean; value?: unknown; kind?: 'default' | 'prefault' } {
  let s: AnySchema | undefined = schema;
  for (let i = 0; s && i < 32; i++) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault') {
      // zod 4 exposes the default through a getter on the definition
      return { has: true, value: d.defaultValue, kind: d.type };
    }
    s = WRAPPERS.has(d.type) ? d.innerType : undefined;
  }
  return { has: false };
}

/** True when the key may be left out: it has a default, or is optional. */
export function isOptional(schema: AnySchema): boolean {
  let s: AnySchema | undefined = schema;
  for (let i = 0; s && i < 32; i++) {
    const d = defOf(s);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') return true;
    s = WRAPPERS.has(d.type) ? d.innerType : undefined;
  }
  return false;
}

function acceptsNull(schema: AnySchema): boolean {
  let s: AnySchema | undefined = schema;
  for (let i = 0; s && i < 32; i++) {
    const d = defOf(s);
    if (d.type === 'nullable' || d.type === 'null') return true;
    s = WRAPPERS.has(d.type) ? d.innerType : undefined;
  }
  return false;
}

/** A short type string for help and error messages: `number`, `int`, `string[]`, `"a" | "b"`, ... */
export function typeName(schema: AnySchema): string {
  const base = baseTypeName(unwrap(schema));
  return acceptsNull(schema) && base !== 'null' ? `${base} | null` : base;
}

function baseTypeName(s: AnySchema): string {
  const d = defOf(s);
  switch (d.type) {
    case 'number': {
      const n = s as unknown as { format?: string | null; isInt?: boolean };
      const name = n.isInt || (n.format ?? '').includes('int') ? 'int' : 'number';
      const range: string[] = [];
      for (const check of (d.checks ?? []) as Array<{ _zod?: { def?: { check?: string; value?: unknown; inclusive?: boolean } } }>) {
        const c = check._zod?.def;
        if (!c || typeof c.value !== 'number') continue;
        if (c.check === 'greater_than') range.push(`${c.inclusive ? '>=' : '>'} ${c.value}`);
        if (c.check === 'less_than') range.push(`${c.inclusive ? '<=' : '<'} ${c.value}`);
      }
      return range.length ? `${name} ${range.join(', ')}` : name;
    }
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'enum':
      return Object.values(d.entries ?? {}).map((v) => JSON.stringify(v)).join(' | ');
    case 'literal':
      return (d.values ?? []).map((v) => JSON.stringify(v)).join(' | ');
    case 'null':
      return 'null';
    case 'array': {
      const inner = typeName(d.element!);
      return /^(\[.*\]|\w+)(\[\])*$/.test(inner) ? `${inner}[]` : `(${inner})[]`;
    }
    case 'tuple':
      return `[${(d.items ?? []).map(typeName).join(', ')}]`;
    case 'union':
      return (d.options ?? []).map(typeName).join(' | ');
    case 'object':
      return 'object';
    case 'record':
      return `map of ${typeName(d.valueType!)}`;
    default:
      return d.type;
  }
}

/** The object shape when the (unwrapped) schema is an object, else undefined. */
export function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const d = defOf(unwrap(schema));
  return d.type === 'object' ? d.shape : undefined;
}

/** True when an object schema accepts keys beyond its shape (z.looseObject, .catchall) or is a record. */
export function acceptsExtraKeys(schema: AnySchema): boolean {
  const d = defOf(unwrap(schema));
  if (d.type === 'record') return true;
  if (d.type !== 'object') return false;
  return d.catchall !== undefined && defOf(d.catchall).type !== 'never';
}

/** True when every accepted value is a string (so raw command-line text is taken verbatim). */
export function isStringLike(schema: AnySchema): boolean {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === 'string') return true;
  if (d.type === 'enum') return Object.values(d.entries ?? {}).every((v) => typeof v === 'string');
  if (d.type === 'literal') return (d.values ?? []).every((v) => typeof v === 'string');
  if (d.type === 'union') return (d.options ?? []).every(isStringLike);
  return false;
}

export function isBoolean(schema: AnySchema): boolean {
  return defOf(unwrap(schema)).type === 'boolean';
}

/** One parameter of a command, flattened: `path` is the dotted key (`data.kernel_length`). */
export interface ParamInfo {
  path: string;
  type: string;
  description?: string;
  required: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
  /**
   * 'default': the value is used as is when the key is absent; 'prefault': it is parsed by the schema
   * (so a nested group's `.prefault({})` fills in the group's own defaults).
   */
  defaultKind?: 'default' | 'prefault';
  /** Child parameters when this parameter is a nested object (its own line is a group heading). */
  children?: ParamInfo[];
}

/** Describe every parameter of an object schema, recursing into nested objects. */
export function describeParams(schema: AnySchema, prefix = ''): ParamInfo[] {
  const shape = objectShape(schema) ?? {};
  return Object.entries(shape).map(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const def = defaultOf(child);
    const info: ParamInfo = {
      path,
      type: typeName(child),
      description: descriptionOf(child),
      required: !isOptional(child),
      hasDefault: def.has,
      defaultValue: def.value,
      defaultKind: def.kind,
    };
    if (objectShape(child)) info.children = describeParams(child, path);
    return info;
  });
}

/** The schema at a dotted path below an object schema, or undefined where the path leaves the schema. */
export function schemaAt(schema: AnySchema, path: readonly string[]): AnySchema | undefined {
  let s: AnySchema = schema;
  for (const key of path) {
    const d = defOf(unwrap(s));
    if (d.type === 'object') {
      const next = d.shape?.[key];
      if (next) s = next;
      else if (d.catchall && defOf(d.catchall).type !== 'never') s = d.catchall;
      else return undefined;
    } else if (d.type === 'record') {
      s = d.valueType!;
    } else if (d.type === 'array' && /^\d+$/.test(key)) {
      s = d.element!;
    } else if (d.type === 'tuple' && /^\d+$/.test(key) && d.items && Number(key) < d.items.length) {
      s = d.items[Number(key)];
    } else {
      return undefined;
    }
  }
  return s;
}
