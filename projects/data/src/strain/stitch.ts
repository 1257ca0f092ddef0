/**
 * Cut the span [start, end) out of consecutive GWOSC-format files of one detector, refusing data
 * with gaps, NaNs or seconds without the DATA bit inside the span.
 */
import type { GwoscStrain } from '../gwosc/strain-file.ts';

export function stitchSpan(files: GwoscStrain[], ifo: string, start: number, end: number): { sampleRate: number; data: Float64Array } {
  if (files.length === 0) throw new Error(`no ${ifo} strain files cover GPS [${start}, ${end})`);
  const sorted = [...files].sort((a, b) => a.gpsStart - b.gpsStart);
  const sampleRate = sorted[0].sampleRate;
  for (const f of sorted) {
    if (f.sampleRate !== sampleRate) throw new Error(`${f.path}: ${f.sampleRate} Hz, but other ${ifo} files are ${sampleRate} Hz`);
  }
  // Keep only files overlapping the span, and require contiguity through it.
  const used = sorted.filter((f) => f.gpsStart < end && f.gpsStart + f.durationS > start);
  if (used.length === 0 || used[0].gpsStart > start) {
    throw new Error(`${ifo} data missing at the start of GPS [${start}, ${end}): first file starts at ${used[0]?.gpsStart ?? 'none'}`);
  }
  for (let i = 1; i < used.length; i++) {
    const prevEnd = used[i - 1].gpsStart + used[i - 1].durationS;
    if (used[i].gpsStart !== prevEnd) {
      throw new Error(`${ifo} data has a gap in GPS [${start}, ${end}): files end at ${prevEnd} and resume at ${used[i].gpsStart}`);
    }
  }
  const last = used[used.length - 1];
  if (last.gpsStart + last.durationS < end) {
    throw new Error(`${ifo} data missing at the end of GPS [${start}, ${end}): files end at ${last.gpsStart + last.durationS}`);
  }
  const n = Math.round((end - start) * sampleRate);
  if (Math.abs((end - start) * sampleRate - n) > 1e-6) throw new Error(`span [${start}, ${end}) is not a whole number of samples at ${sampleRate} Hz`);
  const out = new Float64Array(n);
  for (const f of used) {
    const a = Math.max(start, f.gpsStart);
    const b = Math.min(end, f.gpsStart + f.durationS);
    const from = Math.round((a - f.gpsStart) * sampleRate);
    const to = Math.round((b - f.gpsStart) * sampleRate);
    out.set(f.data.subarray(from, to), Math.round((a - start) * sampleRate));
    if (f.dqMask) {
      for (let s = Math.floor(a - f.gpsStart); s < Math.ceil(b - f.gpsStart); s++) {
        if (!(f.dqMask[s] & 1)) throw new Error(`${ifo} has no science data (DQ bit DATA off) at GPS ${f.gpsStart + s} in ${f.path}`);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i])) throw new Error(`${ifo} strain is NaN/Inf at GPS ${start + i / sampleRate} (data gap inside the requested span)`);
  }
  return { sampleRate, data: out };
}
