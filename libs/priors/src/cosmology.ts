/**
 * Flat ΛCDM cosmology with photons and (massive) neutrinos, following astropy's FlatLambdaCDM
 * exactly (astropy.cosmology.flrw): Ω_γ0 from T_cmb, neutrino density from the Komatsu et al.
 * (2011, ApJS 192, 18, eq. 26) fitting formula, Ω_Λ0 = 1 − Ω_m0 − Ω_γ0 − Ω_ν0, and
 * E(z) = sqrt((1+z)³ (Ω_r(z)(1+z) + Ω_m0) + Ω_Λ0) with Ω_r(z) = Ω_γ0 (1 + f_ν(z)).
 *
 * Distances in Mpc; D_C(z) = D_H ∫_0^z dz'/E(z') is tabulated lazily on a grid of step 1/128 by
 * 10-point Gauss–Legendre panels, and any z is finished with one 6-point panel from the grid node
 * below — so every call costs ~6 E(z) evaluations at quadrature accuracy (~1e-15).
 */
import { integrate, gaussLegendre } from './quadrature.ts';

// Physical constants as astropy 5.x uses them (CODATA 2018, IAU 2015).
const C_M_PER_S = 299792458;
const G_SI = 6.6743e-11;
const K_B_J_PER_K = 1.380649e-23;
const H_PLANCK = 6.62607015e-34;
const EV_J = 1.602176634e-19;
const PARSEC_M = 3.0856775814913673e16;
const MPC_M = PARSEC_M * 1e6;
/** Stefan–Boltzmann σ = 2π⁵k⁴/(15h³c²) (W m⁻² K⁻⁴). */
const SIGMA_SB = (2 * Math.PI ** 5 * K_B_J_PER_K ** 4) / (15 * H_PLANCK ** 3 * C_M_PER_S ** 2);
const K_B_EV_PER_K = K_B_J_PER_K / EV_J;
/** 4σ/c³ in cgs (g cm⁻³ K⁻⁴). */
const A_B_C2_CGS = (4 * SIGMA_SB * 1e3) / (C_M_PER_S * 100) ** 3;
/** 3/(8πG) in cgs (g s² cm⁻³). */
const CRITDENS_CONST_CGS = 3 / (8 * Math.PI * G_SI * 1e3);
/** (4/11)^(1/3), the neutrino-to-photon temperature ratio (astropy's literal). */
const TNU_OVER_TCMB = 0.7137658555036082;
/** 7/8 (4/11)^(4/3) (astropy's literal). */
const NU_PREFAC = 0.22710731766;
// Komatsu et al. fitting constants (astropy's literals).
const NU_P = 1.83;
const NU_INVP = 0.54644808743;
const NU_K = 0.3173;

export interface FlatLambdaCdmParams {
  name: string;
  /** Hubble constant, km s⁻¹ Mpc⁻¹ */
  H0: number;
  /** matter density today (incl. baryons, excl. neutrinos) */
  Om0: number;
  /** CMB temperature today, K */
  Tcmb0: number;
  /** effective number of neutrino species */
  Neff: number;
  /** neutrino masses, eV (length floor(Neff)) */
  mNuEv: readonly number[];
  /** baryon density today (informational) */
  Ob0?: number;
}

const GRID_STEP = 1 / 128;
const PANEL_ORDER = 10;
/** order of the partial panel (width < 1/128; GL error ~(h/2)^12 f^(12)/12! ≪ 1e-16) */
const PARTIAL_ORDER = 6;

export class FlatLambdaCDM {
  readonly params: Readonly<FlatLambdaCdmParams>;
  readonly Om0: number;
  readonly Ogamma0: number;
  readonly Onu0: number;
  readonly Ode0: number;
  /** critical density today, g cm⁻³ */
  readonly criticalDensity0: number;
  /** c/H0, Mpc */
  readonly hubbleDistanceMpc: number;
  /** neutrino temperature today, K */
  readonly Tnu0: number;
  private readonly nuY: number[];
  private readonly nMasslessNu: number;
  private readonly neffPerNu: number;
  /** ∫_0^{k·GRID_STEP} dz/E(z), k = 0..; grows on demand */
  private table: Float64Array = new Float64Array([0]);
  private tableLen = 1;

