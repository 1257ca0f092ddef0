/**
 * One-sample Kolmogorov–Smirnov test against an analytic CDF.
 * D = sup |F_n(x) − F(x)| = max_i max(i/n − F(x_(i)), F(x_(i)) − (i−1)/n) (as scipy.stats.kstest);
 * p-value from the asymptotic Kolmogorov distribution with Stephens' (1970) small-sample
 * correction, p ≈ Q((√n + 0.12 + 0.11/√n)·D), accurate to a few per cent for n ≥ 5.
 */
import { kolmogorovSf } from './special.ts';

export interface KsResult {
  statistic: number;
  pValue: number;
  n: number;
}

export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = samples.length;
  if (n === 0) throw new Error('ksStatistic: samples must be non-empty');
  const sorted = Float64Array.from(samples).sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    if (!(f >= 0 && f <= 1)) throw new Error(`ksStatistic: cdf(${sorted[i]}) = ${f} is not in [0, 1]`);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

export function ksTest(samples: ArrayLike<number>, cdf: (x: number) => number): KsResult {
  const n = samples.length;
  const statistic = ksStatistic(samples, cdf);
  const sn = Math.sqrt(n);
  return { statistic, pValue: kolmogorovSf((sn + 0.12 + 0.11 / sn) * statistic), n };
}
