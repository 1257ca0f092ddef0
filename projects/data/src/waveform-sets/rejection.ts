/**
 * Rejection sampling (`rejection_sample`, reference §2.5) split into branches.
 *
 * Passes exactly as the original: the first pass draws `num_signals`, each later pass
 * `max(min(ceil(remaining / rate), max_num_samples), num_signals)` with `rate` the previous pass's
 * acceptance (a pass without acceptances is repeated with the same size). A pass is cut into branches of at most
 * `batch_size` draws, numbered globally; branch k draws from random stream k + 1 of the seed, so the
 * outcome depends on (seed, batch_size, settings) and never on the number of workers.
 *
 * Bookkeeping: `num_injections` grows by the full size of every pass. When the final pass would
 * overshoot, rows after the draw that brings the accepted count to `num_signals` are discarded
 * (neither accepted nor rejected), so accepted + rejected = num_injections − (discarded tail of the
 * final pass).
 */
import { createProgress } from '@aframe/cli';
import { LedgerWriter, type Ledger, type LedgerClass, type MetaValue } from '@aframe/ledger';
import { join } from 'node:path';
import { openPool } from './pool-session.ts';
import type { ProjectionSettings, RejectionResult, RejectionTask } from './rejection-worker.ts';
import type { GeneratorSettings } from './settings.ts';

export interface RejectionPlan {
  numSignals: number;
  batchSize: number;
  maxNumSamples: number | null;
  seed: number;
  priorName: string;
  settings: GeneratorSettings;
  projection: ProjectionSettings;
  /** branch folder */
  dir: string;
  workers: number | null;
  label: string;
  env?: Record<string, string | undefined>;
}

/** Rows to keep from the front of one branch's files. */
export interface BranchTake {
  branch: number;
  acceptedPath: string;
  rejectedPath: string;
  acceptedRows: number;
  rejectedRows: number;
}

export interface RejectionOutcome {
  takes: BranchTake[];
  numInjections: number;
  accepted: number;
  rejected: number;
  discarded: number;
  passes: number;
}

/** Draws without a single acceptance after which sampling gives up (the original loops forever). */
export function zeroAcceptanceLimit(numSignals: number): number {
  return Math.max(100_000, 100 * numSignals);
}

export async function rejectionSample(plan: RejectionPlan): Promise<RejectionOutcome> {
  const { numSignals, batchSize } = plan;
  const takes: BranchTake[] = [];
  let numSamples = numSignals;
  let total = 0;
  let rejected = 0;
  let discarded = 0;
  let numInjections = 0;
  let nextBranch = 0;
  let passes = 0;
  const progress = createProgress({ label: plan.label, total: numSignals, unit: 'signals', env: plan.env });
  const session = openPool(new URL('./rejection-worker.ts', import.meta.url), plan.workers);
  try {
    while (total < numSignals) {
      passes++;
      const tasks: RejectionTask[] = [];
      for (let start = 0; start < numSamples; start += batchSize) {
        const branch = nextBranch++;
        tasks.push({
          settings: plan.settings,
          projection: plan.projection,
          priorName: plan.priorName,
          seed: plan.seed,
          branch,
          count: Math.min(batchSize, numSamples - start),
          acceptedPath: join(plan.dir, `accepted-${branch}.hdf5`),
          rejectedPath: join(plan.dir, `rejected-${branch}.hdf5`),
          maskPath: join(plan.dir, `mask-${branch}.json`),
        });
      }
      // progress: accepted draws as branches finish (exact totals are settled per pass below)
      let shown = progress.count;
      const results = await session.run<RejectionTask, RejectionResult>(tasks, (r) => {
        let acc = 0;
        for (const m of r.mask) acc += m;
        const step = Math.min(acc, numSignals - shown);
        shown += step;
        progress.tick(step);
      });
      numInjections += numSamples;
      let passAccepted = 0;
      for (const r of results) for (const m of r.mask) passAccepted += m;
      // Only a pass that would overshoot is cut (as the original: `total + mask.sum() > num_signals`).
      const truncate = total + passAccepted > numSignals;
      let need = truncate ? numSignals - total : Infinity;
      for (let i = 0; i < tasks.length; i++) {
        const mask = results[i].mask;
        let acc = 0;
        let rej = 0;
        let j = 0;
        for (; j < mask.length && need > 0; j++) {
          if (mask[j]) {
            acc++;
            need--;
          } else rej++;
        }
        discarded += mask.length - j;
        takes.push({ branch: tasks[i].branch, acceptedPath: tasks[i].acceptedPath, rejectedPath: tasks[i].rejectedPath, acceptedRows: acc, rejectedRows: rej });
        total += acc;
        rejected += rej;
      }
      if (passAccepted === 0) {
        if (total === 0 && numInjections >= zeroAcceptanceLimit(numSignals)) {
          throw new Error(
            `rejection sampling: none of ${numInjections} draws reached snr_threshold ${plan.projection.snrThreshold}; check the threshold, the PSD and the prior`,
          );
        }
        continue;
      }
      const rate = passAccepted / numSamples;
      const remaining = numSignals - total;
      numSamples = Math.ceil(remaining / rate);
      numSamples = Math.max(Math.min(numSamples, plan.maxNumSamples ?? Infinity), numSignals);
    }
  } finally {
    await session.close();
  }
  progress.done();
  return { takes, numInjections, accepted: total, rejected, discarded, passes };
}

export interface MergePart {
  path: string;
  rows: number;
}

type Cols = Record<string, { data: Float64Array | Float32Array; shape: readonly number[] }>;

/**
 * Streaming merge of the first `rows` rows of each part (files of `src`) into one `dst` file, in
 * blocks of 64 rows, through the ledger's LedgerWriter (temp file + rename; waveform chunks
 * (min(64, N), T), float64). `extra(offset, n)` supplies fields `dst` has and `src` lacks
 * (e.g. injection_time, shift) for global rows [offset, offset + n).
 */
export async function mergeParts(
  src: LedgerClass,
  dst: LedgerClass,
  parts: readonly MergePart[],
  out: string,
  meta: Record<string, MetaValue>,
  extra?: (offset: number, n: number) => Cols,
): Promise<number> {
  const total = parts.reduce((s, p) => s + p.rows, 0);
  const writer = await LedgerWriter.open(dst, out, { expectedLength: total });
  const BLOCK = 64;
  let offset = 0;
  try {
    for (const part of parts) {
      for (let r = 0; r < part.rows; r += BLOCK) {
        const e = Math.min(part.rows, r + BLOCK);
        const set: Ledger = await (src as unknown as { readRange(p: string, a: number, b: number): Promise<Ledger> }).readRange(part.path, r, e);
        const cols: Cols = {};
        for (const f of src.fields) if (f.kind !== 'metadata') cols[f.name] = set.column(f.name);
        if (extra) Object.assign(cols, extra(offset, e - r));
        writer.writeColumns(cols);
        offset += e - r;
      }
    }
    for (const [k, v] of Object.entries(meta)) writer.setMetadata(k, v);
    await writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
  return total;
}
