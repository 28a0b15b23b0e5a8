#include "octavo/build.h"

#include "octavo/arrange.h"
#include "octavo/buf.h"
#include "octavo/document.h"
#include "octavo/mem.h"
#include "octavo/nav.h"
#include "octavo/package.h"
#include "octavo/plan.h"
#include "octavo/render.h"
#include "octavo/resources.h"
#include "octavo/source.h"
#include "octavo/templates.h"
#include "octavo/understand.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* realpath() for a file that may not exist yet: its folder resolved, then
 * its name. NULL when the folder does not exist. */
static char *resolve_output(const char *path)
{
    char *copy_dir = octavo_xstrdup(path), *copy_base = octavo_xstrdup(path);
    char *dir = realpath(dirname(copy_dir), NULL);
    char *result = NULL;
    if (dir) {
        octavo_buf b = OCTAVO_BUF_INIT;
        octavo_buf_printf(&b, "%s/%s", dir, basename(copy_base));
        result = octavo_buf_detach(&b);
    }
    free(dir);
    free(copy_dir);
    free(copy_base);
    return result;
}

static bool output_is_a_source(const char *output, const octavo_source_list *sources,
                               octavo_diags *d)
{
    char *out = resolve_output(output);
    bool clash = false;
    for (size_t i = 0; out && i < sources->count && !clash; i++) {
        char *src = realpath(sources->items[i].path, NULL);
        if (src && strcmp(src, out) == 0) {
            octavo_diag_add(d, OCTAVO_ERROR, output, 0, 0,
                            "the output would overwrite the source file %s",
                            sources->items[i].path);
            clash = true;
        }
        free(src);
    }
    free(out);
    return clash;
}

