/**
 * IMRPhenomPv2 (Hannam et al. 2014, arXiv:1308.3271; Schmidt et al. 2015, arXiv:1408.1810),
 * ported from LALSimIMRPhenomP.c. Importing this module registers 'IMRPhenomPv2' with the
 * approximant registry, so generateFD / generateFDBatch / the TD generator can use it by name.
 */
export { IMRPhenomPv2, phenomPv2Band, phenomPv2Setup } from './phenom-pv2/generator.ts';
export type { PhenomPv2Setup } from './phenom-pv2/generator.ts';
export { phenomPv2ModelParamsFromSourceFrame } from './phenom-pv2/source-frame.ts';
export type { PhenomPModelParams } from './phenom-pv2/source-frame.ts';
export { finalSpinPv2, l2pnOrbitalAngularMomentum, nnloAngleCoefficients } from './phenom-pv2/precession.ts';
