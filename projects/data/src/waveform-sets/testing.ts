/**
 * `aframe data testing_waveforms` (reference §2.6): an injection campaign over one segment and one
 * shift vector. Injection times on the arange/jitter grid of ./injection-times.ts; one waveform per
 * time by rejection sampling (§2.5) against PSDs from `psd_file`; written to `output_dir` as
 *  - `waveforms.hdf5`: InterferometerResponseSet (+ `h1`, `l1` …) with `injection_time` (N,) and
 *    `shift` (N, n_ifo), root attrs length, ifos, sample_rate, duration, right_pad, num_injections;
 *  - `rejected-parameters.hdf5`: InjectionParameterSet (bilby parameters, snr, ifo_snrs; attrs length, ifos).
 * With a seed, the campaign seed is seed + adler32(str((start, end) + tuple(shifts))) as the original;
 * jitter draws come from stream 0 of it, branch k from stream k + 1.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InjectionParameterSet, InterferometerResponseSet, Ledger, WaveformSet } from '@aframe/ledger';
import { rngStream } from '@aframe/priors';
import { prepareBranchDir, removeBranchDir } from './branch-dir.ts';
import { adler32, campaignFingerprint, injectionTimes } from './injection-times.ts';
import { checkProjectionConfig, projectionSettings, type ProjectionConfig } from './projection-config.ts';
import { loadPsds } from './psd.ts';
import { mergeParts, rejectionSample, type RejectionOutcome } from './rejection.ts';
import { checkWaveformConfig, type WaveformConfig } from './settings.ts';
import { checkCount, type RunContext } from './training.ts';
import { fileIdentity } from './validation.ts';

export interface TestingConfig extends WaveformConfig, ProjectionConfig {
  start: number;
  end: number;
  shifts: number[];
  spacing: number;
  buffer: number;
  jitter: number;
  psd_file: string;
  output_dir: string;
  batch_size: number;
  nproc: number | null;
}

export interface TestingResult {
  waveformsPath: string;
  rejectedPath: string;
  skipped: boolean;
  seed: number | null;
  times: Float64Array | null;
  outcome: RejectionOutcome | null;
}

export const WAVEFORMS_FILE = 'waveforms.hdf5';
export const REJECTED_FILE = 'rejected-parameters.hdf5';
export const TESTING_BRANCH_DIR = '.testing-waveforms.branches';

async function readable(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    await Ledger.fileLength(path);
    return true;
  } catch {
    return false;
  }
}

export async function runTestingWaveforms(cfg: TestingConfig, ctx: RunContext): Promise<TestingResult> {
  checkCount('batch_size', cfg.batch_size, 1);
  const { settings } = checkWaveformConfig(cfg);
  checkProjectionConfig(cfg, cfg.sample_rate);
  if (!(cfg.end > cfg.start)) throw new Error(`end (${cfg.end}) must be after start (${cfg.start})`);
  if (cfg.shifts.length !== cfg.ifos.length) {
    throw new Error(`shifts must give one shift per ifo (${cfg.ifos.length} for ${JSON.stringify(cfg.ifos)}), got ${JSON.stringify(cfg.shifts)}`);
  }
  if (!(cfg.spacing >= 0)) throw new Error(`spacing must be >= 0 s, got ${cfg.spacing}`);
  if (!(cfg.buffer >= 0)) throw new Error(`buffer must be >= 0 s, got ${cfg.buffer}`);
  if (!(cfg.jitter >= 0)) throw new Error(`jitter must be >= 0 s, got ${cfg.jitter}`);
  const waveformsPath = join(cfg.output_dir, WAVEFORMS_FILE);
  const rejectedPath = join(cfg.output_dir, REJECTED_FILE);
  if ((await readable(waveformsPath)) && (await readable(rejectedPath))) {
    ctx.log(`testing_waveforms: ${waveformsPath} and ${rejectedPath} exist; nothing to do`);
    return { waveformsPath, rejectedPath, skipped: true, seed: null, times: null, outcome: null };
  }
  const psds = await loadPsds(cfg.psd_file, cfg.ifos, cfg.waveform_duration, cfg.sample_rate);
  const projection = projectionSettings(cfg, psds);
  mkdirSync(cfg.output_dir, { recursive: true });
  const dir = join(cfg.output_dir, TESTING_BRANCH_DIR);
  const { psds: _omit, ...projectionKey } = projection;
  const key = {
    command: 'testing_waveforms',
    start: cfg.start,
    end: cfg.end,
    shifts: cfg.shifts,
    spacing: cfg.spacing,
    buffer: cfg.buffer,
    jitter: cfg.jitter,
    batch_size: cfg.batch_size,
    max_num_samples: cfg.max_num_samples,
    prior: cfg.prior,
    settings,
    projection: projectionKey,
    psd: fileIdentity(cfg.psd_file),
  };
  const { seed: baseSeed, reused } = prepareBranchDir(dir, key, cfg.seed);
  const seed = cfg.seed === null ? baseSeed : baseSeed + adler32(campaignFingerprint(cfg.start, cfg.end, cfg.shifts));
  ctx.log(`testing_waveforms: campaign seed ${seed}${reused ? ' (resuming an interrupted run)' : ''}`);
  const times = injectionTimes(
    {
      start: cfg.start,
      end: cfg.end,
      shifts: cfg.shifts,
      spacing: cfg.spacing,
      buffer: cfg.buffer,
      waveformDurationS: cfg.waveform_duration,
      jitter: cfg.jitter,
    },
    rngStream(seed, 0),
  );
  let outcome: RejectionOutcome | null = null;
  if (times.length > 0) {
    outcome = await rejectionSample({
      numSignals: times.length,
      batchSize: cfg.batch_size,
      maxNumSamples: cfg.max_num_samples,
      seed,
      priorName: cfg.prior,
      settings,
      projection,
      dir,
      workers: cfg.nproc,
      label: 'testing_waveforms',
      env: ctx.env,
    });
  } else {
    ctx.log(`testing_waveforms: no injection fits in [${cfg.start}, ${cfg.end}) with these spacing/buffer/shifts; writing empty files`);
  }
  const takes = outcome?.takes ?? [];
  const nIfo = cfg.ifos.length;
  const Responses = InterferometerResponseSet.withIfos(cfg.ifos);
  await mergeParts(
    WaveformSet.withIfos(cfg.ifos),
    Responses,
    takes.map((t) => ({ path: t.acceptedPath, rows: t.acceptedRows })),
    waveformsPath,
    {
      ifos: cfg.ifos,
      sample_rate: cfg.sample_rate,
      duration: cfg.waveform_duration,
      right_pad: cfg.right_pad,
      num_injections: outcome?.numInjections ?? 0,
    },
    (offset, n) => {
      const shift = new Float64Array(n * nIfo);
      for (let i = 0; i < n; i++) shift.set(cfg.shifts, i * nIfo);
      return {
        injection_time: { data: times.slice(offset, offset + n), shape: [n] },
        shift: { data: shift, shape: [n, nIfo] },
      };
    },
  );
  await mergeParts(
    InjectionParameterSet,
    InjectionParameterSet,
    takes.map((t) => ({ path: t.rejectedPath, rows: t.rejectedRows })),
    rejectedPath,
    { ifos: cfg.ifos },
  );
  removeBranchDir(dir);
  ctx.log(
    `testing_waveforms: wrote ${times.length} injections to ${waveformsPath} and ${outcome?.rejected ?? 0} rejected draws to ${rejectedPath}` +
      (outcome ? ` (${outcome.numInjections} draws in ${outcome.passes} pass(es), ${outcome.discarded} discarded)` : ''),
  );
  return { waveformsPath, rejectedPath, skipped: false, seed, times, outcome };
}
