const n = 8193; const x = new Float64Array(n).map((_, i) => i * 0.37 + 0.1); const o = new Float64Array(n); const o2 = new Float64Array(n);
function run() { for (let i = 0; i < n; i++) { const a = x[i]; o[i] = Math.cos(a); o2[i] = Math.sin(a); } }
function run2() { for (let i = 0; i < n; i++) { const a = x[i]; o[i] = 1/Math.sqrt(a); o2[i] = Math.cbrt(a); } }
function run3() { for (let i = 0; i < n; i++) { const a = x[i]*1e-4; o[i] = Math.exp(a); o2[i] = Math.atan(a); } }
for (const [nm, f] of [['sincos', run], ['sqrt/cbrt', run2], ['exp/atan', run3]] as const) {
  for (let i = 0; i < 200; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 2000; i++) f(); const t = (performance.now() - t0) / 2000;
  console.log(nm, (t * 1e6 / n).toFixed(1), 'ns/elem');
}
