// Runtime: resume from a checkpoint, NaN handling, export (model.onnx + safetensors), a toy problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Graph, NanLossError, Predictor, readModel, readSafetensors, resnet1d, Rng, sessionOptions, Trainer } from '../src/index.ts';
import type { Net } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'aframe-nn-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const smallNet = () => resnet1d({ layers: [1, 1], width: 4, normGroups: 2, length: 128 });
const sched = { kind: 'oneCycle' as const, maxLr: 1e-2, totalSteps: 10, pctStart: 0.3 };

function randomBatch(rng: Rng, batch: number, sampleLen: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(batch * sampleLen).map(() => rng.normal());
  const y = new Float32Array(batch).map(() => (rng.uniform() < 0.5 ? 1 : 0));
  return { x, y };
}

test('resuming from step k reproduces the losses of an uninterrupted run (bitwise)', async () => {
  const ckpt = join(dir, 'resume.ckpt');
  const a = await Trainer.create(smallNet(), { seed: 9, threads: 1, schedule: sched, optimizer: { weightDecay: 0.01 } });
  const lossesA: number[] = [];
  for (let k = 0; k < 8; k++) {
    if (k === 4) a.saveCheckpoint(ckpt);
    const { x, y } = randomBatch(a.rng, 4, 256);
    lossesA.push((await a.step(x, y)).loss);
  }
  const b = await Trainer.create(smallNet(), { seed: 12345, threads: 1, schedule: sched, optimizer: { weightDecay: 0.01 } });
  b.loadCheckpoint(ckpt);
  assert.equal(b.globalStep, 4);
  const lossesB: number[] = [];
  for (let k = 4; k < 8; k++) {
    const { x, y } = randomBatch(b.rng, 4, 256);
    lossesB.push((await b.step(x, y)).loss);
  }
  assert.deepEqual(lossesB, lossesA.slice(4));
});

test('a NaN loss throws naming the step, keeps the last good state and checkpoint', async () => {
  const ckpt = join(dir, 'nan.ckpt');
  const t = await Trainer.create(smallNet(), { seed: 1, threads: 1, schedule: sched });
  const { x, y } = randomBatch(t.rng, 2, 256);
  await t.step(x, y);
  t.saveCheckpoint(ckpt);
  const before = readFileSync(ckpt);
  const w0 = t.weights();
  x[7] = Number.NaN;
  await assert.rejects(t.step(x, y), (e: Error) => e instanceof NanLossError && /non-finite loss NaN at step 1/.test(e.message));
  assert.equal(t.globalStep, 1);
  for (const [k, v] of t.weights()) assert.deepEqual(v, w0.get(k));
  // a state holding NaN is never written: the previous checkpoint stays intact
  t.tensor('fc.bias')[0] = Number.NaN;
  assert.throws(() => t.saveCheckpoint(ckpt), /state 'fc.bias' has a non-finite value/);
  assert.deepEqual(readFileSync(ckpt), before);
});

