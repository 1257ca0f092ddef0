/**
 * Atomic artifact writes. A reader (or a task scheduler checking "do the outputs exist?") must never
 * see a half-written file, so data goes to a temporary file in the SAME folder (same filesystem, so
 * the rename is atomic on POSIX), is flushed to disk, and is renamed over the final name.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/**
 * A temporary path beside `finalPath`: hidden (leading dot), unique per process and call, and keeping
 * the final extension (`.run.hdf5.tmp-1234-ab12cd34.hdf5`) so format-sniffing writers still work.
 */
export function tempPathFor(finalPath: string): string {
  if (typeof finalPath !== 'string' || finalPath === '' || finalPath.endsWith('/')) {
    throw new Error(`atomic write: finalPath must be a file path, got ${JSON.stringify(finalPath)}`);
  }
  const dir = dirname(finalPath);
  const base = basename(finalPath);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return join(dir, `.${base}.tmp-${tag}${extname(base)}`);
}

function fsyncPath(path: string, flags: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, flags);
    fsyncSync(fd);
  } catch {
    // directories cannot be fsynced on every platform; the rename itself is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface AtomicPath {
  /** Write your output here (any writer: h5wasm, streams, child processes). */
  readonly tmpPath: string;
  /** The name the file gets on commit. */
  readonly finalPath: string;
  /** Flush the temp file and rename it to finalPath (replacing any existing file). */
  commit(): void;
  /** Remove the temp file if it exists; safe to call after commit (then it does nothing). */
  abort(): void;
}

/**
 * Reserve a temp path beside `finalPath` for a writer that needs a path rather than bytes. Creates the
 * parent folder. Always pair with commit() on success and abort() on failure:
 *
 *   const out = atomicPath('RUN/data/train/background/background-0-100.hdf5');
 *   try { writeHdf5(out.tmpPath, data); out.commit(); } catch (e) { out.abort(); throw e; }
 */
export function atomicPath(finalPath: string): AtomicPath {
  const tmpPath = tempPathFor(finalPath);
  mkdirSync(dirname(finalPath), { recursive: true });
  let state: 'open' | 'committed' | 'aborted' = 'open';
  return {
    tmpPath,
    finalPath,
    commit() {
      if (state !== 'open') throw new Error(`atomicPath(${JSON.stringify(finalPath)}): commit() after ${state}`);
      fsyncPath(tmpPath, 'r');
      renameSync(tmpPath, finalPath);
      state = 'committed';
      fsyncPath(dirname(finalPath), 'r');
    },
    abort() {
      if (state !== 'open') return;
      state = 'aborted';
      rmSync(tmpPath, { force: true, recursive: true });
    },
  };
}

export type FileData = string | Uint8Array;

/** Write `data` to `finalPath` atomically (parent folders are created). Resolves when renamed. */
export async function atomicWriteFile(finalPath: string, data: FileData): Promise<void> {
  const tmpPath = tempPathFor(finalPath);
  await mkdir(dirname(finalPath), { recursive: true });
  try {
    const handle = await open(tmpPath, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmpPath, finalPath);
  } catch (e) {
    await rm(tmpPath, { force: true });
    throw e;
  }
  fsyncPath(dirname(finalPath), 'r');
}

/** Synchronous atomicWriteFile. */
export function atomicWriteFileSync(finalPath: string, data: FileData): void {
  const tmpPath = tempPathFor(finalPath);
  mkdirSync(dirname(finalPath), { recursive: true });
  try {
    const fd = openSync(tmpPath, 'wx');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmpPath, finalPath);
  } catch (e) {
    rmSync(tmpPath, { force: true });
    throw e;
  }
  fsyncPath(dirname(finalPath), 'r');
}

/**
 * Run `write(tmpPath)` (sync or async) and commit its output to `finalPath`; on any error the temp
 * file is removed and the error rethrown, leaving finalPath untouched.
 */
export async function withAtomicPath<T>(finalPath: string, write: (tmpPath: string) => T | Promise<T>): Promise<T> {
  const out = atomicPath(finalPath);
  try {
    const result = await write(out.tmpPath);
    out.commit();
    return result;
  } catch (e) {
    out.abort();
    throw e;
  }
}
