/**
 * Progress for long work, on stderr: a redrawn bar on a terminal, or a plain line every `intervalS`
 * seconds when stderr is a file or pipe (log files stay readable). Shows count/total, rate and ETA.
 * Silent when CI or AFRAME_QUIET is set.
 *
 *   const p = createProgress({ label: 'fetch', total: files.length, unit: 'files' });
 *   for (const f of files) { await get(f); p.tick(); }
 *   p.done();
 */
import { envFlag } from './errors.ts';

export interface ProgressOptions {
  label: string;
  /** Total units of work; omit when unknown (then only count and rate are shown). */
  total?: number;
  /** Unit name shown after the rate, e.g. 'files', 'samples'. Default 'it'. */
  unit?: string;
  /** Where to write; default process.stderr. */
  stream?: { write(text: string): unknown; isTTY?: boolean };
  /** Default process.env; CI or AFRAME_QUIET set means silent. */
  env?: Record<string, string | undefined>;
  /** Seconds between plain lines when not on a terminal. Default 10. */
  intervalS?: number;
  /** Clock in milliseconds; default performance.now (injectable for tests). */
  now?: () => number;
}

export interface Progress {
  /** Record `n` more units done (default 1). */
  tick(n?: number): void;
  /** Units done so far. */
  readonly count: number;
  /** True when this reporter writes nothing (CI / AFRAME_QUIET). */
  readonly silent: boolean;
  /** Finish: print the final line (total, elapsed time, mean rate). Idempotent. */
  done(): void;
}

/** `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** A rate with three significant digits: 1.23, 45.6, 789, 12345. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '?';
  if (perSecond >= 100) return perSecond.toFixed(0);
  return perSecond.toPrecision(3);
}

/** The status text shown for `count` of `total` after `elapsedS` seconds. */
export function progressLine(label: string, count: number, total: number | undefined, elapsedS: number, unit = 'it', barWidth = 0): string {
  const rate = elapsedS > 0 ? count / elapsedS : NaN;
  const parts = [label];
  if (total !== undefined && total > 0) {
    const frac = Math.min(1, count / total);
    if (barWidth > 0) {
      const full = Math.round(frac * barWidth);
      parts.push(`[${'#'.repeat(full)}${'-'.repeat(barWidth - full)}]`);
    }
    parts.push(`${(frac * 100).toFixed(0).padStart(3)}%`, `${count}/${total}`);
  } else {
    parts.push(String(count));
  }
  parts.push(`${formatRate(rate)} ${unit}/s`);
  if (total !== undefined && total > 0) {
    parts.push(count >= total ? `in ${formatDuration(elapsedS)}` : `ETA ${formatDuration((total - count) / rate)}`);
  } else {
    parts.push(`elapsed ${formatDuration(elapsedS)}`);
  }
  return parts.join(' ');
}

export function createProgress(options: ProgressOptions): Progress {
  const env = options.env ?? process.env;
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const silent = envFlag(env, 'CI') || envFlag(env, 'AFRAME_QUIET');
  const tty = Boolean(stream.isTTY);
  const intervalMs = (options.intervalS ?? 10) * 1000;
  const redrawMs = 100;
  const { label, total, unit } = options;
  if (total !== undefined && !(Number.isFinite(total) && total >= 0)) {
    throw new Error(`createProgress: total must be a finite number >= 0, got ${total}`);
  }
  const start = now();
  let count = 0;
  let lastWrite = start;
  let finished = false;
  let lastRendered = -1;

  const render = (final: boolean) => {
    lastRendered = count;
    const elapsedS = (now() - start) / 1000;
    const line = progressLine(label, count, total, elapsedS, unit, tty ? 30 : 0);
    if (tty) stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };

  return {
    tick(n = 1) {
      count += n;
      if (silent || finished) return;
      const t = now();
      if (t - lastWrite >= (tty ? redrawMs : intervalMs)) {
        lastWrite = t;
        render(false);
      }
    },
    get count() {
      return count;
    },
    silent,
    done() {
      if (finished) return;
      finished = true;
      // Off a terminal a periodic line may already have reported the final count: don't repeat it.
      if (!silent && (tty || lastRendered !== count)) render(true);
    },
  };
}
