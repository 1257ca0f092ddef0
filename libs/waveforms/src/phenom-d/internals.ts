/**
 * IMRPhenomD internals (Khan et al. 2016, arXiv:1508.07253; Husa et al. 2016, arXiv:1508.07250),
 * a port of LALSimIMRPhenomD_internals.c (LALSuite 7.26.15). These pieces are shared with
 * IMRPhenomPv2, which twists up the PhenomD (2,2) mode with its own final spin.
 *
 * Conventions (as LAL): dimensionless frequency Mf = M_sec f with M the total mass;
 * amplitude and phase coefficients assume body 1 is the heavier (chi1 belongs to it).
 *
 * Typical use (what the IMRPhenomD generator does):
 *   const model = phenomDSetup({ mass1, mass2, chi1, chi2 });          // m1 >= m2 is enforced
 *   const amp = phenomDAmplitude(Mf, model.amp);                       // A(Mf), without amp0
 *   const phi = phenomDPhase(Mf, model.phase);                         // Phi(Mf)
 *   h(f) = amp0 * amp * exp(-i (phi - t0 (Mf - MfRef) - 2 phiRef - phi(MfRef)))
 * with amp0 = 2 sqrt(5/(64 pi)) M^2 MRSUN MTSUN / distance and t0 = phenomDTimeShift(model).
 */
import { MTSUN_SI, PI } from '../constants.ts';
import { NaturalCubicSpline } from '../spline.ts';
import { taylorF2Phasing } from '../pn-phasing.ts';
import type { PNPhasing } from '../pn-phasing.ts';
import { QNM_FDAMP, QNM_FRING, QNM_SPIN } from './qnm-data.ts';

/** Mf at which the model ends (LAL f_CUT). */
export const PHENOMD_MF_CUT = 0.2;
/** Mf where the inspiral amplitude joins the intermediate one (AMP_fJoin_INS). */
export const PHENOMD_AMP_MF_JOIN_INS = 0.014;
/** Mf where the inspiral phase joins the intermediate one (PHI_fJoin_INS). */
export const PHENOMD_PHI_MF_JOIN_INS = 0.018;
/** Final spin below which LAL warns that the model may misbehave (MIN_FINAL_SPIN). */
export const PHENOMD_MIN_FINAL_SPIN = -0.717;

const PI_M_SIXTH = 0.8263074871107581; // pi^(-1/6)
const PI_THIRD = Math.pow(PI, 1 / 3);
const PI_TWO_THIRDS = PI_THIRD * PI_THIRD;
const PI_FOUR_THIRDS = PI * PI_THIRD;
const PI_FIVE_THIRDS = PI_FOUR_THIRDS * PI_THIRD;
const PI_SQ = PI * PI;

let fringSpline: NaturalCubicSpline | null = null;
let fdampSpline: NaturalCubicSpline | null = null;
function qnmSplines(): [NaturalCubicSpline, NaturalCubicSpline] {
  if (!fringSpline || !fdampSpline) {
    fringSpline = new NaturalCubicSpline(QNM_SPIN, QNM_FRING);
    fdampSpline = new NaturalCubicSpline(QNM_SPIN, QNM_FDAMP);
  }
  return [fringSpline, fdampSpline];
}

/** PN reduced spin chi_PN (Eq. 5.9 of arXiv:1107.1267), convention m1 >= m2. */
export function chiPN(eta: number, chi1: number, chi2: number): number {
  const seta = Math.sqrt(1 - 4 * eta);
  const chiS = chi1 + chi2;
  const chiA = chi1 - chi2;
  return 0.5 * (chiS * (1 - (eta * 76) / 113) + seta * chiA);
}

/** Final spin of the remnant, Eq. 3.6 of arXiv:1508.07250 (LAL FinalSpin0815), m1 >= m2. */
export function phenomDFinalSpin(eta: number, chi1: number, chi2: number): number {
  const seta = Math.sqrt(1 - 4 * eta);
  const m1 = 0.5 * (1 + seta);
  const m2 = 0.5 * (1 - seta);
  const s = m1 * m1 * chi1 + m2 * m2 * chi2;
  const eta2 = eta * eta;
  const eta3 = eta2 * eta;
  const s2 = s * s;
  const s3 = s2 * s;
  return (
    eta *
    (3.4641016151377544 -
      4.399247300629289 * eta +
      9.397292189321194 * eta2 -
      13.180949901606242 * eta3 +
      s *
        (1 / eta -
          0.0850917821418767 -
          5.837029316602263 * eta +
          (0.1014665242971878 - 2.0967746996832157 * eta) * s +
          (-1.3546806617824356 + 4.108962025369336 * eta) * s2 +
          (-0.8676969352555539 + 2.064046835273906 * eta) * s3))
  );
}

