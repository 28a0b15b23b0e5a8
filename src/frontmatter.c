#include "frontmatter.h"

#include "lang.h"
#include "mem.h"
#include "text.h"
#include "yaml_tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool is_fence(const char *s, size_t len, const char *fence)
{
    octavo_span t = octavo_trim(s, len);
    return t.len == 3 && memcmp(t.text, fence, 3) == 0 && s[0] == fence[0];
}

static bool looks_like_yaml_start(const char *s, size_t len)
{
    if (len >= 2 && s[0] == '-' && s[1] == ' ')
        return true;
    size_t i = 0;
    if (i < len && (s[i] == '"' || s[i] == '\''))
        return memchr(s, ':', len) != NULL;
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-' || s[i] == ' '))
        i++;
    return i > 0 && i < len && s[i] == ':';
}

octavo_status octavo_split_front_matter(const octavo_source *src, octavo_split_text *out,
                                        octavo_diags *d)
{
    const char *s = src->text, *end = src->text + src->len;
    *out = (octavo_split_text){NULL, 0, 0, s, src->len, 1};
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *first_end = nl ? nl : end;
    if (!is_fence(s, (size_t)(first_end - s), "---") || !nl)
        return OCTAVO_OK;

    /* The first non-blank line inside must look like YAML; otherwise this
     * "---" is a Markdown thematic break. */
    const char *p = nl + 1;
    unsigned lineno = 2;
    bool yaml_like = false, seen_content = false;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        size_t len = (size_t)(e - p);
        if (is_fence(p, len, "---") || is_fence(p, len, "...")) {
            if (!seen_content || yaml_like) {
                out->yaml = nl + 1;
                out->yaml_len = (size_t)(p - (nl + 1));
                out->yaml_line = 2;
                out->body = e < end ? e + 1 : end;
                out->body_len = (size_t)(end - out->body);
                out->body_line = lineno + 1;
            }
            return OCTAVO_OK;
        }
        if (!seen_content && octavo_trim(p, len).len) {
            seen_content = true;
            yaml_like = looks_like_yaml_start(p, len);
            if (!yaml_like)
                return OCTAVO_OK;
        }
        p = e + 1;
        lineno++;
    }
    if (yaml_like) {
        octavo_diag_add(d, OCTAVO_ERROR, src->path, 1, 1,
                        "front matter is not closed: add a line '---' after it");
        return OCTAVO_EINPUT;
    }
    return OCTAVO_OK;
}

void octavo_add_words(octavo_strings *list, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i, k;
        while (i < len) {
            uint32_t cp;
            k = octavo_utf8_decode(s + i, len - i, &cp);
            if (!k || octavo_is_space(cp) || cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == '#')
                break;
            i += k;
        }
        if (i > start) {
            char *word = octavo_xstrndup(s + start, i - start);
            octavo_strings_add_unique(list, word);
            free(word);
        }
        if (i < len) {
            uint32_t cp;
            k = octavo_utf8_decode(s + i, len - i, &cp);
            i += k ? k : 1;
        }
    }
}

static bool want_text(const octavo_yaml_node *v, const char *key, const char *file, octavo_diags *d)
{
    if (v->kind == OCTAVO_YAML_SCALAR)
        return true;
    octavo_diag_add(d, OCTAVO_ERROR, file, v->line, v->col, "'%s' must be text, not a %s", key,
                    v->kind == OCTAVO_YAML_MAPPING ? "mapping" : "list");
    return false;
}

/* A list of names (authors, tags): a YAML list, each item one name, or
 * one text, a single name or (with `words`) names separated by commas
 * and the like. False when something is not text (said in `d`). */
static bool add_names(const octavo_yaml_node *v, const char *key, bool words, const char *file,
                      octavo_strings *into, octavo_diags *d)
{
    if (v->kind != OCTAVO_YAML_SEQUENCE) {
        if (!want_text(v, key, file, d))
            return false;
        if (words)
            octavo_add_words(into, v->value, strlen(v->value));
        else
            octavo_strings_add_unique(into, v->value);
        return true;
    }
    bool ok = true;
    for (size_t j = 0; j < v->count; j++) {
        if (!want_text(v->items[j], key, file, d))
            ok = false;
        else if (*v->items[j]->value)
            octavo_strings_add_unique(into, v->items[j]->value);
    }
    return ok;
}

octavo_status octavo_apply_front_matter(const octavo_split_text *split, const octavo_source *src,
                                        octavo_chapter *c, octavo_diags *d)
{
    octavo_yaml_node *root;
    octavo_status st =
        octavo_yaml_load(split->yaml, split->yaml_len, src->path, split->yaml_line, &root, d);
    if (st != OCTAVO_OK)
        return st;
    if (!root)
        return OCTAVO_OK;
    if (root->kind != OCTAVO_YAML_MAPPING) {
        octavo_diag_add(d, OCTAVO_ERROR, src->path, root->line, root->col,
                        "front matter must be keys and values such as 'title: ...'");
        octavo_yaml_free(root);
        return OCTAVO_EINPUT;
    }
    for (size_t i = 0; i + 1 < root->count; i += 2) {
        const char *key = root->items[i]->value;
        const octavo_yaml_node *v = root->items[i + 1];
        if (octavo_yaml_is_null(v))
            continue;
        if (strcmp(key, "title") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else if (octavo_trim(v->value, strlen(v->value)).len) {
                octavo_span t = octavo_trim(v->value, strlen(v->value));
                c->title = octavo_xstrndup(t.text, t.len);
                c->title_origin = "front matter";
            }
        } else if (strcmp(key, "author") == 0 || strcmp(key, "authors") == 0) {
            if (!add_names(v, key, false, src->path, &c->authors, d))
                st = OCTAVO_EINPUT;
        } else if (strcmp(key, "date") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else
                c->date = octavo_xstrdup(v->value);
        } else if (strcmp(key, "description") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else
                c->description = octavo_xstrdup(v->value);
        } else if (strcmp(key, "tags") == 0 || strcmp(key, "keywords") == 0) {
            if (!add_names(v, key, true, src->path, &c->tags, d))
                st = OCTAVO_EINPUT;
        } else if (strcmp(key, "source") == 0 || strcmp(key, "url") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else if (!c->source_url)
                c->source_url = octavo_xstrdup(v->value);
        } else if (strcmp(key, "lang") == 0 || strcmp(key, "language") == 0) {
            if (!want_text(v, key, src->path, d)) {
                st = OCTAVO_EINPUT;
            } else if (!octavo_lang_is_valid(v->value)) {
                octavo_diag_add(d, OCTAVO_WARNING, src->path, v->line, v->col,
                                "'%s' is not a BCP 47 language tag; detecting the language "
                                "instead",
                                v->value);
            } else {
                free(c->lang);
                c->lang = octavo_xstrdup(v->value);
            }
        }
        /* Other keys (tags, source, ...) are metadata for later stages and
         * never part of the text. */
    }
    octavo_yaml_free(root);
    return st;
}
