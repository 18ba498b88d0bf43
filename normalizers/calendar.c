/* Calendar arithmetic on civil dates (see calendar.h). Day counts use the
 * days-from-civil algorithm, valid for any proleptic Gregorian year. */
#include "calendar.h"

#include <stdlib.h>

bool cx_cal_is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cx_cal_days_in_month(int y, int m) {
  static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && cx_cal_is_leap(y) ? 29 : dm[m - 1];
}

bool cx_cal_valid(cx_ymd t) {
  return t.m >= 1 && t.m <= 12 && t.d >= 1 &&
         t.d <= cx_cal_days_in_month(t.y, t.m);
}

long cx_cal_to_days(cx_ymd t) {
  long y = t.y - (t.m <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (t.m + 9) % 12;
  long doy = (153 * mp + 2) / 5 + t.d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

cx_ymd cx_cal_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  cx_ymd t;
  t.d = (int)(doy - (153 * mp + 2) / 5 + 1);
  t.m = (int)(mp < 10 ? mp + 3 : mp - 9);
  t.y = (int)(yoe + era * 400 + (t.m <= 2));
  return t;
}

int cx_cal_weekday(cx_ymd t) {
  long z = cx_cal_to_days(t); /* 1970-01-01 was a Thursday (4) */
  long w = (z + 3) % 7;
  if (w < 0) w += 7;
  return (int)w + 1;
}

void cx_cal_iso_week(cx_ymd t, int *week_year, int *week) {
  /* the week belongs to the year of its Thursday */
  long z = cx_cal_to_days(t);
  long thu = z - cx_cal_weekday(t) + 4;
  cx_ymd th = cx_cal_from_days(thu);
  cx_ymd jan1 = {th.y, 1, 1};
  *week_year = th.y;
  *week = (int)((thu - cx_cal_to_days(jan1)) / 7) + 1;
}

cx_ymd cx_cal_add_days(cx_ymd t, long n) {
  return cx_cal_from_days(cx_cal_to_days(t) + n);
}

cx_ymd cx_cal_add_months(cx_ymd t, int n) {
  long mi = (long)t.y * 12 + (t.m - 1) + n;
  long y = mi >= 0 ? mi / 12 : (mi - 11) / 12;
  cx_ymd r = {(int)y, (int)(mi - y * 12) + 1, t.d};
  int dim = cx_cal_days_in_month(r.y, r.m);
  if (r.d > dim) r.d = dim;
  return r;
}

cx_ymd cx_cal_add_years(cx_ymd t, int n) { return cx_cal_add_months(t, 12 * n); }

int cx_cal_quarter(int month) { return (month - 1) / 3 + 1; }
int cx_cal_half(int month) { return month <= 6 ? 1 : 2; }

int cx_cal_resolve_month(cx_ymd ref, int month, bool past) {
  if (past) return month <= ref.m ? ref.y : ref.y - 1;
  return month >= ref.m ? ref.y : ref.y + 1;
}

int cx_cal_resolve_month_day(cx_ymd ref, int month, int day, bool past) {
  int a = month * 32 + day, r = ref.m * 32 + ref.d;
  if (past) return a <= r ? ref.y : ref.y - 1;
  return a >= r ? ref.y : ref.y + 1;
}

cx_ymd cx_cal_resolve_weekday(cx_ymd ref, int wday, bool past) {
  int cur = cx_cal_weekday(ref);
  int delta = past ? -((cur - wday + 7) % 7) : (wday - cur + 7) % 7;
  return cx_cal_add_days(ref, delta);
}

int cx_cal_resolve_quarter(cx_ymd ref, int q, bool past) {
  int cq = cx_cal_quarter(ref.m);
  if (past) return q <= cq ? ref.y : ref.y - 1;
  return q >= cq ? ref.y : ref.y + 1;
}

int cx_cal_nearest_month_day(cx_ymd ref, int month, int day) {
  long r = cx_cal_to_days(ref), best = -1;
  int by = ref.y;
  for (int y = ref.y - 1; y <= ref.y + 1; y++) {
    cx_ymd t = {y, month, day};
    if (t.d > cx_cal_days_in_month(y, month)) t.d = cx_cal_days_in_month(y, month);
    long dist = labs(cx_cal_to_days(t) - r);
    if (best < 0 || dist < best) best = dist, by = y;
  }
  return by;
}

cx_ymd cx_cal_nth_weekday(int y, int m, int wday, int n) {
  if (n > 0) {
    cx_ymd first = {y, m, 1};
    int delta = (wday - cx_cal_weekday(first) + 7) % 7 + 7 * (n - 1);
    return cx_cal_add_days(first, delta);
  }
  cx_ymd last = {y, m, cx_cal_days_in_month(y, m)};
  return cx_cal_add_days(last, -((cx_cal_weekday(last) - wday + 7) % 7));
}

cx_ymd cx_cal_easter(int y) {
  /* anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  cx_ymd t = {y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1};
  return t;
}

void cx_cal_fiscal_period(int fiscal_start, int fy, char kind, int n, cx_ymd *first,
                          cx_ymd *last) {
  int fs = fiscal_start >= 1 && fiscal_start <= 12 ? fiscal_start : 1;
  cx_ymd a = {fs == 1 ? fy : fy - 1, fs, 1};
  int len = 12;
  if (kind == 'Q') a = cx_cal_add_months(a, 3 * (n - 1)), len = 3;
  else if (kind == 'H') a = cx_cal_add_months(a, 6 * (n - 1)), len = 6;
  *first = a;
  *last = cx_cal_add_months(a, len - 1);
}

int cx_cal_fiscal_year_of(int fiscal_start, cx_ymd t) {
  int fs = fiscal_start >= 1 && fiscal_start <= 12 ? fiscal_start : 1;
  return fs == 1 || t.m < fs ? t.y : t.y + 1;
}
