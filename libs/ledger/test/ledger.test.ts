// Core Ledger semantics (port of aframe libs/ledger/tests/test_ledger.py, §4.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FieldSpec, type MetaValue, Ledger, metadata, parameter, waveform } from '../src/index.ts';

class Dummy extends Ledger {
  static override readonly fields: readonly FieldSpec[] = [parameter('ids'), parameter('age')];
  get ids(): Float64Array {
    return this.param('ids');
  }
  get age(): Float64Array {
    return this.param('age');
  }
}

class DummyMetadata extends Dummy {
  static override readonly fields: readonly FieldSpec[] = [...Dummy.fields, metadata('foo')];
}

class DummyMetadataCompare extends Dummy {
  static override readonly fields: readonly FieldSpec[] = [...Dummy.fields, metadata('foo'), metadata('fuz')];
  static override compareMetadata(key: string, ours: MetaValue, theirs: MetaValue): MetaValue {
    if (key === 'foo') return `${ours}${theirs}`;
    return super.compareMetadata(key, ours, theirs);
  }
}

class DummyWaveform extends Dummy {
  static override readonly fields: readonly FieldSpec[] = [...Dummy.fields, waveform('waves')];
}

class MetadataOnly extends Ledger {
  static override readonly fields: readonly FieldSpec[] = [metadata('foo'), metadata('bar')];
}

