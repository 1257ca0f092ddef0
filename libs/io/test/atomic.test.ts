import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { atomicPath, atomicWriteFile, atomicWriteFileSync, tempPathFor, withAtomicPath } from '../src/index.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'aframe-io-'));

test('tempPathFor is a hidden sibling that keeps the extension and is unique per call', () => {
  const a = tempPathFor('/x/y/background-0-100.hdf5');
  const b = tempPathFor('/x/y/background-0-100.hdf5');
  assert.equal(dirname(a), '/x/y');
  assert.equal(extname(a), '.hdf5');
  assert.match(a, /\/\.background-0-100\.hdf5\.tmp-\d+-[0-9a-f]{8}\.hdf5$/);
  assert.notEqual(a, b);
  assert.throws(() => tempPathFor(''), /finalPath must be a file path/);
  assert.throws(() => tempPathFor('/x/y/'), /finalPath must be a file path/);
});

test('atomicWriteFile writes text and bytes, creates parents, replaces, leaves no temp file', async () => {
  const dir = fresh();
  const file = join(dir, 'a', 'b', 'out.json');
  await atomicWriteFile(file, '{"v":1}');
  assert.equal(readFileSync(file, 'utf8'), '{"v":1}');
  await atomicWriteFile(file, new Uint8Array([1, 2, 3, 255]));
  assert.deepEqual([...readFileSync(file)], [1, 2, 3, 255]);
  assert.deepEqual(readdirSync(dirname(file)), ['out.json']);
});

test('atomicWriteFileSync writes and replaces', () => {
  const dir = fresh();
  const file = join(dir, 'segments.txt');
  writeFileSync(file, 'old');
  atomicWriteFileSync(file, '1 2\n3 4\n');
  assert.equal(readFileSync(file, 'utf8'), '1 2\n3 4\n');
  assert.deepEqual(readdirSync(dir), ['segments.txt']);
});

test('atomicPath: final file keeps its old content until commit; abort removes the temp file', () => {
  const dir = fresh();
  const file = join(dir, 'model.onnx');
  writeFileSync(file, 'old');
  const out = atomicPath(file);
  writeFileSync(out.tmpPath, 'new-partial');
  assert.equal(readFileSync(file, 'utf8'), 'old');
  writeFileSync(out.tmpPath, 'new-complete');
  out.commit();
  assert.equal(readFileSync(file, 'utf8'), 'new-complete');
  assert.equal(existsSync(out.tmpPath), false);
  assert.throws(() => out.commit(), /commit\(\) after committed/);
  out.abort(); // no-op after commit
  assert.equal(readFileSync(file, 'utf8'), 'new-complete');

  const second = atomicPath(file);
  writeFileSync(second.tmpPath, 'discarded');
  second.abort();
  assert.equal(existsSync(second.tmpPath), false);
  assert.equal(readFileSync(file, 'utf8'), 'new-complete');
  assert.deepEqual(readdirSync(dir), ['model.onnx']);
});

test('withAtomicPath commits on success and cleans up on failure', async () => {
  const dir = fresh();
  const file = join(dir, 'events.hdf5');
  const n = await withAtomicPath(file, (tmp) => {
    writeFileSync(tmp, 'data');
    return 4;
  });
  assert.equal(n, 4);
  assert.equal(readFileSync(file, 'utf8'), 'data');
  await assert.rejects(
    withAtomicPath(file, async (tmp) => {
      writeFileSync(tmp, 'half');
      throw new Error('writer failed');
    }),
    /writer failed/,
  );
  assert.equal(readFileSync(file, 'utf8'), 'data');
  assert.deepEqual(readdirSync(dir), ['events.hdf5']);
});

test('a failed atomicWriteFile leaves neither a temp file nor a partial final file', async () => {
  const dir = fresh();
  writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
  await assert.rejects(atomicWriteFile(join(dir, 'blocker', 'x.txt'), 'data'), /EEXIST|ENOTDIR/);
  assert.deepEqual(readdirSync(dir), ['blocker']);
});

test('concurrent writers to one path: the result is one complete payload, never a mix', async () => {
  const dir = fresh();
  const file = join(dir, 'shared.bin');
  const payloads = Array.from({ length: 8 }, (_, i) => new Uint8Array(1 << 18).fill(i + 1));
  await Promise.all(payloads.map((p) => atomicWriteFile(file, p)));
  const got = readFileSync(file);
  assert.equal(got.length, 1 << 18);
  const first = got[0];
  assert.ok(first >= 1 && first <= 8);
  assert.ok(got.every((b) => b === first), 'file mixes bytes from different writers');
  assert.deepEqual(readdirSync(dir), ['shared.bin']);
});
