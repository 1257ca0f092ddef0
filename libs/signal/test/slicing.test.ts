import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unfoldWindows, sliceKernels, sliceBatchKernels } from '../src/index.ts';

test('unfoldWindows: ⌊(N − w)/s⌋ + 1 windows, window index first, remainder dropped', () => {
  const x = Float64Array.from({ length: 2 * 10 }, (_, i) => i); // (2 rows, 10)
  const u = unfoldWindows(x, 10, 4, 3);
  assert.equal(u.numWindows, 3); // starts 0, 3, 6 (a 4th window would need samples 9..12)
  assert.deepEqual(Array.from(u.data.subarray(0, 8)), [0, 1, 2, 3, 10, 11, 12, 13]);
  assert.deepEqual(Array.from(u.data.subarray(16, 24)), [6, 7, 8, 9, 16, 17, 18, 19]);
  assert.equal(unfoldWindows(new Float32Array(11), 11, 4, 3).numWindows, 3);
  assert.ok(unfoldWindows(new Float32Array(11), 11, 4, 3).data instanceof Float32Array);
  assert.throws(() => unfoldWindows(x, 10, 11, 1), /window must be <= length=10/);
});

test('sliceKernels: shared or per-channel starts; batch variant', () => {
  const x = Float64Array.from({ length: 2 * 8 }, (_, i) => i); // (2, 8)
  assert.deepEqual(Array.from(sliceKernels(x, 2, [1, 4], 3)), [1, 2, 3, 9, 10, 11, 4, 5, 6, 12, 13, 14]);
  assert.deepEqual(Array.from(sliceKernels(x, 2, [0, 5], 3, true)), [0, 1, 2, 13, 14, 15]);
  assert.throws(() => sliceKernels(x, 2, [6], 3), /kernel start must be an integer in \[0, 5\]/);
  const b = Float64Array.from({ length: 2 * 2 * 5 }, (_, i) => i); // (2, 2, 5)
  assert.deepEqual(Array.from(sliceBatchKernels(b, 2, 2, [0, 2], 2)), [0, 1, 5, 6, 12, 13, 17, 18]);
});
