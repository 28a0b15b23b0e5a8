#include "check.h"
#include "encoding.h"

#include <iconv.h>
#include <stdlib.h>

static const char simplified[] =
    "我认识的每一个技术人，现在都在做同一道数学题。他们不会这么说。他们会说自己在"
    "「探索机会」或「想想下一步」。但底下是同一个计算：留在原地，代价几何？\n";
static const char traditional[] =
    "每個技術人現在都在做同樣的計算。他們不會這樣稱呼它，會說自己在「探索選項」或"
    "「思考下一步」。但本質上都是同一個計算：留在現在的位置要付出多少代價？\n";

/* The text in another encoding, made with iconv itself. */
static char *encode(const char *to, const char *text, size_t *len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    size_t in_left = strlen(text), out_left = in_left * 4 + 8;
    char *out = malloc(out_left), *in = (char *)text, *dst = out;
    iconv(cd, &in, &in_left, &dst, &out_left);
    iconv_close(cd);
    *len = (size_t)(dst - out);
    return out;
}

/* Short texts (under 200 bytes in their encoding) and long ones. */
/* (Read as GB18030 before libuchardet: "材彻 獴辅", issue #21.) */
static const char big5_short[] =
    "第一章 雨落\n雨停了，街上的積水映著路燈的光，他撐著傘慢慢走回家。\n";
static const char gbk_short[] = "第一章 山中\n他推开门，看见满山的雪，心里想着远方的家人。\n";
static const char gb18030_only[] = "第二章 𪚲龦\n这两个字只有GB18030才有。\n";
static const char sjis_short[] =
    "吾輩は猫である。名前はまだ無い。\nどこで生れたかとんと見当がつかぬ。\n";
static const char euckr_short[] =
    "나는 고양이로소이다. 이름은 아직 없다.\n어디서 태어났는지 도무지 모르겠다.\n";
/* "Short" means under 200 bytes, where the detector is least sure: so
 * in UTF-8, and the legacy encodings take fewer bytes for these texts. */
_Static_assert(sizeof big5_short < 200 && sizeof sjis_short < 200 && sizeof euckr_short < 200,
               "the short samples are under 200 bytes");
static const char latin1_short[] = "L'été dernier, nous sommes allés à la mer avec nos enfants.\n"
                                   "C'était très agréable, malgré la pluie.\n";
static const char japanese[] =
    "吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な"
    "種族であったそうだ。この書生というのは時々我々を捕えて煮て食うという話である。しかしその当時"
    "は何という考もなかったから別段恐しいとも思わなかった。\n";
static const char korean[] =
    "오늘 아침에 우리는 오래된 친구를 만나러 시골로 떠났다. 길가에는 봄꽃이 가득 피어 있었고, "
    "아이들은 창밖을 보며 노래를 불렀다. 점심 무렵에 작은 마을에 도착해서 따뜻한 국수를 먹었다.\n";
static const char french[] =
    "Il était une fois, dans un petit village au bord de la rivière, une vieille femme qui "
    "préparait chaque matin un café très fort. Ses voisins, étonnés, lui demandaient pourquoi "
    "elle se levait si tôt; elle répondait qu'à son âge on ne dort plus guère.\n";

/* `text` `times` times over. */
static char *repeat(const char *text, int times)
{
    size_t n = strlen(text);
    char *out = malloc(n * (size_t)times + 1);
    for (int i = 0; i < times; i++)
        memcpy(out + n * (size_t)i, text, n);
    out[n * (size_t)times] = '\0';
    return out;
}

/* Detects `text` written in `encoding`: read as `want_used`, with or
 * without the weak-evidence warning. */
static void detects(const char *encoding, const char *text, const char *want_used,
                    bool want_warning)
{
    size_t len;
    char *bytes = encode(encoding, text, &len);
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *out = NULL;
    size_t out_len;
    const char *used = NULL;
    CHECK(!octavo_looks_binary(bytes, len));
    CHECK_INT(octavo_decode("f.txt", bytes, len, NULL, &out, &out_len, &used, &d), OCTAVO_OK);
    CHECK_STR(used, want_used);
    CHECK_STR(out, text);
    CHECK_INT(d.warnings, want_warning);
    if (want_warning)
        CHECK_HAS(d.items[0].message, "on weak evidence");
    free(out);
    free(bytes);
    octavo_diags_free(&d);
}

