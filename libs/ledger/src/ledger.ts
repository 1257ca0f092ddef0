/**
 * Core typed table ("Ledger", aframe-reference §4.1): fields tagged parameter / waveform / metadata,
 * equal-length validation, row selection, sort, append with metadata merging, HDF5 read/write in the
 * original layout (root attrs, /parameters/<name>, /waveforms/<name>).
 */
import {
  type Column,
  type ColumnInput,
  type NumArray,
  concatRows,
  emptyColumn,
  isColumn,
  maskToIndices,
  rowSize,
  rowValue,
  sliceRows,
  takeRows,
  toColumn,
} from './column.ts';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { LedgerWriter } from './writer.ts';
import {
  type AttrDtype,
  type Dataset,
  type Group,
  type H5File,
  type MetaValue,
  datasetInfo,
  getDataset,
  openRead,
  readAttr,
  readRowRange,
  writeAtomic,
  writeAttr,
} from './h5.ts';

export type { MetaValue };
export type FieldKind = 'parameter' | 'waveform' | 'metadata';
/** How metadata of two tables combine on append/aggregate. */
export type MetaMerge = 'equal' | 'sum' | 'list';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** metadata default (Python dataclass default); parameters/waveforms default to empty. */
  readonly default?: MetaValue;
  readonly merge?: MetaMerge;
  /** how a numeric metadata value is stored (h5py stores Python int as int64, float as float64). */
  readonly attrDtype?: AttrDtype;
}

export const parameter = (name: string): FieldSpec => ({ name, kind: 'parameter' });
export const waveform = (name: string): FieldSpec => ({ name, kind: 'waveform' });
export const metadata = (
  name: string,
  opts: { default?: MetaValue; merge?: MetaMerge; attrDtype?: AttrDtype } = {},
): FieldSpec => ({ name, kind: 'metadata', default: opts.default ?? null, merge: opts.merge, attrDtype: opts.attrDtype });

export type LedgerInit = Record<string, ColumnInput | MetaValue | undefined>;

/** The static side shared by every ledger class (used for polymorphic `read`, `aggregate`, ...). */
export interface LedgerClass<T extends Ledger = Ledger> {
  new (init?: LedgerInit): T;
  readonly fields: readonly FieldSpec[];
  readonly name: string;
  compareMetadata(key: string, ours: MetaValue, theirs: MetaValue): MetaValue;
}

export interface ReadOptions {
  /** keep rows whose waveform [t - (duration - right_pad), t + right_pad] overlaps [start, end] */
  start?: number;
  end?: number;
  /** keep rows whose `shift` equals any of these (one shift row, several rows, or scalar shifts for 1-D files) */
  shifts?: number | readonly number[] | readonly (readonly number[])[];
}

export interface AggregateOptions {
  /** delete the source files after the output has been written (Python default: true; here false) */
  clean?: boolean;
  /** chunk shape of waveform datasets; default `[min(64, N), T]` */
  chunks?: readonly number[];
  /** expected total rows; when given it must match the sum of the files' `length` attributes */
  length?: number;
  /** storage type of waveform datasets (parameters are always float64) */
  waveformDtype?: 'float64' | 'float32';
  /** upper bound on the bytes of one block of rows copied at a time (default 64 MiB) */
  blockBytes?: number;
}

export interface AggregateResult {
  length: number;
  metadata: Record<string, MetaValue>;
}

export interface WriteOptions {
  /** chunk shape of waveform datasets; default `[min(64, N), T]` as the pipeline writes them */
  chunks?: readonly number[];
  /** storage type of waveform datasets (parameters are always float64) */
  waveformDtype?: 'float64' | 'float32';
}

/** Emit a non-fatal warning (Python's warnings.warn); listen with process.on('warning'). */
export function ledgerWarning(message: string): void {
  process.emitWarning(message, { type: 'LedgerWarning' });
}

function cloneMeta(v: MetaValue | undefined): MetaValue {
  if (v === undefined || v === null) return null;
  return Array.isArray(v) ? [...v] : v;
}

function metaEqual(a: MetaValue, b: MetaValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => x === (b as readonly unknown[])[i]);
  }
  return a === b;
}

