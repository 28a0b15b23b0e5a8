#include "encoding.h"

#include "lang.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <uchardet.h>

/* Detection looks at the start of a file only: enough for any encoding,
 * and a 50 MB novel is not read eight times. */
#define SAMPLE_BYTES 65536

static const char *utf16_without_bom(const char *bytes, size_t len);

/* How the characters of a reading are judged: as one language's, or
 * (UTF-16, which any language is written in) as any. */
typedef enum { READ_ZH, READ_JA, READ_KO, READ_LATIN, READ_OTHER, READ_ANY } reading_kind;

static double plausibility(reading_kind kind, const char *s, size_t len, size_t *chars);

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
    if (utf16_without_bom(bytes, len))
        return false;
    /* A stray NUL in a text file is dropped later (with a warning); a file
     * with many is not text. */
    size_t sample = len < SAMPLE_BYTES ? len : SAMPLE_BYTES, nuls = 0;
    for (size_t i = 0; i < sample; i++)
        nuls += bytes[i] == '\0';
    return nuls * 10 > sample || (nuls > 8 && nuls * 100 > sample);
}

/* Converts with iconv. On failure returns false and sets *bad to the
 * offset of the first byte that could not be converted. With `partial`
 * (a sample cut from a longer text), a character cut at the end is not
 * a failure. */
static bool convert(const char *from, const char *bytes, size_t len, bool partial, char **out,
                    size_t *out_len, size_t *bad)
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
        ok = partial && errno == EINVAL; /* (EILSEQ, or truncated at the end) */
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

bool octavo_encoding_is_known(const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    iconv_close(cd);
    return true;
}

/* Whether `name` (UTF-16LE or BE) reads the sample as text: no control
 * characters and, unless `sure`, common characters. */
