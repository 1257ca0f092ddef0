/**
 * sin and cos of the same argument in one call, for the per-bin exp(-i phase) of the FD models.
 * Cody–Waite reduction by pi/2 with a three-part constant (exact products for |x| < 2^20 pi/2; the
 * waveform phases stay far below that), then the fdlibm minimax kernels on [-pi/4, pi/4].
 * Accuracy ~1 ulp of the result (checked against Math.sin/Math.cos in the tests); about twice as fast as
 * separate Math.sin and Math.cos calls in V8. Falls back to Math.sin/Math.cos for larger |x|.
 * The hot loops of the FD models inline the same steps (with the exported constants) to avoid the
 * call and the result slots.
 */

/** Result slots of {@link sincos}: SINCOS[0] = sin x, SINCOS[1] = cos x. */
export const SINCOS = new Float64Array(2);

export const INV_PIO2 = 6.36619772367581382433e-1;
export const PIO2_1 = 1.57079632673412561417e0; // first 33 bits of pi/2
export const PIO2_2 = 6.07710050630396597660e-11; // next 33 bits
export const PIO2_2T = 2.02226624879595063154e-21; // pi/2 - PIO2_1 - PIO2_2
export const LIMIT = 1647099.3291652855; // 2^20 * pi/2

export const S1 = -1.66666666666666324348e-1;
export const S2 = 8.33333333332248946124e-3;
export const S3 = -1.98412698298579493134e-4;
export const S4 = 2.75573137070700676789e-6;
export const S5 = -2.50507602534068634195e-8;
export const S6 = 1.58969099521155010221e-10;
export const C1 = 4.16666666666666019037e-2;
export const C2 = -1.38888888888741095749e-3;
export const C3 = 2.48015872894767294178e-5;
export const C4 = -2.75573143513906633035e-7;
export const C5 = 2.08757232129817482790e-9;
export const C6 = -1.13596475577881948265e-11;

/** Writes sin(x) to SINCOS[0] and cos(x) to SINCOS[1]. */
export function sincos(x: number): void {
  if (!(Math.abs(x) < LIMIT)) {
    SINCOS[0] = Math.sin(x);
    SINCOS[1] = Math.cos(x);
    return;
  }
  const n = Math.round(x * INV_PIO2);
  const r = x - n * PIO2_1 - n * PIO2_2 - n * PIO2_2T;
  const z = r * r;
  const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  const hz = 0.5 * z;
  const w = 1 - hz;
  const c = w + (1 - w - hz + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6))))));
  switch (n & 3) {
    case 0:
      SINCOS[0] = s;
      SINCOS[1] = c;
      break;
    case 1:
      SINCOS[0] = c;
      SINCOS[1] = -s;
      break;
    case 2:
      SINCOS[0] = -s;
      SINCOS[1] = -c;
      break;
    default:
      SINCOS[0] = -c;
      SINCOS[1] = s;
  }
}
