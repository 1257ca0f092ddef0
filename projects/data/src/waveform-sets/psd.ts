/**
 * PSDs for the SNR of rejection sampling (`load_psds`, reference §2.5): for each ifo the whole
 * background dataset → Welch PSD with fftlength = waveform_duration (so the grid is the rfft grid of
 * one waveform, Δf = 1/waveform_duration), periodic Hann window, 50 % overlap, per-segment mean
 * removal, one-sided density, MEDIAN average with scipy's bias correction.
 *
 * Also accepted: a two-column text ASD/PSD table (frequency, value; e.g. an O3 noise curve), put on
 * the same grid by log-log interpolation and used for every ifo ('auto' tells ASD from PSD by scale).
 */
import { existsSync, readFileSync } from 'node:fs';
import { detectSpectrumKind, parseSpectrumText, psdOnUniformGrid, welch } from '@aframe/signal';
import { readBackground } from '../background.ts';
import { hasHdf5Signature } from '@aframe/ledger';

const HDF5_EXT = /\.(hdf5|h5|hdf)$/i;

/** One PSD per ifo, each of T/2 + 1 bins on f_k = k/waveformDurationS. */
export async function loadPsds(path: string, ifos: readonly string[], waveformDurationS: number, sampleRate: number): Promise<Float64Array[]> {
  const bins = Math.floor(Math.round(waveformDurationS * sampleRate) / 2) + 1;
  if (!HDF5_EXT.test(path)) return ifos.map(() => textPsd(path, bins, 1 / waveformDurationS));
  if (existsSync(path) && !hasHdf5Signature(path)) {
    throw new Error(`${path}: not a readable HDF5 file (expected a background strain file with one dataset per ifo)`);
  }
  const block = await readBackground(path, [...ifos]);
  if (block.sampleRate !== sampleRate) {
    throw new Error(`${path}: background sampled at ${block.sampleRate} Hz, but the waveforms use sample_rate ${sampleRate} Hz`);
  }
  return ifos.map((ifo) => {
    const x = block.channels[ifo];
    const need = Math.round(waveformDurationS * sampleRate);
    if (x.length < need) {
      throw new Error(`${path}: ${ifo} has ${x.length / sampleRate} s of data; the PSD needs at least waveform_duration = ${waveformDurationS} s`);
    }
    const { psd } = welch(x, { sampleRate, fftlength: waveformDurationS, average: 'median' });
    return psd;
  });
}

function textPsd(path: string, bins: number, df: number): Float64Array {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`psd file ${path} cannot be read: ${(e as Error).message}`);
  }
  let table;
  try {
    table = parseSpectrumText(text, path);
  } catch (e) {
    throw new Error(`psd file ${path} is neither a background HDF5 file (.hdf5) nor a two-column frequency/ASD-or-PSD table: ${(e as Error).message}`);
  }
  return psdOnUniformGrid(table, { df, bins, kind: detectSpectrumKind(table.values) });
}


