#include "arrange.h"

#include "buf.h"
#include "digest.h"
#include "mem.h"
#include "resources.h"
#include "sanitize.h"
#include "text.h"
#include "url.h"

#include <ctype.h>
#include <libgen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLUG_MAX 40

char *octavo_slug(const char *text)
{
    /* A slug of the ASCII part of "AI 新創(應用層)" would say "ai": only
     * all-ASCII headings get a readable id, the others a numbered one. */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0x80)
            return NULL;
    octavo_buf b = OCTAVO_BUF_INIT;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)text; *p && b.len < SLUG_MAX; p++) {
        if (isalnum(*p) && *p < 0x80) {
            if (dash && b.len)
                octavo_buf_putc(&b, '-');
            dash = false;
            octavo_buf_putc(&b, (char)tolower(*p));
        } else {
            dash = true;
        }
    }
    if (!b.len || !isalpha((unsigned char)b.data[0])) {
        octavo_buf_free(&b);
        return NULL;
    }
    return octavo_buf_detach(&b);
}

/* A set of ids, so that making ids unique stays linear however many
 * headings a chapter has. */
typedef struct id_set {
    const char **slots;
    size_t cap, count;
} id_set;

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static bool id_set_contains(const id_set *set, const char *id)
{
    if (!set->cap)
        return false;
    for (size_t i = hash_string(id) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
        if (!set->slots[i])
            return false;
        if (strcmp(set->slots[i], id) == 0)
            return true;
    }
}

static void id_set_insert(id_set *set, const char *id)
{
    if ((set->count + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        const char **slots = octavo_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i]) {
                size_t j = hash_string(set->slots[i]) & (cap - 1);
                while (slots[j])
                    j = (j + 1) & (cap - 1);
                slots[j] = set->slots[i];
            }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    size_t i = hash_string(id) & (set->cap - 1);
    while (set->slots[i])
        i = (i + 1) & (set->cap - 1);
    set->slots[i] = id;
    set->count++;
}

/* Ids the renderer uses itself; a heading never takes them. */
static const char *const reserved_ids[] = {"title", "footnotes"};

/* The renderer's footnote ids: "fn-3", "fnref-3". */
static bool is_note_id(const char *id)
{
    const char *p = strncmp(id, "fn-", 3) == 0      ? id + 3
                    : strncmp(id, "fnref-", 6) == 0 ? id + 6
                                                    : NULL;
    if (!p || !*p)
        return false;
    while (isdigit((unsigned char)*p) || *p == '-')
        p++;
    return !*p;
}

/* Ids written in raw HTML ("<a id="setup">") are places links point at:
 * each keeps its name where it can (as an ASCII slug), unique among the
 * chapter's ids. One written twice is kept the first time. */
static void assign_html_ids(octavo_chapter *c, id_set *used, octavo_diags *d)
{
    id_set written = {0};
    for (size_t i = 0; i < c->html_ref_count; i++) {
        octavo_html_ref *ref = &c->html_refs[i];
        if (ref->kind != OCTAVO_HTML_ID)
            continue;
        if (id_set_contains(&written, ref->written)) {
            octavo_diag_add(d, OCTAVO_WARNING, c->source_path, ref->line, 0,
                            "id '%s' is given twice; only the first is kept", ref->written);
            continue;
        }
        id_set_insert(&written, ref->written);
        char *id = octavo_slug(ref->written);
        octavo_buf b = OCTAVO_BUF_INIT;
        if (!id || is_note_id(id)) {
            octavo_buf_printf(&b, "anchor-%zu", i + 1);
            free(id);
            id = octavo_buf_detach(&b);
        }
        while (id_set_contains(used, id)) {
            octavo_buf_printf(&b, "%s-%zu", id, i + 1);
            free(id);
            id = octavo_buf_detach(&b);
        }
        ref->becomes = id;
        id_set_insert(used, id);
    }
    free(written.slots);
}

