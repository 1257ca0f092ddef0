import { resnet1d, Trainer, Predictor } from '../src/index.ts';
const width = Number(process.argv[2] ?? 16), batch = Number(process.argv[3] ?? 32), steps = Number(process.argv[4] ?? 5), threads = Number(process.argv[5] ?? 1);
const net = resnet1d({ layers: [3, 4, 6, 3], width, length: 3072 });
const t = await Trainer.create(net, { seed: 0, threads: 1, schedule: { kind: 'oneCycle', maxLr: 1e-4, totalSteps: 1000 } });
const x = new Float32Array(batch * 2 * 3072).map(() => t.rng.normal());
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
for (const c2d of ['auto', true, 'auto', true] as const) {
  const p = await Predictor.create(t.forwardModel({}, c2d), [2, 3072], [1], { threads });
  await p.run(x);
  let best = Infinity, bestW = Infinity;
  for (let i = 0; i < steps; i++) { const c0 = cpu(), w0 = performance.now(); await p.run(x); best = Math.min(best, cpu() - c0); bestW = Math.min(bestW, performance.now() - w0); }
  console.log(`conv2d=${c2d} infer min cpu ms ${best.toFixed(0)} min wall ${bestW.toFixed(0)}`);
}
