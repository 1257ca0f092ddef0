/**
 * Detector geometry: vertex, arm unit vectors and the response (detector) tensor
 * D = (x⊗x − y⊗y)/2 (Anderson et al. 2001, PRD 63 042003, Eq. B5 with the arms at 90°).
 *
 * LAL stores D as REAL4 (float32) in `lalCachedDetectors[]`; XLALComputeDetAMResponse and ml4gw both
 * use that rounded tensor. `detectorGeometry(ifo).response` is the same float32-rounded tensor (held in
 * float64), `responseFloat64` the unrounded one. The two give antenna patterns differing by ≲ 2e-8.
 */
import { DETECTOR_CONSTANTS, KNOWN_IFOS, SPEED_OF_LIGHT_M_S, type IfoName, type Vec3 } from './constants.ts';

export interface DetectorGeometry {
  readonly name: IfoName;
  /** Vertex position, Earth-fixed Cartesian, m. */
  readonly vertexM: Vec3;
  readonly xArm: Vec3;
  readonly yArm: Vec3;
  /** Response tensor, row-major 3×3, rounded to float32 exactly as LAL stores it. */
  readonly response: Float64Array;
  /** Response tensor, row-major 3×3, in full float64 from the arm constants. */
  readonly responseFloat64: Float64Array;
}

/** Tensor precision for antenna patterns: LAL's stored float32 tensor (default) or float64. */
export type TensorPrecision = 'lal-float32' | 'float64';

/** True if `name` is one of KNOWN_IFOS. */
export function isIfoName(name: unknown): name is IfoName {
  return typeof name === 'string' && (KNOWN_IFOS as readonly string[]).includes(name);
}

/** Throws a one-line error naming the known detectors if `name` is not one of them. */
export function assertIfoName(name: unknown, argName = 'ifo'): asserts name is IfoName {
  if (!isIfoName(name)) {
    throw new Error(`${argName}: unknown detector ${JSON.stringify(name)}; known detectors are ${KNOWN_IFOS.join(', ')}`);
  }
}

function responseTensor(x: Vec3, y: Vec3): Float64Array {
  const d = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) d[3 * i + j] = 0.5 * (x[i] * x[j] - y[i] * y[j]);
  }
  return d;
}

const CACHE = new Map<IfoName, DetectorGeometry>();

/** Geometry of one detector (cached; the returned arrays must not be modified). */
export function detectorGeometry(ifo: IfoName): DetectorGeometry {
  assertIfoName(ifo);
  let g = CACHE.get(ifo);
  if (g === undefined) {
    const c = DETECTOR_CONSTANTS[ifo];
    const responseFloat64 = responseTensor(c.xArm, c.yArm);
    const response = responseFloat64.map((v) => Math.fround(v));
    g = { name: ifo, vertexM: c.vertexM, xArm: c.xArm, yArm: c.yArm, response, responseFloat64 };
    CACHE.set(ifo, g);
  }
  return g;
}

/** The response tensor of `ifo` at the requested precision (row-major 3×3). */
export function detectorTensor(ifo: IfoName, precision: TensorPrecision = 'lal-float32'): Float64Array {
  const g = detectorGeometry(ifo);
  return precision === 'float64' ? g.responseFloat64 : g.response;
}

/**
 * Stacked geometry of several detectors (ml4gw `get_ifo_geometry`): tensors (n, 3, 3) and
 * vertices (n, 3), row-major.
 */
export function ifoGeometry(
  ifos: readonly IfoName[],
  precision: TensorPrecision = 'lal-float32',
): { tensors: Float64Array; verticesM: Float64Array } {
  if (ifos.length === 0) throw new Error('ifos: expected at least one detector name');
  const tensors = new Float64Array(9 * ifos.length);
  const verticesM = new Float64Array(3 * ifos.length);
  ifos.forEach((ifo, k) => {
    assertIfoName(ifo, `ifos[${k}]`);
    tensors.set(detectorTensor(ifo, precision), 9 * k);
    verticesM.set(detectorGeometry(ifo).vertexM, 3 * k);
  });
  return { tensors, verticesM };
}

/** Straight-line distance between two vertices divided by c, s (LAL's XLALLightTravelTime, in s). */
export function lightTravelTimeS(ifo1: IfoName, ifo2: IfoName): number {
  const a = detectorGeometry(ifo1).vertexM;
  const b = detectorGeometry(ifo2).vertexM;
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  const dz = a[2] - b[2];
  return Math.sqrt(dx * dx + dy * dy + dz * dz) / SPEED_OF_LIGHT_M_S;
}