/** Radiated energy fraction E_rad/M, arXiv:1508.07250 (LAL PhenomInternal_EradRational0815), m1 >= m2. */
export function phenomDRadiatedEnergy(eta: number, chi1: number, chi2: number): number {
  const seta = Math.sqrt(1 - 4 * eta);
  const m1 = 0.5 * (1 + seta);
  const m2 = 0.5 * (1 - seta);
  const m1s = m1 * m1;
  const m2s = m2 * m2;
  const s = (m1s * chi1 + m2s * chi2) / (m1s + m2s);
  const eta2 = eta * eta;
  const eta3 = eta2 * eta;
  return (
    (eta *
      (0.055974469826360077 + 0.5809510763115132 * eta - 0.9606726679372312 * eta2 + 3.352411249771192 * eta3) *
      (1 + (-0.0030302335878845507 - 2.0066110851351073 * eta + 7.7050567802399215 * eta2) * s)) /
    (1 + (-0.6714403054720589 - 1.4756929437702908 * eta + 7.304676214885011 * eta2) * s)
  );
}

/**
 * Ringdown (fRD) and damping (fDM) frequencies in Mf units: QNM table spline at the final spin,
 * divided by the final mass fraction 1 - E_rad (LAL fring/fdamp).
 * `finalMassFraction` defaults to 1 - phenomDRadiatedEnergy(eta, chi1, chi2).
 */
export function phenomDRingdownFrequencies(
  eta: number,
  chi1: number,
  chi2: number,
  finalSpin: number,
  finalMassFraction?: number,
): { fRD: number; fDM: number } {
  if (!(finalSpin <= 1 && finalSpin >= -1)) throw new Error(`finalSpin must be in [-1, 1], got ${finalSpin}`);
  const [ring, damp] = qnmSplines();
  const mf = finalMassFraction ?? 1 - phenomDRadiatedEnergy(eta, chi1, chi2);
  return { fRD: ring.eval(finalSpin) / mf, fDM: damp.eval(finalSpin) / mf };
}

/** Options to override the remnant used by the ringdown (IMRPhenomPv2 uses its own final spin). */
export interface PhenomDRemnantOverride {
  /** Final dimensionless spin; default FinalSpin0815(eta, chi1, chi2). */
  finalSpin?: number;
  /** Final mass / total mass; default 1 - EradRational0815(eta, chi1, chi2). */
  finalMassFraction?: number;
}

/** All IMRPhenomD amplitude coefficients (IMRPhenomDAmplitudeCoefficients + AmpInsPrefactors). */
export interface PhenomDAmplitudeCoefficients {
  eta: number;
  chi1: number;
  chi2: number;
  chi: number;
  fRD: number;
  fDM: number;
  /** Mf of the merger-ringdown amplitude peak (Eq. 20 of 1508.07253); also the amplitude MRD join. */
  fmaxCalc: number;
  gamma1: number;
  gamma2: number;
  gamma3: number;
  rho1: number;
  rho2: number;
  rho3: number;
  delta0: number;
  delta1: number;
  delta2: number;
  delta3: number;
  delta4: number;
  /** sqrt(2 eta / 3) pi^{-1/6} (Eq. 17). */
  amp0: number;
  /** Inspiral amplitude prefactors of Mf^{2/3}, Mf, Mf^{4/3}, Mf^{5/3}, Mf^2, Mf^{7/3}, Mf^{8/3}, Mf^3. */
  insTwoThirds: number;
  insOne: number;
  insFourThirds: number;
  insFiveThirds: number;
  insTwo: number;
  insSevenThirds: number;
  insEightThirds: number;
  insThree: number;
}

/** All IMRPhenomD phase coefficients (IMRPhenomDPhaseCoefficients + PhiInsPrefactors + C1 connection). */
export interface PhenomDPhaseCoefficients {
  eta: number;
  etaInv: number;
  chi: number;
  fRD: number;
  fDM: number;
  sigma1: number;
  sigma2: number;
  sigma3: number;
  sigma4: number;
  beta1: number;
  beta2: number;
  beta3: number;
  alpha1: number;
  alpha2: number;
  alpha3: number;
  alpha4: number;
  alpha5: number;
  C1Int: number;
  C2Int: number;
  C1MRD: number;
  C2MRD: number;
  /** Mf where the intermediate phase joins the merger-ringdown one (0.5 fRD). */
  fMRDJoin: number;
  /** PN phasing used in the inspiral (TaylorF2 with the 3PN spin-spin term removed). */
  pn: PNPhasing;
  // Inspiral phase prefactors (PhiInsPrefactors).
  initialPhasing: number;
  pfThird: number;
  pfThirdWithLogv: number;
  pfTwoThirds: number;
  pfLogv: number;
  pfMinusThird: number;
  pfMinusTwoThirds: number;
  pfMinusOne: number;
  pfMinusFourThirds: number;
  pfMinusFiveThirds: number;
  pfOne: number;
  pfFourThirds: number;
  pfFiveThirds: number;
  pfTwo: number;
}

