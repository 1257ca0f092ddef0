/**
 * @aframe/detectors — detector geometry (LAL constants), GMST, antenna patterns, time delays,
 * projection of (h+, h×) onto detectors, and optimal SNR (ml4gw conventions).
 */
export { SPEED_OF_LIGHT_M_S, KNOWN_IFOS, DETECTOR_CONSTANTS } from './constants.ts';
export type { IfoName, Vec3, DetectorConstants } from './constants.ts';
export {
  isIfoName,
  assertIfoName,
  detectorGeometry,
  detectorTensor,
  ifoGeometry,
  lightTravelTimeS,
} from './geometry.ts';
export type { DetectorGeometry, TensorPrecision } from './geometry.ts';
export {
  gmst,
  gmstUnreduced,
  gpsMinusUtcS,
  gpsToJulianDateUtc,
  toGpsTime,
  wrapTwoPi,
  LEAP_SECONDS,
  LEAP_SECONDS_KNOWN_UNTIL_GPS,
  MAX_GPS_S,
} from './time.ts';
export type { GpsTime } from './time.ts';
export {
  antennaPattern,
  antennaPatternAtGmst,
  antennaPatterns,
  antennaPatternsAtGmst,
  antennaPatternsFromPhi,
  phiFromRa,
} from './antenna.ts';
export type { AntennaPattern, AntennaPatternBatch } from './antenna.ts';
export {
  timeDelayFromGeocenter,
  timeDelayFromGeocenterAtGmst,
  timeDelayBetween,
  timeDelaysFromPhi,
} from './delays.ts';
export {
  computeIfoSnr,
  computeNetworkSnr,
  networkSnrFromIfoSnr,
  rescaleToSnr,
  reweightSnrs,
  interpolatePsd,
  toFrequencySeries3d,
  SnrWeights,
  DEFAULT_MAX_SNR,
} from './snr.ts';
export type { SnrBand, SnrOptions, PsdInterpolation } from './snr.ts';
export { projectWaveforms, projectWithFactors, shiftFractional } from './projection.ts';
export type { TimeShiftMode, SkyBatch, SkyBatchPhi, SkyBatchRa, ProjectionOptions, ProjectionResult } from './projection.ts';
export type { PolarizationBatch, TimeSeries3d, FrequencySeries3d, PsdInput } from './types.ts';
