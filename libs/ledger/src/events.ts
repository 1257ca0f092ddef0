/**
 * Detection events and background statistics (aframe-reference §4.5), and the matching of
 * injections to events (RecoveredInjectionSet.recover).
 */
import { type Column, maskToIndices, rowSize, rowsEqualMask, takeRows } from './column.ts';
import { type FieldSpec, type LedgerInit, Ledger, ledgerWarning, metadata, parameter } from './ledger.ts';
import {
  type InterferometerResponseSet,
  RESPONSE_SET_FIELDS,
  defineAccessors,
  validateInjectionMetadata,
} from './injections.ts';

/** Julian year (365.2425 d) used by the original's FAR. */
export const SECONDS_IN_YEAR = 31556952;

const EVENT_FIELDS: FieldSpec[] = [
  parameter('detection_statistic'),
  parameter('detection_time'),
  parameter('shift'),
  metadata('Tb', { default: 0, merge: 'sum', attrDtype: 'float' }),
];

/** First index with sorted[i] >= x. */
function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function unsortedWarning(): void {
  ledgerWarning(
    'Detection statistic is not sorted. This function may take a long time for large datasets. To sort, use the sortBy() function of this object.',
  );
}

export interface VetoResult<T> {
  events: T;
  /** 1 where the event was vetoed */
  mask: Uint8Array;
}

export class EventSet extends Ledger {
  static override readonly fields: readonly FieldSpec[] = EVENT_FIELDS;
  declare detection_statistic: Float64Array;
  declare detection_time: Float64Array;
  declare shift: Float64Array;
  /** background livetime, seconds */
  declare Tb: number | null;

  /** Events of one timeslide (all columns equal for 2-D shifts). */
  getShift(shift: number | ArrayLike<number>): this {
    return this.filter(rowsEqualMask(this.column('shift'), shift));
  }

  /** Number of events with detection_statistic >= threshold (vectorised over arrays). */
  nb(threshold: number): number;
  nb(threshold: ArrayLike<number>): Float64Array;
  nb(threshold: number | ArrayLike<number>): number | Float64Array {
    const stats = this.detection_statistic;
    const n = stats.length;
    const thresholds = typeof threshold === 'number' ? [threshold] : threshold;
    const out = new Float64Array(thresholds.length);
    if (this.isSortedBy('detection_statistic')) {
      for (let k = 0; k < thresholds.length; k++) out[k] = n - lowerBound(stats, thresholds[k]);
    } else {
      unsortedWarning();
      for (let k = 0; k < thresholds.length; k++) {
        let c = 0;
        for (let i = 0; i < n; i++) if (stats[i] >= thresholds[k]) c++;
        out[k] = c;
      }
    }
    return typeof threshold === 'number' ? out[0] : out;
  }

  private livetime(): number {
    const tb = this.Tb;
    if (typeof tb !== 'number' || !(tb > 0)) throw new Error(`EventSet: Tb must be a livetime > 0 s to compute rates, got ${tb}`);
    return tb;
  }

  /** Smallest resolvable FAR, 1/yr: SECONDS_IN_YEAR / Tb. */
  get minFar(): number {
    return SECONDS_IN_YEAR / this.livetime();
  }

  /** False-alarm rate in 1/yr: max(SECONDS_IN_YEAR * nb / Tb, minFar). */
  far(threshold: number): number;
  far(threshold: ArrayLike<number>): Float64Array;
  far(threshold: number | ArrayLike<number>): number | Float64Array {
    const tb = this.livetime();
    const minFar = SECONDS_IN_YEAR / tb;
    if (typeof threshold === 'number') return Math.max((SECONDS_IN_YEAR * this.nb(threshold)) / tb, minFar);
    const nb = this.nb(threshold);
    return nb.map((v) => Math.max((SECONDS_IN_YEAR * v) / tb, minFar));
  }

  /**
   * Probability of at least one background event >= threshold in an observation of T seconds:
   * 1 - exp(-T (1 + nb) / Tb) (arXiv:1508.02357 eq. 17).
   */
  significance(threshold: number, T: number): number;
  significance(threshold: ArrayLike<number>, T: number): Float64Array;
  significance(threshold: number | ArrayLike<number>, T: number): number | Float64Array {
    const tb = this.livetime();
    if (typeof threshold === 'number') return 1 - Math.exp((-T * (1 + this.nb(threshold))) / tb);
    return this.nb(threshold).map((v) => 1 - Math.exp((-T * (1 + v)) / tb));
  }