function fit(eta: number, eta2: number, xi: number, c: readonly number[]): number {
  // c0 + c1 eta + (c2 + c3 eta + c4 eta^2 + (c5 + c6 eta + c7 eta^2) xi + (c8 + c9 eta + c10 eta^2) xi^2) xi
  return (
    c[0] +
    c[1] * eta +
    (c[2] + c[3] * eta + c[4] * eta2 + (c[5] + c[6] * eta + c[7] * eta2) * xi + (c[8] + c[9] * eta + c[10] * eta2) * xi * xi) * xi
  );
}

// Table 5 of arXiv:1508.07253 (coefficients as in LALSimIMRPhenomD_internals.c).
const RHO1 = [3931.8979897196696, -17395.758706812805, 3132.375545898835, 343965.86092361377, -1.2162565819981997e6, -70698.00600428853, 1.383907177859705e6, -3.9662761890979446e6, -60017.52423652596, 803515.1181825735, -2.091710365941658e6];
const RHO2 = [-40105.47653771657, 112253.0169706701, 23561.696065836168, -3.476180699403351e6, 1.137593670849482e7, 754313.1127166454, -1.308476044625268e7, 3.6444584853928134e7, 596226.612472288, -7.4277901143564405e6, 1.8928977514040343e7];
const RHO3 = [83208.35471266537, -191237.7264145924, -210916.2454782992, 8.71797508352568e6, -2.6914942420669552e7, -1.9889806527362722e6, 3.0888029960154563e7, -8.390870279256162e7, -1.4535031953446497e6, 1.7063528990822166e7, -4.2748659731120914e7];
const GAMMA1 = [0.006927402739328343, 0.03020474290328911, 0.006308024337706171, -0.12074130661131138, 0.26271598905781324, 0.0034151773647198794, -0.10779338611188374, 0.27098966966891747, 0.0007374185938559283, -0.02749621038376281, 0.0733150789135702];
const GAMMA2 = [1.010344404799477, 0.0008993122007234548, 0.283949116804459, -4.049752962958005, 13.207828172665366, 0.10396278486805426, -7.025059158961947, 24.784892370130475, 0.03093202475605892, -2.6924023896851663, 9.609374464684983];
const GAMMA3 = [1.3081615607036106, -0.005537729694807678, -0.06782917938621007, -0.6689834970767117, 3.403147966134083, -0.05296577374411866, -0.9923793203111362, 4.820681208409587, -0.006134139870393713, -0.38429253308696365, 1.7561754421985984];
const V2COL = [0.8149838730507785, 2.5747553517454658, 1.1610198035496786, -2.3627771785551537, 6.771038707057573, 0.7570782938606834, -2.7256896890432474, 7.1140380397149965, 0.1766934149293479, -0.7978690983168183, 2.1162391502005153];
const ALPHA1 = [43.31514709695348, 638.6332679188081, -32.85768747216059, 2415.8938269370315, -5766.875169379177, -61.85459307173841, 2953.967762459948, -8986.29057591497, -21.571435779762044, 981.2158224673428, -3239.5664895930286];
const ALPHA2 = [-0.07020209449091723, -0.16269798450687084, -0.1872514685185499, 1.138313650449945, -2.8334196304430046, -0.17137955686840617, 1.7197549338119527, -4.539717148261272, -0.049983437357548705, 0.6062072055948309, -1.682769616644546];
const ALPHA3 = [9.5988072383479, -397.05438595557433, 16.202126189517813, -1574.8286986717037, 3600.3410843831093, 27.092429659075467, -1786.482357315139, 5152.919378666511, 11.175710130033895, -577.7999423177481, 1808.730762932043];
const ALPHA4 = [-0.02989487384493607, 1.4022106448583738, -0.07356049468633846, 0.8337006542278661, 0.2240008282397391, -0.055202870001177226, 0.5667186343606578, 0.7186931973380503, -0.015507437354325743, 0.15750322779277187, 0.21076815715176228];
const ALPHA5 = [0.9974408278363099, -0.007884449714907203, -0.059046901195591035, 1.3958712396764088, -4.516631601676276, -0.05585343136869692, 1.7516580039343603, -5.990208965347804, -0.017945336522161195, 0.5965097794825992, -2.0608879367971804];
const BETA1 = [97.89747327985583, -42.659730877489224, 153.48421037904913, -1417.0620760768954, 2752.8614143665027, 138.7406469558649, -1433.6585075135881, 2857.7418952430758, 41.025109467376126, -423.680737974639, 850.3594335657173];
const BETA2 = [-3.282701958759534, -9.051384468245866, -12.415449742258042, 55.4716447709787, -106.05109938966335, -11.953044553690658, 76.80704618365418, -155.33172948098394, -3.4129261592393263, 25.572377569952536, -54.408036707740465];
const BETA3 = [-0.000025156429818799565, 0.000019750256942201327, -0.000018370671469295915, 0.000021886317041311973, 0.00008250240316860033, 7.157371250566708e-6, -0.000055780000112270685, 0.00019142082884072178, 5.447166261464217e-6, -0.00003220610095021982, 0.00007974016714984341];
const SIGMA1 = [2096.551999295543, 1463.7493168261553, 1312.5493286098522, 18307.330017082117, -43534.1440746107, -833.2889543511114, 32047.31997183187, -108609.45037520859, 452.25136398112204, 8353.439546391714, -44531.3250037322];
const SIGMA2 = [-10114.056472621156, -44631.01109458185, -6541.308761668722, -266959.23419307504, 686328.3229317984, 3405.6372187679685, -437507.7208209015, 1.6318171307344697e6, -7462.648563007646, -114585.25177153319, 674402.4689098676];
const SIGMA3 = [22933.658273436497, 230960.00814979506, 14961.083974183695, 1.1940181342318142e6, -3.1042239693052764e6, -3038.166617199259, 1.8720322849093592e6, -7.309145012085539e6, 42738.22871475411, 467502.018616601, -3.064853498512499e6];
const SIGMA4 = [-14621.71522218357, -377812.8579387104, -9608.682631509726, -1.7108925257214056e6, 4.332924601416521e6, -22366.683262266528, -2.5019716386377467e6, 1.0274495902259542e7, -85360.30079034246, -570025.3441737515, 4.396844346849777e6];

