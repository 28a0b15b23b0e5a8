#include "plan.h"

#include "buf.h"
#include "encoding.h"
#include "file.h"
#include "lang.h"
#include "mem.h"
#include "source.h"
#include "text.h"
#include "toml.h"
#include "url.h"
#include "yaml_tree.h"

#include <cmark-gfm.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static octavo_plan_entry *add_entry(octavo_plan *plan, const char *file, const char *title,
                                    size_t part, unsigned line, unsigned col)
{
    plan->entries =
        octavo_xgrow(plan->entries, &plan->entry_cap, plan->entry_count + 1, sizeof *plan->entries);
    plan->entries[plan->entry_count++] =
        (octavo_plan_entry){.file = octavo_xstrdup(file),
                            .title = title ? octavo_xstrdup(title) : NULL,
                            .part = part,
                            .line = line,
                            .col = col};
    plan->has_order = true;
    return &plan->entries[plan->entry_count - 1];
}

/* How many lists hold this list item, less one: 0 for a top-level item. */
static int list_depth(cmark_node *item)
{
    int lists = 0;
    for (cmark_node *n = cmark_node_parent(item); n; n = cmark_node_parent(n))
        if (cmark_node_get_type(n) == CMARK_NODE_LIST)
            lists++;
    return lists > 0 ? lists - 1 : 0;
}

/* ---- book.yaml ------------------------------------------------------------ */

typedef struct reader {
    octavo_plan *plan;
    const char *file;
    octavo_diags *d;
    octavo_status status;
} reader;

__attribute__((format(printf, 3, 4))) static void error_at(reader *r, const octavo_yaml_node *n,
                                                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    octavo_diag_vadd(r->d, OCTAVO_ERROR, NULL, r->file, n->line, n->col, fmt, ap);
    va_end(ap);
    r->status = OCTAVO_EINPUT;
}

/* Whether a value is only white space: it would make an empty element in
 * the package document (an empty identifier, title or creator), so it is
 * left out with a warning, as if not given. */
static bool blank_value(reader *r, const char *key, const octavo_yaml_node *v)
{
    size_t len = strlen(v->value);
    if (octavo_trim_space(v->value, &len), len)
        return false;
    octavo_diag_add(r->d, OCTAVO_WARNING, r->file, v->line, v->col, "'%s' is empty; left out", key);
    return true;
}

static bool text(reader *r, const char *key, const octavo_yaml_node *v, char **out)
{
    if (v->kind != OCTAVO_YAML_SCALAR) {
        error_at(r, v, "'%s' must be text", key);
        return false;
    }
    if (blank_value(r, key, v))
        return false;
    free(*out);
    *out = octavo_xstrdup(v->value);
    return true;
}

/* A string or a list of strings. */
static void text_list(reader *r, const char *key, const octavo_yaml_node *v, octavo_strings *out)
{
    if (v->kind == OCTAVO_YAML_SCALAR) {
        if (!blank_value(r, key, v))
            octavo_strings_add_unique(out, v->value);
        return;
    }
    if (v->kind != OCTAVO_YAML_SEQUENCE) {
        error_at(r, v, "'%s' must be text or a list of text", key);
        return;
    }
    for (size_t i = 0; i < v->count; i++) {
        if (v->items[i]->kind != OCTAVO_YAML_SCALAR)
            error_at(r, v->items[i], "'%s' must be text or a list of text", key);
        else if (!blank_value(r, key, v->items[i]))
            octavo_strings_add_unique(out, v->items[i]->value);
    }
}

/* true or false; anything else is an error. Returns whether it was read. */
static bool read_bool(reader *r, const char *key, const octavo_yaml_node *v, bool *out)
{
    if (v->kind != OCTAVO_YAML_SCALAR ||
        (strcmp(v->value, "true") != 0 && strcmp(v->value, "false") != 0)) {
        error_at(r, v, "'%s' must be true or false", key);
        return false;
    }
    *out = strcmp(v->value, "true") == 0;
    return true;
}

