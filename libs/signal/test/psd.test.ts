import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { loadPsdFile, parseSpectrumText, psdOnUniformGrid, requireValidPsd } from '../src/index.ts';
import { SHARED_DATA } from './refs.ts';

const path = (p: string): string => fileURLToPath(new URL(p, SHARED_DATA));

test('ASD and PSD files of the same bilby curve give the same PSD on a uniform grid', () => {
  const opts = { df: 0.125, bins: 8193 };
  const fromAsd = loadPsdFile(path('psd/bilby_noise_curves/aLIGO_ZERO_DET_high_P_asd.txt'), { ...opts, kind: 'asd' });
  const fromPsd = loadPsdFile(path('psd/bilby_noise_curves/aLIGO_ZERO_DET_high_P_psd.txt'), { ...opts, kind: 'psd' });
  assert.equal(fromAsd.psd.length, 8193);
  assert.equal(fromAsd.frequencies[8], 1);
  // The two files are tabulated independently (different rows); log-log interpolation agrees to < 2 %
  // in the sensitive band 20–1000 Hz.
  for (let k = 160; k <= 8000; k++) {
    const r = fromAsd.psd[k] / fromPsd.psd[k];
    assert.ok(Math.abs(r - 1) < 0.02, `bin ${k}: ratio ${r}`);
  }
  // design sensitivity near 100 Hz ≈ 4e-24 /√Hz (aLIGO zero-detuning high power)
  const asd100 = Math.sqrt(fromAsd.psd[800]);
  assert.ok(asd100 > 3e-24 && asd100 < 5e-24, `ASD(100 Hz) = ${asd100}`);
  requireValidPsd(fromAsd.psd);
});

test('log-log interpolation is exact for a power law; edges are held', () => {
  const table = parseSpectrumText('# f asd\n10 1e-20\n100 1e-22\n1000,1e-24\n');
  const psd = psdOnUniformGrid(table, { df: 1, bins: 2001, kind: 'asd' });
  // ASD ∝ f^-2 → PSD ∝ f^-4
  for (const f of [10, 20, 55, 100, 316, 999]) {
    const expected = (1e-20 * (f / 10) ** -2) ** 2;
    assert.ok(Math.abs(psd[f] / expected - 1) < 1e-12, `f=${f}`);
  }
  assert.equal(psd[0], 1e-40);
  assert.equal(psd[5], 1e-40);
  assert.equal(psd[10], 1e-40);
  assert.ok(Math.abs(psd[2000] / 1e-48 - 1) < 1e-12);
});

test('minimumFrequency skips filler rows (GW190521 BayesWave PSD has 0.25 below 11 Hz)', () => {
  const p = path('psd/GW190521_bayeswave_glitch_median/glitch_median_PSD_H1.dat');
  const psd = loadPsdFile(p, { df: 0.125, bins: 8192, kind: 'psd', minimumFrequency: 11 }).psd;
  // below 11 Hz the first kept row (11 Hz: 5.54998e-41) is held; grid points that coincide with rows
  // reproduce the row value read from the file itself
  assert.equal(psd[0], 5.54998e-41);
  assert.equal(psd[87], 5.54998e-41);
  const table = parseSpectrumText(readFileSync(p, 'utf8'));
  for (const k of [88, 800, 4000, 8000, 8190]) {
    assert.ok(Math.abs(psd[k] / table.values[k] - 1) < 1e-12, `bin ${k}`);
  }
});

test('bad spectrum tables are rejected with the line number', () => {
  assert.throws(() => parseSpectrumText('10 1\n5 2\n', 'f.txt'), /f.txt line 2: frequencies must be strictly increasing/);
  assert.throws(() => parseSpectrumText('10 abc\n', 'f.txt'), /f.txt line 1 must hold two finite numbers/);
  assert.throws(() => parseSpectrumText('10 1\n', 'f.txt'), /at least two rows/);
  const t = parseSpectrumText('10 0\n20 1\n');
  assert.throws(() => psdOnUniformGrid(t, { df: 1, bins: 10, kind: 'psd' }), /value > 0/);
  assert.throws(() => psdOnUniformGrid(t, { df: 0, bins: 10, kind: 'psd' }), /df must be a finite number > 0/);
});