/** Powers of Mf used by the amplitude/phase ansatze (LAL UsefulPowers). */
interface MfPowers {
  third: number;
  twoThirds: number;
  fourThirds: number;
  fiveThirds: number;
  two: number;
  sevenThirds: number;
  eightThirds: number;
  inv: number;
  mSevenSixths: number;
  mThird: number;
  mTwoThirds: number;
  mFiveThirds: number;
}

function mfPowers(x: number): MfPowers {
  const sixth = Math.pow(x, 1 / 6);
  const third = sixth * sixth;
  const twoThirds = third * third;
  const fourThirds = x * third;
  const two = x * x;
  const inv = 1 / x;
  const mSixth = 1 / sixth;
  const mThird = mSixth * mSixth;
  const mTwoThirds = mThird * mThird;
  return {
    third,
    twoThirds,
    fourThirds,
    fiveThirds: fourThirds * third,
    two,
    sevenThirds: third * two,
    eightThirds: twoThirds * two,
    inv,
    mSevenSixths: inv * mSixth,
    mThird,
    mTwoThirds,
    mFiveThirds: inv * mTwoThirds,
  };
}

/** Inspiral amplitude ansatz (Eq. 29-30 of 1508.07253), without the Mf^{-7/6} amp0 prefactor. */
function ampInsAnsatz(mf: number, p: MfPowers, a: PhenomDAmplitudeCoefficients): number {
  return (
    1 +
    p.twoThirds * a.insTwoThirds +
    p.fourThirds * a.insFourThirds +
    p.fiveThirds * a.insFiveThirds +
    p.sevenThirds * a.insSevenThirds +
    p.eightThirds * a.insEightThirds +
    mf * (a.insOne + mf * a.insTwo + p.two * a.insThree)
  );
}

/** d/dMf of the inspiral amplitude ansatz (LAL DAmpInsAnsatz, written from the prefactors). */
function dAmpInsAnsatz(p: MfPowers, a: PhenomDAmplitudeCoefficients, mf: number): number {
  return (
    ((2 / 3) * a.insTwoThirds) / p.third +
    a.insOne +
    (4 / 3) * a.insFourThirds * p.third +
    (5 / 3) * a.insFiveThirds * p.twoThirds +
    2 * a.insTwo * mf +
    (7 / 3) * a.insSevenThirds * p.fourThirds +
    (8 / 3) * a.insEightThirds * p.fiveThirds +
    3 * a.insThree * p.two
  );
}

/** Merger-ringdown amplitude ansatz, Eq. 19 of 1508.07253 (Lorentzian times exponential). */
function ampMRDAnsatz(f: number, a: PhenomDAmplitudeCoefficients): number {
  const fDMg3 = a.fDM * a.gamma3;
  const df = f - a.fRD;
  return (Math.exp((-df * a.gamma2) / fDMg3) * (fDMg3 * a.gamma1)) / (df * df + fDMg3 * fDMg3);
}

function dAmpMRDAnsatz(f: number, a: PhenomDAmplitudeCoefficients): number {
  const fDMg3 = a.fDM * a.gamma3;
  const pow2 = fDMg3 * fDMg3;
  const df = f - a.fRD;
  const expf = Math.exp((df * a.gamma2) / fDMg3);
  const s = df * df + pow2;
  return ((-2 * a.fDM * df * a.gamma3 * a.gamma1) / s - a.gamma2 * a.gamma1) / (expf * s);
}

/**
 * Amplitude coefficients for symmetric mass ratio eta and aligned spins chi1 (heavier body), chi2,
 * with the remnant from FinalSpin0815 / EradRational0815 unless overridden
 * (LAL ComputeIMRPhenomDAmplitudeCoefficients + init_amp_ins_prefactors).
 */
