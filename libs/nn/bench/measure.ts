// Shared benchmark code: ResNet1D training and inference throughput on onnxruntime-node, and the
// same network in PyTorch (/usr/bin/python3 + python3-torch) measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Predictor, resnet1d, Trainer } from '../src/index.ts';

export interface BenchCase {
  width: number;
  layers: number[];
  batch: number;
  threads: number;
  seconds: number;
  length?: number;
}

async function rate(fn: () => Promise<unknown>, batch: number, seconds: number): Promise<number> {
  await fn();
  await fn();
  let n = 0;
  const t0 = performance.now();
  for (;;) {
    await fn();
    n++;
    const dt = (performance.now() - t0) / 1000;
    if (dt > seconds && n >= 3) return (n * batch) / dt;
  }
}

export async function measureOrt(c: BenchCase): Promise<{ train: number; infer: number }> {
  const length = c.length ?? 3072;
  const net = resnet1d({ layers: c.layers, width: c.width, length });
  const trainer = await Trainer.create(net, { seed: 0, threads: c.threads, schedule: { kind: 'oneCycle', maxLr: 1e-4, totalSteps: 100000 } });
  const x = new Float32Array(c.batch * 2 * length).map(() => trainer.rng.normal());
  const y = new Float32Array(c.batch).map((_, i) => i % 2);
  const train = await rate(() => trainer.step(x, y), c.batch, c.seconds);
  const pred = await Predictor.create(trainer.forwardModel(), [2, length], [1], { threads: c.threads });
  const infer = await rate(() => pred.run(x), c.batch, c.seconds);
  await trainer.release();
  await pred.release();
  return { train, infer };
}

export function measureTorch(c: BenchCase): { train: number; infer: number } | null {
  if (!existsSync('/usr/bin/python3')) return null;
  const script = new URL('./torch_resnet.py', import.meta.url).pathname;
  const r = spawnSync('/usr/bin/python3', [script, String(c.width), c.layers.join(','), String(c.batch), String(c.threads), String(c.seconds), String(c.length ?? 3072)], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const o = JSON.parse(r.stdout.trim().split('\n').pop()!) as { train_samples_per_s: number; infer_samples_per_s: number };
  return { train: o.train_samples_per_s, infer: o.infer_samples_per_s };
}

export async function benchCase(c: BenchCase): Promise<Record<string, unknown>> {
  const ort = await measureOrt(c);
  const torch = measureTorch(c);
  const out: Record<string, unknown> = {
    width: c.width, layers: c.layers, batch: c.batch, threads: c.threads,
    train_samples_per_s: round(ort.train), infer_samples_per_s: round(ort.infer),
  };
  if (torch) {
    out.torch_train_samples_per_s = round(torch.train);
    out.torch_infer_samples_per_s = round(torch.infer);
    out.train_ratio = round(ort.train / torch.train, 3);
    out.infer_ratio = round(ort.infer / torch.infer, 3);
  }
  return out;
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
