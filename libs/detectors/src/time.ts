/**
 * GPS → UTC (leap seconds) and Greenwich Mean Sidereal Time, following LAL's
 * XLALGPSToUTC / XLALConvertCivilTimeToJD / XLALGreenwichMeanSiderealTime (lal/lib/date/*.c).
 *
 * GMST is the IAU-1982 polynomial (Aoki et al. 1982, A&A 105, 359, Eqs. 13 & 19, as in NOVAS-C):
 *   GMST[sidereal s] = 67310.54841 + (876600·3600 + 8640184.812866)·T + 0.093104·T² − 6.2e-6·T³,
 *   T = (JD_UT1 − 2451545.0)/36525, with UT1 ≈ UTC = GPS − (GPS−UTC leap seconds),
 * no equation of the equinoxes, radians = sidereal s · π/43200. As in LAL, T is split into an
 * integer-second part (t_hi) and a nanosecond part (t_lo) to keep precision.
 *
 * Valid range: GPS 0 (1980-01-06T00:00:00 UTC) up to GPS 2^31−1 (LAL's INT4 seconds, year 2048).
 * The leap-second table below is complete up to LEAP_SECONDS_KNOWN_UNTIL_GPS (2025-12-31T23:59:59
 * UTC; IERS Bulletin C 70 announced no leap second at the end of 2025). Later times assume no
 * further leap seconds, exactly as LAL does with its own table; a leap second announced later would
 * shift GMST by 7.3e-5 rad per second of error.
 */

/** A GPS time split like LAL's LIGOTimeGPS, for exact sub-second input. */
export interface GpsTime {
  /** Integer GPS seconds. */
  readonly seconds: number;
  /** Nanoseconds, integer in [0, 1e9). */
  readonly nanoseconds: number;
}

/**
 * UTC dates (year, month) at whose start TAI−UTC took its new value (IERS Bulletin C; the same
 * entries as LAL's XLALLeapSeconds.h). GPS−UTC = TAI−UTC − 19 s.
 */
const LEAP_SECOND_DATES: ReadonlyArray<readonly [year: number, month: number, taiMinusUtcS: number]> = [
  [1981, 7, 20],
  [1982, 7, 21],
  [1983, 7, 22],
  [1985, 7, 23],
  [1988, 1, 24],
  [1990, 1, 25],
  [1991, 1, 26],
  [1992, 7, 27],
  [1993, 7, 28],
  [1994, 7, 29],
  [1996, 1, 30],
  [1997, 7, 31],
  [1999, 1, 32],
  [2006, 1, 33],
  [2009, 1, 34],
  [2012, 7, 35],
  [2015, 7, 36],
  [2017, 1, 37],
];

const SECONDS_PER_DAY = 86400;
/** Julian day number (integer, at noon) of the GPS epoch day 1980-01-06. */
const GPS_EPOCH_JDN = 2444245;
/** Largest GPS second LAL's INT4 seconds can hold. */
export const MAX_GPS_S = 2147483647;

/** Integer Julian day number (the one starting at noon of that civil day), Gregorian calendar. */
function julianDayNumber(year: number, month: number, day: number): number {
  // Fliegel & Van Flandern (1968), valid for any Gregorian date.
  const a = Math.trunc((month - 14) / 12);
  return (
    day -
    32075 +
    Math.trunc((1461 * (year + 4800 + a)) / 4) +
    Math.trunc((367 * (month - 2 - 12 * a)) / 12) -
    Math.trunc((3 * Math.trunc((year + 4900 + a) / 100)) / 4)
  );
}

/**
 * GPS second at which each new GPS−UTC value takes effect. As in LAL's table this is the GPS
 * second of the inserted leap second itself (UTC hh:mm:60), i.e. day·86400 + newOffset − 1.
 */
export const LEAP_SECONDS: ReadonlyArray<{ readonly gpsS: number; readonly gpsMinusUtcS: number }> =
  LEAP_SECOND_DATES.map(([year, month, taiUtc]) => {
    const days = julianDayNumber(year, month, 1) - GPS_EPOCH_JDN;
    const offset = taiUtc - 19;
    return { gpsS: days * SECONDS_PER_DAY + offset - 1, gpsMinusUtcS: offset };
  });

/** GPS time of 2026-01-01T00:00:00 UTC: the table is known complete before this instant. */
export const LEAP_SECONDS_KNOWN_UNTIL_GPS =
  (julianDayNumber(2026, 1, 1) - GPS_EPOCH_JDN) * SECONDS_PER_DAY + 18;

