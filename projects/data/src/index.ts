/** @aframe/data — segments, strain and waveform sets for aframe (the `aframe data` commands). */
export { querySegments, querySpans, O3A_END, O3B_START, type QueryOptions } from './query.ts';
export { readSegwizard, parseSegwizard, formatSegwizard, type Segment } from './segwizard.ts';
export { backgroundFileName, readBackground, writeBackground, type StrainBlock } from './background.ts';
export { planChunks, fetchTasks, isCompleteBackground, type FetchTask, type FetchResult, type SourceConfig } from './fetch.ts';
export { runFetch, sourceConfig } from './fetch-run.ts';
export { gwoscBaseUrl, findRun, listRuns, timelineSegments, strainFiles, DEFAULT_GWOSC_URL } from './gwosc/api.ts';
export { downloadToCache, getJson, HttpError, type HttpOptions } from './gwosc/http.ts';
export { readGwoscStrain, type GwoscStrain } from './gwosc/strain-file.ts';
export { GwoscSource, FilesSource, type StrainSource } from './strain/sources.ts';
export { SimulatedSource } from './simulated/source.ts';
export { ColouredNoise } from './simulated/noise.ts';
export { loadNoiseCurve, DEFAULT_NOISE_CURVES, type NoiseCurve } from './simulated/psd-file.ts';
export { addGlitches, glitchesInBlock, optimalSnr, type Glitch } from './simulated/glitches.ts';
export { runBranches } from './pool.ts';
