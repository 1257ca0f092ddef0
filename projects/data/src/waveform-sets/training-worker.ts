/**
 * One training-waveform branch (runs on a pool thread): `count` prior draws → polarisations →
 * a WaveformPolarizationSet branch file, streamed in blocks of 64 rows (memory stays ~16 MB).
 * An existing branch file of the right length is kept (resume after an interruption).
 */
import { existsSync } from 'node:fs';
import { Ledger, LedgerWriter, WaveformPolarizationSet } from '@aframe/ledger';
import { generatePolarizations, parameterColumns } from './generate.ts';
import { branchSamples } from './priors-cache.ts';
import { BILBY_KEYS, type GeneratorSettings } from './settings.ts';

export interface TrainingTask {
  settings: GeneratorSettings;
  priorName: string;
  seed: number;
  branch: number;
  count: number;
  outPath: string;
}

export const WRITE_BLOCK_ROWS = 64;

async function isComplete(path: string, rows: number): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    return (await Ledger.fileLength(path)) === rows;
  } catch {
    return false;
  }
}

export default async function trainingBranch(task: TrainingTask): Promise<{ path: string; skipped: boolean }> {
  const { settings: s, count, outPath } = task;
  if (await isComplete(outPath, count)) return { path: outPath, skipped: true };
  const samples = branchSamples(task.priorName, task.seed, task.branch, count);
  const writer = await LedgerWriter.open(WaveformPolarizationSet, outPath, { expectedLength: count });
  try {
    for (let a = 0; a < count; a += WRITE_BLOCK_ROWS) {
      const b = Math.min(count, a + WRITE_BLOCK_ROWS);
      const pols = generatePolarizations(samples, a, b, s);
      writer.writeColumns({
        ...parameterColumns(samples, BILBY_KEYS, a, b),
        cross: { data: pols.cross, shape: [b - a, pols.length] },
        plus: { data: pols.plus, shape: [b - a, pols.length] },
      });
    }
    writer.setMetadata('sample_rate', s.sampleRate);
    writer.setMetadata('duration', s.waveformDurationS);
    writer.setMetadata('right_pad', s.rightPadS);
    writer.setMetadata('num_injections', count);
    await writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
  return { path: outPath, skipped: false };
}
