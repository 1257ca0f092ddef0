// EventSet statistics and RecoveredInjectionSet.recover (port of test_events.py, §4.5).
// Expected numbers are the original's test values or direct evaluations of the §4.5 formulas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventSet, InterferometerResponseSet, RecoveredInjectionSet, SECONDS_IN_YEAR } from '../src/index.ts';

const range = (a: number, b?: number): number[] =>
  b === undefined ? Array.from({ length: a }, (_, i) => i) : Array.from({ length: b - a }, (_, i) => a + i);

async function collectWarnings(fn: () => void): Promise<string[]> {
  const seen: string[] = [];
  const on = (w: Error) => seen.push(w.message);
  process.on('warning', on);
  fn();
  await new Promise((r) => setImmediate(r));
  process.off('warning', on);
  return seen;
}

test('append sums Tb and concatenates; appending an empty set is a no-op', () => {
  const stats = [0.3, -1.2, 2.5, 0.1, 0.9, -0.4, 1.7, -2.2, 0.05, 1.1];
  const obj1 = new EventSet({ detection_statistic: stats, detection_time: range(10), shift: range(10), Tb: 100 });
  const obj2 = new EventSet({
    detection_statistic: stats.map((x) => -x),
    detection_time: range(10, 20),
    shift: range(10).map((x) => -x),
    Tb: 50,
  });
  obj1.append(obj2);
  assert.equal(obj1.Tb, 150);
  assert.deepEqual(Array.from(obj1.detection_statistic), [...stats, ...stats.map((x) => -x)]);
  assert.deepEqual(Array.from(obj1.detection_time), range(20));
  assert.deepEqual(Array.from(obj1.shift.subarray(10)), range(10).map((x) => -x));

  const full = new EventSet({ detection_statistic: [1, 2, 3], detection_time: [4, 5, 6], shift: [7, 8, 9], Tb: 100 });
  full.append(new EventSet());
  assert.equal(full.Tb, 100);
  assert.deepEqual(Array.from(full.detection_statistic), [1, 2, 3]);
  // 2-D shifts: appending an empty set keeps the (N, 2) shape (numpy would refuse to concatenate)
  const twoD = new EventSet({ detection_statistic: [1], detection_time: [2], shift: [[0, 1]], Tb: 3 });
  twoD.append(new EventSet({ Tb: 4 }));
  assert.deepEqual(twoD.column('shift').shape, [1, 2]);
  assert.equal(twoD.Tb, 7);
});

test('sorting and warnings for unsorted statistics', async () => {
  const shifts = [...Array(5).fill([0, 0]), ...Array(2).fill([0, 1]), ...Array(3).fill([1, 1])];
  let obj = new EventSet({ detection_statistic: range(10).reverse(), detection_time: range(10), shift: shifts, Tb: 100 });
  assert.ok(obj.isSortedBy('detection_time'));
  assert.ok(!obj.isSortedBy('detection_statistic'));
  assert.throws(() => obj.isSortedBy('shift'), /Sorting key should be a 1D array/);
  assert.ok((await collectWarnings(() => obj.nb(5))).some((m) => m.includes('not sorted')));
  assert.ok((await collectWarnings(() => obj.thresholdAtFar(0.05))).some((m) => m.includes('not sorted')));
  obj = obj.sortBy('detection_statistic');
  assert.ok(obj.isSortedBy('detection_statistic'));
  assert.deepEqual(Array.from(obj.detection_statistic), range(10));
  // rows moved together
  assert.deepEqual(Array.from(obj.detection_time), range(10).reverse());
  assert.deepEqual(Array.from(obj.shift.subarray(0, 2)), [1, 1]);
  assert.ok((await collectWarnings(() => obj.sortBy('detection_statistic'))).some((m) => m.includes('Already sorted')));
});

test('nb counts statistics >= threshold (sorted and unsorted paths agree)', () => {
  const shift = [...Array(4).fill(0), ...Array(5).fill(1), 2];
  const obj = new EventSet({ detection_statistic: range(10), detection_time: range(10), shift, Tb: 100 });
  assert.equal(obj.nb(5), 5);
  assert.equal(obj.nb(5.5), 4);
  assert.equal(obj.nb(-1), 10);
  assert.deepEqual(Array.from(obj.nb([5, 5.5])), [5, 4]);
  const shuffled = obj.take([3, 9, 0, 7, 1, 8, 2, 6, 4, 5]);
  assert.deepEqual(Array.from(shuffled.nb([-1, 0, 4.5, 5, 9, 9.5])), [10, 10, 5, 5, 1, 0]);
});

