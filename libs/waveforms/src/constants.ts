/**
 * Physical constants exactly as LAL 7.7.1 defines them (see lal-reference/info.json).
 * Using older values (e.g. MSUN = 1.98892e30) changes amplitudes at the 1e-4 level.
 */
export const PI = Math.PI;
/** Speed of light, m/s. */
export const C_SI = 299792458;
/** Newton's constant, m^3 kg^-1 s^-2 (CODATA 2018). */
export const G_SI = 6.6743e-11;
/** Solar mass, kg (LAL_MSUN_SI). */
export const MSUN_SI = 1.9884098706980507e30;
/** Solar mass in seconds, G M_sun / c^3 (LAL_MTSUN_SI). */
export const MTSUN_SI = 4.925490947641267e-6;
/** Solar mass in metres, G M_sun / c^2 (LAL_MRSUN_SI). */
export const MRSUN_SI = 1476.6250380501247;
/** Parsec, m (LAL_PC_SI). */
export const PC_SI = 30856775814913672;
/** Megaparsec, m. */
export const MPC_SI = 1e6 * PC_SI;
/** Euler–Mascheroni constant (LAL_GAMMA). */
export const GAMMA = 0.5772156649015329;