static void read_chapters(reader *r, const octavo_yaml_node *list, size_t part, bool in_part);

/* A title of only spaces would be an empty entry in the contents (and an
 * empty <title>), which no reader can follow. */
static bool is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return !*s;
}

static void read_chapter(reader *r, const octavo_yaml_node *item, size_t part, bool in_part)
{
    if (item->kind == OCTAVO_YAML_SCALAR) {
        add_entry(r->plan, item->value, NULL, part, item->line, item->col);
        return;
    }
    if (item->kind != OCTAVO_YAML_MAPPING) {
        error_at(r, item, "%s", "a chapter is a file name or a mapping with 'file' or 'part'");
        return;
    }
    const octavo_yaml_node *file = octavo_yaml_get(item, "file");
    const octavo_yaml_node *part_title = octavo_yaml_get(item, "part");
    for (size_t i = 0; i < item->count; i += 2) {
        const char *k = item->items[i]->value;
        if (strcmp(k, "file") != 0 && strcmp(k, "title") != 0 && strcmp(k, "part") != 0 &&
            strcmp(k, "chapters") != 0 && strcmp(k, "lang") != 0 && strcmp(k, "encoding") != 0)
            octavo_diag_add(r->d, OCTAVO_WARNING, r->file, item->items[i]->line,
                            item->items[i]->col, "unknown key '%s' in a chapter; ignored", k);
    }
    if (part_title) {
        if (in_part) {
            error_at(r, part_title, "%s", "a part cannot be inside another part");
            return;
        }
        if (part_title->kind != OCTAVO_YAML_SCALAR) {
            error_at(r, part_title, "'%s' must be text", "part");
            return;
        }
        if (is_blank(part_title->value)) {
            error_at(r, part_title, "%s", "part title is empty");
            return;
        }
        octavo_strings_add(&r->plan->parts, part_title->value);
        const octavo_yaml_node *chapters = octavo_yaml_get(item, "chapters");
        if (!chapters) {
            error_at(r, part_title, "part '%s' has no 'chapters' list", part_title->value);
            return;
        }
        read_chapters(r, chapters, r->plan->parts.count, true);
        return;
    }
    if (!file || file->kind != OCTAVO_YAML_SCALAR) {
        error_at(r, file ? file : item, "%s", "a chapter needs 'file: NAME'");
        return;
    }
    const octavo_yaml_node *title = octavo_yaml_get(item, "title");
    if (title && title->kind != OCTAVO_YAML_SCALAR) {
        error_at(r, title, "'%s' must be text", "title");
        return;
    }
    if (title && is_blank(title->value)) {
        error_at(r, title, "%s", "chapter title is empty");
        return;
    }
    const octavo_yaml_node *lang = octavo_yaml_get(item, "lang");
    if (lang && (lang->kind != OCTAVO_YAML_SCALAR || !octavo_lang_is_valid(lang->value))) {
        error_at(r, lang, "'%s' must be a BCP 47 language tag (such as zh-Hans, en)", "lang");
        return;
    }
    const octavo_yaml_node *encoding = octavo_yaml_get(item, "encoding");
    if (encoding &&
        (encoding->kind != OCTAVO_YAML_SCALAR || !octavo_encoding_is_known(encoding->value))) {
        error_at(r, encoding, "'%s' must be an encoding iconv knows (such as GBK, BIG5, UTF-16)",
                 "encoding");
        return;
    }
    add_entry(r->plan, file->value, title ? title->value : NULL, part, file->line, file->col);
    if (lang)
        r->plan->entries[r->plan->entry_count - 1].lang = octavo_xstrdup(lang->value);
    if (encoding)
        r->plan->entries[r->plan->entry_count - 1].encoding = octavo_xstrdup(encoding->value);
}

