/** One PriorDict per name per thread (building the cosmological priors costs a few ms). */
import { getPrior, rngStream, type PriorDict, type PriorSamples } from '@aframe/priors';

const cache = new Map<string, PriorDict>();

export function priorByName(name: string): PriorDict {
  let p = cache.get(name);
  if (!p) {
    p = getPrior(name);
    cache.set(name, p);
  }
  return p;
}

/**
 * The prior draws of branch `branch`: `count` rows from random stream `branch + 1` of `seed`
 * (stream 0 is kept for campaign-level draws such as injection-time jitter), converted to
 * detector-frame masses when the prior samples source-frame ones (§2.4 step 2). Depends only on
 * (prior, seed, branch, count), never on the worker that runs it.
 */
export function branchSamples(priorName: string, seed: number, branch: number, count: number): PriorSamples {
  const prior = priorByName(priorName);
  return prior.toDetectorFrame(prior.sample(count, rngStream(seed, branch + 1)));
}
