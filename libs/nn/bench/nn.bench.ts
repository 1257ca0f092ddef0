// Short version of train-infer.ts (run by `npm run bench`): ResNet1D [3,4,6,3] width 16, batch 64,
// input (batch, 2, 3072), 2 threads, ~3 s per measurement, with the PyTorch ratio when available.
import { benchCase } from './measure.ts';

const r = await benchCase({ width: 16, layers: [3, 4, 6, 3], batch: 64, threads: 2, seconds: 3 });
console.log(JSON.stringify(r));
