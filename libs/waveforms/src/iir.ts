/**
 * Digital Butterworth high-pass in (b, a) form and zero-phase forward-backward filtering,
 * as used by ml4gw's TimeDomainCBCWaveformGenerator (aframe-reference §10.7 step 11):
 * scipy.signal.iirfilter(N, Wn, btype='highpass', ftype='butter') (analog prototype, pre-warped
 * bilinear transform with fs = 2, zpk -> tf), then torchaudio-style filtfilt
 * (lfilter, reverse, lfilter, reverse; zero initial state, no edge padding).
 */

/** Complex numbers as [re, im] pairs for the few zpk operations below. */
type C = [number, number];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cdiv = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};

/** Coefficients of prod_i (x - r_i), highest power first; real part returned (numpy.poly). */
function poly(roots: C[]): Float64Array {
  let c: C[] = [[1, 0]];
  for (const r of roots) {
    const next: C[] = new Array(c.length + 1).fill(null).map((): C => [0, 0]);
    for (let i = 0; i < c.length; i++) {
      next[i][0] += c[i][0];
      next[i][1] += c[i][1];
      const m = cmul(c[i], r);
      next[i + 1][0] -= m[0];
      next[i + 1][1] -= m[1];
    }
    c = next;
  }
  return Float64Array.from(c.map((z) => z[0]));
}

/**
 * Butterworth high-pass of order `order` with normalised cut-off wn = fc / (fs/2) in (0, 1):
 * returns {b, a} with a[0] = 1 (scipy.signal.butter(order, wn, 'highpass')).
 */
export function butterHighpass(order: number, wn: number): { b: Float64Array; a: Float64Array } {
  if (!(Number.isInteger(order) && order >= 1)) throw new Error(`order must be a positive integer, got ${order}`);
  if (!(wn > 0 && wn < 1)) throw new Error(`wn must be in (0, 1) (cut-off / Nyquist), got ${wn}`);
  const fs = 2;
  const warped = 2 * fs * Math.tan((Math.PI * wn) / fs);
  // Analog low-pass prototype poles: -exp(i pi m / (2N)), m = -N+1, -N+3, ..., N-1.
  const p: C[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    const th = (Math.PI * m) / (2 * order);
    p.push([-Math.cos(th), -Math.sin(th)]);
  }
  // Low-pass -> high-pass: poles wo/p, N zeros at 0, gain 1/real(prod(-p)).
  let prodNegP: C = [1, 0];
  for (const pk of p) prodNegP = cmul(prodNegP, [-pk[0], -pk[1]]);
  let k = 1 / prodNegP[0];
  const php: C[] = p.map((pk) => cdiv([warped, 0], pk));
  const zhp: C[] = p.map((): C => [0, 0]);
  // Bilinear transform, fs2 = 2 fs.
  const fs2 = 2 * fs;
  const zz: C[] = zhp.map((z) => cdiv([fs2 + z[0], z[1]], [fs2 - z[0], -z[1]]));
  const pz: C[] = php.map((q) => cdiv([fs2 + q[0], q[1]], [fs2 - q[0], -q[1]]));
  let num: C = [1, 0];
  let den: C = [1, 0];
  for (const z of zhp) num = cmul(num, [fs2 - z[0], -z[1]]);
  for (const q of php) den = cmul(den, [fs2 - q[0], -q[1]]);
  k *= cdiv(num, den)[0];
  const b = poly(zz).map((v) => v * k);
  const a = poly(pz);
  return { b, a };
}

/**
 * The same Butterworth high-pass as second-order sections: one row [b0, b1, b2, 1, a1, a2] per
 * conjugate pole pair (zeros at z = 1), the overall gain folded into the first section.
 * Mathematically identical to butterHighpass's (b, a) but numerically well conditioned: at low
 * cut-offs the 8th-order (b, a) recursion amplifies rounding to ~1e-4 of the output.
 */
export function butterHighpassSOS(order: number, wn: number): Float64Array {
  if (!(Number.isInteger(order) && order >= 2 && order % 2 === 0)) throw new Error(`order must be an even integer >= 2, got ${order}`);
  if (!(wn > 0 && wn < 1)) throw new Error(`wn must be in (0, 1) (cut-off / Nyquist), got ${wn}`);
  const fs2 = 4; // 2 * fs with fs = 2
  const warped = fs2 * Math.tan((Math.PI * wn) / 2);
  const nSec = order / 2;
  const sos = new Float64Array(6 * nSec);
  let gain = 1;
  for (let i = 0; i < nSec; i++) {
    const m = -order + 1 + 2 * i; // pole and its conjugate (-m)
    const th = (Math.PI * m) / (2 * order);
    const p: C = [-Math.cos(th), -Math.sin(th)];
    const hp = cdiv([warped, 0], p); // high-pass analog pole
    const z = cdiv([fs2 + hp[0], hp[1]], [fs2 - hp[0], -hp[1]]); // bilinear
    // Gain of this pair: |p|^2 (from 1/prod(-p)) times |fs2|^2/|fs2 - hp|^2 (bilinear).
    const pm2 = p[0] * p[0] + p[1] * p[1];
    const d2 = (fs2 - hp[0]) * (fs2 - hp[0]) + hp[1] * hp[1];
    gain *= (1 / pm2) * ((fs2 * fs2) / d2);
    sos.set([1, -2, 1, 1, -2 * z[0], z[0] * z[0] + z[1] * z[1]], 6 * i);
  }
  for (let j = 0; j < 3; j++) sos[j] *= gain;
  return sos;
}