function fmt(v: MetaValue): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

export function shapeStr(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

export class Ledger {
  static readonly fields: readonly FieldSpec[] = [];

  protected readonly columns = new Map<string, Column>();
  protected readonly meta = new Map<string, MetaValue>();
  private rows = 0;

  constructor(init: LedgerInit = {}) {
    const cls = this.constructor as LedgerClass;
    const known = new Set(cls.fields.map((f) => f.name));
    for (const key of Object.keys(init)) {
      if (!known.has(key) && init[key] !== undefined) {
        throw new Error(`${cls.name}: unknown field '${key}' (fields: ${[...known].join(', ')})`);
      }
    }
    for (const f of cls.fields) {
      const v = init[f.name];
      if (f.kind === 'metadata') {
        this.meta.set(f.name, v === undefined ? cloneMeta(f.default) : (v as MetaValue));
      } else if (v === undefined || v === null) {
        this.columns.set(f.name, emptyColumn());
      } else {
        this.columns.set(f.name, toColumn(f.name, v as ColumnInput, f.kind === 'waveform'));
      }
    }
    this.validate();
  }

  /** Re-check the invariants (equal row counts, subclass rules); called after construction and append. */
  validate(): void {
    let n: number | null = null;
    let first = '';
    for (const f of this.fieldSpecs()) {
      if (f.kind === 'metadata') continue;
      const rows = this.columns.get(f.name)!.shape[0];
      if (n === null) {
        n = rows;
        first = f.name;
      } else if (rows !== n) {
        throw new Error(`Field ${f.name} has ${rows} entries, expected ${n} (the length of field ${first})`);
      }
    }
    this.rows = n ?? 0;
  }

  get length(): number {
    return this.rows;
  }

  fieldSpecs(): readonly FieldSpec[] {
    return (this.constructor as LedgerClass).fields;
  }

  fieldNames(kind?: FieldKind): string[] {
    return this.fieldSpecs()
      .filter((f) => kind === undefined || f.kind === kind)
      .map((f) => f.name);
  }

  /** Names of the waveform fields in declaration order. */
  get waveformFields(): string[] {
    return this.fieldNames('waveform');
  }

  column(name: string): Column {
    const c = this.columns.get(name);
    if (!c) throw new Error(`${this.constructor.name} has no parameter/waveform field '${name}'`);
    return c;
  }

  /** A parameter's values (float64, row-major for 2-D). */
  param(name: string): Float64Array {
    return this.column(name).data as Float64Array;
  }

  getMeta(name: string): MetaValue {
    if (!this.meta.has(name)) throw new Error(`${this.constructor.name} has no metadata field '${name}'`);
    return this.meta.get(name)!;
  }

  setMeta(name: string, value: MetaValue): void {
    this.getMeta(name);
    this.meta.set(name, value);
  }

  /** Replace a parameter/waveform column (like assigning the attribute in Python; call validate() after). */
  set(name: string, value: ColumnInput): void {
    const spec = this.fieldSpecs().find((f) => f.name === name);
    if (!spec || spec.kind === 'metadata') throw new Error(`${this.constructor.name} has no parameter/waveform field '${name}'`);
    this.columns.set(name, toColumn(name, value, spec.kind === 'waveform'));
    this.onChange();
  }

  /** Hook for subclasses holding caches derived from the columns. */
  protected onChange(): void {}

  /** All metadata as a plain object. */
  metadata(): Record<string, MetaValue> {
    return Object.fromEntries(this.meta);
  }

  /** Iterate rows as `{field: number | row view}` over parameter and waveform fields. */
  *[Symbol.iterator](): IterableIterator<Record<string, number | NumArray>> {
    const names = [...this.columns.keys()];
    for (let i = 0; i < this.rows; i++) {
      const rec: Record<string, number | NumArray> = {};
      for (const k of names) rec[k] = rowValue(this.columns.get(k)!, i);
      yield rec;
    }
  }

  /** New table of the same class from columns + this table's metadata. */
  protected derive(columns: Map<string, Column>): this {
    const cls = this.constructor as LedgerClass<this>;
    const init: LedgerInit = {};
    for (const [k, v] of this.meta) init[k] = cloneMeta(v);
    for (const [k, v] of columns) init[k] = v;
    return new cls(init);
  }

  /** Rows at `indices` (any order, repeats allowed); metadata copied. */
  take(indices: ArrayLike<number>): this {
    const cols = new Map<string, Column>();
    for (const [k, c] of this.columns) cols.set(k, c.shape[0] === 0 && indices.length === 0 ? c : takeRows(c, indices));
    return this.derive(cols);
  }

  /** Rows where `mask` is truthy. */
  filter(mask: ArrayLike<number | boolean>): this {
    if (mask.length !== this.rows) throw new Error(`mask has ${mask.length} entries, expected ${this.rows}`);
    return this.take(maskToIndices(mask));
  }

  /** Rows [start, end) with Python slice semantics for negative / missing bounds (copies). */
  slice(start = 0, end = this.rows): this {
    const n = this.rows;
    const s = Math.min(Math.max(start < 0 ? n + start : start, 0), n);
    const e = Math.min(Math.max(end < 0 ? n + end : end, s), n);
    const cols = new Map<string, Column>();
    for (const [k, c] of this.columns) {
      const v = c.shape[0] === 0 ? c : sliceRows(c, s, e);
      cols.set(k, { data: v.data.slice(), shape: v.shape });
    }
    return this.derive(cols);
  }

  /** The single row i (negative counts from the end) as a length-1 table. */
  at(i: number): this {
    const j = i < 0 ? this.rows + i : i;
    if (!(j >= 0 && j < this.rows)) throw new Error(`row ${i} out of range for length ${this.rows}`);
    return this.take([j]);
  }

  private sortKey(name: string): Float64Array {
    const c = this.columns.get(name);
    if (!c || c.shape.length > 1 || c.shape[0] !== this.rows) {
      throw new Error(
        `Sorting key should be a 1D array with length equal to the length of the object. ${name} has shape ${c ? shapeStr(c.shape) : 'none'}, and so does not meet these conditions`,
      );
    }
    return c.data as Float64Array;
  }

  isSortedBy(name: string): boolean {
    const v = this.sortKey(name);
    for (let i = 1; i < v.length; i++) if (!(v[i - 1] <= v[i])) return false;
    return true;
  }

  /** Rows ordered by ascending `name` (stable sort); warns when already sorted. */
  sortBy(name: string): this {
    const v = this.sortKey(name);
    if (this.isSortedBy(name)) ledgerWarning(`Already sorted by ${name}, object is unchanged`);
    const idx = Array.from({ length: v.length }, (_, i) => i);
    idx.sort((a, b) => v[a] - v[b] || a - b);
    return this.take(idx);
  }

  /** Merge one metadata key; subclasses may override (Python `compare_metadata`). */
  static compareMetadata(this: LedgerClass, key: string, ours: MetaValue, theirs: MetaValue): MetaValue {
    const spec = this.fields.find((f) => f.name === key);
    const merge = spec?.merge ?? 'equal';
    if (merge === 'sum') {
      if (ours === null) return theirs;
      if (theirs === null) return ours;
      if (typeof ours !== 'number' || typeof theirs !== 'number') {
        throw new Error(`${this.name}: metadata ${key} must be numeric to be summed, got ${fmt(ours)} and ${fmt(theirs)}`);
      }
      return ours + theirs;
    }
    if (merge === 'list') {
      const a = ours === null ? [] : Array.isArray(ours) ? ours : [ours];
      const b = theirs === null ? [] : Array.isArray(theirs) ? theirs : [theirs];
      if (a.length === 0) return [...b] as MetaValue;
      if (b.length === 0) return [...a] as MetaValue;
      if (!metaEqual(a as MetaValue, b as MetaValue)) throw new Error(`Incompatible ${key} ${fmt(a as MetaValue)} and ${fmt(b as MetaValue)}`);
      return [...a] as MetaValue;
    }
    if (ours === null) return theirs;
    if (theirs === null) return ours;
    if (!metaEqual(ours, theirs)) {
      throw new Error(`Can't append ${this.name} with ${key} value ${fmt(theirs)} when ours is ${fmt(ours)}`);
    }
    return ours;
  }

  /** Append `other` (same class or a subclass) in place: columns concatenated, metadata merged. */
  append(other: Ledger): this {
    const cls = this.constructor as LedgerClass;
    if (!(other instanceof cls)) {
      throw new TypeError(`cannot append ${(other as unknown as object)?.constructor?.name ?? typeof other} to ${cls.name}`);
    }
    const newMeta = new Map<string, MetaValue>();
    const newCols = new Map<string, Column>();
    for (const f of cls.fields) {
      if (f.kind === 'metadata') newMeta.set(f.name, cls.compareMetadata(f.name, this.meta.get(f.name)!, other.meta.get(f.name)!));
      else newCols.set(f.name, concatRows(f.name, this.columns.get(f.name)!, other.columns.get(f.name)!));
    }
    const oldMeta = new Map(this.meta);
    const oldCols = new Map(this.columns);
    for (const [k, v] of newMeta) this.meta.set(k, v);
    for (const [k, v] of newCols) this.columns.set(k, v);
    try {
      this.validate();
    } catch (err) {
      for (const [k, v] of oldMeta) this.meta.set(k, v);
      for (const [k, v] of oldCols) this.columns.set(k, v);
      this.validate();
      throw err;
    }
    this.onChange();
    return this;
  }

  /** Deep copy. */
  copy(): this {
    const cols = new Map<string, Column>();
    for (const [k, c] of this.columns) cols.set(k, { data: c.data.slice(), shape: [...c.shape] });
    return this.derive(cols);
  }

  /**
   * Write in the original layout, atomically (temp file + rename): root attr `length`, every non-null
   * metadata as a root attr, `/parameters/<name>` float64, `/waveforms/<name>` float64 chunked.
   */
  async write(path: string, opts: WriteOptions = {}): Promise<void> {
    this.validate();
    const n = this.rows;
    await writeAtomic(path, (f) => {
      writeAttr(f, 'length', n, 'int');
      for (const spec of this.fieldSpecs()) {
        if (spec.kind === 'metadata') {
          const v = this.meta.get(spec.name)!;
          if (v !== null) writeAttr(f, spec.name, v, spec.attrDtype ?? 'auto');
          continue;
        }
        const groupName = `${spec.kind}s`;
        const group = f.keys().includes(groupName) ? (f.get(groupName) as Group) : f.create_group(groupName);
        const col = this.columns.get(spec.name)!;
        if (spec.kind === 'parameter') {
          const data = col.data instanceof Float64Array ? col.data : Float64Array.from(col.data);
          group.create_dataset({ name: spec.name, data, shape: [...col.shape], dtype: '<d' });
        } else {
          writeWaveformDataset(group, spec.name, col, opts);
        }
      }
    });
  }

  // ---------------------------------------------------------------- reading

  /**
   * Streaming merge of many files of this class into `out` (§4.1 `aggregate`): rows are copied in
   * blocks of at most `blockBytes` into resizable float64 datasets; metadata merged with
   * compareMetadata over *every* file, including empty ones (their livetime Tb and num_injections
   * count; the original skips them). Sources are deleted only after `out` is complete, if `clean`.
   */
  static async aggregate(
    this: LedgerClass,
    files: readonly string[],
    out: string,
    opts: AggregateOptions = {},
  ): Promise<AggregateResult> {
    const outAbs = resolve(out);
    if (files.some((p) => resolve(p) === outAbs)) throw new Error(`aggregate: output ${out} is also one of the inputs`);
    let expected = 0;
    for (const p of files) expected += await Ledger.fileLength(p);
    if (opts.length !== undefined && opts.length !== expected) {
      throw new Error(`aggregate: length option ${opts.length} but the ${files.length} files hold ${expected} rows`);
    }
    const writer = await LedgerWriter.open(this, out, {
      chunks: opts.chunks,
      waveformDtype: opts.waveformDtype,
      expectedLength: expected,
    });
    const blockBytes = opts.blockBytes ?? 64 * 2 ** 20;
    try {
      for (const p of files) {
        const f = await openRead(p);
        try {
          const layout = checkLayout(this, f, p);
          const meta: Record<string, MetaValue> = {};
          for (const spec of this.fields) {
            if (spec.kind !== 'metadata') continue;
            const v = readAttr(f, spec.name);
            meta[spec.name] = v === undefined ? null : v;
          }
          try {
            writer.mergeMetadata(meta);
          } catch (err) {
            throw new Error(`aggregate: ${p}: ${(err as Error).message}`);
          }
          const n = layout.length;
          if (n === 0) continue;
          let rowBytes = 0;
          for (const { shape } of layout.datasets.values()) rowBytes += rowSize(shape) * 8;
          const block = Math.max(1, Math.floor(blockBytes / Math.max(rowBytes, 1)));
          for (let r = 0; r < n; r += block) {
            const e = Math.min(n, r + block);
            const cols: Record<string, Column> = {};
            for (const [name, { ds, shape, spec }] of layout.datasets) {
              const data = readRowRange(ds, shape.length, r, e, spec.kind === 'waveform');
              cols[name] = { data, shape: [e - r, ...shape.slice(1)] };
            }
            try {
              writer.writeColumns(cols);
            } catch (err) {
              throw new Error(`aggregate: ${p}: ${(err as Error).message}`);
            }
          }
        } finally {
          f.close();
        }
      }
      const result: AggregateResult = { length: writer.length, metadata: {} };
      for (const spec of this.fields) if (spec.kind === 'metadata') result.metadata[spec.name] = writer.getMetadata(spec.name);
      await writer.close();
      if (opts.clean) for (const p of files) rmSync(p, { force: true });
      return result;
    } catch (err) {
      writer.abort();
      throw err;
    }
  }

  /** Read a whole file (or, with `start/end/shifts`, the matching rows only). */
  static async read<T extends Ledger>(this: LedgerClass<T>, path: string, opts: ReadOptions = {}): Promise<T> {
    const f = await openRead(path);
    try {
      const layout = checkLayout(this, f, path);
      const filtered = opts.start !== undefined || opts.end !== undefined || opts.shifts !== undefined;
      const indices = filtered ? selectRows(this, f, layout, path, opts) : null;
      return loadRows(this, f, layout, indices);
    } finally {
      f.close();
    }
  }

  /** Read the given rows (any order, repeats allowed) without loading the rest of the file. */
  static async readRows<T extends Ledger>(this: LedgerClass<T>, path: string, indices: ArrayLike<number>): Promise<T> {
    const f = await openRead(path);
    try {
      const layout = checkLayout(this, f, path);
      for (let i = 0; i < indices.length; i++) {
        const r = indices[i];
        if (!Number.isInteger(r) || r < 0 || r >= layout.length) {
          throw new Error(`readRows: index ${r} out of range [0, ${layout.length}) for ${path}`);
        }
      }
      return loadRows(this, f, layout, indices);
    } finally {
      f.close();
    }
  }

  /** Read the contiguous rows [start, end) of a file (chunked reading of large sets). */
  static async readRange<T extends Ledger>(this: LedgerClass<T>, path: string, start: number, end: number): Promise<T> {
    const f = await openRead(path);
    try {
      const layout = checkLayout(this, f, path);
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= layout.length)) {
        throw new Error(`readRange: [${start}, ${end}) is not a row range of ${path} (length ${layout.length})`);
      }
      const init: LedgerInit = {};
      for (const spec of this.fields) {
        if (spec.kind === 'metadata') {
          const v = readAttr(f, spec.name);
          init[spec.name] = v === undefined ? null : v;
          continue;
        }
        const { ds, shape } = layout.datasets.get(spec.name)!;
        const data = readRowRange(ds, shape.length, start, end, spec.kind === 'waveform');
        init[spec.name] = { data, shape: [end - start, ...shape.slice(1)] } satisfies Column;
      }
      return new this(init);
    } finally {
      f.close();
    }
  }

  /**
   * Iterate over a file in blocks of `blockRows` rows (the file stays open between blocks; pick a
   * multiple of the waveform chunk rows, 64 by default, for the fastest reads).
   */
  static async *readBlocks<T extends Ledger>(this: LedgerClass<T>, path: string, blockRows = 64): AsyncGenerator<T> {
    if (!(Number.isInteger(blockRows) && blockRows > 0)) throw new Error(`readBlocks: blockRows must be a positive integer, got ${blockRows}`);
    const f = await openRead(path);
    try {
      const layout = checkLayout(this, f, path);
      const meta: LedgerInit = {};
      for (const spec of this.fields) {
        if (spec.kind !== 'metadata') continue;
        const v = readAttr(f, spec.name);
        meta[spec.name] = v === undefined ? null : v;
      }
      for (let r = 0; r < layout.length; r += blockRows) {
        const e = Math.min(layout.length, r + blockRows);
        const init: LedgerInit = { ...meta };
        for (const [name, { ds, shape, spec }] of layout.datasets) {
          const data = readRowRange(ds, shape.length, r, e, spec.kind === 'waveform');
          init[name] = { data, shape: [e - r, ...shape.slice(1)] } satisfies Column;
        }
        yield new this(init);
      }
    } finally {
      f.close();
    }
  }

  /** Number of rows stored in a file (root attribute `length`). */
  static async fileLength(path: string): Promise<number> {
    const f = await openRead(path);
    try {
      const n = readAttr(f, 'length');
      if (typeof n !== 'number') throw new Error(`${path}: root attribute 'length' is missing or not a number`);
      return n;
    } finally {
      f.close();
    }
  }

  /**
   * Draw `n` rows uniformly at random (without replacement unless `replace`), reading only those rows.
   * `random` returns uniforms in [0, 1) (default Math.random).
   */
  static async sampleFromFile<T extends Ledger>(
    this: LedgerClass<T> & { readRows: typeof Ledger.readRows; fileLength: typeof Ledger.fileLength },
    path: string,
    n: number,
    opts: { replace?: boolean; random?: () => number } = {},
  ): Promise<T> {
    if (!Number.isInteger(n) || n < 0) throw new Error(`sampleFromFile: n must be a non-negative integer, got ${n}`);
    const total = await this.fileLength(path);
    const random = opts.random ?? Math.random;
    const replace = opts.replace ?? false;
    if (n > total && !replace) {
      throw new Error(`Not enough waveforms to sample without replacement: requested ${n}, ${path} holds ${total}`);
    }
    const idx = new Uint32Array(n);
    if (replace) {
      for (let i = 0; i < n; i++) idx[i] = Math.min(Math.floor(random() * total), total - 1);
    } else {
      // partial Fisher-Yates shuffle over 0..total-1
      const pool = new Uint32Array(total);
      for (let i = 0; i < total; i++) pool[i] = i;
      for (let i = 0; i < n; i++) {
        const j = i + Math.min(Math.floor(random() * (total - i)), total - i - 1);
        const t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
        idx[i] = pool[i];
      }
    }
    return (this.readRows as (p: string, i: ArrayLike<number>) => Promise<T>).call(this, path, idx);
  }
}

