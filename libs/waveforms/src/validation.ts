/** Input checks shared by all approximants, and once-per-process warnings. */
import type { CbcParams, FDSettings } from './types.ts';

const warned = new Set<string>();

/** Print `message` the first time `key` is seen in this process (calibration-range warnings). */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(message, { code: 'AFRAME_WAVEFORM_RANGE' });
}

/** Keys already warned about (for tests). */
export function warnedKeys(): ReadonlySet<string> {
  return warned;
}

function finite(name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name} must be a finite number, got ${v}`);
}

/**
 * Throw a one-line Error naming the offending input when binary parameters are invalid:
 * masses <= 0, |spin| > 1, distance <= 0, non-finite angles; for aligned-spin models
 * (`aligned`), any non-zero in-plane spin component.
 */
export function validateCbcParams(p: CbcParams, approximant: string, aligned: boolean): void {
  finite('mass1', p.mass1);
  finite('mass2', p.mass2);
  if (!(p.mass1 > 0)) throw new Error(`mass1 must be > 0 M_sun, got ${p.mass1}`);
  if (!(p.mass2 > 0)) throw new Error(`mass2 must be > 0 M_sun, got ${p.mass2}`);
  finite('distance', p.distance);
  if (!(p.distance > 0)) throw new Error(`distance must be > 0 Mpc, got ${p.distance}`);
  finite('inclination', p.inclination);
  finite('phiRef', p.phiRef);
  for (const b of [1, 2] as const) {
    const x = (b === 1 ? p.spin1x : p.spin2x) ?? 0;
    const y = (b === 1 ? p.spin1y : p.spin2y) ?? 0;
    const z = (b === 1 ? p.spin1z : p.spin2z) ?? 0;
    finite(`spin${b}x`, x);
    finite(`spin${b}y`, y);
    finite(`spin${b}z`, z);
    const mag = Math.sqrt(x * x + y * y + z * z);
    if (mag > 1) throw new Error(`spin${b} magnitude must be <= 1, got |(${x}, ${y}, ${z})| = ${mag}`);
    if (aligned && (x !== 0 || y !== 0)) {
      throw new Error(`spin${b}x and spin${b}y must be 0 for the aligned-spin approximant ${approximant}, got (${x}, ${y})`);
    }
  }
}

/** Throw when frequency settings are invalid: deltaF <= 0, fMin <= 0, fMax < 0, 0 < fMax <= fMin, fRef < 0. */
export function validateFDSettings(s: FDSettings): void {
  finite('deltaF', s.deltaF);
  finite('fMin', s.fMin);
  finite('fMax', s.fMax);
  finite('fRef', s.fRef);
  if (!(s.deltaF > 0)) throw new Error(`deltaF must be > 0 Hz, got ${s.deltaF}`);
  if (!(s.fMin > 0)) throw new Error(`fMin must be > 0 Hz, got ${s.fMin}`);
  if (!(s.fMax >= 0)) throw new Error(`fMax must be >= 0 Hz (0 = model default), got ${s.fMax}`);
  if (s.fMax !== 0 && !(s.fMax > s.fMin)) throw new Error(`fMin must be < fMax, got fMin=${s.fMin} Hz, fMax=${s.fMax} Hz`);
  if (!(s.fRef >= 0)) throw new Error(`fRef must be >= 0 Hz, got ${s.fRef}`);
}
