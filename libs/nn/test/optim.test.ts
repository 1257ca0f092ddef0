// AdamW + one-cycle against torch.optim.AdamW + OneCycleLR (fixture from gen_torch_ref.py: a
// 7-parameter quadratic, 30 steps, weight decay 0.05, pct_start 0.115, float64 in torch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { createSession, emitAdamWScalars, emitAdamWUpdate, emitSchedule, OnnxBuilder, scheduleAt } from '../src/index.ts';
import type { ScheduleConfig } from '../src/index.ts';
import { fixturePath } from './helpers.ts';

interface Step { p: number[]; grad: number[]; lr: number; beta1: number; exp_avg: number[]; exp_avg_sq: number[]; p_next: number[] }
const ref = JSON.parse(readFileSync(fixturePath('adamw_onecycle_ref.json'), 'utf8')) as {
  a: number[]; c: number[]; p0: number[]; maxLr: number; totalSteps: number; pctStart: number; weightDecay: number; beta2: number; eps: number; steps: Step[]; final: number[];
};
const sched: ScheduleConfig = { kind: 'oneCycle', maxLr: ref.maxLr, totalSteps: ref.totalSteps, pctStart: ref.pctStart };

test('one-cycle closed form equals torch OneCycleLR lr and beta1 at every step', () => {
  ref.steps.forEach((s, k) => {
    const { lr, beta1 } = scheduleAt(sched, k);
    // both float64 evaluations of the same formula: agreement to rounding
    assert.ok(Math.abs(lr - s.lr) <= 1e-15 + 1e-12 * s.lr, `lr at ${k}: ${lr} vs ${s.lr}`);
    assert.ok(Math.abs(beta1 - s.beta1) <= 1e-12, `beta1 at ${k}: ${beta1} vs ${s.beta1}`);
  });
  // shape of the schedule: starts at max/25, peaks at max, ends at max/25/1e4
  assert.ok(Math.abs(scheduleAt(sched, 0).lr - ref.maxLr / 25) < 1e-15);
  assert.ok(Math.abs(scheduleAt(sched, ref.totalSteps - 1).lr - ref.maxLr / 25 / 1e4) < 1e-15);
});

async function optimizerSession() {
  const n = ref.p0.length;
  const b = new OnnxBuilder('float32');
  const { lr, beta1 } = emitSchedule(b, 'step', sched);
  const sc = emitAdamWScalars(b, 'step', lr, beta1, { beta2: ref.beta2, eps: ref.eps, weightDecay: ref.weightDecay });
  emitAdamWUpdate(b, sc, 'p', 'g', 'm', 'v', { p: 'p2', m: 'm2', v: 'v2' });
  b.op1('Identity', [lr], {}, 'lr');
  b.op1('Identity', [beta1], {}, 'beta1');
  const vec = (name: string) => ({ name, elemType: 'float32' as const, shape: [n] });
  const bytes = b.build({
    inputs: [vec('p'), vec('g'), vec('m'), vec('v'), { name: 'step', elemType: 'float32', shape: [] }],
    outputs: [vec('p2'), vec('m2'), vec('v2'), { name: 'lr', elemType: 'float32', shape: [] }, { name: 'beta1', elemType: 'float32', shape: [] }],
  });
  const s = await createSession(bytes, { threads: 1 });
  const t = (a: ArrayLike<number>) => new ort.Tensor('float32', Float32Array.from(a), [n]);
  return async (p: ArrayLike<number>, g: ArrayLike<number>, m: ArrayLike<number>, v: ArrayLike<number>, k: number) => {
    const o = await s.run({ p: t(p), g: t(g), m: t(m), v: t(v), step: new ort.Tensor('float32', new Float32Array([k]), []) });
    return { p: o.p2.data as Float32Array, m: o.m2.data as Float32Array, v: o.v2.data as Float32Array, lr: (o.lr.data as Float32Array)[0], beta1: (o.beta1.data as Float32Array)[0] };
  };
}

test('ONNX AdamW step reproduces each torch step from torch state (float32)', async () => {
  const run = await optimizerSession();
  for (let k = 0; k < ref.steps.length; k++) {
    const s = ref.steps[k];
    const o = await run(s.p, s.grad, s.exp_avg, s.exp_avg_sq, k);
    assert.ok(Math.abs(o.lr - s.lr) <= 1e-6 * s.lr, `graph lr at ${k}`);
    assert.ok(Math.abs(o.beta1 - s.beta1) <= 1e-6, `graph beta1 at ${k}`);
    for (let i = 0; i < s.p.length; i++) {
      // update magnitude <= lr; float32 rounding of p (~1e-7 |p|) plus 1e-4 of the step
      const tol = 2e-7 * Math.abs(s.p_next[i]) + 1e-4 * s.lr;
      assert.ok(Math.abs(o.p[i] - s.p_next[i]) <= tol, `step ${k} p[${i}]: ${o.p[i]} vs ${s.p_next[i]}`);
    }
  }
});

test('ONNX AdamW iterated 30 steps on the quadratic ends where torch ends', async () => {
  const run = await optimizerSession();
  const n = ref.p0.length;
  let p: Float32Array = Float32Array.from(ref.p0);
  let m: Float32Array = new Float32Array(n);
  let v: Float32Array = new Float32Array(n);
  for (let k = 0; k < ref.totalSteps; k++) {
    const g = p.map((pi, i) => ref.a[i] * (pi - ref.c[i]));
    ({ p, m, v } = await run(p, g, m, v, k));
  }
  for (let i = 0; i < n; i++) assert.ok(Math.abs(p[i] - ref.final[i]) < 1e-5, `p[${i}] ${p[i]} vs ${ref.final[i]}`);
});
