/* Calendar arithmetic (proleptic Gregorian) and TIMEX3 value rendering.
 *
 * Before → after (the same examples are unit tests):
 *   days_in_month(2024, 2)            → 29        (leap year)
 *   days_in_month(1900, 2)            → 28        (century, not leap)
 *   weekday(2023, 3, 3)               → 5         (Friday; Monday = 1)
 *   iso_week(2021, 1, 1)              → 2020-W53  (belongs to last year's week)
 *   iso_week(2024, 12, 30)            → 2025-W01
 *   add_days(2024-02-28, +1)          → 2024-02-29
 *   add_months(2023-01-31, +1)        → 2023-02-28 (day clamped)
 *   quarter(8) → 3, half(8) → 2
 *   resolve_month(ref 2023-01-15, 12, past)   → 2022  ("December" in January)
 *   resolve_weekday(ref 2023-03-03 Fri, Tue, past) → 2023-02-28
 *   fiscal_period(start 10, FY 2024, Q1)   → 2023-10 .. 2023-12
 *   fiscal_year_of(start 4, 2024-03-31)    → 2024 (FY2024 ends in March 2024)
 */
#ifndef CX_CALENDAR_H
#define CX_CALENDAR_H

#include <stdbool.h>

typedef struct cx_ymd {
  int y, m, d;
} cx_ymd;

bool cx_cal_is_leap(int y);
int cx_cal_days_in_month(int y, int m);
/* Days since 1970-01-01 (negative before) and back. */
long cx_cal_to_days(cx_ymd t);
cx_ymd cx_cal_from_days(long days);
/* ISO weekday: Monday 1 … Sunday 7. */
int cx_cal_weekday(cx_ymd t);
/* ISO 8601 week number and the week-numbering year. */
void cx_cal_iso_week(cx_ymd t, int *week_year, int *week);
bool cx_cal_valid(cx_ymd t);

cx_ymd cx_cal_add_days(cx_ymd t, long n);
/* Adds months; the day is clamped to the target month's length. */
cx_ymd cx_cal_add_months(cx_ymd t, int n);
cx_ymd cx_cal_add_years(cx_ymd t, int n);
int cx_cal_quarter(int month);
int cx_cal_half(int month);

/* Year of a month mentioned without one. past: nearest not after ref's
 * month; otherwise the nearest not before it. */
int cx_cal_resolve_month(cx_ymd ref, int month, bool past);
/* Year of a month/day without one, as above at day granularity. */
int cx_cal_resolve_month_day(cx_ymd ref, int month, int day, bool past);
/* Year of a month/day without one: the nearest to ref either way. */
int cx_cal_nearest_month_day(cx_ymd ref, int month, int day);
/* Date of a weekday (1..7) mentioned alone: the nearest on or before ref
 * when past, else on or after. */
cx_ymd cx_cal_resolve_weekday(cx_ymd ref, int wday, bool past);
/* Year of quarter q mentioned without a year: the last one that has
 * started by ref when past, else the next one not yet ended. */
int cx_cal_resolve_quarter(cx_ymd ref, int q, bool past);

/* Fiscal years start in month fiscal_start (1..12) and are named by the
 * calendar year they end in (US convention: with start 10, FY2024 runs
 * 2023-10 .. 2024-09; with start 1 a fiscal year is the calendar year).
 * First and last month of fiscal year fy, or of its part: kind 'Q'
 * (quarter n) or 'H' (half n); kind 0 for the whole year. */
void cx_cal_fiscal_period(int fiscal_start, int fy, char kind, int n, cx_ymd *first,
                          cx_ymd *last);
/* The fiscal year a date falls in. */
int cx_cal_fiscal_year_of(int fiscal_start, cx_ymd t);

/* The n-th (1..5, or -1 for the last) ISO weekday of a month. */
cx_ymd cx_cal_nth_weekday(int y, int m, int wday, int n);
/* Easter Sunday (Gregorian computus). */
cx_ymd cx_cal_easter(int y);

#endif
