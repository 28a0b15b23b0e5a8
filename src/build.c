/* build.c — the pipeline behind octavo build, toc and init: plan,
 * sources, settings, understand, arrange, look (cover, stylesheet, font),
 * then render and package. */
#include "build.h"

#include "arrange.h"
#include "buf.h"
#include "check.h"
#include "convert.h"
#include "document.h"
#include "epubcheck.h"
#include "font.h"
#include "mem.h"
#include "package.h"
#include "parallel.h"
#include "plan.h"
#include "render.h"
#include "render_jobs.h"
#include "resources.h"
#include "settings.h"
#include "source.h"
#include "style.h"
#include "understand.h"

#include <libgen.h>
#include <limits.h>
#include <malloc.h>
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
        const char *real = sources->items[i].real;
        char *src = real ? NULL : realpath(sources->items[i].path, NULL);
        if ((real || src) && strcmp(real ? real : src, out) == 0) {
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

/* What book.yaml or SUMMARY.md says of the chapters one source became:
 * its part, and a title for the first of them. */
static void apply_plan_entry(octavo_book *book, size_t first, const octavo_plan_entry *e)
{
    for (size_t i = first; i < book->chapter_count; i++) {
        if (!book->chapters[i].part)
            book->chapters[i].part = e->part;
        book->chapters[i].depth = e->depth;
        if (e->lang) {
            free(book->chapters[i].lang);
            book->chapters[i].lang = octavo_xstrdup(e->lang);
        }
    }
    if (e->title && first < book->chapter_count) {
        octavo_chapter *c = &book->chapters[first];
        free(c->title);
        c->title = octavo_xstrdup(e->title);
        c->title_origin = "the book's plan";
    }
}

/* The font, with the glyphs of every character the pages use. */
static octavo_status embed_font(octavo_font *font, octavo_package *pkg, octavo_diags *d)
{
    for (size_t i = 0; i < pkg->count; i++)
        if (strcmp(pkg->items[i].media_type, "application/xhtml+xml") == 0)
            octavo_font_use_text(font, pkg->items[i].data, pkg->items[i].len);
    char *data;
    size_t len;
    octavo_status st = octavo_font_subset(font, &data, &len, d);
    if (st == OCTAVO_OK)
        octavo_package_add(pkg, octavo_font_path(font), "font", octavo_font_media_type(font), data,
                           len);
    return st;
}

void octavo_made_book_free(octavo_made_book *m)
{
    free(m->from.first);
    free(m->from.count);
    free(m->from.forgotten);
    for (size_t i = 0; m->from.plans && i < m->sources.count; i++)
        octavo_novel_plan_free(m->from.plans[i]);
    free(m->from.plans);
    octavo_buf_free(&m->stylesheet);
    octavo_font_free(m->font);
    octavo_book_free(&m->book);
    octavo_settings_free(&m->settings);
    octavo_source_list_free(&m->sources);
    octavo_plan_free(&m->plan);
}

/* Each source understood into a book of its own, on every core. */
typedef struct understand_job {
    const octavo_settings *settings;
    octavo_source_list *sources;
    octavo_book *books;
    octavo_diags *diags;
    octavo_status *status;
    bool *kept;         /* the file has text */
    const bool *forget; /* per source: free the chapters' trees once understood */
    const bool *slice;  /* per source: a novel is understood and forgotten in slices */
    octavo_novel_plan **plans;
    bool no_info; /* as the build's messages */
} understand_job;

/* Reads a source and understands it: its text is in memory only while
 * one of the cores works on it. */
static void understand_one(void *ctx, size_t i, unsigned thread)
{
    (void)thread;
    understand_job *job = ctx;
    octavo_source *s = &job->sources->items[i];
    octavo_book *book = &job->books[i];
    octavo_diags *d = &job->diags[i];
    *d = (octavo_diags)OCTAVO_DIAGS_INIT;
    d->no_info = job->no_info;
    job->status[i] = octavo_source_load(s, job->settings->encoding, &job->kept[i], d);
    if (!job->kept[i])
        return;
    octavo_diag_add(d, OCTAVO_INFO, s->path, 0, 0, "read %zu bytes, encoding %s", s->len,
                    s->encoding);
    job->status[i] =
        octavo_understand_novel(s, octavo_settings_format(job->settings, s), book, job->slice[i],
                                job->slice[i] ? &job->plans[i] : NULL, d);
    if (!job->plans[i]) { /* (a novel's slices are made again from it) */
        free(s->text);    /* the chapters hold what they need of it */
        s->text = NULL;
    }
    octavo_book_fit(book, 0); /* (kept until every source is understood) */
    if (job->forget[i])       /* (arranging needs only what was found in them) */
        for (size_t c = 0; c < book->chapter_count; c++)
            octavo_chapter_free_body(&book->chapters[c]);
}

/* The chapters of every source, in the sources' order, with what the
 * book's plan says of them. Goes on after a bad file, to report every bad
 * file at once. */
static octavo_status understand_sources(octavo_made_book *m, bool may_forget, octavo_diags *d)
{
    size_t n = m->sources.count;
    bool low = may_forget && m->settings.low_memory;
    m->from.first = octavo_xcalloc(n + 1, sizeof *m->from.first);
    m->from.count = octavo_xcalloc(n + 1, sizeof *m->from.count);
    m->from.forgotten = octavo_xcalloc(n + 1, sizeof *m->from.forgotten);
    m->from.plans = octavo_xcalloc(n + 1, sizeof *m->from.plans);
    /* A large source, made again whole, would be rendered on one core:
     * only smaller ones are forgotten whole; a large novel is forgotten a
     * slice (chapter) at a time. */
    bool *slice = octavo_xcalloc(n + 1, sizeof *slice);
    for (size_t i = 0; low && i < n; i++) {
        bool small = m->sources.items[i].file_bytes <= OCTAVO_LOW_MEMORY_SOURCE;
        m->from.any_forgotten |= m->from.forgotten[i] = small;
        slice[i] = !small;
    }
    understand_job job = {&m->settings,
                          &m->sources,
                          octavo_xcalloc(n + 1, sizeof *job.books),
                          octavo_xcalloc(n + 1, sizeof *job.diags),
                          octavo_xcalloc(n + 1, sizeof *job.status),
                          octavo_xcalloc(n + 1, sizeof *job.kept),
                          m->from.forgotten,
                          slice,
                          m->from.plans,
                          d->no_info};
    octavo_understand_prepare();
    octavo_parallel_for(n, m->settings.threads, understand_one, &job, NULL, NULL);
    octavo_status st = OCTAVO_OK;
    bool any_text = false;
    size_t chapters = m->book.chapter_count;
    for (size_t i = 0; i < n; i++)
        chapters += job.books[i].chapter_count;
    octavo_book_fit(&m->book, chapters);
    for (size_t i = 0; i < n; i++) {
        const octavo_source *s = &m->sources.items[i];
        octavo_diags_move(d, &job.diags[i]);
        size_t first = m->book.chapter_count;
        octavo_book_take(&m->book, &job.books[i]);
        m->from.first[i] = first;
        m->from.count[i] = m->book.chapter_count - first;
        if (job.status[i] != OCTAVO_OK) {
            st = job.status[i] == OCTAVO_EIO ? OCTAVO_EIO : OCTAVO_EINPUT;
        } else if (job.kept[i]) {
            any_text = true;
            if (s->mtime > m->sources.newest_mtime)
                m->sources.newest_mtime = s->mtime;
            if (s->plan_entry)
                apply_plan_entry(&m->book, first, &m->plan.entries[s->plan_entry - 1]);
        }
    }
    if (st == OCTAVO_OK && !any_text) {
        octavo_diag_add(d, OCTAVO_ERROR, m->sources.nothing_where, 0, 0,
                        "nothing to make a book from: %s", m->sources.nothing_why);
        st = OCTAVO_EINPUT;
    }
    for (size_t i = 0; i < n; i++)
        m->from.any_forgotten |= m->from.plans[i] != NULL;
    free(slice);
    free(job.books);
    free(job.diags);
    free(job.status);
    free(job.kept);
    return st;
}

/* With `may_forget`, the chapters' trees may be freed once understood
 * (see low_memory): only a build, which makes them again, allows it. */
octavo_status octavo_make_book(const octavo_build_options *opts, bool may_forget,
                               octavo_made_book *m, octavo_diags *d)
{
    *m = (octavo_made_book){0};
    /* One folder (or none: the current one) may say how it is a book. */
    const char *folder = NULL;
    struct stat source_info;
    if (opts->source_count == 0)
        folder = ".";
    else if (opts->source_count == 1 && stat(opts->sources[0], &source_info) == 0 &&
             S_ISDIR(source_info.st_mode))
        folder = opts->sources[0];
    octavo_status st = OCTAVO_OK;
    if (folder || opts->config) {
        char *config_dir = opts->config ? octavo_xstrdup(opts->config) : NULL;
        st = octavo_plan_load(folder ? folder : dirname(config_dir), opts->config, &m->plan, d);
        free(config_dir);
    }
    /* The files are listed here and read while being understood. */
    octavo_read_options how = {
        .encoding = opts->encoding, .threads = octavo_settings_threads(opts), .list_only = true};
    if (folder && m->plan.has_order) {
        /* Even after errors in book.yaml: report missing files too. */
        octavo_listed_file *listed =
            octavo_xcalloc(m->plan.entry_count ? m->plan.entry_count : 1, sizeof *listed);
        for (size_t i = 0; i < m->plan.entry_count; i++) {
            const octavo_plan_entry *e = &m->plan.entries[i];
            listed[i] = (octavo_listed_file){e->file, e->encoding, e->line, e->col};
        }
        octavo_status read = octavo_sources_read_listed(
            folder, m->plan.config_path ? m->plan.config_path : "SUMMARY.md", listed,
            m->plan.entry_count, &how, &m->sources, d);
        free(listed);
        if (st == OCTAVO_OK)
            st = read;
    } else if (st == OCTAVO_OK) {
        if (folder && m->plan.chapters_folder) {
            /* An mdBook without SUMMARY.md: every file of its src/, the
             * book named after the project. */
            octavo_buf inner = OCTAVO_BUF_INIT;
            octavo_buf_printf(&inner, "%s/%s", folder, m->plan.chapters_folder);
            st = octavo_sources_read_folder(octavo_buf_cstr(&inner), &m->plan.exclude, &how,
                                            &m->sources, d);
            octavo_buf_free(&inner);
            free(m->sources.folder_name);
            m->sources.folder_name = octavo_folder_display_name(folder);
        } else if (folder)
            st = octavo_sources_read_folder(folder, &m->plan.exclude, &how, &m->sources, d);
        else
            st = octavo_sources_read(opts->sources, opts->source_count, &how, &m->sources, d);
    }
    if (!m->sources.folder_name)
        m->sources.folder_name = octavo_xstrdup("book");
    octavo_settings_resolve(opts, &m->plan, folder, &m->sources, &m->settings);
    const octavo_settings *s = &m->settings;
    if (s->progress)
        s->progress(s->progress_ctx, "read", m->sources.count, m->sources.count);
    if (st == OCTAVO_OK && output_is_a_source(s->output, &m->sources, d))
        st = OCTAVO_EINPUT;

    for (size_t i = 0; i < m->plan.parts.count; i++)
        octavo_book_add_part(&m->book, m->plan.parts.items[i]);
    if (st == OCTAVO_OK)
        st = understand_sources(m, may_forget, d);

    if (st == OCTAVO_OK)
        octavo_collect_images(&m->book, d);

    if (st == OCTAVO_OK) {
        octavo_arrange_options arrange = s->arrange;
        arrange.modified = octavo_settings_modified(s, &m->sources);
        st = octavo_arrange(&m->book, &arrange, d);
        /* After arrange: ids and links were made from the text as written. */
        if (st == OCTAVO_OK && s->convert)
            st = octavo_convert_book(&m->book, s->convert, s->convert_named_in, d);
        /* A cover: the one given, else a made one, unless --no-cover. */
        if (st == OCTAVO_OK && s->cover.path)
            st = octavo_add_cover(&m->book, s->cover.path, s->cover.root, s->cover.named_in, d);
        else if (st == OCTAVO_OK && !s->no_cover)
            octavo_make_cover(&m->book);
        m->book.vertical = s->render.vertical;
        if (st == OCTAVO_OK)
            st = octavo_make_stylesheet(s->theme, s->render.vertical, s->css.path, s->css.root,
                                        s->css.named_in, &m->stylesheet, d);
        if (st == OCTAVO_OK && s->font.path)
            st = octavo_font_open(s->font.path, s->font.root, s->font.named_in, &m->font, d);
        if (st == OCTAVO_OK && m->font)
            octavo_font_css(m->font, &m->stylesheet);
    }
    return st;
}

octavo_status octavo_build(const octavo_build_options *opts, octavo_build_result *result,
                           octavo_diags *d)
{
    *result = (octavo_build_result){0};
    size_t first_message = d->count;
    octavo_made_book m;
    octavo_status st = octavo_make_book(opts, true, &m, d);
    const octavo_settings *s = &m.settings;
    octavo_page_sources pages = {0};
    char *staged = NULL; /* where the book waits for epubcheck */
    if (st == OCTAVO_OK) {
        octavo_package pkg = {0};
        unsigned threads = s->threads;
        octavo_page_handling handling = {.deflaters =
                                             octavo_xcalloc(threads, sizeof *handling.deflaters),
                                         .scan = s->check,
                                         .keep_text = m.font != NULL};
        for (unsigned t = 0; t < threads; t++)
            handling.deflaters[t] = octavo_deflater_new(s->compression);
        if (handling.scan) {
            handling.names = octavo_xcalloc(threads, sizeof *handling.names);
            for (unsigned t = 0; t < threads; t++)
                handling.names[t] = octavo_check_names_new();
        }
        /* (Without a spool file, the pages stay in memory.) */
        if (m.from.any_forgotten)
            handling.spool = octavo_spool_new();
        /* One highlighter for the build: each thread reads a language once. */
        m.settings.render.highlighter = octavo_highlighter_new();
        st = octavo_render_book(&m.book, s, &m.stylesheet, &m.sources, &m.from, &handling, &pkg,
                                s->epubcheck ? &pages : NULL, d);
        octavo_highlighter_free(m.settings.render.highlighter);
        m.settings.render.highlighter = NULL;
        for (unsigned t = 0; t < threads; t++)
            octavo_deflater_free(handling.deflaters[t]);
        free(handling.deflaters);
        for (unsigned t = 0; handling.names && t < threads; t++)
            octavo_check_names_free(handling.names[t]);
        free(handling.names);
        for (size_t i = 0; i < m.sources.count; i++)
            if (m.from.plans[i]) { /* (the novel's text was kept for its slices) */
                octavo_novel_plan_free(m.from.plans[i]);
                m.from.plans[i] = NULL;
                free(m.sources.items[i].text);
                m.sources.items[i].text = NULL;
            }
#ifdef __GLIBC__
        malloc_trim(0); /* what the workers' arenas freed, back before the zip is written */
#endif
        if (st == OCTAVO_OK && m.font)
            st = embed_font(m.font, &pkg, d);
        if (st != OCTAVO_OK) {
            /* a source changed, or the font could not be made */
        } else if (s->strict && d->warnings) {
            octavo_diag_add(d, OCTAVO_ERROR, s->output, 0, 0,
                            "not written: %zu warning%s and --strict", d->warnings,
                            d->warnings == 1 ? "" : "s");
            st = OCTAVO_EINPUT;
        } else {
            char *opf;
            size_t opf_len;
            octavo_render_opf(&m.book, &pkg, &opf, &opf_len);
            if (s->progress) {
                size_t bytes = opf_len;
                for (size_t i = 0; i < pkg.count; i++)
                    bytes += pkg.items[i].len;
                s->progress(s->progress_ctx, "write", 0, bytes);
            }
            octavo_package_compress(&pkg, s->compression, threads);
            staged = s->epubcheck ? octavo_epubcheck_staging_name(s->output) : NULL;
            st = octavo_package_write(&m.book, &pkg, opf, opf_len, staged ? staged : s->output,
                                      s->compression, s->check, threads, d);
            free(opf);
        }
        octavo_package_free(&pkg);
        octavo_spool_free(handling.spool); /* (read by the zip until now) */
    }
    if (st == OCTAVO_OK && staged)
        st = octavo_epubcheck_publish(staged, s->output, &pages, d);
    if (st == OCTAVO_OK) {
        struct stat info;
        result->output = m.settings.output;
        m.settings.output = NULL;
        result->chapter_count = m.book.chapter_count;
        result->bytes = stat(result->output, &info) == 0 ? (size_t)info.st_size : 0;
        octavo_diag_add(d, OCTAVO_INFO, result->output, 0, 0, "%zu bytes", result->bytes);
    }
    free(staged);
    octavo_page_sources_free(&pages);
    octavo_sources_fix_lines(&m.sources, d, first_message);
    octavo_made_book_free(&m);
    return st;
}

void octavo_build_result_free(octavo_build_result *result)
{
    free(result->output);
    *result = (octavo_build_result){0};
}