function checkGpsSeconds(gpsS: number, argName: string): void {
  if (!Number.isFinite(gpsS) || gpsS < 0 || gpsS > MAX_GPS_S) {
    throw new Error(`${argName}: GPS time must be a finite number in [0, ${MAX_GPS_S}] s, got ${gpsS}`);
  }
}

/** Splits a float GPS time into integer seconds + nanoseconds (as XLALGPSSetREAL8). */
export function toGpsTime(gps: number | GpsTime, argName = 'gpsTime'): GpsTime {
  if (typeof gps === 'number') {
    checkGpsSeconds(gps, argName);
    let seconds = Math.floor(gps);
    let nanoseconds = Math.round((gps - seconds) * 1e9);
    if (nanoseconds >= 1e9) {
      seconds += 1;
      nanoseconds -= 1e9;
    }
    return { seconds, nanoseconds };
  }
  const { seconds, nanoseconds } = gps;
  if (!Number.isInteger(seconds) || !Number.isInteger(nanoseconds) || nanoseconds < 0 || nanoseconds >= 1e9) {
    throw new Error(`${argName}: expected integer seconds and integer nanoseconds in [0, 1e9), got ${seconds} s + ${nanoseconds} ns`);
  }
  checkGpsSeconds(seconds, `${argName}.seconds`);
  return gps;
}

/** GPS − UTC in seconds (leap seconds since 1980) at integer GPS second `gpsS` (LAL's XLALLeapSeconds − 19). */
export function gpsMinusUtcS(gpsS: number): number {
  checkGpsSeconds(gpsS, 'gpsS');
  let offset = 0;
  for (const leap of LEAP_SECONDS) {
    if (gpsS >= leap.gpsS) offset = leap.gpsMinusUtcS;
    else break;
  }
  return offset;
}

/**
 * UTC Julian date of integer GPS second `gpsS`, to the second, as XLALConvertCivilTimeToJD of
 * XLALGPSToUTC: a leap second (UTC 23:59:60) maps to the same JD as the following 00:00:00.
 */
export function gpsToJulianDateUtc(gpsS: number): number {
  const offset = gpsMinusUtcS(gpsS);
  const isLeapInstant = LEAP_SECONDS.some((l) => l.gpsS === gpsS);
  const utcCount = gpsS - offset + (isLeapInstant ? 1 : 0); // non-leap seconds since 1980-01-06T00:00 UTC
  const dayCount = Math.floor(utcCount / SECONDS_PER_DAY);
  const secondOfDay = utcCount - dayCount * SECONDS_PER_DAY;
  // LAL: jd = integer day number; jd += sec/86400 - 0.5 (civil days start at midnight, JD at noon).
  return GPS_EPOCH_JDN + dayCount + (secondOfDay / SECONDS_PER_DAY - 0.5);
}

/** Julian date of J2000.0 (XLAL_EPOCH_J2000_0_JD). */
const J2000_JD = 2451545.0;

/** GMST in radians, NOT reduced (LAL's raw XLALGreenwichMeanSiderealTime). */
export function gmstUnreduced(gpsTime: number | GpsTime): number {
  const { seconds, nanoseconds } = toGpsTime(gpsTime);
  const tHi = (gpsToJulianDateUtc(seconds) - J2000_JD) / 36525.0;
  const tLo = nanoseconds / (1e9 * 36525.0 * 86400.0);
  const t = tHi + tLo;
  // Sidereal seconds; 3155760000 = 876600·3600 (one sidereal day per solar day times 36525 days).
  let siderealS = (-6.2e-6 * t + 0.093104) * t * t + 67310.54841;
  siderealS += 8640184.812866 * tLo;
  siderealS += 3155760000.0 * tLo;
  siderealS += 8640184.812866 * tHi;
  siderealS += 3155760000.0 * tHi;
  return (siderealS * Math.PI) / 43200.0;
}

const TWO_PI = 2 * Math.PI;

/** Reduces an angle to [0, 2π). */
export function wrapTwoPi(angleRad: number): number {
  const r = angleRad % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

/** Greenwich Mean Sidereal Time in radians, reduced to [0, 2π) (LAL's XLALGreenwichMeanSiderealTime mod 2π). */
export function gmst(gpsTime: number | GpsTime): number {
  return wrapTwoPi(gmstUnreduced(gpsTime));
}
