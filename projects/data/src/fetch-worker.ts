/** One fetch branch: read every ifo's strain for the chunk, resample, write the background file. */
import { atomicWriteFileSync } from '@aframe/io';
import { resample } from '@aframe/signal';
import { writeBackground } from './background.ts';
import { isCompleteBackground, type FetchResult, type FetchTask } from './fetch.ts';
import { makeSource } from './strain/make-source.ts';
import { glitchesCsv, type Glitch } from './simulated/glitches.ts';
import { SimulatedSource } from './simulated/source.ts';

export default async function fetchBranch(task: FetchTask): Promise<FetchResult> {
  const { t0, durationS, sampleRate, ifos, outPath } = task;
  if (await isCompleteBackground(outPath, ifos, t0, durationS, sampleRate)) return { path: outPath, skipped: true, glitches: 0 };
  const source = makeSource(task.source, sampleRate);
  const channels: Record<string, Float64Array> = {};
  const glitches: Glitch[] = [];
  for (const ifo of ifos) {
    const native = await source.read(ifo, t0, t0 + durationS);
    channels[ifo] = native.sampleRate === sampleRate ? native.data : resample(native.data, native.sampleRate, sampleRate);
    if (source instanceof SimulatedSource) glitches.push(...(source.lastGlitches.get(ifo) ?? []));
    const expected = Math.round(durationS * sampleRate);
    if (channels[ifo].length !== expected) {
      throw new Error(`${ifo} [${t0}, ${t0 + durationS}): resampled to ${channels[ifo].length} samples, expected ${expected}`);
    }
  }
  if (task.source.kind === 'simulated' && task.source.glitches && task.source.glitches.rateHz > 0) {
    atomicWriteFileSync(outPath.replace(/\.hdf5$/, '.glitches.csv'), glitchesCsv(glitches.sort((a, b) => a.gpsTime - b.gpsTime)));
  }
  await writeBackground(outPath, { t0, sampleRate, channels });
  return { path: outPath, skipped: false, glitches: glitches.length };
}
