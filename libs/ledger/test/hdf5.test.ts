// HDF5 behaviour: atomic writes, layout errors, streaming aggregate and writer, partial reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSet, InterferometerResponseSet, LedgerWriter, RecoveredInjectionSet, WaveformPolarizationSet } from '../src/index.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ledger-h5-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

function events(n: number, offset: number, Tb: number, shift: [number, number] = [0, 1]): EventSet {
  return new EventSet({
    detection_statistic: Array.from({ length: n }, (_, i) => Math.sin(offset + i)),
    detection_time: Array.from({ length: n }, (_, i) => offset + i),
    shift: Array.from({ length: n }, () => shift),
    Tb,
  });
}

test('write is atomic: only the final file remains, and a failed write keeps the old file', async () => {
  const dir = mkdtempSync(join(tmp, 'atomic-'));
  const path = join(dir, 'background.hdf5');
  await events(5, 0, 10).write(path);
  assert.deepEqual(readdirSync(dir), ['background.hdf5']);
  const bad = events(5, 0, 10);
  bad.set('detection_time', [1, 2]); // invalid: length mismatch is detected before anything is written
  await assert.rejects(bad.write(path), /Field detection_time has 2 entries, expected 5/);
  assert.deepEqual(readdirSync(dir), ['background.hdf5']);
  // a failure in the middle of writing (bad chunk rank) removes the temp file and keeps the old file
  const p: Record<string, number[]> = {};
  for (const f of WaveformPolarizationSet.fields) if (f.kind === 'parameter') p[f.name] = [1];
  const pol = new WaveformPolarizationSet({ ...p, cross: [[1, 2]], plus: [[3, 4]], sample_rate: 2, duration: 1, right_pad: 0, num_injections: 1 });
  await assert.rejects(pol.write(path, { chunks: [1] }), /chunks \(1,\) must have one entry per dimension/);
  assert.deepEqual(readdirSync(dir), ['background.hdf5']);
  const back = await EventSet.read(path);
  assert.equal(back.length, 5);
  assert.equal(back.Tb, 10);
});

test('missing dataset / wrong shape / missing file errors name the file, dataset and expectation', async () => {
  await assert.rejects(
    EventSet.read(join(FIXTURES, 'bad_missing_py.hdf5')),
    (e: Error) =>
      e.message.includes('bad_missing_py.hdf5') &&
      e.message.includes('missing dataset /parameters/detection_time') &&
      e.message.includes('EventSet expects a float64 array of shape (3,) or (3, k)'),
  );
  await assert.rejects(
    EventSet.read(join(FIXTURES, 'bad_shape_py.hdf5')),
    (e: Error) =>
      e.message.includes('bad_shape_py.hdf5') &&
      e.message.includes('dataset /parameters/detection_time has shape (2,)') &&
      e.message.includes('expects a float64 array of shape (3,) or (3, k) (root attribute length = 3)'),
  );
  // a waveform dataset must be (N, T)
  const RS = InterferometerResponseSet.withIfos(['H1', 'L1', 'V1']);
  await assert.rejects(
    RS.read(join(FIXTURES, 'response_set_py.hdf5')),
    (e: Error) => e.message.includes('missing dataset /waveforms/v1') && e.message.includes('shape (6, T)'),
  );
  await assert.rejects(EventSet.read(join(tmp, 'nope.hdf5')), /nope\.hdf5 does not exist/);
  const notH5 = join(tmp, 'text.hdf5');
  writeFileSync(notH5, 'hello');
  await assert.rejects(EventSet.read(notH5), /cannot open .*text\.hdf5 as HDF5/);
});

test('aggregate streams rows in blocks, sums Tb over all files (empty ones too) and cleans up', async () => {
  const dir = mkdtempSync(join(tmp, 'agg-'));
  const files: string[] = [];
  const sets = [events(7, 0, 10), events(0, 0, 5), events(11, 100, 20, [0, 2]), events(3, 200, 1)];
  for (let i = 0; i < sets.length; i++) {
    files.push(join(dir, `part-${i}.hdf5`));
    await sets[i].write(files[i]);
  }
  // the h5py-written empty file (Tb = 50) takes part as well
  const emptyPy = join(dir, 'empty-py.hdf5');
  copyFileSync(join(FIXTURES, 'events_empty_py.hdf5'), emptyPy);
  files.splice(2, 0, emptyPy);
  const out = join(dir, 'background.hdf5');
  // blockBytes of 3 rows (24 B per row: stat, time, 2 shifts) forces several blocks per file
  const res = await EventSet.aggregate(files, out, { blockBytes: 3 * 32, clean: true });
  assert.equal(res.length, 21);
  assert.equal(res.metadata.Tb, 10 + 5 + 50 + 20 + 1);
  const merged = await EventSet.read(out);
  const expected = sets[0].copy();
  for (const s of sets.slice(1)) expected.append(s);
  assert.deepEqual(Array.from(merged.detection_statistic), Array.from(expected.detection_statistic));
  assert.deepEqual(Array.from(merged.shift), Array.from(expected.shift));
  assert.equal(merged.Tb, 86);
  for (const f of files) assert.ok(!existsSync(f), `${f} removed after aggregation`);
  assert.deepEqual(readdirSync(dir), ['background.hdf5']);
});