test('model.onnx: forward graph alone, dynamic batch, metadata, same logits as the training graph', async () => {
  const net = smallNet();
  const t = await Trainer.create(net, { seed: 4, threads: 1, schedule: sched });
  const { x, y } = randomBatch(t.rng, 3, 256);
  await t.step(x, y); // move away from the initialisation
  const path = join(dir, 'model.onnx');
  const meta = { input_shape: '[null, 2, 128]', sample_rate: '2048', kernel_length: '0.0625', ifos: '["H1","L1"]' };
  t.exportOnnx(path, meta);
  const model1d = t.forwardModel(meta, false); // same weights, plain (B, C, L) graph
  const { x: x2, y: y2 } = randomBatch(t.rng, 5, 256);
  const { logits } = await t.step(x2, y2); // logits of the parameters before this update = the exported ones
  const model = readModel(readFileSync(path));
  assert.ok(Number(model.opsetImport[0].version) >= 13);
  assert.deepEqual(Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value])), meta);
  assert.equal(model.graph!.input!.length, 1);
  assert.equal(model.graph!.input![0].type!.tensorType!.shape!.dim![0].dimParam, 'batch');
  const pred = await Predictor.create(path, [2, 128], [1], { threads: 1 });
  const out = await pred.run(x2);
  assert.equal(out.length, 5);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(out[i] - logits[i]) <= 1e-5 * (1 + Math.abs(logits[i])), `logit ${i}: ${out[i]} vs ${logits[i]}`);
  const one = await pred.run(x2.subarray(256, 512)); // batch of 1: GroupNorm has no batch coupling
  assert.ok(Math.abs(one[0] - logits[1]) <= 1e-5 * (1 + Math.abs(logits[1])));
  // the default export keeps (B, C, 1, L) tensors between 2-D convolutions; the plain 1-D graph
  // (conv2d false), run with extra ORT session config entries, gives the same logits
  const pred1d = await Predictor.create(model1d, [2, 128], [1],
    { threads: 1, sessionConfig: { 'session.intra_op.allow_spinning': '0', 'session.set_denormal_as_zero': '0' } });
  const out1d = await pred1d.run(x2);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(out1d[i] - logits[i]) <= 1e-5 * (1 + Math.abs(logits[i])), `1-D logit ${i}: ${out1d[i]} vs ${logits[i]}`);
  assert.deepEqual(sessionOptions({ sessionConfig: { 'session.set_denormal_as_zero': '1' } }).extra, { 'session.set_denormal_as_zero': '1' });
});

test('safetensors export: PyTorch names and shapes, values round-trip bitwise into a new trainer', async () => {
  const net = smallNet();
  const t = await Trainer.create(net, { seed: 5, threads: 1, schedule: sched });
  const { x, y } = randomBatch(t.rng, 2, 256);
  await t.step(x, y);
  const path = join(dir, 'weights.safetensors');
  t.saveSafetensors(path);
  const f = readSafetensors(path);
  assert.deepEqual([...f.tensors.keys()], [
    'conv1.weight', 'bn1.weight', 'bn1.bias',
    'residual_layers.0.0.conv1.weight', 'residual_layers.0.0.bn1.weight', 'residual_layers.0.0.bn1.bias',
    'residual_layers.0.0.conv2.weight', 'residual_layers.0.0.bn2.weight', 'residual_layers.0.0.bn2.bias',
    'residual_layers.1.0.conv1.weight', 'residual_layers.1.0.bn1.weight', 'residual_layers.1.0.bn1.bias',
    'residual_layers.1.0.conv2.weight', 'residual_layers.1.0.bn2.weight', 'residual_layers.1.0.bn2.bias',
    'residual_layers.1.0.downsample.0.weight', 'residual_layers.1.0.downsample.1.weight', 'residual_layers.1.0.downsample.1.bias',
    'fc.weight', 'fc.bias',
  ]);
  assert.deepEqual(f.tensors.get('conv1.weight')!.shape, [4, 2, 7]);
  assert.deepEqual(f.tensors.get('bn1.weight')!.shape, [4, 1]);
  assert.deepEqual(f.tensors.get('residual_layers.1.0.downsample.0.weight')!.shape, [8, 4, 1]);
  assert.deepEqual(f.tensors.get('fc.weight')!.shape, [1, 8]);
  for (const [k, v] of t.weights()) assert.deepEqual(f.tensors.get(k)!.data, v);
  const t2 = await Trainer.create(smallNet(), { seed: 99, threads: 1, schedule: sched });
  t2.setWeights(f.tensors);
  const xs = randomBatch(new Rng(3), 2, 256).x;
  const a = await (await Predictor.create(t.forwardModel(), [2, 128], [1])).run(xs);
  const b = await (await Predictor.create(t2.forwardModel(), [2, 128], [1])).run(xs);
  assert.deepEqual(b, a);
});

