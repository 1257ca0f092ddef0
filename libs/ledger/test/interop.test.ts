// Interoperability with h5py / the original ledger layout (§4.3):
// (1) committed files written by h5py exactly as the original Ledger.write does are read here;
// (2) files written here are opened by h5py with the original's reading logic (skipped without python3-h5py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventSet,
  InjectionParameterSet,
  InterferometerResponseSet,
  type Ledger,
  RecoveredInjectionSet,
  WaveformPolarizationSet,
} from '../src/index.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(FIXTURES, 'fixtures.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'ledger-interop-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));
const ResponseSet = InterferometerResponseSet.withIfos(['H1', 'L1']);

function flat(v: number[] | number[][]): number[] {
  return (v as unknown[]).flat() as number[];
}

function assertColumns(obj: Ledger, values: Record<string, number[] | number[][]>): void {
  for (const [k, v] of Object.entries(values)) {
    // float64 survives the HDF5 round trip bit for bit
    assert.deepEqual(Array.from(obj.column(k).data), flat(v), k);
    const rows = Array.isArray(v[0]) ? [v.length, (v[0] as number[]).length] : [v.length];
    assert.deepEqual(obj.column(k).shape, rows, `${k} shape`);
  }
}

test('h5py-written EventSet (background.hdf5 layout) reads back exactly', async () => {
  const ev = await EventSet.read(join(FIXTURES, 'events_py.hdf5'));
  assert.equal(ev.length, 20);
  assert.equal(ev.Tb, expected.events.Tb);
  assertColumns(ev, expected.events.params);
  assert.ok(ev.isSortedBy('detection_statistic'));
  assert.equal(ev.nb(0), expected.events.params.detection_statistic.filter((x: number) => x >= 0).length);
});

test('h5py-written response set / polarisations / rejected / foreground read back exactly', async () => {
  const rs = await ResponseSet.read(join(FIXTURES, 'response_set_py.hdf5'));
  assertColumns(rs, expected.response_set.params);
  assertColumns(rs, expected.response_set.waveforms);
  assert.deepEqual(rs.metadata(), { ...expected.response_set.attrs });
  // time + shift filtered partial read: injections every 24 s from t0 = 1240000100, duration 2 s, right_pad 0.5
  const t0 = 1_240_000_100;
  const part = await ResponseSet.read(join(FIXTURES, 'response_set_py.hdf5'), { start: t0 + 24, end: t0 + 80, shifts: [0, 2] });
  assert.deepEqual(Array.from(part.injection_time), [t0 + 72]);
  const partAll = await ResponseSet.read(join(FIXTURES, 'response_set_py.hdf5'), { start: t0 + 24, end: t0 + 80 });
  assert.deepEqual(Array.from(partAll.injection_time), [t0 + 24, t0 + 48, t0 + 72]);
  assert.deepEqual(Array.from(partAll.column('l1').data), flat(expected.response_set.waveforms.l1.slice(1, 4)));

  const pol = await WaveformPolarizationSet.read(join(FIXTURES, 'polarizations_py.hdf5'));
  assertColumns(pol, expected.polarizations.params);
  assertColumns(pol, expected.polarizations.waveforms);
  assert.deepEqual(pol.metadata(), expected.polarizations.attrs);

  const rej = await InjectionParameterSet.read(join(FIXTURES, 'rejected_py.hdf5'));
  assertColumns(rej, expected.rejected.params);
  assert.deepEqual(rej.ifos, ['H1', 'L1']);

  const fg = await RecoveredInjectionSet.read(join(FIXTURES, 'foreground_py.hdf5'));
  assertColumns(fg, expected.foreground.params);
  assert.deepEqual(fg.metadata(), expected.foreground.attrs);
});

const python = '/usr/bin/python3';
const hasH5py = spawnSync(python, ['-c', 'import h5py'], { encoding: 'utf8' }).status === 0;

interface Report {
  attrs: Record<string, { dtype: string; value: unknown }>;
  datasets: Record<string, { dtype: string; shape: number[]; chunks: number[] | null; values: unknown }>;
  errors: string[];
  ifos_list?: string[];
}

function checkWithH5py(files: { path: string; obj: Ledger }[]): Report[] {
  const specs = files.map(({ path, obj }) => ({
    path,
    parameters: obj.fieldNames('parameter'),
    waveforms: obj.fieldNames('waveform'),
    metadata: obj.fieldNames('metadata'),
  }));
  const res = spawnSync(python, [join(FIXTURES, 'check_ts_layout.py'), JSON.stringify(specs)], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout) as Report[];
}

