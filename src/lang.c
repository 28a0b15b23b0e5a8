#include "lang.h"

#include "text.h"

#include "han_forms_bits.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ISO 639-1 codes, the only two-letter primary subtags BCP 47 allows. */
static const char iso639_1[] =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce "
    "ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr "
    "fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
    "it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln "
    "lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk "
    "sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw "
    "ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ";

static const char *const grandfathered[] = {
    "en-gb-oed", "i-ami",     "i-bnn",     "i-default",  "i-enochian",  "i-hak",  "i-klingon",
    "i-lux",     "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",       "i-tay",  "i-tsu",
    "sgn-be-fr", "sgn-be-nl", "sgn-ch-de", "art-lojban", "cel-gaulish", "no-bok", "no-nyn",
    "zh-guoyu",  "zh-hakka",  "zh-min",    "zh-min-nan", "zh-xiang"};

static bool all_of(const char *s, size_t n, int (*pred)(int))
{
    for (size_t i = 0; i < n; i++)
        if (!pred((unsigned char)s[i]))
            return false;
    return true;
}

static bool known_two_letter(const char *s)
{
    char code[4] = {(char)tolower((unsigned char)s[0]), (char)tolower((unsigned char)s[1]), ' ',
                    '\0'};
    return strstr(iso639_1, code) != NULL && (strstr(iso639_1, code) - iso639_1) % 3 == 0;
}

/* RFC 5646 section 2.1, checked subtag by subtag. */
bool octavo_lang_is_valid(const char *tag)
{
    size_t total = strlen(tag);
    if (total == 0 || total > 80)
        return false;
    for (size_t i = 0; i < sizeof grandfathered / sizeof *grandfathered; i++)
        if (strcasecmp(tag, grandfathered[i]) == 0)
            return true;

    enum { LANGUAGE, EXTLANG, SCRIPT, REGION, VARIANT, EXTENSION, PRIVATE } state = LANGUAGE;
    int extlangs = 0;
    bool expect_ext_subtag = false;
    const char *p = tag;
    while (*p) {
        size_t n = strcspn(p, "-");
        if (n == 0 || n > 8 || !all_of(p, n, isalnum))
            return false;
        bool alpha = all_of(p, n, isalpha), digit = all_of(p, n, isdigit);
        switch (state) {
        case LANGUAGE:
            if (n == 1 && (*p == 'x' || *p == 'X')) {
                state = PRIVATE;
                expect_ext_subtag = true;
                break;
            }
            if (!alpha || n == 1 || n == 4 || n > 3)
                return false; /* 4- and 5-8-letter languages are unregistered */
            if (n == 2 && !known_two_letter(p))
                return false;
            state = EXTLANG;
            break;
        case EXTLANG:
            if (n == 3 && alpha && extlangs < 3) {
                extlangs++;
                break;
            }
            /* fall through */
        case SCRIPT:
            if (n == 4 && alpha && state <= SCRIPT) {
                state = REGION;
                break;
            }
            /* fall through */
        case REGION:
            if (((n == 2 && alpha) || (n == 3 && digit)) && state <= REGION) {
                state = VARIANT;
                break;
            }
            /* fall through */
        case VARIANT:
            if (((n >= 5) || (n == 4 && isdigit((unsigned char)*p))) && state <= VARIANT) {
                state = VARIANT;
                break;
            }
            /* fall through */
        case EXTENSION:
            if (n == 1) {
                if (expect_ext_subtag)
                    return false;
                state = (*p == 'x' || *p == 'X') ? PRIVATE : EXTENSION;
                expect_ext_subtag = true;
                break;
            }
            if (state == EXTENSION && n >= 2) {
                expect_ext_subtag = false;
                break;
            }
            return false;
        case PRIVATE:
            expect_ext_subtag = false;
            break;
        }
        p += n;
        if (*p == '-') {
            p++;
            if (!*p)
                return false;
        }
    }
    return !expect_ext_subtag;
}

bool octavo_lang_suggest(const char *tag, char *out, size_t size)
{
    size_t n = strlen(tag);
    if (n + 1 > size || n == 0)
        return false;
    /* POSIX locales: "zh_CN.UTF-8" -> "zh-CN" */
    size_t keep = strcspn(tag, ".@");
    for (size_t i = 0; i < keep; i++)
        out[i] = tag[i] == '_' ? '-' : tag[i];
    out[keep] = '\0';
    return strcmp(out, tag) != 0 && octavo_lang_is_valid(out);
}

static bool in_bitmap(const unsigned char *bits, uint32_t cp)
{
    return cp >= HAN_FORMS_FIRST && cp <= HAN_FORMS_LAST &&
           (bits[(cp - HAN_FORMS_FIRST) / 8] >> ((cp - HAN_FORMS_FIRST) % 8)) & 1;
}

