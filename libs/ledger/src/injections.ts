/**
 * Injection tables (aframe-reference §4.2, §4.4): parameter sets, polarisation / projected waveform
 * sets, and the injection campaign (InterferometerResponseSet) with time/shift selection and `inject`.
 */
import { bilbyToLalSpins, lalToBilbySpins } from '@aframe/waveforms';
import { planck15 } from '@aframe/priors';
import { type Column, type NumArray, rowSize, rowsEqualMask } from './column.ts';
import { type FieldSpec, type LedgerInit, type MetaValue, Ledger, metadata, parameter, waveform } from './ledger.ts';

const INTRINSIC = ['mass_1', 'mass_2', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl'];
const EXTRINSIC = ['ra', 'dec', 'redshift', 'psi', 'theta_jn', 'phase'];
const LAL = [
  'mass1',
  'mass2',
  'spin1x',
  'spin1y',
  'spin1z',
  'spin2x',
  'spin2y',
  'spin2z',
  'inclination',
  'luminosity_distance',
  'phase',
  'ra',
  'dec',
  'psi',
];

const INJECTION_METADATA: FieldSpec[] = [
  metadata('sample_rate'),
  metadata('duration', { attrDtype: 'float' }),
  metadata('right_pad', { attrDtype: 'float' }),
  metadata('num_injections', { default: 0, merge: 'sum', attrDtype: 'int' }),
];
const BILBY_FIELDS: FieldSpec[] = [...INTRINSIC, ...EXTRINSIC].map(parameter);
const INJECTION_PARAMETER_FIELDS: FieldSpec[] = [
  ...BILBY_FIELDS,
  parameter('snr'),
  parameter('ifo_snrs'),
  metadata('ifos', { default: [], merge: 'list' }),
];
const WAVEFORM_SET_FIELDS: FieldSpec[] = [...INJECTION_PARAMETER_FIELDS, ...INJECTION_METADATA];
export const RESPONSE_SET_FIELDS: FieldSpec[] = [
  ...WAVEFORM_SET_FIELDS,
  parameter('injection_time'),
  parameter('shift'),
];

/** Define `obj.name` getters/setters on a prototype (fields are stored in the Ledger maps). */
export function defineAccessors(proto: object, fields: readonly FieldSpec[]): void {
  for (const f of fields) {
    if (Object.prototype.hasOwnProperty.call(proto, f.name)) continue;
    Object.defineProperty(proto, f.name, {
      configurable: true,
      enumerable: false,
      get(this: Ledger) {
        return f.kind === 'metadata' ? this.getMeta(f.name) : this.column(f.name).data;
      },
      set(this: Ledger, v: unknown) {
        if (f.kind === 'metadata') this.setMeta(f.name, v as MetaValue);
        else this.set(f.name, v as ArrayLike<number>);
      },
    });
  }
}

/** InjectionMetadata invariants (Python `InjectionMetadata.__post_init__`). */
export function validateInjectionMetadata(obj: Ledger): void {
  const name = obj.constructor.name;
  const n = obj.length;
  const numInjections = obj.getMeta('num_injections');
  if (typeof numInjections === 'number' && numInjections < n) {
    throw new Error(`${name} has fewer total injections ${numInjections} than number of waveforms ${n}`);
  }
  const sampleRate = obj.getMeta('sample_rate');
  if (sampleRate === null && n > 0) {
    throw new Error(`Must specify sample rate if not initializing ${name} as empty container`);
  }
  if (sampleRate === null || n === 0) return;
  if (typeof sampleRate !== 'number' || !(sampleRate > 0)) throw new Error(`${name}: sample_rate must be a number > 0 Hz, got ${sampleRate}`);
  const duration = obj.getMeta('duration');
  for (const key of obj.waveformFields) {
    const shape = obj.column(key).shape;
    const d = shape[shape.length - 1] / sampleRate;
    // the original compares exactly; allow float round-off of T / sample_rate
    if (typeof duration !== 'number' || Math.abs(d - duration) > 1e-9 * Math.max(1, Math.abs(duration))) {
      throw new Error(`Specified waveform duration of ${duration} but waveform '${key}' has duration ${d}`);
    }
  }
}

function chirpMassOf(m1: number, m2: number): number {
  return Math.pow(m1 * m2, 0.6) / Math.pow(m1 + m2, 0.2);
}

function mapRows(n: number, fn: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fn(i);
  return out;
}

// ------------------------------------------------------------------------------ parameter sets

export class IntrinsicParameterSet extends Ledger {
  static override readonly fields: readonly FieldSpec[] = INTRINSIC.map(parameter);
  declare mass_1: Float64Array;
  declare mass_2: Float64Array;
  declare a_1: Float64Array;
  declare a_2: Float64Array;
  declare tilt_1: Float64Array;
  declare tilt_2: Float64Array;
  declare phi_12: Float64Array;
  declare phi_jl: Float64Array;

  /** (m1 m2)^{3/5} / (m1 + m2)^{1/5}, same frame as the masses. */
  get chirp_mass(): Float64Array {
    return mapRows(this.length, (i) => chirpMassOf(this.mass_1[i], this.mass_2[i]));
  }
  get total_mass(): Float64Array {
    return mapRows(this.length, (i) => this.mass_1[i] + this.mass_2[i]);
  }
  /** q = m2 / m1 */
  get mass_ratio(): Float64Array {
    return mapRows(this.length, (i) => this.mass_2[i] / this.mass_1[i]);
  }
}

export class ExtrinsicParameterSet extends Ledger {
  static override readonly fields: readonly FieldSpec[] = EXTRINSIC.map(parameter);
  declare ra: Float64Array;
  declare dec: Float64Array;
  declare redshift: Float64Array;
  declare psi: Float64Array;
  declare theta_jn: Float64Array;
  declare phase: Float64Array;
}

/** Cosmology hooks; the default is Planck15 from @aframe/priors (the original's DEFAULT_COSMOLOGY). */
export type LuminosityDistanceMpc = (redshift: number) => number;
export type RedshiftFromDistance = (luminosityDistanceMpc: number) => number;
const planck15Distance: LuminosityDistanceMpc = (z) => planck15.luminosityDistance(z);
const planck15Redshift: RedshiftFromDistance = (d) => planck15.redshiftAtLuminosityDistance(d);

export class BilbyParameterSet extends IntrinsicParameterSet {
  static override readonly fields: readonly FieldSpec[] = BILBY_FIELDS;
  declare ra: Float64Array;
  declare dec: Float64Array;
  declare redshift: Float64Array;
  declare psi: Float64Array;
  declare theta_jn: Float64Array;
  declare phase: Float64Array;

  /** Source-frame primary mass m1 / (1 + z). */
  get mass_1_source(): Float64Array {
    return mapRows(this.length, (i) => this.mass_1[i] / (1 + this.redshift[i]));
  }
  get mass_2_source(): Float64Array {
    return mapRows(this.length, (i) => this.mass_2[i] / (1 + this.redshift[i]));
  }

  /** Luminosity distance in Mpc of every row (Planck15 unless another d_L(z) is given). */
  luminosityDistance(dL: LuminosityDistanceMpc = planck15Distance): Float64Array {
    return mapRows(this.length, (i) => dL(this.redshift[i]));
  }

  /**
   * bilby angles -> LAL Cartesian spins at `referenceFrequency` Hz
   * (XLALSimInspiralTransformPrecessingNewInitialConditions via @aframe/waveforms).
   */
  convertToLalParamSet(referenceFrequency: number, dL: LuminosityDistanceMpc = planck15Distance): LALParameterSet {
    const n = this.length;
    const out: Record<string, Float64Array> = {};
    for (const k of ['inclination', 'spin1x', 'spin1y', 'spin1z', 'spin2x', 'spin2y', 'spin2z']) out[k] = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = bilbyToLalSpins({
        thetaJn: this.theta_jn[i],
        phiJl: this.phi_jl[i],
        tilt1: this.tilt_1[i],
        tilt2: this.tilt_2[i],
        phi12: this.phi_12[i],
        a1: this.a_1[i],
        a2: this.a_2[i],
        mass1: this.mass_1[i],
        mass2: this.mass_2[i],
        fRef: referenceFrequency,
        phase: this.phase[i],
      });
      out.inclination[i] = r.inclination;
      out.spin1x[i] = r.spin1x;
      out.spin1y[i] = r.spin1y;
      out.spin1z[i] = r.spin1z;
      out.spin2x[i] = r.spin2x;
      out.spin2y[i] = r.spin2y;
      out.spin2z[i] = r.spin2z;
    }
    return new LALParameterSet({
      ...out,
      mass1: this.mass_1.slice(),
      mass2: this.mass_2.slice(),
      luminosity_distance: this.luminosityDistance(dL),
      phase: this.phase.slice(),
      ra: this.ra.slice(),
      dec: this.dec.slice(),
      psi: this.psi.slice(),
    });
  }
}

