/**
 * @aframe/detectors quick start: run from the repository root with
 *   npx tsx libs/detectors/examples/quickstart.ts
 */
import {
  antennaPattern,
  computeIfoSnr,
  gmst,
  projectWaveforms,
  timeDelayBetween,
  timeDelayFromGeocenter,
} from '@aframe/detectors';

// GW150914-like sky position and time
const gps = 1126259462.4;
const ra = 1.95;
const dec = -1.27;
const psi = 0.82;

console.log(`GMST(${gps}) = ${gmst(gps).toFixed(9)} rad`);
for (const ifo of ['H1', 'L1'] as const) {
  const f = antennaPattern(ifo, ra, dec, psi, gps);
  const dt = timeDelayFromGeocenter(ifo, ra, dec, gps);
  console.log(`${ifo}: F+ = ${f.plus.toFixed(6)}, Fx = ${f.cross.toFixed(6)}, delay from geocentre = ${(dt * 1e3).toFixed(4)} ms`);
}
console.log(`t(H1) - t(L1) = ${(timeDelayBetween('H1', 'L1', ra, dec, gps) * 1e3).toFixed(4)} ms`);

// Project a sine-Gaussian (h+, hx) pair, 8 s at 2048 Hz, onto H1 and L1 and get SNRs against a flat PSD.
const sampleRate = 2048;
const length = 8 * sampleRate;
const plus = new Float64Array(length);
const cross = new Float64Array(length);
for (let t = 0; t < length; t++) {
  const u = t / sampleRate - 6;
  const env = 1e-21 * Math.exp(-(u * u) / (2 * 0.05 ** 2));
  plus[t] = env * Math.cos(2 * Math.PI * 150 * u);
  cross[t] = env * Math.sin(2 * Math.PI * 150 * u);
}
const psd = new Float64Array(length / 2 + 1).fill(4e-47); // one-sided, strain²/Hz
const res = projectWaveforms(
  ['H1', 'L1'],
  { plus, cross, batch: 1, length },
  { dec: [dec], psi: [psi], ra: [ra], gpsTime: gps },
  { sampleRate, psd, highpass: 32 }, // timeShift defaults to 'fractional'
);
console.log(`shifts applied (samples): ${[...res.shiftSamples].map((s) => s.toFixed(3)).join(', ')}`);
console.log(`ifo SNRs: ${[...res.ifoSnr!].map((s) => s.toFixed(3)).join(', ')}; network SNR ${res.networkSnr![0].toFixed(3)}`);
console.log(`same via computeIfoSnr: ${[...computeIfoSnr(res.responses, psd, sampleRate, { highpass: 32 })].map((s) => s.toFixed(3)).join(', ')}`);