static bool reads_as_utf16(const char *name, const char *bytes, size_t sample, bool partial,
                           bool sure)
{
    char *text;
    size_t text_len, bad, chars;
    if (!convert(name, bytes, sample, partial, &text, &text_len, &bad))
        return false;
    bool clean = true;
    for (size_t i = 0; i < text_len && clean;) {
        uint32_t cp;
        size_t n = octavo_utf8_decode(text + i, text_len - i, &cp);
        clean = n && !(cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') &&
                !(cp >= 0x7F && cp <= 0x9F) && cp != 0xFFFE && cp != 0xFFFF;
        i += n ? n : 1;
    }
    if (clean && !sure)
        clean = plausibility(READ_ANY, text, text_len, &chars) >= 0.75;
    free(text);
    return clean;
}

/* UTF-16 without a BOM: NUL bytes (the high half of ASCII characters) on
 * one side of the pairs and hardly any on the other, and the bytes read
 * as UTF-16 give text without control characters; with few NUL bytes (CJK
 * text, where U+4E00 has one too), text made of common characters.
 * Returns the iconv name or NULL. */
static const char *utf16_without_bom(const char *bytes, size_t len)
{
    if (len < 4 || len % 2)
        return NULL;
    size_t sample = (len < SAMPLE_BYTES ? len : SAMPLE_BYTES) & ~(size_t)1;
    size_t even = 0, odd = 0, pairs = sample / 2;
    for (size_t i = 0; i < sample; i += 2) {
        even += bytes[i] == '\0';
        odd += bytes[i + 1] == '\0';
    }
    if (!even && !odd)
        return NULL;
    bool partial = sample < len;
    bool le_sure = odd * 16 >= pairs && even * 4 <= odd;
    bool be_sure = even * 16 >= pairs && odd * 4 <= even;
    if (!be_sure && reads_as_utf16("UTF-16LE", bytes, sample, partial, le_sure))
        return "UTF-16LE";
    if (!le_sure && reads_as_utf16("UTF-16BE", bytes, sample, partial, be_sure))
        return "UTF-16BE";
    return NULL;
}

typedef struct candidate {
    const char *name; /* for iconv */
    reading_kind kind;
    /* Readings of one family (Big5 and its HKSCS superset, Windows-1252
     * and Latin-1) share one: they never make a guess doubtful. */
    int family;
} candidate;

/* The legacy encodings octavo tells apart, in order of preference when
 * they read a text equally well. The Windows forms of Big5, Shift_JIS and
 * EUC-KR are what files are written in (and keep ASCII as it is). */
static const candidate candidates[] = {
    {"GB18030", READ_ZH, 0},         {"CP950", READ_ZH, 1},         {"BIG5-HKSCS", READ_ZH, 1},
    {"CP932", READ_JA, 2},           {"EUC-JP", READ_JA, 3},        {"CP949", READ_KO, 4},
    {"WINDOWS-1252", READ_LATIN, 5}, {"ISO-8859-1", READ_LATIN, 5},
};
#define CANDIDATES (sizeof candidates / sizeof *candidates)

/* uchardet's names for the candidates. */
static const struct {
    const char *detected, *name;
} detector_names[] = {
    {"GB18030", "GB18030"},
    {"GB2312", "GB18030"},
    {"GBK", "GB18030"},
    {"BIG5", "CP950"},
    {"SHIFT_JIS", "CP932"},
    {"EUC-JP", "EUC-JP"},
    {"EUC-KR", "CP949"},
    {"UHC", "CP949"},
    {"WINDOWS-1252", "WINDOWS-1252"},
    {"ISO-8859-1", "WINDOWS-1252"},
};

/* Accented letters that are words on their own: French "à", Spanish
 * "ó", Portuguese "é", ... */
static bool is_one_letter_word(uint32_t cp)
{
    switch (cp) {
    case 0xC0:
    case 0xC9:
    case 0xE0:
    case 0xE1:
    case 0xE8:
    case 0xE9:
    case 0xED:
    case 0xF2:
    case 0xF3:
    case 0xFA:
        return true;
    default:
        return false;
    }
}

static bool is_ascii_letter(const char *s, size_t len, size_t i)
{
    return i < len && isalpha((unsigned char)s[i]);
}

/* How much a reading looks like real text of its kind, 0 to 1: the share
 * of its non-ASCII characters that such text is made of (common Han
 * characters, kana in Japanese, Hangul in Korean with spaces between
 * words, accented letters inside Latin words). Bytes read with the wrong
 * encoding give rare characters, kana in Chinese, letters among symbols.
 * *chars is set to the number of non-ASCII characters. */
static double plausibility(reading_kind kind, const char *s, size_t len, size_t *chars)
{
    size_t n = 0, good = 0, han = 0, han_good = 0, kana = 0, kana_good = 0, hangul = 0, spaces = 0;
    bool cjk = kind == READ_ZH || kind == READ_JA || kind == READ_KO || kind == READ_ANY;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            spaces += c == ' ';
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        n++;
        /* In a word: next to a Latin letter, or a word of its own
         * between ASCII. */
        bool in_word = is_ascii_letter(s, len, i + k) ||
                       (i > 0 && is_ascii_letter(s, len, i - 1)) ||
                       (is_one_letter_word(cp) && (i == 0 || (unsigned char)s[i - 1] < 0x80) &&
                        (i + k == len || (unsigned char)s[i + k] < 0x80));
        /* Chinese and Japanese put no spaces between words: Korean read
         * as either is common characters between spaces. */
        bool spaced = (i > 0 && s[i - 1] == ' ') || (i + k < len && s[i + k] == ' ');
        i += k;
        if (octavo_is_han(cp)) {
            han++;
            han_good += cjk && octavo_lang_han_is_common(cp) && (kind == READ_KO || !spaced);
        } else if (cp >= 0x3041 && cp <= 0x30FA) {
            kana++;
            kana_good += !spaced;
        } else if (cp >= 0xAC00 && cp <= 0xD7A3) {
            hangul++;
        } else if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF5E) ||
                   cp == 0x30FB || cp == 0x30FC) {
            good += cjk; /* full-width punctuation */
        } else if (cp >= 0x2010 && cp <= 0x2026) {
            good++; /* dashes, curly quotes, ellipsis: any text */
        } else if ((cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7) ||
                   (cp >= 0x370 && cp <= 0x52F) || (cp >= 0x590 && cp <= 0x6FF) ||
                   (cp >= 0xE00 && cp <= 0xE7F)) {
            /* Letters: an accented one stands inside a word of Latin
             * ones; other alphabets make words of their own. */
            good += ((kind == READ_LATIN || kind == READ_ANY) && in_word && cp <= 0x17F) ||
                    (kind == READ_OTHER && (cp > 0x17F || in_word));
        }
    }
    if (kind == READ_ZH || kind == READ_ANY || (kind == READ_JA && kana * 10 >= kana + han) ||
        (kind == READ_KO && hangul > han))
        good += han_good; /* (Japanese has kana, Korean is mostly Hangul) */
    if (kind == READ_JA || kind == READ_ANY)
        good += kana_good;
    if ((kind == READ_KO || kind == READ_ANY) && spaces * 8 >= hangul)
        good += hangul;
    *chars = n;
    return n ? (double)good / (double)n : 0;
}

/* True when `bytes` hold a multi-byte UTF-8 sequence: text that is UTF-8
 * with a bad byte, which a single-byte reading would turn into "Ã©". */
static bool has_utf8_sequence(const char *bytes, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        uint32_t cp;
        if ((unsigned char)bytes[i] >= 0xC2 && octavo_utf8_decode(bytes + i, len - i, &cp) > 1)
            return true;
    }
    return false;
}