export function phenomDAmplitudeCoefficients(
  eta: number,
  chi1: number,
  chi2: number,
  remnant: PhenomDRemnantOverride = {},
): PhenomDAmplitudeCoefficients {
  const eta2 = eta * eta;
  const eta3 = eta2 * eta;
  const seta = Math.sqrt(1 - 4 * eta);
  const setaPlus1 = 1 + seta;
  const chi = chiPN(eta, chi1, chi2);
  const xi = -1 + chi;
  const finalSpin = remnant.finalSpin ?? phenomDFinalSpin(eta, chi1, chi2);
  const { fRD, fDM } = phenomDRingdownFrequencies(eta, chi1, chi2, finalSpin, remnant.finalMassFraction);
  const gamma1 = fit(eta, eta2, xi, GAMMA1);
  const gamma2 = fit(eta, eta2, xi, GAMMA2);
  const gamma3 = fit(eta, eta2, xi, GAMMA3);
  // Eq. 20 of 1508.07253 (with LAL's fix for gamma2 >= 1).
  const fmaxCalc = !(gamma2 > 1)
    ? Math.abs(fRD + (fDM * (-1 + Math.sqrt(1 - gamma2 * gamma2)) * gamma3) / gamma2)
    : Math.abs(fRD + (-fDM * gamma3) / gamma2);
  const chi12 = chi1 * chi1;
  const chi22 = chi2 * chi2;

  const a: PhenomDAmplitudeCoefficients = {
    eta,
    chi1,
    chi2,
    chi,
    fRD,
    fDM,
    fmaxCalc,
    gamma1,
    gamma2,
    gamma3,
    rho1: fit(eta, eta2, xi, RHO1),
    rho2: fit(eta, eta2, xi, RHO2),
    rho3: fit(eta, eta2, xi, RHO3),
    delta0: 0,
    delta1: 0,
    delta2: 0,
    delta3: 0,
    delta4: 0,
    amp0: Math.sqrt((2 / 3) * eta) * PI_M_SIXTH,
    insTwoThirds: ((-969 + 1804 * eta) * PI_TWO_THIRDS) / 672,
    insOne: ((chi1 * (81 * setaPlus1 - 44 * eta) + chi2 * (81 - 81 * seta - 44 * eta)) * PI) / 48,
    insFourThirds:
      ((-27312085.0 -
        10287648 * chi22 -
        10287648 * chi12 * setaPlus1 +
        10287648 * chi22 * seta +
        24 * (-1975055 + 857304 * chi12 - 994896 * chi1 * chi2 + 857304 * chi22) * eta +
        35371056 * eta2) *
        PI_FOUR_THIRDS) /
      8.128512e6,
    insFiveThirds:
      (PI_FIVE_THIRDS *
        (chi2 * (-285197 * (-1 + seta) + 4 * (-91902 + 1579 * seta) * eta - 35632 * eta2) +
          chi1 * (285197 * setaPlus1 - 4 * (91902 + 1579 * seta) * eta - 35632 * eta2) +
          42840 * (-1.0 + 4 * eta) * PI)) /
      32256,
    insTwo:
      -(
        PI_SQ *
        (-336 * (-3248849057.0 + 2943675504 * chi12 - 3339284256 * chi1 * chi2 + 2943675504 * chi22) * eta2 -
          324322727232 * eta3 -
          7 *
            (-177520268561 +
              107414046432 * chi22 +
              107414046432 * chi12 * setaPlus1 -
              107414046432 * chi22 * seta +
              11087290368 * (chi1 + chi2 + chi1 * seta - chi2 * seta) * PI) +
          12 *
            eta *
            (-545384828789 -
              176491177632 * chi1 * chi2 +
              202603761360 * chi22 +
              77616 * chi12 * (2610335 + 995766 * seta) -
              77287373856 * chi22 * seta +
              5841690624 * (chi1 + chi2) * PI +
              21384760320 * PI_SQ))
      ) / 6.0085960704e10,
    insSevenThirds: 0,
    insEightThirds: 0,
    insThree: 0,
  };
  a.insSevenThirds = a.rho1;
  a.insEightThirds = a.rho2;
  a.insThree = a.rho3;
  computeDeltas(a, fit(eta, eta2, xi, V2COL));
  return a;
}

/**
 * Intermediate amplitude delta_0..4 from the collocation conditions (Eqs. 21-26 of 1508.07253):
 * the quartic polynomial matches value and slope of the inspiral at f1 = 0.014 and of the
 * merger-ringdown at f3 = fmaxCalc, and the fitted value v2 at the midpoint. Solved here as a
 * 5x5 linear system (equivalent to LAL's closed-form delta*_fun expressions).
 */
function computeDeltas(a: PhenomDAmplitudeCoefficients, v2: number): void {
  const f1 = PHENOMD_AMP_MF_JOIN_INS;
  const f3 = a.fmaxCalc;
  const f2 = f1 + 0.5 * (f3 - f1);
  const p1 = mfPowers(f1);
  const v1 = ampInsAnsatz(f1, p1, a);
  const d1 = dAmpInsAnsatz(p1, a, f1);
  const v3 = ampMRDAnsatz(f3, a);
  const d2 = dAmpMRDAnsatz(f3, a);
  const row = (f: number): number[] => [1, f, f * f, f * f * f, f * f * f * f];
  const drow = (f: number): number[] => [0, 1, 2 * f, 3 * f * f, 4 * f * f * f];
  const m = [row(f1), row(f2), row(f3), drow(f1), drow(f3)];
  const rhs = [v1, v2, v3, d1, d2];
  const x = solveLinear(m, rhs);
  a.delta0 = x[0];
  a.delta1 = x[1];
  a.delta2 = x[2];
  a.delta3 = x[3];
  a.delta4 = x[4];
}

