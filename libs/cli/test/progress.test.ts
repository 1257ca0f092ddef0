import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress, formatDuration, formatRate, progressLine } from '../src/index.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (t: string) => writes.push(t) } };
}

test('formatDuration and formatRate', () => {
  assert.equal(formatDuration(0), '0:00');
  assert.equal(formatDuration(59.4), '0:59');
  assert.equal(formatDuration(61), '1:01');
  assert.equal(formatDuration(3600 + 62), '1:01:02');
  assert.equal(formatDuration(Infinity), '?');
  assert.equal(formatRate(1.23456), '1.23');
  assert.equal(formatRate(45.66), '45.7');
  assert.equal(formatRate(12345.6), '12346');
  assert.equal(formatRate(NaN), '?');
});

test('progressLine: percent, count, rate and ETA = remaining / rate', () => {
  // 50 of 200 in 5 s: 10/s, 150 left -> 15 s
  assert.equal(progressLine('fetch', 50, 200, 5, 'files'), 'fetch  25% 50/200 10.0 files/s ETA 0:15');
  assert.equal(progressLine('fetch', 200, 200, 20, 'files', 10), 'fetch [##########] 100% 200/200 10.0 files/s in 0:20');
  assert.equal(progressLine('gen', 30, 120, 1, 'it', 8), 'gen [##------]  25% 30/120 30.0 it/s ETA 0:03');
  assert.equal(progressLine('scan', 7, undefined, 2), 'scan 7 3.50 it/s elapsed 0:02');
});

test('not a terminal: one plain line per interval, and a final line', () => {
  let t = 0;
  const { writes, stream } = fakeStream(false);
  const p = createProgress({ label: 'waveforms', total: 100, stream, env: {}, intervalS: 2, now: () => t });
  for (let i = 0; i < 100; i++) {
    t += 100; // 10 per second
    p.tick();
  }
  p.done();
  p.done(); // idempotent
  assert.equal(p.count, 100);
  // ticks at 0.1 s .. 10 s; a line whenever 2 s passed since the last one -> at 2, 4, 6, 8, 10 s; the
  // 10 s line already reports 100/100, so done() does not repeat it
  assert.equal(writes.length, 5);
  assert.equal(writes[0], 'waveforms  20% 20/100 10.0 it/s ETA 0:08\n');
  assert.equal(writes[4], 'waveforms 100% 100/100 10.0 it/s in 0:10\n');
  // when the last periodic line is older than the final count, done() writes the final line
  const late = fakeStream(false);
  let t2 = 0;
  const q = createProgress({ label: 'x', total: 3, stream: late.stream, env: {}, intervalS: 2, now: () => t2 });
  q.tick();
  t2 = 2500;
  q.tick();
  q.tick();
  q.done();
  assert.deepEqual(late.writes, ['x  67% 2/3 0.800 it/s ETA 0:01\n', 'x 100% 3/3 1.20 it/s in 0:03\n']);
});

test('terminal: redraws one line with a bar, ends with a newline', () => {
  let t = 0;
  const { writes, stream } = fakeStream(true);
  const p = createProgress({ label: 'fetch', total: 4, stream, env: {}, now: () => t });
  for (let i = 0; i < 4; i++) {
    t += 500;
    p.tick();
  }
  p.done();
  assert.ok(writes.length >= 4);
  assert.ok(writes.every((w) => w.startsWith('\r\x1b[2K')));
  assert.ok(writes.slice(0, -1).every((w) => !w.endsWith('\n')));
  assert.match(writes[writes.length - 1], /fetch \[#{30}\] 100% 4\/4 2\.00 it\/s in 0:02\n$/);
});

test('silent under CI or AFRAME_QUIET, but still counts', () => {
  for (const env of [{ CI: 'true' }, { AFRAME_QUIET: '1' }]) {
    const { writes, stream } = fakeStream(true);
    let t = 0;
    const p = createProgress({ label: 'x', total: 10, stream, env, now: () => (t += 1000) });
    p.tick(4);
    p.tick(6);
    p.done();
    assert.equal(p.silent, true);
    assert.equal(p.count, 10);
    assert.deepEqual(writes, []);
  }
  const { stream } = fakeStream(false);
  assert.equal(createProgress({ label: 'x', stream, env: { CI: 'false' } }).silent, false);
  assert.throws(() => createProgress({ label: 'x', total: -1, stream, env: {} }), /total must be a finite number >= 0, got -1/);
});
