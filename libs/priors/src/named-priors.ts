/**
 * The named priors of aframe's `libs/priors/priors/priors.py` (reference §3) and a registry.
 * Each returns a PriorDict whose `detectorFrame` says whether sampled masses are detector-frame;
 * when false use `prior.toDetectorFrame(samples)` (masses × (1 + z)) before generating waveforms.
 */
import { componentsToChirpMassMassRatio } from '@aframe/waveforms';
import { ConditionalPowerLaw, ConditionalUniform } from './conditional.ts';
import { UniformComovingVolume, UniformSourceFrame } from './cosmological.ts';
import type { FlatLambdaCDM } from './cosmology.ts';
import { Constraint, Cosine, Gaussian, LogNormal, PowerLaw, Sine, Triangular, Uniform } from './distributions.ts';
import { PriorDict, fixed } from './prior-dict.ts';
import type { PriorEntry, PriorSamples } from './prior-dict.ts';

const TWO_PI = 2 * Math.PI;

export interface NamedPriorOptions {
  /** default: planck15 */
  cosmology?: FlatLambdaCDM;
}

/**
 * aframe `mass_constraints`: adds `mass_ratio = m2/m1` and `chirp_mass` (conversion from
 * @aframe/waveforms); rows with a non-positive mass get NaN (fail every constraint).
 */
export function massConstraints(samples: Readonly<PriorSamples>): PriorSamples {
  const m1 = samples.mass_1;
  const m2 = samples.mass_2;
  if (!m1 || !m2) return { ...samples };
  const n = m1.length;
  const q = new Float64Array(n);
  const mc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (m1[i] > 0 && m2[i] > 0) {
      const r = componentsToChirpMassMassRatio(m1[i], m2[i]);
      q[i] = r.massRatio;
      mc[i] = r.chirpMass;
    } else {
      q[i] = NaN;
      mc[i] = NaN;
    }
  }
  return { ...samples, mass_ratio: q, chirp_mass: mc };
}

function uniformExtrinsic(): [string, PriorEntry][] {
  return [
    ['dec', new Cosine()],
    ['ra', new Uniform(0, TWO_PI)],
    ['theta_jn', new Sine()],
    ['phase', new Uniform(0, TWO_PI)],
  ];
}

function uniformSpin(aMax = 0.998): [string, PriorEntry][] {
  return [
    ['psi', new Uniform(0, Math.PI)],
    ['a_1', new Uniform(0, aMax)],
    ['a_2', new Uniform(0, aMax)],
    ['tilt_1', new Sine()],
    ['tilt_2', new Sine()],
    ['phi_12', new Uniform(0, TWO_PI)],
    ['phi_jl', new Uniform(0, TWO_PI)],
  ];
}

/**
 * End-of-O3 Rates & Populations BBH prior (aframe's BBH default; SOURCE-frame masses):
 * m1 ~ PowerLaw(−2.35, 5, 100), m2 | m1 ~ PowerLaw(1, 5, m1), z ~ UniformComovingVolume(0, 2),
 * isotropic spins a ≤ 0.998, isotropic orientation and sky.
 */
export function endO3RatesAndPops(opts: NamedPriorOptions = {}): PriorDict {
  return new PriorDict(
    [
      ...uniformExtrinsic(),
      ['mass_1', new PowerLaw(-2.35, 5, 100)],
      ['mass_2', new ConditionalPowerLaw(1, 5, 'mass_1')],
      ['redshift', new UniformComovingVolume(0, 2, { cosmology: opts.cosmology })],
      ...uniformSpin(0.998),
    ],
    { detectorFrame: false, name: 'end_o3_ratesandpops' },
  );
}

/**
 * End-of-O3 BNS prior (SOURCE-frame): m1 ~ Triangular(mode 2.5, 1, 2.5), m2 | m1 ~ Uniform(1, m1),
 * z ~ UniformSourceFrame(0, 0.15), a ≤ 0.4.
 */
export function endO3RatesAndPopsBns(opts: NamedPriorOptions = {}): PriorDict {
  return new PriorDict(
    [
      ...uniformExtrinsic(),
      ['mass_1', new Triangular(2.5, 1, 2.5)],
      ['mass_2', new ConditionalUniform(1, 'mass_1')],
      ['redshift', new UniformSourceFrame(0, 0.15, { cosmology: opts.cosmology })],
      ...uniformSpin(0.4),
    ],
    { detectorFrame: false, name: 'end_o3_ratesandpops_bns' },
  );
}

/**
 * Non-spinning BBH (DETECTOR-frame): m1, m2 ~ Uniform(5, 100), z ~ UniformSourceFrame(0, 0.5),
 * spins and psi fixed to 0. `mass_ratio = Constraint(0, 1)` is declared but, as in aframe (no
 * conversion function), not enforced: m2 may exceed m1.
 */
export function nonspinBbh(opts: NamedPriorOptions = {}): PriorDict {
  return new PriorDict(
    [
      ...uniformExtrinsic(),
      ['mass_1', new Uniform(5, 100)],
      ['mass_2', new Uniform(5, 100)],
      ['mass_ratio', new Constraint(0, 1)],
      ['redshift', new UniformSourceFrame(0, 0.5, { cosmology: opts.cosmology })],
      ['psi', fixed(0)],
      ['a_1', fixed(0)],
      ['a_2', fixed(0)],
      ['tilt_1', fixed(0)],
      ['tilt_2', fixed(0)],
      ['phi_12', fixed(0)],
      ['phi_jl', fixed(0)],
    ],
    { detectorFrame: true, name: 'nonspin_bbh' },
  );
}

