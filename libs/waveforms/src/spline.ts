/**
 * Natural cubic spline, numerically equivalent to GSL's `gsl_interp_cspline`
 * (second derivative zero at both ends; tridiagonal system solved with the same
 * LDL^T recurrence as gsl_linalg_solve_symm_tridiag; interval search as gsl_interp_bsearch).
 * Used for the IMRPhenomD QNM table and available to other models (IMRPhenomPv2's t_corr).
 */
export class NaturalCubicSpline {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** c_i = half the second derivative at x_i (GSL's `c`). */
  readonly c: Float64Array;

  constructor(x: ArrayLike<number>, y: ArrayLike<number>) {
    const n = x.length;
    if (n < 3 || y.length !== n) throw new Error(`NaturalCubicSpline: need x, y of equal length >= 3, got ${n}, ${y.length}`);
    this.x = Float64Array.from(x);
    this.y = Float64Array.from(y);
    for (let i = 1; i < n; i++) {
      if (!(this.x[i] > this.x[i - 1])) throw new Error('NaturalCubicSpline: x must be strictly increasing');
    }
    const c = new Float64Array(n);
    const m = n - 2; // size of the interior system
    const diag = new Float64Array(m);
    const off = new Float64Array(m);
    const g = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const hi = this.x[i + 1] - this.x[i];
      const hip1 = this.x[i + 2] - this.x[i + 1];
      const ydi = this.y[i + 1] - this.y[i];
      const ydip1 = this.y[i + 2] - this.y[i + 1];
      off[i] = hip1;
      diag[i] = 2 * (hip1 + hi);
      g[i] = 3 * (ydip1 / hip1 - ydi / hi);
    }
    if (m === 1) {
      c[1] = g[0] / diag[0];
    } else {
      // Symmetric tridiagonal solve (GSL solve_tridiag for symmetric matrices).
      const gamma = new Float64Array(m);
      const alpha = new Float64Array(m);
      const z = new Float64Array(m);
      alpha[0] = diag[0];
      gamma[0] = off[0] / alpha[0];
      for (let i = 1; i < m - 1; i++) {
        alpha[i] = diag[i] - off[i - 1] * gamma[i - 1];
        gamma[i] = off[i] / alpha[i];
      }
      alpha[m - 1] = diag[m - 1] - off[m - 2] * gamma[m - 2];
      z[0] = g[0];
      for (let i = 1; i < m; i++) z[i] = g[i] - gamma[i - 1] * z[i - 1];
      const cc = new Float64Array(m);
      for (let i = 0; i < m; i++) cc[i] = z[i] / alpha[i];
      c[m] = cc[m - 1];
      for (let i = m - 2; i >= 0; i--) c[i + 1] = cc[i] - gamma[i] * c[i + 2];
    }
    this.c = c;
  }

  /** Index i with x[i] <= xv < x[i+1] (clamped to [0, n-2]), as gsl_interp_bsearch. */
  private interval(xv: number): number {
    const x = this.x;
    let lo = 0;
    let hi = x.length - 1;
    while (hi > lo + 1) {
      const i = (hi + lo) >> 1;
      if (x[i] > xv) hi = i;
      else lo = i;
    }
    return lo;
  }

  /** Spline value at xv; throws outside [x0, x_{n-1}] (GSL's domain check). */
  eval(xv: number): number {
    const x = this.x;
    if (!(xv >= x[0] && xv <= x[x.length - 1])) {
      throw new Error(`NaturalCubicSpline.eval: x=${xv} outside [${x[0]}, ${x[x.length - 1]}]`);
    }
    const i = this.interval(xv);
    const h = x[i + 1] - x[i];
    const dy = this.y[i + 1] - this.y[i];
    const ci = this.c[i];
    const cip1 = this.c[i + 1];
    const b = dy / h - (h * (cip1 + 2 * ci)) / 3;
    const d = (cip1 - ci) / (3 * h);
    const dx = xv - x[i];
    return this.y[i] + dx * (b + dx * (ci + dx * d));
  }

  /** First derivative of the spline at xv (gsl_interp_eval_deriv). */
  deriv(xv: number): number {
    const x = this.x;
    if (!(xv >= x[0] && xv <= x[x.length - 1])) {
      throw new Error(`NaturalCubicSpline.deriv: x=${xv} outside [${x[0]}, ${x[x.length - 1]}]`);
    }
    const i = this.interval(xv);
    const h = x[i + 1] - x[i];
    const dy = this.y[i + 1] - this.y[i];
    const ci = this.c[i];
    const cip1 = this.c[i + 1];
    const b = dy / h - (h * (cip1 + 2 * ci)) / 3;
    const d = (cip1 - ci) / (3 * h);
    const dx = xv - x[i];
    return b + dx * (2 * ci + 3 * d * dx);
  }
}
