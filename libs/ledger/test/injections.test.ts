// Injection tables (port of test_injections.py, §4.2 / §4.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BilbyParameterSet,
  InjectionParameterSet,
  InterferometerResponseSet,
  LALParameterSet,
  WaveformPolarizationSet,
  WaveformSet,
  waveformClassFactory,
} from '../src/index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ledger-inj-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const LigoResponseSet = waveformClassFactory(['H1', 'L1'], InterferometerResponseSet, 'LigoResponseSet');
const N = 10;
const SR = 128;
const DURATION = 4;

function ones(rows: number, cols: number, value = 1): number[][] {
  return Array.from({ length: rows }, () => new Array(cols).fill(value));
}

function zeroParams(n: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const f of LigoResponseSet.fields) if (f.kind === 'parameter') out[f.name] = new Array(n).fill(0);
  return out;
}

function makeSet(): InstanceType<typeof LigoResponseSet> {
  return new LigoResponseSet({
    ...zeroParams(N),
    h1: ones(N, DURATION * SR),
    l1: ones(N, DURATION * SR),
    sample_rate: SR,
    duration: DURATION,
    num_injections: N,
    right_pad: DURATION / 2,
  });
}

test('factory adds lower-case waveform fields in the original positional order', () => {
  const names = LigoResponseSet.fields.map((f) => f.name);
  assert.deepEqual(names, [
    'mass_1', 'mass_2', 'a_1', 'a_2', 'tilt_1', 'tilt_2', 'phi_12', 'phi_jl',
    'ra', 'dec', 'redshift', 'psi', 'theta_jn', 'phase',
    'snr', 'ifo_snrs', 'ifos', 'sample_rate', 'duration', 'right_pad', 'num_injections',
    'injection_time', 'shift', 'h1', 'l1',
  ]);
  assert.equal(LigoResponseSet.name, 'LigoResponseSet');
  assert.equal(InterferometerResponseSet.withIfos(['H1', 'L1']), InterferometerResponseSet.withIfos(['H1', 'L1']));
});

test('construction checks waveform duration and num_injections', () => {
  assert.throws(
    () =>
      new LigoResponseSet({
        ...zeroParams(N),
        h1: ones(N, (DURATION * SR) / 2),
        l1: ones(N, (DURATION * SR) / 2),
        sample_rate: SR,
        duration: DURATION,
        num_injections: N,
        right_pad: DURATION / 2,
      }),
    /^Error: Specified waveform duration of 4 but waveform 'h1' has duration 2/,
  );
  assert.throws(
    () =>
      new LigoResponseSet({
        ...zeroParams(N),
        h1: ones(N, DURATION * SR),
        l1: ones(N, DURATION * SR),
        sample_rate: SR,
        duration: DURATION,
        num_injections: N - 1,
        right_pad: DURATION / 2,
      }),
    /^Error: LigoResponseSet has fewer total injections 9 than number of waveforms 10/,
  );
  assert.throws(() => new LigoResponseSet({ ...zeroParams(2), h1: ones(2, 4), l1: ones(2, 4), num_injections: 2 }), /Must specify sample rate/);
});

test('waveforms: cached float32 (N, 2, T) stack in alphabetical field order', () => {
  const set = makeSet();
  set.set('l1', ones(N, DURATION * SR, -3));
  assert.equal(set.hasCachedWaveforms, false);
  const w = set.waveforms;
  assert.deepEqual(w.shape, [N, 2, DURATION * SR]);
  assert.ok(w.data instanceof Float32Array);
  assert.equal(w.data[0], 1);
  assert.equal(w.data[DURATION * SR], -3);
  assert.equal(set.hasCachedWaveforms, true);
  assert.equal(set.waveforms, w, 'second access reuses the cache');
});

test('getTimes bounds', () => {
  const set = makeSet();
  set.set('injection_time', Array.from({ length: N }, (_, i) => i));
  assert.throws(() => set.getTimes(), /Must specify one of start or end/);
  let obj = set.getTimes(2);
  assert.equal(obj.length, 8);
  assert.equal(obj.num_injections, N);
  obj = set.getTimes(undefined, 6);
  assert.equal(obj.length, 6);
  obj = set.getTimes(2, 6.5);
  assert.equal(obj.length, 5);
});

