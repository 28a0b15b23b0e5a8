/* lang.h — language tags: checking that a tag is a real BCP 47 tag, and
 * guessing the language of a text from its characters.
 *
 * The guess never looks at the environment (LANG=C is how pandoc ends up
 * writing <dc:language>C</dc:language>). */
#ifndef OCTAVO_LANG_H
#define OCTAVO_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when `tag` is a well-formed BCP 47 (RFC 5646) tag whose primary
 * language subtag is plausible: a known ISO 639-1 code, a three-letter
 * code, or a grandfathered/private-use tag. "C", "en_US" and "zh_CN" are
 * not. */
bool octavo_lang_is_valid(const char *tag);

/* Writes a valid tag in the case BCP 47 recommends, in place: "zh-hans"
 * -> "zh-Hans", "EN-us" -> "en-US" (language lowercase, script title
 * case, region uppercase; extensions and private use lowercase). Tags
 * compare without case, but readers and validators show them as given. */
void octavo_lang_canonical_case(char *tag);

/* For a tag that is not valid, a likely intended tag ("zh_CN" -> "zh-CN"),
 * written into `out` (size bytes); false when there is no suggestion. */
bool octavo_lang_suggest(const char *tag, char *out, size_t size);

/* Character counts that a guess is made from; add texts with
 * octavo_lang_count and combine chapters with octavo_lang_stats_add. */
typedef struct octavo_lang_stats {
    size_t han, simplified, traditional, kana, hangul;
    size_t latin, cyrillic, greek, arabic, hebrew, thai;
} octavo_lang_stats;

void octavo_lang_count(octavo_lang_stats *stats, const char *utf8, size_t len);
void octavo_lang_stats_add(octavo_lang_stats *into, const octavo_lang_stats *from);
/* The most likely tag for the counted text: "zh-Hans" or "zh-Hant" by
 * which characters occur (never bare "zh"), "ja", "ko", "en", ..., or "und"
 * when the text has no letters. Returns a static string. */
const char *octavo_lang_guess(const octavo_lang_stats *stats);

/* True for a Han character of everyday Chinese or Japanese text: in the
 * first level of GB 2312, Big5 or JIS X 0208. Text decoded with the wrong
 * encoding has few of them. */
bool octavo_lang_han_is_common(uint32_t cp);

#endif
