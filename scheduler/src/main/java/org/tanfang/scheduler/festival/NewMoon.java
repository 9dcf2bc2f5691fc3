package org.tanfang.scheduler.festival;

import java.time.LocalDate;
import java.time.temporal.JulianFields;

/**
 * The date, in China Standard Time, of the new moon nearest a given date, after Jean Meeus,
 * <i>Astronomical Algorithms</i> (2nd ed.), chapter 49 "Phases of the Moon": mean lunation plus the
 * periodic and planetary terms, good to well under a minute.
 *
 * <p>Why this exists: ICU4J's {@code ChineseCalendar} uses a coarser lunar ephemeris, and when a
 * new moon falls within minutes of Beijing midnight it starts the month a day early or late — for
 * 春节 2027 (new moon 6 Feb 23:56) and 2030 (3 Feb 00:07) among others. ICU still decides which month
 * is which (numbering, leap months); this class only puts each month's first day right.
 */
final class NewMoon {

  private static final double J2000_NEW_MOON = 2451550.09766;
  private static final double SYNODIC_MONTH = 29.530588861;
  private static final double CHINA_OFFSET_DAYS = 8.0 / 24;

  private NewMoon() {}

  /** The first day of the lunar month whose new moon is closest to {@code approximate}. */
  static LocalDate dateNear(LocalDate approximate) {
    double jd = approximate.getLong(JulianFields.JULIAN_DAY);
    long k = Math.round((jd - J2000_NEW_MOON) / SYNODIC_MONTH);
    double jdeTerrestrial = julianEphemerisDay(k);
    double jdUniversal = jdeTerrestrial - deltaTSeconds(approximate.getYear()) / 86400.0;
    // Julian days start at noon: +0.5 turns the fraction into civil time, then to UTC+8.
    long julianDayNumber = (long) Math.floor(jdUniversal + 0.5 + CHINA_OFFSET_DAYS);
    return LocalDate.MIN.with(JulianFields.JULIAN_DAY, julianDayNumber);
  }

  /** Meeus (49.1) and the new-moon corrections, in Terrestrial Time. */
  static double julianEphemerisDay(long k) {
    double t = k / 1236.85;
    double t2 = t * t;
    double t3 = t2 * t;
    double t4 = t3 * t;
    double jde =
        J2000_NEW_MOON
            + SYNODIC_MONTH * k
            + 0.00015437 * t2
            - 0.000000150 * t3
            + 0.00000000073 * t4;
    double e = 1 - 0.002516 * t - 0.0000074 * t2;
    double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
    double mp =
        rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
    double f =
        rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
    double omega = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
    double correction =
        -0.40720 * Math.sin(mp)
            + 0.17241 * e * Math.sin(m)
            + 0.01608 * Math.sin(2 * mp)
            + 0.01039 * Math.sin(2 * f)
            + 0.00739 * e * Math.sin(mp - m)
            - 0.00514 * e * Math.sin(mp + m)
            + 0.00208 * e * e * Math.sin(2 * m)
            - 0.00111 * Math.sin(mp - 2 * f)
            - 0.00057 * Math.sin(mp + 2 * f)
            + 0.00056 * e * Math.sin(2 * mp + m)
            - 0.00042 * Math.sin(3 * mp)
            + 0.00042 * e * Math.sin(m + 2 * f)
            + 0.00038 * e * Math.sin(m - 2 * f)
            - 0.00024 * e * Math.sin(2 * mp - m)
            - 0.00017 * Math.sin(omega)
            - 0.00007 * Math.sin(mp + 2 * m)
            + 0.00004 * Math.sin(2 * mp - 2 * f)
            + 0.00004 * Math.sin(3 * m)
            + 0.00003 * Math.sin(mp + m - 2 * f)
            + 0.00003 * Math.sin(2 * mp + 2 * f)
            - 0.00003 * Math.sin(mp + m + 2 * f)
            + 0.00003 * Math.sin(mp - m + 2 * f)
            - 0.00002 * Math.sin(mp - m - 2 * f)
            - 0.00002 * Math.sin(3 * mp + m)
            + 0.00002 * Math.sin(4 * mp);
    return jde + correction + planetaryCorrection(k, t2);
  }

  private static double planetaryCorrection(long k, double t2) {
    double[][] terms = {
      {0.000325, 299.77, 0.107408},
      {0.000165, 251.88, 0.016321},
      {0.000164, 251.83, 26.651886},
      {0.000126, 349.42, 36.412478},
      {0.000110, 84.66, 18.206239},
      {0.000062, 141.74, 53.303771},
      {0.000060, 207.14, 2.453732},
      {0.000056, 154.84, 7.306860},
      {0.000047, 34.52, 27.261239},
      {0.000042, 207.19, 0.121824},
      {0.000040, 291.34, 1.844379},
      {0.000037, 161.72, 24.198154},
      {0.000035, 239.56, 25.513099},
      {0.000023, 331.55, 3.592518},
    };
    double sum = 0;
    for (int i = 0; i < terms.length; i++) {
      double argument = terms[i][1] + terms[i][2] * k - (i == 0 ? 0.009173 * t2 : 0);
      sum += terms[i][0] * Math.sin(rad(argument));
    }
    return sum;
  }

  /**
   * ΔT = TT − UT in seconds, Espenak &amp; Meeus polynomials (NASA eclipse site). A minute of error
   * here moves a new moon by a minute; only near-midnight new moons care.
   */
  static double deltaTSeconds(int year) {
    double y = year + 0.5;
    if (y < 1986) {
      double t = y - 1975;
      return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    }
    if (y < 2005) {
      double t = y - 2000;
      return 63.86
          + 0.3345 * t
          - 0.060374 * t * t
          + 0.0017275 * t * t * t
          + 0.000651814 * Math.pow(t, 4)
          + 0.00002373599 * Math.pow(t, 5);
    }
    if (y < 2050) {
      double t = y - 2000;
      return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    double u = (y - 1820) / 100;
    return -20 + 32 * u * u - 0.5628 * (2150 - y);
  }

  private static double rad(double degrees) {
    return Math.toRadians(degrees % 360);
  }
}
