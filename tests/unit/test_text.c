#include "check.h"
#include "text.h"

#include <stdlib.h>

static void test_utf8(void)
{
    uint32_t cp = 0;
    CHECK_INT(octavo_utf8_decode("\xE4\xB8\xAD", 3, &cp), 3);
    CHECK_INT(cp, 0x4E2D);
    CHECK_INT(octavo_utf8_decode("\xC0\x80", 2, &cp), 0);     /* overlong */
    CHECK_INT(octavo_utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
    CHECK_INT(octavo_utf8_decode("\xE4\xB8", 2, &cp), 0);     /* truncated */
    CHECK_INT(octavo_utf8_invalid_offset("ab\xFF"
                                         "c",
                                         4),
              2);
    CHECK_INT(octavo_utf8_invalid_offset("中文", 6), 6);
    CHECK_INT(octavo_utf8_decode_last("a中", 4, &cp), 3);
    CHECK_INT(cp, 0x4E2D);
    CHECK_INT(octavo_utf8_length("a中文", 7), 3);
}

static void test_classes(void)
{
    CHECK(octavo_is_han(0x4E2D));
    CHECK(!octavo_is_han('a'));
    CHECK(octavo_is_cjk(0x3002)); /* 。 */
    CHECK(octavo_is_cjk(0xFF0C)); /* ， */
    CHECK(!octavo_is_cjk('a'));
    CHECK(octavo_is_clause_punct(0x3002));
    CHECK(octavo_is_clause_punct(','));
    CHECK(!octavo_is_clause_punct(0x300C)); /* 「 */
    CHECK(!octavo_is_xml_char(0x0B));
    CHECK(!octavo_is_xml_char(0xFFFE));
    CHECK(octavo_is_xml_char(0x10000));
}

/* The character-by-character rules octavo_utf8_run stands for. */
static size_t slow_invalid_offset(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return len;
}

static size_t slow_clean(const char *s, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (k && octavo_is_xml_char(cp) && !(cp >= 0x7F && cp <= 0x9F)) {
            memcpy(out + n, s + i, k);
            n += k;
        }
        i += k ? k : 1;
    }
    return n;
}

/* Random texts made mostly of the bytes where the rules change (edges of
 * ranges, lead bytes, controls): the fast runs agree with decoding each
 * character. */
static void test_runs_agree_with_decoding(void)
{
    static const unsigned char bytes[] = {
        0x00, 0x01, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, 'a',  0x7E, 0x7F, 0x80, 0x9F,
        0xA0, 0xBB, 0xBE, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xE4, 0xEC,
        0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF, 0x8F, 0x90, 0xB8, 0xAD};
    unsigned x = 7;
    char text[64], slow[64];
    size_t failures = 0;
    for (int round = 0; round < 200000 && failures < 5; round++) {
        size_t len = (x = x * 1103515245u + 12345u) >> 16 & 31;
        for (size_t i = 0; i < len; i++)
            text[i] = (char)bytes[((x = x * 1103515245u + 12345u) >> 16) % sizeof bytes];
        text[len] = '\0';
        size_t want = slow_invalid_offset(text, len);
        if (octavo_utf8_invalid_offset(text, len) != want) {
            CHECK_INT(octavo_utf8_invalid_offset(text, len), want);
            failures++;
        }
        /* (strlen: the cleaners take C strings) */
        size_t n = strlen(text), slow_len = slow_clean(text, n, slow);
        char *clean = octavo_xml_clean(text, NULL);
        if (strlen(clean) != slow_len || memcmp(clean, slow, slow_len) != 0 ||
            octavo_xml_needs_cleaning(text) != (slow_len != n)) {
            CHECK(!"octavo_xml_clean agrees with cleaning character by character");
            failures++;
        }
        free(clean);
    }
    size_t lines;
    CHECK_INT(
        octavo_utf8_run("a\nb\n\xE4\xB8\xAD\r", 8, OCTAVO_RUN_XML | OCTAVO_RUN_SOURCE, &lines), 7);
    CHECK_INT(lines, 2);
    CHECK_INT(octavo_utf8_run("\xEF\xBB\xBFx", 4, OCTAVO_RUN_XML, NULL), 4);
    CHECK_INT(octavo_utf8_run("\xEF\xBB\xBFx", 4, OCTAVO_RUN_SOURCE | OCTAVO_RUN_XML, NULL), 0);
}

static void test_natural_order(void)
{
    CHECK(octavo_natural_compare("2.md", "10.md") < 0);
    CHECK(octavo_natural_compare("10.md", "2.md") > 0);
    CHECK(octavo_natural_compare("ch2.md", "ch10.md") < 0);
    CHECK(octavo_natural_compare("a.md", "B.md") < 0);
    CHECK(octavo_natural_compare("002_x.txt", "010_a.txt") < 0);
    CHECK(octavo_natural_compare("02.md", "2.md") != 0); /* total order */
    CHECK_INT(octavo_natural_compare("x.md", "x.md"), 0);
}

int main(void)
{
    test_utf8();
    test_classes();
    test_natural_order();
    test_runs_agree_with_decoding();
    CHECK_DONE();
}
