// Vietnamese lunisolar calendar after Hồ Ngọc Đức's published algorithm ("Âm lịch Việt Nam"), which uses
// Jean Meeus' astronomical approximations for new moons and solar longitude. Month starts and the leap month
// depend on which local day a new moon falls on, so the time zone is part of the calendar: Vietnam has used
// UTC+7 since 1968, while the Chinese calendar is computed at UTC+8. The two disagree in some years (lunar new
// year 1985: 21 Jan in Vietnam, 20 Feb in China; 2007: 17 Feb vs 18 Feb), which is why a Chinese lunar library
// would silently give wrong holidays here. Accuracy of the approximations is good for roughly 1200–2199.

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

// Vietnam's calendar meridian (105°E); not Asia/Ho_Chi_Minh history before 1968, which does not matter for a
// system handling present-day deadlines.
const VIETNAM_TIME_ZONE_HOURS = 7;

// Mean synodic month (days) and the Julian day of the new moon that the algorithm's month index k counts from
// (1900-01-01 13:52 UT).
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH_JD = 2415021.076998695;

const int = Math.floor;

/** Julian day number of a proleptic date (Gregorian from 15 Oct 1582, Julian before, as in the original). */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = int((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd = day + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - int(y / 100) + int(y / 400) - 32045;
  if (jd < 2299161) {
    jd = day + int((153 * m + 2) / 5) + 365 * y + int(y / 4) - 32083;
  }
  return jd;
}

export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = int((4 * a + 3) / 146097);
    c = a - int((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = int((4 * c + 3) / 1461);
  const e = c - int((1461 * d) / 4);
  const m = int((5 * e + 2) / 153);
  return {
    day: e - int((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * int(m / 10),
    year: b * 100 + d - 4800 + int(m / 10),
  };
}

/** Julian date (UT, fractional) of the k-th new moon after the epoch; Meeus ch. 49 truncated, as in the original. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  // ΔT (TT − UT) in days: the series above gives dynamical time, the calendar needs civil time.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Apparent solar longitude in radians, normalised to [0, 2π). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - Math.PI * 2 * int(L / (Math.PI * 2));
  return L;
}

/** Which of the 12 major solar terms (30° sectors) the sun is in at local midnight starting that day. */
function sunSector(dayNumber: number, timeZone: number): number {
  return int((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Local Julian day number on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return int(newMoon(k) + 0.5 + timeZone / 24);
}

/** Start day of lunar month 11 (the month containing the winter solstice) of Gregorian year `year`. */
function lunarMonth11(year: number, timeZone: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = int(off / SYNODIC_MONTH);
  let nm = newMoonDay(k, timeZone);
  // The solstice (longitude 270°, sector 9) must fall inside month 11; if the sun has already reached it at the
  // start of this month, month 11 is the previous one.
  if (sunSector(nm, timeZone) >= 9) {
    nm = newMoonDay(k - 1, timeZone);
  }
  return nm;
}

/**
 * In a 13-month year, the offset (months after month 11) of the leap month: the first month in which the sun
 * enters no new major term.
 */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = int((a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function assertSolarDate(year: number, month: number, day: number): void {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new RangeError(`Invalid solar date ${year}-${month}-${day}`);
  }
  const back = jdToDate(jdFromDate(day, month, year));
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`Invalid solar date ${year}-${month}-${day}`);
  }
}

/** Time zone is a parameter only so the tests can show why UTC+7 matters; the public API fixes it. */
export function solarToLunarAt(year: number, month: number, day: number, timeZone: number): LunarDate {
  assertSolarDate(year, month, day);
  const dayNumber = jdFromDate(day, month, year);
  const k = int((dayNumber - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) {
    monthStart = newMoonDay(k, timeZone);
  }
  let a11 = lunarMonth11(year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1, timeZone);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1, timeZone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = int((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      if (diff === leapDiff) {
        leap = true;
      }
    }
  }
  if (lunarMonth > 12) {
    lunarMonth -= 12;
  }
  // Months 11 and 12 counted from this year's month 11 still belong to the lunar year that began last winter.
  if (lunarMonth >= 11 && diff < 4) {
    lunarYear -= 1;
  }
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

export function lunarToSolarAt(
  lunarDay: number,
  lunarMonth: number,
  lunarYear: number,
  leap: boolean,
  timeZone: number,
): SolarDate {
  if (
    !Number.isInteger(lunarDay) ||
    !Number.isInteger(lunarMonth) ||
    !Number.isInteger(lunarYear) ||
    lunarMonth < 1 ||
    lunarMonth > 12 ||
    lunarDay < 1 ||
    lunarDay > 30
  ) {
    throw new RangeError(`Invalid lunar date ${lunarDay}/${lunarMonth}/${lunarYear}`);
  }
  let a11: number;
  let b11: number;
  if (lunarMonth < 11) {
    a11 = lunarMonth11(lunarYear - 1, timeZone);
    b11 = lunarMonth11(lunarYear, timeZone);
  } else {
    a11 = lunarMonth11(lunarYear, timeZone);
    b11 = lunarMonth11(lunarYear + 1, timeZone);
  }
  const k = int(0.5 + (a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let off = lunarMonth - 11;
  if (off < 0) {
    off += 12;
  }
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) {
      leapMonth += 12;
    }
    if (leap && lunarMonth !== leapMonth) {
      throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
    }
    if (leap || off >= leapOff) {
      off += 1;
    }
  } else if (leap) {
    throw new RangeError(`Lunar year ${lunarYear} has no leap month`);
  }
  const monthStart = newMoonDay(k + off, timeZone);
  // The original algorithm silently rolls day 30 of a 29-day month into the next month; a holiday table must not.
  const monthLength = newMoonDay(k + off + 1, timeZone) - monthStart;
  if (lunarDay > monthLength) {
    throw new RangeError(`Lunar month ${lunarMonth}/${lunarYear} has only ${monthLength} days`);
  }
  return jdToDate(monthStart + lunarDay - 1);
}

/** Lunar date (Vietnamese calendar, UTC+7) of a Gregorian date. */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  return solarToLunarAt(year, month, day, VIETNAM_TIME_ZONE_HOURS);
}

/** Gregorian date of a lunar date (Vietnamese calendar, UTC+7); throws RangeError if that lunar date does not exist. */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number, leap = false): SolarDate {
  return lunarToSolarAt(lunarDay, lunarMonth, lunarYear, leap, VIETNAM_TIME_ZONE_HOURS);
}

/** Gregorian date of Tết (1st day of the 1st lunar month) of the lunar year that begins in Gregorian `year`. */
export function lunarNewYear(year: number): SolarDate {
  return lunarToSolar(1, 1, year);
}
