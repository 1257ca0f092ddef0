/**
 * Transient noise artefacts ("glitches") added to simulated noise, so the detector network sees the
 * non-Gaussian features of real data:
 * - `sine_gaussian`: h(t) = exp(−(t−tc)²/τ²)·sin(2πf0(t−tc) + φ), τ = Q/(√2·π·f0) (the LAL/Omicron
 *   sine-Gaussian parametrisation), f0 log-uniform in [32, 512] Hz, Q log-uniform in [4, 32];
 * - `blip`: the short, broadband glitches of Cabero et al. 2019 (CQG 36 155010), modelled as a
 *   low-Q sine-Gaussian: f0 log-uniform in [40, 250] Hz, Q uniform in [1, 3] (≈ 1–10 ms long).
 * Each glitch is scaled to an optimal SNR drawn uniformly from [snrMin, snrMax] against the noise
 * PSD: ρ² = 4 Σ |h̃(f)|²/S(f) Δf over the rfft grid (see `optimalSnr`).
 *
 * Glitch times follow a Poisson process of `rateHz` per detector, drawn per GPS block from a keyed
 * stream, so the glitches of a span never depend on how the span is chunked.
 */
import { computeIfoSnr } from '@aframe/detectors';
import { keyedRng } from './random.ts';

export const GLITCH_BLOCK_S = 64;
/** Half-width of the window a glitch is synthesised in (covers ±4τ for f0 ≥ 16 Hz, Q ≤ 32). */
export const GLITCH_HALF_WIDTH_S = 2;

export type GlitchKind = 'sine_gaussian' | 'blip';

export interface Glitch {
  ifo: string;
  gpsTime: number;
  kind: GlitchKind;
  frequencyHz: number;
  q: number;
  phase: number;
  snr: number;
}

export interface GlitchOptions {
  /** Mean number of glitches per second, per detector; 0 disables glitches. */
  rateHz: number;
  snrMin: number;
  snrMax: number;
}

/** Glitches of one detector whose centres fall in GPS block `block`. */
export function glitchesInBlock(seed: number, ifo: string, ifoId: number, block: number, opts: GlitchOptions): Glitch[] {
  if (opts.rateHz <= 0) return [];
  const rng = keyedRng([seed, ifoId, block, 7]);
  // Poisson count by inversion (mean ≤ a few hundred per block in any sane setting).
  const mean = opts.rateHz * GLITCH_BLOCK_S;
  let count = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = rng.uniform();
  while (u > cdf && count < 100000) {
    count++;
    p *= mean / count;
    cdf += p;
  }
  const out: Glitch[] = [];
  for (let i = 0; i < count; i++) {
    const gpsTime = (block + rng.uniform()) * GLITCH_BLOCK_S;
    const blip = rng.uniform() < 0.5;
    const logUniform = (a: number, b: number) => Math.exp(Math.log(a) + rng.uniform() * Math.log(b / a));
    const frequencyHz = blip ? logUniform(40, 250) : logUniform(32, 512);
    const q = blip ? 1 + 2 * rng.uniform() : logUniform(4, 32);
    const phase = 2 * Math.PI * rng.uniform();
    const snr = opts.snrMin + (opts.snrMax - opts.snrMin) * rng.uniform();
    out.push({ ifo, gpsTime, kind: blip ? 'blip' : 'sine_gaussian', frequencyHz, q, phase, snr });
  }
  return out.sort((a, b) => a.gpsTime - b.gpsTime);
}

/** Unit-amplitude sine-Gaussian sampled at times t_k = t0 + k/fs. */
function sineGaussian(g: Glitch, t0: number, n: number, sampleRate: number): Float64Array {
  const tau = g.q / (Math.SQRT2 * Math.PI * g.frequencyHz);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const dt = t0 + k / sampleRate - g.gpsTime;
    out[k] = Math.exp(-(dt * dt) / (tau * tau)) * Math.sin(2 * Math.PI * g.frequencyHz * dt + g.phase);
  }
  return out;
}

/**
 * Optimal SNR of `h` (sampled at fs) against the one-sided PSD S(f): S is sampled on the rfft grid of
 * `h` and handed to @aframe/detectors' `computeIfoSnr` (ml4gw's compute_ifo_snr normalisation).
 */
export function optimalSnr(h: Float64Array, sampleRate: number, psd: (f: number) => number): number {
  const bins = (h.length >> 1) + 1;
  const df = sampleRate / h.length;
  const grid = new Float64Array(bins);
  for (let k = 0; k < bins; k++) grid[k] = psd(k * df);
  // A unit-amplitude template against a strain PSD has an astronomically large SNR: no sanity cap.
  return computeIfoSnr({ data: h, batch: 1, channels: 1, length: h.length }, grid, sampleRate, { maxSnr: Infinity })[0];
}

/**
 * Add to `data` (GPS [t0, t0 + n/fs)) every glitch of `ifo` whose window overlaps the span; returns
 * the glitches whose centres lie inside the span (for the sidecar table).
 */
export function addGlitches(
  data: Float64Array,
  t0: number,
  sampleRate: number,
  psd: (f: number) => number,
  seed: number,
  ifo: string,
  ifoId: number,
  opts: GlitchOptions,
): Glitch[] {
  if (opts.rateHz <= 0) return [];
  const end = t0 + data.length / sampleRate;
  const first = Math.floor((t0 - GLITCH_HALF_WIDTH_S) / GLITCH_BLOCK_S);
  const last = Math.floor((end + GLITCH_HALF_WIDTH_S) / GLITCH_BLOCK_S);
  const inside: Glitch[] = [];
  const width = Math.round(2 * GLITCH_HALF_WIDTH_S * sampleRate);
  for (let b = first; b <= last; b++) {
    for (const g of glitchesInBlock(seed, ifo, ifoId, b, opts)) {
      if (g.gpsTime + GLITCH_HALF_WIDTH_S < t0 || g.gpsTime - GLITCH_HALF_WIDTH_S >= end) continue;
      // Synthesise on a window whose samples lie on the global grid, so chunking cannot move them.
      const w0 = Math.ceil((g.gpsTime - GLITCH_HALF_WIDTH_S) * sampleRate) / sampleRate;
      const h = sineGaussian(g, w0, width, sampleRate);
      const scale = g.snr / optimalSnr(h, sampleRate, psd);
      const offset = Math.round((w0 - t0) * sampleRate);
      for (let k = Math.max(0, -offset); k < width && offset + k < data.length; k++) data[offset + k] += scale * h[k];
      if (g.gpsTime >= t0 && g.gpsTime < end) inside.push(g);
    }
  }
  return inside.sort((a, b) => a.gpsTime - b.gpsTime);
}

export function glitchesCsv(glitches: Glitch[]): string {
  const rows = ['ifo,gps_time,kind,frequency_hz,q,phase,snr'];
  for (const g of glitches) rows.push([g.ifo, g.gpsTime.toFixed(6), g.kind, g.frequencyHz, g.q, g.phase, g.snr].join(','));
  return rows.join('\n') + '\n';
}
