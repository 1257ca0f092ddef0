// ORT profile of the training step: npx tsx libs/nn/bench/profile.ts [width] [batch] [steps] [threads] [train|infer]
// ('infer' profiles the exported forward model instead.)
// Prints the time per op type (summed over nodes, averaged over steps) from ORT's JSON profile.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Predictor, resnet1d, Trainer } from '../src/index.ts';

const width = Number(process.argv[2] ?? 16);
const batch = Number(process.argv[3] ?? 64);
const steps = Number(process.argv[4] ?? 4);
const threads = Number(process.argv[5] ?? 2);
const prefix = join(tmpdir(), `nn-prof-${process.pid}`);
const net = resnet1d({ layers: [3, 4, 6, 3], width, length: 3072 });
const infer = process.argv[6] === 'infer';
const t = await Trainer.create(net, { seed: 0, threads, profilePrefix: infer ? undefined : prefix, schedule: { kind: 'oneCycle', maxLr: 1e-4, totalSteps: 1000 } });
const x = new Float32Array(batch * 2 * 3072).map(() => t.rng.normal());
const y = new Float32Array(batch).map((_, i) => i % 2);
if (infer) {
  const p = await Predictor.create(t.forwardModel(), [2, 3072], [1], { threads, profilePrefix: prefix });
  for (let i = 0; i < steps + 1; i++) await p.run(x);
  p.session.endProfiling();
} else {
  for (let i = 0; i < steps + 1; i++) await t.step(x, y);
  t.session.endProfiling();
}
const base = `nn-prof-${process.pid}`;
const file = join(tmpdir(), readdirSync(tmpdir()).find((n) => n.startsWith(base))!);
const events = JSON.parse(readFileSync(file, 'utf8')) as { cat: string; name: string; dur: number; args?: { op_name?: string } }[];
rmSync(file);
const byOp = new Map<string, number>();
const byNode = new Map<string, number>();
const byRole = new Map<string, number>();
let total = 0;
for (const e of events) {
  if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue;
  const op = e.args?.op_name ?? '?';
  byOp.set(op, (byOp.get(op) ?? 0) + e.dur);
  byNode.set(e.name, (byNode.get(e.name) ?? 0) + e.dur);
  // node names are '<op kind>:<layer>/<fwd|bwd>/<ONNX op>__n' (see OnnxBuilder.scope)
  const m = /^(?:(\w+):[^/]*\/(fwd|bwd)|(adamw))\/(\w+)__/.exec(e.name);
  const role = m ? (m[3] ? `adamw ${m[4]}` : `${m[1]} ${m[2]} ${m[4]}`) : `other ${op}`;
  byRole.set(role, (byRole.get(role) ?? 0) + e.dur);
  total += e.dur;
}
const per = (us: number) => (us / 1000 / (steps + 1)).toFixed(1);
console.log(`kernel time per step: ${per(total)} ms`);
for (const [op, us] of [...byOp].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${op.padEnd(24)} ${per(us).padStart(8)} ms ${((100 * us) / total).toFixed(1)}%`);
console.log('by op kind / phase / ONNX op:');
for (const [r, us] of [...byRole].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${r.padEnd(40)} ${per(us).padStart(8)} ms ${((100 * us) / total).toFixed(1)}%`);
console.log('top nodes:');
for (const [n, us] of [...byNode].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 15))) console.log(`${n.padEnd(60)} ${per(us).padStart(8)} ms`);
