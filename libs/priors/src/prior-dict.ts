/**
 * A joint prior over named parameters (bilby `PriorDict` / `ConditionalPriorDict`):
 * independent distributions, conditionals (sampled after the keys they require), fixed values
 * and constraints. Constraints apply to the output of the `conversion` function (bilby
 * semantics: a constraint whose key the conversion does not produce is not enforced).
 */
import { Constraint, DeltaFunction, checkSampleCount } from './distributions.ts';
import type { Distribution } from './distributions.ts';
import type { ConditionalDistribution } from './conditional.ts';
import { Rng } from './rng.ts';
import { sourceToDetectorFrame } from '@aframe/waveforms';

/** Column-oriented samples: one Float64Array of equal length per key. */
export type PriorSamples = Record<string, Float64Array>;

/** Adds derived keys (e.g. mass_ratio, chirp_mass) to a copy of the samples. */
export type ConversionFunction = (samples: Readonly<PriorSamples>) => PriorSamples;

export type PriorEntry = Distribution | ConditionalDistribution | Constraint;

export interface SampleResult {
  samples: PriorSamples;
  /** total joint draws made (accepted + rejected by constraints) */
  numDrawn: number;
  /** draws rejected by constraints */
  numRejected: number;
}

export function isConditional(e: PriorEntry): e is ConditionalDistribution {
  return (e as ConditionalDistribution).requires !== undefined;
}

export function isConstraint(e: PriorEntry): e is Constraint {
  return e instanceof Constraint;
}

/** Keys multiplied by (1 + z) to go from source to detector frame (aframe `convert_to_detector_frame`). */
export const MASS_KEYS_SCALED_BY_REDSHIFT = ['mass_1', 'mass_2', 'chirp_mass', 'total_mass'] as const;

/** Number of joint draws used to estimate a constraint's acceptance (bilby: Monte Carlo too). */
const CONSTRAINT_NORMALIZATION_DRAWS = 200_000;
const CONSTRAINT_NORMALIZATION_SEED = 20231127;

export interface PriorDictOptions {
  conversion?: ConversionFunction;
  /** true when sampled masses are already detector-frame */
  detectorFrame: boolean;
  name?: string;
}

export class PriorDict {
  readonly entries: ReadonlyMap<string, PriorEntry>;
  readonly conversion: ConversionFunction | undefined;
  readonly detectorFrame: boolean;
  readonly name: string;
  /** sampled keys (non-constraint) in sampling order */
  readonly keys: readonly string[];
  readonly constraintKeys: readonly string[];
  private readonly normalizationCache = new Map<string, number>();

  constructor(entries: Iterable<[string, PriorEntry]> | Record<string, PriorEntry>, opts: PriorDictOptions) {
    const list: [string, PriorEntry][] = Symbol.iterator in Object(entries)
      ? [...(entries as Iterable<[string, PriorEntry]>)]
      : Object.entries(entries as Record<string, PriorEntry>);
    const map = new Map<string, PriorEntry>();
    for (const [k, v] of list) {
      if (map.has(k)) throw new Error(`PriorDict: duplicate key '${k}'`);
      map.set(k, v);
    }
    this.entries = map;
    this.conversion = opts.conversion;
    this.detectorFrame = opts.detectorFrame;
    this.name = opts.name ?? 'custom';
    const sampled = list.filter(([, v]) => !isConstraint(v)).map(([k]) => k);
    this.constraintKeys = list.filter(([, v]) => isConstraint(v)).map(([k]) => k);
    this.keys = orderByDependencies(sampled, map);
  }

  get(key: string): PriorEntry {
    const e = this.entries.get(key);
    if (!e) throw new Error(`PriorDict '${this.name}': unknown key '${key}'; keys are ${[...this.entries.keys()].join(', ')}`);
    return e;
  }

  /** [minimum, maximum] of an unconditional key. */
  bounds(key: string): [number, number] {
    const e = this.get(key);
    if (isConditional(e)) throw new Error(`PriorDict '${this.name}': '${key}' is conditional; its bounds depend on ${e.requires.join(', ')}`);
    return [e.minimum, e.maximum];
  }

