#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

size_t octavo_utf8_decode_last(const char *s, size_t len, uint32_t *cp)
{
    size_t start = len;
    while (start > 0 && len - start < 4) {
        start--;
        if (((unsigned char)s[start] & 0xC0) != 0x80)
            break;
    }
    size_t n = octavo_utf8_decode(s + start, len - start, cp);
    return n == len - start ? n : 0;
}

size_t octavo_utf8_run(const char *str, size_t len, unsigned flags, size_t *newlines)
{
    /* Every pass over a source (checking, normalising, cleaning) used to
     * decode each character; most of any text is ASCII or three-byte
     * characters that need only their bytes checked. */
    const unsigned char *s = (const unsigned char *)str;
    bool xml = flags & OCTAVO_RUN_XML, source = flags & OCTAVO_RUN_SOURCE;
    size_t i = 0, lines = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c >= 0x20 && c != 0x7F) || c == '\t') {
                i++;
            } else if (c == '\n') {
                lines++;
                i++;
            } else if (!xml || (c == '\r' && !source)) {
                i++;
            } else {
                break;
            }
            continue;
        }
        size_t rest = len - i;
        if (c >= 0xC2 && c <= 0xDF) {
            if (rest < 2 || (s[i + 1] & 0xC0) != 0x80 || (xml && c == 0xC2 && s[i + 1] < 0xA0))
                break; /* (U+0080..U+009F) */
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (rest < 3 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
                (c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0))
                break; /* (too long a form, or a surrogate) */
            if (c == 0xEF && ((xml && s[i + 1] == 0xBF && s[i + 2] >= 0xBE) ||
                              (source && s[i + 1] == 0xBB && s[i + 2] == 0xBF)))
                break; /* U+FFFE, U+FFFF; U+FEFF */
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (rest < 4 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
                (s[i + 3] & 0xC0) != 0x80 || (c == 0xF0 && s[i + 1] < 0x90) ||
                (c == 0xF4 && s[i + 1] >= 0x90))
                break;
            i += 4;
        } else {
            break;
        }
    }
    if (newlines)
        *newlines = lines;
    return i;
}

size_t octavo_utf8_invalid_offset(const char *s, size_t len)
{
    return octavo_utf8_run(s, len, 0, NULL);
}

size_t octavo_utf8_length(const char *s, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

bool octavo_is_xml_char(uint32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

bool octavo_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

bool octavo_is_cjk(uint32_t cp)
{
    return octavo_is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || /* CJK punct */
           (cp >= 0x3040 && cp <= 0x30FF) ||                      /* kana */
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || /* full-width forms */
           (cp >= 0xFE30 && cp <= 0xFE4F) || /* vertical forms */
           cp == 0x2014 || cp == 0x2026 ||   /* — … as used in Chinese */
           cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x00B7;
}

bool octavo_is_spaceless(uint32_t cp)
{
    return octavo_is_cjk(cp) && !(cp >= 0xAC00 && cp <= 0xD7AF);
}

bool octavo_is_cjk_punct(uint32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0xFE10 && cp <= 0xFE1F) ||
           (cp >= 0xFE30 && cp <= 0xFE4F);
}

bool octavo_is_clause_punct(uint32_t cp)
{
    switch (cp) {
    case '.':
    case '!':
    case '?':
    case ';':
    case ',':
    case ':':
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case 0xFF0C: /* ， */
    case 0x3001: /* 、 */
    case 0xFF1A: /* ： */
    case 0xFF0E: /* ． */
    case 0x2026: /* … */
        return true;
    default:
        return false;
    }
}

bool octavo_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x200B);
}

bool octavo_xml_needs_cleaning(const char *s)
{
    size_t len = strlen(s);
    return octavo_utf8_run(s, len, OCTAVO_RUN_XML, NULL) < len;
}

char *octavo_xml_clean(const char *s, uint32_t *dropped)
{
    size_t len = strlen(s), n = 0;
    char *out = malloc(len + 1);
    if (!out)
        abort();
    if (dropped)
        *dropped = 0;
    for (size_t i = 0; i < len;) {
        size_t run = octavo_utf8_run(s + i, len - i, OCTAVO_RUN_XML, NULL);
        memcpy(out + n, s + i, run);
        n += run;
        i += run;
        if (i == len)
            break;
        /* A character to drop, or an invalid byte. */
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (dropped && !*dropped)
            *dropped = k ? cp : 0xFFFD;
        i += k ? k : 1;
    }
    out[n] = '\0';
    return out;
}

void octavo_line_and_column(const char *s, size_t at, unsigned *line, unsigned *col)
{
    unsigned l = 1;
    size_t start = 0;
    for (size_t i = 0; i < at; i++)
        if (s[i] == '\n') {
            l++;
            start = i + 1;
        }
    *line = l;
    *col = (unsigned)(at - start + 1);
}

int octavo_natural_compare(const char *a, const char *b)
{
    const char *pa = a, *pb = b;
    while (*pa && *pb) {
        if (isdigit((unsigned char)*pa) && isdigit((unsigned char)*pb)) {
            /* Compare digit runs by value: skip leading zeros, then the
             * longer run is bigger, then digit by digit. */
            while (*pa == '0')
                pa++;
            while (*pb == '0')
                pb++;
            size_t la = 0, lb = 0;
            while (isdigit((unsigned char)pa[la]))
                la++;
            while (isdigit((unsigned char)pb[lb]))
                lb++;
            if (la != lb)
                return la < lb ? -1 : 1;
            int c = memcmp(pa, pb, la);
            if (c)
                return c < 0 ? -1 : 1;
            pa += la;
            pb += lb;
            continue;
        }
        int ca = tolower((unsigned char)*pa), cb = tolower((unsigned char)*pb);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        pa++;
        pb++;
    }
    if (*pa || *pb)
        return *pa ? 1 : -1;
    int c = strcmp(a, b);
    return c < 0 ? -1 : c > 0;
}

void octavo_printable(const char *s, bool newlines, octavo_buf *out)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            octavo_buf_printf(out, "\\x%02X", (unsigned char)s[i]);
            i++;
            continue;
        }
        bool control =
            (cp < 0x20 && cp != '\t' && !(cp == '\n' && newlines)) || (cp >= 0x7F && cp <= 0x9F);
        bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                    cp == 0x200E || cp == 0x200F || cp == 0x061C;
        if (control)
            octavo_buf_printf(out, "\\x%02X", (unsigned)cp);
        else if (bidi)
            octavo_buf_printf(out, "\\u%04X", (unsigned)cp);
        else
            octavo_buf_append(out, s + i, k);
        i += k;
    }
}

const char *octavo_trim_space(const char *s, size_t *len)
{
    size_t n = *len;
    while (n) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s, n, &cp);
        if (!k || !octavo_is_space(cp))
            break;
        s += k;
        n -= k;
    }
    while (n) {
        uint32_t cp;
        size_t k = octavo_utf8_decode_last(s, n, &cp);
        if (!k || !octavo_is_space(cp))
            break;
        n -= k;
    }
    *len = n;
    return s;
}

octavo_span octavo_trim(const char *s, size_t len)
{
    const char *t = octavo_trim_space(s, &len);
    return (octavo_span){t, len};
}

bool octavo_starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

bool octavo_has_clause_punct(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k)
            return false;
        if (octavo_is_clause_punct(cp))
            return true;
        i += k;
    }
    return false;
}
