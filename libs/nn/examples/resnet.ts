// Builds a ResNet1D for input (batch, 2, 3072), trains it on random data with random labels, and
// writes DIR/model.onnx, DIR/weights.safetensors (PyTorch names) and DIR/losses.json.
//   npx tsx libs/nn/examples/resnet.ts --layers 2,2,2,2 --width 8 --seed 1 --steps 20 --out DIR
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resnet1d, Trainer, writeFileAtomic } from '../src/index.ts';
import type { ScheduleConfig } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    layers: { type: 'string', default: '3,4,6,3' },
    width: { type: 'string', default: '64' },
    groups: { type: 'string', default: '16' },
    seed: { type: 'string', default: '1' },
    steps: { type: 'string', default: '20' },
    batch: { type: 'string', default: '8' },
    threads: { type: 'string' },
    lr: { type: 'string', default: '5.85e-4' },
    out: { type: 'string' },
  },
});

function int(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got '${v}'`);
  return n;
}

if (!values.out) throw new Error('--out DIR is required');
const layers = values.layers!.split(',').map((s, i) => int(`layers[${i}]`, s, 1));
const width = int('width', values.width, 1);
const normGroups = int('groups', values.groups, 1);
const seed = int('seed', values.seed, 0);
const steps = int('steps', values.steps, 1);
const batch = int('batch', values.batch, 1);
const threads = values.threads === undefined ? undefined : int('threads', values.threads, 1);
const maxLr = Number(values.lr);
const sampleRate = 2048;
const kernelLength = 1.5;
const ifos = ['H1', 'L1'];
const length = sampleRate * kernelLength;

const net = resnet1d({ inChannels: ifos.length, length, layers, width, normGroups });
// aframe's one-cycle (pct_start 0.115); very short runs need at least two warm-up steps
const schedule: ScheduleConfig = steps >= 3
  ? { kind: 'oneCycle', maxLr, totalSteps: steps, pctStart: Math.max(0.115, 2.5 / steps) }
  : { kind: 'constant', lr: maxLr };
const trainer = await Trainer.create(net, { seed, threads, schedule });
const sampleLen = ifos.length * length;
const losses: number[] = [];
const t0 = performance.now();
for (let k = 0; k < steps; k++) {
  const x = new Float32Array(batch * sampleLen);
  for (let i = 0; i < x.length; i++) x[i] = trainer.rng.normal();
  const y = new Float32Array(batch).map(() => (trainer.rng.uniform() < 0.5 ? 1 : 0));
  const { loss } = await trainer.step(x, y);
  losses.push(loss);
  if (process.env.AFRAME_QUIET !== '1') console.log(`step ${k + 1}/${steps} loss ${loss.toFixed(5)}`);
}
const elapsedS = (performance.now() - t0) / 1000;
mkdirSync(values.out, { recursive: true });
trainer.exportOnnx(join(values.out, 'model.onnx'), {
  input_shape: JSON.stringify([null, ifos.length, length]),
  sample_rate: String(sampleRate),
  kernel_length: String(kernelLength),
  ifos: JSON.stringify(ifos),
});
trainer.saveSafetensors(join(values.out, 'weights.safetensors'));
writeFileAtomic(join(values.out, 'losses.json'), JSON.stringify(losses));
console.log(`trained ${steps} steps (${((steps * batch) / elapsedS).toFixed(1)} samples/s); wrote model.onnx, weights.safetensors, losses.json to ${values.out}`);
await trainer.release();