/** Cascade of second-order sections (rows [b0, b1, b2, 1, a1, a2]) with zero state, in place (scipy sosfilt). */
export function sosfilt(sos: Float64Array, x: Float64Array): void {
  const nSec = sos.length / 6;
  const n = x.length;
  for (let s = 0; s < nSec; s++) {
    const b0 = sos[6 * s];
    const b1 = sos[6 * s + 1];
    const b2 = sos[6 * s + 2];
    const a1 = sos[6 * s + 4];
    const a2 = sos[6 * s + 5];
    let z0 = 0;
    let z1 = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const yi = b0 * xi + z0;
      z0 = b1 * xi - a1 * yi + z1;
      z1 = b2 * xi - a2 * yi;
      x[i] = yi;
    }
  }
}

/** Zero-phase second-order-section filtering: forward, reverse, forward, reverse (no padding), in place. */
export function sosfiltfilt(sos: Float64Array, x: Float64Array): void {
  sosfilt(sos, x);
  x.reverse();
  sosfilt(sos, x);
  x.reverse();
}

/**
 * sosfiltfilt for a signal that is exactly zero before index `firstNonZero` (a left-zero-padded
 * waveform): the forward pass starts there (a zero-state filter maps zeros to zeros), and the backward
 * pass stops once it is inside the zero region and every section's state has decayed below
 * 1e-20 of the largest output (the rest is set to 0: an error below 1e-20 of the peak). In place.
 * Four-section cascades (8th order) run a specialised loop with the coefficients in locals.
 */
export function sosfiltfiltPadded(sos: Float64Array, x: Float64Array, firstNonZero: number): void {
  const n = x.length;
  const start = Math.max(0, Math.min(firstNonZero, n));
  if (sos.length !== 24) {
    sosGeneric(sos, x, start);
    return;
  }
  const [b00, b01, b02, , a01, a02, b10, b11, b12, , a11, a12, b20, b21, b22, , a21, a22, b30, b31, b32, , a31, a32] = sos;
  let z00 = 0, z01 = 0, z10 = 0, z11 = 0, z20 = 0, z21 = 0, z30 = 0, z31 = 0; // prettier-ignore
  for (let i = start; i < n; i++) {
    const v0 = x[i];
    const y0 = b00 * v0 + z00;
    z00 = b01 * v0 - a01 * y0 + z01;
    z01 = b02 * v0 - a02 * y0;
    const y1 = b10 * y0 + z10;
    z10 = b11 * y0 - a11 * y1 + z11;
    z11 = b12 * y0 - a12 * y1;
    const y2 = b20 * y1 + z20;
    z20 = b21 * y1 - a21 * y2 + z21;
    z21 = b22 * y1 - a22 * y2;
    const y3 = b30 * y2 + z30;
    z30 = b31 * y2 - a31 * y3 + z31;
    z31 = b32 * y2 - a32 * y3;
    x[i] = y3;
  }
  z00 = z01 = z10 = z11 = z20 = z21 = z30 = z31 = 0;
  let peak = 0;
  let i = n - 1;
  for (; i >= 0; i--) {
    const v0 = x[i];
    const y0 = b00 * v0 + z00;
    z00 = b01 * v0 - a01 * y0 + z01;
    z01 = b02 * v0 - a02 * y0;
    const y1 = b10 * y0 + z10;
    z10 = b11 * y0 - a11 * y1 + z11;
    z11 = b12 * y0 - a12 * y1;
    const y2 = b20 * y1 + z20;
    z20 = b21 * y1 - a21 * y2 + z21;
    z21 = b22 * y1 - a22 * y2;
    const y3 = b30 * y2 + z30;
    z30 = b31 * y2 - a31 * y3 + z31;
    z31 = b32 * y2 - a32 * y3;
    x[i] = y3;
    const a = Math.abs(y3);
    if (a > peak) peak = a;
    if (i < start && (i & 31) === 0) {
      const zm = Math.max(
        Math.abs(z00), Math.abs(z01), Math.abs(z10), Math.abs(z11), Math.abs(z20), Math.abs(z21), Math.abs(z30), Math.abs(z31),
      ); // prettier-ignore
      if (zm <= 1e-20 * peak) break;
    }
  }
  for (let j = i - 1; j >= 0; j--) x[j] = 0;
}

/** Generic-cascade version of sosfiltfiltPadded (no early stop). */
function sosGeneric(sos: Float64Array, x: Float64Array, start: number): void {
  x.fill(0, 0, start);
  sosfilt(sos, x.subarray(start));
  x.reverse();
  sosfilt(sos, x);
  x.reverse();
}

/**
 * Direct-form II transposed IIR filter with zero initial state (scipy.signal.lfilter with a[0] = 1
 * after normalisation); y may be x (in place). `z` is optional scratch for the state.
 */
export function lfilter(b: Float64Array, a: Float64Array, x: Float64Array, y: Float64Array, z?: Float64Array): void {
  const order = Math.max(a.length, b.length) - 1;
  const a0 = a[0];
  const bn = new Float64Array(order + 1);
  const an = new Float64Array(order + 1);
  for (let i = 0; i < b.length; i++) bn[i] = b[i] / a0;
  for (let i = 0; i < a.length; i++) an[i] = a[i] / a0;
  const state = z && z.length >= order ? z : new Float64Array(order);
  state.fill(0);
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = bn[0] * xi + state[0];
    for (let j = 0; j < order - 1; j++) state[j] = bn[j + 1] * xi - an[j + 1] * yi + state[j + 1];
    state[order - 1] = bn[order] * xi - an[order] * yi;
    y[i] = yi;
  }
}

/** Zero-phase filtering as torchaudio.functional.filtfilt (clamp=False): forward, reverse, forward, reverse. In place. */
export function filtfilt(b: Float64Array, a: Float64Array, x: Float64Array, state?: Float64Array): void {
  lfilter(b, a, x, x, state);
  x.reverse();
  lfilter(b, a, x, x, state);
  x.reverse();
}
