import { resnet1d, Trainer } from '../src/index.ts';
const width = Number(process.argv[2] ?? 16), batch = Number(process.argv[3] ?? 64), steps = Number(process.argv[4] ?? 8);
const net = resnet1d({ layers: [3, 4, 6, 3], width, length: 3072 });
const t = await Trainer.create(net, { seed: 0, threads: 1, schedule: { kind: 'oneCycle', maxLr: 1e-4, totalSteps: 1000 } });
const x = new Float32Array(batch * 2 * 3072).map(() => t.rng.normal());
const y = new Float32Array(batch).map((_, i) => i % 2);
await t.step(x, y);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
let best = Infinity;
for (let i = 0; i < steps; i++) { const c0 = cpu(); await t.step(x, y); best = Math.min(best, cpu() - c0); }
console.log(`train min cpu ms/step ${best.toFixed(0)}`);
