// Quick ORT-only timing (no PyTorch): npx tsx libs/nn/bench/quick.ts WIDTH BATCH [train|infer|both] [reps]
// Prints the median and best milliseconds per step / per inference batch over `reps` timed calls.
import { Predictor, resnet1d, Trainer } from '../src/index.ts';
import type { Conv2dMode } from '../src/ops.ts';

const width = Number(process.argv[2] ?? 16);
const batch = Number(process.argv[3] ?? 64);
const what = process.argv[4] ?? 'both';
const reps = Number(process.argv[5] ?? 12);
const threads = Number(process.env.THREADS ?? 2);
const c2env = process.env.CONV2D;
const conv2d: Conv2dMode | undefined = c2env === undefined ? undefined : c2env === 'auto' ? 'auto' : c2env === '1';
const sessionConfig = process.env.EXTRA ? (JSON.parse(process.env.EXTRA) as Record<string, string>) : undefined;
const net = resnet1d({ layers: [3, 4, 6, 3], width, length: 3072 });
const t = await Trainer.create(net, { seed: 0, threads, conv2d, sessionConfig, schedule: { kind: 'oneCycle', maxLr: 1e-4, totalSteps: 100000 } });
const x = new Float32Array(batch * 2 * 3072).map(() => t.rng.normal());
const y = new Float32Array(batch).map((_, i) => i % 2);
async function time(fn: () => Promise<unknown>): Promise<string> {
  await fn();
  await fn();
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    ms.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  ms.sort((a, b) => a - b);
  const med = ms[Math.floor(ms.length / 2)];
  return `median ${med.toFixed(1)} ms (${((1000 * batch) / med).toFixed(1)}/s) best ${ms[0].toFixed(1)} ms (${((1000 * batch) / ms[0]).toFixed(1)}/s) cpu min ${cpu[0].toFixed(0)} med ${cpu[Math.floor(cpu.length / 2)].toFixed(0)}`;
}
if (what !== 'infer') console.log(`train w${width} b${batch}: ${await time(() => t.step(x, y))}`);
if (what !== 'train') {
  const p = await Predictor.create(t.forwardModel({}, conv2d), [2, 3072], [1], { threads, sessionConfig });
  if (process.env.SAVE) console.log('saved');
  console.log(`infer w${width} b${batch}: ${await time(() => p.run(x))}`);
}
