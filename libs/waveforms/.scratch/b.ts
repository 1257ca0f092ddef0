import { generateTDBatch, generateTD, chirpTimeBound } from '../src/index.ts';
const S = { sampleRate: 2048, durationS: 4, fMin: 20, fRef: 20, rightPadS: 0.5 };
const batch = generateTDBatch('IMRPhenomD', { mass1: [36, 12], mass2: [29, 10], spin1z: [0.3, 0], spin2z: [-0.2, 0.1], distance: [410, 300], inclination: [2.6, 0.3], phiRef: [1.3, 0] }, S);
const single = generateTD('IMRPhenomD', { mass1: 36, mass2: 29, spin1z: 0.3, spin2z: -0.2, distance: 410, inclination: 2.6, phiRef: 1.3 }, S);
let ab = 0, aa = 0, bb = 0;
for (let k = 0; k < batch.length; k++) { ab += batch.hplus[k] * single.hplus[k]; aa += batch.hplus[k] ** 2; bb += single.hplus[k] ** 2; }
console.log(1 - ab / Math.sqrt(aa * bb), batch.hplus[batch.length], chirpTimeBound(20, 12, 10, 0, 0.1));
