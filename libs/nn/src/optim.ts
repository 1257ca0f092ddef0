// AdamW (PyTorch semantics: decoupled weight decay, bias correction with the current beta1) and
// the one-cycle schedule (PyTorch OneCycleLR: cosine annealing, two phases, momentum cycled
// max -> base -> max), both as a closed form in TypeScript and as ONNX nodes.
import type { OnnxBuilder } from './onnx.ts';

export interface AdamWConfig {
  /** default 0.999 */
  beta2?: number;
  /** default 1e-8 */
  eps?: number;
  /** decoupled weight decay; default 0 (aframe's default) */
  weightDecay?: number;
}

export type ScheduleConfig =
  | {
      kind: 'oneCycle';
      maxLr: number;
      totalSteps: number;
      /** default 0.3 (torch); aframe uses 0.115 */
      pctStart?: number;
      divFactor?: number;
      finalDivFactor?: number;
      baseMomentum?: number;
      maxMomentum?: number;
    }
  | { kind: 'constant'; lr: number; beta1?: number };

interface OneCycleResolved {
  initialLr: number;
  maxLr: number;
  minLr: number;
  end1: number;
  end2: number;
  baseM: number;
  maxM: number;
}

function resolveOneCycle(s: Extract<ScheduleConfig, { kind: 'oneCycle' }>): OneCycleResolved {
  const pct = s.pctStart ?? 0.3;
  if (!(s.maxLr > 0)) throw new Error(`oneCycle: maxLr must be > 0, got ${s.maxLr}`);
  if (!Number.isInteger(s.totalSteps) || s.totalSteps < 2) throw new Error(`oneCycle: totalSteps must be an integer >= 2, got ${s.totalSteps}`);
  if (!(pct > 0 && pct < 1)) throw new Error(`oneCycle: pctStart must be in (0, 1), got ${pct}`);
  const end1 = pct * s.totalSteps - 1;
  const end2 = s.totalSteps - 1;
  if (!(end1 > 0 && end2 > end1)) throw new Error(`oneCycle: pctStart*totalSteps - 1 = ${end1} must lie in (0, totalSteps - 1)`);
  const initialLr = s.maxLr / (s.divFactor ?? 25);
  return {
    initialLr, maxLr: s.maxLr, minLr: initialLr / (s.finalDivFactor ?? 1e4), end1, end2,
    baseM: s.baseMomentum ?? 0.85, maxM: s.maxMomentum ?? 0.95,
  };
}

const cosAnneal = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);

/** Learning rate and beta1 used by optimizer step `step` (0-based), as torch's OneCycleLR sets them. */
export function scheduleAt(s: ScheduleConfig, step: number): { lr: number; beta1: number } {
  if (s.kind === 'constant') return { lr: s.lr, beta1: s.beta1 ?? 0.9 };
  const r = resolveOneCycle(s);
  if (step > s.totalSteps) throw new Error(`oneCycle: step ${step} beyond totalSteps ${s.totalSteps}`);
  if (step <= r.end1) {
    const pct = step / r.end1;
    return { lr: cosAnneal(r.initialLr, r.maxLr, pct), beta1: cosAnneal(r.maxM, r.baseM, pct) };
  }
  const pct = (step - r.end1) / (r.end2 - r.end1);
  return { lr: cosAnneal(r.maxLr, r.minLr, pct), beta1: cosAnneal(r.baseM, r.maxM, pct) };
}

/**
 * ONNX scalars lr and beta1 (float32) from the float scalar `step`. The schedule is evaluated in
 * float64 inside the graph: near the end of the cycle lr = min + (max-min)/2·(1+cos) cancels, and
 * float32 would lose three digits of lr there.
 */