  constructor(params: FlatLambdaCdmParams) {
    const { H0, Om0, Tcmb0, Neff, mNuEv } = params;
    if (!(H0 > 0)) throw new Error(`FlatLambdaCDM: H0 must be > 0 km/s/Mpc, got ${H0}`);
    if (!(Om0 >= 0 && Om0 <= 1)) throw new Error(`FlatLambdaCDM: Om0 must be in [0, 1], got ${Om0}`);
    if (!(Tcmb0 >= 0)) throw new Error(`FlatLambdaCDM: Tcmb0 must be >= 0 K, got ${Tcmb0}`);
    if (!(Neff >= 0)) throw new Error(`FlatLambdaCDM: Neff must be >= 0, got ${Neff}`);
    const nNeutrinos = Math.floor(Neff);
    if (Tcmb0 > 0 && mNuEv.length !== nNeutrinos) {
      throw new Error(`FlatLambdaCDM: mNuEv must have floor(Neff) = ${nNeutrinos} entries, got ${mNuEv.length}`);
    }
    if (mNuEv.some((m) => !(m >= 0))) throw new Error(`FlatLambdaCDM: neutrino masses must be >= 0 eV, got [${mNuEv.join(', ')}]`);
    this.params = { ...params, mNuEv: [...mNuEv] };
    this.Om0 = Om0;
    this.hubbleDistanceMpc = (C_M_PER_S / 1000) / H0;
    const H0PerS = (H0 * 1000) / MPC_M;
    this.criticalDensity0 = CRITDENS_CONST_CGS * H0PerS * H0PerS;
    this.Ogamma0 = (A_B_C2_CGS * Tcmb0 ** 4) / this.criticalDensity0;
    this.Tnu0 = TNU_OVER_TCMB * Tcmb0;
    const massive = mNuEv.filter((m) => m > 0);
    this.nuY = Tcmb0 > 0 ? massive.map((m) => m / (K_B_EV_PER_K * this.Tnu0)) : [];
    this.nMasslessNu = nNeutrinos - massive.length;
    this.neffPerNu = nNeutrinos > 0 ? Neff / nNeutrinos : 0;
    this.Onu0 = Tcmb0 > 0 ? this.Ogamma0 * this.nuRelativeDensity(0) : 0;
    this.Ode0 = 1 - (Om0 + this.Ogamma0 + this.Onu0);
  }

  /** ρ_ν/ρ_γ at redshift z (astropy `nu_relative_density`, Komatsu et al. 2011 eq. 26). */
  nuRelativeDensity(z: number): number {
    if (this.nuY.length === 0) return NU_PREFAC * this.params.Neff;
    let relMass = this.nMasslessNu;
    const zp1 = 1 + z;
    for (let i = 0; i < this.nuY.length; i++) relMass += Math.pow(1 + Math.pow((NU_K * this.nuY[i]) / zp1, NU_P), NU_INVP);
    return NU_PREFAC * this.neffPerNu * relMass;
  }

  /** E(z) = H(z)/H0. */
  efunc(z: number): number {
    return 1 / this.invEfunc(z);
  }

  invEfunc(z: number): number {
    const zp1 = 1 + z;
    const Or = this.Ogamma0 * (1 + this.nuRelativeDensity(z));
    return 1 / Math.sqrt(zp1 * zp1 * zp1 * (Or * zp1 + this.Om0) + this.Ode0);
  }

  private panel(a: number, b: number, order = PANEL_ORDER): number {
    const { nodes, weights } = gaussLegendre(order);
    const c = 0.5 * (a + b);
    const h = 0.5 * (b - a);
    let s = 0;
    for (let i = 0; i < order; i++) s += weights[i] * this.invEfunc(c + h * nodes[i]);
    return s * h;
  }

  private ensureTable(k: number): void {
    if (k < this.tableLen) return;
    const newLen = Math.max(k + 1, Math.ceil(this.tableLen * 1.5), 1024);
    const t = new Float64Array(newLen);
    t.set(this.table.subarray(0, this.tableLen));
    for (let i = this.tableLen; i < newLen; i++) t[i] = t[i - 1] + this.panel((i - 1) * GRID_STEP, i * GRID_STEP);
    this.table = t;
    this.tableLen = newLen;
  }

