import { readFileSync } from 'node:fs';
import { Predictor } from '../src/index.ts';
const raw = readFileSync('/tmp/nnp/x.npy');
const hl = raw.readUInt16LE(8);
const x = new Float32Array(raw.buffer.slice(raw.byteOffset + 10 + hl));
const p = await Predictor.create('/tmp/nnp/ex/model.onnx', [2, 3072], [1]);
console.log(Array.from(await p.run(x)));