const tmp = mkdtempSync(join(tmpdir(), 'ledger-core-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

function seq(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

/** write -> read equality of every field, sampleFromFile errors and row order (incl. repeats). */
async function checkReadWrite(obj: Ledger, name: string): Promise<void> {
  const cls = obj.constructor as typeof Dummy;
  const path = join(tmp, `${name}.h5`);
  await obj.write(path);
  const back = await cls.read(path);
  for (const f of cls.fields) {
    if (f.kind === 'metadata') assert.deepEqual(back.getMeta(f.name), obj.getMeta(f.name));
    else {
      assert.deepEqual(back.column(f.name).shape, obj.column(f.name).shape);
      assert.deepEqual(Array.from(back.column(f.name).data), Array.from(obj.column(f.name).data));
    }
  }
  await assert.rejects(cls.sampleFromFile(path, obj.length + 1, { replace: false }), /Not enough waveforms/);
  const idx = [1, 0, 2, 1];
  const sub = await cls.readRows(path, idx);
  assert.equal(sub.length, 4);
  for (const f of cls.fields) {
    if (f.kind === 'metadata') {
      assert.deepEqual(sub.getMeta(f.name), obj.getMeta(f.name));
      continue;
    }
    const col = obj.column(f.name);
    const w = col.data.length / col.shape[0];
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(
        Array.from(sub.column(f.name).data.subarray(i * w, (i + 1) * w)),
        Array.from(col.data.subarray(idx[i] * w, (idx[i] + 1) * w)),
      );
    }
  }
  // sampling without replacement returns distinct rows of the file
  const s = await cls.sampleFromFile(path, obj.length);
  assert.equal(s.length, obj.length);
}

test('metadata-only ledger has length 0 and indexing keeps metadata', () => {
  const obj = new MetadataOnly({ foo: 'hey', bar: 'you' });
  assert.equal(obj.length, 0);
  assert.equal(obj.slice(1).getMeta('foo'), 'hey');
});

test('parameter set: validation, iteration, indexing, append, round trip', async () => {
  assert.throws(() => new Dummy({ ids: [1001, 1002, 1003], age: [31, 35] }), /Field age has 2 entries, expected 3/);
  const obj = new Dummy({ ids: [1001, 1002, 1003], age: [31, 35, 39] });
  assert.equal(obj.length, 3);
  assert.deepEqual(obj[Symbol.iterator]().next().value, { ids: 1001, age: 31 });
  assert.deepEqual([...obj].map((r) => r.age), [31, 35, 39]);

  const one = obj.at(1);
  assert.equal(one.length, 1);
  assert.equal(one.ids[0], 1002);
  assert.equal(one.age[0], 35);
  const two = obj.take([0, 2]);
  assert.equal(two.length, 2);
  assert.equal(two.ids[1], 1003);
  assert.equal(obj.filter([true, false, true]).age[1], 39);
  assert.deepEqual(Array.from(obj.slice(-2).ids), [1002, 1003]);

  assert.throws(() => obj.append([] as unknown as Ledger), TypeError);
  assert.throws(() => obj.append(new MetadataOnly()), TypeError);
  obj.append(obj);
  assert.equal(obj.length, 6);
  assert.equal(obj.ids[3], 1001);
  assert.equal(obj.age[3], 31);
  await checkReadWrite(obj, 'params');
});

test('metadata: kept on slicing, conflicting values refuse to append, overrides honoured', async () => {
  const ids = [1001, 1002, 1003];
  const age = [31, 35, 39];
  const obj = new DummyMetadata({ ids, age, foo: 'test' });
  assert.equal(obj.getMeta('foo'), 'test');
  assert.equal(obj.slice(0, 2).getMeta('foo'), 'test');
  assert.throws(() => obj.append(new DummyMetadata({ ids, age, foo: 'bar' })), /Can't append DummyMetadata with foo value bar when ours is test/);
  assert.equal(obj.length, 3, 'a failed append leaves the table unchanged');

  const a = new DummyMetadataCompare({ ids, age, foo: 'test', fuz: 'qux' });
  const b = new DummyMetadataCompare({ ids: ids.map((x) => x + 3), age: age.map((x) => x - 2), foo: 'bar', fuz: 'quz' });
  assert.throws(() => a.append(b), /fuz/);
  b.setMeta('fuz', 'qux');
  a.append(b);
  assert.equal(a.length, 6);
  assert.equal(a.getMeta('foo'), 'testbar');
  await checkReadWrite(a, 'meta');
});

test('waveform fields slice and concatenate', async () => {
  const w1 = seq(30, (i) => Math.sin(i));
  const w2 = seq(30, (i) => Math.cos(i));
  const rows = (w: number[]) => [w.slice(0, 10), w.slice(10, 20), w.slice(20, 30)];
  const obj = new DummyWaveform({ ids: [1001, 1002, 1003], age: [31, 35, 39], waves: rows(w1) });
  assert.equal(obj.length, 3);
  obj.append(new DummyWaveform({ ids: [1004, 1005, 1006], age: [29, 33, 37], waves: rows(w2) }));
  assert.equal(obj.length, 6);
  assert.deepEqual(obj.column('waves').shape, [6, 10]);
  assert.deepEqual(Array.from(obj.column('waves').data), [...w1, ...w2]);
  assert.deepEqual(Array.from(obj.slice(2, 4).column('waves').data), [...w1, ...w2].slice(20, 40));
  assert.throws(
    () => obj.append(new DummyWaveform({ ids: [1], age: [1], waves: [[1, 2, 3]] })),
    /cannot append rows of shape \[3\] to rows of shape \[10\]/,
  );
  await checkReadWrite(obj, 'waves');
});

test('isSortedBy / sortBy reorder every field and warn when already sorted', async () => {
  const obj = new Dummy({ ids: [1, 2, 3], age: [3, 2, 1] });
  assert.ok(obj.isSortedBy('ids'));
  assert.ok(!obj.isSortedBy('age'));
  const sorted = obj.sortBy('age');
  assert.deepEqual(Array.from(sorted.age), [1, 2, 3]);
  assert.deepEqual(Array.from(sorted.ids), [3, 2, 1]);
  assert.ok(sorted.isSortedBy('age'));
  assert.ok(!sorted.isSortedBy('ids'));
  const warnings: string[] = [];
  const onWarn = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarn);
  sorted.sortBy('age');
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarn);
  assert.ok(warnings.some((m) => m.includes('Already sorted by age')));
  const twoD = new DummyWaveform({ ids: [1], age: [2], waves: [[1, 2]] });
  assert.throws(() => twoD.isSortedBy('waves'), /Sorting key should be a 1D array/);
});

test('unknown fields and malformed input are rejected with the field named', () => {
  assert.throws(() => new Dummy({ idz: [1] } as never), /unknown field 'idz'/);
  assert.throws(() => new DummyWaveform({ ids: [1, 2], age: [1, 2], waves: [[1, 2], [3]] }), /field waves: row 1 has 1 entries, expected 2/);
});
