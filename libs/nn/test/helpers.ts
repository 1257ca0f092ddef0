// Shared test helpers: run a net's gradient graph on onnxruntime.
import * as ort from 'onnxruntime-node';
import type { Net } from '../src/index.ts';
import { buildGradModel, createSession } from '../src/index.ts';

export interface GradRunner {
  run(weights: Map<string, Float32Array>, x: Float32Array, y: Float32Array): Promise<{ loss: number; logits: Float32Array; grads: Map<string, Float32Array> }>;
}

export async function gradRunner(net: Net): Promise<GradRunner> {
  const session = await createSession(buildGradModel(net), { threads: 1 });
  const sample = net.input.shape.slice(1) as number[];
  const lab = net.labels.shape.slice(1) as number[];
  return {
    async run(weights, x, y) {
      const batch = x.length / sample.reduce((a, d) => a * d, 1);
      const feeds: Record<string, ort.Tensor> = {
        [net.input.name]: new ort.Tensor('float32', x, [batch, ...sample]),
        [net.labels.name]: new ort.Tensor('float32', y, net.labels.shape[0] === 'batch' ? [batch, ...lab] : (net.labels.shape as number[])),
      };
      for (const v of [...net.graph.params, ...net.graph.buffers]) feeds[v.name] = new ort.Tensor('float32', weights.get(v.name)!, v.shape as number[]);
      const out = await session.run(feeds);
      const grads = new Map<string, Float32Array>();
      for (const p of net.graph.params) grads.set(p.name, out[`grad.${p.name}`].data as Float32Array);
      return { loss: (out.loss.data as Float32Array)[0], logits: out.logits.data as Float32Array, grads };
    },
  };
}

export function fixturePath(name: string): string {
  return new URL(`./fixtures/${name}`, import.meta.url).pathname;
}

/** max |a - b| / max|b| */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / (den || 1);
}