static void read_chapters(reader *r, const octavo_yaml_node *list, size_t part, bool in_part)
{
    if (list->kind != OCTAVO_YAML_SEQUENCE) {
        error_at(r, list, "'%s' must be a list", "chapters");
        return;
    }
    for (size_t i = 0; i < list->count; i++)
        read_chapter(r, list->items[i], part, in_part);
    if (!list->count)
        r->plan->has_order = true; /* an empty list is an (empty) order */
}

/* Reads the book.yaml or SUMMARY.md `path` through the source stage (same
 * encodings, same checks), inside the folder `root` unless it is NULL.
 * An empty file says nothing: OCTAVO_OK with no text (*text NULL), and no
 * message; *text is the caller's. */
static octavo_status read_plan_file(const char *path, const char *root, char **text, size_t *len,
                                    octavo_diags *d)
{
    *text = NULL;
    *len = 0;
    octavo_source_list files;
    const char *paths[] = {path};
    octavo_status st = octavo_sources_read(
        paths, 1, &(octavo_read_options){.root = root, .list_only = true}, &files, d);
    if (st == OCTAVO_OK && files.count == 1) {
        octavo_diags local = OCTAVO_DIAGS_INIT;
        bool kept;
        st = octavo_source_load(&files.items[0], NULL, &kept, &local);
        /* ("has no text; left out of the book" is not news here.) */
        if (kept || local.errors)
            octavo_diags_move(d, &local);
        octavo_diags_free(&local);
        if (kept) {
            *text = files.items[0].text;
            *len = files.items[0].len;
            files.items[0].text = NULL;
        }
    }
    octavo_source_list_free(&files);
    return st;
}

/* A YAML (or JSON) file of keys and values, read within `inside`: its
 * root mapping in *root, or NULL (nothing to read, or an error said). */
static octavo_status read_mapping(const char *path, const char *inside, const char *not_mapping,
                                  octavo_yaml_node **root, octavo_plan *plan, octavo_diags *d)
{
    *root = NULL;
    char *text;
    size_t len;
    octavo_status st = read_plan_file(path, inside, &text, &len, d);
    if (st == OCTAVO_OK && text)
        st = octavo_yaml_load(text, len, path, 1, root, d);
    free(text);
    if (st != OCTAVO_OK || !*root || (*root)->kind == OCTAVO_YAML_MAPPING)
        return st;
    reader r = {plan, path, d, OCTAVO_OK};
    error_at(&r, *root, "%s", not_mapping);
    octavo_yaml_free(*root);
    *root = NULL;
    return r.status;
}

