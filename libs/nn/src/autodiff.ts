// Graph-level reverse-mode differentiation: walks the ops backwards and lets each op emit its
// gradient rule as ONNX nodes; gradients reaching a value along several paths are summed.
import type { Graph, Value } from './graph.ts';
import type { EmitCtx } from './ops.ts';

/** Emits the forward pass of every op (outputs keep their value names). */
export function emitForward(graph: Graph, c: EmitCtx): void {
  for (const op of graph.ops) {
    c.b.scope = `${op.kind}:${op.layer}/fwd`;
    op.forward(c);
  }
  c.b.scope = '';
}

/**
 * Emits d(loss)/d(v) for every v in `wrt` (params or other values); returns ONNX names.
 * `emitForward` must have been called on the same context first.
 */
export function emitBackward(graph: Graph, c: EmitCtx, loss: Value, wrt: Value[]): Map<string, string> {
  if (loss.shape.length !== 0) throw new Error(`autodiff: loss '${loss.name}' must be a scalar, got shape (${loss.shape.join(', ')})`);
  const b = c.b;
  const pending = new Map<number, string[]>();
  const push = (v: Value, g: string) => {
    const list = pending.get(v.id);
    if (list) list.push(g);
    else pending.set(v.id, [g]);
  };
  const collect = (v: Value): string | null => {
    const list = pending.get(v.id);
    if (!list || list.length === 0) return null;
    if (list.length === 1) return list[0];
    const s = b.op1('Sum', list);
    pending.set(v.id, [s]);
    return s;
  };
  push(loss, b.scalarF(1));
  for (let i = graph.ops.length - 1; i >= 0; i--) {
    const op = graph.ops[i];
    const gOut = op.outputs.map(collect);
    if (gOut.every((g) => g === null)) continue;
    const need = op.inputs.map((v) => v.requiresGrad);
    if (!need.some(Boolean)) continue;
    b.scope = `${op.kind}:${op.layer}/bwd`;
    const gIn = op.backward(c, gOut, need);
    b.scope = '';
    op.inputs.forEach((v, k) => {
      const g = gIn[k];
      if (g && need[k]) push(v, g);
    });
  }
  const out = new Map<string, string>();
  for (const v of wrt) {
    let g = collect(v);
    if (!g) {
      if (v.shape.some((d) => d === 'batch')) throw new Error(`autodiff: no gradient reaches '${v.name}'`);
      g = b.op1('Expand', [b.scalarF(0), b.constI64(v.shape as number[])]);
    }
    out.set(v.name, g);
  }
  return out;
}