export class LALParameterSet extends Ledger {
  static override readonly fields: readonly FieldSpec[] = LAL.map(parameter);
  declare mass1: Float64Array;
  declare mass2: Float64Array;
  declare spin1x: Float64Array;
  declare spin1y: Float64Array;
  declare spin1z: Float64Array;
  declare spin2x: Float64Array;
  declare spin2y: Float64Array;
  declare spin2z: Float64Array;
  declare inclination: Float64Array;
  declare luminosity_distance: Float64Array;
  declare phase: Float64Array;
  declare ra: Float64Array;
  declare dec: Float64Array;
  declare psi: Float64Array;

  /**
   * LAL -> bilby angles (XLALSimInspiralTransformPrecessingWvf2PE via @aframe/waveforms);
   * tilt is set to 0 where the spin magnitude is 0, as the original does.
   */
  convertToBilbyParamSet(referenceFrequency: number, redshiftOf: RedshiftFromDistance = planck15Redshift): BilbyParameterSet {
    const n = this.length;
    const keys = ['theta_jn', 'phi_jl', 'tilt_1', 'tilt_2', 'phi_12', 'a_1', 'a_2'];
    const out: Record<string, Float64Array> = {};
    for (const k of keys) out[k] = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = lalToBilbySpins({
        inclination: this.inclination[i],
        spin1x: this.spin1x[i],
        spin1y: this.spin1y[i],
        spin1z: this.spin1z[i],
        spin2x: this.spin2x[i],
        spin2y: this.spin2y[i],
        spin2z: this.spin2z[i],
        mass1: this.mass1[i],
        mass2: this.mass2[i],
        fRef: referenceFrequency,
        phase: this.phase[i],
      });
      out.theta_jn[i] = r.thetaJn;
      out.phi_jl[i] = r.phiJl;
      out.tilt_1[i] = r.a1 === 0 ? 0 : r.tilt1;
      out.tilt_2[i] = r.a2 === 0 ? 0 : r.tilt2;
      out.phi_12[i] = r.phi12;
      out.a_1[i] = r.a1;
      out.a_2[i] = r.a2;
    }
    return new BilbyParameterSet({
      ...out,
      mass_1: this.mass1.slice(),
      mass_2: this.mass2.slice(),
      ra: this.ra.slice(),
      dec: this.dec.slice(),
      redshift: mapRows(n, (i) => redshiftOf(this.luminosity_distance[i])),
      psi: this.psi.slice(),
      phase: this.phase.slice(),
    });
  }
}

