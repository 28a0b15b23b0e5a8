/* names.c — file names as Unicode compares them (ICU): the form a name is
 * looked up by (NFC, so that an href in NFD finds a file named in NFC, as
 * EPUBCheck 5 and epubcheck-ts resolve them) and the form two names
 * collide in on a case-insensitive file system (canonical caseless
 * match: NFD, full case folding, NFC; OPF-060). ASCII names, nearly all
 * of them, never reach ICU. */
#include "check_internal.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

bool octavo_check_is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

/* `s` as UTF-16 (owned; *n units); NULL when it is not UTF-8. */
static UChar *to_utf16(const char *s, size_t len, int32_t *n)
{
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, n, s, (int32_t)len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    UChar *u = octavo_xmalloc(((size_t)*n + 1) * sizeof *u);
    err = U_ZERO_ERROR;
    u_strFromUTF8(u, *n + 1, NULL, s, (int32_t)len, &err);
    if (U_FAILURE(err)) {
        free(u);
        return NULL;
    }
    return u;
}

static char *to_utf8(const UChar *u, int32_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len;
    u_strToUTF8(NULL, 0, &len, u, n, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    char *s = octavo_xmalloc((size_t)len + 1);
    err = U_ZERO_ERROR;
    u_strToUTF8(s, len + 1, NULL, u, n, &err);
    if (U_FAILURE(err)) {
        free(s);
        return NULL;
    }
    return s;
}

/* `u` normalized by `form` (owned, *n updated); NULL on failure. */
static UChar *normalize(const UNormalizer2 *form, const UChar *u, int32_t *n)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = unorm2_normalize(form, u, *n, NULL, 0, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    UChar *out = octavo_xmalloc(((size_t)len + 1) * sizeof *out);
    err = U_ZERO_ERROR;
    unorm2_normalize(form, u, *n, out, len + 1, &err);
    if (U_FAILURE(err)) {
        free(out);
        return NULL;
    }
    *n = len;
    return out;
}

char *octavo_check_name_nfc(const char *s, size_t len)
{
    if (octavo_check_is_ascii(s, len))
        return NULL;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    int32_t n;
    UChar *u = U_SUCCESS(err) ? to_utf16(s, len, &n) : NULL;
    if (!u)
        return NULL;
    char *out = NULL;
    err = U_ZERO_ERROR;
    if (!unorm2_isNormalized(nfc, u, n, &err) && U_SUCCESS(err)) {
        UChar *norm = normalize(nfc, u, &n);
        if (norm)
            out = to_utf8(norm, n);
        free(norm);
    }
    free(u);
    return out;
}

char *octavo_check_name_caseless(const char *s)
{
    size_t len = strlen(s);
    if (octavo_check_is_ascii(s, len)) {
        char *out = octavo_xmalloc(len + 1);
        for (size_t i = 0; i <= len; i++)
            out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
        return out;
    }
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    int32_t n;
    UChar *u = U_SUCCESS(err) ? to_utf16(s, len, &n) : NULL;
    UChar *d = u ? normalize(nfd, u, &n) : NULL;
    UChar *folded = NULL;
    if (d) {
        /* (Full folding: ß is ss. NFKC is not applied: names equal only
         * after it, like x² and x2, are different files to EPUB 3.3.) */
        err = U_ZERO_ERROR;
        int32_t len16 = u_strFoldCase(NULL, 0, d, n, U_FOLD_CASE_DEFAULT, &err);
        folded = octavo_xmalloc(((size_t)len16 + 1) * sizeof *folded);
        err = U_ZERO_ERROR;
        u_strFoldCase(folded, len16 + 1, d, n, U_FOLD_CASE_DEFAULT, &err);
        n = len16;
        if (U_FAILURE(err)) {
            free(folded);
            folded = NULL;
        }
    }
    UChar *c = folded ? normalize(nfc, folded, &n) : NULL;
    char *out = c ? to_utf8(c, n) : NULL;
    free(u);
    free(d);
    free(folded);
    free(c);
    return out ? out : octavo_xstrdup(s); /* (not UTF-8: compared as it is) */
}