test('aggregate refuses conflicting metadata and leaves no output; the source files stay', async () => {
  const dir = mkdtempSync(join(tmp, 'agg-bad-'));
  const RS = InterferometerResponseSet.withIfos(['H1']);
  const make = (sr: number) => {
    const p: Record<string, number[]> = {};
    for (const f of RS.fields) if (f.kind === 'parameter') p[f.name] = [1];
    return new RS({ ...p, h1: [[1, 2]], sample_rate: sr, duration: 2 / sr, right_pad: 0, num_injections: 3, ifos: ['H1'] });
  };
  const a = join(dir, 'a.hdf5');
  const b = join(dir, 'b.hdf5');
  await make(1).write(a);
  await make(2).write(b);
  await assert.rejects(RS.aggregate([a, b], join(dir, 'out.hdf5'), { clean: true }), /b\.hdf5: Can't append ResponseSet with sample_rate value 2 when ours is 1/);
  assert.deepEqual(readdirSync(dir).sort(), ['a.hdf5', 'b.hdf5']);
  // the same files concatenate when the metadata agree; num_injections sums
  await make(1).write(b);
  const res = await RS.aggregate([a, b], join(dir, 'out.hdf5'));
  assert.equal(res.length, 2);
  const back = await RS.read(join(dir, 'out.hdf5'));
  assert.equal(back.num_injections, 6);
  assert.deepEqual(back.ifos, ['H1']);
  assert.deepEqual(Array.from(back.column('h1').data), [1, 2, 1, 2]);
  await assert.rejects(RS.aggregate([a, b], join(dir, 'o2.hdf5'), { length: 5 }), /length option 5 but the 2 files hold 2 rows/);
});

test('aggregate of only empty files gives an empty, readable table with the summed livetime', async () => {
  const dir = mkdtempSync(join(tmp, 'agg-empty-'));
  const a = join(dir, 'a.hdf5');
  const b = join(dir, 'b.hdf5');
  await new EventSet({ Tb: 3 }).write(a);
  copyFileSync(join(FIXTURES, 'events_empty_py.hdf5'), b);
  await EventSet.aggregate([a, b], join(dir, 'out.hdf5'));
  const back = await EventSet.read(join(dir, 'out.hdf5'));
  assert.equal(back.length, 0);
  assert.equal(back.Tb, 53);
});

test('LedgerWriter appends blocks into resizable datasets and writes metadata on close', async () => {
  const dir = mkdtempSync(join(tmp, 'writer-'));
  const path = join(dir, 'training_waveforms.hdf5');
  const w = await LedgerWriter.open(WaveformPolarizationSet, path);
  const T = 16;
  let row = 0;
  for (const n of [3, 0, 5]) {
    const p: Record<string, number[]> = {};
    for (const f of WaveformPolarizationSet.fields) if (f.kind === 'parameter') p[f.name] = Array.from({ length: n }, (_, i) => row + i);
    const wave = (sign: number) => Array.from({ length: n }, (_, i) => Array.from({ length: T }, (_, j) => sign * ((row + i) * 100 + j)));
    w.append(new WaveformPolarizationSet({ ...p, cross: wave(-1), plus: wave(1), sample_rate: 8, duration: 2, right_pad: 0.5, num_injections: n }));
    row += n;
  }
  assert.ok(!existsSync(path), 'nothing at the final path before close');
  await w.close();
  assert.deepEqual(readdirSync(dir), ['training_waveforms.hdf5']);
  const back = await WaveformPolarizationSet.read(path);
  assert.equal(back.length, 8);
  assert.equal(back.num_injections, 8);
  assert.equal(back.sample_rate, 8);
  assert.deepEqual(Array.from(back.mass_1), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(back.column('plus').data[5 * T + 3], 503);
  assert.equal(back.column('cross').data[7 * T + 15], -715);
  // random access without reading the rest
  const some = await WaveformPolarizationSet.readRows(path, [7, 2]);
  assert.deepEqual(Array.from(some.mass_2), [7, 2]);
  assert.equal(some.column('plus').data[T], 200);
  const blocks: number[][] = [];
  for await (const b of WaveformPolarizationSet.readBlocks(path, 3)) blocks.push(Array.from(b.mass_1));
  assert.deepEqual(blocks, [[0, 1, 2], [3, 4, 5], [6, 7]]);
  let k = 0;
  const sampled = await WaveformPolarizationSet.sampleFromFile(path, 4, { replace: true, random: () => [0.99, 0.0, 0.5, 0.5][k++] });
  assert.deepEqual(Array.from(sampled.mass_1), [7, 0, 4, 4]);
});

test('RecoveredInjectionSet round trip keeps Tb, num_injections and 2-D shifts', async () => {
  const p: Record<string, number[] | number[][]> = {};
  for (const f of RecoveredInjectionSet.fields) if (f.kind === 'parameter') p[f.name] = [1, 2];
  p.shift = [[0, 1], [0, 2]];
  p.ifo_snrs = [[3, 4], [5, 6]];
  const fg = new RecoveredInjectionSet({ ...p, Tb: 123.5, sample_rate: 2048, num_injections: 9, ifos: ['H1', 'L1'] });
  const path = join(tmp, 'foreground.hdf5');
  await fg.write(path);
  const back = await RecoveredInjectionSet.read(path);
  assert.equal(back.Tb, 123.5);
  assert.equal(back.num_injections, 9);
  assert.deepEqual(back.column('shift').shape, [2, 2]);
  assert.deepEqual(back.ifos, ['H1', 'L1']);
  assert.equal(back.far(1.5), (31556952 * 1) / 123.5);
});
