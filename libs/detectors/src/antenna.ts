/**
 * Antenna patterns F+, F× (Anderson et al. 2001, PRD 63 042003, Eqs. B4–B7; LAL's
 * XLALComputeDetAMResponse; ml4gw `compute_antenna_responses`).
 *
 * With Greenwich hour angle gha = GMST − ra (equivalently ml4gw's phi = ra − GMST = −gha):
 *   X = (−cosψ sin gha − sinψ cos gha sin δ, −cosψ cos gha + sinψ sin gha sin δ, sinψ cos δ)
 *   Y = ( sinψ sin gha − cosψ cos gha sin δ,  sinψ cos gha + cosψ sin gha sin δ, cosψ cos δ)
 *   F+ = Xᵀ D X − Yᵀ D Y,   F× = Xᵀ D Y + Yᵀ D X
 * X, Y are ml4gw's m, n; the polarisation tensors are e+ = X⊗X − Y⊗Y and e× = X⊗Y + Y⊗X.
 */
import type { IfoName } from './constants.ts';
import { assertIfoName, detectorTensor, type TensorPrecision } from './geometry.ts';
import { gmst, type GpsTime } from './time.ts';
import { assertAllFinite, assertFinite } from './validate.ts';

export interface AntennaPattern {
  plus: number;
  cross: number;
}

/**
 * Core kernel: F+ and F× for tensor `d` (row-major 3×3 starting at `offset`) at hour angle `ghaRad`.
 * Writes into `out[outIndex]` of the two output arrays. No validation (callers validate).
 */
export function antennaKernel(
  d: Float64Array,
  offset: number,
  ghaRad: number,
  decRad: number,
  psiRad: number,
  plusOut: Float64Array,
  crossOut: Float64Array,
  outIndex: number,
): void {
  const cosGha = Math.cos(ghaRad);
  const sinGha = Math.sin(ghaRad);
  const cosDec = Math.cos(decRad);
  const sinDec = Math.sin(decRad);
  const cosPsi = Math.cos(psiRad);
  const sinPsi = Math.sin(psiRad);
  const x0 = -cosPsi * sinGha - sinPsi * cosGha * sinDec;
  const x1 = -cosPsi * cosGha + sinPsi * sinGha * sinDec;
  const x2 = sinPsi * cosDec;
  const y0 = sinPsi * sinGha - cosPsi * cosGha * sinDec;
  const y1 = sinPsi * cosGha + cosPsi * sinGha * sinDec;
  const y2 = cosPsi * cosDec;
  let fPlus = 0;
  let fCross = 0;
  for (let i = 0; i < 3; i++) {
    const r = offset + 3 * i;
    const dx = d[r] * x0 + d[r + 1] * x1 + d[r + 2] * x2;
    const dy = d[r] * y0 + d[r + 1] * y1 + d[r + 2] * y2;
    const xi = i === 0 ? x0 : i === 1 ? x1 : x2;
    const yi = i === 0 ? y0 : i === 1 ? y1 : y2;
    fPlus += xi * dx - yi * dy;
    fCross += xi * dy + yi * dx;
  }
  plusOut[outIndex] = fPlus;
  crossOut[outIndex] = fCross;
}

const scratchPlus = new Float64Array(1);
const scratchCross = new Float64Array(1);

/** F+, F× of `ifo` for a source at (ra, dec) with polarisation angle psi, at Greenwich sidereal angle `gmstRad`. */
export function antennaPatternAtGmst(
  ifo: IfoName,
  ra: number,
  dec: number,
  psi: number,
  gmstRad: number,
  precision: TensorPrecision = 'lal-float32',
): AntennaPattern {
  assertIfoName(ifo);
  assertFinite(ra, 'ra');
  assertFinite(dec, 'dec');
  assertFinite(psi, 'psi');
  assertFinite(gmstRad, 'gmstRad');
  antennaKernel(detectorTensor(ifo, precision), 0, gmstRad - ra, dec, psi, scratchPlus, scratchCross, 0);
  return { plus: scratchPlus[0], cross: scratchCross[0] };
}

/**
 * F+, F× of `ifo` for a source at right ascension `ra`, declination `dec` (rad), polarisation angle
 * `psi` (rad, LAL convention) at GPS time `gpsTime` (s). Same as LAL's XLALComputeDetAMResponse with
 * the float32 tensor and XLALGreenwichMeanSiderealTime(gps).
 */
