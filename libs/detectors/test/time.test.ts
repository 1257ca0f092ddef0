/**
 * GMST and leap seconds against astropy/ERFA (fixtures/gmst_erfa.json from gen_gmst.py: eraGmst82
 * with UT1 := UTC from astropy's own GPS→UTC conversion). Tolerances: GMST 5e-9 rad — LAL (and so
 * this port, which equals LAL bit for bit on detectors.json) holds the UTC Julian date in one double,
 * whose spacing near JD 2.45e6 is 2^-31 day ≈ 40 µs ≈ 2.9e-9 rad of GMST, while ERFA uses a two-part
 * date; leap seconds exact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LEAP_SECONDS,
  LEAP_SECONDS_KNOWN_UNTIL_GPS,
  gmst,
  gmstUnreduced,
  gpsMinusUtcS,
  gpsToJulianDateUtc,
  toGpsTime,
} from '../src/index.ts';
import { FIXTURES, readJson } from './helpers.ts';

interface ErfaFixture {
  gmst: { gps_seconds: number; gps_nanoseconds: number; gmst_rad: number }[];
  leap_seconds: { gps: number; gps_minus_utc_s: number }[];
}
const erfa = readJson<ErfaFixture>(new URL('gmst_erfa.json', FIXTURES));

/** Smallest angular distance on the circle. */
function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

test('GMST matches ERFA eraGmst82 (UT1 = UTC) at 60 random GPS times 1980–2040 (5e-9 rad)', () => {
  let worst = 0;
  for (const r of erfa.gmst) {
    const g = gmst({ seconds: r.gps_seconds, nanoseconds: r.gps_nanoseconds });
    assert.ok(g >= 0 && g < 2 * Math.PI);
    worst = Math.max(worst, angleDiff(g, r.gmst_rad));
  }
  assert.ok(worst <= 5e-9, `max |ΔGMST| = ${worst} rad`);
});

test('GPS−UTC leap seconds match astropy before/after every leap second', () => {
  for (const r of erfa.leap_seconds) assert.equal(gpsMinusUtcS(r.gps), r.gps_minus_utc_s, `at GPS ${r.gps}`);
  assert.equal(LEAP_SECONDS.length, 18);
  assert.equal(gpsMinusUtcS(0), 0);
  assert.equal(gpsMinusUtcS(LEAP_SECONDS_KNOWN_UNTIL_GPS), 18);
});

test('GMST advances at the mean sidereal rate (analytic: (1 + 8640184.812866/3155760000)·2π/86400 rad/s)', () => {
  // d GMST / d UT1 of the IAU-1982 polynomial at T≈0: 1.0027379093507951 sidereal s per s.
  const rate = ((1 + 8640184.812866 / 3155760000) * 2 * Math.PI) / 86400;
  const span = 10 * 86400; // long span: the JD quantisation (~3e-9 rad) must be ≪ rate·span·tolerance
  for (const t0 of [630720013, 1126259462, 1400000000]) {
    const d = gmstUnreduced(t0 + span) - gmstUnreduced(t0);
    // the T² term changes the rate by 2·0.093104·T/3155760000 ≈ 6e-11·T (T in centuries): negligible
    assert.ok(Math.abs(d / span - rate) / rate < 1e-9, `rate at ${t0}: ${d / span} vs ${rate}`);
  }
});

test('J2000.0 epoch: GPS 630763213 is 2000-01-01T12:00:00 UTC (JD 2451545.0) and GMST = 280.46061837°', () => {
  // GPS−UTC on 2000-01-01 was 13 s; 630763200 s after 1980-01-06T00:00 is 2000-01-01T12:00:00.
  assert.equal(gpsToJulianDateUtc(630763213), 2451545.0);
  // IAU-1982 GMST at T = 0: 67310.54841 s → 280.46061837504 deg (Astronomical Almanac)
  const deg = (gmst(630763213) * 180) / Math.PI;
  assert.ok(Math.abs(deg - 280.46061837504) < 1e-9, `${deg}`);
});

test('a leap second (UTC 23:59:60) has the same GMST as the next second, as in LAL', () => {
  const leap = LEAP_SECONDS[LEAP_SECONDS.length - 1].gpsS; // 2016-12-31T23:59:60
  assert.equal(gpsToJulianDateUtc(leap), gpsToJulianDateUtc(leap + 1));
  assert.equal(gpsToJulianDateUtc(leap - 1) + 1 / 86400, gpsToJulianDateUtc(leap));
});

test('GPS input guards', () => {
  assert.throws(() => gmst(Number.NaN), /gpsTime: GPS time must be a finite number/);
  assert.throws(() => gmst(-1), /\[0, 2147483647\]/);
  assert.throws(() => gmst(3e9), /\[0, 2147483647\]/);
  assert.throws(() => gmst({ seconds: 1e9, nanoseconds: 1e9 }), /nanoseconds in \[0, 1e9\)/);
  assert.deepEqual(toGpsTime(1126259462.5), { seconds: 1126259462, nanoseconds: 500000000 });
});
