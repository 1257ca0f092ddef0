/**
 * `aframe data waveform`: run the command function, read the HDF5 back and compare the stored
 * polarisations with LAL's XLALSimInspiralChooseFDWaveform output for the same parameters
 * (lal-reference IMRPhenomD_01, max |Δh| <= 1e-9 of the peak), check the attributes, the time-domain
 * layout and that nothing but the final file is left behind.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import h5wasm from 'h5wasm/node';
import type { Dataset, File as H5File } from 'h5wasm/node';
import { waveformCommand, waveformParams } from '../src/commands/waveform.ts';

const LAL = fileURLToPath(new URL('../../../../shared/data/lal-reference/', import.meta.url));
const ctx = { log: (): void => {}, quiet: true };

/** A float64 dataset's values. */
function values(f: H5File, name: string): Float64Array {
  const ds = f.get(name) as Dataset;
  return ds.value as Float64Array;
}

interface LalMeta {
  params: Record<string, number>;
  output: { length: number };
}

function readLal(id: string): { meta: LalMeta; a: Float64Array } {
  const meta = JSON.parse(fs.readFileSync(`${LAL}fd/${id}.json`, 'utf8')) as LalMeta;
  const buf = fs.readFileSync(`${LAL}fd/${id}.f64`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const a = new Float64Array(buf.byteLength / 8).map((_, i) => dv.getFloat64(8 * i, true));
  return { meta, a };
}

test('data waveform (frequency domain) writes LAL-identical polarisations and all parameters', async () => {
  await h5wasm.ready;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aframe-wf-'));
  const out = path.join(dir, 'wf.hdf5');
  const { meta, a } = readLal('IMRPhenomD_01');
  const P = meta.params;
  const cfg = waveformParams.parse({
    approximant: 'IMRPhenomD',
    mass_1: P.mass1,
    mass_2: P.mass2,
    spin1z: P.spin1z,
    spin2z: P.spin2z,
    distance: P.distance,
    inclination: P.inclination,
    phase: P.phi_ref,
    f_min: P.f_lower,
    f_ref: P.f_ref,
    delta_f: P.delta_f,
    f_max: P.f_max,
    output: out,
  });
  await waveformCommand.run(cfg, ctx);
  assert.deepEqual(fs.readdirSync(dir), ['wf.hdf5']);
  const f = new h5wasm.File(out, 'r');
  try {
    const n = meta.output.length;
    const get = (name: string): Float64Array => values(f, name);
    const freqs = get('frequencies');
    assert.equal(freqs.length, n);
    assert.equal(freqs[160], 20);
    let peak = 0;
    let err = 0;
    const hpr = get('hplus_real');
    const hpi = get('hplus_imag');
    const hcr = get('hcross_real');
    const hci = get('hcross_imag');
    for (let k = 0; k < n; k++) {
      peak = Math.max(peak, Math.hypot(a[k], a[n + k]));
      err = Math.max(err, Math.hypot(hpr[k] - a[k], hpi[k] - a[n + k]), Math.hypot(hcr[k] - a[2 * n + k], hci[k] - a[3 * n + k]));
    }
    assert.ok(err <= 1e-9 * peak, `max error ${err / peak} of peak`);
    const attrs = f.attrs;
    assert.equal(attrs.approximant.value, 'IMRPhenomD');
    assert.equal(Number(attrs.mass_1.value), 36);
    assert.equal(Number(attrs.spin2z.value), -0.2);
    assert.equal(Number(attrs.f_ref.value), 20);
    for (const k of Object.keys(waveformParams.shape)) assert.ok(k in attrs, `attribute ${k}`);
  } finally {
    f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('data waveform (time domain) writes times, hplus, hcross with the coalescence right_pad before the end', async () => {
  await h5wasm.ready;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aframe-wf-'));
  const out = path.join(dir, 'td.hdf5');
  await waveformCommand.run(waveformParams.parse({ mass_1: 36, mass_2: 29, domain: 'time', duration: 4, right_pad: 1, output: out }), ctx);
  const f = new h5wasm.File(out, 'r');
  try {
    const t = values(f, 'times');
    const hp = values(f, 'hplus');
    const hc = values(f, 'hcross');
    assert.equal(t.length, 4 * 2048);
    assert.equal(hp.length, t.length);
    assert.equal(hc.length, t.length);
    assert.equal(t[3 * 2048], 0);
    let ip = 0;
    for (let k = 0; k < hp.length; k++) if (hp[k] ** 2 + hc[k] ** 2 > hp[ip] ** 2 + hc[ip] ** 2) ip = k;
    assert.ok(Math.abs(t[ip]) < 0.015, `peak at t = ${t[ip]} s`);
  } finally {
    f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('data waveform rejects bad parameters with a message naming them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aframe-wf-'));
  const out = path.join(dir, 'bad.hdf5');
  await assert.rejects(async () => {
    await waveformCommand.run(waveformParams.parse({ mass_1: -36, mass_2: 29, output: out }), ctx);
  }, /mass1/);
  await assert.rejects(async () => {
    await waveformCommand.run(waveformParams.parse({ approximant: 'Foo', mass_1: 36, mass_2: 29, output: out }), ctx);
  }, /approximant/);
  await assert.rejects(async () => {
    await waveformCommand.run(waveformParams.parse({ mass_1: 36, mass_2: 29, spin1z: 1.5, output: out }), ctx);
  }, /spin1/);
  assert.deepEqual(fs.readdirSync(dir), []);
  fs.rmSync(dir, { recursive: true, force: true });
});