/* Ids for the sections and raw-HTML ids of the chapters first..last (a
 * chapter and its pieces): unique among them all, so that they are what
 * the chapter as one page would have had. */
static void assign_ids(octavo_chapter *chapters, size_t count, octavo_diags *d)
{
    id_set used = {0};
    for (size_t i = 0; i < sizeof reserved_ids / sizeof *reserved_ids; i++)
        id_set_insert(&used, reserved_ids[i]);
    size_t ordinal = 0; /* of the section in the whole chapter */
    for (size_t k = 0; k < count; k++) {
        octavo_chapter *c = &chapters[k];
        for (size_t i = 0; i < c->section_count; i++) {
            octavo_section *s = &c->sections[i];
            char *id = octavo_slug(s->title);
            octavo_buf b = OCTAVO_BUF_INIT;
            ordinal++;
            if (!id) {
                octavo_buf_printf(&b, "sec-%zu", ordinal);
                id = octavo_buf_detach(&b);
            }
            /* A repeated heading gets its ordinal, which no earlier heading
             * has; loop only for the rare text that already ends in it. */
            while (id_set_contains(&used, id)) {
                octavo_buf_printf(&b, "%s-%zu", id, ordinal);
                free(id);
                id = octavo_buf_detach(&b);
            }
            s->id = id;
            id_set_insert(&used, s->id);
        }
        assign_html_ids(c, &used, d);
    }
    free(used.slots);
}

static void choose_languages(octavo_book *book, const octavo_arrange_options *opts)
{
    octavo_lang_stats all = {0};
    for (size_t i = 0; i < book->chapter_count; i++)
        octavo_lang_stats_add(&all, &book->chapters[i].stats);
    const char *chosen = opts->lang ? opts->lang : octavo_lang_guess(&all);
    if (strcmp(chosen, "und") == 0 && !opts->lang)
        chosen = "en"; /* no letters anywhere: readers need some language */
    /* Tags as BCP 47 writes them, whoever gave them ("zh-hans"). */
    char *main_lang = octavo_xstrdup(chosen);
    octavo_lang_canonical_case(main_lang);
    octavo_strings_add(&book->languages, main_lang);
    for (size_t i = 0; i < book->chapter_count; i++) {
        octavo_chapter *c = &book->chapters[i];
        if (opts->lang) {
            free(c->lang);
            c->lang = octavo_xstrdup(main_lang);
        } else if (c->piece && i > 0) {
            free(c->lang); /* a piece is in its chapter's language */
            c->lang = octavo_xstrdup(book->chapters[i - 1].lang);
        } else if (!c->lang) {
            const char *guess = octavo_lang_guess(&c->stats);
            /* Chinese with no character that only one script has is
             * written in the book's script, not a default one. */
            bool undecided = strncmp(guess, "zh-", 3) == 0 && strncmp(main_lang, "zh-", 3) == 0 &&
                             !c->stats.simplified && !c->stats.traditional;
            c->lang = octavo_xstrdup(strcmp(guess, "und") == 0 || undecided ? main_lang : guess);
        } else {
            octavo_lang_canonical_case(c->lang);
        }
        octavo_strings_add_unique(&book->languages, c->lang);
    }
    free(main_lang);
}

/* dc:date must be a W3C date: YYYY, YYYY-MM or YYYY-MM-DD (a time may
 * follow); "2024-11-19" qualifies, "2025.11.1" does not. */
static bool is_w3c_date(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n && i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return false;
    }
    return n == 4 || n == 7 || n == 10 || (n > 10 && s[10] == 'T');
}

/* What the chapters say about themselves, for a book that says nothing:
 * the first description, date and source found, and every tag (unless
 * the book names its subjects itself). */