export function antennaPattern(
  ifo: IfoName,
  ra: number,
  dec: number,
  psi: number,
  gpsTime: number | GpsTime,
  precision: TensorPrecision = 'lal-float32',
): AntennaPattern {
  return antennaPatternAtGmst(ifo, ra, dec, psi, gmst(gpsTime), precision);
}

/** Batch antenna patterns, layout (batch, nIfos) row-major: index b·nIfos + i. */
export interface AntennaPatternBatch {
  plus: Float64Array;
  cross: Float64Array;
  batch: number;
  ifos: readonly IfoName[];
}

function checkBatchArrays(arrays: Record<string, ArrayLike<number>>): number {
  let n = -1;
  for (const [name, arr] of Object.entries(arrays)) {
    if (n < 0) n = arr.length;
    else if (arr.length !== n) {
      throw new Error(`${name}: expected length ${n} (same as the other per-sample arrays), got ${arr.length}`);
    }
    assertAllFinite(arr, name);
  }
  return n;
}

/**
 * ml4gw-style batch: F+, F× for every (dec, psi, phi) sample and detector, where
 * phi = ra − GMST is the source azimuth relative to Greenwich (Aframe passes a uniform angle here).
 */
export function antennaPatternsFromPhi(
  ifos: readonly IfoName[],
  dec: ArrayLike<number>,
  psi: ArrayLike<number>,
  phi: ArrayLike<number>,
  precision: TensorPrecision = 'lal-float32',
): AntennaPatternBatch {
  if (ifos.length === 0) throw new Error('ifos: expected at least one detector name');
  ifos.forEach((ifo, k) => assertIfoName(ifo, `ifos[${k}]`));
  const batch = checkBatchArrays({ dec, psi, phi });
  const nIfo = ifos.length;
  const plus = new Float64Array(batch * nIfo);
  const cross = new Float64Array(batch * nIfo);
  const tensors = ifos.map((ifo) => detectorTensor(ifo, precision));
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < nIfo; i++) {
      antennaKernel(tensors[i], 0, -phi[b], dec[b], psi[b], plus, cross, b * nIfo + i);
    }
  }
  return { plus, cross, batch, ifos };
}

/**
 * Batch antenna patterns for sky positions (ra, dec) and polarisation angles psi at GPS time(s):
 * one number → one GMST for the whole batch; an array → one GPS time per sample.
 */
export function antennaPatterns(
  ifos: readonly IfoName[],
  ra: ArrayLike<number>,
  dec: ArrayLike<number>,
  psi: ArrayLike<number>,
  gpsTime: number | ArrayLike<number>,
  precision: TensorPrecision = 'lal-float32',
): AntennaPatternBatch {
  const batch = checkBatchArrays({ ra, dec, psi });
  if (batch < 0) throw new Error('ra: expected an array');
  return antennaPatternsFromPhi(ifos, dec, psi, phiFromRa(ra, gpsTime), precision);
}

/** Batch antenna patterns for (ra, dec, psi) arrays at one Greenwich sidereal angle `gmstRad`. */
export function antennaPatternsAtGmst(
  ifos: readonly IfoName[],
  ra: ArrayLike<number>,
  dec: ArrayLike<number>,
  psi: ArrayLike<number>,
  gmstRad: number,
  precision: TensorPrecision = 'lal-float32',
): AntennaPatternBatch {
  assertFinite(gmstRad, 'gmstRad');
  checkBatchArrays({ ra, dec, psi });
  const phi = Float64Array.from(ra, (x) => x - gmstRad);
  return antennaPatternsFromPhi(ifos, dec, psi, phi, precision);
}

/** phi = ra − GMST(gps) for each sample (scalar gps: one GMST for all). */
export function phiFromRa(ra: ArrayLike<number>, gpsTime: number | ArrayLike<number>): Float64Array {
  const batch = checkBatchArrays({ ra });
  const phi = new Float64Array(batch);
  if (typeof gpsTime === 'number') {
    const g = gmst(gpsTime);
    for (let b = 0; b < batch; b++) phi[b] = ra[b] - g;
  } else {
    if (gpsTime.length !== batch) {
      throw new Error(`gpsTime: expected a number or ${batch} GPS times (one per sample), got ${gpsTime.length}`);
    }
    for (let b = 0; b < batch; b++) phi[b] = ra[b] - gmst(gpsTime[b]);
  }
  return phi;
}