// -------------------------------------------------------------------------------------------------

function writeWaveformDataset(group: Group, name: string, col: Column, opts: WriteOptions): void {
  const f32 = opts.waveformDtype === 'float32';
  const dtype = f32 ? '<f' : '<d';
  const n = col.shape[0];
  if (n === 0 || col.shape.length < 2) {
    const data = f32 ? Float32Array.from(col.data) : Float64Array.from(col.data);
    group.create_dataset({ name, data, shape: [...col.shape], dtype });
    return;
  }
  const w = rowSize(col.shape);
  const chunks = opts.chunks ? [...opts.chunks] : [Math.min(64, n), ...col.shape.slice(1)];
  if (chunks.length !== col.shape.length) {
    throw new Error(`chunks ${shapeStr(chunks)} must have one entry per dimension of waveform ${name} ${shapeStr(col.shape)}`);
  }
  // created empty with maxshape = final shape, filled in blocks (bounded wasm heap for big sets)
  const ds = group.create_dataset({
    name,
    data: f32 ? new Float32Array(0) : new Float64Array(0),
    shape: [0, ...col.shape.slice(1)],
    maxshape: [...col.shape],
    chunks,
    dtype,
  });
  ds.resize([...col.shape]);
  const block = Math.max(1, Math.floor((32 * 2 ** 20) / (w * 8)));
  for (let r = 0; r < n; r += block) {
    const e = Math.min(n, r + block);
    let data: NumArray = col.data.subarray(r * w, e * w);
    if (f32 && !(data instanceof Float32Array)) data = Float32Array.from(data);
    if (!f32 && !(data instanceof Float64Array)) data = Float64Array.from(data);
    ds.write_slice([[r, e], ...col.shape.slice(1).map(() => [] as [])] as never, data);
  }
}