test('read with start / end (waveform overlap)', async () => {
  const set = makeSet();
  set.set('injection_time', Array.from({ length: N }, (_, i) => i));
  const path = join(tmp, 'obj.h5');
  await set.write(path);
  let back = await LigoResponseSet.read(path, { start: 2.5 });
  assert.deepEqual(Array.from(back.injection_time), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  back = await LigoResponseSet.read(path, { end: 6 });
  assert.deepEqual(Array.from(back.injection_time), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  back = await LigoResponseSet.read(path, { start: 3.5, end: 5 });
  assert.deepEqual(Array.from(back.injection_time), [2, 3, 4, 5, 6, 7]);
  assert.deepEqual(back.column('h1').shape, [6, DURATION * SR]);
});

test('read with shifts (1-D and 2-D shift files)', async () => {
  const set = makeSet();
  const path = join(tmp, 'shifts.h5');
  set.set('injection_time', Array.from({ length: N }, (_, i) => i));
  set.set('shift', Array.from({ length: N }, (_, i) => (i < N / 2 ? 0 : 1)));
  await set.write(path);
  let back = await LigoResponseSet.read(path, { shifts: [0] });
  assert.equal(back.length, N / 2);
  assert.deepEqual(Array.from(back.injection_time), [0, 1, 2, 3, 4]);
  await assert.rejects(LigoResponseSet.read(path, { shifts: [[0]] }), /Specified shifts with 2 dimensions/);
  back = await LigoResponseSet.read(path, { shifts: [0, 1] });
  assert.equal(back.length, N);

  set.set('shift', Array.from({ length: N }, (_, i) => [0, i < N / 2 ? 0 : 1]));
  await set.write(path);
  back = await LigoResponseSet.read(path, { shifts: [0, 0] });
  assert.deepEqual(Array.from(back.injection_time), [0, 1, 2, 3, 4]);
  await assert.rejects(LigoResponseSet.read(path, { shifts: [0, 0, 0] }), /^Error: Specified 3 shifts when 2 ifos are present/);
  back = await LigoResponseSet.read(path, { shifts: [[0, 0]] });
  assert.equal(back.length, N / 2);
  back = await LigoResponseSet.read(path, { shifts: [[0, 0], [0, 1]] });
  assert.equal(back.length, N);

  // time + shift filters together, duration 2 s, right_pad 1 s
  const half = new LigoResponseSet({
    ...zeroParams(N),
    injection_time: Array.from({ length: N }, (_, i) => i % (N / 2)),
    shift: Array.from({ length: N }, (_, i) => [0, i < N / 2 ? 0 : 1]),
    h1: ones(N, 2 * SR),
    l1: ones(N, 2 * SR),
    sample_rate: SR,
    duration: 2,
    right_pad: 1,
    num_injections: N,
  });
  await half.write(path);
  back = await LigoResponseSet.read(path, { shifts: [0, 1], start: 2.5, end: 3.5 });
  assert.deepEqual(Array.from(back.injection_time), [2, 3, 4]);
  back = await LigoResponseSet.read(path, { shifts: [[0, 0], [0, 1]], start: 2.5, end: 3.5 });
  assert.equal(back.length, 6);
});

test('append sums num_injections and clears the waveform cache', () => {
  const set = makeSet();
  set.set('injection_time', Array.from({ length: N }, (_, i) => i));
  void set.waveforms;
  const extra = set.slice(0, 6);
  extra.num_injections = 13;
  extra.set('injection_time', [10, 11, 12, 13, 14, 15]);
  extra.set('h1', ones(6, DURATION * SR, 2));
  extra.set('l1', ones(6, DURATION * SR, 2));
  set.append(extra);
  assert.equal(set.num_injections, N + 13);
  assert.deepEqual(Array.from(set.injection_time), Array.from({ length: 16 }, (_, i) => i));
  assert.ok(Array.from(set.column('h1').data.subarray(N * DURATION * SR)).every((v) => v === 2));
  assert.equal(set.hasCachedWaveforms, false);
});

test('inject: plateaus and gaps of the original test_inject', () => {
  const set = makeSet();
  const T = DURATION * SR;
  set.set('injection_time', Array.from({ length: N }, (_, i) => (DURATION + 1) * i));
  set.set('h1', Array.from({ length: N }, (_, i) => new Array(T).fill(1 + i)));
  set.set('l1', Array.from({ length: N }, (_, i) => new Array(T).fill(-(1 + i))));
  const length = 27;
  const x = [new Float64Array(length * SR), new Float64Array(length * SR)];
  const [h, l] = set.inject(x, -1);
  assert.ok(x[0].every((v) => v === 0), 'input block unchanged');
  for (let s = 0; s < (DURATION - 1) * SR; s++) {
    assert.equal(h[s], 1);
    assert.equal(l[s], -1);
  }
  const offset = (DURATION - 1) * SR;
  for (let i = 0; i < 5; i++) {
    const zeroStart = offset + i * (DURATION + 1) * SR;
    const zeroEnd = zeroStart + SR;
    for (let s = zeroStart; s < zeroEnd; s++) assert.ok(h[s] === 0 && l[s] === 0, `gap ${i} sample ${s}`);
    const waveEnd = Math.min(zeroEnd + DURATION * SR, h.length);
    for (let s = zeroEnd; s < waveEnd; s++) {
      assert.equal(h[s], i + 2);
      assert.equal(l[s], -(i + 2));
    }
    if (i === 4) assert.equal(zeroEnd + DURATION * SR, x[0].length + SR);
  }
});

test('inject: sub-block placement and overlapping injections add up', () => {
  const RS = InterferometerResponseSet.withIfos(['H1']);
  const p: Record<string, number[]> = {};
  for (const f of RS.fields) if (f.kind === 'parameter') p[f.name] = [0, 0];
  // duration 1 s at 8 Hz, right_pad 0.25 -> waveform spans [t - 0.75, t + 0.25)
  const set = new RS({
    ...p,
    injection_time: [10.75, 11],
    shift: [0, 0],
    h1: [Array.from({ length: 8 }, (_, j) => j + 1), new Array(8).fill(100)],
    sample_rate: 8,
    duration: 1,
    right_pad: 0.25,
    num_injections: 2,
  });
  // block [10.5, 11.5): first waveform starts at 10.0 -> its samples 4..7 land at block 0..3
  const [y] = set.inject([new Float64Array(8)], 10.5);
  assert.deepEqual(Array.from(y), [5, 6, 7, 8, 0, 0, 0, 0].map((v, j) => v + (j >= 0 && j < 6 ? 100 : 0)));
  // block [9, 9.5) ends before the first waveform starts (10.0): nothing is added
  const [z] = set.inject([new Float64Array(4)], 9);
  assert.deepEqual(Array.from(z), [0, 0, 0, 0]);
  assert.throws(() => set.inject([new Float64Array(4), new Float64Array(4)], 0), /block has 2 channels, expected 1/);
});

test('bilby <-> LAL round trip through @aframe/waveforms keeps angles (tol 1e-9 rad)', () => {
  const bilby = new BilbyParameterSet({
    mass_1: [35, 50],
    mass_2: [20, 12],
    a_1: [0.5, 0.7],
    a_2: [0, 0.3],
    tilt_1: [Math.PI / 2, 0.4],
    tilt_2: [Math.PI / 2, 2.1],
    phi_12: [Math.PI, 1.3],
    phi_jl: [Math.PI, 4.0],
    ra: [Math.PI / 4, 1],
    dec: [Math.PI / 4, -0.3],
    redshift: [1, 0.2],
    psi: [Math.PI / 8, 2],
    theta_jn: [Math.PI / 8, 2.4],
    phase: [Math.PI / 8, 5.5],
  });
  // a toy linear Hubble law stands in for the cosmology hook; both directions use it
  const dL = (z: number) => 4400 * z;
  const zOf = (d: number) => d / 4400;
  const lal = bilby.convertToLalParamSet(20, dL);
  assert.ok(lal instanceof LALParameterSet);
  assert.deepEqual(Array.from(lal.luminosity_distance), [4400, 880]);
  // spin magnitudes are preserved by the rotation
  assert.ok(Math.abs(Math.hypot(lal.spin1x[1], lal.spin1y[1], lal.spin1z[1]) - 0.7) < 1e-12);
  const back = lal.convertToBilbyParamSet(20, zOf);
  // a_2 = 0: tilt_2 is set to 0 (LAL would report pi/2) and phi_12 is undefined
  assert.equal(back.tilt_2[0], 0);
  for (const k of ['mass_1', 'mass_2', 'a_1', 'a_2', 'tilt_1', 'phi_jl', 'ra', 'dec', 'psi', 'theta_jn', 'phase', 'redshift']) {
    const a = bilby.param(k);
    const b = back.param(k);
    for (let i = 0; i < 2; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-9, `${k}[${i}]: ${a[i]} vs ${b[i]}`);
  }
  assert.ok(Math.abs(back.tilt_2[1] - 2.1) < 1e-9 && Math.abs(back.phi_12[1] - 1.3) < 1e-9);
  // derived quantities
  assert.ok(Math.abs(bilby.chirp_mass[0] - Math.pow(35 * 20, 0.6) / Math.pow(55, 0.2)) < 1e-12);
  assert.deepEqual(Array.from(bilby.mass_1_source), [17.5, 50 / 1.2]);
  assert.deepEqual(Array.from(bilby.mass_ratio), [20 / 35, 12 / 50]);
});

test('WaveformPolarizationSet stacks [cross, plus]; InjectionParameterSet merges ifos as lists', () => {
  const p: Record<string, number[]> = {};
  for (const f of WaveformPolarizationSet.fields) if (f.kind === 'parameter') p[f.name] = [1, 2];
  const pol = new WaveformPolarizationSet({
    ...p,
    cross: [[1, 2], [3, 4]],
    plus: [[5, 6], [7, 8]],
    sample_rate: 2,
    duration: 1,
    right_pad: 0.5,
    num_injections: 2,
  });
  const w = pol.getWaveforms();
  assert.deepEqual(w.shape, [2, 2, 2]);
  assert.deepEqual(Array.from(w.data), [1, 2, 5, 6, 3, 4, 7, 8]);
  assert.equal(pol.waveform_duration, 1);

  const q: Record<string, number[] | number[][]> = {};
  for (const f of InjectionParameterSet.fields) if (f.kind === 'parameter') q[f.name] = [1];
  q.ifo_snrs = [[3, 4]];
  const a = new InjectionParameterSet({ ...q, ifos: ['H1', 'L1'] });
  a.append(new InjectionParameterSet({ ...q, ifos: [] }));
  assert.deepEqual(a.ifos, ['H1', 'L1']);
  assert.throws(() => a.append(new InjectionParameterSet({ ...q, ifos: ['H1', 'V1'] })), /Incompatible ifos \[H1, L1\] and \[H1, V1\]/);
});

test('WaveformSet.withIfos: validation-waveform class round trip and partial reads', async () => {
  const Val = WaveformSet.withIfos(['H1', 'L1']);
  assert.equal(Val.name, 'WaveformSet');
  assert.deepEqual(Val.fields.slice(-2).map((f) => f.name), ['h1', 'l1']);
  assert.throws(() => waveformClassFactory(['H1'], Val, 'Again'), /already has a field 'h1'/);
  const p: Record<string, number[] | number[][]> = {};
  for (const f of Val.fields) if (f.kind === 'parameter') p[f.name] = [1, 2, 3];
  p.ifo_snrs = [[1, 2], [3, 4], [5, 6]];
  const val = new Val({
    ...p,
    h1: [[1, 1], [2, 2], [3, 3]],
    l1: [[-1, -1], [-2, -2], [-3, -3]],
    ifos: ['H1', 'L1'],
    sample_rate: 2,
    duration: 1,
    right_pad: 0.25,
    num_injections: 10,
  });
  const path = join(tmp, 'val_waveforms.hdf5');
  await val.write(path);
  const mid = await Val.readRange(path, 1, 3);
  assert.deepEqual(Array.from(mid.column('l1').data), [-2, -2, -3, -3]);
  assert.deepEqual(Array.from(mid.ifo_snrs), [3, 4, 5, 6]);
  assert.equal(mid.num_injections, 10);
  await assert.rejects(Val.readRange(path, 2, 4), /\[2, 4\) is not a row range/);
});

test('default cosmology is Planck15 (astropy 5 values, rtol 1e-9) and round-trips the redshift', () => {
  const p: Record<string, number[]> = {};
  for (const f of BilbyParameterSet.fields) p[f.name] = [0.3, 0.3];
  p.mass_1 = [30, 30];
  p.mass_2 = [20, 20];
  p.redshift = [1, 0.2];
  const b = new BilbyParameterSet(p);
  // astropy.cosmology.Planck15.luminosity_distance([1.0, 0.2]) in Mpc
  const ref = [6791.810623950696, 1011.4196559461382];
  const dL = b.luminosityDistance();
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(dL[i] / ref[i] - 1) < 1e-9, `${dL[i]} vs ${ref[i]}`);
  const back = b.convertToLalParamSet(20).convertToBilbyParamSet(20);
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(back.redshift[i] - p.redshift[i]) < 1e-8);
});
