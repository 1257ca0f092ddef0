// Runnable copy of the README example: npx tsx libs/ledger/examples/readme.ts
import { EventSet, InterferometerResponseSet, SECONDS_IN_YEAR } from '@aframe/ledger';

const ev = new EventSet({
  detection_statistic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  detection_time: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  shift: Array.from({ length: 10 }, () => [0, 1]), // (N, n_ifos) seconds
  Tb: 2 * SECONDS_IN_YEAR, // livetime, s
});
await ev.write('/tmp/background.hdf5'); // atomic: temp file in the same folder + rename
const back = await EventSet.read('/tmp/background.hdf5');
console.log(back.length, back.Tb, back.nb(5), back.far(5)); // 10 63113904 5 2.5  (far in 1/yr)

// a campaign of projected responses with h1, l1 waveform fields
const ResponseSet = InterferometerResponseSet.withIfos(['H1', 'L1']);
const sr = 16, duration = 2, T = sr * duration;
const params: Record<string, number[]> = {};
for (const f of ResponseSet.fields) if (f.kind === 'parameter') params[f.name] = [0, 0];
const rs = new ResponseSet({
  ...params,
  injection_time: [100, 124],
  shift: [[0, 1], [0, 1]],
  h1: [new Array(T).fill(1), new Array(T).fill(2)],
  l1: [new Array(T).fill(-1), new Array(T).fill(-2)],
  ifos: ['H1', 'L1'], sample_rate: sr, duration, right_pad: 0.5, num_injections: 7,
});
await rs.write('/tmp/waveforms.hdf5');
const part = await ResponseSet.read('/tmp/waveforms.hdf5', { start: 110, end: 130, shifts: [0, 1] });
const [h1, l1] = part.inject([new Float64Array(20 * sr), new Float64Array(20 * sr)], 110);
console.log(part.length, h1[Math.round((124 - 1.5 - 110) * sr)], l1[0]); // 1 2 0
