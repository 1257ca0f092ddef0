import { generateTD, generateFD } from '/work/main/libs/waveforms/src/index.ts';
import { rfft } from '@aframe/signal';
import { loadTdCase, overlap } from '/work/main/libs/waveforms/test/helpers.ts';
const P = { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 410, inclination: 2.6, phiRef: 1.3 };
for (const ap of ['IMRPhenomD', 'TaylorF2']) {
  const s = { sampleRate: 2048, durationS: 8, fMin: 20, fRef: 20, rightPadS: 0.5 };
  const td = generateTD(ap, P, s);
  const L = td.hplus.length;
  const spec = rfft(td.hplus);
  const specC = rfft(td.hcross);
  const df = 1 / s.durationS;
  const fd = generateFD(ap, P, { deltaF: df, fMin: 20, fMax: 1024, fRef: 20 });
  const tc = s.durationS - s.rightPadS;
  const n = L / 2 + 1;
  const aRe = new Float64Array(n), aIm = new Float64Array(n), bRe = new Float64Array(n), bIm = new Float64Array(n);
  const cRe = new Float64Array(n), cIm = new Float64Array(n), dRe = new Float64Array(n), dIm = new Float64Array(n);
  for (let k = 0; k < n && k < fd.length; k++) {
    aRe[k] = spec[2 * k] / 2048; aIm[k] = spec[2 * k + 1] / 2048;
    cRe[k] = specC[2 * k] / 2048; cIm[k] = specC[2 * k + 1] / 2048;
    const ang = -2 * Math.PI * k * df * tc; const c = Math.cos(ang), sn = Math.sin(ang);
    bRe[k] = fd.hplusRe[k] * c - fd.hplusIm[k] * sn; bIm[k] = fd.hplusRe[k] * sn + fd.hplusIm[k] * c;
    dRe[k] = fd.hcrossRe[k] * c - fd.hcrossIm[k] * sn; dIm[k] = fd.hcrossRe[k] * sn + fd.hcrossIm[k] * c;
  }
  for (const flo of [20, 22, 25, 30]) {
    const kLo = flo / df, kHi = ap === 'TaylorF2' ? 300 / df : 1000 / df;
    console.log(ap, flo, '1-ov h+', 1 - overlap(aRe, aIm, bRe, bIm, df, kLo, kHi), 'hx', 1 - overlap(cRe, cIm, dRe, dIm, df, kLo, kHi));
  }
  // first 1 s energy
  let e0 = 0, et = 0; for (let k = 0; k < L; k++) { et += td.hplus[k] ** 2; if (k < 2048) e0 += td.hplus[k] ** 2; }
  console.log('first-second energy frac', e0 / et, 'first sample', td.hplus[0], 'last', td.hplus[L - 1], 'max', Math.max(...td.hplus));
}
// vs LAL TD
const ref = loadTdCase('TD_IMRPhenomD_01');
const s = { sampleRate: 2048, durationS: 4, fMin: 20, fRef: 20, rightPadS: 1 };
const td = generateTD('IMRPhenomD', P, s);
const L = td.hplus.length, kc = L - 2048;
let best = -1, bestLag = 0;
const n = ref.hplus.length; const k0ref = Math.round(-ref.meta.output.epoch * 2048); // index of t=0 in ref
for (let lag = -200; lag <= 200; lag++) {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) { const j = kc - k0ref + i + lag; const a = td.hplus[j] ?? 0; const b = ref.hplus[i]; ab += a * b; aa += a * a; bb += b * b; }
  const ov = ab / Math.sqrt(aa * bb); if (ov > best) { best = ov; bestLag = lag; }
}
console.log('LAL TD match over lag', best, 'lag samples', bestLag);
