#include "octavo/encoding.h"

#include "octavo/lang.h"
#include "octavo/mem.h"
#include "octavo/text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

bool octavo_looks_binary(const char *bytes, size_t len)
{
    static const struct {
        const char *magic;
        size_t len;
    } signatures[] = {
        {"\x89PNG", 4},
        {"\xFF\xD8\xFF", 3},
        {"GIF8", 4},
        {"%PDF", 4},
        {"PK\x03\x04", 4},
        {"\x7F"
         "ELF",
         4},
        {"RIFF", 4},
        {"\x1F\x8B", 2},
    };
    for (size_t i = 0; i < sizeof signatures / sizeof *signatures; i++)
        if (len >= signatures[i].len && memcmp(bytes, signatures[i].magic, signatures[i].len) == 0)
            return true;
    if (len >= 2 &&
        ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        return false; /* UTF-16 text is full of NUL bytes */
    /* A stray NUL in a text file is dropped later (with a warning); a file
     * with many is not text. */
    size_t sample = len < 65536 ? len : 65536, nuls = 0;
    for (size_t i = 0; i < sample; i++)
        nuls += bytes[i] == '\0';
    return nuls * 10 > sample || (nuls > 8 && nuls * 100 > sample);
}

/* Converts with iconv. On failure returns false and sets *bad to the
 * offset of the first byte that could not be converted. */
static bool convert(const char *from, const char *bytes, size_t len, char **out, size_t *out_len,
                    size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        *bad = 0;
        return false;
    }
    size_t cap = len * 2 + 16, used = 0;
    char *buf = octavo_xmalloc(cap + 1);
    char *in = (char *)bytes;
    size_t in_left = len;
    bool ok = true;
    while (in_left > 0) {
        char *dst = buf + used;
        size_t dst_left = cap - used;
        size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
        used = (size_t)(dst - buf);
        if (r != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            cap *= 2;
            buf = octavo_xrealloc(buf, cap + 1);
            continue;
        }
        ok = false; /* EILSEQ or EINVAL (truncated at the end) */
        *bad = (size_t)(in - bytes);
        break;
    }
    iconv_close(cd);
    if (!ok) {
        free(buf);
        return false;
    }
    buf[used] = '\0';
    *out = buf;
    *out_len = used;
    return true;
}

/* How much decoded text looks like real Chinese: the share of Han
 * characters that are common characters with distinct Simplified or
 * Traditional forms. Text decoded with the wrong one of GBK and Big5 is
 * mostly rare characters and scores near zero. */
static double chinese_score(const char *utf8, size_t len)
{
    octavo_lang_stats s = {0};
    octavo_lang_count(&s, utf8, len);
    if (!s.han)
        return 0;
    return (double)(s.simplified + s.traditional) / (double)s.han;
}

bool octavo_encoding_is_known(const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    iconv_close(cd);
    return true;
}

octavo_status octavo_decode(const char *path, const char *bytes, size_t len, const char *forced,
                            char **out, size_t *out_len, const char **used, octavo_diags *d)
{
    size_t bad = 0;
    unsigned line, col;
    if (forced) {
        *used = forced;
        if (convert(forced, bytes, len, out, out_len, &bad))
            return OCTAVO_OK;
        octavo_line_and_column(bytes, bad, &line, &col);
        octavo_diag_add(d, OCTAVO_ERROR, path, line, 0,
                        "not valid %s text (first bad byte at column %u)", forced, col);
        return OCTAVO_EINPUT;
    }
    if (len >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                     (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        bool little = bytes[0] == '\xFF';
        *used = little ? "UTF-16LE" : "UTF-16BE";
        /* Skip the BOM: the explicit-endian names would keep it. */
        if (convert(*used, bytes + 2, len - 2, out, out_len, &bad))
            return OCTAVO_OK;
        /* Lines are hard to count in UTF-16 bytes; give the character. */
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0,
                        "not valid %s text (first bad character at byte %zu, a lone "
                        "surrogate or a truncated end)",
                        *used, bad + 2);
        return OCTAVO_EINPUT;
    }
    size_t utf8_bad = octavo_utf8_invalid_offset(bytes, len);
    if (utf8_bad == len) {
        *used = "UTF-8";
        *out = octavo_xstrndup(bytes, len);
        *out_len = len;
        return OCTAVO_OK;
    }
    /* Not UTF-8: the two Chinese legacy encodings, best-looking result. */
    static const char *const legacy[] = {"GB18030", "CP950", "BIG5-HKSCS"};
    char *best = NULL;
    size_t best_len = 0;
    double best_score = -1;
    for (size_t i = 0; i < sizeof legacy / sizeof *legacy; i++) {
        char *text;
        size_t text_len;
        if (!convert(legacy[i], bytes, len, &text, &text_len, &bad))
            continue;
        double score = chinese_score(text, text_len);
        if (score > best_score) {
            free(best);
            best = text;
            best_len = text_len;
            best_score = score;
            *used = legacy[i];
        } else {
            free(text);
        }
    }
    if (best) {
        *out = best;
        *out_len = best_len;
        return OCTAVO_OK;
    }
    octavo_line_and_column(bytes, utf8_bad, &line, &col);
    octavo_diag_add(d, OCTAVO_ERROR, path, line, 0,
                    "not valid text in any supported encoding (first bad byte at column %u)", col);
    return OCTAVO_EINPUT;
}
