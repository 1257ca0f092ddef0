/**
 * Projection + SNR throughput: a batch of 1000 (h+, h×) pairs, 8 s at 2048 Hz, onto H1 and L1, with
 * single-detector and network SNRs against a coloured PSD (highpass 32 Hz) — the rejection-sampling
 * / training-augmentation workload (reference §2.5, §5.4).
 *
 * Baseline measured in the same run: the bare FFT work the fractional projection cannot avoid
 * (2 rfft + 2 irfft of 16384 samples per waveform, @aframe/signal RealFFT), so the ratio shows the
 * overhead of everything else. Run: npx tsx libs/detectors/bench/detectors.bench.ts
 */
import { RealFFT } from '@aframe/signal';
import { computeIfoSnr, projectWaveforms, type TimeShiftMode } from '../src/index.ts';

const SR = 2048;
const T = 8 * SR;
const BATCH = 1000;
const IFOS = ['H1', 'L1'] as const;

function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r = mulberry(42);
const plus = new Float64Array(BATCH * T);
const cross = new Float64Array(BATCH * T);
for (let b = 0; b < BATCH; b++) {
  // a short chirp-like burst ending 1 s before the segment end
  const f0 = 30 + 40 * r();
  const tc = 7;
  for (let t = 0; t < T; t++) {
    const tau = tc - t / SR;
    if (tau <= 0 || tau > 4) continue;
    const phase = 2 * Math.PI * f0 * 4 * (1 - Math.pow(tau / 4, 5 / 8)) * 1.6;
    const amp = 1e-21 * Math.pow(tau + 0.01, -0.25);
    plus[b * T + t] = amp * Math.cos(phase);
    cross[b * T + t] = amp * Math.sin(phase);
  }
}
const dec = Float64Array.from({ length: BATCH }, () => Math.asin(2 * r() - 1));
const psi = Float64Array.from({ length: BATCH }, () => Math.PI * r());
const phi = Float64Array.from({ length: BATCH }, () => 2 * Math.PI * r());
const bins = T / 2 + 1;
const psd = [1, 1.3].map((s) =>
  Float64Array.from({ length: bins }, (_, k) => {
    const f = Math.max(k / 8, 10);
    return s * 1e-46 * ((f / 40) ** -4 + 1 + (f / 250) ** 2);
  }),
);
const pols = { plus, cross, batch: BATCH, length: T };
const sky = { dec, psi, phi };

function time(label: string, fn: () => void, reps = 3): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // best of `reps`: the least disturbed by other processes on a shared 2-core machine; median for spread
  const ms = times[0];
  const med = times[Math.floor(times.length / 2)];
  console.log(
    `${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms (median ${med.toFixed(0)})  ${((BATCH / ms) * 1000).toFixed(0).padStart(6)} waveforms/s`,
  );
  return ms;
}

console.log(`batch ${BATCH} × 2 detectors × ${T} samples (8 s @ ${SR} Hz), PSD highpass 32 Hz; best of 3 after a warm-up`);
const plan = new RealFFT(T);
const spec = new Float64Array(2 * bins);
const out = new Float64Array(T);
const fftMs = time('baseline: bare FFTs (2 rfft + 2 irfft per waveform)', () => {
  for (let b = 0; b < BATCH; b++) {
    plan.forward(plus.subarray(b * T, (b + 1) * T), spec);
    plan.forward(cross.subarray(b * T, (b + 1) * T), spec);
    plan.inverse(spec, out);
    plan.inverse(spec, out);
  }
});
const results: Record<string, number> = {};
for (const mode of ['fractional', 'integer-roll'] as TimeShiftMode[]) {
  results[mode] = time(`projectWaveforms '${mode}' + in-pass SNRs`, () => {
    projectWaveforms(IFOS, pols, sky, { sampleRate: SR, timeShift: mode, psd, highpass: 32 });
  });
}
const proj = projectWaveforms(IFOS, pols, sky, { sampleRate: SR, psd, highpass: 32 });
const snrMs = time('computeIfoSnr on the projected responses (separate pass)', () => {
  computeIfoSnr(proj.responses, psd, SR, { highpass: 32 });
});
let lo = Infinity;
let hi = 0;
for (const v of proj.networkSnr!) {
  lo = Math.min(lo, v);
  hi = Math.max(hi, v);
}
console.log(`network SNR range in this batch: ${lo.toFixed(1)} – ${hi.toFixed(1)}`);
console.log(
  `ratios vs bare FFTs: fractional ${(results['fractional'] / fftMs).toFixed(2)}×, integer-roll ${(results['integer-roll'] / fftMs).toFixed(2)}×, separate SNR ${(snrMs / fftMs).toFixed(2)}×`,
);
