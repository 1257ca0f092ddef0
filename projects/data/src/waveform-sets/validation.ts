/**
 * `aframe data validation_waveforms` (reference §2.5): rejection sampling of prior draws by network
 * SNR against PSDs measured from a background file, written as a WaveformSet with one projected
 * waveform field per ifo (`h1`, `l1`; §4.3 `val_waveforms.hdf5`: bilby parameters, `snr (N,)`,
 * `ifo_snrs (N, n_ifo)`, root attrs length, ifos, sample_rate, duration, right_pad,
 * num_injections = every prior draw of every pass).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { WaveformSet } from '@aframe/ledger';
import { branchDirFor, prepareBranchDir, removeBranchDir } from './branch-dir.ts';
import { checkProjectionConfig, projectionSettings, type ProjectionConfig } from './projection-config.ts';
import { loadPsds } from './psd.ts';
import { mergeParts, rejectionSample, type RejectionOutcome } from './rejection.ts';
import { checkWaveformConfig, type WaveformConfig } from './settings.ts';
import { checkCount, hasLength, type RunContext } from './training.ts';

export interface ValidationConfig extends WaveformConfig, ProjectionConfig {
  num_signals: number;
  psd: string;
  output_file: string;
  batch_size: number;
  nproc: number | null;
}

export interface ValidationResult {
  path: string;
  skipped: boolean;
  seed: number | null;
  outcome: RejectionOutcome | null;
}

/** Identity of a PSD source for the branch plan (path, size, modification time). */
export function fileIdentity(path: string): { path: string; size: number; mtimeMs: number } {
  const st = statSync(path);
  return { path, size: st.size, mtimeMs: st.mtimeMs };
}

export async function runValidationWaveforms(cfg: ValidationConfig, ctx: RunContext): Promise<ValidationResult> {
  checkCount('num_signals', cfg.num_signals, 1);
  checkCount('batch_size', cfg.batch_size, 1);
  const { settings } = checkWaveformConfig(cfg);
  checkProjectionConfig(cfg, cfg.sample_rate);
  const out = cfg.output_file;
  if (await hasLength(out, cfg.num_signals)) {
    ctx.log(`validation_waveforms: ${out} already holds ${cfg.num_signals} waveforms; nothing to do`);
    return { path: out, skipped: true, seed: null, outcome: null };
  }
  const psds = await loadPsds(cfg.psd, cfg.ifos, cfg.waveform_duration, cfg.sample_rate);
  const projection = projectionSettings(cfg, psds);
  mkdirSync(dirname(out), { recursive: true });
  const dir = branchDirFor(out);
  const { psds: _omit, ...projectionKey } = projection;
  const key = {
    command: 'validation_waveforms',
    num_signals: cfg.num_signals,
    batch_size: cfg.batch_size,
    max_num_samples: cfg.max_num_samples,
    prior: cfg.prior,
    settings,
    projection: projectionKey,
    psd: fileIdentity(cfg.psd),
  };
  const { seed, reused } = prepareBranchDir(dir, key, cfg.seed);
  ctx.log(`validation_waveforms: seed ${seed}${reused ? ' (resuming an interrupted run)' : ''}`);
  const outcome = await rejectionSample({
    numSignals: cfg.num_signals,
    batchSize: cfg.batch_size,
    maxNumSamples: cfg.max_num_samples,
    seed,
    priorName: cfg.prior,
    settings,
    projection,
    dir,
    workers: cfg.nproc,
    label: 'validation_waveforms',
    env: ctx.env,
  });
  const Val = WaveformSet.withIfos(cfg.ifos);
  await mergeParts(
    Val,
    Val,
    outcome.takes.map((t) => ({ path: t.acceptedPath, rows: t.acceptedRows })),
    out,
    {
      ifos: cfg.ifos,
      sample_rate: cfg.sample_rate,
      duration: cfg.waveform_duration,
      right_pad: cfg.right_pad,
      num_injections: outcome.numInjections,
    },
  );
  removeBranchDir(dir);
  ctx.log(
    `validation_waveforms: wrote ${outcome.accepted} waveforms to ${out} ` +
      `(${outcome.numInjections} draws in ${outcome.passes} pass(es): ${outcome.rejected} rejected, ${outcome.discarded} discarded)`,
  );
  return { path: out, skipped: false, seed, outcome };
}
