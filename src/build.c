#include "octavo/build.h"

#include "octavo/arrange.h"
#include "octavo/buf.h"
#include "octavo/document.h"
#include "octavo/mem.h"
#include "octavo/nav.h"
#include "octavo/package.h"
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

static void render_book(const octavo_book *book, int toc_depth,
                        const octavo_render_options *render, octavo_package *pkg,
                        octavo_diags *d)
{
    char *data;
    size_t len;
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
        octavo_package_add(pkg, img->path, img->id, img->media_type,
                           octavo_xstrndup(img->data, img->len), img->len);
    }
}

octavo_status octavo_build(const octavo_build_options *opts, octavo_build_result *result,
                           octavo_diags *d)
{
    *result = (octavo_build_result){0};
    octavo_source_list sources;
    octavo_status st = octavo_sources_read(opts->sources, opts->source_count, opts->encoding,
                                           &sources, d);
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
    bool understood = st == OCTAVO_OK;
    for (size_t i = 0; understood && i < sources.count; i++) {
        const octavo_source *s = &sources.items[i];
        octavo_diag_add(d, OCTAVO_INFO, s->path, 0, 0, "read %zu bytes, encoding %s", s->len,
                        s->encoding);
        /* Keep going after a bad file: report every bad file at once. */
        if (octavo_understand(s, format_for(opts, s), &book, d) != OCTAVO_OK)
            st = OCTAVO_EINPUT;
    }

    if (st == OCTAVO_OK)
        octavo_collect_images(&book, d);

    if (st == OCTAVO_OK) {
        octavo_arrange_options arrange = {
            .title = opts->title,
            .authors = opts->authors,
            .author_count = opts->author_count,
            .lang = opts->lang,
            .identifier = opts->identifier,
            .fallback_title = sources.folder_name,
            .modified = opts->source_date_epoch >= 0 ? (time_t)opts->source_date_epoch
                                                     : sources.newest_mtime,
        };
        st = octavo_arrange(&book, &arrange, d);
    }

    if (st == OCTAVO_OK) {
        int depth = opts->toc_depth > 0 ? opts->toc_depth : OCTAVO_TOC_DEPTH_DEFAULT;
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
    return st;
}

void octavo_build_result_free(octavo_build_result *result)
{
    free(result->output);
    *result = (octavo_build_result){0};
}