static void gather_metadata(octavo_book *book)
{
    bool subjects_given = book->subjects.count > 0;
    for (size_t i = 0; i < book->chapter_count; i++) {
        const octavo_chapter *c = &book->chapters[i];
        if (!book->description && c->description && *c->description)
            book->description = octavo_xstrdup(c->description);
        if (!book->date && c->date && is_w3c_date(c->date))
            book->date = octavo_xstrdup(c->date);
        if (!book->source_url && c->source_url && *c->source_url)
            book->source_url = octavo_xstrdup(c->source_url);
        for (size_t j = 0; j < c->tags.count && !subjects_given; j++)
            octavo_strings_add_unique(&book->subjects, c->tags.items[j]);
    }
    if (book->date && !is_w3c_date(book->date)) {
        free(book->date); /* dc:date must be YYYY[-MM[-DD]]; keep it out */
        book->date = NULL;
    }
}

static void derive_identifier(octavo_book *book)
{
    /* From what names the book, not from its text: fixing a typo must not
     * turn it into a different book for reading systems. */
    octavo_buf name = OCTAVO_BUF_INIT;
    octavo_buf_puts(&name, book->title);
    for (size_t i = 0; i < book->authors.count; i++) {
        octavo_buf_putc(&name, '\n');
        octavo_buf_puts(&name, book->authors.items[i]);
    }
    char uuid[46];
    octavo_uuid5(octavo_buf_cstr(&name), name.len, uuid);
    book->identifier = octavo_xstrdup(uuid);
    octavo_buf_free(&name);
}

/* ---- links between chapters ------------------------------------------- */

/* The anchor GitHub (and mdBook) give a heading, which is what Markdown
 * authors write in links: lowercase, punctuation removed, spaces to
 * hyphens, other letters (Chinese too) kept. "1、创业公司：打不过" ->
 * "1创业公司打不过". */
static char *github_anchor(const char *title)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    size_t len = strlen(title);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(title + i, len - i, &cp);
        if (!k)
            break;
        if (cp < 0x80) {
            if (isalnum((int)cp) || cp == '-' || cp == '_')
                octavo_buf_putc(&b, (char)tolower((int)cp));
            else if (cp == ' ')
                octavo_buf_putc(&b, '-');
        } else if (!octavo_is_cjk_punct(cp) && !octavo_is_clause_punct(cp) &&
                   !octavo_is_space(cp) && cp != 0x201C && cp != 0x201D && cp != 0x2018 &&
                   cp != 0x2019 && cp != 0x2014 && cp != 0x00B7) {
            octavo_buf_append(&b, title + i, k);
        }
        i += k;
    }
    return octavo_buf_detach(&b);
}

typedef struct anchor {
    char *name;     /* as a link would write it */
    const char *id; /* the heading's id in its file */
    size_t chapter;
} anchor;

typedef struct source_range {
    char *real;         /* realpath of the source file */
    size_t first, last; /* its chapters (a novel file has several) */
} source_range;

static int compare_anchor(const void *a, const void *b)
{
    const anchor *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->chapter > y->chapter) - (x->chapter < y->chapter);
}

static int compare_range(const void *a, const void *b)
{
    return strcmp(((const source_range *)a)->real, ((const source_range *)b)->real);
}

/* Everything a link may point at, sorted for lookups, so that resolving
 * stays linear-logarithmic however many headings and links there are. */
typedef struct link_targets {
    anchor *anchors;
    size_t anchor_count, anchor_cap;
    source_range *ranges;
    size_t range_count, range_cap;
} link_targets;

