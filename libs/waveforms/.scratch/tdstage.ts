import { generateTD, generateFD, chirpTimeBound } from '../src/index.ts';
import { irfft } from '@aframe/signal';
import { sosfiltfiltPadded, butterHighpassSOS } from '../src/iir.ts';
const p = { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 1000, inclination: 0.5, phiRef: 0 };
function cpu(fn: () => void, reps: number): number { for (let i = 0; i < reps; i++) fn(); const c0 = process.cpuUsage(); for (let i = 0; i < reps; i++) fn(); const c = process.cpuUsage(c0); return (c.user + c.system) / reps; }
console.log('TD', cpu(() => generateTD('IMRPhenomD', p, { sampleRate: 2048, durationS: 8, fMin: 20, fRef: 50, rightPadS: 2 }), 100));
console.log('FD df0.5 fmax1024', cpu(() => generateFD('IMRPhenomD', p, { deltaF: 0.5, fMin: 17, fMax: 1024, fRef: 50 }), 200));
const spec = new Float64Array(2 * 2049).map(() => Math.random()); const out = new Float64Array(4096);
console.log('irfft 4096', cpu(() => irfft(spec, 4096, out), 500));
const spec2 = new Float64Array(2 * 8193).map(() => Math.random()); const out2 = new Float64Array(16384);
console.log('irfft 16384', cpu(() => irfft(spec2, 16384, out2), 500));
const sos = butterHighpassSOS(8, 0.018); const x = new Float64Array(16384).map((_, i) => i > 12000 ? Math.random() : 0);
console.log('sosfiltfiltPadded 16384 (4096 nz)', cpu(() => { const y = Float64Array.from(x); sosfiltfiltPadded(sos, y, 12288); }, 200));
console.log('tchirp', chirpTimeBound(20, 36, 29, 0.3, -0.2));
