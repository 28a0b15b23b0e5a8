#include "check.h"
#include "lang.h"

static void test_valid_tags(void)
{
    const char *good[] = {"en",        "zh-Hans",   "zh-Hant",        "zh-CN",      "zh-TW",
                          "en-US",     "ja",        "yue-Hant-HK",    "sr-Latn-RS", "de-CH-1996",
                          "x-private", "en-GB-oed", "zh-cmn-Hans-CN", "und",        "es-419"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!octavo_lang_is_valid(good[i])) {
            fprintf(stderr, "expected valid: %s\n", good[i]);
            check_failures++;
        }
    const char *bad[] = {"",    "C",   "POSIX",  "en_US",   "zh_CN",    "zh_CN.UTF-8", "xx",  "e",
                         "en-", "-en", "en--US", "english", "zh-Hans-", "12",          "en-a"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (octavo_lang_is_valid(bad[i])) {
            fprintf(stderr, "expected invalid: \"%s\"\n", bad[i]);
            check_failures++;
        }
}

static void test_canonical_case(void)
{
    const char *given[][2] = {{"zh-hans", "zh-Hans"},
                              {"EN-us", "en-US"},
                              {"zh-HANT-tw", "zh-Hant-TW"},
                              {"es-419", "es-419"},
                              {"sr-latn-rs", "sr-Latn-RS"},
                              {"de-ch-1996", "de-CH-1996"},
                              {"en-US-x-TWAIN", "en-US-x-twain"},
                              {"X-Private", "x-private"},
                              {"en-GB-OED", "en-GB-oed"},
                              {"en-a-BBB-x-a-CCC", "en-a-bbb-x-a-ccc"}};
    for (size_t i = 0; i < sizeof given / sizeof *given; i++) {
        char tag[32];
        snprintf(tag, sizeof tag, "%s", given[i][0]);
        octavo_lang_canonical_case(tag);
        CHECK_STR(tag, given[i][1]);
    }
}

static void test_suggest(void)
{
    char out[32];
    CHECK(octavo_lang_suggest("zh_CN", out, sizeof out));
    CHECK_STR(out, "zh-CN");
    CHECK(octavo_lang_suggest("en_US.UTF-8", out, sizeof out));
    CHECK_STR(out, "en-US");
    CHECK(!octavo_lang_suggest("C", out, sizeof out));
}

static const char *guess(const char *text)
{
    octavo_lang_stats s = {0};
    octavo_lang_count(&s, text, strlen(text));
    return octavo_lang_guess(&s);
}

static void test_guess(void)
{
    CHECK_STR(guess("我认识的每一个技术人，现在都在做同一道数学题。他们不会这么说。"), "zh-Hans");
    CHECK_STR(guess("每個技術人現在都在做同樣的計算。他們不會這樣稱呼它。"), "zh-Hant");
    /* English names inside Chinese text do not make it English. */
    CHECK_STR(guess("我是 Bloomberg Beta 的投资人，大部分时间都在和转型中的人打交道。"), "zh-Hans");
    CHECK_STR(guess("The quick brown fox jumps over the lazy dog."), "en");
    CHECK_STR(guess("これは日本語の文章です。ひらがなとカタカナがあります。"), "ja");
    CHECK_STR(guess("한국어 문장입니다."), "ko");
    CHECK_STR(guess("Это русский текст."), "ru");
    CHECK_STR(guess("12345 !!!"), "und");
    /* Addresses are not text: a short Chinese line with long links. */
    CHECK_STR(guess("原文：[链接](https://example.com/a/very/long/path/name) "
                    "<http://www.example.org/another>"),
              "zh-Hans");
    CHECK_STR(guess("See https://example.com/x for more"), "en");
    CHECK_STR(guess("https://example.com/only"), "und");
    CHECK_STR(guess("refetch https://a"), "en"); /* "fetch" inside a word is no scheme */
}

int main(void)
{
    test_valid_tags();
    test_canonical_case();
    test_suggest();
    test_guess();
    CHECK_DONE();
}
