/**
 * Workaround for a limitation of @aframe/waveforms' `generateTD` when it is called one waveform at a
 * time: its FFT length ("chirpLen", reference §10.7 step 5) comes from the chirp-time bounds of the
 * waveforms in the batch, so for a heavy binary it can be as short as `right_pad` (e.g. 4096 samples
 * for M ≈ 77 M☉ at 2048 Hz) and the shift of the coalescence to right_pad before the end wraps around
 * the circular buffer (the merger lands at the wrong place). ml4gw never meets this because its
 * batches always contain light systems that make chirpLen ≥ the waveform length.
 *
 * Here every waveform gets chirpLen = max(own, nextPow2(T)) with T = duration·sample_rate: waveforms
 * whose own bound is shorter are generated in one batch together with a "pacer" — an equal-mass,
 * non-spinning binary whose bound is exactly nextPow2(T) — and the pacer's row is dropped. The result
 * of each waveform then depends only on its own parameters (the batch shares only chirpLen, and the
 * model's band start is the pacer's, below every member's own start, where the generator zeroes the
 * spectrum anyway).
 */
import {
  chirpStartFrequencyBound,
  chirpTimeBound,
  generatorIscoFrequency,
  mergeRingdownTimeBound,
} from '@aframe/waveforms';

/** FFT length generateTD uses for one waveform (§10.7 steps 1–5), samples. */
export function ownChirpLength(m1: number, m2: number, s1z: number, s2z: number, fMin: number, sampleRate: number): number {
  const fLo = Math.min(generatorIscoFrequency(m1 + m2), fMin);
  const tChirp = chirpTimeBound(fLo, m1, m2, s1z, s2z);
  const tMerge = mergeRingdownTimeBound(m1, m2, s1z, s2z);
  const fStart = chirpStartFrequencyBound(1.1 * tChirp, m1, m2);
  const tChirp2 = chirpTimeBound(fStart, m1, m2, s1z, s2z);
  return Math.pow(2, Math.ceil(Math.log2(Math.round((tChirp2 + tMerge + 2 * (3 / fLo)) * sampleRate))));
}

export function nextPow2(n: number): number {
  return Math.pow(2, Math.ceil(Math.log2(n)));
}

const pacerCache = new Map<string, number>();

/**
 * Component mass m (M☉) of an equal-mass non-spinning binary whose FFT length is exactly `target`
 * samples at (fMin, sampleRate), by bisection (the length falls with mass up to f_ISCO = fMin); null if none exists.
 */
export function pacerMass(target: number, fMin: number, sampleRate: number): number | null {
  const key = `${target}:${fMin}:${sampleRate}`;
  const hit = pacerCache.get(key);
  if (hit !== undefined) return hit;
  const len = (m: number) => ownChirpLength(m, m, 0, 0, fMin, sampleRate);
  // above the mass whose ISCO frequency is fMin, f_lower becomes f_ISCO and the length grows again
  let lo = 0.1;
  let hi = (0.999 * generatorIscoFrequency(1)) / fMin / 2;
  if (len(lo) < target || len(hi) > target) return null;
  for (let it = 0; it < 200; it++) {
    const mid = Math.sqrt(lo * hi);
    const l = len(mid);
    if (l === target) {
      pacerCache.set(key, mid);
      return mid;
    }
    if (l > target) lo = mid;
    else hi = mid;
  }
  return null;
}
