import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  secondsToSamples, samplesToSeconds, durationSeconds, endTime, indexToTime, timeToIndex, sliceSeconds, makeTimeSeries,
} from '../src/index.ts';

test('secondsToSamples truncates like int() but snaps float error', () => {
  assert.equal(secondsToSamples(2.5, 2048), 5120);
  assert.equal(secondsToSamples(0.3, 2048), 614); // 614.4 → int → 614
  assert.equal(secondsToSamples(0.1 * 3, 10), 3); // 2.9999999999999996 snaps to 3, int() would give 2
  assert.equal(secondsToSamples(1.5 + 1, 2048), 5120);
  assert.equal(secondsToSamples(-0.25, 2048), -512);
  assert.throws(() => secondsToSamples(1, 0), /sampleRate must be a finite number > 0/);
  assert.throws(() => secondsToSamples(NaN, 1), /seconds must be finite/);
  assert.equal(samplesToSeconds(5120, 2048), 2.5);
});

test('time series index/time conversions and slicing', () => {
  const ts = makeTimeSeries(1126259446, 4096, new Float64Array(32 * 4096).map((_, i) => i));
  assert.equal(durationSeconds(ts), 32);
  assert.equal(endTime(ts), 1126259478);
  assert.equal(indexToTime(ts, 4096), 1126259447);
  assert.equal(timeToIndex(ts, 1126259462.44), Math.floor(16.44 * 4096));
  const cut = sliceSeconds(ts, 1126259460, 1126259464);
  assert.equal(cut.t0, 1126259460);
  assert.equal(cut.data.length, 4 * 4096);
  assert.equal(cut.data[0], 14 * 4096);
  assert.throws(() => sliceSeconds(ts, 1126259400, 1126259464), /must lie within the series/);
  assert.throws(() => makeTimeSeries(NaN, 1, new Float64Array(1)), /t0 must be a finite GPS time/);
});