  /** ∫_0^z dz'/E(z') (dimensionless comoving distance). */
  private integralInvE(z: number): number {
    const k = Math.floor(z / GRID_STEP);
    this.ensureTable(k);
    const zk = k * GRID_STEP;
    return zk === z ? this.table[k] : this.table[k] + this.panel(zk, z, PARTIAL_ORDER);
  }

  private checkZ(z: number, what: string): void {
    if (!(z >= 0) || !Number.isFinite(z) || z > 1e4) throw new Error(`${what}: redshift z must be finite in [0, 1e4], got ${z}`);
  }

  /** Line-of-sight comoving distance D_C(z), Mpc. */
  comovingDistance(z: number): number {
    this.checkZ(z, 'comovingDistance');
    return this.hubbleDistanceMpc * this.integralInvE(z);
  }

  /** Luminosity distance (1+z) D_C(z), Mpc (flat universe). */
  luminosityDistance(z: number): number {
    this.checkZ(z, 'luminosityDistance');
    return (1 + z) * this.hubbleDistanceMpc * this.integralInvE(z);
  }

  /** Differential comoving volume dV_c/dz/dΩ = D_H D_C² / E(z), Mpc³ sr⁻¹. */
  differentialComovingVolume(z: number): number {
    this.checkZ(z, 'differentialComovingVolume');
    const dc = this.hubbleDistanceMpc * this.integralInvE(z);
    return this.hubbleDistanceMpc * dc * dc * this.invEfunc(z);
  }

  /** d D_L/dz = D_C + (1+z) D_H / E(z), Mpc. */
  luminosityDistanceDerivative(z: number): number {
    this.checkZ(z, 'luminosityDistanceDerivative');
    return this.hubbleDistanceMpc * (this.integralInvE(z) + (1 + z) * this.invEfunc(z));
  }

  /** Source-frame volume element (dV_c/dz)/(1+z), Mpc³ sr⁻¹ (aframe `volume_element`). */
  volumeElement(z: number): number {
    return this.differentialComovingVolume(z) / (1 + z);
  }

  /** Total comoving volume within z, 4π D_C³/3, Mpc³ (flat). */
  comovingVolume(z: number): number {
    const dc = this.comovingDistance(z);
    return (4 * Math.PI * dc * dc * dc) / 3;
  }

  /** Redshift at which D_L(z) = dMpc (safeguarded Newton on the monotone D_L). */
  redshiftAtLuminosityDistance(dMpc: number): number {
    if (!(dMpc >= 0) || !Number.isFinite(dMpc)) throw new Error(`redshiftAtLuminosityDistance: dMpc must be finite and >= 0, got ${dMpc}`);
    return this.invert((z) => 1 + z, (z) => this.luminosityDistance(z), (z) => this.luminosityDistanceDerivative(z), dMpc, 'redshiftAtLuminosityDistance');
  }

  /** Redshift at which D_C(z) = dMpc. */
  redshiftAtComovingDistance(dMpc: number): number {
    if (!(dMpc >= 0) || !Number.isFinite(dMpc)) throw new Error(`redshiftAtComovingDistance: dMpc must be finite and >= 0, got ${dMpc}`);
    const dMax = this.comovingDistance(1e4);
    if (dMpc >= dMax) throw new Error(`redshiftAtComovingDistance: dMpc must be < ${dMax.toFixed(1)} Mpc (z = 1e4), got ${dMpc}`);
    return this.invert(() => 1, (z) => this.comovingDistance(z), (z) => this.hubbleDistanceMpc * this.invEfunc(z), dMpc, 'redshiftAtComovingDistance');
  }