static octavo_format_choice format_named(const char *name)
{
    if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        return OCTAVO_FORMAT_FORCE_MARKDOWN;
    if (strcmp(name, "plain") == 0 || strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
        return OCTAVO_FORMAT_FORCE_PLAIN;
    return OCTAVO_FORMAT_AUTO;
}

bool octavo_format_option_is_valid(const char *value)
{
    const char *eq = strrchr(value, '=');
    return format_named(eq ? eq + 1 : value) != OCTAVO_FORMAT_AUTO && (!eq || eq != value);
}

/* The --format that applies to a source: the last one naming it (by the
 * path given or its file name), else the last one without a name. */
static octavo_format_choice format_for(const octavo_build_options *opts, const octavo_source *s)
{
    octavo_format_choice all = OCTAVO_FORMAT_AUTO, mine = OCTAVO_FORMAT_AUTO;
    for (size_t i = 0; i < opts->format_count; i++) {
        const char *v = opts->formats[i], *eq = strrchr(v, '=');
        if (!eq) {
            all = format_named(v);
            continue;
        }
        size_t n = (size_t)(eq - v);
        if ((strlen(s->path) == n && strncmp(s->path, v, n) == 0) ||
            (strlen(s->name) == n && strncmp(s->name, v, n) == 0))
            mine = format_named(eq + 1);
    }
    return mine != OCTAVO_FORMAT_AUTO ? mine : all;
}

/* What book.yaml or SUMMARY.md says of the chapters one source became:
 * its part, and a title for the first of them. */
static void apply_plan_entry(octavo_book *book, size_t first, const octavo_plan_entry *e)
{
    for (size_t i = first; i < book->chapter_count; i++)
        if (!book->chapters[i].part)
            book->chapters[i].part = e->part;
    if (e->title && first < book->chapter_count) {
        octavo_chapter *c = &book->chapters[first];
        free(c->title);
        c->title = octavo_xstrdup(e->title);
        c->title_origin = "the book's plan";
    }
}

static void render_book(const octavo_book *book, int toc_depth,
                        const octavo_render_options *render, octavo_package *pkg,
                        octavo_diags *d)
{
    char *data;
    size_t len;
    /* Reading order: cover, title page, contents, chapters. */
    if (book->cover) {
        octavo_render_cover_page(book, &data, &len);
        octavo_package_add(pkg, "text/cover.xhtml", "cover", "application/xhtml+xml", data,
                           len)
            ->in_spine = true;
    }
    octavo_render_title_page(book, &data, &len);
    octavo_package_add(pkg, "text/titlepage.xhtml", "titlepage", "application/xhtml+xml", data,
                       len)
        ->in_spine = true;
    octavo_render_nav(book, toc_depth, &data, &len);
    octavo_resource *nav = octavo_package_add(pkg, "nav.xhtml", "nav", "application/xhtml+xml",
                                              data, len);
    nav->properties = "nav";
    nav->in_spine = true;
    octavo_render_ncx(book, toc_depth, &data, &len);
    octavo_package_add(pkg, "toc.ncx", "ncx", "application/x-dtbncx+xml", data, len);
    octavo_package_add(pkg, "styles/book.css", "css", "text/css",
                       octavo_xstrndup((const char *)octavo_template_book_css,
                                       octavo_template_book_css_len),
                       octavo_template_book_css_len);
    size_t part = 0;
    for (size_t i = 0; i < book->chapter_count; i++) {
        const octavo_chapter *c = &book->chapters[i];
        if (c->part && c->part != part) {
            part = c->part;
            const octavo_part *p = &book->parts[part - 1];
            octavo_render_part(book, p, &data, &len);
            octavo_package_add(pkg, p->file_name, p->id, "application/xhtml+xml", data, len)
                ->in_spine = true;
        }
        octavo_render_chapter(book, c, render, &data, &len, d);
        octavo_package_add(pkg, c->file_name, c->id, "application/xhtml+xml", data, len)
            ->in_spine = true;
    }
    for (size_t i = 0; i < book->image_count; i++) {
        const octavo_image *img = &book->images[i];
        octavo_resource *r = octavo_package_add(pkg, img->path, img->id, img->media_type,
                                                octavo_xstrndup(img->data, img->len), img->len);
        if (book->cover == i + 1)
            r->properties = "cover-image";
    }
}

octavo_status octavo_build(const octavo_build_options *opts, octavo_build_result *result,
                           octavo_diags *d)
{
    *result = (octavo_build_result){0};
    /* One folder (or none: the current one) may say how it is a book. */
    const char *folder = NULL;
    struct stat source_info;
    if (opts->source_count == 0)
        folder = ".";
    else if (opts->source_count == 1 && stat(opts->sources[0], &source_info) == 0 &&
             S_ISDIR(source_info.st_mode))
        folder = opts->sources[0];
    octavo_plan plan = {0};
    octavo_status st = OCTAVO_OK;
    if (folder || opts->config) {
        char *config_dir = opts->config ? octavo_xstrdup(opts->config) : NULL;
        st = octavo_plan_load(folder ? folder : dirname(config_dir), opts->config, &plan, d);
        free(config_dir);
    }
    octavo_source_list sources = {0};
    if (folder && plan.has_order) {
        /* Even after errors in book.yaml: report missing files too. */
        octavo_status read = octavo_sources_read_planned(folder, &plan, opts->encoding,
                                                         &sources, d);
        if (st == OCTAVO_OK)
            st = read;
    } else if (st == OCTAVO_OK) {
        if (folder)
            st = octavo_sources_read_folder(folder, &plan, opts->encoding, &sources, d);
        else
            st = octavo_sources_read(opts->sources, opts->source_count, opts->encoding,
                                     &sources, d);
    }
    if (!sources.folder_name)
        sources.folder_name = octavo_xstrdup("book");
    char *output = NULL;
    if (st == OCTAVO_OK) {
        if (opts->output) {
            output = octavo_xstrdup(opts->output);
        } else {
            octavo_buf b = OCTAVO_BUF_INIT;
            octavo_buf_printf(&b, "%s.epub", sources.folder_name);
            output = octavo_buf_detach(&b);
        }
        if (output_is_a_source(output, &sources, d))
            st = OCTAVO_EINPUT;
    }

    octavo_book book = {0};
    for (size_t i = 0; i < plan.parts.count; i++)
        octavo_book_add_part(&book, plan.parts.items[i]);
    bool understood = st == OCTAVO_OK;
    for (size_t i = 0; understood && i < sources.count; i++) {
        const octavo_source *s = &sources.items[i];
        octavo_diag_add(d, OCTAVO_INFO, s->path, 0, 0, "read %zu bytes, encoding %s", s->len,
                        s->encoding);
        size_t first = book.chapter_count;
        /* Keep going after a bad file: report every bad file at once. */
        if (octavo_understand(s, format_for(opts, s), &book, d) != OCTAVO_OK)
            st = OCTAVO_EINPUT;
        else if (s->plan_entry)
            apply_plan_entry(&book, first, &plan.entries[s->plan_entry - 1]);
    }

    if (st == OCTAVO_OK)
        octavo_collect_images(&book, d);

    if (st == OCTAVO_OK) {
        /* The command line wins over book.yaml, which wins over the text. */
        bool cli_authors = opts->author_count > 0;
        octavo_arrange_options arrange = {
            .title = opts->title ? opts->title : plan.title,
            .authors = cli_authors ? opts->authors : (const char *const *)plan.authors.items,
            .author_count = cli_authors ? opts->author_count : plan.authors.count,
            .lang = opts->lang ? opts->lang : plan.language,
            .identifier = opts->identifier ? opts->identifier : plan.identifier,
            .fallback_title = sources.folder_name,
            .modified = opts->source_date_epoch >= 0 ? (time_t)opts->source_date_epoch
                                                     : sources.newest_mtime,
        };
        char **given[] = {&book.subtitle, &book.publisher, &book.rights, &book.description,
                          &book.date};
        const char *from_plan[] = {plan.subtitle, plan.publisher, plan.rights, plan.description,
                                   plan.date};
        for (size_t i = 0; i < sizeof given / sizeof *given; i++)
            if (from_plan[i] && *from_plan[i])
                *given[i] = octavo_xstrdup(from_plan[i]);
        for (size_t i = 0; i < plan.subjects.count; i++)
            octavo_strings_add_unique(&book.subjects, plan.subjects.items[i]);
        st = octavo_arrange(&book, &arrange, d);
        /* A cover: the one given (command line, then book.yaml), else a
         * made one, unless --no-cover. */
        if (st == OCTAVO_OK && opts->cover) {
            st = octavo_add_cover(&book, opts->cover, NULL, "--cover", d);
        } else if (st == OCTAVO_OK && plan.cover && *plan.cover) {
            char *root = realpath(folder ? folder : ".", NULL);
            octavo_buf path = OCTAVO_BUF_INIT;
            octavo_buf_printf(&path, "%s/%s", folder ? folder : ".", plan.cover);
            st = octavo_add_cover(&book, octavo_buf_cstr(&path), root,
                                  plan.config_path ? plan.config_path : "book.yaml", d);
            octavo_buf_free(&path);
            free(root);
        } else if (st == OCTAVO_OK && !opts->no_cover) {
            octavo_make_cover(&book);
        }
    }

    if (st == OCTAVO_OK) {
        int depth = opts->toc_depth > 0  ? opts->toc_depth
                    : plan.toc_depth > 0 ? plan.toc_depth
                                         : OCTAVO_TOC_DEPTH_DEFAULT;
        int level = opts->compression > 0 ? opts->compression : OCTAVO_COMPRESSION_DEFAULT;
        octavo_package pkg = {0};
        octavo_render_options render = {.captions = opts->captions};
        render_book(&book, depth, &render, &pkg, d);
        if (opts->strict && d->warnings) {
            octavo_diag_add(d, OCTAVO_ERROR, output, 0, 0,
                            "not written: %zu warning%s and --strict", d->warnings,
                            d->warnings == 1 ? "" : "s");
            st = OCTAVO_EINPUT;
        } else {
            char *opf;
            size_t opf_len;
            octavo_render_opf(&book, &pkg, &opf, &opf_len);
            st = octavo_package_write(&book, &pkg, opf, opf_len, output, level, d);
            free(opf);
        }
        octavo_package_free(&pkg);
    }

    if (st == OCTAVO_OK) {
        struct stat info;
        result->output = output;
        output = NULL;
        result->chapter_count = book.chapter_count;
        result->bytes = stat(result->output, &info) == 0 ? (size_t)info.st_size : 0;
        octavo_diag_add(d, OCTAVO_INFO, result->output, 0, 0, "%zu bytes", result->bytes);
    }
    free(output);
    octavo_book_free(&book);
    octavo_source_list_free(&sources);
    octavo_plan_free(&plan);
    return st;
}

void octavo_build_result_free(octavo_build_result *result)
{
    free(result->output);
    *result = (octavo_build_result){0};
}