static octavo_status read_config(const char *path, const char *folder_root, octavo_plan *plan,
                                 octavo_diags *d)
{
    octavo_yaml_node *root;
    octavo_status st =
        read_mapping(path, folder_root, "book.yaml must be keys and values such as 'title: ...'",
                     &root, plan, d);
    if (st != OCTAVO_OK || !root)
        return st;
    reader r = {plan, path, d, OCTAVO_OK};
    static const struct {
        const char *key;
        size_t offset;
    } texts[] = {
        {"title", offsetof(octavo_plan, title)},
        {"subtitle", offsetof(octavo_plan, subtitle)},
        {"language", offsetof(octavo_plan, language)},
        {"lang", offsetof(octavo_plan, language)},
        {"identifier", offsetof(octavo_plan, identifier)},
        {"publisher", offsetof(octavo_plan, publisher)},
        {"date", offsetof(octavo_plan, date)},
        {"description", offsetof(octavo_plan, description)},
        {"rights", offsetof(octavo_plan, rights)},
        {"cover", offsetof(octavo_plan, cover)},
        {"theme", offsetof(octavo_plan, theme)},
        {"css", offsetof(octavo_plan, css)},
        {"convert", offsetof(octavo_plan, convert)},
        {"font", offsetof(octavo_plan, font)},
    };
    for (size_t i = 0; i + 1 < root->count; i += 2) {
        const char *key = root->items[i]->value;
        const octavo_yaml_node *v = root->items[i + 1];
        bool known = false;
        for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
            if (strcmp(key, texts[t].key) == 0) {
                known = true;
                if (!octavo_yaml_is_null(v))
                    text(&r, key, v, (char **)((char *)plan + texts[t].offset));
            }
        if (known)
            continue;
        if (strcmp(key, "author") == 0 || strcmp(key, "authors") == 0) {
            text_list(&r, key, v, &plan->authors);
        } else if (strcmp(key, "subjects") == 0 || strcmp(key, "tags") == 0) {
            text_list(&r, key, v, &plan->subjects);
        } else if (strcmp(key, "exclude") == 0) {
            text_list(&r, key, v, &plan->exclude);
        } else if (strcmp(key, "toc_depth") == 0) {
            char *end = NULL;
            long n = v->kind == OCTAVO_YAML_SCALAR ? strtol(v->value, &end, 10) : 0;
            if (!end || *end || n < 1 || n > 6)
                error_at(&r, v, "'%s' must be a number from 1 to 6", key);
            else
                plan->toc_depth = (int)n;
        } else if (strcmp(key, "toc_page") == 0) {
            bool on;
            if (read_bool(&r, key, v, &on))
                plan->no_toc_page = !on;
        } else if (strcmp(key, "captions") == 0) {
            read_bool(&r, key, v, &plan->captions);
        } else if (strcmp(key, "epubcheck") == 0) {
            read_bool(&r, key, v, &plan->epubcheck);
        } else if (strcmp(key, "vertical") == 0) {
            read_bool(&r, key, v, &plan->vertical);
        } else if (strcmp(key, "chapters") == 0) {
            read_chapters(&r, v, 0, false);
        } else {
            octavo_diag_add(d, OCTAVO_WARNING, path, root->items[i]->line, root->items[i]->col,
                            "unknown key '%s'; ignored", key);
        }
    }
    if (plan->language && !octavo_lang_is_valid(plan->language)) {
        const octavo_yaml_node *v = octavo_yaml_get(root, "language");
        if (!v)
            v = octavo_yaml_get(root, "lang");
        error_at(&r, v, "language '%s' is not a BCP 47 tag (such as zh-Hans, en)", plan->language);
    }
    /* A file listed twice would be two copies of one chapter. */
    for (size_t i = 0; i < plan->entry_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(plan->entries[i].file, plan->entries[j].file) == 0) {
                octavo_diag_add(d, OCTAVO_ERROR, path, plan->entries[i].line, plan->entries[i].col,
                                "'%s' is listed twice (first on line %u)", plan->entries[i].file,
                                plan->entries[j].line);
                r.status = OCTAVO_EINPUT;
                break;
            }
    octavo_yaml_free(root);
    return r.status;
}

/* ---- book.toml and book.json -------------------------------------------- */

/* A folder or file that book.toml or book.json names, as a path inside the
 * book's folder: "./docs/" -> "docs", "." -> "" (the folder itself).
 * NULL when it would lead out (absolute, or through ".."). */
static char *path_inside(const char *name)
{
    while (name[0] == '.' && name[1] == '/')
        name += 2;
    if (name[0] == '/')
        return NULL;
    size_t n = strlen(name);
    while (n && name[n - 1] == '/')
        n--;
    if (n == 1 && name[0] == '.')
        n = 0;
    char *path = octavo_xstrndup(name, n);
    for (const char *p = path; *p;) {
        size_t k = strcspn(p, "/");
        if (k == 2 && p[0] == '.' && p[1] == '.') {
            free(path);
            return NULL;
        }
        p += k;
        p += *p == '/';
    }
    return path;
}

