/**
 * Row-major numeric columns: one row per record, `shape = [rows, ...trailing]`.
 * Parameters are 1-D `(N,)` or 2-D `(N, k)` float64; waveforms are `(N, T)` float64 or float32.
 */

export type NumArray = Float64Array | Float32Array;

export interface Column {
  readonly data: NumArray;
  readonly shape: readonly number[];
}

/** What a field accepts at construction: plain arrays, nested arrays (2-D), typed arrays or a Column. */
export type ColumnInput = ArrayLike<number> | readonly (readonly number[])[] | readonly NumArray[] | Column;

export function isColumn(x: unknown): x is Column {
  return typeof x === 'object' && x !== null && 'data' in x && 'shape' in x && ArrayBuffer.isView((x as Column).data);
}

/** Product of the trailing dimensions (1 for a 1-D column). */
export function rowSize(shape: readonly number[]): number {
  let s = 1;
  for (let i = 1; i < shape.length; i++) s *= shape[i];
  return s;
}

export function emptyColumn(): Column {
  return { data: new Float64Array(0), shape: [0] };
}

/**
 * Normalise a field value to a Column. Parameters become Float64Array; waveforms keep Float32Array
 * when given one (halves memory), everything else becomes Float64Array.
 */
export function toColumn(name: string, value: ColumnInput, keepFloat32: boolean): Column {
  if (isColumn(value)) {
    const rows = value.shape[0];
    if (value.shape.length === 0 || value.data.length !== rows * rowSize(value.shape)) {
      throw new Error(`field ${name}: data length ${value.data.length} does not match shape [${value.shape.join(', ')}]`);
    }
    const data = value.data instanceof Float32Array && !keepFloat32 ? Float64Array.from(value.data) : value.data;
    return { data, shape: [...value.shape] };
  }
  if (value.length > 0 && typeof (value as ArrayLike<unknown>)[0] === 'object') {
    // nested rows -> 2-D
    const rows = value as ArrayLike<ArrayLike<number>>;
    const width = rows[0].length;
    const out = new Float64Array(rows.length * width);
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].length !== width) {
        throw new Error(`field ${name}: row ${i} has ${rows[i].length} entries, expected ${width} (ragged 2-D input)`);
      }
      for (let j = 0; j < width; j++) out[i * width + j] = rows[i][j];
    }
    return { data: out, shape: [rows.length, width] };
  }
  const flat = value as ArrayLike<number>;
  if (flat instanceof Float32Array && keepFloat32) return { data: flat, shape: [flat.length] };
  if (flat instanceof Float64Array) return { data: flat, shape: [flat.length] };
  return { data: Float64Array.from(flat), shape: [flat.length] };
}

function allocLike(data: NumArray, n: number): NumArray {
  return data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/** Rows `indices` (any order, repeats allowed) of a column. */
export function takeRows(col: Column, indices: ArrayLike<number>): Column {
  const w = rowSize(col.shape);
  const rows = col.shape[0];
  const out = allocLike(col.data, indices.length * w);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= rows) throw new Error(`row index ${r} out of range [0, ${rows})`);
    if (w === 1) out[i] = col.data[r];
    else out.set(col.data.subarray(r * w, (r + 1) * w), i * w);
  }
  return { data: out, shape: [indices.length, ...col.shape.slice(1)] };
}

/** Rows [start, end) (a view, no copy). */
export function sliceRows(col: Column, start: number, end: number): Column {
  const w = rowSize(col.shape);
  return { data: col.data.subarray(start * w, end * w), shape: [end - start, ...col.shape.slice(1)] };
}

/** Concatenate along axis 0; trailing dimensions must agree. An empty side yields the other. */
export function concatRows(name: string, a: Column, b: Column): Column {
  if (a.shape[0] === 0) return b;
  if (b.shape[0] === 0) return a;
  const ta = a.shape.slice(1).join(',');
  const tb = b.shape.slice(1).join(',');
  if (ta !== tb) {
    throw new Error(`field ${name}: cannot append rows of shape [${tb}] to rows of shape [${ta}]`);
  }
  const float32 = a.data instanceof Float32Array && b.data instanceof Float32Array;
  const out = float32 ? new Float32Array(a.data.length + b.data.length) : new Float64Array(a.data.length + b.data.length);
  out.set(a.data, 0);
  out.set(b.data, a.data.length);
  return { data: out, shape: [a.shape[0] + b.shape[0], ...a.shape.slice(1)] };
}

/** Row i as a number (1-D) or a view of the row (2-D). */
export function rowValue(col: Column, i: number): number | NumArray {
  const w = rowSize(col.shape);
  if (col.shape.length === 1) return col.data[i];
  return col.data.subarray(i * w, (i + 1) * w);
}

/** Mask of rows equal (all columns) to `value`; a scalar is compared with every column. */
export function rowsEqualMask(col: Column, value: number | ArrayLike<number>): Uint8Array {
  const rows = col.shape[0];
  const w = rowSize(col.shape);
  const mask = new Uint8Array(rows);
  const isScalar = typeof value === 'number';
  if (!isScalar && value.length !== w) {
    throw new Error(`shift has ${value.length} entries but rows have ${w} columns`);
  }
  for (let i = 0; i < rows; i++) {
    let eq = 1;
    for (let j = 0; j < w; j++) {
      const v = isScalar ? value : value[j];
      if (col.data[i * w + j] !== v) {
        eq = 0;
        break;
      }
    }
    mask[i] = eq;
  }
  return mask;
}

/** Indices of non-zero / true mask entries. */
export function maskToIndices(mask: ArrayLike<number | boolean>): Uint32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}
