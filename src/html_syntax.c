/* html_syntax.c — HTML attribute values: dates and times, integers and
 * percent escapes. Each reads its string left to right and stops at its
 * end, so no value is read past its NUL. */
#include "html_syntax.h"

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

/* The value of the two digits at p, or -1. */
static int two_digits(const char *p)
{
    return isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])
               ? (p[0] - '0') * 10 + (p[1] - '0')
               : -1;
}

/* A year (four to nine digits, not 0), then "-MM" and "-DD" when the
 * parts ask for them (1: year, 2: month, 3: date); the end, or NULL. */
static const char *read_date(const char *v, int parts)
{
    size_t year_len = strspn(v, "0123456789");
    if (year_len < 4 || year_len > 9)
        return NULL;
    long year = strtol(v, NULL, 10);
    const char *p = v + year_len;
    if (year < 1)
        return NULL;
    if (parts == 1)
        return p;
    int month = p[0] == '-' ? two_digits(p + 1) : -1;
    if (month < 1 || month > 12)
        return NULL;
    p += 3;
    if (parts == 2)
        return p;
    int day = p[0] == '-' ? two_digits(p + 1) : -1;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day < 1 || day > days[month - 1])
        return NULL;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap)
        return NULL;
    return p + 3;
}

/* HH:MM, then :SS and .fff (one to three digits) if there; the end, or
 * NULL. */
static const char *read_time(const char *p)
{
    int hour = two_digits(p);
    if (hour < 0 || hour > 23 || p[2] != ':')
        return NULL;
    int minute = two_digits(p + 3);
    if (minute < 0 || minute > 59)
        return NULL;
    p += 5;
    if (*p != ':')
        return p;
    int second = two_digits(p + 1);
    if (second < 0 || second > 59)
        return NULL;
    p += 3;
    if (*p != '.')
        return p;
    size_t n = strspn(p + 1, "0123456789");
    return n >= 1 && n <= 3 ? p + 1 + n : NULL;
}

/* Nothing, "Z" or an offset ("+08:00", "-0500"), then the end. */
static bool zone_ends(const char *p)
{
    if (!*p)
        return true;
    if (*p == 'Z')
        return !p[1];
    if (*p != '+' && *p != '-')
        return false;
    int zone_hour = two_digits(p + 1);
    if (zone_hour < 0 || zone_hour > 23)
        return false;
    p += 3;
    if (*p == ':')
        p++;
    int zone_minute = two_digits(p);
    return zone_minute >= 0 && zone_minute <= 59 && !p[2];
}

bool octavo_html_date_or_time(const char *v)
{
    const char *p = read_date(v, 3);
    if (!p)
        return false;
    if (!*p)
        return true;
    if (*p != 'T' && *p != ' ')
        return false;
    p = read_time(p + 1);
    return p && zone_ends(p);
}

/* Whether `v` matches the extended regular expression `pattern` whole.
 * (Compiled per call: datetime values are rare, and nothing is kept.) */
static bool matches(const char *pattern, const char *v)
{
    regex_t re;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return false;
    bool ok = regexec(&re, v, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

/* The rest of what HTML's time element allows beside dates and times: a
 * yearless date, a week, a time-zone offset, a duration (ISO 8601 or
 * "4h 18m 3s"). Their values need no calendar, so a pattern says it. */
static bool other_time_forms(const char *v)
{
    static const char *const forms[] = {
        "^--(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        "^[0-9]{4,}-W(0[1-9]|[1-4][0-9]|5[0-3])$",
        "^(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$",
        "^P(([0-9]+D)?T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]{1,3})?S)?|[0-9]+D)$",
        "^[ \t\n\f\r]*([0-9]+[ \t\n\f\r]*[WwDdHhMm]|[0-9]+(\\.[0-9]{1,3})?[ \t\n\f\r]*[Ss])"
        "([ \t\n\f\r]*([0-9]+[ \t\n\f\r]*[WwDdHhMm]|[0-9]+(\\.[0-9]{1,3})?[ \t\n\f\r]*[Ss]))*"
        "[ \t\n\f\r]*$",
    };
    if (strcmp(v, "PT") == 0 || strcmp(v, "P") == 0)
        return false;
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (matches(forms[i], v))
            return true;
    return false;
}

bool octavo_html_datetime(const char *v)
{
    const char *p;
    if (octavo_html_date_or_time(v) || other_time_forms(v))
        return true;
    /* A date and time may be separated by a space instead of "T". */
    const char *space = strchr(v, ' ');
    if (space && space - v == 10 && strchr(space + 1, ' ') == NULL) {
        char copy[64];
        size_t n = strlen(v);
        if (n < sizeof copy) {
            memcpy(copy, v, n + 1);
            copy[10] = 'T';
            if (octavo_html_date_or_time(copy))
                return true;
        }
    }
    if ((p = read_date(v, 1)) && !*p)
        return true;
    if ((p = read_date(v, 2)) && !*p)
        return true;
    return (p = read_time(v)) && !*p;
}

bool octavo_html_integer(const char *v, long min, long max, long *out)
{
    const char *p = v;
    bool negative = *p == '-';
    if (negative)
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    long n = 0;
    for (; isdigit((unsigned char)*p); p++)
        if ((n = n * 10 + (*p - '0')) > 2000000000)
            return false;
    n = negative ? -n : n;
    if (*p || n < min || n > max)
        return false;
    *out = n;
    return true;
}

bool octavo_html_valid_escape(const char *p)
{
    return isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]);
}
