#include "check.h"
#include "octavo/text.h"

static void test_utf8(void)
{
    uint32_t cp = 0;
    CHECK_INT(octavo_utf8_decode("\xE4\xB8\xAD", 3, &cp), 3);
    CHECK_INT(cp, 0x4E2D);
    CHECK_INT(octavo_utf8_decode("\xC0\x80", 2, &cp), 0);         /* overlong */
    CHECK_INT(octavo_utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* surrogate */
    CHECK_INT(octavo_utf8_decode("\xE4\xB8", 2, &cp), 0);         /* truncated */
    CHECK_INT(octavo_utf8_invalid_offset("ab\xFF" "c", 4), 2);
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
    CHECK_DONE();
}
