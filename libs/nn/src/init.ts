// Parameter initialisation as PyTorch does it for ResNet1D: Kaiming-normal (fan_out, ReLU gain)
// for convolutions, constants for norms, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for Linear (its default).
import type { Graph, InitSpec } from './graph.ts';
import { numel } from './graph.ts';
import type { Rng } from './rng.ts';

export function initTensor(shape: number[], init: InitSpec, rng: Rng): Float32Array {
  const n = numel(shape);
  const out = new Float32Array(n);
  switch (init.kind) {
    case 'constant':
      out.fill(init.value);
      break;
    case 'uniform':
      for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * init.bound;
      break;
    case 'kaimingNormalFanOut': {
      // fan_out = out_channels * receptive field; gain sqrt(2) for ReLU
      const fanOut = shape[0] * shape.slice(2).reduce((a, d) => a * d, 1);
      const std = Math.sqrt(2 / fanOut);
      for (let i = 0; i < n; i++) out[i] = rng.normal() * std;
      break;
    }
  }
  return out;
}

/** Initial values of all params and buffers, in graph order. */
export function initState(graph: Graph, rng: Rng): Map<string, Float32Array> {
  const m = new Map<string, Float32Array>();
  for (const v of [...graph.params, ...graph.buffers]) m.set(v.name, initTensor(v.shape as number[], v.init!, rng));
  return m;
}
