/**
 * FFT benchmark: rfft and irfft at n = 4096, 5120, 65536, 2^20 versus numpy.fft.rfft/irfft measured in
 * the same run by /usr/bin/python3 (ratio = numpy time / our time; > 1 means we are faster).
 * Run: npx tsx libs/signal/bench/fft.bench.ts
 */
import { RealFFT, fftBackend } from '../src/index.ts';
import { timeMs, runPython, PY_TIMER, fmtRatio } from './util.ts';

const SIZES = [4096, 5120, 7164, 65536, 1 << 20];
const repsFor = (n: number): number => Math.max(3, Math.floor(2e6 / n));

const py = runPython(`${PY_TIMER}
import numpy as np
out = {}
for n in ${JSON.stringify(SIZES)}:
    x = np.random.default_rng(0).standard_normal(n)
    X = np.fft.rfft(x)
    reps = max(3, 2000000 // n)
    out[f"rfft{n}"] = time_ms(lambda: np.fft.rfft(x), reps)
    out[f"irfft{n}"] = time_ms(lambda: np.fft.irfft(X, n), reps)
print(json.dumps(out))
`);
if (typeof py === 'string') console.log(`numpy baseline skipped: ${py}`);
const base = typeof py === 'string' ? {} : py;

console.log('n        backend            rfft µs   numpy µs  ratio   irfft µs  numpy µs  ratio');
for (const n of SIZES) {
  const plan = new RealFFT(n);
  const x = new Float64Array(n).map(() => Math.random() - 0.5);
  const spec = new Float64Array(2 * plan.bins);
  const back = new Float64Array(n);
  const tf = timeMs(() => plan.forward(x, spec), repsFor(n));
  const ti = timeMs(() => plan.inverse(spec, back), repsFor(n));
  const nf = base[`rfft${n}`];
  const ni = base[`irfft${n}`];
  console.log(
    `${String(n).padEnd(8)} ${fftBackend(n).padEnd(18)} ${(tf * 1e3).toFixed(1).padStart(8)} ${nf !== undefined ? (nf * 1e3).toFixed(1).padStart(9) : '      n/a'}  ${fmtRatio(tf, nf).padStart(6)} ${(ti * 1e3).toFixed(1).padStart(9)} ${ni !== undefined ? (ni * 1e3).toFixed(1).padStart(9) : '      n/a'}  ${fmtRatio(ti, ni).padStart(6)}`,
  );
}