  /**
   * Solve f(z) = target for a distance f(z) = g(z)·D_C(z) increasing in z (g = 1 or 1 + z):
   * bracket by binary search over the D_C table nodes, then safeguarded Newton.
   */
  private invert(scale: (z: number) => number, f: (z: number) => number, df: (z: number) => number, target: number, what: string): number {
    if (target === 0) return 0;
    const nodeValue = (k: number): number => scale(k * GRID_STEP) * this.hubbleDistanceMpc * this.table[k];
    let top = Math.max(this.tableLen - 1, 1);
    this.ensureTable(top);
    while (nodeValue(top) < target) {
      if (top * GRID_STEP >= 1e4) throw new Error(`${what}: target ${target} Mpc is beyond z = 1e4`);
      top = Math.min(Math.ceil(1e4 / GRID_STEP), top * 2);
      this.ensureTable(top);
    }
    let kLo = 0;
    let kHi = top;
    while (kHi - kLo > 1) {
      const mid = (kLo + kHi) >> 1;
      if (nodeValue(mid) < target) kLo = mid;
      else kHi = mid;
    }
    let lo = kLo * GRID_STEP;
    let hi = kHi * GRID_STEP;
    const vLo = nodeValue(kLo);
    const vHi = nodeValue(kHi);
    let z = lo + ((target - vLo) / (vHi - vLo)) * (hi - lo);
    for (let it = 0; it < 100; it++) {
      const g = f(z) - target;
      if (g === 0) return z;
      if (g > 0) hi = z;
      else lo = z;
      let next = z - g / df(z);
      if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - z) <= 4e-16 * Math.max(z, 1e-300) || hi - lo <= 4e-16 * hi) return next;
      z = next;
    }
    return z;
  }

  /**
   * aframe `get_astrophysical_volume`: [∫_{zMin}^{zMax} (dV_c/dz)/(1+z) dz]·Ω, Mpc³, with
   * Ω = −2π(cos θ_max − cos θ_min), θ = π/2 − dec (full sky 4π when `decRange` is omitted).
   */
  astrophysicalVolume(zMin: number, zMax: number, decRange?: readonly [number, number]): number {
    this.checkZ(zMin, 'astrophysicalVolume');
    this.checkZ(zMax, 'astrophysicalVolume');
    if (zMax < zMin) throw new Error(`astrophysicalVolume: zMax (${zMax}) must be >= zMin (${zMin})`);
    let omega = 4 * Math.PI;
    if (decRange) {
      const [decMin, decMax] = decRange;
      if (!(decMin >= -Math.PI / 2 && decMax <= Math.PI / 2 && decMin <= decMax)) {
        throw new Error(`astrophysicalVolume: decRange must satisfy -π/2 <= min <= max <= π/2, got [${decMin}, ${decMax}]`);
      }
      const thetaMax = Math.PI / 2 - decMin;
      const thetaMin = Math.PI / 2 - decMax;
      omega = -2 * Math.PI * (Math.cos(thetaMax) - Math.cos(thetaMin)) + 0; // + 0: no -0 for empty ranges
    }
    return this.volumeElementIntegral(zMin, zMax) * omega;
  }

  /** ∫_{zMin}^{zMax} (dV_c/dz)/(1+z) dz, Mpc³ sr⁻¹. */
  volumeElementIntegral(zMin: number, zMax: number): number {
    return integrate((z) => this.volumeElement(z), zMin, zMax, { epsRel: 1e-13, epsAbs: 1e-300 });
  }

  /** ∫_{zMin}^{zMax} dV_c/dz dz, Mpc³ sr⁻¹. */
  differentialComovingVolumeIntegral(zMin: number, zMax: number): number {
    return integrate((z) => this.differentialComovingVolume(z), zMin, zMax, { epsRel: 1e-13, epsAbs: 1e-300 });
  }

  /** Apply a scalar method element-wise. */
  map(fn: (z: number) => number, values: ArrayLike<number>): Float64Array {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = fn.call(this, values[i]);
    return out;
  }
}

/** astropy's Planck15 (Planck 2015 XIII, Table 4 "TT,TE,EE+lowP+lensing+ext"). */
export const planck15 = new FlatLambdaCDM({
  name: 'Planck15',
  H0: 67.74,
  Om0: 0.3075,
  Tcmb0: 2.7255,
  Neff: 3.046,
  mNuEv: [0, 0, 0.06],
  Ob0: 0.0486,
});