bool octavo_lang_han_is_common(uint32_t cp)
{
    return in_bitmap(han_common, cp);
}

/* The length of the URL at text[i] (0: none there): an address is no
 * language, and a short Chinese page's one link would outweigh it. */
static size_t url_length(const char *text, size_t len, size_t i)
{
    static const char *const schemes[] = {"https://", "http://", "ftp://", "mailto:"};
    if (i > 0 && isalnum((unsigned char)text[i - 1]))
        return 0;
    for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++) {
        size_t n = strlen(schemes[k]);
        if (len - i > n && strncasecmp(text + i, schemes[k], n) == 0) {
            size_t end = i + n;
            while (end < len && (unsigned char)text[end] > ' ' && (unsigned char)text[end] < 0x80 &&
                   !strchr(")>]\"'", text[end]))
                end++;
            return end - i;
        }
    }
    return 0;
}

void octavo_lang_count(octavo_lang_stats *s, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            size_t url = (c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'm' || c == 'M')
                             ? url_length(text, len, i)
                             : 0;
            if (url) {
                i += url;
                continue;
            }
            if (isalpha(c))
                s->latin++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = octavo_utf8_decode(text + i, len - i, &cp);
        if (n == 0) {
            i++;
            continue;
        }
        i += n;
        if (octavo_is_han(cp)) {
            s->han++;
            if (in_bitmap(han_simplified_only, cp))
                s->simplified++;
            else if (in_bitmap(han_traditional_only, cp))
                s->traditional++;
        } else if (cp >= 0x3040 && cp <= 0x30FF) {
            if (cp != 0x30FB && cp != 0x30FC) /* ・ー appear in Chinese too */
                s->kana++;
        } else if (cp >= 0xAC00 && cp <= 0xD7AF) {
            s->hangul++;
        } else if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
                   (cp >= 0x1E00 && cp <= 0x1EFF)) {
            s->latin++;
        } else if (cp >= 0x400 && cp <= 0x4FF) {
            s->cyrillic++;
        } else if (cp >= 0x370 && cp <= 0x3FF) {
            s->greek++;
        } else if (cp >= 0x600 && cp <= 0x6FF) {
            s->arabic++;
        } else if (cp >= 0x590 && cp <= 0x5FF) {
            s->hebrew++;
        } else if (cp >= 0xE00 && cp <= 0xE7F) {
            s->thai++;
        }
    }
}

void octavo_lang_stats_add(octavo_lang_stats *into, const octavo_lang_stats *from)
{
    into->han += from->han;
    into->simplified += from->simplified;
    into->traditional += from->traditional;
    into->kana += from->kana;
    into->hangul += from->hangul;
    into->latin += from->latin;
    into->cyrillic += from->cyrillic;
    into->greek += from->greek;
    into->arabic += from->arabic;
    into->hebrew += from->hebrew;
    into->thai += from->thai;
}

const char *octavo_lang_guess(const octavo_lang_stats *s)
{
    /* A Han character carries about as much as a short Latin word, so a
     * Chinese article full of English names and terms stays Chinese. */
    size_t cjk_weight = (s->han + s->kana + s->hangul) * 3;
    size_t best_other = s->latin;
    const char *other = "en";
    const struct {
        size_t count;
        const char *tag;
    } scripts[] = {
        {s->cyrillic, "ru"}, {s->greek, "el"}, {s->arabic, "ar"},
        {s->hebrew, "he"},   {s->thai, "th"},
    };
    for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
        if (scripts[i].count > best_other) {
            best_other = scripts[i].count;
            other = scripts[i].tag;
        }
    if (cjk_weight == 0 && best_other == 0)
        return "und";
    if (cjk_weight < best_other)
        return other;
    if (s->hangul > s->han + s->kana)
        return "ko";
    if (s->kana * 10 >= s->han + s->kana)
        return "ja";
    return s->traditional > s->simplified ? "zh-Hant" : "zh-Hans";
}

void octavo_lang_canonical_case(char *tag)
{
    bool first = true, singleton_seen = false;
    for (char *sub = tag; *sub;) {
        size_t n = strcspn(sub, "-");
        for (size_t i = 0; i < n; i++)
            sub[i] = (char)tolower((unsigned char)sub[i]);
        if (!first && !singleton_seen) {
            if (n == 1)
                singleton_seen = true; /* "x-..." or an extension: all lowercase */
            else if (n == 4 && isalpha((unsigned char)sub[0]))
                sub[0] = (char)toupper((unsigned char)sub[0]); /* script */
            else if (n == 2) {                                 /* region */
                sub[0] = (char)toupper((unsigned char)sub[0]);
                sub[1] = (char)toupper((unsigned char)sub[1]);
            }
        }
        first = false;
        sub += n;
        if (*sub == '-')
            sub++;
    }
}
