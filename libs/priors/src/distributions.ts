/**
 * One-dimensional prior distributions with bilby semantics (reference §3): every distribution is
 * sampled by inverse CDF (`ppf` of an open uniform), `prob` is the normalised pdf (0 outside the
 * closed support [minimum, maximum]) and `logProb` its logarithm (−∞ outside).
 */
import type { Rng } from './rng.ts';
import { normalCdf, normalPpf } from './special.ts';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export interface Distribution {
  /** e.g. "PowerLaw(alpha=-2.35, minimum=5, maximum=100)" */
  readonly description: string;
  readonly minimum: number;
  readonly maximum: number;
  /** n independent draws (consumes exactly n uniforms from `rng`, in order). */
  sample(n: number, rng: Rng): Float64Array;
  prob(x: number): number;
  logProb(x: number): number;
  cdf(x: number): number;
  /** inverse CDF (bilby `rescale`) for u in [0, 1] */
  ppf(u: number): number;
}

export function checkSampleCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`sample: n must be a non-negative integer, got ${n}`);
}

function checkFiniteParam(owner: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new Error(`${owner}: ${name} must be finite, got ${v}`);
}

function checkBounds(owner: string, minimum: number, maximum: number): void {
  checkFiniteParam(owner, 'minimum', minimum);
  checkFiniteParam(owner, 'maximum', maximum);
  if (!(maximum > minimum)) throw new Error(`${owner}: maximum (${maximum}) must be > minimum (${minimum})`);
}

function checkU(owner: string, u: number): void {
  if (!(u >= 0 && u <= 1)) throw new Error(`${owner}.ppf: u must be in [0, 1], got ${u}`);
}

/** Base class: sampling by inversion, logProb = log(prob). */
export abstract class UnivariateDistribution implements Distribution {
  abstract readonly description: string;
  abstract readonly minimum: number;
  abstract readonly maximum: number;
  abstract prob(x: number): number;
  abstract cdf(x: number): number;
  abstract ppf(u: number): number;

  logProb(x: number): number {
    return Math.log(this.prob(x));
  }