  /**
   * Statistic threshold at a FAR given in Hz: with k = floor(Tb * far) the k-th loudest statistic,
   * so that nb(threshold) = k (without ties). For k = 0 (FAR below 1/Tb) no background event may
   * pass, so +Infinity is returned (the original returns the smallest statistic); for k >= N the
   * smallest statistic.
   */
  thresholdAtFar(farHz: number): number {
    if (!(farHz >= 0)) throw new Error(`thresholdAtFar: far must be >= 0 Hz, got ${farHz}`);
    const tb = this.livetime();
    let stats = this.detection_statistic;
    if (!this.isSortedBy('detection_statistic')) {
      unsortedWarning();
      stats = stats.slice().sort();
    }
    const k = Math.floor(tb * farHz);
    const n = stats.length;
    if (k <= 0) return Infinity;
    if (n === 0) return -Infinity;
    if (k >= n) return stats[0];
    return stats[n - k];
  }

  /**
   * Remove events inside any veto interval (strictly start < t < end) where t = detection_time +
   * shift[:, ifoIndex] is the event time in the frame of ifo `ifoIndex`.
   * `vetos`: [start, end] pairs (GPS s). O((N + M) log M).
   */
  applyVetos(vetos: ArrayLike<readonly [number, number]> | Column, ifoIndex: number): this;
  applyVetos(vetos: ArrayLike<readonly [number, number]> | Column, ifoIndex: number, opts: { returnMask: true }): VetoResult<this>;
  applyVetos(
    vetos: ArrayLike<readonly [number, number]> | Column,
    ifoIndex: number,
    opts: { returnMask?: boolean } = {},
  ): this | VetoResult<this> {
    let starts: number[];
    let ends: number[];
    if ('data' in vetos && 'shape' in vetos) {
      if (vetos.shape.length !== 2 || vetos.shape[1] !== 2) throw new Error(`applyVetos: vetos must have shape (M, 2)`);
      starts = [];
      ends = [];
      for (let i = 0; i < vetos.shape[0]; i++) {
        starts.push(vetos.data[2 * i]);
        ends.push(vetos.data[2 * i + 1]);
      }
    } else {
      starts = Array.from(vetos as ArrayLike<readonly [number, number]>, (v) => v[0]);
      ends = Array.from(vetos as ArrayLike<readonly [number, number]>, (v) => v[1]);
    }
    const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
    const sortedStarts = order.map((i) => starts[i]);
    const prefixMaxEnd = new Float64Array(order.length);
    let m = -Infinity;
    order.forEach((i, k) => {
      m = Math.max(m, ends[i]);
      prefixMaxEnd[k] = m;
    });

    const shift = this.column('shift');
    const w = rowSize(shift.shape);
    if (!(Number.isInteger(ifoIndex) && ifoIndex >= 0 && ifoIndex < w)) {
      throw new Error(`applyVetos: ifoIndex must be in [0, ${w}), got ${ifoIndex}`);
    }
    const times = this.detection_time;
    const mask = new Uint8Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const t = times[i] + shift.data[i * w + ifoIndex];
      // last veto with start < t; vetoed if any veto up to it ends after t
      const k = lowerBound(sortedStarts, t) - 1;
      mask[i] = k >= 0 && prefixMaxEnd[k] > t ? 1 : 0;
    }
    const keep = new Uint8Array(this.length);
    for (let i = 0; i < keep.length; i++) keep[i] = mask[i] ? 0 : 1;
    const events = this.filter(keep);
    return opts.returnMask ? { events, mask } : events;
  }
}

const RECOVERED_FIELDS: FieldSpec[] = [
  ...RESPONSE_SET_FIELDS,
  parameter('detection_statistic'),
  parameter('detection_time'),
  metadata('Tb', { default: 0, merge: 'sum', attrDtype: 'float' }),
];

