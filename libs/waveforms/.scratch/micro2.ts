import { sincos, SINCOS } from '../src/fast-math.ts';
const n = 8193; const x = new Float64Array(n).map((_, i) => i * 3.7 + 0.1 - 5000); const o = new Float64Array(n); const o2 = new Float64Array(n);
function run() { for (let i = 0; i < n; i++) { const a = x[i]; o[i] = Math.cos(a); o2[i] = Math.sin(a); } }
function run2() { for (let i = 0; i < n; i++) { sincos(x[i]); o[i] = SINCOS[1]; o2[i] = SINCOS[0]; } }
for (const [nm, f] of [['Math', run], ['sincos', run2], ['Math', run], ['sincos', run2]] as const) {
  for (let i = 0; i < 200; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 2000; i++) f(); const t = (performance.now() - t0) / 2000;
  console.log(nm, (t * 1e6 / n).toFixed(1), 'ns/elem');
}
let es = 0, ec = 0;
for (let i = 0; i < 1e6; i++) { const a = (Math.random() - 0.5) * 2e6; sincos(a); es = Math.max(es, Math.abs(SINCOS[0] - Math.sin(a))); ec = Math.max(ec, Math.abs(SINCOS[1] - Math.cos(a))); }
console.log('max abs err', es, ec);
const INV_PIO2 = 6.36619772367581382433e-1, PIO2_1 = 1.57079632673412561417e0, PIO2_2 = 6.07710050630396597660e-11, PIO2_2T = 2.02226624879595063154e-21;
const S1 = -1.66666666666666324348e-1, S2 = 8.33333333332248946124e-3, S3 = -1.98412698298579493134e-4, S4 = 2.75573137070700676789e-6, S5 = -2.50507602534068634195e-8, S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2, C2 = -1.38888888888741095749e-3, C3 = 2.48015872894767294178e-5, C4 = -2.75573143513906633035e-7, C5 = 2.08757232129817482790e-9, C6 = -1.13596475577881948265e-11;
function run3() { for (let i = 0; i < n; i++) { const xx = x[i];
  const nn = Math.round(xx * INV_PIO2);
  const r = xx - nn * PIO2_1 - nn * PIO2_2 - nn * PIO2_2T;
  const z = r * r;
  const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  const hz = 0.5 * z; const w = 1 - hz;
  const c = w + (1 - w - hz + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6))))));
  const q = nn & 3;
  const sn = q === 0 ? s : q === 1 ? c : q === 2 ? -s : -c;
  const cs = q === 0 ? c : q === 1 ? -s : q === 2 ? -c : s;
  o[i] = cs; o2[i] = sn; } }
function run4() { for (let i = 0; i < n; i++) { const a = x[i]; o[i] = a*1.0001; o2[i] = a*0.999; } }
for (const [nm, f] of [['inline', run3], ['Math', run], ['inline', run3], ['store only', run4]] as const) {
  for (let i = 0; i < 200; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 2000; i++) f(); const t = (performance.now() - t0) / 2000;
  console.log(nm, (t * 1e6 / n).toFixed(1), 'ns/elem');
}