test('a tiny ResNet learns sinusoid-in-noise vs noise (>= 90 % held-out accuracy in 150 steps)', async () => {
  const L = 256;
  const net: Net = resnet1d({ inChannels: 1, layers: [1, 1], width: 8, normGroups: 4, length: L });
  const steps = 150;
  const t = await Trainer.create(net, { seed: 2, threads: 2, schedule: { kind: 'oneCycle', maxLr: 1e-2, totalSteps: steps, pctStart: 0.2 } });
  const sample = (rng: Rng, batch: number) => {
    const x = new Float32Array(batch * L);
    const y = new Float32Array(batch);
    for (let i = 0; i < batch; i++) {
      y[i] = rng.uniform() < 0.5 ? 1 : 0;
      const fCycles = 5 + 15 * rng.uniform();
      const phase = 2 * Math.PI * rng.uniform();
      for (let j = 0; j < L; j++) x[i * L + j] = rng.normal() + (y[i] ? 0.7 * Math.sin((2 * Math.PI * fCycles * j) / L + phase) : 0);
    }
    return { x, y };
  };
  for (let k = 0; k < steps; k++) {
    const { x, y } = sample(t.rng, 16);
    await t.step(x, y);
  }
  const test = sample(new Rng(777), 400);
  const logits = await (await Predictor.create(t.forwardModel(), [1, L], [1], { threads: 2 })).run(test.x);
  let correct = 0;
  for (let i = 0; i < 400; i++) correct += (logits[i] > 0 ? 1 : 0) === test.y[i] ? 1 : 0;
  assert.ok(correct / 400 >= 0.9, `accuracy ${correct / 400}`);
  console.log(`toy accuracy ${correct / 400}`);
});

test('bad input fails naming the layer and shapes', async () => {
  const g = new Graph();
  const x = g.input('input', ['batch', 3, 100]);
  const w = g.param('c.weight', [8, 2, 3], { kind: 'kaimingNormalFanOut' });
  assert.throws(() => g.conv1d('residual_layers.0.0.conv1', x, w, null, { padding: 1 }),
    /conv1d 'residual_layers\.0\.0\.conv1': input \(batch, 3, 100\) does not match weight \(8, 2, 3\)/);
  assert.throws(() => g.apply('conv2d', 'stem', [x]), /layer 'stem': unknown op 'conv2d' \(inputs \(batch, 3, 100\)\)/);
  const gw = g.param('n.weight', [4, 1], { kind: 'constant', value: 1 });
  const gb = g.param('n.bias', [4, 1], { kind: 'constant', value: 0 });
  assert.throws(() => g.groupNorm('bn1', x, gw, gb, 2), /groupNorm 'bn1': groups=2 must divide C=3|parameter 'n.weight' \(4, 1\) must be \(3, 1\)/);
  const a = g.relu('r', x);
  const y = g.maxPool1d('mp', x, { kernel: 2 });
  assert.throws(() => g.add2('res.add', a, y), /add 'res.add': operand shapes differ: \(batch, 3, 100\) vs \(batch, 3, 50\)/);
  const t = await Trainer.create(smallNet(), { seed: 1, threads: 1, schedule: sched });
  await assert.rejects(t.step(new Float32Array(100), new Float32Array(1)), /input has 100 values, not a multiple of one sample \(2, 128\)/);
  assert.ok(!existsSync(join(dir, 'never-written')));
});

test('state buffers are reused: two fixed buffer sets alternate across steps', async () => {
  const t = await Trainer.create(smallNet(), { seed: 1, threads: 1, schedule: sched });
  const seen: Float32Array[] = [];
  for (let k = 0; k < 4; k++) {
    seen.push(t.tensor('conv1.weight'));
    const { x, y } = randomBatch(t.rng, 2, 256);
    await t.step(x, y);
  }
  assert.notEqual(seen[0], seen[1]);
  assert.equal(seen[0], seen[2]);
  assert.equal(seen[1], seen[3]);
  assert.notDeepEqual(seen[0], seen[1]); // and the step did write new values
});