static void round_trip(const char *encoding, const char *text, const char *want_used,
                       const char *prefix, size_t prefix_len)
{
    size_t len;
    char *body = encode(encoding, text, &len);
    char *bytes = malloc(len + prefix_len);
    memcpy(bytes, prefix, prefix_len);
    memcpy(bytes + prefix_len, body, len);
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *out = NULL;
    size_t out_len;
    const char *used = NULL;
    CHECK_INT(octavo_decode("f.txt", bytes, len + prefix_len, NULL, &out, &out_len, &used, &d),
              OCTAVO_OK);
    CHECK_STR(used, want_used);
    CHECK_STR(out, text);
    CHECK(!octavo_looks_binary(bytes, len + prefix_len));
    free(out);
    free(body);
    free(bytes);
    octavo_diags_free(&d);
}

int main(void)
{
    round_trip("UTF-8", simplified, "UTF-8", "", 0);
    round_trip("GBK", simplified, "GB18030", "", 0);
    round_trip("GB18030", traditional, "GB18030", "", 0);
    round_trip("BIG5", traditional, "CP950", "", 0);
    round_trip("UTF-16LE", traditional, "UTF-16LE", "\xFF\xFE", 2);
    round_trip("UTF-16BE", simplified, "UTF-16BE", "\xFE\xFF", 2);

    /* Each legacy encoding, on a few lines and on pages. */
    detects("BIG5", big5_short, "CP950", false);
    detects("GBK", gbk_short, "GB18030", false);
    detects("GB18030", gb18030_only, "GB18030", false); /* (valid in nothing else) */
    detects("CP932", sjis_short, "CP932", false);
    detects("EUC-JP", sjis_short, "EUC-JP", true); /* (Big5 reads its kana as common Han) */
    detects("EUC-KR", euckr_short, "CP949", false);
    detects("ISO-8859-1", latin1_short, "WINDOWS-1252", false);
    detects("UTF-16LE", traditional, "UTF-16LE", false);
    detects("UTF-16BE", latin1_short, "UTF-16BE", false);
    const struct {
        const char *encoding, *text, *used;
    } pages[] = {
        {"BIG5", traditional, "CP950"},       {"GBK", simplified, "GB18030"},
        {"CP932", japanese, "CP932"},         {"EUC-JP", japanese, "EUC-JP"},
        {"EUC-KR", korean, "CP949"},          {"ISO-8859-1", french, "WINDOWS-1252"},
        {"UTF-16LE", simplified, "UTF-16LE"}, {"UTF-16BE", french, "UTF-16BE"},
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        char *text = repeat(pages[i].text, 40);
        detects(pages[i].encoding, text, pages[i].used, false);
        free(text);
    }
    /* --verbose tells how sure the guess is. */
    octavo_diags info = OCTAVO_DIAGS_INIT;
    char *text;
    size_t text_len;
    const char *name;
    size_t big5_len;
    char *big5 = encode("BIG5", big5_short, &big5_len);
    CHECK_INT(octavo_decode("b.txt", big5, big5_len, NULL, &text, &text_len, &name, &info),
              OCTAVO_OK);
    CHECK_STR(info.items[0].message,
              "encoding CP950: confident (detector says CP950; common characters: 94% of 31)");
    free(text);
    free(big5);
    octavo_diags_free(&info);
    CHECK_INT(octavo_decode("c.txt", "caf\xE9\n", 5, NULL, &text, &text_len, &name, &info),
              OCTAVO_OK);
    CHECK_STR(name, "WINDOWS-1252");
    CHECK_STR(info.items[0].message,
              "encoding WINDOWS-1252: confident (detector says ISO-8859-2; common characters: "
              "100% of 1)");
    free(text);
    octavo_diags_free(&info);
    /* Past the sample the detector sees, and a character cut by it. */
    char *novel = repeat(simplified, 400);
    detects("GBK", novel, "GB18030", false);
    free(novel);
    /* Big5 past the sample, then bytes only GB18030 reads: read as
     * GB18030, and said where the first guess failed. */
    char *pages_big5 = repeat(traditional, 600);
    size_t mixed_len;
    char *mixed_bytes = encode("BIG5", pages_big5, &mixed_len);
    CHECK(mixed_len > 65536);
    mixed_bytes = realloc(mixed_bytes, mixed_len + 4);
    memcpy(mixed_bytes + mixed_len, "\x81\x30\x89\x38", 4);
    octavo_diags mixed = OCTAVO_DIAGS_INIT;
    CHECK_INT(
        octavo_decode("m.txt", mixed_bytes, mixed_len + 4, NULL, &text, &text_len, &name, &mixed),
        OCTAVO_OK);
    CHECK_STR(name, "GB18030");
    CHECK_INT(mixed.warnings, 1);
    CHECK_INT(mixed.items[0].line, 601);
    CHECK_HAS(mixed.items[0].message,
              "not valid CP950 text from column 1, though the start reads as it; read as GB18030");
    free(text);
    free(mixed_bytes);
    free(pages_big5);
    octavo_diags_free(&mixed);
    /* One character valid in GB18030 and Big5 alike: said, and named. */
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *out;
    size_t out_len;
    const char *used;
    CHECK_INT(octavo_decode("snow.txt", "\xB3\xB7\n", 3, NULL, &out, &out_len, &used, &d),
              OCTAVO_OK);
    CHECK_INT(d.warnings, 1);
    CHECK_STR(d.items[0].file, "snow.txt");
    CHECK_STR(d.items[0].message,
              "encoding guessed as GB18030 on weak evidence: CP950 reads it nearly as well (100% "
              "against 100% common characters, of 1); if it is wrong, set it with --encoding or "
              "with 'encoding:' for this chapter in book.yaml");
    free(out);
    octavo_diags_free(&d);
    /* Bytes no supported encoding accepts. */
    CHECK_INT(octavo_decode("x.txt", "ok\nab\xFF\xFF\n", 7, NULL, &out, &out_len, &used, &d),
              OCTAVO_EINPUT);
    CHECK_INT(d.items[0].line, 2);
    CHECK_STR(d.items[0].message,
              "not valid text in any supported encoding (first bad byte at column 3)");
    octavo_diags_free(&d);
    /* Latin-1 reads any bytes, but a lone ÿ is no word: still an error. */
    CHECK_INT(
        octavo_decode("y.txt", "good line\nbad \xFF byte\n", 20, NULL, &out, &out_len, &used, &d),
        OCTAVO_EINPUT);
    CHECK_STR(d.items[0].message,
              "not valid text in any supported encoding (first bad byte at column 5)");
    octavo_diags_free(&d);
    /* UTF-8 with a bad byte is not read as Latin-1 ("Ã©"). */
    CHECK_INT(
        octavo_decode("u.txt", "caf\xC3\xA9 \xE9t\xE9\n", 10, NULL, &out, &out_len, &used, &d),
        OCTAVO_EINPUT);
    octavo_diags_free(&d);
    /* A lone surrogate in UTF-16. */
    CHECK_INT(octavo_decode("s.txt",
                            "\xFF\xFE"
                            "a\0\x00\xD8"
                            "b\0",
                            8, NULL, &out, &out_len, &used, &d),
              OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "not valid UTF-16LE text");
    octavo_diags_free(&d);
    /* --encoding forces the reading, and says where it fails. */
    CHECK_INT(octavo_decode("g.txt", "\xD6\xD0\xCE\xC4", 4, "GBK", &out, &out_len, &used, &d),
              OCTAVO_OK);
    CHECK_STR(out, "中文");
    free(out);
    CHECK_INT(octavo_decode("g.txt", "a\n\xD6", 3, "GBK", &out, &out_len, &used, &d),
              OCTAVO_EINPUT);
    CHECK_STR(d.items[0].message, "not valid GBK text (first bad byte at column 1)");
    CHECK_INT(d.items[0].line, 2);
    octavo_diags_free(&d);

    CHECK(octavo_looks_binary("\x89PNG\r\n", 6));
    CHECK(octavo_looks_binary("text\0more", 9));
    char mostly_text[1000];
    memset(mostly_text, 'a', sizeof mostly_text);
    mostly_text[500] = '\0';
    CHECK(!octavo_looks_binary(mostly_text, sizeof mostly_text)); /* a stray NUL */
    CHECK(!octavo_looks_binary("plain text", 10));
    CHECK(octavo_encoding_is_known("GBK"));
    CHECK(!octavo_encoding_is_known("NO-SUCH-ENCODING"));
    CHECK_DONE();
}