  /**
   * One unconstrained joint draw of n rows (keys in order; each key consumes its uniforms in
   * turn). With `only`, draws just those keys and the keys they are conditioned on.
   */
  private drawUnconstrained(n: number, rng: Rng, only?: readonly string[]): PriorSamples {
    const wanted = only ? this.dependencyClosure(only) : undefined;
    const out: PriorSamples = {};
    for (const key of this.keys) {
      if (wanted && !wanted.has(key)) continue;
      const e = this.entries.get(key)!;
      if (isConditional(e)) out[key] = e.sample(n, rng, out);
      else out[key] = (e as Distribution).sample(n, rng);
    }
    return out;
  }

  private dependencyClosure(keys: readonly string[]): Set<string> {
    const set = new Set<string>();
    const add = (k: string): void => {
      if (set.has(k)) return;
      set.add(k);
      const e = this.entries.get(k);
      if (e && isConditional(e)) for (const r of e.requires) add(r);
    };
    for (const k of keys) add(k);
    return set;
  }

  /** Constraint indicator per row (1 = all applicable constraints pass). */
  constraintMask(samples: Readonly<PriorSamples>, n: number): Uint8Array {
    const mask = new Uint8Array(n).fill(1);
    if (this.constraintKeys.length === 0) return mask;
    const converted = this.conversion ? this.conversion(samples) : samples;
    for (const key of this.constraintKeys) {
      const col = converted[key];
      if (!col) continue; // bilby: constraints on keys the conversion does not produce are ignored
      const c = this.entries.get(key) as Constraint;
      for (let i = 0; i < n; i++) if (mask[i] && !(col[i] > c.minimum && col[i] < c.maximum)) mask[i] = 0;
    }
    return mask;
  }

  /**
   * n joint samples; rows failing a constraint are rejected and redrawn in batches (first batch n,
   * later batches the remaining count scaled by the observed acceptance) until n are accepted.
   * Rows of the last batch after the n-th acceptance are discarded and not counted.
   */
  sampleWithCounts(n: number, rng: Rng): SampleResult {
    checkSampleCount(n);
    const out: PriorSamples = {};
    for (const key of this.keys) out[key] = new Float64Array(n);
    let filled = 0;
    let numDrawn = 0;
    while (filled < n) {
      const remaining = n - filled;
      const rate = numDrawn > 0 ? Math.max(filled / numDrawn, 1e-3) : 1;
      const batch = numDrawn === 0 ? remaining : Math.min(Math.ceil((remaining / rate) * 1.1) + 16, 1_000_000);
      const draw = this.drawUnconstrained(batch, rng);
      const mask = this.constraintMask(draw, batch);
      for (let i = 0; i < batch && filled < n; i++) {
        numDrawn++;
        if (!mask[i]) continue;
        for (const key of this.keys) out[key][filled] = draw[key][i];
        filled++;
      }
      if (filled === 0 && numDrawn >= 10_000_000) throw new Error(`PriorDict '${this.name}': constraints rejected all of the first ${numDrawn} draws`);
    }
    return { samples: out, numDrawn, numRejected: numDrawn - n };
  }

  /** n joint samples as columns (see `sampleWithCounts`). */
  sample(n: number, rng: Rng): PriorSamples {
    return this.sampleWithCounts(n, rng).samples;
  }

  /** Multiply mass keys by (1 + redshift) when this prior is source-frame; otherwise a copy. */
  toDetectorFrame(samples: Readonly<PriorSamples>): PriorSamples {
    return this.detectorFrame ? { ...samples } : samplesToDetectorFrame(samples);
  }

  /**
   * Constant factor 1/P(constraints pass) for the keys present in a sample (bilby
   * `normalize_constraint_factor`), estimated by Monte Carlo with a fixed seed
   * (200 000 draws; relative standard error sqrt((1−p)/(p·N))).
   */
  constraintNormalization(keys: readonly string[]): number {
    const cacheKey = [...keys].sort().join(',');
    const cached = this.normalizationCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const n = CONSTRAINT_NORMALIZATION_DRAWS;
    const draw = this.drawUnconstrained(n, Rng.fromSeed(CONSTRAINT_NORMALIZATION_SEED), keys);
    const subset: PriorSamples = {};
    for (const k of keys) if (draw[k]) subset[k] = draw[k];
    const mask = this.constraintMask(subset, n);
    let acc = 0;
    for (let i = 0; i < n; i++) acc += mask[i];
    if (acc === 0) throw new Error(`PriorDict '${this.name}': no draw satisfies the constraints`);
    const factor = n / acc;
    this.normalizationCache.set(cacheKey, factor);
    return factor;
  }