// ------------------------------------------------------------------------------ waveform sets

/** sample_rate (Hz), duration (s), right_pad (s), num_injections (all prior draws, summed on append). */
export class InjectionMetadata extends Ledger {
  static override readonly fields: readonly FieldSpec[] = INJECTION_METADATA;
  declare sample_rate: number | null;
  declare duration: number | null;
  declare right_pad: number | null;
  declare num_injections: number | null;
  override validate(): void {
    super.validate();
    validateInjectionMetadata(this);
  }
}

/** Generated plus/cross polarisations (training_waveforms.hdf5). */
export class WaveformPolarizationSet extends BilbyParameterSet {
  static override readonly fields: readonly FieldSpec[] = [
    ...BILBY_FIELDS,
    ...INJECTION_METADATA,
    waveform('cross'),
    waveform('plus'),
  ];
  declare sample_rate: number | null;
  declare duration: number | null;
  declare right_pad: number | null;
  declare num_injections: number | null;
  declare cross: NumArray;
  declare plus: NumArray;

  override validate(): void {
    super.validate();
    validateInjectionMetadata(this);
  }

  /** T / sample_rate in seconds. */
  get waveform_duration(): number {
    const shape = this.column('cross').shape;
    return shape[shape.length - 1] / (this.sample_rate as number);
  }

