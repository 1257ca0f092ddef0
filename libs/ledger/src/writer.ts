/**
 * Streaming writer: rows are appended block by block to resizable (maxshape = None along rows),
 * chunked float64 datasets, so a table far larger than memory can be written or aggregated.
 * The file is built under a temp name in the target folder and renamed on close().
 */
import { resolve } from 'node:path';
import { atomicPath, type AtomicPath } from '@aframe/io';
import { type Column, type NumArray, rowSize } from './column.ts';
import { type Dataset, type Group, type H5File, type MetaValue, h5ready, writeAttr } from './h5.ts';
import { type FieldSpec, type Ledger, type LedgerClass, shapeStr } from './ledger.ts';

export interface WriterOptions {
  /** chunk shape of waveform datasets; default `[min(64, expectedLength), T]` */
  chunks?: readonly number[];
  /** storage type of waveform datasets (parameters are always float64) */
  waveformDtype?: 'float64' | 'float32';
  /** expected number of rows (only used to size chunks of small tables) */
  expectedLength?: number;
}

const PARAM_CHUNK_ROWS = 65536;

export class LedgerWriter<T extends Ledger = Ledger> {
  private readonly datasets = new Map<string, { ds: Dataset; trailing: number[] }>();
  private readonly meta = new Map<string, MetaValue>();
  private rows = 0;
  private closed = false;

  private constructor(
    readonly cls: LedgerClass<T>,
    readonly path: string,
    private readonly target: AtomicPath,
    private readonly file: H5File,
    private readonly opts: WriterOptions,
  ) {
    // aggregation starts from the class defaults (Tb = 0, num_injections = 0, ifos = [] ...)
    for (const f of cls.fields) if (f.kind === 'metadata') meta(this.meta, f);
  }

  /** Start writing a `cls` table to `path` (nothing appears at `path` until close()). */
  static async open<T extends Ledger>(cls: LedgerClass<T>, path: string, opts: WriterOptions = {}): Promise<LedgerWriter<T>> {
    const lib = await h5ready();
    const target = atomicPath(resolve(path));
    const file = new lib.File(target.tmpPath, 'w');
    return new LedgerWriter(cls, resolve(path), target, file, opts);
  }

  get length(): number {
    return this.rows;
  }

  /** Merge metadata with the class's compareMetadata rules (sum Tb / num_injections, equal otherwise). */
  mergeMetadata(values: Record<string, MetaValue>): void {
    for (const [k, v] of Object.entries(values)) {
      if (!this.meta.has(k)) throw new Error(`${this.cls.name} has no metadata field '${k}'`);
      this.meta.set(k, this.cls.compareMetadata(k, this.meta.get(k)!, v));
    }
  }

  /** Overwrite one metadata value. */
  setMetadata(key: string, value: MetaValue): void {
    if (!this.meta.has(key)) throw new Error(`${this.cls.name} has no metadata field '${key}'`);
    this.meta.set(key, value);
  }

  getMetadata(key: string): MetaValue {
    return this.meta.get(key) ?? null;
  }

  /** Append all rows of a table (its metadata is merged). */
  append(set: T): void {
    if (!(set instanceof this.cls)) throw new TypeError(`cannot append ${set?.constructor?.name} to a ${this.cls.name} writer`);
    this.mergeMetadata(set.metadata());
    if (set.length === 0) return;
    const cols: Record<string, Column> = {};
    for (const name of set.fieldNames()) if (set.fieldSpecs().find((f) => f.name === name)!.kind !== 'metadata') cols[name] = set.column(name);
    this.writeColumns(cols);
  }

