// Initialisation statistics (PyTorch's rules for ResNet1D) and the safetensors encoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSafetensors, encodeSafetensors, initState, resnet1d, Rng } from '../src/index.ts';

test('init: Kaiming-normal fan_out for convs, norm 1/0, Linear U(±1/sqrt(fan_in)); seeded', () => {
  const net = resnet1d({ layers: [1, 1, 1, 1], width: 64, length: 256 });
  const w = initState(net.graph, new Rng(42));
  // (512, 512, 3): 786432 draws; std = sqrt(2 / (512*3)); sample std within 0.5 % (SE ~0.08 %)
  const conv = w.get('residual_layers.3.0.conv2.weight')!;
  let s1 = 0;
  let s2 = 0;
  for (const v of conv) {
    s1 += v;
    s2 += v * v;
  }
  const mean = s1 / conv.length;
  const std = Math.sqrt(s2 / conv.length - mean * mean);
  assert.ok(Math.abs(std / Math.sqrt(2 / (512 * 3)) - 1) < 5e-3, `conv std ${std}`);
  assert.ok(Math.abs(mean) < 5 * (std / Math.sqrt(conv.length)), `conv mean ${mean}`);
  // stem conv: fan_out = 64 * 7
  const stem = w.get('conv1.weight')!;
  const stemStd = Math.sqrt(stem.reduce((a, v) => a + v * v, 0) / stem.length);
  assert.ok(Math.abs(stemStd / Math.sqrt(2 / (64 * 7)) - 1) < 0.1, `stem std ${stemStd}`);
  assert.ok(w.get('residual_layers.2.0.downsample.1.weight')!.every((v) => v === 1));
  assert.ok(w.get('bn1.bias')!.every((v) => v === 0));
  const fc = w.get('fc.weight')!;
  const bound = 1 / Math.sqrt(512);
  assert.ok(fc.every((v) => Math.abs(v) <= bound));
  const fcVar = fc.reduce((a, v) => a + v * v, 0) / fc.length;
  assert.ok(Math.abs(fcVar / (bound * bound / 3) - 1) < 0.25, `fc variance ${fcVar}`); // 512 draws
  // same seed, same values; different seed, different values
  assert.deepEqual(initState(net.graph, new Rng(42)).get('conv1.weight'), stem);
  assert.notDeepEqual(initState(net.graph, new Rng(43)).get('conv1.weight'), stem);
  // zero_init_residual zeroes each block's last norm weight
  const z = initState(resnet1d({ layers: [1, 1], width: 4, length: 64, zeroInitResidual: true }).graph, new Rng(1));
  assert.ok(z.get('residual_layers.1.0.bn2.weight')!.every((v) => v === 0));
});

test('safetensors: 8-byte aligned JSON header, contiguous offsets, metadata, exact round trip', () => {
  const a = { name: 'a.weight', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 1e-30, -0, 7]) };
  const b = { name: 'b', shape: [1], data: Float32Array.from([Math.PI]) };
  const bytes = encodeSafetensors([a, b], { step: '7' });
  const hlen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.equal((8 + hlen) % 8, 0);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + hlen)));
  assert.deepEqual(header['a.weight'], { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
  assert.deepEqual(header.b, { dtype: 'F32', shape: [1], data_offsets: [24, 28] });
  assert.equal(bytes.length, 8 + hlen + 28);
  const back = decodeSafetensors(bytes);
  assert.deepEqual(back.metadata, { step: '7' });
  assert.deepEqual(back.tensors.get('a.weight')!.data, a.data);
  assert.deepEqual(back.tensors.get('b')!.data, b.data);
  assert.throws(() => encodeSafetensors([{ name: 'x', shape: [4], data: new Float32Array(3) }]), /tensor 'x' has 3 values for shape \(4\)/);
  assert.throws(() => decodeSafetensors(bytes.subarray(0, 20)), /header length \d+ exceeds file size 20/);
});