  /** (N, 2, T) float64 with [cross, plus] along axis 1. */
  getWaveforms(): Column {
    const cross = this.column('cross');
    const plus = this.column('plus');
    const n = this.length;
    const t = n === 0 ? 0 : rowSize(cross.shape);
    const out = new Float64Array(n * 2 * t);
    for (let i = 0; i < n; i++) {
      out.set(cross.data.subarray(i * t, (i + 1) * t), 2 * i * t);
      out.set(plus.data.subarray(i * t, (i + 1) * t), (2 * i + 1) * t);
    }
    return { data: out, shape: [n, 2, t] };
  }
}

/** Parameters of injections with network and per-ifo SNRs (rejected-parameters.hdf5). */
export class InjectionParameterSet extends BilbyParameterSet {
  static override readonly fields: readonly FieldSpec[] = INJECTION_PARAMETER_FIELDS;
  declare snr: Float64Array;
  declare ifo_snrs: Float64Array;
  declare ifos: readonly string[] | null;
}

/** Projected waveforms + parameters; waveform fields (h1, l1, ...) come from waveformClassFactory. */
export class WaveformSet extends InjectionParameterSet {
  static override readonly fields: readonly FieldSpec[] = WAVEFORM_SET_FIELDS;
  declare sample_rate: number | null;
  declare duration: number | null;
  declare right_pad: number | null;
  declare num_injections: number | null;
  private stacked: Column | null = null;

  override validate(): void {
    super.validate();
    validateInjectionMetadata(this);
  }

  protected override onChange(): void {
    this.stacked = null;
  }

  override append(other: Ledger): this {
    super.append(other);
    this.stacked = null;
    return this;
  }

  /** Number of waveform fields. */
  numWaveformFields(): number {
    return this.waveformFields.length;
  }

  /** Waveform fields in alphabetical order (the order of `waveforms` and of `inject` blocks). */
  sortedWaveformFields(): string[] {
    return [...this.waveformFields].sort();
  }

  /** Cached float32 (N, n_fields, T) stack of the waveform fields in alphabetical order. */
  get waveforms(): Column {
    if (this.stacked) return this.stacked;
    const fields = this.sortedWaveformFields();
    const n = this.length;
    if (fields.length === 0 || n === 0) return { data: new Float32Array(0), shape: [n, fields.length, 0] };
    const t = rowSize(this.column(fields[0]).shape);
    const out = new Float32Array(n * fields.length * t);
    fields.forEach((name, k) => {
      const src = this.column(name).data;
      for (let i = 0; i < n; i++) out.set(src.subarray(i * t, (i + 1) * t), (i * fields.length + k) * t);
    });
    this.stacked = { data: out, shape: [n, fields.length, t] };
    return this.stacked;
  }

  /**
   * This class plus one waveform field per ifo (lower-case names h1, l1, v1), cached per ifo list:
   * `InterferometerResponseSet.withIfos(['H1', 'L1'])` is the original's ResponseSet,
   * `WaveformSet.withIfos(['H1', 'L1'])` the validation-waveform class.
   */
  static withIfos<C extends typeof WaveformSet>(this: C, ifos: readonly string[]): C {
    const name = (this as typeof WaveformSet) === InterferometerResponseSet ? 'ResponseSet' : this.name;
    return waveformClassFactory(ifos, this, name);
  }

  /** Whether the stacked cache is populated (for tests). */
  get hasCachedWaveforms(): boolean {
    return this.stacked !== null;
  }
}

/** Injection campaign: projected responses with geocentre coalescence time and per-ifo shifts. */
export class InterferometerResponseSet extends WaveformSet {
  static override readonly fields: readonly FieldSpec[] = RESPONSE_SET_FIELDS;
  declare injection_time: Float64Array;
  declare shift: Float64Array;

  /** Rows whose shift equals `shift` (all columns for 2-D shifts). */
  getShift(shift: number | ArrayLike<number>): this {
    return this.filter(rowsEqualMask(this.column('shift'), shift));
  }

