// The ResNet1D against PyTorch (fixtures from test/fixtures/gen_torch_ref.py, torch float64):
// logits, loss, every parameter gradient, and the losses of AdamW + OneCycleLR steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readSafetensors, resnet1d, Trainer } from '../src/index.ts';
import { fixturePath, gradRunner, relErr } from './helpers.ts';

interface Ref {
  config: { inChannels: number; length: number; layers: number[]; width: number; kernelSize: number; normGroups: number };
  batch: number;
  x: number[];
  y: number[];
  logits: number[];
  loss: number;
  grads: Record<string, number[]>;
  train: { maxLr: number; totalSteps: number; pctStart: number; weightDecay: number; losses: number[] };
}
const ref = JSON.parse(readFileSync(fixturePath('resnet_ref.json'), 'utf8')) as Ref;
const weightsFile = readSafetensors(fixturePath('resnet_ref.safetensors'));
const weights = new Map([...weightsFile.tensors].map(([k, v]) => [k, v.data]));

test('state_dict names and shapes match the PyTorch model', () => {
  const net = resnet1d(ref.config);
  const ours = [...net.graph.params].map((p) => `${p.name}:${p.shape.join('x')}`).sort();
  const theirs = [...weightsFile.tensors].map(([k, v]) => `${k}:${v.shape.join('x')}`).sort();
  assert.deepEqual(ours, theirs);
});

test('logits, loss and all gradients match torch (float64 reference; float32 here)', async () => {
  const net = resnet1d(ref.config);
  const r = await gradRunner(net);
  const out = await r.run(weights, Float32Array.from(ref.x), Float32Array.from(ref.y));
  // float32 forward through 12 conv/norm layers: measured 3.5e-6 relative; allow 2e-5
  assert.ok(relErr(out.logits, ref.logits) < 2e-5, `logits ${out.logits} vs ${ref.logits}`);
  assert.ok(Math.abs(out.loss - ref.loss) < 1e-5, `loss ${out.loss} vs ${ref.loss}`);
  for (const [name, g] of Object.entries(ref.grads)) {
    const e = relErr(out.grads.get(name)!, g);
    // relative to the tensor largest gradient entry; measured <= 1.6e-6
    assert.ok(e < 2e-5, `grad ${name}: rel err ${e}`);
  }
});

test('AdamW + OneCycleLR training losses follow torch', async () => {
  const net = resnet1d(ref.config);
  const t = ref.train;
  const tr = await Trainer.create(net, {
    seed: 0, threads: 1, optimizer: { weightDecay: t.weightDecay },
    schedule: { kind: 'oneCycle', maxLr: t.maxLr, totalSteps: t.totalSteps, pctStart: t.pctStart },
  });
  tr.setWeights(new Map([...weights].map(([k, v]) => [k, { data: v }])));
  const x = Float32Array.from(ref.x);
  const y = Float32Array.from(ref.y);
  for (let k = 0; k < t.losses.length; k++) {
    const { loss } = await tr.step(x, y);
    // float32 vs float64: measured <= 6e-7 relative over 6 steps; allow 1e-5
    assert.ok(Math.abs(loss - t.losses[k]) < 1e-5 * Math.abs(t.losses[k]), `step ${k}: ${loss} vs ${t.losses[k]}`);
  }
});