export interface FileLayout {
  length: number;
  datasets: Map<string, { ds: Dataset; shape: number[]; spec: FieldSpec }>;
}

function expectation(spec: FieldSpec, n: number | null): string {
  const rows = n === null ? 'N' : String(n);
  return spec.kind === 'waveform' ? `a float64 array of shape (${rows}, T)` : `a float64 array of shape (${rows},) or (${rows}, k)`;
}

/** Check that every parameter/waveform dataset exists with a compatible shape; the error names file, dataset and expectation. */
export function checkLayout(cls: LedgerClass, f: H5File, path: string): FileLayout {
  const lenAttr = readAttr(f, 'length');
  let n: number | null = typeof lenAttr === 'number' ? lenAttr : null;
  const datasets = new Map<string, { ds: Dataset; shape: number[]; spec: FieldSpec }>();
  for (const spec of cls.fields) {
    if (spec.kind === 'metadata') continue;
    const dsPath = `/${spec.kind}s/${spec.name}`;
    const ds = getDataset(f, dsPath);
    if (!ds) {
      throw new Error(`${path}: missing dataset ${dsPath}; ${cls.name} expects ${expectation(spec, n)}`);
    }
    const info = datasetInfo(ds);
    if (info.kind !== 'float' && info.kind !== 'int') {
      throw new Error(`${path}: dataset ${dsPath} has ${info.kind} type; ${cls.name} expects ${expectation(spec, n)}`);
    }
    const shape = info.shape;
    const rows = shape.length === 0 ? -1 : shape[0];
    const rankOk =
      rows === 0 || (spec.kind === 'waveform' ? shape.length === 2 : shape.length === 1 || shape.length === 2);
    if (!rankOk || (n !== null && rows !== n)) {
      throw new Error(
        `${path}: dataset ${dsPath} has shape ${shapeStr(shape)}; ${cls.name} expects ${expectation(spec, n)}` +
          (typeof lenAttr === 'number' ? ` (root attribute length = ${lenAttr})` : ''),
      );
    }
    n ??= rows;
    datasets.set(spec.name, { ds, shape, spec });
  }
  return { length: n ?? 0, datasets };
}

