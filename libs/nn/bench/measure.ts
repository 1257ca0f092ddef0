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

/** Mean samples/s over all timed calls, and best = fastest single call (robust to intermittent load). */
async function rate(fn: () => Promise<unknown>, batch: number, seconds: number): Promise<{ mean: number; best: number }> {
  await fn();
  await fn();
  const times: number[] = [];
  const t0 = performance.now();
  for (;;) {
    const t1 = performance.now();
    await fn();
    times.push((performance.now() - t1) / 1000);
    if ((performance.now() - t0) / 1000 > seconds && times.length >= 3) {
      return { mean: (times.length * batch) / times.reduce((a, t) => a + t, 0), best: batch / Math.min(...times) };
    }
  }
}

interface Rates {
  train: number;
  infer: number;
  trainBest: number;
  inferBest: number;
}

export async function measureOrt(c: BenchCase): Promise<Rates> {
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
  return { train: train.mean, infer: infer.mean, trainBest: train.best, inferBest: infer.best };
}

async function minCpuMs(fn: () => Promise<unknown>, reps: number): Promise<number> {
  await fn();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(c0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

/** Single-thread minimum CPU ms per step / per inference batch: robust under machine load. */
export async function measureOrtCpu(c: BenchCase): Promise<{ train: number; infer: number }> {
  const length = c.length ?? 3072;
  const net = resnet1d({ layers: c.layers, width: c.width, length });
  const trainer = await Trainer.create(net, { seed: 0, threads: 1, schedule: { kind: 'oneCycle', maxLr: 1e-4, totalSteps: 100000 } });
  const x = new Float32Array(c.batch * 2 * length).map(() => trainer.rng.normal());
  const y = new Float32Array(c.batch).map((_, i) => i % 2);
  const reps = Math.max(3, Math.round(c.seconds));
  const train = await minCpuMs(() => trainer.step(x, y), reps);
  const pred = await Predictor.create(trainer.forwardModel(), [2, length], [1], { threads: 1 });
  const infer = await minCpuMs(() => pred.run(x), reps);
  await trainer.release();
  await pred.release();
  return { train, infer };
}

export function measureTorchCpu(c: BenchCase): { train: number; infer: number } | null {
  const o = runTorch(c, true) as { train_cpu_ms: number; infer_cpu_ms: number } | null;
  return o && { train: o.train_cpu_ms, infer: o.infer_cpu_ms };
}

function runTorch(c: BenchCase, cpu: boolean): unknown {
  if (!existsSync('/usr/bin/python3')) return null;
  const script = new URL('./torch_resnet.py', import.meta.url).pathname;
  const args = [script, String(c.width), c.layers.join(','), String(c.batch), String(cpu ? 1 : c.threads), String(c.seconds), String(c.length ?? 3072)];
  if (cpu) args.push('cpu');
  const r = spawnSync('/usr/bin/python3', args, { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export function measureTorch(c: BenchCase): Rates | null {
  const o = runTorch(c, false) as { train_samples_per_s: number; infer_samples_per_s: number; train_best: number; infer_best: number } | null;
  return o && { train: o.train_samples_per_s, infer: o.infer_samples_per_s, trainBest: o.train_best, inferBest: o.infer_best };
}

export async function benchCase(c: BenchCase & { cpu?: boolean }): Promise<Record<string, unknown>> {
  const ort = await measureOrt(c);
  const torch = measureTorch(c);
  const out: Record<string, unknown> = {
    width: c.width, layers: c.layers, batch: c.batch, threads: c.threads,
    train_samples_per_s: round(ort.train), infer_samples_per_s: round(ort.infer),
    train_best_samples_per_s: round(ort.trainBest), infer_best_samples_per_s: round(ort.inferBest),
  };
  if (torch) {
    out.torch_train_samples_per_s = round(torch.train);
    out.torch_infer_samples_per_s = round(torch.infer);
    out.torch_train_best_samples_per_s = round(torch.trainBest);
    out.torch_infer_best_samples_per_s = round(torch.inferBest);
    out.train_ratio = round(ort.train / torch.train, 3);
    out.infer_ratio = round(ort.infer / torch.infer, 3);
    // fastest single call of each: less sensitive to other processes loading the machine
    out.train_best_ratio = round(ort.trainBest / torch.trainBest, 3);
    out.infer_best_ratio = round(ort.inferBest / torch.inferBest, 3);
  }
  if (c.cpu) {
    // single thread, minimum CPU time per batch (ratio = torch CPU time / ours: > 1 means faster)
    const oc = await measureOrtCpu(c);
    out.cpu1_train_ms = round(oc.train);
    out.cpu1_infer_ms = round(oc.infer);
    const tc = measureTorchCpu(c);
    if (tc) {
      out.torch_cpu1_train_ms = round(tc.train);
      out.torch_cpu1_infer_ms = round(tc.infer);
      out.cpu1_train_ratio = round(tc.train / oc.train, 3);
      out.cpu1_infer_ratio = round(tc.infer / oc.infer, 3);
    }
  }
  return out;
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