/* Sets the folder the chapters are in, as `key` in `file` names it. */
static void set_chapters_folder(octavo_plan *plan, const char *folder, const char *name,
                                const char *file, const char *key, unsigned line, unsigned col,
                                octavo_status *st, octavo_diags *d)
{
    char *inner = path_inside(name);
    octavo_buf path = OCTAVO_BUF_INIT;
    if (inner)
        octavo_buf_printf(&path, "%s/%s", folder, inner);
    struct stat info;
    if (!inner || stat(octavo_buf_cstr(&path), &info) != 0 || !S_ISDIR(info.st_mode)) {
        octavo_diag_add(d, OCTAVO_ERROR, file, line, col,
                        "'%s' must be a folder inside the book's folder: '%s' is not", key, name);
        *st = OCTAVO_EINPUT;
        free(inner);
    } else if (*inner) {
        plan->chapters_folder = inner;
    } else {
        free(inner);
    }
    octavo_buf_free(&path);
}

/* Whether `lang` (from book.toml or book.json) can be the book's language;
 * an error at its line if not. */
static bool valid_language(const char *lang, const char *file, unsigned line, unsigned col,
                           octavo_status *st, octavo_diags *d)
{
    if (octavo_lang_is_valid(lang))
        return true;
    octavo_diag_add(d, OCTAVO_ERROR, file, line, col,
                    "language '%s' is not a BCP 47 tag (such as zh-Hans, en)", lang);
    *st = OCTAVO_EINPUT;
    return false;
}

/* mdBook's book.toml: [book] title, authors, language, description and
 * src (the chapters' folder, "src" by default). Only what book.yaml did
 * not say is taken; other keys and tables are mdBook's own. */
static octavo_status read_book_toml(const char *folder, const char *path, const char *inside,
                                    octavo_plan *plan, octavo_diags *d)
{
    char *text;
    size_t len;
    octavo_status st = read_plan_file(path, inside, &text, &len, d);
    octavo_toml t = {0};
    if (st == OCTAVO_OK && text)
        st = octavo_toml_parse(text, len, path, &t, d);
    free(text);
    /* Every wrong value is told, not only the first. */
    bool parsed = st == OCTAVO_OK;
    static const struct {
        const char *key;
        size_t offset;
    } texts[] = {
        {"book.title", offsetof(octavo_plan, title)},
        {"book.language", offsetof(octavo_plan, language)},
        {"book.description", offsetof(octavo_plan, description)},
    };
    for (size_t i = 0; parsed && i < sizeof texts / sizeof *texts; i++) {
        const octavo_toml_value *v = octavo_toml_get(&t, texts[i].key);
        char **field = (char **)((char *)plan + texts[i].offset);
        if (!v)
            continue;
        if (v->kind != OCTAVO_TOML_STRING) {
            octavo_diag_add(d, OCTAVO_ERROR, path, v->line, 0, "'%s' must be text", v->key);
            st = OCTAVO_EINPUT;
        } else if (!*field && !is_blank(v->string) &&
                   (field != &plan->language ||
                    valid_language(v->string, path, v->line, 0, &st, d))) {
            *field = octavo_xstrdup(v->string);
        }
    }
    const octavo_toml_value *authors = octavo_toml_get(&t, "book.authors");
    if (parsed && authors) {
        if (authors->kind != OCTAVO_TOML_STRINGS) {
            octavo_diag_add(d, OCTAVO_ERROR, path, authors->line, 0, "'%s' must be a list of text",
                            authors->key);
            st = OCTAVO_EINPUT;
        } else if (!plan->authors.count) {
            for (size_t i = 0; i < authors->strings.count; i++)
                if (!is_blank(authors->strings.items[i]))
                    octavo_strings_add_unique(&plan->authors, authors->strings.items[i]);
        }
    }
    const octavo_toml_value *src = octavo_toml_get(&t, "book.src");
    if (parsed && src && src->kind != OCTAVO_TOML_STRING) {
        octavo_diag_add(d, OCTAVO_ERROR, path, src->line, 0, "'%s' must be text", src->key);
        st = OCTAVO_EINPUT;
    } else if (parsed && src) {
        set_chapters_folder(plan, folder, src->string, path, "src", src->line, 0, &st, d);
    } else if (parsed) {
        octavo_buf dir = OCTAVO_BUF_INIT;
        octavo_buf_printf(&dir, "%s/src", folder);
        struct stat info;
        if (stat(octavo_buf_cstr(&dir), &info) == 0 && S_ISDIR(info.st_mode))
            plan->chapters_folder = octavo_xstrdup("src");
        octavo_buf_free(&dir);
    }
    octavo_toml_free(&t);
    return st;
}

