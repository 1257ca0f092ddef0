/**
 * The `simulated` strain source: coloured Gaussian noise per detector (./noise.ts) plus optional
 * glitches (./glitches.ts), produced directly at the requested sample rate.
 */
import type { NativeStrain, StrainSource } from '../strain/sources.ts';
import { ColouredNoise } from './noise.ts';
import { addGlitches, type Glitch, type GlitchOptions } from './glitches.ts';
import { DEFAULT_NOISE_CURVES, loadNoiseCurve, type CurveKind, type NoiseCurve } from './psd-file.ts';

/** Stable stream ids per detector: the noise of H1 does not depend on which other ifos are asked for. */
const IFO_IDS: Record<string, number> = { H1: 1, L1: 2, V1: 3, K1: 4, G1: 5 };

export interface SimulatedOptions {
  seed: number;
  sampleRate: number;
  /** ifo → two-column ASD/PSD file; defaults per ifo from DEFAULT_NOISE_CURVES. */
  psdFiles?: Record<string, string>;
  psdKind?: CurveKind;
  glitches?: GlitchOptions;
}

export class SimulatedSource implements StrainSource {
  private readonly noise = new Map<string, { gen: ColouredNoise; curve: NoiseCurve }>();
  /** Glitches added by the last `read` of each ifo. */
  readonly lastGlitches = new Map<string, Glitch[]>();

  constructor(private readonly opts: SimulatedOptions) {}

  private generator(ifo: string) {
    let g = this.noise.get(ifo);
    if (!g) {
      const id = IFO_IDS[ifo];
      if (id === undefined) throw new Error(`simulated noise: unknown detector ${ifo} (known: ${Object.keys(IFO_IDS).join(', ')})`);
      const path = this.opts.psdFiles?.[ifo] ?? DEFAULT_NOISE_CURVES[ifo];
      if (!path) throw new Error(`simulated noise: no default noise curve for ${ifo}; pass one with --psd_files '{"${ifo}": "curve.txt"}'`);
      const curve = loadNoiseCurve(path, this.opts.psdKind ?? 'auto');
      g = { curve, gen: new ColouredNoise({ sampleRate: this.opts.sampleRate, psd: curve.at, seed: this.opts.seed, streamId: id }) };
      this.noise.set(ifo, g);
    }
    return g;
  }

  async read(ifo: string, start: number, end: number): Promise<NativeStrain> {
    const { gen, curve } = this.generator(ifo);
    const n = Math.round((end - start) * this.opts.sampleRate);
    const data = gen.generate(start, n);
    const glitches = this.opts.glitches
      ? addGlitches(data, start, this.opts.sampleRate, curve.at, this.opts.seed, ifo, IFO_IDS[ifo], this.opts.glitches)
      : [];
    this.lastGlitches.set(ifo, glitches);
    return { sampleRate: this.opts.sampleRate, data };
  }
}