  sample(n: number, rng: Rng): Float64Array {
    checkSampleCount(n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.ppf(rng.uniformOpen());
    return out;
  }

  /** prob of each element */
  probArray(xs: ArrayLike<number>): Float64Array {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = this.prob(xs[i]);
    return out;
  }

  logProbArray(xs: ArrayLike<number>): Float64Array {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = this.logProb(xs[i]);
    return out;
  }

  protected inSupport(x: number): boolean {
    return x >= this.minimum && x <= this.maximum;
  }
}

/** Uniform(a, b): pdf 1/(b − a) on [a, b]. */
export class Uniform extends UnivariateDistribution {
  readonly description: string;
  constructor(readonly minimum: number, readonly maximum: number) {
    super();
    checkBounds('Uniform', minimum, maximum);
    this.description = `Uniform(minimum=${minimum}, maximum=${maximum})`;
  }
  prob(x: number): number {
    return this.inSupport(x) ? 1 / (this.maximum - this.minimum) : 0;
  }
  cdf(x: number): number {
    return Math.min(1, Math.max(0, (x - this.minimum) / (this.maximum - this.minimum)));
  }
  ppf(u: number): number {
    checkU('Uniform', u);
    return this.minimum + u * (this.maximum - this.minimum);
  }
}

/** Sine(a=0, b=π): pdf sin(x)/(cos a − cos b) (isotropic polar angle). */
export class Sine extends UnivariateDistribution {
  readonly description: string;
  private readonly norm: number;
  constructor(readonly minimum = 0, readonly maximum = Math.PI) {
    super();
    checkBounds('Sine', minimum, maximum);
    if (minimum < 0 || maximum > Math.PI) throw new Error(`Sine: bounds must lie in [0, π], got [${minimum}, ${maximum}]`);
    this.norm = Math.cos(minimum) - Math.cos(maximum);
    this.description = `Sine(minimum=${minimum}, maximum=${maximum})`;
  }
  prob(x: number): number {
    return this.inSupport(x) ? Math.sin(x) / this.norm : 0;
  }
  cdf(x: number): number {
    if (x <= this.minimum) return 0;
    if (x >= this.maximum) return 1;
    return (Math.cos(this.minimum) - Math.cos(x)) / this.norm;
  }
  ppf(u: number): number {
    checkU('Sine', u);
    return Math.acos(Math.cos(this.minimum) - u * this.norm);
  }
}

/** Cosine(a=−π/2, b=π/2): pdf cos(x)/(sin b − sin a) (isotropic declination). */
export class Cosine extends UnivariateDistribution {
  readonly description: string;
  private readonly norm: number;
  constructor(readonly minimum = -Math.PI / 2, readonly maximum = Math.PI / 2) {
    super();
    checkBounds('Cosine', minimum, maximum);
    if (minimum < -Math.PI / 2 || maximum > Math.PI / 2) throw new Error(`Cosine: bounds must lie in [-π/2, π/2], got [${minimum}, ${maximum}]`);
    this.norm = Math.sin(maximum) - Math.sin(minimum);
    this.description = `Cosine(minimum=${minimum}, maximum=${maximum})`;
  }
  prob(x: number): number {
    return this.inSupport(x) ? Math.cos(x) / this.norm : 0;
  }
  cdf(x: number): number {
    if (x <= this.minimum) return 0;
    if (x >= this.maximum) return 1;
    return (Math.sin(x) - Math.sin(this.minimum)) / this.norm;
  }
  ppf(u: number): number {
    checkU('Cosine', u);
    return Math.asin(Math.sin(this.minimum) + u * this.norm);
  }
}

// Power-law helpers shared by PowerLaw and ConditionalPowerLaw (bounds already validated).
export function powerLawPdf(x: number, alpha: number, a: number, b: number): number {
  if (!(x >= a && x <= b)) return 0;
  if (alpha === -1) return 1 / (x * Math.log(b / a));
  const k = alpha + 1;
  return (k * x ** alpha) / (b ** k - a ** k);
}

export function powerLawLogPdf(x: number, alpha: number, a: number, b: number): number {
  if (!(x >= a && x <= b)) return -Infinity;
  if (alpha === -1) return -Math.log(x) - Math.log(Math.log(b / a));
  const k = alpha + 1;
  return Math.log(k / (b ** k - a ** k)) + alpha * Math.log(x);
}

export function powerLawCdf(x: number, alpha: number, a: number, b: number): number {
  if (x <= a) return 0;
  if (x >= b) return 1;
  if (alpha === -1) return Math.log(x / a) / Math.log(b / a);
  const k = alpha + 1;
  return (x ** k - a ** k) / (b ** k - a ** k);
}

export function powerLawPpf(u: number, alpha: number, a: number, b: number): number {
  if (alpha === -1) return a * (b / a) ** u;
  const k = alpha + 1;
  const ak = a ** k;
  const x = (ak + u * (b ** k - ak)) ** (1 / k);
  return Math.min(b, Math.max(a, x));
}

function checkPowerLaw(owner: string, alpha: number, minimum: number, maximum: number): void {
  checkFiniteParam(owner, 'alpha', alpha);
  checkBounds(owner, minimum, maximum);
  if (minimum < 0 || (alpha <= -1 && minimum <= 0)) {
    throw new Error(`${owner}: minimum must be ${alpha <= -1 ? '> 0 for alpha <= -1' : '>= 0'}, got ${minimum}`);
  }
}

/** PowerLaw(α, a, b): pdf (α+1) x^α/(b^(α+1) − a^(α+1)); α = −1: 1/(x ln(b/a)). */
export class PowerLaw extends UnivariateDistribution {
  readonly description: string;
  constructor(readonly alpha: number, readonly minimum: number, readonly maximum: number) {
    super();
    checkPowerLaw('PowerLaw', alpha, minimum, maximum);
    this.description = `PowerLaw(alpha=${alpha}, minimum=${minimum}, maximum=${maximum})`;
  }
  prob(x: number): number {
    return powerLawPdf(x, this.alpha, this.minimum, this.maximum);
  }
  override logProb(x: number): number {
    return powerLawLogPdf(x, this.alpha, this.minimum, this.maximum);
  }
  cdf(x: number): number {
    return powerLawCdf(x, this.alpha, this.minimum, this.maximum);
  }
  ppf(u: number): number {
    checkU('PowerLaw', u);
    return powerLawPpf(u, this.alpha, this.minimum, this.maximum);
  }
}

/** LogUniform(a, b) = PowerLaw(−1, a, b): pdf 1/(x ln(b/a)). */
export class LogUniform extends PowerLaw {
  override readonly description: string;
  constructor(minimum: number, maximum: number) {
    super(-1, minimum, maximum);
    this.description = `LogUniform(minimum=${minimum}, maximum=${maximum})`;
  }
}

/** Triangular(mode, a, b): linear rise on [a, mode], linear fall on [mode, b]. */
export class Triangular extends UnivariateDistribution {
  readonly description: string;
  constructor(readonly mode: number, readonly minimum: number, readonly maximum: number) {
    super();
    checkBounds('Triangular', minimum, maximum);
    if (!(mode >= minimum && mode <= maximum)) throw new Error(`Triangular: mode must be in [minimum, maximum], got ${mode}`);
    this.description = `Triangular(mode=${mode}, minimum=${minimum}, maximum=${maximum})`;
  }
  prob(x: number): number {
    const { mode, minimum: a, maximum: b } = this;
    if (!this.inSupport(x)) return 0;
    if (x < mode || (x === mode && mode > a)) return (2 * (x - a)) / ((b - a) * (mode - a));
    return (2 * (b - x)) / ((b - a) * (b - mode));
  }
  cdf(x: number): number {
    const { mode, minimum: a, maximum: b } = this;
    if (x <= a) return 0;
    if (x >= b) return 1;
    if (x <= mode) return ((x - a) * (x - a)) / ((b - a) * (mode - a));
    return 1 - ((b - x) * (b - x)) / ((b - a) * (b - mode));
  }
  ppf(u: number): number {
    checkU('Triangular', u);
    const { mode, minimum: a, maximum: b } = this;
    const split = (mode - a) / (b - a);
    if (u <= split) return a + Math.sqrt(u * (b - a) * (mode - a));
    return b - Math.sqrt((1 - u) * (b - a) * (b - mode));
  }
}

/** Gaussian(μ, σ) on ℝ. */
export class Gaussian extends UnivariateDistribution {
  readonly description: string;
  readonly minimum = -Infinity;
  readonly maximum = Infinity;
  constructor(readonly mu: number, readonly sigma: number) {
    super();
    checkFiniteParam('Gaussian', 'mu', mu);
    if (!(sigma > 0 && Number.isFinite(sigma))) throw new Error(`Gaussian: sigma must be finite and > 0, got ${sigma}`);
    this.description = `Gaussian(mu=${mu}, sigma=${sigma})`;
  }
  prob(x: number): number {
    return Math.exp(this.logProb(x));
  }
  override logProb(x: number): number {
    const t = (x - this.mu) / this.sigma;
    return -0.5 * t * t - Math.log(this.sigma) - LOG_SQRT_2PI;
  }
  cdf(x: number): number {
    return normalCdf((x - this.mu) / this.sigma);
  }
  ppf(u: number): number {
    checkU('Gaussian', u);
    return this.mu + this.sigma * normalPpf(u);
  }
}

/** LogNormal(μ, σ): ln x ~ N(μ, σ); pdf exp(−(ln x − μ)²/2σ²)/(xσ√(2π)) on (0, ∞). */
export class LogNormal extends UnivariateDistribution {
  readonly description: string;
  readonly minimum = 0;
  readonly maximum = Infinity;
  constructor(readonly mu: number, readonly sigma: number) {
    super();
    checkFiniteParam('LogNormal', 'mu', mu);
    if (!(sigma > 0 && Number.isFinite(sigma))) throw new Error(`LogNormal: sigma must be finite and > 0, got ${sigma}`);
    this.description = `LogNormal(mu=${mu}, sigma=${sigma})`;
  }
  prob(x: number): number {
    return x > 0 ? Math.exp(this.logProb(x)) : 0;
  }
  override logProb(x: number): number {
    if (!(x > 0)) return -Infinity;
    const lx = Math.log(x);
    const t = (lx - this.mu) / this.sigma;
    return -0.5 * t * t - lx - Math.log(this.sigma) - LOG_SQRT_2PI;
  }
  cdf(x: number): number {
    return x > 0 ? normalCdf((Math.log(x) - this.mu) / this.sigma) : 0;
  }
  ppf(u: number): number {
    checkU('LogNormal', u);
    return Math.exp(this.mu + this.sigma * normalPpf(u));
  }
}

/**
 * DeltaFunction(peak): a fixed value. Like bilby, `prob` is +∞ at the peak and 0 elsewhere;
 * `sample` returns the peak without consuming random numbers.
 */
export class DeltaFunction extends UnivariateDistribution {
  readonly description: string;
  readonly minimum: number;
  readonly maximum: number;
  constructor(readonly peak: number) {
    super();
    checkFiniteParam('DeltaFunction', 'peak', peak);
    this.minimum = peak;
    this.maximum = peak;
    this.description = `DeltaFunction(peak=${peak})`;
  }
  prob(x: number): number {
    return x === this.peak ? Infinity : 0;
  }
  cdf(x: number): number {
    return x >= this.peak ? 1 : 0;
  }
  ppf(u: number): number {
    checkU('DeltaFunction', u);
    return this.peak;
  }
  override sample(n: number, _rng?: Rng): Float64Array {
    checkSampleCount(n);
    return new Float64Array(n).fill(this.peak);
  }
}

/** Constraint(a, b): indicator of the OPEN interval a < x < b (bilby); never sampled. */
export class Constraint {
  readonly description: string;
  constructor(readonly minimum: number, readonly maximum: number) {
    if (Number.isNaN(minimum) || Number.isNaN(maximum) || !(maximum > minimum)) {
      throw new Error(`Constraint: need minimum < maximum, got [${minimum}, ${maximum}]`);
    }
    this.description = `Constraint(minimum=${minimum}, maximum=${maximum})`;
  }
  prob(x: number): number {
    return x > this.minimum && x < this.maximum ? 1 : 0;
  }
  logProb(x: number): number {
    return x > this.minimum && x < this.maximum ? 0 : -Infinity;
  }
}
