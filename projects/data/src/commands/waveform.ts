/**
 * `aframe data waveform`: one CBC waveform (frequency or time domain) written to HDF5.
 *
 * Frequency domain: datasets `frequencies`, `hplus_real`, `hplus_imag`, `hcross_real`, `hcross_imag`
 * (XLALSimInspiralChooseFDWaveform conventions: bin k at k·delta_f). Time domain: `times` (s relative to
 * the coalescence, which sits right_pad before the end), `hplus`, `hcross`. All float64; every parameter
 * is a root attribute. The file is written to a temporary name in the same folder, then renamed.
 */
import { z } from 'zod';
import { defineCommand } from '@aframe/cli';

export const waveformParams = z.object({
  approximant: z.string().default('IMRPhenomD').describe('waveform model: TaylorF2, IMRPhenomD or IMRPhenomPv2'),
  mass_1: z.number().describe('detector-frame mass of body 1 [M_sun]'),
  mass_2: z.number().describe('detector-frame mass of body 2 [M_sun]'),
  spin1x: z.number().default(0).describe('dimensionless spin of body 1, x component (LAL source frame)'),
  spin1y: z.number().default(0).describe('dimensionless spin of body 1, y component'),
  spin1z: z.number().default(0).describe('dimensionless spin of body 1, z component (along L_N)'),
  spin2x: z.number().default(0).describe('dimensionless spin of body 2, x component'),
  spin2y: z.number().default(0).describe('dimensionless spin of body 2, y component'),
  spin2z: z.number().default(0).describe('dimensionless spin of body 2, z component (along L_N)'),
  distance: z.number().default(1000).describe('luminosity distance [Mpc]'),
  inclination: z.number().default(0).describe('inclination of L_N to the line of sight [rad]'),
  phase: z.number().default(0).describe('reference orbital phase at f_ref [rad]'),
  f_min: z.number().default(20).describe('lowest frequency [Hz]'),
  f_ref: z.number().default(50).describe('reference frequency [Hz]'),
  domain: z.enum(['frequency', 'time']).default('frequency').describe('output domain'),
  delta_f: z.number().default(0.125).describe('frequency domain: bin spacing [Hz]'),
  f_max: z.number().default(1024).describe('frequency domain: highest frequency [Hz] (0: model default)'),
  sample_rate: z.number().default(2048).describe('time domain: sample rate [Hz]'),
  duration: z.number().default(8).describe('time domain: output length [s]'),
  right_pad: z.number().default(2).describe('time domain: time from coalescence to the end of the output [s]'),
  output: z.string().describe('output HDF5 file'),
});

export type WaveformConfig = z.infer<typeof waveformParams>;

/** Generate the waveform described by `cfg` and write it to cfg.output (atomically). */
export async function writeWaveform(cfg: WaveformConfig): Promise<{ datasets: string[]; length: number }> {
  // Loaded here, not at the top: `aframe --help` imports every command module and should start fast.
  const { generateFD, generateTD, getApproximant, tdTimes } = await import('@aframe/waveforms');
  const { writeAtomic } = await import('@aframe/ledger');
  getApproximant(cfg.approximant); // throws naming the registered models
  const params = {
    mass1: cfg.mass_1,
    mass2: cfg.mass_2,
    spin1x: cfg.spin1x,
    spin1y: cfg.spin1y,
    spin1z: cfg.spin1z,
    spin2x: cfg.spin2x,
    spin2y: cfg.spin2y,
    spin2z: cfg.spin2z,
    distance: cfg.distance,
    inclination: cfg.inclination,
    phiRef: cfg.phase,
  };
  const data: Record<string, Float64Array> = {};
  if (cfg.domain === 'frequency') {
    const wf = generateFD(cfg.approximant, params, { deltaF: cfg.delta_f, fMin: cfg.f_min, fMax: cfg.f_max, fRef: cfg.f_ref });
    data.frequencies = new Float64Array(wf.length).map((_, k) => k * cfg.delta_f);
    data.hplus_real = wf.hplusRe;
    data.hplus_imag = wf.hplusIm;
    data.hcross_real = wf.hcrossRe;
    data.hcross_imag = wf.hcrossIm;
  } else {
    const settings = { sampleRate: cfg.sample_rate, durationS: cfg.duration, fMin: cfg.f_min, fRef: cfg.f_ref, rightPadS: cfg.right_pad };
    const wf = generateTD(cfg.approximant, params, settings);
    data.times = tdTimes(settings);
    data.hplus = wf.hplus;
    data.hcross = wf.hcross;
  }

  await writeAtomic(cfg.output, (f) => {
    for (const [name, arr] of Object.entries(data)) f.create_dataset({ name, data: arr, shape: [arr.length], dtype: '<d' });
    for (const [key, value] of Object.entries(cfg)) {
      if (typeof value === 'number') f.create_attribute(key, new Float64Array([value]), [], '<d');
      else f.create_attribute(key, String(value));
    }
  });
  const first = Object.values(data)[0];
  return { datasets: Object.keys(data), length: first.length };
}

export const waveformCommand = defineCommand({
  project: 'data',
  name: 'waveform',
  summary: 'generate one CBC waveform (TaylorF2, IMRPhenomD, IMRPhenomPv2) and write it to HDF5',
  description:
    'Frequency domain follows XLALSimInspiralChooseFDWaveform (bin k at k*delta_f); time domain is the conditioned\n' +
    'inverse FFT with the coalescence right_pad seconds before the end.',
  params: waveformParams,
  async run(cfg, ctx) {
    const { datasets, length } = await writeWaveform(cfg);
    ctx.log(`wrote ${cfg.output}: ${cfg.approximant} ${cfg.domain} domain, ${length} samples (${datasets.join(', ')})`);
  },
});
