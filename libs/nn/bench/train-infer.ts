// npm run bench:nn -- [--json] [--seconds S] [--only 16|64] [--cpu]
// ResNet1D [3,4,6,3], input (batch, 2, 3072), 2 threads: width 16 (batch 64) and width 64 (batch 32),
// training and inference samples/s on onnxruntime-node and in PyTorch (same run), with ratios.
// --cpu adds a load-robust comparison: single thread, minimum CPU ms per batch for both.
import { parseArgs } from 'node:util';
import { benchCase } from './measure.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, cpu: { type: 'boolean', default: false }, seconds: { type: 'string', default: '8' }, only: { type: 'string' } } });
const cases = [
  { width: 16, layers: [3, 4, 6, 3], batch: 64, threads: 2, seconds: Number(values.seconds) },
  { width: 64, layers: [3, 4, 6, 3], batch: 32, threads: 2, seconds: Number(values.seconds) },
].filter((c) => !values.only || String(c.width) === values.only);
for (const c of cases) {
  const r = await benchCase({ ...c, cpu: values.cpu });
  if (values.json) console.log(JSON.stringify(r));
  else console.log(`width ${r.width} batch ${r.batch}: train ${r.train_samples_per_s}/s (torch ${r.torch_train_samples_per_s ?? '-'}, ratio ${r.train_ratio ?? '-'}), infer ${r.infer_samples_per_s}/s (torch ${r.torch_infer_samples_per_s ?? '-'}, ratio ${r.infer_ratio ?? '-'})`);
}