/** Gaussian elimination with partial pivoting for a small dense system. */
function solveLinear(m: number[][], b: number[]): number[] {
  const n = b.length;
  const A = m.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = A[r][n];
    for (let k = r + 1; k < n; k++) s -= A[r][k] * x[k];
    x[r] = s / A[r][r];
  }
  return x;
}

/**
 * PN phasing used by PhenomD's inspiral: TaylorF2 aligned phasing of (m1, m2, chi1, chi2) with the
 * 3PN spin-spin term removed (LAL Subtract3PNSS; PhenomD was calibrated without it).
 * Body labels are used as given (IMRPhenomPv2 calls this with its own labelling).
 */
export function phenomDPNPhasing(m1: number, m2: number, chi1: number, chi2: number): PNPhasing {
  const pn = taylorF2Phasing(m1, m2, chi1, chi2);
  const M = m1 + m2;
  const eta = (m1 * m2) / (M * M);
  const m1M = m1 / M;
  const m2M = m2 / M;
  let ss3 = (326.75 / 1.12 + (557.5 / 1.8) * eta) * eta * chi1 * chi2;
  ss3 += (4703.5 / 8.4 + (2935 / 6) * m1M - 120 * m1M * m1M + (-4108.25 / 6.72 - (108.5 / 1.2) * m1M + (125.5 / 3.6) * m1M * m1M)) * m1M * m1M * chi1 * chi1;
  ss3 += (4703.5 / 8.4 + (2935 / 6) * m2M - 120 * m2M * m2M + (-4108.25 / 6.72 - (108.5 / 1.2) * m2M + (125.5 / 3.6) * m2M * m2M)) * m2M * m2M * chi2 * chi2;
  pn.v[6] -= ss3 * pn.v[0];
  return pn;
}

/**
 * Phase coefficients (LAL ComputeIMRPhenomDPhaseCoefficients + init_phi_ins_prefactors +
 * ComputeIMRPhenDPhaseConnectionCoefficients with Rholm = Taulm = 1).
 * eta, chi1 (heavier body), chi2 set the fits; `pn` is the inspiral PN phasing (phenomDPNPhasing).
 */
export function phenomDPhaseCoefficients(
  eta: number,
  chi1: number,
  chi2: number,
  pn: PNPhasing,
  remnant: PhenomDRemnantOverride = {},
): PhenomDPhaseCoefficients {
  const eta2 = eta * eta;
  const chi = chiPN(eta, chi1, chi2);
  const xi = -1 + chi;
  const finalSpin = remnant.finalSpin ?? phenomDFinalSpin(eta, chi1, chi2);
  const { fRD, fDM } = phenomDRingdownFrequencies(eta, chi1, chi2, finalSpin, remnant.finalMassFraction);
  const sigma1 = fit(eta, eta2, xi, SIGMA1);
  const sigma2 = fit(eta, eta2, xi, SIGMA2);
  const sigma3 = fit(eta, eta2, xi, SIGMA3);
  const sigma4 = fit(eta, eta2, xi, SIGMA4);
  const p: PhenomDPhaseCoefficients = {
    eta,
    etaInv: 1 / eta,
    chi,
    fRD,
    fDM,
    sigma1,
    sigma2,
    sigma3,
    sigma4,
    beta1: fit(eta, eta2, xi, BETA1),
    beta2: fit(eta, eta2, xi, BETA2),
    beta3: fit(eta, eta2, xi, BETA3),
    alpha1: fit(eta, eta2, xi, ALPHA1),
    alpha2: fit(eta, eta2, xi, ALPHA2),
    alpha3: fit(eta, eta2, xi, ALPHA3),
    alpha4: fit(eta, eta2, xi, ALPHA4),
    alpha5: fit(eta, eta2, xi, ALPHA5),
    C1Int: 0,
    C2Int: 0,
    C1MRD: 0,
    C2MRD: 0,
    fMRDJoin: 0.5 * fRD,
    pn,
    initialPhasing: pn.v[5] - PI / 4,
    pfTwoThirds: pn.v[7] * PI_TWO_THIRDS,
    pfThird: pn.v[6] * PI_THIRD,
    pfThirdWithLogv: pn.vlogv[6] * PI_THIRD,
    pfLogv: pn.vlogv[5],
    pfMinusThird: pn.v[4] / PI_THIRD,
    pfMinusTwoThirds: pn.v[3] / PI_TWO_THIRDS,
    pfMinusOne: pn.v[2] / PI,
    pfMinusFourThirds: pn.v[1] / PI_FOUR_THIRDS,
    pfMinusFiveThirds: pn.v[0] / PI_FIVE_THIRDS,
    pfOne: sigma1,
    pfFourThirds: sigma2 * 0.75,
    pfFiveThirds: sigma3 * 0.6,
    pfTwo: sigma4 * 0.5,
  };
  // C1 continuity at the inspiral/intermediate join.
  const fIns = PHENOMD_PHI_MF_JOIN_INS;
  const dPhiIns = dPhiInsAnsatz(fIns, p);
  const dPhiInt = (p.beta1 + p.beta3 / (fIns * fIns * fIns * fIns) + p.beta2 / fIns) * p.etaInv;
  p.C2Int = dPhiIns - dPhiInt;
  p.C1Int = phiInsAnsatz(fIns, mfPowers(fIns), p) - p.etaInv * phiIntAnsatz(fIns, p) - p.C2Int * fIns;
  // C1 continuity at the intermediate/merger-ringdown join.
  const fj = p.fMRDJoin;
  const phiIntTemp = p.etaInv * phiIntAnsatz(fj, p) + p.C1Int + p.C2Int * fj;
  const dPhiIntTemp = p.C2Int + (p.beta1 + p.beta3 / (fj * fj * fj * fj) + p.beta2 / fj) * p.etaInv;
  p.C2MRD = dPhiIntTemp - phenomDPhaseDerivativeMRD(fj, p);
  p.C1MRD = phiIntTemp - p.etaInv * phiMRDAnsatz(fj, p) - p.C2MRD * fj;
  return p;
}

