/**
 * Background strain files in the original's layout (reference §2.2): one float64 dataset per ifo at
 * the root (`H1`, `L1`, …), attributes `x0` (GPS start) and `dx` (1/sample_rate), chunks of
 * min(size, 131072) samples, no compression; named `{prefix}-{int(t0)}-{int(duration)}.hdf5`, and the
 * start/duration are parsed back from that name downstream (@aframe/signal `segmentsFromPaths`).
 */
import { existsSync } from 'node:fs';
import { writeAtomic } from '@aframe/ledger';
import { h5, openHdf5, scalar } from './gwosc/strain-file.ts';

export interface StrainBlock {
  t0: number;
  sampleRate: number;
  /** ifo → samples, all of equal length. */
  channels: Record<string, Float64Array>;
}

export const BACKGROUND_CHUNK = 131072;

export function backgroundFileName(prefix: string, t0: number, durationS: number): string {
  return `${prefix}-${Math.trunc(t0)}-${Math.trunc(durationS)}.hdf5`;
}

/** Write a background file atomically (temp file in the same folder, closed, then renamed). */
export async function writeBackground(path: string, block: StrainBlock): Promise<void> {
  const ifos = Object.keys(block.channels);
  if (ifos.length === 0) throw new Error(`${path}: no channels to write`);
  const n = block.channels[ifos[0]].length;
  for (const ifo of ifos) {
    if (block.channels[ifo].length !== n) throw new Error(`${path}: channel ${ifo} has ${block.channels[ifo].length} samples, expected ${n}`);
  }
  await writeAtomic(path, (f) => {
    for (const ifo of ifos) {
      const ds = f.create_dataset({ name: ifo, data: block.channels[ifo], chunks: [Math.min(n, BACKGROUND_CHUNK)] });
      ds.create_attribute('x0', block.t0);
      ds.create_attribute('dx', 1 / block.sampleRate);
    }
  });
}

/** Read a background file (all or some ifos); errors name the file and what was expected. */
export async function readBackground(path: string, ifos?: string[]): Promise<StrainBlock> {
  const lib = await h5();
  if (!existsSync(path)) throw new Error(`background file ${path} does not exist`);
  const f = await openHdf5(path, 'a background strain file');
  try {
    const names = ifos ?? f.keys();
    if (names.length === 0) throw new Error(`${path}: no datasets (expected one float64 dataset per ifo)`);
    const channels: Record<string, Float64Array> = {};
    let t0 = NaN;
    let sampleRate = NaN;
    for (const ifo of names) {
      const ds = f.get(ifo);
      if (!(ds instanceof lib.Dataset)) throw new Error(`${path}: missing dataset ${ifo} (expected one dataset per ifo with attrs x0, dx)`);
      if (ds.shape?.length !== 1) throw new Error(`${path}: dataset ${ifo} has shape [${ds.shape}] (expected 1-D)`);
      const x0 = ds.attrs['x0'];
      const dx = ds.attrs['dx'];
      if (!x0 || !dx) throw new Error(`${path}: dataset ${ifo} lacks the x0/dx attributes (expected GPS start and 1/sample_rate)`);
      const v = ds.value;
      const data = v instanceof Float64Array ? v : Float64Array.from(v as ArrayLike<number>);
      channels[ifo] = data;
      const a = scalar(x0.value);
      const rate = Math.round(1 / scalar(dx.value));
      if (Number.isNaN(t0)) [t0, sampleRate] = [a, rate];
      else if (a !== t0 || rate !== sampleRate) throw new Error(`${path}: dataset ${ifo} starts at ${a} s / ${rate} Hz, others at ${t0} s / ${sampleRate} Hz`);
    }
    return { t0, sampleRate, channels };
  } finally {
    f.close();
  }
}