/** As `nonspinBbh` but a_1, a_2 ~ Uniform(0, 0.998), tilts ~ Sine (psi, phi_12, phi_jl = 0). */
export function spinBbh(opts: NamedPriorOptions = {}): PriorDict {
  return new PriorDict(
    [
      ...uniformExtrinsic(),
      ['mass_1', new Uniform(5, 100)],
      ['mass_2', new Uniform(5, 100)],
      ['mass_ratio', new Constraint(0, 1)],
      ['redshift', new UniformSourceFrame(0, 0.5, { cosmology: opts.cosmology })],
      ['psi', fixed(0)],
      ['a_1', new Uniform(0, 0.998)],
      ['a_2', new Uniform(0, 0.998)],
      ['tilt_1', new Sine()],
      ['tilt_2', new Sine()],
      ['phi_12', fixed(0)],
      ['phi_jl', fixed(0)],
    ],
    { detectorFrame: true, name: 'spin_bbh' },
  );
}

function checkMassArgs(owner: string, m1: number, m2: number, sigma: number): void {
  for (const [k, v] of [['m1', m1], ['m2', m2], ['sigma', sigma]] as const) {
    if (!(v > 0 && Number.isFinite(v))) throw new Error(`${owner}: ${k} must be finite and > 0, got ${v}`);
  }
}

/**
 * SOURCE-frame m1 ~ N(m1, σ), m2 ~ N(m2, σ), z ~ UniformSourceFrame(0, 2), dec ~ Cosine,
 * ra ~ Uniform(0, 2π). Conversion `massConstraints`, no constraint.
 */
export function gaussianMasses(m1: number, m2: number, sigma = 2, opts: NamedPriorOptions = {}): PriorDict {
  checkMassArgs('gaussian_masses', m1, m2, sigma);
  return new PriorDict(
    [
      ['mass_1', new Gaussian(m1, sigma)],
      ['mass_2', new Gaussian(m2, sigma)],
      ['redshift', new UniformSourceFrame(0, 2, { cosmology: opts.cosmology })],
      ['dec', new Cosine()],
      ['ra', new Uniform(0, TWO_PI)],
    ],
    { detectorFrame: false, name: `gaussian_masses(${m1}, ${m2}, ${sigma})`, conversion: massConstraints },
  );
}

/**
 * SOURCE-frame ln m1 ~ N(ln m1, σ), ln m2 ~ N(ln m2, σ), enforced `mass_ratio = m2/m1 ∈ (0.02, 1)`,
 * z ~ UniformSourceFrame(0, 2), dec ~ Cosine, ra ~ Uniform(0, 2π). Sensitive-volume target prior (σ = 0.1).
 */
export function logNormalMasses(m1: number, m2: number, sigma = 2, opts: NamedPriorOptions = {}): PriorDict {
  checkMassArgs('log_normal_masses', m1, m2, sigma);
  return new PriorDict(
    [
      ['mass_1', new LogNormal(Math.log(m1), sigma)],
      ['mass_2', new LogNormal(Math.log(m2), sigma)],
      ['mass_ratio', new Constraint(0.02, 1)],
      ['redshift', new UniformSourceFrame(0, 2, { cosmology: opts.cosmology })],
      ['dec', new Cosine()],
      ['ra', new Uniform(0, TWO_PI)],
    ],
    { detectorFrame: false, name: `log_normal_masses(${m1}, ${m2}, ${sigma})`, conversion: massConstraints },
  );
}

export interface GetPriorOptions extends NamedPriorOptions {
  /** for gaussian_masses / log_normal_masses */
  m1?: number;
  m2?: number;
  sigma?: number;
}

interface RegistryEntry {
  make: (o: GetPriorOptions) => PriorDict;
}

function massesOf(name: string, o: GetPriorOptions): [number, number] {
  if (o.m1 === undefined || o.m2 === undefined) throw new Error(`getPrior('${name}'): options m1 and m2 (solar masses) are required`);
  return [o.m1, o.m2];
}

const REGISTRY: Record<string, RegistryEntry> = {
  end_o3_ratesandpops: { make: (o) => endO3RatesAndPops(o) },
  end_o3_ratesandpops_bns: { make: (o) => endO3RatesAndPopsBns(o) },
  nonspin_bbh: { make: (o) => nonspinBbh(o) },
  spin_bbh: { make: (o) => spinBbh(o) },
  gaussian_masses: { make: (o) => gaussianMasses(...massesOf('gaussian_masses', o), o.sigma ?? 2, o) },
  log_normal_masses: { make: (o) => logNormalMasses(...massesOf('log_normal_masses', o), o.sigma ?? 2, o) },
};

/** Names accepted by `getPrior`. */
export const PRIOR_NAMES: readonly string[] = Object.keys(REGISTRY);

/** The aframe default (BBH) prior name. */
export const DEFAULT_PRIOR_NAME = 'end_o3_ratesandpops';

/**
 * A named prior. Accepts aframe's Python paths too (`priors.priors.end_o3_ratesandpops` →
 * the part after the last dot). `gaussian_masses` / `log_normal_masses` need `{ m1, m2 }`
 * (and optional `sigma`, default 2).
 */
export function getPrior(name: string, opts: GetPriorOptions = {}): PriorDict {
  const short = name.trim().split('.').pop() ?? '';
  const entry = Object.prototype.hasOwnProperty.call(REGISTRY, short) ? REGISTRY[short] : undefined;
  if (!entry) throw new Error(`getPrior: unknown prior '${name}'; known priors: ${PRIOR_NAMES.join(', ')}`);
  return entry.make(opts);
}
