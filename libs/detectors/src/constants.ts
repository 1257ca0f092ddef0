/**
 * LAL detector constants (Earth-fixed Cartesian frame, ITRF-like, metres; arm directions are unit
 * vectors in the same frame). Values are LAL's `LAL_{LHO_4K,LLO_4K,VIRGO,KAGRA}_*` constants from
 * `lal/lib/tools/LALDetectors.h` (LALSuite tag lalsuite-v7.26.15, LAL 7.7.1), the same numbers
 * `lalCachedDetectors[]` is built from. They are checked, digit for digit, against
 * shared/data/lal-reference/detectors.json (written by LAL itself) in test/geometry.test.ts.
 */

/** Speed of light in vacuum, m/s (`LAL_C_SI`, exact by SI definition). */
export const SPEED_OF_LIGHT_M_S = 299792458;

/** Names of the detectors this package knows, in a stable order. */
export const KNOWN_IFOS = ['H1', 'L1', 'V1', 'K1'] as const;
export type IfoName = (typeof KNOWN_IFOS)[number];

export type Vec3 = readonly [number, number, number];

/** Raw LAL constants of one detector. Angles in radians, lengths in metres. */
export interface DetectorConstants {
  /** LAL's `LALFrDetector.name`. */
  readonly lalName: string;
  /** Vertex (beam splitter) position, Earth-fixed Cartesian, m (`LAL_*_VERTEX_LOCATION_{X,Y,Z}_SI`). */
  readonly vertexM: Vec3;
  /** Unit vector along the x arm (`LAL_*_ARM_X_DIRECTION_{X,Y,Z}`). */
  readonly xArm: Vec3;
  /** Unit vector along the y arm (`LAL_*_ARM_Y_DIRECTION_{X,Y,Z}`). */
  readonly yArm: Vec3;
  /** Geodetic vertex longitude (east positive), rad (`LAL_*_VERTEX_LONGITUDE_RAD`). */
  readonly vertexLongitudeRad: number;
  /** Geodetic vertex latitude (north positive), rad (`LAL_*_VERTEX_LATITUDE_RAD`). */
  readonly vertexLatitudeRad: number;
  /** Vertex height above the WGS-84 ellipsoid, m (`LAL_*_VERTEX_ELEVATION_SI`). */
  readonly vertexElevationM: number;
  /** Arm azimuths, clockwise from North, rad (`LAL_*_ARM_{X,Y}_AZIMUTH_RAD`). */
  readonly xArmAzimuthRad: number;
  readonly yArmAzimuthRad: number;
  /** Arm altitudes above the local horizontal, rad (`LAL_*_ARM_{X,Y}_ALTITUDE_RAD`). */
  readonly xArmAltitudeRad: number;
  readonly yArmAltitudeRad: number;
  /** Distance from the vertex to each arm's midpoint, m (`LAL_*_ARM_{X,Y}_MIDPOINT_SI`). */
  readonly xArmMidpointM: number;
  readonly yArmMidpointM: number;
}

/** LAL's values (LALDetectors.h). */
export const DETECTOR_CONSTANTS: Readonly<Record<IfoName, DetectorConstants>> = {
  // LIGO Hanford 4 km (LAL_LHO_4K_*)
  H1: {
    lalName: 'LHO_4k',
    vertexM: [-2.16141492636e6, -3.83469517889e6, 4.60035022664e6],
    xArm: [-0.22389266154, 0.79983062746, 0.55690487831],
    yArm: [-0.91397818574, 0.02609403989, -0.40492342125],
    vertexLongitudeRad: -2.08405676917,
    vertexLatitudeRad: 0.81079526383,
    vertexElevationM: 142.554,
    xArmAzimuthRad: 5.65487724844,
    yArmAzimuthRad: 4.08408092164,
    xArmAltitudeRad: -6.195e-4,
    yArmAltitudeRad: 1.25e-5,
    xArmMidpointM: 1997.542,
    yArmMidpointM: 1997.522,
  },
  // LIGO Livingston 4 km (LAL_LLO_4K_*)
  L1: {
    lalName: 'LLO_4k',
    vertexM: [-7.42760447238e4, -5.49628371971e6, 3.22425701744e6],
    xArm: [-0.95457412153, -0.1415807734, -0.26218911324],
    yArm: [0.29774156894, -0.48791033647, -0.82054461286],
    vertexLongitudeRad: -1.58430937078,
    vertexLatitudeRad: 0.53342313506,
    vertexElevationM: -6.574,
    xArmAzimuthRad: 4.40317772346,
    yArmAzimuthRad: 2.83238139666,
    xArmAltitudeRad: -3.121e-4,
    yArmAltitudeRad: -6.107e-4,
    xArmMidpointM: 1997.5750,
    yArmMidpointM: 1997.5750,
  },
  // Virgo 3 km (LAL_VIRGO_*)
  V1: {
    lalName: 'VIRGO',
    vertexM: [4.546374099e6, 8.42989697626e5, 4.37857696241e6],
    xArm: [-0.70045821479, 0.20848948619, 0.68256166277],
    yArm: [-0.05379255368, -0.96908180549, 0.24080451708],
    vertexLongitudeRad: 0.18333805213,
    vertexLatitudeRad: 0.76151183984,
    vertexElevationM: 51.884,
    xArmAzimuthRad: 0.33916285222,
    yArmAzimuthRad: 5.05155183261,
    xArmAltitudeRad: 0.0,
    yArmAltitudeRad: 0.0,
    xArmMidpointM: 1500.0,
    yArmMidpointM: 1500.0,
  },
  // KAGRA 3 km (LAL_KAGRA_*)
  K1: {
    lalName: 'KAGRA',
    vertexM: [-3777336.024, 3484898.411, 3765313.697],
    xArm: [-0.3759040, -0.8361583, 0.3994189],
    yArm: [0.7164378, 0.01114076, 0.6975620],
    vertexLongitudeRad: 2.396441015,
    vertexLatitudeRad: 0.6355068497,
    vertexElevationM: 414.181,
    xArmAzimuthRad: 1.054113,
    yArmAzimuthRad: -0.5166798,
    xArmAltitudeRad: 0.0031414,
    yArmAltitudeRad: -0.0036270,
    xArmMidpointM: 1513.2535,
    yArmMidpointM: 1511.611,
  },
};
