/* html_syntax.h — the syntax of HTML attribute values (dates and times,
 * integers, percent escapes): one reading of them for the sanitizer,
 * which keeps only valid values, and for octavo check, which reports
 * invalid ones. */
#ifndef OCTAVO_HTML_SYNTAX_H
#define OCTAVO_HTML_SYNTAX_H

#include <stdbool.h>

/* HTML's valid date string ("2020-02-29"), optionally with a time and a
 * zone ("2020-02-29T13:05:09.5+08:00"): what octavo keeps in a datetime
 * of ins and del. */
bool octavo_html_date_or_time(const char *v);

/* Those, or a year ("2020"), a month ("2020-02"), a time of day
 * ("13:05", "13:05:09.5"), a yearless date ("--02-29"), a week
 * ("2020-W09"), a zone ("+08:00"), a duration ("PT4H18M", "4h 18m 3s"),
 * or a date and time with a space for "T": what octavo check accepts in
 * a datetime of time, ins and del (HTML's time element allows them all). */
bool octavo_html_datetime(const char *v);

/* An integer as HTML writes it ("-3", "12"), within min..max; *out gets
 * its value. */
bool octavo_html_integer(const char *v, long min, long max, long *out);

/* Whether the '%' at p starts a valid escape (two hex digits). */
bool octavo_html_valid_escape(const char *p);

#endif
