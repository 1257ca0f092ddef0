// ONNX model builders: the training step (forward + backward + AdamW/one-cycle in one graph) and
// the deployable forward graph.
import { emitBackward, emitForward } from './autodiff.ts';
import type { Graph, Value } from './graph.ts';
import type { IoSpec } from './onnx.ts';
import { OnnxBuilder } from './onnx.ts';
import type { AdamWConfig, ScheduleConfig } from './optim.ts';
import { emitAdamWScalars, emitAdamWUpdate, emitSchedule } from './optim.ts';
import { EmitCtx } from './ops.ts';
import type { Conv2dMode } from './ops.ts';

/** A network ready for training: its graph and the values that matter. */
export interface Net {
  graph: Graph;
  input: Value;
  labels: Value;
  logits: Value;
  loss: Value;
  /** free-form description stored in checkpoints (e.g. the ResNet config) */
  config?: Record<string, unknown>;
}

export const stateNames = {
  expAvg: (p: string) => `${p}.exp_avg`,
  expAvgSq: (p: string) => `${p}.exp_avg_sq`,
  next: (n: string) => `${n}.next`,
};

export interface TrainStepModel {
  bytes: Uint8Array;
  /** all state tensors fed each step and returned as `<name>.next` */
  state: { name: string; shape: number[] }[];
}

function io(v: Value, name = v.name): IoSpec {
  return { name, elemType: 'float32', shape: v.shape };
}

/** Inputs: data, labels, state (params, buffers, AdamW moments), `step`; outputs: loss, logits, next state. */
export function buildTrainStep(net: Net, optimizer: AdamWConfig, schedule: ScheduleConfig, conv2d: Conv2dMode = false): TrainStepModel {
  const { graph } = net;
  const b = new OnnxBuilder('float32');
  const c = new EmitCtx(b, 'train', conv2d);
  emitForward(graph, c);
  const params = graph.params;
  const grads = emitBackward(graph, c, net.loss, params);
  const step = 'step';
  b.scope = 'adamw';
  const { lr, beta1 } = emitSchedule(b, step, schedule);
  const sc = emitAdamWScalars(b, step, lr, beta1, optimizer);
  const state: { name: string; shape: number[] }[] = [];
  for (const p of params) {
    const shape = p.shape as number[];
    const m = stateNames.expAvg(p.name);
    const v = stateNames.expAvgSq(p.name);
    state.push({ name: p.name, shape }, { name: m, shape }, { name: v, shape });
    emitAdamWUpdate(b, sc, p.name, grads.get(p.name)!, m, v, { p: stateNames.next(p.name), m: stateNames.next(m), v: stateNames.next(v) });
  }
  for (const buf of graph.buffers) {
    state.push({ name: buf.name, shape: buf.shape as number[] });
    const upd = c.bufferUpdates.get(buf.name) ?? buf.name;
    b.op1('Identity', [upd], {}, stateNames.next(buf.name));
  }
  b.op1('Identity', [net.loss.name], {}, 'loss');
  b.op1('Identity', [net.logits.name], {}, 'logits');
  const inputs: IoSpec[] = [io(net.input), io(net.labels),
    ...state.map((s) => ({ name: s.name, elemType: 'float32' as const, shape: s.shape })),
    { name: step, elemType: 'float32', shape: [] }];
  const outputs: IoSpec[] = [{ name: 'loss', elemType: 'float32', shape: [] }, io(net.logits, 'logits'),
    ...state.map((s) => ({ name: stateNames.next(s.name), elemType: 'float32' as const, shape: s.shape }))];
  return { bytes: b.build({ inputs, outputs, graphName: 'train_step' }), state };
}

/** Ops needed to compute `target` (in graph order). */
function opsFor(graph: Graph, target: Value): Set<number> {
  const producer = new Map<number, number>();
  graph.ops.forEach((op, i) => op.outputs.forEach((v) => producer.set(v.id, i)));
  const need = new Set<number>();
  const stack = [target];
  while (stack.length) {
    const v = stack.pop()!;
    const i = producer.get(v.id);
    if (i === undefined || need.has(i)) continue;
    need.add(i);
    stack.push(...graph.ops[i].inputs);
  }
  return need;
}

export interface ForwardModelOptions {
  /** param/buffer values; when given they become initializers, else graph inputs */
  weights?: Map<string, Float32Array>;
  inputName?: string;
  outputName?: string;
  metadata?: Record<string, string>;
  /** emit convolutions as 2-D (B, C, 1, L) convolutions (ORT's NCHWc kernels; faster for some shapes) */
  conv2d?: Conv2dMode;
}

/** The forward graph alone (inference mode), from `net.input` to `net.logits`. */
export function buildForward(net: Net, opts: ForwardModelOptions = {}): Uint8Array {
  const { graph } = net;
  const inName = opts.inputName ?? 'input';
  const outName = opts.outputName ?? 'output';
  const b = new OnnxBuilder('float32');
  const c = new EmitCtx(b, 'infer', opts.conv2d ?? false);
  if (inName !== net.input.name) b.op1('Identity', [inName], {}, net.input.name);
  const need = opsFor(graph, net.logits);
  graph.ops.forEach((op, i) => {
    if (!need.has(i)) return;
    if (!op.accepts4) op.inputs.forEach((v) => c.ensure3(v.name));
    op.forward(c);
  });
  c.ensure3(net.logits.name);
  b.op1('Identity', [net.logits.name], {}, outName);
  const stateVals = [...graph.params, ...graph.buffers];
  const inputs: IoSpec[] = [io(net.input, inName)];
  for (const v of stateVals) {
    const w = opts.weights?.get(v.name);
    if (opts.weights) {
      if (!w) throw new Error(`buildForward: no weights for '${v.name}'`);
      b.tensor(w, v.shape as number[], 'float32', v.name);
    } else inputs.push(io(v));
  }
  return b.build({ inputs, outputs: [io(net.logits, outName)], graphName: 'forward', metadata: opts.metadata });
}

/**
 * Loss, logits and d(loss)/d(param) for every param (inputs: data, labels, params, buffers) —
 * the differentiated graph without the optimizer, for gradient checks and custom optimizers.
 */
export function buildGradModel(net: Net): Uint8Array {
  const { graph } = net;
  const b = new OnnxBuilder('float32');
  const c = new EmitCtx(b, 'train');
  emitForward(graph, c);
  const params = graph.params;
  const grads = emitBackward(graph, c, net.loss, params);
  for (const p of params) b.op1('Identity', [grads.get(p.name)!], {}, `grad.${p.name}`);
  b.op1('Identity', [net.loss.name], {}, 'loss');
  b.op1('Identity', [net.logits.name], {}, 'logits');
  const inputs: IoSpec[] = [io(net.input), io(net.labels), ...params.map((p) => io(p)), ...graph.buffers.map((v) => io(v))];
  const outputs: IoSpec[] = [{ name: 'loss', elemType: 'float32', shape: [] }, io(net.logits, 'logits'),
    ...params.map((p) => io(p, `grad.${p.name}`))];
  return b.build({ inputs, outputs, graphName: 'grad' });
}