test('files written here open in h5py with the original layout and reading logic', { skip: hasH5py ? false : 'python3-h5py not installed (/usr/bin/python3 -c "import h5py" failed)' }, async () => {
  const n = 70; // > 64 so that waveform chunks are (64, T)
  const T = 32;
  const p: Record<string, number[] | number[][]> = {};
  for (const f of ResponseSet.fields) if (f.kind === 'parameter') p[f.name] = Array.from({ length: n }, (_, i) => i * 0.5 + f.name.length);
  p.ifo_snrs = Array.from({ length: n }, (_, i) => [i, 2 * i]);
  p.shift = Array.from({ length: n }, () => [0, 1]);
  const wave = (s: number) => Array.from({ length: n }, (_, i) => Array.from({ length: T }, (_, j) => s * Math.sin(i + j / 7)));
  const rs = new ResponseSet({ ...p, h1: wave(1), l1: wave(-1), ifos: ['H1', 'L1'], sample_rate: 16, duration: 2, right_pad: 0.5, num_injections: 100 });
  const pol = new WaveformPolarizationSet({
    ...Object.fromEntries(WaveformPolarizationSet.fields.filter((f) => f.kind === 'parameter').map((f) => [f.name, p[f.name]])),
    cross: wave(2),
    plus: wave(3),
    sample_rate: 16,
    duration: 2,
    right_pad: 0.5,
    num_injections: n,
  });
  const ev = new EventSet({ detection_statistic: p.snr, detection_time: p.injection_time, shift: p.shift, Tb: 1234.5 });
  const files = [
    { path: join(tmp, 'waveforms.hdf5'), obj: rs as Ledger },
    { path: join(tmp, 'training_waveforms.hdf5'), obj: pol },
    { path: join(tmp, 'background.hdf5'), obj: ev },
  ];
  for (const f of files) await f.obj.write(f.path);
  // an aggregated file too (resizable datasets)
  await rs.slice(0, 30).write(join(tmp, 'a.hdf5'));
  await rs.slice(30).write(join(tmp, 'b.hdf5'));
  await ResponseSet.aggregate([join(tmp, 'a.hdf5'), join(tmp, 'b.hdf5')], join(tmp, 'agg.hdf5'));
  files.push({ path: join(tmp, 'agg.hdf5'), obj: rs });

  const reports = checkWithH5py(files);
  reports.forEach((r, k) => {
    const obj = files[k].obj;
    assert.deepEqual(r.errors, [], files[k].path);
    assert.equal(r.attrs.length.dtype, 'int64');
    assert.equal(r.attrs.length.value, n);
    for (const name of obj.fieldNames('parameter')) {
      const d = r.datasets[`parameters/${name}`];
      assert.equal(d.dtype, '<f8', name);
      assert.deepEqual(d.shape, obj.column(name).shape, name);
      assert.deepEqual((d.values as unknown[]).flat(), Array.from(obj.column(name).data), name);
    }
    for (const name of obj.fieldNames('waveform')) {
      const d = r.datasets[`waveforms/${name}`];
      assert.equal(d.dtype, '<f8');
      assert.deepEqual(d.shape, [n, T]);
      assert.deepEqual(d.chunks, [64, T], 'waveform chunks (min(64, N), T)');
      assert.deepEqual((d.values as unknown[]).flat(), Array.from(obj.column(name).data), name);
    }
  });
  const [rsR, polR, evR, aggR] = reports;
  for (const r of [rsR, aggR]) {
    assert.deepEqual(r.ifos_list, ['H1', 'L1']);
    assert.equal(r.attrs.ifos.dtype, 'object', 'ifos stored as variable-length strings');
    assert.equal(r.attrs.num_injections.dtype, 'int64');
    assert.equal(r.attrs.sample_rate.dtype, 'int64');
    assert.equal(r.attrs.duration.dtype, 'float64');
    assert.equal(r.attrs.right_pad.value, 0.5);
  }
  assert.equal(aggR.attrs.num_injections.value, 200, 'num_injections summed over the two parts');
  assert.equal(rsR.attrs.num_injections.value, 100);
  assert.deepEqual(Object.keys(polR.attrs).sort(), ['duration', 'length', 'num_injections', 'right_pad', 'sample_rate']);
  assert.deepEqual(Object.keys(evR.attrs).sort(), ['Tb', 'length']);
  assert.equal(evR.attrs.Tb.dtype, 'float64');
  assert.equal(evR.attrs.Tb.value, 1234.5);
});

test('h5py integer datasets / attributes read as float64 numbers; empty ifos lists survive', async () => {
  const ev = await EventSet.read(join(FIXTURES, 'events_int_py.hdf5'));
  assert.equal(ev.Tb, 100);
  assert.deepEqual(Array.from(ev.shift), [0, 0, 0, 0, 1, 1, 1, 1, 1, 2]);
  assert.ok(ev.detection_time instanceof Float64Array);
  assert.equal(ev.getShift(1).length, 5);
  assert.equal(ev.far(5), (31556952 * 5) / 100);

  const p: Record<string, number[] | number[][]> = {};
  for (const f of InjectionParameterSet.fields) if (f.kind === 'parameter') p[f.name] = [1];
  const rej = new InjectionParameterSet({ ...p, ifo_snrs: [[1, 2]] });
  assert.deepEqual(rej.ifos, []);
  await rej.write(join(tmp, 'rejected.hdf5'));
  const back = await InjectionParameterSet.read(join(tmp, 'rejected.hdf5'));
  assert.deepEqual(back.ifos, []);
  back.append(new InjectionParameterSet({ ...p, ifo_snrs: [[1, 2]], ifos: ['H1', 'L1'] }));
  assert.deepEqual(back.ifos, ['H1', 'L1']);
});