/** Inspiral phase (Eqs. 27-28 of 1508.07253): TaylorF2 plus the calibrated sigma terms. */
function phiInsAnsatz(mf: number, pw: MfPowers, p: PhenomDPhaseCoefficients): number {
  const v = pw.third * PI_THIRD;
  const logv = Math.log(v);
  return (
    p.initialPhasing +
    p.pfTwoThirds * pw.twoThirds +
    p.pfThird * pw.third +
    p.pfThirdWithLogv * logv * pw.third +
    p.pfLogv * logv +
    p.pfMinusThird * pw.mThird +
    p.pfMinusTwoThirds * pw.mTwoThirds +
    p.pfMinusOne * pw.inv +
    p.pfMinusFourThirds / pw.fourThirds +
    p.pfMinusFiveThirds * pw.mFiveThirds +
    (p.pfOne * mf + p.pfFourThirds * pw.fourThirds + p.pfFiveThirds * pw.fiveThirds + p.pfTwo * pw.two) * p.etaInv
  );
}

/** d/dMf of the inspiral phase (LAL DPhiInsAnsatzInt). */
function dPhiInsAnsatz(mf: number, p: PhenomDPhaseCoefficients): number {
  const pn = p.pn;
  const v = Math.cbrt(PI * mf);
  const logv = Math.log(v);
  const v2 = v * v;
  const v3 = v * v2;
  const v4 = v * v3;
  const v5 = v * v4;
  const v6 = v * v5;
  const v7 = v * v6;
  const v8 = v * v7;
  let d = 0;
  d += 2 * pn.v[7] * v7;
  d += (pn.v[6] + pn.vlogv[6] * (1 + logv)) * v6;
  d += pn.vlogv[5] * v5;
  d += -1 * pn.v[4] * v4;
  d += -2 * pn.v[3] * v3;
  d += -3 * pn.v[2] * v2;
  d += -4 * pn.v[1] * v;
  d += -5 * pn.v[0];
  d /= v8 * 3;
  d *= PI;
  d += (p.sigma1 + (p.sigma2 * v) / PI_THIRD + (p.sigma3 * v2) / PI_TWO_THIRDS + (p.sigma4 / PI) * v3) * p.etaInv;
  return d;
}

/** Intermediate phase ansatz (Eq. 16 of 1508.07253), without the 1/eta factor. */
function phiIntAnsatz(mf: number, p: PhenomDPhaseCoefficients): number {
  return p.beta1 * mf - p.beta3 / (3 * mf * mf * mf) + p.beta2 * Math.log(mf);
}

/** Merger-ringdown phase ansatz (Eq. 14 of 1508.07253), without the 1/eta factor. */
function phiMRDAnsatz(f: number, p: PhenomDPhaseCoefficients): number {
  const sq = Math.sqrt(f);
  const f075 = Math.sqrt(f * sq);
  return -(p.alpha2 / f) + (4 / 3) * (p.alpha3 * f075) + p.alpha1 * f + p.alpha4 * Math.atan((f - p.alpha5 * p.fRD) / p.fDM);
}

/** d/dMf of the merger-ringdown phase including 1/eta (LAL DPhiMRD with Rholm = Taulm = 1). */
export function phenomDPhaseDerivativeMRD(f: number, p: PhenomDPhaseCoefficients): number {
  const x = f - p.alpha5 * p.fRD;
  return (
    (p.alpha1 + p.alpha2 / (f * f) + p.alpha3 / Math.pow(f, 0.25) + p.alpha4 / (p.fDM * (1 + (x * x) / (p.fDM * p.fDM)))) *
    p.etaInv
  );
}