/* Other encodings the detector knows, read when it names them (the name
 * returned must outlive it). */
static const char *const other_encodings[] = {
    "ISO-8859-2",   "ISO-8859-5",   "ISO-8859-7",   "ISO-8859-8",   "ISO-8859-9",
    "ISO-8859-13",  "ISO-8859-15",  "WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1253",
    "WINDOWS-1255", "WINDOWS-1256", "WINDOWS-1257", "KOI8-R",       "KOI8-U",
    "IBM866",       "IBM855",       "MAC-CYRILLIC", "TIS-620",      "VISCII",
};

/* What the detector says of the sample: a candidate's name, one of
 * other_encodings, or NULL. *other is set for the latter. */
static const char *ask_detector(const char *sample, size_t len, bool *other)
{
    *other = false;
    uchardet_t u = uchardet_new();
    if (!u)
        return NULL;
    const char *found = NULL;
    if (uchardet_handle_data(u, sample, len) == 0) {
        uchardet_data_end(u);
        const char *name = uchardet_get_charset(u);
        for (size_t i = 0; name && i < sizeof detector_names / sizeof *detector_names; i++)
            if (strcmp(name, detector_names[i].detected) == 0)
                found = detector_names[i].name;
        for (size_t i = 0; name && !found && i < sizeof other_encodings / sizeof *other_encodings;
             i++)
            if (strcmp(name, other_encodings[i]) == 0 && octavo_encoding_is_known(name)) {
                found = other_encodings[i];
                *other = true;
            }
    }
    uchardet_delete(u);
    return found;
}

typedef struct judged {
    candidate c;
    bool valid;
    double score;
    size_t chars;
    char *text; /* what it reads in the sample (while choosing) */
    size_t len;
} judged;

/* Picks the legacy encoding of text that is not UTF-8: each candidate
 * reads the sample, the detector's choice is taken unless another reads
 * it clearly better. Returns the choice's index in `all` (count set) or
 * -1 when none reads it; *doubt to the best reading of another family
 * when that is close (NULL otherwise). */
static int choose_legacy(const char *bytes, size_t len, judged *all, size_t *count,
                         const char **detected, const judged **doubt)
{
    size_t sample = len < SAMPLE_BYTES ? len : SAMPLE_BYTES;
    bool other;
    *detected = ask_detector(bytes, sample, &other);
    size_t n = 0;
    for (size_t i = 0; i < CANDIDATES; i++)
        all[n++] = (judged){.c = candidates[i]};
    if (other)
        all[n++] = (judged){.c = {*detected, READ_OTHER, 6}};
    bool broken_utf8 = has_utf8_sequence(bytes, sample);
    int choice = -1, best = -1;
    for (size_t i = 0; i < n; i++) {
        judged *j = &all[i];
        bool single_byte = j->c.kind == READ_LATIN || j->c.kind == READ_OTHER;
        char *text;
        size_t text_len, bad;
        if ((single_byte && broken_utf8) ||
            !convert(j->c.name, bytes, sample, sample < len, &text, &text_len, &bad))
            continue;
        j->score = plausibility(j->c.kind, text, text_len, &j->chars);
        j->text = text;
        j->len = text_len;
        /* Any bytes are Latin-1: only letters in words make it text. */
        j->valid = !single_byte || j->score >= 0.75;
        if (j->valid && (best < 0 || j->score > all[best].score))
            best = (int)i;
        if (j->valid && *detected && strcmp(j->c.name, *detected) == 0 && choice < 0)
            choice = (int)i;
    }
    /* The detector knows byte patterns; the score knows characters, and
     * on short texts it is the better judge. */
    if (choice < 0 || all[choice].score < all[best].score - 0.15)
        choice = best;
    /* A rarer single-byte encoding the detector names on a few letters
     * (ISO-8859-2 for "café") only when Windows-1252 reads worse. */
    for (size_t i = 0; choice >= 0 && all[choice].c.kind == READ_OTHER && i < n; i++)
        if (strcmp(all[i].c.name, "WINDOWS-1252") == 0 && all[i].valid &&
            all[i].score >= all[choice].score)
            choice = (int)i;
    *count = n;
    *doubt = NULL;
    for (size_t i = 0; choice >= 0 && i < n; i++) {
        const judged *j = &all[i];
        const judged *chosen = &all[choice];
        /* (A reading of the same text is no rival.) */
        if (!j->valid || j->c.family == chosen->c.family ||
            (j->len == chosen->len && memcmp(j->text, chosen->text, j->len) == 0))
            continue;
        /* (Over a long text a small difference is evidence.) */
        double margin = all[choice].chars < 200 ? 0.25 : 0.1;
        bool close =
            j->score >= all[choice].score - margin || (all[choice].chars < 4 && j->score > 0);
        if (close && (!*doubt || j->score > (*doubt)->score))
            *doubt = j;
    }
    for (size_t i = 0; i < n; i++) {
        free(all[i].text);
        all[i].text = NULL;
    }
    return choice;
}

