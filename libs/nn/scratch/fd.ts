import { initState, resnet1d, Rng } from '../src/index.ts';
import { gradRunner } from '../test/helpers.ts';
const net = resnet1d({ layers: [1, 1], width: 4, normGroups: 2, length: 64 });
const rng = new Rng(3);
const w = initState(net.graph, rng);
const x = new Float32Array(2 * 128).map(() => rng.normal());
const y = new Float32Array([1, 0]);
const r = await gradRunner(net);
const base = await r.run(w, x, y);
const dir = new Map<string, Float32Array>(); let an = 0;
for (const p of net.graph.params) { const d = new Float32Array(w.get(p.name)!.length).map(() => rng.normal()); dir.set(p.name, d); const g = base.grads.get(p.name)!; for (let i = 0; i < d.length; i++) an += g[i] * d[i]; }
for (const eps of [1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4]) {
  const sh = (s: number) => new Map([...w].map(([k, v]) => [k, v.map((e, i) => e + s * eps * dir.get(k)![i])]));
  const fd = ((await r.run(sh(1), x, y)).loss - (await r.run(sh(-1), x, y)).loss) / (2 * eps);
  console.log(eps, fd, an);
}