/**
 * PhenomD amplitude at one Mf (LAL IMRPhenDAmplitude): amp0 Mf^{-7/6} times the inspiral,
 * intermediate or merger-ringdown ansatz. Multiply by 2 sqrt(5/(64 pi)) M^2 MRSUN MTSUN / d for strain.
 */
export function phenomDAmplitude(mf: number, a: PhenomDAmplitudeCoefficients): number {
  const pw = mfPowers(mf);
  const pre = a.amp0 * pw.mSevenSixths;
  if (mf < PHENOMD_AMP_MF_JOIN_INS) return pre * ampInsAnsatz(mf, pw, a);
  if (mf >= a.fmaxCalc) return pre * ampMRDAnsatz(mf, a);
  const mf2 = mf * mf;
  return pre * (a.delta0 + mf * a.delta1 + mf2 * (a.delta2 + mf * a.delta3 + a.delta4 * mf2));
}

/** PhenomD phase at one Mf (LAL IMRPhenDPhase with Rholm = Taulm = 1). h ~ exp(-i phase). */
export function phenomDPhase(mf: number, p: PhenomDPhaseCoefficients): number {
  if (mf < PHENOMD_PHI_MF_JOIN_INS) return phiInsAnsatz(mf, mfPowers(mf), p);
  if (mf >= p.fMRDJoin) return p.etaInv * phiMRDAnsatz(mf, p) + p.C1MRD + p.C2MRD * mf;
  return p.etaInv * phiIntAnsatz(mf, p) + p.C1Int + p.C2Int * mf;
}

/** A fully set-up PhenomD model for one binary (masses in M_sun, m1 >= m2 after setup). */
export interface PhenomDModel {
  /** Heavier mass, lighter mass (M_sun), their spins, eta, total mass in seconds. */
  mass1: number;
  mass2: number;
  chi1: number;
  chi2: number;
  eta: number;
  mSec: number;
  amp: PhenomDAmplitudeCoefficients;
  phase: PhenomDPhaseCoefficients;
  /** Final spin used for the ringdown. */
  finalSpin: number;
}

/**
 * Set up PhenomD for (m1, m2, chi1, chi2) exactly as XLALSimIMRPhenomDGenerateFD does:
 * bodies swapped so that mass1 >= mass2, eta nudged to 0.25 within 1e-6, remnant from
 * FinalSpin0815 unless overridden. Masses in M_sun.
 */
export function phenomDSetup(
  m1In: number,
  m2In: number,
  chi1In: number,
  chi2In: number,
  remnant: PhenomDRemnantOverride = {},
): PhenomDModel {
  const swap = m1In < m2In;
  const m1 = swap ? m2In : m1In;
  const m2 = swap ? m1In : m2In;
  const chi1 = swap ? chi2In : chi1In;
  const chi2 = swap ? chi1In : chi2In;
  const M = m1 + m2;
  let eta = (m1 * m2) / (M * M);
  if (eta > 0.25 && Math.abs(eta - 0.25) <= 1e-6 * 0.25) eta = 0.25; // PhenomInternal_nudge
  if (eta > 0.25 || eta < 0) throw new Error(`symmetric mass ratio must be in [0, 0.25], got ${eta}`);
  const finalSpin = remnant.finalSpin ?? phenomDFinalSpin(eta, chi1, chi2);
  const amp = phenomDAmplitudeCoefficients(eta, chi1, chi2, { ...remnant, finalSpin });
  const pn = phenomDPNPhasing(m1, m2, chi1, chi2);
  const phase = phenomDPhaseCoefficients(eta, chi1, chi2, pn, { ...remnant, finalSpin });
  return { mass1: m1, mass2: m2, chi1, chi2, eta, mSec: M * MTSUN_SI, amp, phase, finalSpin };
}

/**
 * Linear-phase coefficient t0 = dPhi_MRD/dMf at the amplitude peak fmaxCalc (LAL: t0 = DPhiMRD(fmaxCalc)).
 * PhenomD subtracts t0 (Mf - MfRef) so that the peak of the 22 amplitude sits near t = 0.
 */
export function phenomDTimeShift(model: Pick<PhenomDModel, 'amp' | 'phase'>): number {
  return phenomDPhaseDerivativeMRD(model.amp.fmaxCalc, model.phase);
}

/**
 * Evaluate amplitude (without the distance prefactor) and phase on an array of Mf values.
 * Convenience for other models (IMRPhenomPv2); the IMRPhenomD generator uses a faster fused loop.
 */
export function phenomDAmpPhaseOnGrid(
  mf: ArrayLike<number>,
  model: Pick<PhenomDModel, 'amp' | 'phase'>,
  outAmp: Float64Array,
  outPhase: Float64Array,
): void {
  for (let i = 0; i < mf.length; i++) {
    outAmp[i] = phenomDAmplitude(mf[i], model.amp);
    outPhase[i] = phenomDPhase(mf[i], model.phase);
  }
}
