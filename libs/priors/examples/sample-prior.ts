// Draw detector-frame BBH parameters from aframe's default prior, reproducibly.
// Run from the repository root:  npx tsx libs/priors/examples/sample-prior.ts [n] [seed]
import { getPrior, rngStream, sampleBlocks, planck15 } from '@aframe/priors';

const n = Number(process.argv[2] ?? 5);
const seed = Number(process.argv[3] ?? 42);

const prior = getPrior('end_o3_ratesandpops'); // source-frame masses
console.log(prior.describe());

// One worker, one stream:
const { samples, numDrawn, numRejected } = prior.sampleWithCounts(n, rngStream(seed, 0));
const det = prior.toDetectorFrame(samples); // mass_1, mass_2 × (1 + z)
console.log(`\n${n} samples (${numDrawn} drawn, ${numRejected} rejected):`);
for (let i = 0; i < n; i++) {
  const dL = planck15.luminosityDistance(det.redshift[i]);
  console.log(
    `  m1_det=${det.mass_1[i].toFixed(2)} m2_det=${det.mass_2[i].toFixed(2)} z=${det.redshift[i].toFixed(4)} ` +
      `d_L=${dL.toFixed(1)} Mpc  a1=${det.a_1[i].toFixed(3)} tilt1=${det.tilt_1[i].toFixed(3)} ra=${det.ra[i].toFixed(3)}`,
  );
}

// Worker-independent rows (same values whichever worker draws rows [start, start+count)):
const rows = sampleBlocks(prior, { seed, start: 1000, count: 3 });
console.log('\nrows 1000..1002 mass_1 (source frame):', [...rows.samples.mass_1].map((m) => m.toFixed(3)).join(', '));

// Importance weight of a (m1, m2) pair under a target prior (sensitive-volume style):
const target = getPrior('log_normal_masses', { m1: 35, m2: 30, sigma: 0.1 });
const cols = { mass_1: [36], mass_2: [29] };
console.log('w = p_target/p_source =', (target.prob(cols)[0] / prior.prob(cols)[0]).toFixed(4));