static void targets_build(link_targets *t, const octavo_book *book)
{
    bool in_range = false; /* the chapter before has its file's range, the last */
    for (size_t i = 0; i < book->chapter_count; i++) {
        const octavo_chapter *c = &book->chapters[i];
        /* The chapters of one file follow each other: its path is found
         * once (a novel has thousands). */
        if (in_range && strcmp(book->chapters[i - 1].source_path, c->source_path) == 0) {
            t->ranges[t->range_count - 1].last = i;
        } else {
            char *real =
                c->source_real ? octavo_xstrdup(c->source_real) : realpath(c->source_path, NULL);
            in_range = real != NULL;
            if (!real) {
                /* (not a file: nothing links to it) */
            } else if (t->range_count && strcmp(t->ranges[t->range_count - 1].real, real) == 0) {
                t->ranges[t->range_count - 1].last = i;
                free(real);
            } else {
                t->ranges =
                    octavo_xgrow(t->ranges, &t->range_cap, t->range_count + 1, sizeof *t->ranges);
                t->ranges[t->range_count++] = (source_range){real, i, i};
            }
        }
        for (size_t j = 0; j < c->section_count; j++) {
            const octavo_section *s = &c->sections[j];
            char *names[2] = {github_anchor(s->title), octavo_xstrdup(s->id)};
            for (int k = 0; k < 2; k++) {
                t->anchors = octavo_xgrow(t->anchors, &t->anchor_cap, t->anchor_count + 1,
                                          sizeof *t->anchors);
                t->anchors[t->anchor_count++] = (anchor){names[k], s->id, i};
            }
        }
        for (size_t j = 0; j < c->html_ref_count; j++) {
            const octavo_html_ref *ref = &c->html_refs[j];
            if (ref->kind != OCTAVO_HTML_ID || !ref->becomes)
                continue;
            t->anchors =
                octavo_xgrow(t->anchors, &t->anchor_cap, t->anchor_count + 1, sizeof *t->anchors);
            t->anchors[t->anchor_count++] = (anchor){octavo_xstrdup(ref->written), ref->becomes, i};
        }
    }
    /* (qsort and bsearch must never be given NULL, even for nothing) */
    if (t->anchor_count)
        qsort(t->anchors, t->anchor_count, sizeof *t->anchors, compare_anchor);
    if (t->range_count)
        qsort(t->ranges, t->range_count, sizeof *t->ranges, compare_range);
}

static void targets_free(link_targets *t)
{
    for (size_t i = 0; i < t->anchor_count; i++)
        free(t->anchors[i].name);
    for (size_t i = 0; i < t->range_count; i++)
        free(t->ranges[i].real);
    free(t->anchors);
    free(t->ranges);
}