test('batch norm: running statistics (PyTorch momentum 0.1, unbiased variance) and eval-mode output', async () => {
  const g = new Graph();
  const input = g.input('input', ['batch', 3, 5]);
  const w = g.param('bn.weight', [3], { kind: 'uniform', bound: 1 });
  const b = g.param('bn.bias', [3], { kind: 'uniform', bound: 1 });
  const rm = g.buffer('bn.running_mean', [3], { kind: 'constant', value: 0 });
  const rv = g.buffer('bn.running_var', [3], { kind: 'constant', value: 1 });
  const h = g.batchNorm('bn', input, w, b, rm, rv, { training: true });
  const fw = g.param('fc.weight', [1, 15], { kind: 'uniform', bound: 0.3 });
  const logits = g.linear('fc', g.flatten('flat', h), fw, null);
  const labels = g.input('labels', ['batch', 1]);
  const net: Net = { graph: g, input, labels, logits, loss: g.bceWithLogits('loss', logits, labels) };
  const t = await Trainer.create(net, { seed: 3, threads: 1, schedule: { kind: 'constant', lr: 1e-3 } });
  const rng = new Rng(8);
  const x = new Float32Array(4 * 15).map(() => 2 + 3 * rng.normal());
  await t.step(x, new Float32Array([1, 0, 1, 0]));
  for (let ch = 0; ch < 3; ch++) {
    const vals: number[] = [];
    for (let bi = 0; bi < 4; bi++) for (let l = 0; l < 5; l++) vals.push(x[bi * 15 + ch * 5 + l]);
    const mean = vals.reduce((a, v) => a + v, 0) / vals.length;
    const unbiased = vals.reduce((a, v) => a + (v - mean) ** 2, 0) / (vals.length - 1);
    assert.ok(Math.abs(t.tensor('bn.running_mean')[ch] - 0.1 * mean) < 1e-5);
    assert.ok(Math.abs(t.tensor('bn.running_var')[ch] - (0.9 + 0.1 * unbiased)) < 1e-4 * (1 + unbiased));
  }
  // eval mode (exported forward graph): y = (x - running_mean) / sqrt(running_var + 1e-5) * w + b
  const out = await (await Predictor.create(t.forwardModel(), [3, 5], [1], { threads: 1 })).run(x);
  for (let bi = 0; bi < 4; bi++) {
    let z = 0;
    for (let ch = 0; ch < 3; ch++) {
      for (let l = 0; l < 5; l++) {
        const yv = ((x[bi * 15 + ch * 5 + l] - t.tensor('bn.running_mean')[ch]) / Math.sqrt(t.tensor('bn.running_var')[ch] + 1e-5)) * t.tensor('bn.weight')[ch] + t.tensor('bn.bias')[ch];
        z += yv * t.tensor('fc.weight')[ch * 5 + l];
      }
    }
    assert.ok(Math.abs(out[bi] - z) < 1e-4 * (1 + Math.abs(z)), `sample ${bi}: ${out[bi]} vs ${z}`);
  }
});

test('execution provider selection: cuda either runs and matches cpu, or fails naming the provider', async () => {
  const net = smallNet();
  const t = await Trainer.create(net, { seed: 6, threads: 1, schedule: sched });
  const x = randomBatch(new Rng(2), 2, 256).x;
  const cpu = await (await Predictor.create(t.forwardModel(), [2, 128], [1], { executionProvider: 'cpu', threads: 1 })).run(x);
  let gpu: Predictor | null = null;
  try {
    gpu = await Predictor.create(t.forwardModel(), [2, 128], [1], { executionProvider: 'cuda' });
  } catch (e) {
    assert.match((e as Error).message, /execution provider 'cuda'/);
  }
  if (gpu) {
    const out = await gpu.run(x);
    for (let i = 0; i < 2; i++) assert.ok(Math.abs(out[i] - cpu[i]) < 1e-4 * (1 + Math.abs(cpu[i])));
  }
});
