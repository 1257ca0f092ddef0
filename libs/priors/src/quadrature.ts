/**
 * Numerical quadrature: Gauss–Legendre rules (nodes by Newton iteration on P_n) and adaptive
 * Gauss–Kronrod (7, 15) integration with interval bisection (the QUADPACK QAG scheme).
 */

export interface GaussRule {
  /** nodes on [-1, 1], ascending */
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const ruleCache = new Map<number, GaussRule>();

/** n-point Gauss–Legendre rule on [-1, 1] (exact for polynomials of degree ≤ 2n − 1). */
export function gaussLegendre(n: number): GaussRule {
  if (!Number.isInteger(n) || n < 1 || n > 512) throw new Error(`gaussLegendre: n must be an integer in [1, 512], got ${n}`);
  const cached = ruleCache.get(n);
  if (cached) return cached;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    // Tricomi's initial guess for the i-th root, then Newton on P_n.
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      if (n === 1) p0 = 1;
      // P_n'(x) = n (x P_n − P_{n−1}) / (x² − 1)
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  ruleCache.set(n, rule);
  return rule;
}

/** ∫_a^b f with a fixed n-point Gauss–Legendre rule on `panels` equal panels. */
export function integrateFixed(f: (x: number) => number, a: number, b: number, n = 10, panels = 1): number {
  const { nodes, weights } = gaussLegendre(n);
  const h = (b - a) / panels;
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const lo = a + p * h;
    const mid = lo + h / 2;
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i] * f(mid + (h / 2) * nodes[i]);
    total += (s * h) / 2;
  }
  return total;
}

// Kronrod 15-point nodes (x ≥ 0, descending) and weights, with the embedded Gauss 7-point
// weights (QUADPACK qk15, Piessens et al. 1983).
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
];

function gk15(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let resK = fc * WGK[7];
  let resG = fc * WG[3];
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j];
    const fsum = f(c - dx) + f(c + dx);
    resK += WGK[j] * fsum;
    if (j % 2 === 1) resG += WG[(j - 1) / 2] * fsum;
  }
  return { value: resK * h, error: Math.abs((resK - resG) * h) };
}

export interface IntegrateOptions {
  /** relative tolerance on the total (default 1e-12) */
  epsRel?: number;
  /** absolute tolerance on the total (default 0) */
  epsAbs?: number;
  /** maximum number of subintervals (default 2000) */
  maxIntervals?: number;
}

/**
 * Adaptive ∫_a^b f(x) dx: G7–K15 on each subinterval, bisect the one with the largest error
 * estimate until Σ error ≤ max(epsAbs, epsRel·|∫|). Finite limits only. Throws if the
 * tolerance is not met within `maxIntervals`.
 */
export function integrate(f: (x: number) => number, a: number, b: number, opts: IntegrateOptions = {}): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new Error(`integrate: limits must be finite, got [${a}, ${b}]`);
  if (a === b) return 0;
  const epsRel = opts.epsRel ?? 1e-12;
  const epsAbs = opts.epsAbs ?? 0;
  const maxIntervals = opts.maxIntervals ?? 2000;
  const ivs: { a: number; b: number; value: number; error: number }[] = [];
  const first = gk15(f, a, b);
  ivs.push({ a, b, ...first });
  let total = first.value;
  let err = first.error;
  while (err > Math.max(epsAbs, epsRel * Math.abs(total))) {
    if (ivs.length >= maxIntervals) {
      throw new Error(`integrate: tolerance not reached on [${a}, ${b}] after ${maxIntervals} intervals (error ${err}, value ${total})`);
    }
    let worst = 0;
    for (let i = 1; i < ivs.length; i++) if (ivs[i].error > ivs[worst].error) worst = i;
    const iv = ivs[worst];
    const m = 0.5 * (iv.a + iv.b);
    if (m <= iv.a || m >= iv.b) break; // interval at floating-point resolution
    const left = gk15(f, iv.a, m);
    const right = gk15(f, m, iv.b);
    total += left.value + right.value - iv.value;
    err += left.error + right.error - iv.error;
    ivs[worst] = { a: iv.a, b: m, ...left };
    ivs.push({ a: m, b: iv.b, ...right });
  }
  // Re-sum to avoid drift from the running updates.
  let sum = 0;
  for (const iv of ivs) sum += iv.value;
  return sum;
}
