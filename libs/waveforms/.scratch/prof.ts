import { generateTD } from '../src/index.ts';
const p = { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 1000, inclination: 0.5, phiRef: 0 };
for (let i = 0; i < 300; i++) generateTD('IMRPhenomD', p, { sampleRate: 2048, durationS: 8, fMin: 20, fRef: 50, rightPadS: 2 });
