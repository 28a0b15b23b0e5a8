#include "convert.h"

#include "mem.h"

#include <opencc/opencc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct conversion {
    const char *name;
    const char *lang; /* what Chinese text is written in afterwards */
} conversion;

static const conversion conversions[] = {
    {"s2t", "zh-Hant"},      {"t2s", "zh-Hans"},   {"s2tw", "zh-Hant-TW"}, {"tw2s", "zh-Hans"},
    {"s2twp", "zh-Hant-TW"}, {"tw2sp", "zh-Hans"}, {"s2hk", "zh-Hant-HK"}, {"hk2s", "zh-Hans"},
    {"t2tw", "zh-Hant-TW"},  {"tw2t", "zh-Hant"},  {"t2hk", "zh-Hant-HK"}, {"hk2t", "zh-Hant"},
};

static const conversion *find(const char *name)
{
    for (size_t i = 0; i < sizeof conversions / sizeof *conversions; i++)
        if (strcmp(conversions[i].name, name) == 0)
            return &conversions[i];
    return NULL;
}

bool octavo_conversion_exists(const char *name)
{
    return find(name) != NULL;
}

const char *octavo_conversion_list(void)
{
    return "s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk, hk2t";
}

/* Replaces *s with its conversion. */
static void convert_string(opencc_t cc, char **s)
{
    if (!*s || !**s)
        return;
    char *out = opencc_convert_utf8(cc, *s, strlen(*s));
    if (!out)
        return;
    free(*s);
    *s = octavo_xstrdup(out);
    opencc_convert_utf8_free(out);
}

static void convert_strings(opencc_t cc, octavo_strings *list)
{
    for (size_t i = 0; i < list->count; i++)
        convert_string(cc, &list->items[i]);
}

/* The text nodes of a Markdown tree; code and raw HTML stay as written. */
static void convert_tree(opencc_t cc, cmark_node *root)
{
    if (!root)
        return;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_TEXT)
            continue;
        const char *text = cmark_node_get_literal(n);
        if (!text || !*text)
            continue;
        char *out = opencc_convert_utf8(cc, text, strlen(text));
        if (out) {
            cmark_node_set_literal(n, out);
            opencc_convert_utf8_free(out);
        }
    }
    cmark_iter_free(it);
}

static void set_lang(char **lang, const char *to)
{
    if (*lang && strncmp(*lang, "zh", 2) == 0 && ((*lang)[2] == '\0' || (*lang)[2] == '-')) {
        free(*lang);
        *lang = octavo_xstrdup(to);
    }
}

octavo_status octavo_convert_book(octavo_book *book, const char *name, const char *named_in,
                                  octavo_diags *d)
{
    const conversion *conv = find(name);
    if (!conv) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0, "convert '%s': no such conversion (%s)",
                        name, octavo_conversion_list());
        return OCTAVO_EINPUT;
    }
    char config[32];
    snprintf(config, sizeof config, "%s.json", conv->name);
    opencc_t cc = opencc_open(config);
    if (cc == (opencc_t)-1) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0,
                        "convert '%s': OpenCC cannot load %s (%s); is libopencc-data installed?",
                        name, config, opencc_error());
        return OCTAVO_EINPUT;
    }
    char **texts[] = {&book->title, &book->subtitle, &book->publisher, &book->rights,
                      &book->description};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        convert_string(cc, texts[i]);
    convert_strings(cc, &book->authors);
    convert_strings(cc, &book->subjects);
    for (size_t i = 0; i < book->part_count; i++)
        convert_string(cc, &book->parts[i].title);
    for (size_t i = 0; i < book->chapter_count; i++) {
        octavo_chapter *c = &book->chapters[i];
        convert_string(cc, &c->title);
        convert_string(cc, &c->heading);
        convert_string(cc, &c->signature);
        convert_strings(cc, &c->authors);
        convert_strings(cc, &c->tags);
        for (size_t j = 0; j < c->section_count; j++)
            convert_string(cc, &c->sections[j].title);
        convert_tree(cc, c->byline);
        convert_tree(cc, c->body);
        set_lang(&c->lang, conv->lang);
    }
    /* The book's languages, without the duplicates this may make. */
    octavo_strings langs = {0};
    for (size_t i = 0; i < book->languages.count; i++) {
        set_lang(&book->languages.items[i], conv->lang);
        octavo_strings_add_unique(&langs, book->languages.items[i]);
    }
    octavo_strings_free(&book->languages);
    book->languages = langs;
    opencc_close(cc);
    octavo_diag_add(d, OCTAVO_INFO, NULL, 0, 0, "converted the text with OpenCC %s", name);
    return OCTAVO_OK;
}
