/**
 * HTTP for GWOSC: JSON requests and file downloads with timeouts, bounded retries with exponential
 * backoff, resume of partial downloads (HTTP Range) and a local cache keyed by URL.
 *
 * Nothing half-written ever sits under a final name: a download grows in `<cache>/<key>.part` and is
 * renamed to `<cache>/<key>` only once its length matches the server's and it passed `validate`.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface HttpOptions {
  /** Give up on a request (or a stalled body) after this many ms without progress. */
  timeoutMs?: number;
  /** Attempts in total, including the first. */
  maxAttempts?: number;
  /** First backoff delay; doubles after each failed attempt. */
  backoffMs?: number;
  /** Called with a one-line description of each retry (for logs). */
  onRetry?: (message: string) => void;
}

const DEFAULTS = { timeoutMs: 30_000, maxAttempts: 5, backoffMs: 500 };
/** Status codes worth retrying (as gwosc's own client does). */
const RETRY_STATUS = new Set([307, 408, 413, 429, 500, 502, 503, 504]);

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withRetries<T>(url: string, opts: HttpOptions, attempt: () => Promise<T>): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? DEFAULTS.maxAttempts;
  let delay = opts.backoffMs ?? DEFAULTS.backoffMs;
  let lastError: unknown;
  for (let i = 1; i <= maxAttempts; i++) {
    try {
      return await attempt();
    } catch (err) {
      lastError = err;
      const retryable = !(err instanceof HttpError) || err.retryable;
      if (!retryable || i === maxAttempts) break;
      opts.onRetry?.(`retry ${i}/${maxAttempts - 1} for ${url} in ${delay} ms: ${(err as Error).message}`);
      await sleep(delay);
      delay *= 2;
    }
  }
  const msg = lastError instanceof Error ? lastError.message : String(lastError);
  throw new HttpError(`GET ${url} failed after ${maxAttempts} attempt(s): ${msg}`);
}

/**
 * A fetch whose AbortController fires after `timeoutMs` without progress; `touch()` re-arms it
 * (called for every body chunk), so a connection that stalls mid-body times out too.
 */
function idleFetch(url: string, timeoutMs: number, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(new Error(`no data for ${timeoutMs} ms`)), timeoutMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${timeoutMs} ms`)), timeoutMs);
  };
  const done = () => clearTimeout(timer);
  const response = fetch(url, { headers: { 'user-agent': 'aframe-ts', ...headers }, signal: controller.signal });
  return { response, touch, done, signal: controller.signal };
}

function checkStatus(url: string, res: Response): void {
  if (res.ok) return;
  throw new HttpError(`HTTP ${res.status} for ${url}`, res.status, RETRY_STATUS.has(res.status));
}

/** GET a JSON document. */
export async function getJson<T = unknown>(url: string, opts: HttpOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  return withRetries(url, opts, async () => {
    const req = idleFetch(url, timeoutMs, { accept: 'application/json' });
    try {
      const res = await req.response;
      checkStatus(url, res);
      const text = await res.text();
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new HttpError(`response of ${url} is not JSON (starts ${JSON.stringify(text.slice(0, 40))})`, res.status, true);
      }
    } finally {
      req.done();
    }
  });
}

/** Cache file name for a URL: a hash (the URL's query string included) plus the URL's base name. */
export function cacheKey(url: string): string {
  const u = new URL(url);
  const base = u.pathname.split('/').filter(Boolean).pop() ?? 'file';
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return `${hash}-${base.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

export interface DownloadOptions extends HttpOptions {
  /** Directory of the URL-keyed cache. */
  cacheDir: string;
  /** Throws if the finished file is not acceptable (e.g. not HDF5); the file is then discarded. */
  validate?: (path: string) => void;
}

/**
 * Download `url` into the cache (or reuse the cached copy) and return its path. A partial download
 * from an earlier attempt or run is resumed with a Range request when the server supports it.
 */
export async function downloadToCache(url: string, opts: DownloadOptions): Promise<string> {
  mkdirSync(opts.cacheDir, { recursive: true });
  const finalPath = join(opts.cacheDir, cacheKey(url));
  if (existsSync(finalPath)) return finalPath;
  const partPath = `${finalPath}.part`;
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;

  await withRetries(url, opts, async () => {
    const have = existsSync(partPath) ? statSync(partPath).size : 0;
    const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
    const req = idleFetch(url, timeoutMs, headers);
    try {
      const res = await req.response;
      if (res.status === 416 && have > 0) {
        // Range not satisfiable: our partial file is stale or complete-but-unverified; restart.
        unlinkSync(partPath);
        throw new HttpError(`HTTP 416 for ${url} (restarting download)`, 416, true);
      }
      checkStatus(url, res);
      const resumed = res.status === 206;
      let expectedTotal: number | undefined;
      if (resumed) {
        const range = res.headers.get('content-range'); // bytes a-b/total
        const m = range?.match(/bytes (\d+)-(\d+)\/(\d+|\*)/);
        if (!m || Number(m[1]) !== have) throw new HttpError(`bad Content-Range ${range} for ${url}`, 206, true);
        if (m[3] !== '*') expectedTotal = Number(m[3]);
      } else {
        const len = res.headers.get('content-length');
        if (len !== null) expectedTotal = Number(len);
      }
      const out = createWriteStream(partPath, { flags: resumed ? 'a' : 'w' });
      try {
        if (!res.body) throw new HttpError(`empty body for ${url}`, res.status, true);
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          req.touch();
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
      } finally {
        await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      }
      const got = statSync(partPath).size;
      if (expectedTotal !== undefined && got !== expectedTotal) {
        throw new HttpError(`truncated body for ${url}: ${got} of ${expectedTotal} bytes`, res.status, true);
      }
    } catch (err) {
      if (req.signal.aborted) {
        const reason = req.signal.reason instanceof Error ? req.signal.reason.message : 'aborted';
        throw new HttpError(`timed out: ${reason}`, undefined, true);
      }
      if (err instanceof HttpError) throw err;
      // Network errors (connection reset, body terminated early) are retryable; the .part is kept.
      throw new HttpError((err as Error).message, undefined, true);
    } finally {
      req.done();
    }
  });

  try {
    opts.validate?.(partPath);
  } catch (err) {
    unlinkSync(partPath);
    throw new Error(`downloaded ${url} is not usable: ${(err as Error).message}`);
  }
  renameSync(partPath, finalPath);
  return finalPath;
}