  /**
   * Joint log-density of each row of `sample` over the keys it contains: Σ per-key logProb
   * (conditionals given their required keys, which must be present), −∞ where a constraint
   * fails, + log of the constraint normalisation when a constraint applies (bilby `ln_prob`).
   */
  logProb(sample: Readonly<Record<string, ArrayLike<number>>>): Float64Array {
    const keys = Object.keys(sample);
    if (keys.length === 0) throw new Error('PriorDict.logProb: sample has no keys');
    const n = sample[keys[0]].length;
    for (const k of keys) {
      if (sample[k].length !== n) throw new Error(`PriorDict.logProb: column '${k}' has length ${sample[k].length}, expected ${n}`);
      const e = this.get(k);
      if (isConstraint(e)) throw new Error(`PriorDict.logProb: '${k}' is a constraint key, not a sampled parameter`);
      if (isConditional(e)) {
        for (const r of e.requires) if (!(r in sample)) throw new Error(`PriorDict.logProb: '${k}' needs '${r}' in the sample`);
      }
    }
    const out = new Float64Array(n);
    const given: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      for (const k of keys) given[k] = sample[k][i];
      let lp = 0;
      for (const k of keys) {
        const e = this.entries.get(k)!;
        lp += isConditional(e) ? e.logProb(given[k], given) : (e as Distribution).logProb(given[k]);
      }
      out[i] = lp;
    }
    if (this.constraintKeys.length > 0) {
      const cols: PriorSamples = {};
      for (const k of keys) cols[k] = Float64Array.from(sample[k]);
      const converted = this.conversion ? this.conversion(cols) : cols;
      const applicable = this.constraintKeys.some((k) => converted[k] !== undefined);
      if (applicable) {
        const mask = this.constraintMask(cols, n);
        const logNorm = Math.log(this.constraintNormalization(keys));
        for (let i = 0; i < n; i++) out[i] = mask[i] ? out[i] + logNorm : -Infinity;
      }
    }
    return out;
  }

  /** exp(logProb(sample)) — the joint pdf used for importance weights. */
  prob(sample: Readonly<Record<string, ArrayLike<number>>>): Float64Array {
    const lp = this.logProb(sample);
    for (let i = 0; i < lp.length; i++) lp[i] = Math.exp(lp[i]);
    return lp;
  }

  /** Human-readable listing, one key per line. */
  describe(): string {
    const lines = [`${this.name} (${this.detectorFrame ? 'detector' : 'source'}-frame masses)`];
    for (const [k, e] of this.entries) lines.push(`  ${k}: ${e.description}`);
    return lines.join('\n');
  }
}

/**
 * Source → detector frame for sample columns: `mass_1, mass_2, chirp_mass, total_mass` (those
 * present) × (1 + redshift) (aframe `convert_to_detector_frame`); needs a `redshift` column.
 */
export function samplesToDetectorFrame(samples: Readonly<PriorSamples>): PriorSamples {
  const z = samples.redshift;
  if (!z) throw new Error("samplesToDetectorFrame: samples need a 'redshift' column");
  const out: PriorSamples = { ...samples };
  for (const key of MASS_KEYS_SCALED_BY_REDSHIFT) {
    const m = samples[key];
    if (!m) continue;
    const scaled = new Float64Array(m.length);
    for (let i = 0; i < m.length; i++) scaled[i] = sourceToDetectorFrame(m[i], z[i]);
    out[key] = scaled;
  }
  return out;
}

function orderByDependencies(keys: string[], entries: Map<string, PriorEntry>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (k: string, path: string[]): void => {
    const s = state.get(k);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`PriorDict: circular conditional dependency ${[...path, k].join(' -> ')}`);
    state.set(k, 'visiting');
    const e = entries.get(k);
    if (!e) throw new Error(`PriorDict: '${path[path.length - 1]}' requires unknown key '${k}'`);
    if (isConstraint(e)) throw new Error(`PriorDict: '${path[path.length - 1]}' cannot be conditioned on constraint '${k}'`);
    if (isConditional(e)) for (const r of e.requires) visit(r, [...path, k]);
    state.set(k, 'done');
    order.push(k);
  };
  for (const k of keys) visit(k, []);
  return order;
}

/** A fixed parameter (bilby allows plain numbers in a PriorDict). */
export function fixed(value: number): DeltaFunction {
  return new DeltaFunction(value);
}
