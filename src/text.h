/* text.h — facts about Unicode text that several stages need: decoding
 * UTF-8, which characters are CJK, which punctuation ends a sentence, and
 * the natural order of file names. */
#ifndef OCTAVO_TEXT_H
#define OCTAVO_TEXT_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 sequence at s (len bytes available). Returns the number
 * of bytes used and sets *cp, or returns 0 for an invalid or truncated
 * sequence (overlongs and surrogates included) and sets *cp to U+FFFD. */
static inline size_t octavo_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    /* Inline: every pass over a text (normalising, counting scripts,
     * cleaning for XML) decodes each character. */
    const unsigned char *s = (const unsigned char *)str;
    *cp = 0xFFFD;
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}
/* Decodes the last character of s[0..len). Returns its length or 0. */
size_t octavo_utf8_decode_last(const char *s, size_t len, uint32_t *cp);
/* Offset of the first byte that is not part of valid UTF-8, or len. */
size_t octavo_utf8_invalid_offset(const char *s, size_t len);

/* What octavo_utf8_run lets through besides valid UTF-8. */
enum {
    /* Stop at what XML forbids and octavo drops: C0 controls but tab, LF
     * and CR; U+007F to U+009F; U+FFFE, U+FFFF. */
    OCTAVO_RUN_XML = 1,
    /* Stop also at what normalising a source changes: CR, U+FEFF. */
    OCTAVO_RUN_SOURCE = 2,
};
/* The length of the longest start of `s` that is valid UTF-8 with
 * nothing `flags` stops at: what passes over text can copy as it is,
 * without decoding it character by character. *newlines (if not NULL)
 * gets the number of LFs in it. */
size_t octavo_utf8_run(const char *s, size_t len, unsigned flags, size_t *newlines);
/* Number of characters (code points) in valid UTF-8. */
size_t octavo_utf8_length(const char *s, size_t len);

/* Characters that XML 1.0 allows in a document. */
bool octavo_is_xml_char(uint32_t cp);
/* Han ideographs (CJK Unified, extensions, compatibility). */
bool octavo_is_han(uint32_t cp);
/* CJK characters, which take two columns: Han, kana, Hangul syllables,
 * CJK and full-width punctuation. */
bool octavo_is_cjk(uint32_t cp);
/* Characters written without spaces between words: CJK but Hangul
 * (Korean puts spaces between words, so a line break between two Hangul
 * syllables is a space). */
bool octavo_is_spaceless(uint32_t cp);
/* Full-width punctuation (。，、「」（）：…), which never has a space
 * next to it. Curly quotes are not included: English uses them too. */
bool octavo_is_cjk_punct(uint32_t cp);
/* Punctuation that ends a sentence or clause in CJK or Latin text
 * (。！？；，、.!?;, and friends). */
bool octavo_is_clause_punct(uint32_t cp);
/* White space, including the ideographic space U+3000 and NBSP. */
bool octavo_is_space(uint32_t cp);

/* A copy of UTF-8 `s` without the characters XML forbids (controls,
 * U+FFFE, U+FFFF, C1 controls) and without invalid bytes. Caller frees.
 * *dropped (if not NULL) is set to the first dropped code point (U+FFFD
 * for an invalid byte), or 0. */
char *octavo_xml_clean(const char *s, uint32_t *dropped);
/* Whether octavo_xml_clean would drop anything from `s`. */
bool octavo_xml_needs_cleaning(const char *s);

/* Appends `s` to `out` as it is safe to show on a terminal: file names
 * and titles come from a hostile folder, and an escape sequence, a
 * carriage return or a newline in one could forge or hide lines of
 * output ("book.epub: 0 errors"). C0 and C1 controls and DEL become
 * \xNN, direction overrides and isolates \uNNNN, invalid bytes \xNN;
 * tabs stay, and newlines stay only when `newlines` (text of several
 * lines). */
void octavo_printable(const char *s, bool newlines, octavo_buf *out);

/* `s` (of *len bytes) without the white space (octavo_is_space) at its
 * ends: returns where it starts and sets *len. */
const char *octavo_trim_space(const char *s, size_t *len);

/* A stretch of text: where it starts and how many bytes it has. */
typedef struct octavo_span {
    const char *text;
    size_t len;
} octavo_span;
/* s[0..len) without the white space at its ends, as octavo_trim_space. */
octavo_span octavo_trim(const char *s, size_t len);
/* Whether s[0..len) starts with `prefix`. */
bool octavo_starts_with(const char *s, size_t len, const char *prefix);
/* Whether s[0..len) holds punctuation that ends a sentence or clause
 * (octavo_is_clause_punct); false at the first invalid byte. */
bool octavo_has_clause_punct(const char *s, size_t len);

/* The line (1-based) and column (1-based, in bytes) of offset `at` in s. */
void octavo_line_and_column(const char *s, size_t at, unsigned *line, unsigned *col);

/* Natural order for file names: digit runs compare by value, so "2.md"
 * sorts before "10.md"; otherwise byte order, case-insensitively for ASCII.
 * Ties are broken by plain byte order so the order is total. */
int octavo_natural_compare(const char *a, const char *b);

#endif
