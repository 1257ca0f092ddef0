/**
 * One rejection-sampling branch (runs on a pool thread; reference §2.5 for one slice of a pass):
 * `count` prior draws → polarisations → projection onto the ifos (antenna patterns, geocentre
 * delays; `ra` used directly as the azimuth phi) → per-ifo and network SNR against the PSDs →
 * accepted rows (network SNR ≥ threshold) with their responses to a WaveformSet branch file, the
 * others' parameters to an InjectionParameterSet branch file. Returns the accept mask (row order).
 * Blocks of 64 rows keep memory small; a finished branch (mask file present) is not redone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { projectWaveforms, type IfoName } from '@aframe/detectors';
import { atomicWriteFileSync } from '@aframe/io';
import { InjectionParameterSet, LedgerWriter, WaveformSet } from '@aframe/ledger';
import type { PriorSamples } from '@aframe/priors';
import { generatePolarizations } from './generate.ts';
import { branchSamples } from './priors-cache.ts';
import { BILBY_KEYS, type GeneratorSettings } from './settings.ts';

export interface ProjectionSettings {
  ifos: string[];
  /** one PSD per ifo on the rfft grid of one waveform */
  psds: Float64Array[];
  highpass: number | null;
  lowpass: number | null;
  snrThreshold: number;
  timeShift: 'integer-roll' | 'fractional';
}

export interface RejectionTask {
  settings: GeneratorSettings;
  projection: ProjectionSettings;
  priorName: string;
  seed: number;
  branch: number;
  count: number;
  acceptedPath: string;
  rejectedPath: string;
  maskPath: string;
}

export interface RejectionResult {
  branch: number;
  /** 1 = accepted, per draw in order */
  mask: Uint8Array;
  skipped: boolean;
}

const BLOCK = 64;

function take(col: Float64Array, width: number, rows: number[]): Float64Array {
  const out = new Float64Array(rows.length * width);
  rows.forEach((r, j) => out.set(col.subarray(r * width, (r + 1) * width), j * width));
  return out;
}

function paramCols(samples: PriorSamples, offset: number, rows: number[]): Record<string, { data: Float64Array; shape: number[] }> {
  const out: Record<string, { data: Float64Array; shape: number[] }> = {};
  for (const k of BILBY_KEYS) out[k] = { data: Float64Array.from(rows, (r) => samples[k][offset + r]), shape: [rows.length] };
  return out;
}

export default async function rejectionBranch(task: RejectionTask): Promise<RejectionResult> {
  const { settings: s, projection: p, count } = task;
  if (existsSync(task.maskPath) && existsSync(task.acceptedPath) && existsSync(task.rejectedPath)) {
    const bits = JSON.parse(readFileSync(task.maskPath, 'utf8')) as number[];
    if (bits.length === count) return { branch: task.branch, mask: Uint8Array.from(bits), skipped: true };
  }
  const samples = branchSamples(task.priorName, task.seed, task.branch, count);
  const nIfo = p.ifos.length;
  const Val = WaveformSet.withIfos(p.ifos);
  const fields = p.ifos.map((i) => i.toLowerCase());
  const acc = await LedgerWriter.open(Val, task.acceptedPath);
  const rej = await LedgerWriter.open(InjectionParameterSet, task.rejectedPath);
  const mask = new Uint8Array(count);
  try {
    for (let a = 0; a < count; a += BLOCK) {
      const b = Math.min(count, a + BLOCK);
      const n = b - a;
      const pols = generatePolarizations(samples, a, b, s);
      const L = pols.length;
      const res = projectWaveforms(
        p.ifos as IfoName[],
        { plus: pols.plus, cross: pols.cross, batch: n, length: L },
        { dec: samples.dec.subarray(a, b), psi: samples.psi.subarray(a, b), phi: samples.ra.subarray(a, b) },
        {
          sampleRate: s.sampleRate,
          psd: p.psds,
          highpass: p.highpass ?? undefined,
          lowpass: p.lowpass ?? undefined,
          timeShift: p.timeShift,
        },
      );
      const snr = res.networkSnr!;
      const ifoSnr = res.ifoSnr!;
      const yes: number[] = [];
      const no: number[] = [];
      for (let r = 0; r < n; r++) {
        if (snr[r] >= p.snrThreshold) {
          mask[a + r] = 1;
          yes.push(r);
        } else no.push(r);
      }
      if (yes.length > 0) {
        const cols: Record<string, { data: Float64Array; shape: number[] }> = {
          ...paramCols(samples, a, yes),
          snr: { data: take(snr, 1, yes), shape: [yes.length] },
          ifo_snrs: { data: take(ifoSnr, nIfo, yes), shape: [yes.length, nIfo] },
        };
        fields.forEach((name, c) => {
          const data = new Float64Array(yes.length * L);
          yes.forEach((r, j) => data.set(res.responses.data.subarray((r * nIfo + c) * L, (r * nIfo + c + 1) * L), j * L));
          cols[name] = { data, shape: [yes.length, L] };
        });
        acc.writeColumns(cols);
      }
      if (no.length > 0) {
        rej.writeColumns({
          ...paramCols(samples, a, no),
          snr: { data: take(snr, 1, no), shape: [no.length] },
          ifo_snrs: { data: take(ifoSnr, nIfo, no), shape: [no.length, nIfo] },
        });
      }
    }
    acc.setMetadata('ifos', p.ifos);
    acc.setMetadata('sample_rate', s.sampleRate);
    acc.setMetadata('duration', s.waveformDurationS);
    acc.setMetadata('right_pad', s.rightPadS);
    acc.setMetadata('num_injections', count);
    rej.setMetadata('ifos', p.ifos);
    await acc.close();
    await rej.close();
  } catch (e) {
    acc.abort();
    rej.abort();
    throw e;
  }
  atomicWriteFileSync(task.maskPath, JSON.stringify(Array.from(mask)));
  return { branch: task.branch, mask, skipped: false };
}
