/**
 * Conditional distributions whose upper bound is another key's value (bilby
 * ConditionalPowerLaw / ConditionalUniform with `condition_func = mass_condition_*`),
 * e.g. mass_2 | mass_1 ~ PowerLaw(α, m_min, mass_1).
 */
import type { Rng } from './rng.ts';
import { checkSampleCount, powerLawCdf, powerLawLogPdf, powerLawPdf, powerLawPpf, PowerLaw } from './distributions.ts';
import type { Distribution } from './distributions.ts';

export interface ConditionalDistribution {
  readonly description: string;
  /** keys whose values condition this one (they must be sampled first) */
  readonly requires: readonly string[];
  /** the distribution for fixed values of the required keys */
  condition(given: Readonly<Record<string, number>>): Distribution;
  /** one draw per row of `given` (n = length of the required columns) */
  sample(n: number, rng: Rng, given: Readonly<Record<string, ArrayLike<number>>>): Float64Array;
  prob(x: number, given: Readonly<Record<string, number>>): number;
  logProb(x: number, given: Readonly<Record<string, number>>): number;
  cdf(x: number, given: Readonly<Record<string, number>>): number;
}

function column(owner: string, key: string, n: number, given: Readonly<Record<string, ArrayLike<number>>>): ArrayLike<number> {
  const col = given[key];
  if (!col) throw new Error(`${owner}: conditioning key '${key}' is missing`);
  if (col.length !== n) throw new Error(`${owner}: conditioning column '${key}' has length ${col.length}, expected n = ${n}`);
  return col;
}

function value(owner: string, key: string, given: Readonly<Record<string, number>>): number {
  const v = given[key];
  if (typeof v !== 'number') throw new Error(`${owner}: conditioning value '${key}' is missing`);
  return v;
}

/** x | key ~ PowerLaw(α, minimum, maximum = value of `maximumKey`). */
export class ConditionalPowerLaw implements ConditionalDistribution {
  readonly description: string;
  readonly requires: readonly string[];
  constructor(readonly alpha: number, readonly minimum: number, readonly maximumKey: string) {
    if (!Number.isFinite(alpha)) throw new Error(`ConditionalPowerLaw: alpha must be finite, got ${alpha}`);
    if (!(minimum >= 0) || (alpha <= -1 && !(minimum > 0))) {
      throw new Error(`ConditionalPowerLaw: minimum must be ${alpha <= -1 ? '> 0 for alpha <= -1' : '>= 0'}, got ${minimum}`);
    }
    this.requires = [maximumKey];
    this.description = `ConditionalPowerLaw(alpha=${alpha}, minimum=${minimum}, maximum=${maximumKey})`;
  }
  condition(given: Readonly<Record<string, number>>): Distribution {
    return new PowerLaw(this.alpha, this.minimum, value(this.description, this.maximumKey, given));
  }
  sample(n: number, rng: Rng, given: Readonly<Record<string, ArrayLike<number>>>): Float64Array {
    checkSampleCount(n);
    const maxCol = column(this.description, this.maximumKey, n, given);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const b = maxCol[i];
      if (!(b >= this.minimum)) throw new Error(`${this.description}: ${this.maximumKey} = ${b} is below minimum ${this.minimum}`);
      const u = rng.uniformOpen(); // always consume one uniform per row (stream alignment)
      out[i] = b === this.minimum ? b : powerLawPpf(u, this.alpha, this.minimum, b);
    }
    return out;
  }
  prob(x: number, given: Readonly<Record<string, number>>): number {
    const b = value(this.description, this.maximumKey, given);
    return b > this.minimum ? powerLawPdf(x, this.alpha, this.minimum, b) : 0;
  }
  logProb(x: number, given: Readonly<Record<string, number>>): number {
    const b = value(this.description, this.maximumKey, given);
    return b > this.minimum ? powerLawLogPdf(x, this.alpha, this.minimum, b) : -Infinity;
  }
  cdf(x: number, given: Readonly<Record<string, number>>): number {
    const b = value(this.description, this.maximumKey, given);
    return powerLawCdf(x, this.alpha, this.minimum, b);
  }
}

/** x | key ~ Uniform(minimum, maximum = value of `maximumKey`). */
export class ConditionalUniform extends ConditionalPowerLaw {
  override readonly description: string;
  constructor(minimum: number, maximumKey: string) {
    super(0, minimum, maximumKey);
    this.description = `ConditionalUniform(minimum=${minimum}, maximum=${maximumKey})`;
  }
}
