import * as ort from 'onnxruntime-node';
import { OnnxBuilder, createSession } from '../src/index.ts';
import { f } from '../src/onnx.ts';
const B = 32, C = 16, L = 1536, G = 16, N = (C / G) * L;
const variants: Record<string, (b: OnnxBuilder) => void> = {
  ln: (b) => { const xr = b.op1('Reshape', ['x', b.constI64([0, G, N])]); const [xh] = b.op('LayerNormalization', [xr, b.constF(new Float32Array(N).fill(1), [N])], { axis: 2, epsilon: f(1e-5) }, 3); const x2 = b.op1('Reshape', [xh, b.constI64([0, C, L])]); b.op1('Add', [b.op1('Mul', [x2, 'w']), 'bb'], {}, 'y'); },
  inorm: (b) => { const xr = b.op1('Reshape', ['x', b.constI64([0, G, N])]); const xh = b.op1('InstanceNormalization', [xr, b.constF(new Float32Array(G).fill(1), [G]), b.constF(new Float32Array(G), [G])], { epsilon: f(1e-5) }); const x2 = b.op1('Reshape', [xh, b.constI64([0, C, L])]); b.op1('Add', [b.op1('Mul', [x2, 'w']), 'bb'], {}, 'y'); },
  manual: (b) => { const xr = b.op1('Reshape', ['x', b.constI64([0, G, N])]); const m = b.op1('ReduceMean', [xr], { axes: [2], keepdims: 1 }); const xc = b.op1('Sub', [xr, m]); const v = b.op1('ReduceMean', [b.op1('Mul', [xc, xc])], { axes: [2], keepdims: 1 }); const r = b.op1('Reciprocal', [b.op1('Sqrt', [b.op1('Add', [v, b.scalarF(1e-5)])])]); const x2 = b.op1('Reshape', [b.op1('Mul', [xc, r]), b.constI64([0, C, L])]); b.op1('Add', [b.op1('Mul', [x2, 'w']), 'bb'], {}, 'y'); },
  mulonly: (b) => { b.op1('Mul', ['x', 'w'], {}, 'y'); },
  addonly: (b) => { b.op1('Add', ['x', 'bb'], {}, 'y'); },
  relu: (b) => { b.op1('Relu', ['x'], {}, 'y'); },
};
const x = new Float32Array(B * C * L).map(() => Math.random());
const w = new Float32Array(C).fill(1.5), bb = new Float32Array(C).fill(0.5);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
for (let rep = 0; rep < 2; rep++) for (const [name, fn] of Object.entries(variants)) {
  const b = new OnnxBuilder('float32'); fn(b);
  const s = await createSession(b.build({ inputs: [{ name: 'x', elemType: 'float32', shape: [B, C, L] }, { name: 'w', elemType: 'float32', shape: [C, 1] }, { name: 'bb', elemType: 'float32', shape: [C, 1] }], outputs: [{ name: 'y', elemType: 'float32', shape: [B, C, L] }] }), { threads: 1 });
  const feeds = { x: new ort.Tensor('float32', x, [B, C, L]), w: new ort.Tensor('float32', w, [C, 1]), bb: new ort.Tensor('float32', bb, [C, 1]) };
  await s.run(feeds); let best = Infinity;
  for (let i = 0; i < 15; i++) { const c0 = cpu(); await s.run(feeds); best = Math.min(best, cpu() - c0); }
  console.log(name, best.toFixed(2), 'ms');
}