export function emitSchedule(b: OnnxBuilder, step: string, s: ScheduleConfig): { lr: string; beta1: string } {
  if (s.kind === 'constant') return { lr: b.scalarF(s.lr), beta1: b.scalarF(s.beta1 ?? 0.9) };
  const r = resolveOneCycle(s);
  const d = (x: number) => b.tensor([x], [], 'float64');
  const k = b.op1('Cast', [step], { to: 11 });
  const anneal = (start: number, end: number, pct: string) => {
    const c = b.op1('Add', [b.op1('Cos', [b.op1('Mul', [pct, d(Math.PI)])]), d(1)]);
    return b.op1('Add', [d(end), b.op1('Mul', [c, d((start - end) / 2)])]);
  };
  const pct1 = b.op1('Div', [k, d(r.end1)]);
  const pct2 = b.op1('Div', [b.op1('Sub', [k, d(r.end1)]), d(r.end2 - r.end1)]);
  const first = b.op1('LessOrEqual', [k, d(r.end1)]);
  const lr = b.op1('Where', [first, anneal(r.initialLr, r.maxLr, pct1), anneal(r.maxLr, r.minLr, pct2)]);
  const beta1 = b.op1('Where', [first, anneal(r.maxM, r.baseM, pct1), anneal(r.baseM, r.maxM, pct2)]);
  return { lr: b.op1('Cast', [lr], { to: 1 }), beta1: b.op1('Cast', [beta1], { to: 1 }) };
}

/** Scalars shared by all parameter updates of one step. */
export interface AdamWScalars {
  beta1: string;
  oneMinusBeta1: string;
  beta2: string;
  oneMinusBeta2: string;
  /** lr / (1 - beta1^t) */
  stepSize: string;
  /** 1 / sqrt(1 - beta2^t) */
  invSqrtBc2: string;
  eps: string;
  /** 1 - lr * weightDecay, or null when weightDecay = 0 */
  decay: string | null;
}

export function emitAdamWScalars(b: OnnxBuilder, step: string, lr: string, beta1: string, cfg: AdamWConfig): AdamWScalars {
  const beta2v = cfg.beta2 ?? 0.999;
  const wd = cfg.weightDecay ?? 0;
  const one = b.scalarF(1);
  const t = b.op1('Add', [step, one]);
  const bc1 = b.op1('Sub', [one, b.op1('Pow', [beta1, t])]);
  const bc2 = b.op1('Sub', [one, b.op1('Pow', [b.scalarF(beta2v), t])]);
  return {
    beta1,
    oneMinusBeta1: b.op1('Sub', [one, beta1]),
    beta2: b.scalarF(beta2v),
    oneMinusBeta2: b.scalarF(1 - beta2v),
    stepSize: b.op1('Div', [lr, bc1]),
    invSqrtBc2: b.op1('Reciprocal', [b.op1('Sqrt', [bc2])]),
    eps: b.scalarF(cfg.eps ?? 1e-8),
    decay: wd === 0 ? null : b.op1('Sub', [one, b.op1('Mul', [lr, b.scalarF(wd)])]),
  };
}

/** One parameter's AdamW update (torch.optim.AdamW, amsgrad=False). */
export function emitAdamWUpdate(b: OnnxBuilder, s: AdamWScalars, p: string, g: string, m: string, v: string,
  out: { p: string; m: string; v: string }): void {
  const pd = s.decay ? b.op1('Mul', [p, s.decay]) : p;
  const m2 = b.op1('Add', [b.op1('Mul', [m, s.beta1]), b.op1('Mul', [g, s.oneMinusBeta1])], {}, out.m);
  const v2 = b.op1('Add', [b.op1('Mul', [v, s.beta2]), b.op1('Mul', [b.op1('Mul', [g, g]), s.oneMinusBeta2])], {}, out.v);
  const denom = b.op1('Add', [b.op1('Mul', [b.op1('Sqrt', [v2]), s.invSqrtBc2]), s.eps]);
  b.op1('Sub', [pd, b.op1('Mul', [b.op1('Div', [m2, denom]), s.stepSize])], {}, out.p);
}