/* GitBook's book.json: title, author, language, description, root (the
 * chapters' folder) and structure.summary. JSON is YAML to libyaml (tabs,
 * escapes and all), with YAML's limits on size and nesting. */
static octavo_status read_book_json(const char *folder, const char *path, const char *inside,
                                    octavo_plan *plan, char **summary, octavo_diags *d)
{
    octavo_yaml_node *root;
    octavo_status st = read_mapping(
        path, inside, "book.json must be an object such as {\"title\": \"...\"}", &root, plan, d);
    if (st != OCTAVO_OK || !root)
        return st;
    reader r = {plan, path, d, OCTAVO_OK};
    static const struct {
        const char *key;
        size_t offset;
    } texts[] = {
        {"title", offsetof(octavo_plan, title)},
        {"language", offsetof(octavo_plan, language)},
        {"description", offsetof(octavo_plan, description)},
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const octavo_yaml_node *v = octavo_yaml_get(root, texts[i].key);
        char **field = (char **)((char *)plan + texts[i].offset);
        if (v && !octavo_yaml_is_null(v) && !*field && text(&r, texts[i].key, v, field) &&
            field == &plan->language &&
            !valid_language(*field, path, v->line, v->col, &r.status, d)) {
            free(*field);
            *field = NULL;
        }
    }
    const octavo_yaml_node *author = octavo_yaml_get(root, "author");
    if (author && !octavo_yaml_is_null(author) && !plan->authors.count)
        text_list(&r, "author", author, &plan->authors);
    const octavo_yaml_node *at = octavo_yaml_get(root, "root");
    if (at && at->kind != OCTAVO_YAML_SCALAR)
        error_at(&r, at, "'%s' must be text", "root");
    else if (at)
        set_chapters_folder(plan, folder, at->value, path, "root", at->line, at->col, &r.status, d);
    const octavo_yaml_node *structure = octavo_yaml_get(root, "structure");
    const octavo_yaml_node *name = structure && structure->kind == OCTAVO_YAML_MAPPING
                                       ? octavo_yaml_get(structure, "summary")
                                       : NULL;
    if (name && name->kind == OCTAVO_YAML_SCALAR) {
        *summary = path_inside(name->value);
        if (!*summary || !**summary)
            error_at(&r, name, "'%s' must be a file inside the book's folder", "summary");
    } else if (name) {
        error_at(&r, name, "'%s' must be text", "summary");
    }
    octavo_yaml_free(root);
    return r.status;
}

/* ---- SUMMARY.md ----------------------------------------------------------- */

/* A paragraph of nothing but links (and the line ends between them):
 * mdBook's prefix and suffix chapters, written outside the list. */
static bool only_links(cmark_node *paragraph)
{
    for (cmark_node *n = cmark_node_first_child(paragraph); n; n = cmark_node_next(n)) {
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_TEXT) {
            const char *s = cmark_node_get_literal(n);
            if (s && !is_blank(s))
                return false;
        } else if (type != CMARK_NODE_LINK && type != CMARK_NODE_SOFTBREAK &&
                   type != CMARK_NODE_LINEBREAK) {
            return false;
        }
    }
    return true;
}

/* mdBook and GitBook: a heading starts a part (except a first "Summary"
 * title before any chapter), every link in a list item is a chapter in
 * order, nested under the chapter of the item it is listed in; a link
 * alone in a paragraph outside the list is a chapter in no part (mdBook's
 * prefix and suffix chapters); a link with no file is a draft, left out
 * (mdBook shows only its title, which a book cannot). `---` lines only
 * separate. File names are relative to `under` (NULL: the folder). */
