/**
 * @aframe/ledger — typed tables of injections and events in Aframe's HDF5 layouts
 * (aframe-reference §4), read/written through h5wasm.
 */
export type { Column, ColumnInput, NumArray } from './column.ts';
export type { MetaValue } from './h5.ts';
/** HDF5 file helpers shared with other packages: wasm readiness, checked open, atomic write. */
export { h5ready, openRead, hasHdf5Signature, writeAtomic } from './h5.ts';
export {
  Ledger,
  type AggregateOptions,
  type AggregateResult,
  type FieldKind,
  type FieldSpec,
  type LedgerClass,
  type LedgerInit,
  type MetaMerge,
  type ReadOptions,
  type WriteOptions,
  metadata,
  parameter,
  waveform,
} from './ledger.ts';
export { LedgerWriter, type WriterOptions } from './writer.ts';
export {
  BilbyParameterSet,
  ExtrinsicParameterSet,
  InjectionMetadata,
  InjectionParameterSet,
  InterferometerResponseSet,
  IntrinsicParameterSet,
  LALParameterSet,
  WaveformPolarizationSet,
  WaveformSet,
  waveformClassFactory,
  type LuminosityDistanceMpc,
  type RedshiftFromDistance,
} from './injections.ts';
export { EventSet, RecoveredInjectionSet, SECONDS_IN_YEAR, type VetoResult } from './events.ts';