  /** Append one block of rows given per field (every parameter and waveform field, same row count). */
  writeColumns(cols: Record<string, Column>): void {
    if (this.closed) throw new Error(`writer for ${this.path} is closed`);
    let n: number | null = null;
    for (const f of this.cls.fields) {
      if (f.kind === 'metadata') continue;
      const c = cols[f.name];
      if (!c) throw new Error(`writeColumns: field ${f.name} missing for ${this.cls.name}`);
      if (n === null) n = c.shape[0];
      else if (c.shape[0] !== n) throw new Error(`Field ${f.name} has ${c.shape[0]} entries, expected ${n}`);
    }
    if (!n) return;
    for (const f of this.cls.fields) {
      if (f.kind === 'metadata') continue;
      this.writeField(f, cols[f.name], n);
    }
    this.rows += n;
  }

  private writeField(spec: FieldSpec, col: Column, n: number): void {
    const trailing = col.shape.slice(1);
    const f32 = spec.kind === 'waveform' && this.opts.waveformDtype === 'float32';
    let entry = this.datasets.get(spec.name);
    if (!entry) {
      if (spec.kind === 'waveform' && trailing.length !== 1) {
        throw new Error(`waveform ${spec.name} must be 2-D (N, T), got ${shapeStr(col.shape)}`);
      }
      const groupName = `${spec.kind}s`;
      const group = this.file.keys().includes(groupName) ? (this.file.get(groupName) as Group) : this.file.create_group(groupName);
      const expected = Math.max(1, this.opts.expectedLength ?? (spec.kind === 'waveform' ? 64 : PARAM_CHUNK_ROWS));
      const chunks =
        spec.kind === 'waveform'
          ? this.opts.chunks
            ? [...this.opts.chunks]
            : [Math.min(64, expected), ...trailing]
          : [Math.min(PARAM_CHUNK_ROWS, expected), ...trailing];
      const ds = group.create_dataset({
        name: spec.name,
        data: f32 ? new Float32Array(0) : new Float64Array(0),
        shape: [0, ...trailing],
        maxshape: [null, ...trailing],
        chunks,
        dtype: f32 ? '<f' : '<d',
      });
      entry = { ds, trailing };
      this.datasets.set(spec.name, entry);
    } else if (entry.trailing.join(',') !== trailing.join(',')) {
      throw new Error(
        `field ${spec.name}: rows of shape ${shapeStr(trailing)} do not match the rows already written ${shapeStr(entry.trailing)}`,
      );
    }
    let data: NumArray = col.data;
    if (rowSize(col.shape) * n !== data.length) throw new Error(`field ${spec.name}: data length does not match shape`);
    if (f32 && !(data instanceof Float32Array)) data = Float32Array.from(data);
    if (!f32 && !(data instanceof Float64Array)) data = Float64Array.from(data);
    entry.ds.resize([this.rows + n, ...trailing]);
    entry.ds.write_slice([[this.rows, this.rows + n], ...trailing.map(() => [] as [])] as never, data);
  }

  /** Write `length` + metadata attributes, close the file and rename it onto the target path. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      // fields that never received rows still get an empty dataset so the file reads back
      for (const f of this.cls.fields) {
        if (f.kind === 'metadata' || this.datasets.has(f.name)) continue;
        const groupName = `${f.kind}s`;
        const group = this.file.keys().includes(groupName) ? (this.file.get(groupName) as Group) : this.file.create_group(groupName);
        group.create_dataset({ name: f.name, data: new Float64Array(0), shape: [0], dtype: '<d' });
      }
      writeAttr(this.file, 'length', this.rows, 'int');
      for (const f of this.cls.fields) {
        if (f.kind !== 'metadata') continue;
        const v = this.meta.get(f.name)!;
        if (v !== null) writeAttr(this.file, f.name, v, f.attrDtype ?? 'auto');
      }
      this.file.close();
      this.closed = true;
      this.target.commit();
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Drop the partial file. */
  abort(): void {
    if (!this.closed) {
      try {
        this.file.close();
      } catch {
        /* ignore */
      }
      this.closed = true;
    }
    this.target.abort();
  }
}

function meta(m: Map<string, MetaValue>, f: FieldSpec): void {
  const d = f.default ?? null;
  m.set(f.name, Array.isArray(d) ? [...d] : d);
}
