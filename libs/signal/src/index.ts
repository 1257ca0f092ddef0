/** @aframe/signal — FFT wrapper, windows, Welch PSD, whitening, resampling, PSD helpers, segments, time bookkeeping. */
export { rfft, irfft, fft, ifft, RealFFT, ComplexFFT, realPlan, complexPlan, rfftFrequencies, fftBackend } from './fft.ts';
export { hann, hamming, kaiser, tukey, besselI0 } from './windows.ts';
export { welch, welchMulti, WelchEstimator, welchGeometry, medianBias, medianInPlace } from './welch.ts';
export type { WelchOptions, Psd, Average, WelchGeometry } from './welch.ts';
export { whiten, whitenBatch, whitenerFor, Whitener, whitenGeometry } from './whiten.ts';
export type { WhitenOptions, WhitenGeometry, Batch } from './whiten.ts';
export { interpolatePsd, requireValidPsd, parseSpectrumText, detectSpectrumKind, psdOnUniformGrid, loadPsdFile } from './psd.ts';
export type { SpectrumTable, UniformPsdOptions, PsdInterpolation } from './psd.ts';
export { resample, decimate, resamplePoly, DECIMATION_TAPS } from './resample.ts';
export { firwin, lfilterZiFir, filtfiltFir, filtfiltFirTwoPass } from './filters.ts';
export type { FirWindow } from './filters.ts';
export {
  coalesce, unionSegments, intersectSegments, filterMinDuration, coincidentSegments, livetime,
  segmentsFromPaths, isAnalyzeableSegment, numShiftsFromTb, numShiftsFromNumSignals, xPerY,
  formatSegwizard, parseSegments,
} from './segments.ts';
export type { Segment } from './segments.ts';
export {
  secondsToSamples, samplesToSeconds, durationSeconds, endTime, indexToTime, timeToIndex, sliceSeconds, makeTimeSeries,
} from './time.ts';
export type { TimeSeries } from './time.ts';
export { unfoldWindows, sliceKernels, sliceBatchKernels } from './slicing.ts';
