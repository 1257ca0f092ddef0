/**
 * Time to make IMRPhenomPv2 training waveforms (8 s at 2048 Hz, f_min 20 Hz, end_o3_ratesandpops)
 * with `training_waveforms` on every core — target: 10,000 in under a minute on 2 cores.
 *
 *   npx tsx projects/data/bench/waveform-sets.bench.ts [--num_signals 10000] [--nproc N]
 *
 * Also times the single-thread generation of the same kind of waveforms in this process (no pool,
 * no HDF5) as the baseline the pooled run is compared to.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainingWaveformsParams } from '../src/commands/training-waveforms.ts';
import { runTrainingWaveforms } from '../src/waveform-sets/training.ts';
import { generatePolarizations } from '../src/waveform-sets/generate.ts';
import { branchSamples } from '../src/waveform-sets/priors-cache.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : Number(process.env[`WF_BENCH_${name.toUpperCase()}`] ?? fallback);
}

const numSignals = arg('num_signals', 10_000);
const nproc = arg('nproc', availableParallelism());
const settings = {
  approximant: 'IMRPhenomPv2',
  sampleRate: 2048,
  waveformDurationS: 8,
  minimumFrequency: 20,
  referenceFrequency: 50,
  rightPadS: 2,
};

// Baseline: one thread, generation only.
const nBase = Math.min(200, numSignals);
const samples = branchSamples('end_o3_ratesandpops', 1, 0, nBase);
generatePolarizations(samples, 0, 8, settings); // warm-up
let t0 = performance.now();
generatePolarizations(samples, 0, nBase, settings);
const perWaveformMs = (performance.now() - t0) / nBase;

const dir = mkdtempSync(join(tmpdir(), 'wf-bench-'));
try {
  const out = join(dir, 'training_waveforms.hdf5');
  const load = loadavg()[0];
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await runTrainingWaveforms(
    trainingWaveformsParams.parse({ num_signals: numSignals, output_file: out, seed: 1, nproc, waveform_approximant: 'IMRPhenomPv2' }),
    { log: () => {}, env: { AFRAME_QUIET: '1' } },
  );
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6; // all threads of this process (the pool's workers included)
  const gb = statSync(out).size / 1e9;
  console.log(`training_waveforms IMRPhenomPv2 8 s @ 2048 Hz: ${numSignals} waveforms on ${nproc} worker(s) in ${s.toFixed(1)} s`);
  console.log(`  ${(numSignals / s).toFixed(0)} waveforms/s, file ${gb.toFixed(2)} GB`);
  console.log(`  single-thread generation alone: ${perWaveformMs.toFixed(2)} ms/waveform → ideal ${((numSignals * perWaveformMs) / 1000 / nproc).toFixed(1)} s on ${nproc} workers; pooled run / ideal = ${(s / ((numSignals * perWaveformMs) / 1000 / nproc)).toFixed(2)}`);
  console.log(`  CPU time ${cpuS.toFixed(1)} s (${((cpuS / numSignals) * 1000).toFixed(2)} ms/waveform incl. HDF5 and merge) → ${(cpuS / nproc).toFixed(1)} s on ${nproc} idle cores`);
  console.log(`  load average before the run: ${load.toFixed(2)} on ${availableParallelism()} cores (other processes slow the wall-clock figure)`);
  console.log(`  extrapolated to 10,000: ${((s * 10_000) / numSignals).toFixed(1)} s (target < 60 s on 2 cores)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
