/** Parameters of one compact binary, in the units of XLALSimInspiralChooseFDWaveform except SI. */
export interface CbcParams {
  /** Detector-frame component masses, M_sun (either order; models swap internally as LAL does). */
  mass1: number;
  mass2: number;
  /** Dimensionless spin components chi_i = S_i/m_i^2 in LAL's source frame (z along L_N at fRef). Default 0. */
  spin1x?: number;
  spin1y?: number;
  spin1z?: number;
  spin2x?: number;
  spin2y?: number;
  spin2z?: number;
  /** Luminosity distance, Mpc. */
  distance: number;
  /** Angle between L_N (at fRef) and the line of sight, rad. */
  inclination: number;
  /** Reference orbital phase at fRef, rad (LAL phiRef). */
  phiRef: number;
}

/** Frequency-domain settings shared by a call (or a batch). */
export interface FDSettings {
  /** Grid spacing, Hz (> 0). Bin k is at k * deltaF. */
  deltaF: number;
  /** Lowest frequency, Hz (> 0). */
  fMin: number;
  /** Highest frequency, Hz; 0 selects the model's own end (LAL convention). */
  fMax: number;
  /** Reference frequency, Hz; 0 means the model's default (fMin for PhenomD/Pv2, coalescence for TaylorF2). */
  fRef: number;
}

/** Polarisations on the grid f_k = k deltaF, k = 0..length-1, as separate real/imaginary planes. */
export interface FDWaveform {
  deltaF: number;
  length: number;
  /** Start time of the inverse FFT segment relative to coalescence (LAL epoch), s: -1/deltaF. */
  epoch: number;
  hplusRe: Float64Array;
  hplusIm: Float64Array;
  hcrossRe: Float64Array;
  hcrossIm: Float64Array;
}

/** Output planes for one or many waveforms; waveform b occupies [b*stride, b*stride + length). */
export interface FDBuffers {
  hplusRe: Float64Array;
  hplusIm: Float64Array;
  hcrossRe: Float64Array;
  hcrossIm: Float64Array;
}

/** Struct-of-arrays parameters for batched generation (all arrays of the batch length). */
export interface CbcParamsBatch {
  mass1: ArrayLike<number>;
  mass2: ArrayLike<number>;
  spin1x?: ArrayLike<number>;
  spin1y?: ArrayLike<number>;
  spin1z?: ArrayLike<number>;
  spin2x?: ArrayLike<number>;
  spin2y?: ArrayLike<number>;
  spin2z?: ArrayLike<number>;
  distance: ArrayLike<number>;
  inclination: ArrayLike<number>;
  phiRef: ArrayLike<number>;
}