octavo_status octavo_decode(const char *path, const char *bytes, size_t len, const char *forced,
                            char **out, size_t *out_len, const char **used, octavo_diags *d)
{
    size_t bad = 0;
    unsigned line, col;
    if (forced) {
        *used = forced;
        if (convert(forced, bytes, len, false, out, out_len, &bad))
            return OCTAVO_OK;
        octavo_line_and_column(bytes, bad, &line, &col);
        octavo_diag_add(d, OCTAVO_ERROR, path, line, 0,
                        "not valid %s text (first bad byte at column %u)", forced, col);
        return OCTAVO_EINPUT;
    }
    bool bom = len >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
    const char *utf16 =
        bom ? (bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE") : utf16_without_bom(bytes, len);
    if (utf16) {
        *used = utf16;
        /* Skip the BOM: the explicit-endian names would keep it. */
        size_t skip = bom ? 2 : 0;
        if (convert(*used, bytes + skip, len - skip, false, out, out_len, &bad)) {
            if (!bom)
                octavo_diag_add(d, OCTAVO_INFO, path, 0, 0,
                                "encoding %s: no BOM, but NUL bytes in every other byte", utf16);
            return OCTAVO_OK;
        }
        /* Lines are hard to count in UTF-16 bytes; give the character. */
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0,
                        "not valid %s text (first bad character at byte %zu, a lone "
                        "surrogate or a truncated end)",
                        *used, bad + skip);
        return OCTAVO_EINPUT;
    }
    size_t utf8_bad = octavo_utf8_invalid_offset(bytes, len);
    if (utf8_bad == len) {
        *used = "UTF-8";
        *out = octavo_xstrndup(bytes, len);
        *out_len = len;
        return OCTAVO_OK;
    }
    judged all[CANDIDATES + 1];
    size_t count;
    const char *detected;
    const judged *doubt;
    int choice = choose_legacy(bytes, len, all, &count, &detected, &doubt);
    /* The sample may read well in an encoding the rest of the file is
     * not in: then the next best reading that takes the whole file. */
    const char *first = choice >= 0 ? all[choice].c.name : NULL;
    size_t first_bad = 0;
    while (choice >= 0) {
        judged *j = &all[choice];
        if (convert(j->c.name, bytes, len, false, out, out_len, &bad)) {
            *used = j->c.name;
            break;
        }
        if (j->c.name == first)
            first_bad = bad;
        j->valid = false;
        choice = -1;
        for (size_t i = 0; i < count; i++)
            if (all[i].valid && (choice < 0 || all[i].score > all[choice].score))
                choice = (int)i;
    }
    if (choice < 0) {
        octavo_line_and_column(bytes, utf8_bad, &line, &col);
        octavo_diag_add(d, OCTAVO_ERROR, path, line, 0,
                        "not valid text in any supported encoding (first bad byte at column %u)",
                        col);
        return OCTAVO_EINPUT;
    }
    const judged *j = &all[choice];
    if (j->c.name != first) {
        octavo_line_and_column(bytes, first_bad, &line, &col);
        octavo_diag_add(d, OCTAVO_WARNING, path, line, 0,
                        "not valid %s text from column %u, though the start reads as it; read as "
                        "%s instead: if that is wrong, set the encoding with --encoding or with "
                        "'encoding:' for this chapter in book.yaml",
                        first, col, j->c.name);
    } else if (doubt && doubt != j) {
        octavo_diag_add(
            d, OCTAVO_WARNING, path, 0, 0,
            "encoding guessed as %s on weak evidence: %s reads it nearly as well (%.0f%% "
            "against %.0f%% common characters, of %zu); if it is wrong, set it "
            "with --encoding or with 'encoding:' for this chapter in book.yaml",
            j->c.name, doubt->c.name, doubt->score * 100, j->score * 100, j->chars);
    } else {
        size_t readable = 0;
        for (size_t i = 0; i < count; i++)
            readable += all[i].valid && all[i].c.family != j->c.family;
        if (readable == 0)
            octavo_diag_add(d, OCTAVO_INFO, path, 0, 0,
                            "encoding %s: certain (no other encoding reads it)", j->c.name);
        else
            octavo_diag_add(
                d, OCTAVO_INFO, path, 0, 0,
                "encoding %s: confident (detector says %s; common characters: %.0f%% of %zu)",
                j->c.name, detected ? detected : "nothing", j->score * 100, j->chars);
    }
    return OCTAVO_OK;
}
