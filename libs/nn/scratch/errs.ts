import { readFileSync } from 'node:fs';
import { readSafetensors, resnet1d, Trainer } from '../src/index.ts';
import { fixturePath, gradRunner, relErr } from '../test/helpers.ts';
const ref = JSON.parse(readFileSync(fixturePath('resnet_ref.json'), 'utf8'));
const w = new Map([...readSafetensors(fixturePath('resnet_ref.safetensors')).tensors].map(([k, v]) => [k, v.data]));
const net = resnet1d(ref.config);
const out = await (await gradRunner(net)).run(w, Float32Array.from(ref.x), Float32Array.from(ref.y));
console.log('logits', relErr(out.logits, ref.logits), 'loss', out.loss - ref.loss);
let mx = 0; for (const [n, g] of Object.entries(ref.grads)) mx = Math.max(mx, relErr(out.grads.get(n)!, g as number[]));
console.log('max grad rel', mx);
const t = ref.train;
const tr = await Trainer.create(net, { seed: 0, threads: 1, optimizer: { weightDecay: t.weightDecay }, schedule: { kind: 'oneCycle', maxLr: t.maxLr, totalSteps: t.totalSteps, pctStart: t.pctStart } });
tr.setWeights(new Map([...w].map(([k, v]) => [k, { data: v }])));
for (let k = 0; k < 6; k++) { const { loss } = await tr.step(Float32Array.from(ref.x), Float32Array.from(ref.y)); console.log(k, loss, t.losses[k], (loss - t.losses[k]) / t.losses[k]); }
