import { phenomDSetup, generateFD, phenomDPhase, phenomDTimeShift } from '../src/index.ts';
function cpu(fn: () => void, reps: number): number { for (let i = 0; i < reps; i++) fn(); const c0 = process.cpuUsage(); for (let i = 0; i < reps; i++) fn(); const c = process.cpuUsage(c0); return (c.user + c.system) / reps; }
console.log('setup', cpu(() => phenomDSetup(36, 29, 0.3, -0.2), 5000));
const m = phenomDSetup(36, 29, 0.3, -0.2);
console.log('phase+t0', cpu(() => { phenomDPhase(0.01, m.phase); phenomDTimeShift(m); }, 5000));
const p = { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 1000, inclination: 0.5, phiRef: 0 };
console.log('FD narrow', cpu(() => generateFD('IMRPhenomD', p, { deltaF: 0.5, fMin: 600, fMax: 1024, fRef: 50 }), 2000));
console.log('FD df0.5', cpu(() => generateFD('IMRPhenomD', p, { deltaF: 0.5, fMin: 17, fMax: 1024, fRef: 50 }), 2000));