  /** Rows with start <= injection_time < end (at least one bound). */
  getTimes(start?: number, end?: number): this {
    if (start === undefined && end === undefined) throw new Error('Must specify one of start or end');
    const t = this.injection_time;
    const mask = new Uint8Array(this.length);
    for (let i = 0; i < t.length; i++) mask[i] = (start === undefined || t[i] >= start) && (end === undefined || t[i] < end) ? 1 : 0;
    return this.filter(mask);
  }

  /**
   * Add the responses into a background block: `block[k]` is the strain of waveform field k in
   * alphabetical order (h1, l1, ...), sampled at sample_rate, first sample at GPS `startGps`.
   * Each waveform's sample j sits at t - (duration - right_pad) + j / sample_rate; it is placed at
   * the nearest block sample, overlapping injections add up, parts outside the block are dropped.
   * Returns new arrays; `block` is not modified.
   */
  inject<A extends NumArray>(block: readonly A[], startGps: number): A[] {
    const fields = this.sortedWaveformFields();
    if (block.length !== fields.length) {
      throw new Error(`inject: block has ${block.length} channels, expected ${fields.length} (${fields.join(', ')})`);
    }
    const size = block[0]?.length ?? 0;
    for (const b of block) if (b.length !== size) throw new Error('inject: all channels of block must have the same length');
    const out = block.map((b) => b.slice() as A);
    if (this.length === 0) return out;
    const sr = this.sample_rate;
    const duration = this.duration;
    const rightPad = this.right_pad;
    if (typeof sr !== 'number' || typeof duration !== 'number' || typeof rightPad !== 'number') {
      throw new Error('inject: sample_rate, duration and right_pad metadata are required');
    }
    const leftPad = duration - rightPad;
    const stop = startGps + size / sr;
    const cols = fields.map((f) => this.column(f));
    const t = this.injection_time;
    for (let i = 0; i < this.length; i++) {
      // waveform spans [t - leftPad, t + rightPad); skip it unless it overlaps [start, stop)
      if (!(t[i] + rightPad > startGps && t[i] - leftPad < stop)) continue;
      const j0 = Math.round((t[i] - leftPad - startGps) * sr);
      for (let k = 0; k < cols.length; k++) {
        const w = rowSize(cols[k].shape);
        const src = cols[k].data;
        const dst = out[k];
        const from = Math.max(0, -j0);
        const to = Math.min(w, size - j0);
        for (let s = from; s < to; s++) dst[j0 + s] += src[i * w + s];
      }
    }
    return out;
  }

}

const factoryCache = new Map<string, unknown>();

/**
 * Python `waveform_class_factory`: a subclass of `base` with one waveform field per ifo
 * named `ifo.lower()` (h1, l1, v1). Access a field with `set.column('h1')` or `set.h1`.
 */
export function waveformClassFactory<C extends typeof WaveformSet>(ifos: readonly string[], base: C, name: string): C {
  const names = ifos.map((i) => i.toLowerCase());
  if (new Set(names).size !== names.length || names.some((n) => !/^[a-z][a-z0-9_]*$/.test(n))) {
    throw new Error(`waveformClassFactory: ifos must be distinct names like H1, L1, got [${ifos.join(', ')}]`);
  }
  const key = `${base.name}|${name}|${names.join(',')}`;
  const cached = factoryCache.get(key);
  if (cached) return cached as C;
  const Base = base as unknown as new (init?: LedgerInit) => WaveformSet;
  const clash = names.find((n) => base.fields.some((f) => f.name === n));
  if (clash) throw new Error(`waveformClassFactory: ${base.name} already has a field '${clash}'`);
  const fields = [...base.fields, ...names.map(waveform)];
  const cls = class extends Base {};
  Object.defineProperty(cls, 'name', { value: name });
  Object.defineProperty(cls, 'fields', { value: fields });
  defineAccessors(cls.prototype, fields);
  factoryCache.set(key, cls);
  return cls as unknown as C;
}

for (const cls of [
  IntrinsicParameterSet,
  ExtrinsicParameterSet,
  BilbyParameterSet,
  LALParameterSet,
  InjectionMetadata,
  WaveformPolarizationSet,
  InjectionParameterSet,
  WaveformSet,
  InterferometerResponseSet,
]) {
  defineAccessors(cls.prototype, cls.fields);
}
