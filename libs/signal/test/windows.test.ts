import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hann, hamming, kaiser, tukey, firwin, lfilterZiFir, medianBias } from '../src/index.ts';
import { refs, relMaxError } from './refs.ts';

const s = refs.small;
// Tolerance 1e-14 relative: closed-form windows, only rounding differs from scipy.
const TOL = 1e-14;

test('windows match scipy.signal.windows (periodic and symmetric)', () => {
  assert.ok(relMaxError(hann(8), s.hann_periodic_8) < TOL);
  assert.ok(relMaxError(hann(7, true), s.hann_sym_7) < TOL);
  assert.ok(relMaxError(hamming(61), s.hamming_sym_61) < TOL);
  assert.ok(relMaxError(kaiser(41, 5.0), s.kaiser5_sym_41) < 1e-13);
  assert.ok(relMaxError(tukey(101, 0.3), s.tukey_0p3_sym_101) < TOL);
  assert.ok(relMaxError(tukey(100, 0.5, false), s.tukey_0p5_periodic_100) < TOL);
  assert.ok(relMaxError(tukey(2048, 0.1), s.tukey_0p1_sym_2048) < TOL);
});

test('periodic Hann is 0.5 − 0.5 cos(2πn/N) (torch.hann_window)', () => {
  const w = hann(16);
  for (let n = 0; n < 16; n++) assert.ok(Math.abs(w[n] - (0.5 - 0.5 * Math.cos((2 * Math.PI * n) / 16))) < 1e-15);
  assert.deepEqual(Array.from(tukey(5, 0)), [1, 1, 1, 1, 1]);
  assert.ok(relMaxError(tukey(9, 1), hann(9, true)) < 1e-15);
});

test('firwin and lfilter_zi match scipy', () => {
  assert.ok(relMaxError(firwin(61, 0.5), s.firwin_61_half) < 1e-13);
  assert.ok(relMaxError(firwin(61, 1 / 8), s.firwin_61_eighth) < 1e-13);
  assert.ok(relMaxError(firwin(61, 1 / 3, { kaiser: 5 }), s.firwin_61_kaiser_third) < 1e-13);
  assert.ok(relMaxError(lfilterZiFir(firwin(61, 0.5)), s.lfilter_zi_firwin_61_half) < 1e-13);
});

test('median bias matches scipy _median_bias', () => {
  for (const [n, v] of Object.entries(s.median_bias as unknown as Record<string, number>)) {
    assert.ok(Math.abs(medianBias(Number(n)) - v) < 1e-15, `n=${n}`);
  }
});

test('window arguments are validated', () => {
  assert.throws(() => hann(-1), /length must be an integer >= 0/);
  assert.throws(() => kaiser(10, -1), /beta must be a finite number >= 0/);
  assert.throws(() => firwin(61, 1.5), /cutoff must be in \(0, 1\)/);
  assert.throws(() => tukey(10, NaN), /alpha must be a finite number/);
});