static octavo_status read_summary(const char *path, const char *text, size_t len, const char *under,
                                  octavo_plan *plan, octavo_diags *d)
{
    cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
    size_t part = 0;
    bool first_heading = true;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_HEADING) {
            char *title = octavo_node_text(n);
            bool is_summary_title =
                first_heading && !plan->entry_count && cmark_node_get_heading_level(n) == 1;
            first_heading = false;
            if (!is_summary_title && *title) {
                octavo_strings_add(&plan->parts, title);
                part = plan->parts.count;
            }
            free(title);
        } else if (type == CMARK_NODE_LINK) {
            cmark_node *paragraph = cmark_node_parent(n);
            cmark_node *parent = cmark_node_parent(paragraph);
            bool outside_list = parent && cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT &&
                                cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH &&
                                only_links(paragraph);
            if (!outside_list && (!parent || cmark_node_get_type(parent) != CMARK_NODE_ITEM))
                continue; /* only links in the list, or alone, are chapters */
            const char *url = cmark_node_get_url(n);
            char *title = octavo_node_text(n);
            int line = cmark_node_get_start_line(n);
            if (!url || !*url) {
                octavo_diag_add(d, OCTAVO_INFO, path, (unsigned)line, 0,
                                "'%s' has no file (a draft); left out", title);
            } else if (strchr(url, ':')) {
                octavo_diag_add(d, OCTAVO_WARNING, path, (unsigned)line, 0,
                                "'%s' is not a file of the book; left out", url);
            } else {
                size_t keep = strcspn(url, "#?");
                char *name = octavo_url_decode(url, keep);
                octavo_buf file = OCTAVO_BUF_INIT;
                if (under)
                    octavo_buf_printf(&file, "%s/", under);
                octavo_buf_puts(&file, name);
                free(name);
                /* "usage.md#options" under "usage.md" is a section of that
                 * chapter, not a chapter again. */
                bool listed = false;
                for (size_t i = 0; i < plan->entry_count && !listed; i++)
                    listed = strcmp(plan->entries[i].file, octavo_buf_cstr(&file)) == 0;
                if (!listed) {
                    size_t in_part = outside_list ? 0 : part;
                    octavo_plan_entry *e =
                        add_entry(plan, octavo_buf_cstr(&file), *title ? title : NULL, in_part,
                                  (unsigned)line, 0);
                    /* Never deeper than one under the chapter before: a
                     * list that skips levels is still an outline. */
                    int depth = outside_list ? 0 : list_depth(parent);
                    int before =
                        plan->entry_count > 1 ? plan->entries[plan->entry_count - 2].depth : -1;
                    if (plan->entry_count > 1 &&
                        plan->entries[plan->entry_count - 2].part != in_part)
                        before = -1;
                    e->depth = depth > before + 1 ? before + 1 : depth;
                }
                octavo_buf_free(&file);
            }
            free(title);
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return OCTAVO_OK;
}

