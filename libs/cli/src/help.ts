/** `--help` text, derived from the commands' schemas (keys, types, defaults, help strings). */
import type { CommandDef } from './command.ts';
import { showValue } from './errors.ts';
import { describeParams, type ParamInfo } from './schema.ts';

export interface Registry {
  /** Executable name; commands whose `project` equals it are top-level (`aframe init`). Default 'aframe'. */
  program?: string;
  /** One paragraph shown by `<program> --help`. */
  description?: string;
  /** One-line summaries of projects, shown in the listings. */
  projects?: Record<string, string>;
  commands: readonly CommandDef[];
}

export function programName(registry: Registry): string {
  return registry.program ?? 'aframe';
}

function commandWord(registry: Registry, def: CommandDef): string {
  const program = programName(registry);
  return def.project === program ? `${program} ${def.name}` : `${program} ${def.project} ${def.name}`;
}

function table(rows: Array<[string, string]>, indent: string): string[] {
  const width = Math.min(28, Math.max(0, ...rows.map(([a]) => a.length)));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`.trimEnd());
}

/** The project names in registration order (the program's own commands first). */
export function projectNames(registry: Registry): string[] {
  const names: string[] = [];
  const program = programName(registry);
  if (registry.commands.some((c) => c.project === program)) names.push(program);
  for (const c of registry.commands) if (!names.includes(c.project)) names.push(c.project);
  for (const p of Object.keys(registry.projects ?? {})) if (!names.includes(p)) names.push(p);
  return names;
}

export function formatProgramHelp(registry: Registry): string {
  const program = programName(registry);
  const lines = [`usage: ${program} <project> <command> [--config FILE.yaml] [--print_config] [--KEY VALUE ...]`, ''];
  if (registry.description) lines.push(registry.description, '');
  const own = registry.commands.filter((c) => c.project === program);
  if (own.length) {
    lines.push('commands:');
    lines.push(...table(own.map((c) => [c.name, c.summary]), '  '));
    lines.push('');
  }
  const projects = projectNames(registry).filter((p) => p !== program);
  lines.push('projects and their commands:');
  if (projects.length === 0) lines.push('  (none registered)');
  for (const p of projects) {
    const summary = registry.projects?.[p];
    lines.push(`  ${p}${summary ? ` - ${summary}` : ''}`);
    const cmds = registry.commands.filter((c) => c.project === p);
    if (cmds.length === 0) lines.push('      (no commands yet)');
    lines.push(...table(cmds.map((c) => [c.name, c.summary]), '      '));
  }
  lines.push('', `Run \`${program} <project> <command> --help\` for a command's parameters.`);
  return lines.join('\n') + '\n';
}

export function formatProjectHelp(registry: Registry, project: string): string {
  const program = programName(registry);
  const cmds = registry.commands.filter((c) => c.project === project);
  const summary = registry.projects?.[project];
  const lines = [`usage: ${program} ${project} <command> [options]`, ''];
  if (summary) lines.push(summary, '');
  lines.push('commands:');
  if (cmds.length === 0) lines.push('  (no commands yet)');
  lines.push(...table(cmds.map((c) => [c.name, c.summary]), '  '));
  lines.push('', `Run \`${program} ${project} <command> --help\` for a command's parameters.`);
  return lines.join('\n') + '\n';
}

/** Word-wrap `text` to `width` columns, each line prefixed by `indent`. */
export function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter((w) => w !== '')) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(indent + line);
  }
  return lines;
}

function paramLines(params: ParamInfo[], out: string[]): void {
  for (const p of params) {
    if (p.children) {
      out.push(`  --${p.path}.*  (group)${p.description ? `  ${p.description}` : ''}`);
      paramLines(p.children, out);
      continue;
    }
    const status = p.hasDefault ? `default: ${showValue(p.defaultValue, 80)}` : p.required ? 'required' : 'optional';
    out.push(`  --${p.path}  ${p.type}  (${status})`);
    if (p.description) out.push(...wrap(p.description, '      '));
  }
}

export function formatCommandHelp(registry: Registry, def: CommandDef): string {
  const word = commandWord(registry, def);
  const lines = [`usage: ${word} [--config FILE.yaml ...] [--print_config] [--KEY VALUE ...]`, '', def.summary];
  if (def.description) lines.push('', ...wrap(def.description, ''));
  lines.push('', 'parameters:');
  const params = describeParams(def.params);
  if (params.length === 0) lines.push('  (none)');
  paramLines(params, lines);
  lines.push(
    '',
    'options:',
    '  --config FILE.yaml  read parameters from a YAML file (repeatable; later files win)',
    '  --print_config      print the fully resolved config as YAML (usable with --config) and exit',
    '  -h, --help          show this help and exit',
    '',
    'Values are JSON when they parse (--ifos \'["H1","L1"]\'), else text; --key=value also works;',
    'nested keys use dots (--data.kernel_length 1.5); booleans: --flag or --flag false.',
    'Precedence: defaults < AFRAME_CONFIG run-config section < config files (in order) < command line.',
  );
  return lines.join('\n') + '\n';
}
