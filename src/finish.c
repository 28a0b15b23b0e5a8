#include "finish.h"

#include "buf.h"
#include "byline.h"
#include "mem.h"
#include "plain.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Widest derived title (CJK characters count two) before it is cut with
 * an ellipsis: about 20 Chinese characters. */
#define DERIVED_TITLE_MAX_WIDTH 44

/* The last (or first) character of the text that ends (or starts) a node,
 * looking inside emphasis, links and code. 0 when there is none. */
static uint32_t edge_char(cmark_node *n, bool last)
{
    while (n) {
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
            const char *s = cmark_node_get_literal(n);
            size_t len = strlen(s);
            uint32_t cp = 0;
            if (!len)
                return 0;
            if (last ? octavo_utf8_decode_last(s, len, &cp) : octavo_utf8_decode(s, len, &cp))
                return cp;
            return 0;
        }
        n = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
    }
    return 0;
}

/* Chinese is written without spaces: a soft line break between two CJK
 * characters (hard-wrapped text) must vanish instead of becoming a space,
 * which is what pandoc and mdBook render; so must one next to full-width
 * punctuation ("中文，\nEnglish"). */
static void join_cjk_lines(cmark_node *root)
{
    cmark_node **doomed = NULL;
    size_t count = 0, cap = 0;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK)
            continue;
        uint32_t before = edge_char(cmark_node_previous(n), true);
        uint32_t after = edge_char(cmark_node_next(n), false);
        if ((octavo_is_spaceless(before) && octavo_is_spaceless(after)) ||
            octavo_is_cjk_punct(before) || octavo_is_cjk_punct(after)) {
            doomed = octavo_xgrow(doomed, &cap, count + 1, sizeof *doomed);
            doomed[count++] = n;
        }
    }
    cmark_iter_free(it);
    for (size_t i = 0; i < count; i++)
        cmark_node_free(doomed[i]);
    free(doomed);
}

/* A title from the first sentence: cut at the first clause punctuation,
 * and, when even that is too wide, at a word (or, in CJK text, character)
 * boundary with an ellipsis. Width counts a CJK character as two. */
static char *title_from_sentence(const char *s, size_t len)
{
    size_t i = 0, width = 0, last_break = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k || octavo_is_clause_punct(cp) || cp == '\n')
            break;
        width += octavo_is_cjk(cp) ? 2 : 1;
        if (octavo_is_cjk(cp) || cp == ' ')
            last_break = octavo_is_cjk(cp) ? i + k : i;
        if (width > DERIVED_TITLE_MAX_WIDTH) {
            octavo_span t = octavo_trim(s, last_break ? last_break : i);
            octavo_buf b = OCTAVO_BUF_INIT;
            octavo_buf_append(&b, t.text, t.len);
            octavo_buf_puts(&b, "…");
            return octavo_buf_detach(&b);
        }
        i += k;
    }
    octavo_span t = octavo_trim(s, i);
    return t.len ? octavo_xstrndup(t.text, t.len) : NULL;
}

static char *title_from_file_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    size_t len = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    char *stem = octavo_xstrndup(name, len);
    /* A file name is any bytes but '/': not always UTF-8, and it may hold
     * controls XML cannot (an escape sequence, a carriage return). */
    char *t = octavo_xml_clean(stem, NULL);
    free(stem);
    for (char *p = t; *p; p++)
        if (*p == '_' || *p == '-')
            *p = ' ';
    octavo_span tr = octavo_trim(t, strlen(t));
    char *result = octavo_xstrndup(tr.text, tr.len);
    free(t);
    if (!*result) {
        free(result);
        result = octavo_xml_clean(name, NULL);
    }
    return *result ? result : (free(result), octavo_xstrdup("Untitled"));
}

/* Takes the chapter title from the body when front matter gave none: the
 * first block if it is a heading (of any level: a GitBook chapter often
 * starts with "## 1.1 …") or a short unpunctuated line (it is then
 * removed, since the title is shown as the chapter's h1, and kept as
 * c->heading), else the first sentence, else the file name. */
static void find_title(octavo_chapter *c, const octavo_source *src)
{
    /* A rule before any text separates nothing. */
    cmark_node *first;
    while ((first = cmark_node_first_child(c->body)) &&
           cmark_node_get_type(first) == CMARK_NODE_THEMATIC_BREAK)
        cmark_node_free(first);
    cmark_node_type type = first ? cmark_node_get_type(first) : CMARK_NODE_NONE;
    if (c->title) {
        /* "# 留下的代价" under "title: 留下的代价" would show the title twice. */
        if (type == CMARK_NODE_HEADING) {
            char *text = octavo_node_text(first);
            if (strcmp(text, c->title) == 0)
                cmark_node_free(first);
            free(text);
        }
        return;
    }
    if (type == CMARK_NODE_HEADING) {
        c->title = octavo_node_text(first);
        c->title_origin = "heading";
        cmark_node_free(first);
        if (*c->title) {
            c->heading = octavo_xstrdup(c->title);
            return;
        }
        free(c->title);
        c->title = NULL;
        first = cmark_node_first_child(c->body);
        type = first ? cmark_node_get_type(first) : CMARK_NODE_NONE;
    }
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
        char *text = octavo_node_text(first);
        size_t len = strlen(text);
        bool one_line = !memchr(text, '\n', len) && cmark_node_next(first) != NULL;
        cmark_node *only = cmark_node_first_child(first);
        one_line = one_line && only && !cmark_node_next(only);
        if (one_line && len && octavo_looks_like_heading(text, len)) {
            c->title = text;
            c->title_origin = "first line";
            c->heading = octavo_xstrdup(text);
            cmark_node_free(first);
            return;
        }
        if (type == CMARK_NODE_PARAGRAPH)
            c->title = title_from_sentence(text, len);
        free(text);
        if (c->title) {
            c->title_origin = "first sentence";
            return;
        }
    }
    c->title = title_from_file_name(src->name);
    c->title_origin = "file name";
}

/* Lists the headings of the body as sections, with levels shifted so the
 * shallowest becomes h2 (the chapter title is the only h1). */
static void find_sections(octavo_chapter *c)
{
    size_t count = 0;
    int shallowest = 7;
    cmark_iter *it = cmark_iter_new(c->body);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
            count++;
            int level = cmark_node_get_heading_level(n);
            if (level < shallowest)
                shallowest = level;
        }
    }
    cmark_iter_free(it);
    c->sections = count ? octavo_xcalloc(count, sizeof *c->sections) : NULL;
    it = cmark_iter_new(c->body);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
            continue;
        octavo_section *s = &c->sections[c->section_count++];
        int level = cmark_node_get_heading_level(n) - shallowest + 2;
        s->level = level > 6 ? 6 : level;
        s->title = octavo_node_text(n);
        s->node = n;
        cmark_node_set_user_data(n, s);
    }
    cmark_iter_free(it);
}

void octavo_finish_chapter(octavo_chapter *c, const octavo_source *src)
{
    find_title(c, src);
    octavo_find_byline(c);
    octavo_find_signature(c);
    join_cjk_lines(c->body);
    find_sections(c);
}