/* book.toml or book.json in `folder`, then the chapters' SUMMARY.md. */
static octavo_status read_project(const char *folder, const char *inside, octavo_plan *plan,
                                  octavo_diags *d)
{
    octavo_buf path = OCTAVO_BUF_INIT;
    char *summary_name = NULL;
    bool gitbook = false;
    octavo_status st = OCTAVO_OK;
    octavo_buf_printf(&path, "%s/book.toml", folder);
    if (octavo_file_exists(octavo_buf_cstr(&path))) {
        st = read_book_toml(folder, octavo_buf_cstr(&path), inside, plan, d);
    } else {
        octavo_buf_clear(&path);
        octavo_buf_printf(&path, "%s/book.json", folder);
        gitbook = octavo_file_exists(octavo_buf_cstr(&path));
        if (gitbook)
            st = read_book_json(folder, octavo_buf_cstr(&path), inside, plan, &summary_name, d);
    }
    const char *under = plan->chapters_folder;
    if (st == OCTAVO_OK && !plan->has_order) {
        octavo_buf_clear(&path);
        octavo_buf_printf(&path, "%s/%s%s%s", folder, under ? under : "", under ? "/" : "",
                          summary_name ? summary_name : "SUMMARY.md");
        if (octavo_file_exists(octavo_buf_cstr(&path))) {
            char *summary;
            size_t len;
            gitbook = true;
            st = read_plan_file(octavo_buf_cstr(&path), inside, &summary, &len, d);
            if (st == OCTAVO_OK && summary)
                st = read_summary(octavo_buf_cstr(&path), summary, len, under, plan, d);
            free(summary);
        }
    }
    /* GitBook's cover: cover.jpg in the chapters' folder or the book's. */
    for (int i = 0; st == OCTAVO_OK && gitbook && !plan->cover && i < 2; i++) {
        const char *in = i == 0 ? under : NULL;
        if (i == 0 && !in)
            continue;
        octavo_buf_clear(&path);
        octavo_buf_printf(&path, "%s/%s%scover.jpg", folder, in ? in : "", in ? "/" : "");
        if (octavo_file_exists(octavo_buf_cstr(&path)))
            plan->cover = octavo_xstrdup(octavo_buf_cstr(&path) + strlen(folder) + 1);
    }
    free(summary_name);
    octavo_buf_free(&path);
    return st;
}

octavo_status octavo_plan_load(const char *folder, const char *config, octavo_plan *plan,
                               octavo_diags *d)
{
    *plan = (octavo_plan){0};
    octavo_buf path = OCTAVO_BUF_INIT;
    /* book.yaml and SUMMARY.md come with the folder and must lie in it;
     * one that exists but cannot be read (a FIFO, a link leading out) is
     * an error, not left unread. --config names any file. */
    char *root = realpath(folder, NULL);
    const char *inside = root ? root : "/nonexistent";
    if (config) {
        octavo_buf_puts(&path, config);
        if (!octavo_file_exists(config)) {
            octavo_diag_add(d, OCTAVO_ERROR, config, 0, 0, "no such file");
            octavo_buf_free(&path);
            free(root);
            return OCTAVO_EINPUT;
        }
    } else {
        octavo_buf_printf(&path, "%s/book.yaml", folder);
        if (!octavo_file_exists(octavo_buf_cstr(&path)))
            octavo_buf_clear(&path);
    }
    octavo_status st = OCTAVO_OK;
    if (path.len) {
        plan->config_path = octavo_xstrdup(octavo_buf_cstr(&path));
        st = read_config(plan->config_path, config ? NULL : inside, plan, d);
    }
    if (st == OCTAVO_OK)
        st = read_project(folder, inside, plan, d);
    octavo_buf_free(&path);
    free(root);
    return st;
}

void octavo_plan_free(octavo_plan *plan)
{
    free(plan->config_path);
    free(plan->chapters_folder);
    char **texts[] = {&plan->title,     &plan->subtitle, &plan->language,    &plan->identifier,
                      &plan->publisher, &plan->date,     &plan->description, &plan->rights,
                      &plan->cover,     &plan->theme,    &plan->css,         &plan->convert,
                      &plan->font};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        free(*texts[i]);
    octavo_strings_free(&plan->authors);
    octavo_strings_free(&plan->subjects);
    octavo_strings_free(&plan->exclude);
    octavo_strings_free(&plan->parts);
    for (size_t i = 0; i < plan->entry_count; i++) {
        free(plan->entries[i].file);
        free(plan->entries[i].title);
        free(plan->entries[i].lang);
        free(plan->entries[i].encoding);
    }
    free(plan->entries);
    *plan = (octavo_plan){0};
}
