/**
 * Plane-wave arrival-time delays (LAL's XLALArrivalTimeDiff / XLALTimeDelayFromEarthCenter).
 *
 * The unit vector from the geocentre to the source, Earth-fixed, is
 *   ê = (cos δ cos gha, −cos δ sin gha, sin δ),  gha = GMST − ra  (= (cos δ cos φ, cos δ sin φ, sin δ), φ = −gha)
 * and the wave reaches position r at t_geocentre − ê·r / c. So
 *   t_det1 − t_det2 = ê·(r2 − r1)/c,   t_det − t_geocentre = −ê·r/c  (positive when it arrives later).
 */
import { SPEED_OF_LIGHT_M_S, type IfoName, type Vec3 } from './constants.ts';
import { assertIfoName, detectorGeometry } from './geometry.ts';
import { gmst, type GpsTime } from './time.ts';
import { assertFinite } from './validate.ts';

/** ê·(r2 − r1)/c for ê at hour angle `ghaRad` and declination `decRad`. */
function arrivalDiffKernel(r1: Vec3, r2: Vec3, ghaRad: number, decRad: number): number {
  const cosDec = Math.cos(decRad);
  const e0 = cosDec * Math.cos(ghaRad);
  const e1 = cosDec * -Math.sin(ghaRad);
  const e2 = Math.sin(decRad);
  const d0 = r2[0] - r1[0];
  const d1 = r2[1] - r1[1];
  const d2 = r2[2] - r1[2];
  return (e0 * d0 + e1 * d1 + e2 * d2) / SPEED_OF_LIGHT_M_S;
}

const GEOCENTRE: Vec3 = [0, 0, 0];

function checkSky(ra: number, dec: number): void {
  assertFinite(ra, 'ra');
  assertFinite(dec, 'dec');
}

/** Arrival time at `ifo` minus arrival time at the geocentre, s, at Greenwich sidereal angle `gmstRad`. */
export function timeDelayFromGeocenterAtGmst(ifo: IfoName, ra: number, dec: number, gmstRad: number): number {
  assertIfoName(ifo);
  checkSky(ra, dec);
  assertFinite(gmstRad, 'gmstRad');
  return arrivalDiffKernel(detectorGeometry(ifo).vertexM, GEOCENTRE, gmstRad - ra, dec);
}

/**
 * Arrival time at `ifo` minus arrival time at the geocentre, in seconds, for a source at (ra, dec)
 * (rad) at GPS time `gpsTime` (LAL's XLALTimeDelayFromEarthCenter).
 */
export function timeDelayFromGeocenter(ifo: IfoName, ra: number, dec: number, gpsTime: number | GpsTime): number {
  return timeDelayFromGeocenterAtGmst(ifo, ra, dec, gmst(gpsTime));
}

/** Arrival time at `ifo1` minus arrival time at `ifo2`, s (LAL's XLALArrivalTimeDiff). */
export function timeDelayBetween(
  ifo1: IfoName,
  ifo2: IfoName,
  ra: number,
  dec: number,
  gpsTime: number | GpsTime,
): number {
  assertIfoName(ifo1, 'ifo1');
  assertIfoName(ifo2, 'ifo2');
  checkSky(ra, dec);
  const g = gmst(gpsTime);
  return arrivalDiffKernel(detectorGeometry(ifo1).vertexM, detectorGeometry(ifo2).vertexM, g - ra, dec);
}

/**
 * Geocentre → detector delays (s) for a batch, layout (batch, nIfos) row-major, from declination and
 * phi = ra − GMST (ml4gw convention; the vertex-dot-direction part of ml4gw's `shift_responses`).
 */
export function timeDelaysFromPhi(
  ifos: readonly IfoName[],
  dec: ArrayLike<number>,
  phi: ArrayLike<number>,
): Float64Array {
  if (ifos.length === 0) throw new Error('ifos: expected at least one detector name');
  ifos.forEach((ifo, k) => assertIfoName(ifo, `ifos[${k}]`));
  if (dec.length !== phi.length) {
    throw new Error(`phi: expected length ${dec.length} (same as dec), got ${phi.length}`);
  }
  const nIfo = ifos.length;
  const vertices = ifos.map((ifo) => detectorGeometry(ifo).vertexM);
  const out = new Float64Array(dec.length * nIfo);
  for (let b = 0; b < dec.length; b++) {
    if (!Number.isFinite(dec[b]) || !Number.isFinite(phi[b])) {
      throw new Error(`dec/phi[${b}]: expected finite numbers, got ${dec[b]}, ${phi[b]}`);
    }
    for (let i = 0; i < nIfo; i++) out[b * nIfo + i] = arrivalDiffKernel(vertices[i], GEOCENTRE, -phi[b], dec[b]);
  }
  return out;
}