test('far, minFar, significance and thresholdAtFar', () => {
  const Tb = 2 * SECONDS_IN_YEAR;
  const obj = new EventSet({ detection_statistic: range(10), detection_time: range(10), shift: range(10), Tb });
  assert.equal(obj.far(5), 2.5);
  assert.deepEqual(Array.from(obj.far([5, 5.5])), [2.5, 2]);
  assert.equal(obj.minFar, 0.5);
  // above the loudest event the FAR saturates at 1 / Tb
  assert.equal(obj.far(100), 0.5);
  // significance = 1 - exp(-T (1 + nb) / Tb): T = Tb / 2, nb(5) = 5 -> 1 - e^-3
  assert.ok(Math.abs(obj.significance(5, Tb / 2) - (1 - Math.exp(-3))) < 1e-15);
  // k = floor(Tb * far) loudest events lie at or above the threshold
  assert.equal(obj.thresholdAtFar(3 / Tb), 7);
  assert.equal(obj.nb(obj.thresholdAtFar(3 / Tb)), 3);
  assert.equal(obj.thresholdAtFar(10 / Tb), 0);
  // FAR below 1/Tb: no finite threshold (documented difference: the original returns the smallest statistic)
  assert.equal(obj.thresholdAtFar(0.5 / Tb), Infinity);
  assert.throws(() => new EventSet({ detection_statistic: [1], detection_time: [1], shift: [0], Tb: 0 }).far(1), /Tb must be a livetime > 0 s/);
});

test('getShift for 1-D and 2-D shifts', () => {
  const obj = new EventSet({
    detection_statistic: range(10),
    detection_time: range(10),
    shift: [...Array(4).fill(0), ...Array(5).fill(1), 2],
    Tb: 100,
  });
  let sub = obj.getShift(0);
  assert.equal(sub.length, 4);
  assert.deepEqual(Array.from(sub.detection_statistic), range(4));
  sub = obj.getShift(2);
  assert.equal(sub.length, 1);
  assert.deepEqual(Array.from(sub.detection_statistic), [9]);

  const obj2 = new EventSet({
    detection_statistic: range(10),
    detection_time: range(10),
    shift: [...Array(5).fill([0, 0]), ...Array(2).fill([0, 1]), ...Array(3).fill([1, 1])],
    Tb: 100,
  });
  sub = obj2.getShift([0, 1]);
  assert.equal(sub.length, 2);
  assert.deepEqual(Array.from(sub.detection_statistic), [5, 6]);
  assert.deepEqual(Array.from(sub.shift), [0, 1, 0, 1]);
});

test('applyVetos uses time + shift of the chosen ifo and strict interval ends', () => {
  const obj = new EventSet({
    detection_statistic: range(5),
    detection_time: range(5),
    shift: [[0, 1], [0, 1], [0, 2], [0, 2], [0, 3]],
    Tb: 100,
  });
  const vetos: [number, number][] = [
    [0.5, 1.5],
    [3.5, 4.5],
  ];
  let r = obj.applyVetos(vetos, 0);
  assert.deepEqual(Array.from(r.detection_time), [0, 2, 3]);
  assert.deepEqual(Array.from(r.detection_statistic), [0, 2, 3]);
  assert.deepEqual(Array.from(r.shift), [0, 1, 0, 2, 0, 2]);
  assert.equal(r.Tb, 100);
  r = obj.applyVetos(vetos, 1);
  assert.deepEqual(Array.from(r.detection_time), [1, 3, 4]);
  assert.deepEqual(Array.from(r.shift), [0, 1, 0, 2, 0, 3]);
  // strict: an event exactly on a veto edge survives; overlapping / unsorted vetos are handled
  const edge = obj.applyVetos(
    [
      [3, 10],
      [-5, 0],
      [0.9, 1.1],
    ],
    0,
    { returnMask: true },
  );
  assert.deepEqual(Array.from(edge.mask), [0, 1, 0, 0, 1]);
  assert.deepEqual(Array.from(edge.events.detection_time), [0, 2, 3]);
});

test('RecoveredInjectionSet.recover matches each injection to the nearest event of its shift', () => {
  const stats = [...range(5, 15), ...range(5, 15)];
  const events = new EventSet({
    detection_statistic: stats,
    detection_time: [...range(10), ...range(10)],
    shift: [...Array(10).fill(0), ...Array(10).fill(1)],
    Tb: 100,
  });
  const RS = InterferometerResponseSet.withIfos(['h1', 'l1']);
  const init: Record<string, number[] | number> = {};
  for (const f of RS.fields) if (f.kind === 'parameter') init[f.name] = range(6);
  init.injection_time = [1.4, 8.6, 3.1, 1.4, 8.6, 3.1];
  init.shift = [0, 0, 0, 1, 1, 1];
  const injections = new InterferometerResponseSet({ ...init, sample_rate: 2048, num_injections: 6 });
  const obj = RecoveredInjectionSet.recover(events, injections);
  assert.equal(obj.length, 6);
  assert.deepEqual(Array.from(obj.detection_statistic), [6, 14, 8, 6, 14, 8]);
  assert.equal(obj.Tb, 100);
  assert.deepEqual(Array.from(obj.shift), [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(Array.from(obj.detection_time), [1, 9, 3, 1, 9, 3]);
  assert.equal(obj.num_injections, 6);
  assert.ok(obj instanceof EventSet);
  // ties go to the first event (in file order) at equal distance
  const tie = new EventSet({ detection_statistic: [1, 2, 3], detection_time: [2, 0, 2], shift: [0, 0, 0], Tb: 1 });
  const inj = new InterferometerResponseSet({ ...Object.fromEntries(Object.keys(init).map((k) => [k, [0]])), injection_time: [1], shift: [0], sample_rate: 1, num_injections: 1 });
  assert.deepEqual(Array.from(RecoveredInjectionSet.recover(tie, inj).detection_statistic), [1]);
});