/* The first anchor `name` among chapters first..last, or NULL. */
static const anchor *find_anchor(const link_targets *t, const char *name, size_t first, size_t last)
{
    anchor key = {(char *)name, NULL, first};
    size_t lo = 0, hi = t->anchor_count;
    while (lo < hi) { /* lower bound of (name, first) */
        size_t mid = lo + (hi - lo) / 2;
        if (compare_anchor(&t->anchors[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->anchor_count && strcmp(t->anchors[lo].name, name) == 0 &&
        t->anchors[lo].chapter <= last)
        return &t->anchors[lo];
    return NULL;
}

/* The chapters of the file `path` names from the folder `dir`, or NULL. */
static const source_range *find_file(const link_targets *t, const char *dir, const char *path,
                                     size_t path_len)
{
    octavo_buf joined = OCTAVO_BUF_INIT;
    octavo_buf_printf(&joined, "%s/%.*s", dir, (int)path_len, path);
    char *real = realpath(octavo_buf_cstr(&joined), NULL);
    source_range key = {real, 0, 0};
    const source_range *r = real && t->range_count ? bsearch(&key, t->ranges, t->range_count,
                                                             sizeof *t->ranges, compare_range)
                                                   : NULL;
    free(real);
    octavo_buf_free(&joined);
    return r;
}

/* The chapters a link's file names: the file itself, or, for a page an
 * mdBook would make ("setup.html"), the Markdown it is made from
 * ("setup.md"; "index.html" from "README.md" or "index.md", else the
 * first chapter, as mdBook makes it). */
static const source_range *find_source(const link_targets *t, const char *dir, const char *path)
{
    size_t len = strlen(path);
    const source_range *r = find_file(t, dir, path, len);
    if (r || len < 5 || strcmp(path + len - 5, ".html") != 0)
        return r;
    octavo_buf md = OCTAVO_BUF_INIT;
    octavo_buf_append(&md, path, len - 5);
    octavo_buf_puts(&md, ".md");
    r = find_file(t, dir, md.data, md.len);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!r && strcmp(base, "index.html") == 0) {
        octavo_buf_clear(&md);
        octavo_buf_append(&md, path, (size_t)(base - path));
        octavo_buf_puts(&md, "README.md");
        r = find_file(t, dir, md.data, md.len);
        /* mdBook's index.html is the first chapter when no README is. */
        for (size_t i = 0; !r && i < t->range_count; i++)
            if (t->ranges[i].first == 0)
                r = &t->ranges[i];
    }
    octavo_buf_free(&md);
    return r;
}

/* Where a link to a file or heading of another (or the same) source
 * leads in the book: "ch003.xhtml#setup"; NULL (with a warning) when it
 * is not a chapter of the book, or (quietly) not a relative link at all:
 * the renderer keeps or reports those. */
static char *resolve_url(const char *url, const octavo_book *book, size_t chapter, unsigned line,
                         const link_targets *t, octavo_diags *d)
{
    const octavo_chapter *c = &book->chapters[chapter];
    if (!url || !*url || octavo_url_has_scheme(url) || url[0] == '/')
        return NULL;
    const char *hash = strchr(url, '#');
    size_t path_len = hash ? (size_t)(hash - url) : strcspn(url, "?");
    size_t first = chapter, last = chapter;
    /* Links inside a split novel file reach all of its chapters. */
    for (size_t i = 0; i < t->range_count; i++)
        if (t->ranges[i].first <= chapter && chapter <= t->ranges[i].last) {
            first = t->ranges[i].first;
            last = t->ranges[i].last;
        }
    if (path_len) {
        char *path = octavo_url_decode(url, path_len);
        char *dir_copy = octavo_xstrdup(c->source_path);
        const source_range *r = find_source(t, dirname(dir_copy), path);
        free(path);
        free(dir_copy);
        if (!r) {
            octavo_diag_add(d, OCTAVO_WARNING, c->source_path, line, 0,
                            "link to '%s' is kept as text: it is not a chapter of the book", url);
            return NULL;
        }
        first = r->first;
        last = r->last;
    }
    octavo_buf target = OCTAVO_BUF_INIT;
    const char *file = strchr(book->chapters[first].file_name, '/') + 1; /* "ch001.xhtml" */
    if (hash && hash[1]) {
        char *fragment = octavo_url_decode(hash + 1, strlen(hash + 1));
        char *as_github = github_anchor(fragment);
        const anchor *a = find_anchor(t, fragment, first, last);
        if (!a)
            a = find_anchor(t, as_github, first, last);
        if (a) {
            file = strchr(book->chapters[a->chapter].file_name, '/') + 1;
            octavo_buf_printf(&target, "%s#%s", file, a->id);
        } else {
            octavo_diag_add(d, OCTAVO_WARNING, c->source_path, line, 0,
                            "link to '%s': no heading '%s' there; it leads to the chapter's "
                            "start",
                            url, fragment);
            octavo_buf_puts(&target, file);
        }
        free(fragment);
        free(as_github);
    } else {
        octavo_buf_puts(&target, file);
    }
    return octavo_buf_detach(&target);
}

static void resolve_links(octavo_book *book, octavo_diags *d)
{
    link_targets t = {0};
    targets_build(&t, book);
    for (size_t i = 0; i < book->chapter_count; i++) {
        octavo_chapter *c = &book->chapters[i];
        for (size_t j = 0; j < c->markdown_ref_count; j++) {
            octavo_markdown_ref *ref = &c->markdown_refs[j];
            if (!ref->image)
                ref->becomes = resolve_url(ref->written, book, i, ref->line, &t, d);
        }
        /* Links in raw HTML, the same way. */
        for (size_t j = 0; j < c->html_ref_count; j++)
            if (c->html_refs[j].kind == OCTAVO_HTML_LINK)
                c->html_refs[j].becomes =
                    resolve_url(c->html_refs[j].written, book, i, c->html_refs[j].line, &t, d);
    }
    targets_free(&t);
}

/* A page's manifest id (prefix and number: "ch001") and its file
 * ("text/ch001.xhtml"). */
static void name_page(const char *prefix, int digits, size_t number, char **id, char **file)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_printf(&b, "%s%0*zu", prefix, digits, number);
    *id = octavo_buf_detach(&b);
    octavo_buf_printf(&b, "text/%s.xhtml", *id);
    *file = octavo_buf_detach(&b);
}

octavo_status octavo_arrange(octavo_book *book, const octavo_arrange_options *opts, octavo_diags *d)
{
    char **given[] = {&book->subtitle, &book->publisher, &book->rights, &book->description,
                      &book->date};
    const char *from_plan[] = {opts->subtitle, opts->publisher, opts->rights, opts->description,
                               opts->date};
    for (size_t i = 0; i < sizeof given / sizeof *given; i++)
        if (from_plan[i] && *from_plan[i])
            *given[i] = octavo_xstrdup(from_plan[i]);
    for (size_t i = 0; i < opts->subject_count; i++)
        octavo_strings_add_unique(&book->subjects, opts->subjects[i]);
    for (size_t i = 0; i < book->chapter_count; i++) {
        octavo_chapter *c = &book->chapters[i];
        name_page("ch", 3, i + 1, &c->id, &c->file_name);
        if (c->piece) {
            octavo_diag_add(d, OCTAVO_INFO, c->source_path, 0, 0,
                            "chapter %zu: piece %zu of \"%s\" (too large for one page), "
                            "%zu sections",
                            i + 1, c->piece + 1, c->title, c->section_count);
            continue;
        }
        size_t pieces = 1;
        while (i + pieces < book->chapter_count && book->chapters[i + pieces].piece)
            pieces++;
        assign_ids(c, pieces, d);
        octavo_diag_add(d, OCTAVO_INFO, c->source_path, 0, 0,
                        "chapter %zu: \"%s\" (title from %s), %zu sections", i + 1, c->title,
                        c->title_origin, c->section_count);
    }

    for (size_t i = 0; i < book->part_count; i++)
        name_page("part", 2, i + 1, &book->parts[i].id, &book->parts[i].file_name);

    /* A title from the sources themselves (a novel's header) comes after
     * the one the author gave and before the first chapter's. */
    if (opts->title && *opts->title) {
        free(book->title);
        book->title = octavo_xstrdup(opts->title);
    } else if (book->title) {
        /* kept */
    } else if (book->chapter_count)
        book->title = octavo_xstrdup(book->chapters[0].title);
    else /* (a folder's name: any bytes, so made fit for XML) */
        book->title =
            octavo_xml_clean(opts->fallback_title ? opts->fallback_title : "Untitled", NULL);

    if (opts->author_count) {
        octavo_strings_free(&book->authors); /* instead of a novel header's */
        for (size_t i = 0; i < opts->author_count; i++)
            octavo_strings_add_unique(&book->authors, opts->authors[i]);
    } else {
        for (size_t i = 0; i < book->chapter_count; i++)
            for (size_t j = 0; j < book->chapters[i].authors.count; j++)
                octavo_strings_add_unique(&book->authors, book->chapters[i].authors.items[j]);
    }

    resolve_links(book, d);
    gather_metadata(book);
    choose_languages(book, opts);
    for (size_t i = 0; i < book->chapter_count; i++)
        octavo_diag_add(d, OCTAVO_INFO, book->chapters[i].source_path, 0, 0, "language %s",
                        book->chapters[i].lang);

    if (opts->identifier && *opts->identifier)
        book->identifier = octavo_xstrdup(opts->identifier);
    else
        derive_identifier(book);
    book->modified = opts->modified;
    octavo_diag_add(d, OCTAVO_INFO, NULL, 0, 0, "book: \"%s\", language %s, identifier %s",
                    book->title, book->languages.items[0], book->identifier);
    return OCTAVO_OK;
}
