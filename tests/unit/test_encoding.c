#include "check.h"
#include "octavo/encoding.h"

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

    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *out;
    size_t out_len;
    const char *used;
    /* Bytes no supported encoding accepts. */
    CHECK_INT(octavo_decode("x.txt", "ok\nab\xFF\xFF\n", 7, NULL, &out, &out_len, &used, &d),
              OCTAVO_EINPUT);
    CHECK_INT(d.items[0].line, 2);
    CHECK_STR(d.items[0].message,
              "not valid text in any supported encoding (first bad byte at column 3)");
    octavo_diags_free(&d);
    /* A lone surrogate in UTF-16. */
    CHECK_INT(octavo_decode("s.txt", "\xFF\xFE" "a\0\x00\xD8" "b\0", 8, NULL, &out, &out_len,
                            &used, &d),
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
