/**
 * Config files: read a YAML file into a plain object (one-line errors naming the file), and write a
 * resolved config as YAML that reads back to the same value.
 */
import { readFileSync } from 'node:fs';
import YAML, { isSeq, isScalar } from 'yaml';
import { UsageError } from './errors.ts';

export type ConfigObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is ConfigObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse YAML text into a mapping of parameters. `label` names the source in error messages. */
export function parseConfigText(text: string, label: string): ConfigObject {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line;
    const msg = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new UsageError(`cannot parse config file ${label}${line ? ` (line ${line})` : ''}: ${msg}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) {
    const kind = Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`;
    throw new UsageError(`config file ${label} must contain a mapping of parameters (key: value), got ${kind}`);
  }
  return value;
}

/** Read and parse a YAML config file; a missing or unreadable file is a one-line UsageError. */
export function loadConfigFile(path: string): ConfigObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(e)})`;
    throw new UsageError(`config file ${JSON.stringify(path)} ${why}`);
  }
  return parseConfigText(text, JSON.stringify(path));
}

function isShortSeq(node: unknown, depth = 0): boolean {
  if (!isSeq(node) || depth > 2) return false;
  return node.items.every((it) => isScalar(it) || isShortSeq(it, depth + 1));
}

/**
 * A YAML document for a config value: block mappings, and lists of scalars (or of lists of scalars)
 * in flow style (`ifos: [H1, L1]`), as people write them by hand. Add comments, then `toString`.
 */
export function yamlDocument(value: unknown): YAML.Document {
  const doc = new YAML.Document(value);
  YAML.visit(doc, {
    Seq(_key, node) {
      if (isShortSeq(node)) node.flow = true;
    },
  });
  return doc;
}

/**
 * YAML text for a config value (see yamlDocument). `YAML.parse(toYaml(v))` deep-equals `v` for
 * JSON-like values (finite numbers, strings, booleans, null, arrays, plain objects).
 */
export function toYaml(value: unknown, header?: string): string {
  const doc = yamlDocument(value);
  if (header) doc.commentBefore = header;
  return doc.toString({ lineWidth: 0 });
}
