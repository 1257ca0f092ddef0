/** Build the strain source a fetch branch names (a plain, serialisable config crosses to workers). */
import type { SourceConfig } from '../fetch.ts';
import { SimulatedSource } from '../simulated/source.ts';
import { FilesSource, GwoscSource, type StrainSource } from './sources.ts';

export function makeSource(cfg: SourceConfig, sampleRate: number): StrainSource {
  switch (cfg.kind) {
    case 'gwosc':
      return new GwoscSource(cfg.baseUrl, cfg.cacheDir, cfg.sampleRateKhz, cfg.http);
    case 'files':
      return new FilesSource(cfg.patterns, cfg.paths);
    case 'simulated':
      return new SimulatedSource({ seed: cfg.seed, sampleRate, psdFiles: cfg.psdFiles, psdKind: cfg.psdKind, glitches: cfg.glitches });
  }
}
