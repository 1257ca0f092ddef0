import { resnet1d, Trainer } from '../src/index.ts';
const net = resnet1d({ layers: [1, 1, 1, 1], width: 8, length: 512 });
const t0 = Date.now();
const tr = await Trainer.create(net, { seed: 1, threads: 2, schedule: { kind: 'oneCycle', maxLr: 1e-3, totalSteps: 20 } });
console.log('create ms', Date.now() - t0);
const B = 4;
for (let i = 0; i < 5; i++) {
  const x = new Float32Array(B * 2 * 512).map(() => tr.rng.normal());
  const y = new Float32Array(B).map(() => (tr.rng.uniform() < 0.5 ? 1 : 0));
  const r = await tr.step(x, y);
  console.log(i, r.loss, r.logits);
}