/** Unique sorted indices, and for every requested index its position among them. */
function uniqueInverse(indices: ArrayLike<number>): { unique: number[]; inverse: Uint32Array } {
  const sorted = Array.from(indices).sort((a, b) => a - b);
  const unique: number[] = [];
  for (const v of sorted) if (unique.length === 0 || unique[unique.length - 1] !== v) unique.push(v);
  const inverse = new Uint32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    let lo = 0;
    let hi = unique.length - 1;
    const v = indices[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (unique[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    inverse[i] = lo;
  }
  return { unique, inverse };
}

/** Read the rows `indices` of one dataset by contiguous runs. */
function readIndexedRows(ds: Dataset, shape: number[], indices: ArrayLike<number>, keepF32: boolean): Column {
  const trailing = shape.slice(1);
  const w = rowSize(shape);
  const { unique, inverse } = uniqueInverse(indices);
  let buf: NumArray | null = null;
  let pos = 0;
  let i = 0;
  while (i < unique.length) {
    let j = i + 1;
    while (j < unique.length && unique[j] === unique[j - 1] + 1) j++;
    const part = readRowRange(ds, shape.length, unique[i], unique[j - 1] + 1, keepF32);
    buf ??= part instanceof Float32Array ? new Float32Array(unique.length * w) : new Float64Array(unique.length * w);
    buf.set(part, pos);
    pos += part.length;
    i = j;
  }
  buf ??= new Float64Array(0);
  return takeRows({ data: buf, shape: [unique.length, ...trailing] }, inverse);
}

export function loadRows<T extends Ledger>(cls: LedgerClass<T>, f: H5File, layout: FileLayout, indices: ArrayLike<number> | null): T {
  const init: LedgerInit = {};
  for (const spec of cls.fields) {
    if (spec.kind === 'metadata') {
      const v = readAttr(f, spec.name);
      init[spec.name] = v === undefined ? null : v;
      continue;
    }
    const { ds, shape } = layout.datasets.get(spec.name)!;
    const keepF32 = spec.kind === 'waveform';
    if (indices === null) {
      const data = readRowRange(ds, shape.length, 0, shape[0], keepF32);
      init[spec.name] = { data, shape } satisfies Column;
    } else if (indices.length === 0) {
      init[spec.name] = { data: new Float64Array(0), shape: [0, ...shape.slice(1)] } satisfies Column;
    } else {
      init[spec.name] = readIndexedRows(ds, shape, indices, keepF32);
    }
  }
  return new cls(init);
}

/** Rows of a file matching the time window and/or shifts (§4.4 `read`), using only the small columns. */
function selectRows(cls: LedgerClass, f: H5File, layout: FileLayout, path: string, opts: ReadOptions): Uint32Array {
  const n = layout.length;
  const mask = new Uint8Array(n).fill(1);
  if (opts.start !== undefined || opts.end !== undefined) {
    const t = layout.datasets.get('injection_time');
    if (!t) throw new Error(`${cls.name}.read: start/end filters need an injection_time parameter`);
    const duration = readAttr(f, 'duration');
    const rightPad = readAttr(f, 'right_pad');
    if (typeof duration !== 'number' || typeof rightPad !== 'number') {
      throw new Error(`${path}: root attributes duration and right_pad are required to filter by time`);
    }
    const leftPad = duration - rightPad;
    const times = readRowRange(t.ds, 1, 0, n, false);
    for (let i = 0; i < n; i++) {
      // waveform of row i spans [t - leftPad, t + rightPad]; keep it if that overlaps [start, end]
      if (opts.start !== undefined && !(times[i] + rightPad >= opts.start)) mask[i] = 0;
      if (opts.end !== undefined && !(times[i] - leftPad <= opts.end)) mask[i] = 0;
    }
  }
  if (opts.shifts !== undefined) {
    const s = layout.datasets.get('shift');
    if (!s) throw new Error(`${cls.name}.read: shifts filter needs a shift parameter`);
    const fshape = s.shape;
    const fileShifts = readRowRange(s.ds, fshape.length, 0, n, false);
    const q = opts.shifts;
    const qIs2d = Array.isArray(q) && q.length > 0 && Array.isArray(q[0]);
    const qNdim = typeof q === 'number' ? 0 : qIs2d ? 2 : 1;
    let queryRows: number[][];
    let width: number;
    if (fshape.length === 2 || (fshape.length === 1 && n === 0 && qNdim === 2)) {
      width = fshape.length === 2 ? fshape[1] : 0;
      if (qNdim === 1) queryRows = [Array.from(q as readonly number[])];
      else if (qNdim === 2) queryRows = (q as readonly (readonly number[])[]).map((r) => Array.from(r));
      else throw new Error(`Specified shifts with 0 dimensions, but ${cls.name} from file ${path} has 2 dimensions`);
    } else {
      if (qNdim === 2) throw new Error(`Specified shifts with 2 dimensions, but ${cls.name} from file ${path} has 1 dimensions`);
      width = 1;
      queryRows = (typeof q === 'number' ? [q] : Array.from(q as readonly number[])).map((v) => [v]);
    }
    for (const r of queryRows) {
      if (r.length !== width && n > 0) {
        throw new Error(`Specified ${r.length} shifts when ${width} ifos are present in ${cls.name} ${path}`);
      }
    }
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      let any = false;
      for (const r of queryRows) {
        let eq = true;
        for (let j = 0; j < width; j++) {
          if (fileShifts[i * width + j] !== r[j]) {
            eq = false;
            break;
          }
        }
        if (eq) {
          any = true;
          break;
        }
      }
      if (!any) mask[i] = 0;
    }
  }
  return maskToIndices(mask);
}

export { isColumn };
