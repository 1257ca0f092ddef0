/**
 * Errors the CLI reports as one line. `UsageError` (bad arguments, bad config, unknown keys) exits 2;
 * anything else a command throws at run time exits 1.
 */

/** A problem with how a command was called or configured: printed as `error: <message>`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Thrown by a command's `run` when the resolved config is inconsistent (e.g. kernel length shorter
 * than the whitening filter). Reported like a usage error: one line, exit code 2.
 */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** A value shown inside an error line: JSON, shortened to stay on one readable line. */
export function showValue(value: unknown, maxChars = 60): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxChars ? `${text.slice(0, maxChars - 3)}...` : text;
}

/** True when an environment flag is set to anything but '', '0' or 'false'. */
export function envFlag(env: Record<string, string | undefined>, name: string): boolean {
  const v = env[name];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
