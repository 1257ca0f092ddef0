/**
 * Waveform generation benchmark: µs per waveform at 8 s / 2048 Hz (deltaF 1/8, fMin 20, fRef 50, fMax 1024)
 * for every registered approximant — one ChooseFD-style call (output allocated per call) and batches of
 * 1000 into preallocated planes — plus the time-domain generator (8 s at 2048 Hz, fMin 20).
 * LALSimulation cannot be installed here, so the ratios use the figures of /work/shared/docs/baselines.md
 * (LALSimulation 6.2.1, C -O2, same machine type, full call incl. allocation). ratio = LAL / ours (> 1: faster).
 * Parameters: m1 36, m2 29, chi1z 0.3, chi2z -0.2, 1000 Mpc, inclination 0.5 (+ in-plane spin 0.4 on body 1
 * for precessing models), as in baselines.md. Times are CPU time of this process (wall time in brackets
 * for the single calls); check `uptime` — on a loaded 2-core machine both are inflated.
 * Run: npx tsx libs/waveforms/bench/waveforms.bench.ts
 */
import { generateFD, generateFDBatch, generateTD, getApproximant, listApproximants } from '../src/index.ts';
import type { CbcParams, FDBuffers } from '../src/index.ts';

/** LALSimulation µs per waveform (baselines.md): FD at deltaF 1/8, fMax 1024; TD at 2048 Hz. */
const LAL_FD_US: Record<string, number> = { IMRPhenomD: 341, IMRPhenomPv2: 945, TaylorF2: 411 };
const LAL_TD_US: Record<string, number> = { IMRPhenomD: 943, IMRPhenomPv2: 1260 };

/**
 * Median µs per call over `blocks` blocks of `reps` calls, after a warm-up. Measured as this process's
 * CPU time (user + system; the benchmark is single-threaded), so that other load on the machine inflates
 * the figures less than wall-clock time would; wall time is reported alongside.
 */
function medianUs(fn: () => void, reps: number, blocks = 7): number {
  for (let i = 0; i < Math.max(1, Math.ceil(reps / 2)); i++) fn();
  const t: number[] = [];
  const w: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    const c = process.cpuUsage(c0);
    w.push(Number(process.hrtime.bigint() - t0) / 1e3 / reps);
    t.push((c.user + c.system) / reps);
  }
  t.sort((a, c) => a - c);
  w.sort((a, c) => a - c);
  lastWallUs = w[Math.floor(w.length / 2)];
  return t[Math.floor(t.length / 2)];
}
let lastWallUs = 0;

const fmt = (x: number): string => x.toFixed(1).padStart(8);
const ratio = (lal: number | undefined, ours: number): string => (lal ? `${(lal / ours).toFixed(2)}x`.padStart(7) : '    n/a');

const settings = { deltaF: 0.125, fMin: 20, fMax: 1024, fRef: 50 };
const B = 1000;
const nBins = Math.floor(settings.fMax / settings.deltaF) + 1;
const out: FDBuffers = {
  hplusRe: new Float64Array(B * nBins),
  hplusIm: new Float64Array(B * nBins),
  hcrossRe: new Float64Array(B * nBins),
  hcrossIm: new Float64Array(B * nBins),
};

console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
console.log('approximant    single µs (CPU)        LAL µs  ratio | batch(1000, fixed) µs  ratio | batch(1000, random) µs');
for (const name of listApproximants()) {
  const aligned = getApproximant(name).alignedSpin;
  const p: CbcParams = { mass1: 36, mass2: 29, spin1x: aligned ? 0 : 0.4, spin1z: 0.3, spin2z: -0.2, distance: 1000, inclination: 0.5, phiRef: 0 };
  const single = medianUs(() => generateFD(name, p, settings), 200);
  const singleWall = lastWallUs;
  const fixed = {
    mass1: new Float64Array(B).fill(36),
    mass2: new Float64Array(B).fill(29),
    spin1x: new Float64Array(B).fill(p.spin1x ?? 0),
    spin1z: new Float64Array(B).fill(0.3),
    spin2z: new Float64Array(B).fill(-0.2),
    distance: new Float64Array(B).fill(1000),
    inclination: new Float64Array(B).fill(0.5),
    phiRef: new Float64Array(B),
  };
  let s = 12345;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const rand = {
    mass1: new Float64Array(B).map(() => 10 + 50 * u()),
    mass2: new Float64Array(B).map(() => 10 + 40 * u()),
    spin1x: new Float64Array(B).map(() => (aligned ? 0 : 0.5 * u())),
    spin1z: new Float64Array(B).map(() => 0.8 * (2 * u() - 1) * (aligned ? 1 : 0.5)),
    spin2z: new Float64Array(B).map(() => 0.8 * (2 * u() - 1) * (aligned ? 1 : 0.5)),
    distance: new Float64Array(B).map(() => 100 + 2000 * u()),
    inclination: new Float64Array(B).map(() => Math.PI * u()),
    phiRef: new Float64Array(B).map(() => 2 * Math.PI * u()),
  };
  const batchFixed = medianUs(() => generateFDBatch(name, fixed, settings, { out }), 1, 5) / B;
  const batchRand = medianUs(() => generateFDBatch(name, rand, settings, { out }), 1, 5) / B;
  console.log(
    `${name.padEnd(14)} ${fmt(single)} [wall ${singleWall.toFixed(0)}] ${fmt(LAL_FD_US[name] ?? NaN)} ${ratio(LAL_FD_US[name], single)} | ${fmt(batchFixed)}              ${ratio(LAL_FD_US[name], batchFixed)} | ${fmt(batchRand)}`,
  );
}

console.log('\ntime domain (8 s at 2048 Hz, fMin 20, fRef 50, rightPad 2; FFT length set by the chirp bound)');
console.log('approximant    single µs  LAL ChooseTD µs  ratio');
for (const name of listApproximants()) {
  const aligned = getApproximant(name).alignedSpin;
  const p: CbcParams = { mass1: 36, mass2: 29, spin1x: aligned ? 0 : 0.4, spin1z: 0.3, spin2z: -0.2, distance: 1000, inclination: 0.5, phiRef: 0 };
  const td = medianUs(() => generateTD(name, p, { sampleRate: 2048, durationS: 8, fMin: 20, fRef: 50, rightPadS: 2 }), 20);
  console.log(`${name.padEnd(14)} ${fmt(td)} ${fmt(LAL_TD_US[name] ?? NaN).padStart(16)} ${ratio(LAL_TD_US[name], td)}`);
}
