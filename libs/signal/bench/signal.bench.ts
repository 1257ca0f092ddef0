/**
 * Signal-processing benchmarks against numpy/scipy doing the same work in the same run
 * (a child /usr/bin/python3 per task, run just before ours; ratio = scipy time / our time, > 1 means we are
 * faster). Single thread on both sides.
 *  - Welch: 2 channels × 64 s at 2048 Hz, fftlength 2 s, 50 % overlap, median and mean.
 *  - Batch whitening: 384 × 2 channels × 2.5 s at 2048 Hz, fduration 1 s, highpass 32 Hz, one PSD per channel.
 *    scipy side: the FIR built as §10.1, applied by scipy.signal.fftconvolve (the "FFT-convolution version"
 *    of baselines.md) and, for reference, the circular rfft·gain·irfft version.
 *  - Resampling 4096 s of data 4096 → 2048 Hz and 16384 → 2048 Hz (firwin(61)+filtfilt+[::q] on both sides;
 *    baselines.md's resample_poly figures are quoted for context).
 * Run: npx tsx libs/signal/bench/signal.bench.ts   (AFRAME_BENCH_QUICK=1 shortens the resampling input to 512 s)
 */
import { welchMulti, whitenBatch, resample } from '../src/index.ts';
import { timeMs, runPython, PY_TIMER, fmtRatio } from './util.ts';

const QUICK = process.env.AFRAME_BENCH_QUICK === '1';
const SR = 2048;
const RESAMPLE_S = QUICK ? 512 : 4096;

function noise(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 1e-21;
  }
  return out;
}

// Each scipy baseline runs in its own child process right before our measurement of the same task, so
// both sides see the same machine load.
const PY_SETUP = `${PY_TIMER}
import numpy as np
from scipy import signal
rng = np.random.default_rng(0)
out = {}
SR = ${SR}
`;
const PY_TASKS: Record<string, string> = {
  welch: `
x = rng.uniform(-0.5, 0.5, (2, 64 * SR)) * 1e-21
out["welch_median"] = time_ms(lambda: signal.welch(x, fs=SR, nperseg=2 * SR, noverlap=SR, average="median", axis=-1), 20)
out["welch_mean"] = time_ms(lambda: signal.welch(x, fs=SR, nperseg=2 * SR, noverlap=SR, average="mean", axis=-1), 20)
`,
  whiten: `
x = rng.uniform(-0.5, 0.5, (2, 64 * SR)) * 1e-21
_, psd = signal.welch(x, fs=SR, nperseg=5120, noverlap=2560, average="median", axis=-1)
X = rng.uniform(-0.5, 0.5, (384, 2, 5120)) * 1e-21
def filters(psd, N, fduration=1.0, highpass=32.0):
    F = N // 2 + 1; M = 2 * (F - 1)
    h = 1 / np.sqrt(psd); h[..., : int(highpass / (SR / M))] = 0
    if F % 2: h[..., -1] = 0
    q = np.fft.irfft(h, n=M, axis=-1) * M
    w = np.hanning(int(fduration * SR) + 1)[:-1]; pad = len(w) // 2
    q[..., :pad] *= w[-pad:]; q[..., -pad:] *= w[:pad]; q[..., pad:M - pad] = 0
    return q, pad
def whiten_fftconv():
    q, pad = filters(psd, 5120)
    fir = np.concatenate([q[..., -pad:], q[..., :pad]], axis=-1) * np.sqrt(2) / 5120 * 5120 / np.sqrt(SR)
    Xc = X - X.mean(-1, keepdims=True)
    return signal.fftconvolve(Xc, fir[None], mode="valid", axes=-1)[..., :5120 - 2 * pad]
def whiten_circular():
    q, pad = filters(psd, 5120)
    g = np.sqrt(2) * np.abs(np.fft.rfft(q, axis=-1)) / 5120
    Xc = X - X.mean(-1, keepdims=True)
    return (np.fft.irfft(np.fft.rfft(Xc, axis=-1) * g, n=5120, axis=-1) / np.sqrt(SR))[..., pad:-pad]
out["whiten_fftconv"] = time_ms(whiten_fftconv, 3)
out["whiten_circular"] = time_ms(whiten_circular, 3)
`,
  decimate_4096: `
b = signal.firwin(61, 0.5, window="hamming")
x4 = rng.uniform(-0.5, 0.5, ${RESAMPLE_S} * 4096)
out["decimate_4096"] = time_ms(lambda: signal.filtfilt(b, [1.0], x4)[::2], 1, 3)
`,
  decimate_16384: `
b = signal.firwin(61, 1 / 8, window="hamming")
x16 = rng.uniform(-0.5, 0.5, ${RESAMPLE_S} * 16384)
out["decimate_16384"] = time_ms(lambda: signal.filtfilt(b, [1.0], x16)[::8], 1, 3)
`,
};
const base: Record<string, number> = {};
let pyProblem: string | null = null;
function baseline(task: string): void {
  if (pyProblem) return;
  const r = runPython(`${PY_SETUP}${PY_TASKS[task]}\nprint(json.dumps(out))\n`, 600_000);
  if (typeof r === 'string') {
    pyProblem = r;
    console.log(`scipy baseline skipped: ${r} (ratios shown as n/a; see libs/signal/README.md and /work/shared/docs/baselines.md)`);
  } else Object.assign(base, r);
}