/** Unique rows of a (N,) or (N, k) column in lexicographic order (numpy.unique(axis=0)). */
function uniqueRows(col: Column): number[][] {
  const w = rowSize(col.shape);
  const rows: number[][] = [];
  for (let i = 0; i < col.shape[0]; i++) rows.push(Array.from(col.data.subarray(i * w, (i + 1) * w)));
  rows.sort((a, b) => {
    for (let j = 0; j < w; j++) if (a[j] !== b[j]) return a[j] - b[j];
    return 0;
  });
  return rows.filter((r, i) => i === 0 || r.some((v, j) => v !== rows[i - 1][j]));
}

/** Injections matched to their nearest event in time, with the events' statistics (foreground.hdf5). */
export class RecoveredInjectionSet extends EventSet {
  static override readonly fields: readonly FieldSpec[] = RECOVERED_FIELDS;
  declare injection_time: Float64Array;
  declare snr: Float64Array;
  declare ifo_snrs: Float64Array;
  declare ifos: readonly string[] | null;
  declare sample_rate: number | null;
  declare duration: number | null;
  declare right_pad: number | null;
  declare num_injections: number | null;

  override validate(): void {
    super.validate();
    validateInjectionMetadata(this);
  }

  /** Rows with start <= injection_time < end. */
  getTimes(start?: number, end?: number): this {
    if (start === undefined && end === undefined) throw new Error('Must specify one of start or end');
    const t = this.injection_time;
    const mask = new Uint8Array(this.length);
    for (let i = 0; i < t.length; i++) mask[i] = (start === undefined || t[i] >= start) && (end === undefined || t[i] < end) ? 1 : 0;
    return this.filter(mask);
  }

  /**
   * For every timeslide present in `events`, match each injection of that shift to the event
   * with the smallest |injection_time - detection_time| (first event on ties); num_injections is the
   * number of injections analysed, Tb = events.Tb.
   */
  static recover(events: EventSet, injections: InterferometerResponseSet): RecoveredInjectionSet {
    const obj = new RecoveredInjectionSet();
    const evShift = events.column('shift');
    const injShift = injections.column('shift');
    const injFields = new Set(injections.fieldNames());
    for (const shift of uniqueRows(evShift)) {
      const s = evShift.shape.length === 1 ? shift[0] : shift;
      const evIdx = maskToIndices(rowsEqualMask(evShift, s));
      const injIdx = maskToIndices(rowsEqualMask(injShift, s));
      if (injIdx.length === 0) continue;
      // events of this shift sorted by (time, original order)
      const evTimes = Array.from(evIdx, (i) => events.detection_time[i]);
      const order = evTimes.map((_, k) => k).sort((a, b) => evTimes[a] - evTimes[b] || a - b);
      const sortedTimes = order.map((k) => evTimes[k]);
      const runStart = new Uint32Array(order.length);
      for (let k = 1; k < order.length; k++) runStart[k] = sortedTimes[k] === sortedTimes[k - 1] ? runStart[k - 1] : k;
      const matched = new Uint32Array(injIdx.length);
      injIdx.forEach((ii, q) => {
        const t = injections.injection_time[ii];
        const lo = lowerBound(sortedTimes, t);
        let best = -1;
        let bestD = Infinity;
        const consider = (pos: number): void => {
          const k = order[runStart[pos]];
          const d = Math.abs(sortedTimes[pos] - t);
          if (d < bestD || (d === bestD && k < best)) {
            bestD = d;
            best = k;
          }
        };
        if (lo < order.length) consider(lo);
        if (lo > 0) consider(lo - 1);
        if (best < 0) throw new Error(`recover: no finite detection time to match injection at ${t}`);
        matched[q] = evIdx[best];
      });
      const init: LedgerInit = {};
      for (const f of RECOVERED_FIELDS) {
        if (!injFields.has(f.name)) continue;
        if (f.kind === 'metadata') init[f.name] = injections.getMeta(f.name);
        else init[f.name] = takeRows(injections.column(f.name), injIdx);
      }
      init.num_injections = injIdx.length;
      init.detection_statistic = takeRows(events.column('detection_statistic'), matched);
      init.detection_time = takeRows(events.column('detection_time'), matched);
      obj.append(new RecoveredInjectionSet(init));
    }
    obj.Tb = events.Tb;
    return obj;
  }
}

defineAccessors(EventSet.prototype, EventSet.fields);
defineAccessors(RecoveredInjectionSet.prototype, RecoveredInjectionSet.fields);