function report(name: string, oursMs: number, key: string | null, unitsPerCall: number, unit: string): void {
  const theirs = key ? base[key] : undefined;
  const thr = (unitsPerCall / (oursMs / 1000)).toFixed(0);
  console.log(
    `${name.padEnd(44)} ${oursMs.toFixed(2).padStart(9)} ms  ${thr.padStart(8)} ${unit}/s   scipy ${theirs !== undefined ? theirs.toFixed(2).padStart(9) + ' ms' : '      n/a'}   ratio ${fmtRatio(oursMs, theirs)}`,
  );
}

// ---- Welch
baseline('welch');
const x = new Float64Array(2 * 64 * SR);
x.set(noise(64 * SR, 1), 0);
x.set(noise(64 * SR, 2), 64 * SR);
for (const average of ['median', 'mean'] as const) {
  const t = timeMs(() => welchMulti(x, 2, { sampleRate: SR, fftlength: 2, overlap: 1, average }), 20);
  report(`welch 2 ch × 64 s, fftlength 2 s, ${average}`, t, `welch_${average}`, 64, 's of 2-ch data');
}

// ---- Batch whitening
baseline('whiten');
const B = 384;
const N = 5120;
const data = new Float64Array(B * 2 * N);
for (let r = 0; r < 2 * B; r++) data.set(noise(N, 100 + r), r * N);
const psd = welchMulti(x, 2, { sampleRate: SR, fftlength: 2.5, average: 'median' }).psd;
const tw = timeMs(() => whitenBatch({ data, batch: B, channels: 2, length: N }, psd, { sampleRate: SR, fduration: 1, highpass: 32 }), 3);
report('whiten 384 × 2 × 2.5 s (vs scipy fftconvolve)', tw, 'whiten_fftconv', B, 'windows');
report('whiten 384 × 2 × 2.5 s (vs numpy circular)', tw, 'whiten_circular', B, 'windows');

// ---- Resampling
baseline('decimate_4096');
const x4 = noise(RESAMPLE_S * 4096, 3);
const t4 = timeMs(() => resample(x4, 4096, 2048), 1, 3);
report(`resample ${RESAMPLE_S} s 4096 → 2048 Hz`, t4, 'decimate_4096', RESAMPLE_S, 's of data');
baseline('decimate_16384');
const x16 = noise(RESAMPLE_S * 16384, 4);
const t16 = timeMs(() => resample(x16, 16384, 2048), 1, 3);
report(`resample ${RESAMPLE_S} s 16384 → 2048 Hz`, t16, 'decimate_16384', RESAMPLE_S, 's of data');
console.log('(baselines.md, scipy resample_poly — a different filter: 4096→2048 0.206 s, 16384→2048 0.713 s for 4096 s)');
