#include "build.h"

#include "arrange.h"
#include "buf.h"
#include "check.h"
#include "convert.h"
#include "document.h"
#include "epubcheck.h"
#include "file.h"
#include "font.h"
#include "mem.h"
#include "nav.h"
#include "package.h"
#include "parallel.h"
#include "plan.h"
#include "render.h"
#include "resources.h"
#include "sanitize.h"
#include "source.h"
#include "style.h"
#include "templates.h"
#include "text.h"
#include "understand.h"

#include <errno.h>
#include <libgen.h>
#include <libxml/parser.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

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

/* A page made on one of the cores (in file.data, or deflated and maybe
 * spooled, with its facts for the check), with what rendering it said. */
typedef struct rendered_page {
    octavo_resource file; /* only its contents: data, deflated, facts, spool */
    octavo_line_map lines;
    octavo_diags diags;
} rendered_page;

/* What becomes of a chapter page once made: compressed at once (and
 * spooled, with --low-memory), read by the check, and dropped unless a
 * font needs its characters. */
typedef struct page_handling {
    octavo_deflater **deflaters; /* one per thread */
    bool scan;                   /* for the self-check */
    bool keep_text;              /* for the font */
    octavo_spool *spool;         /* or NULL */
} page_handling;

/* The chapters' pages, then the contents (nav) and the NCX, which take
 * as long as a few chapters and are made alongside them. The chapters
 * are shared out in units: one chapter each, or, when their trees were
 * freed to save memory (`again`), the chapters of one source, which is
 * read and understood again to render them. */
typedef struct render_job {
    octavo_book *book;
    const octavo_render_options *options;
    int toc_depth;
    bool toc_page;
    rendered_page *pages; /* chapter_count + 2 */
    bool map_lines;
    const octavo_build_options *opts;
    size_t units;
    size_t *unit_first, *unit_count; /* chapters of each unit */
    octavo_source **again;           /* per unit: the source to read again, or NULL */
    const octavo_novel_plan **plan;  /* per unit: ...or to make a slice of again */
    size_t *slice;
    bool *failed; /* per unit: the source changed meanwhile */
    const page_handling *handling;
} render_job;

/* `file_name` is the page's, relative to the package; `is_page` false
 * for the NCX, which the check only needs to know is well-formed. */
static void finish_page(const page_handling *h, unsigned thread, const char *file_name,
                        bool is_page, rendered_page *page)
{
    octavo_resource *f = &page->file;
    if (h->scan) {
        octavo_buf name = OCTAVO_BUF_INIT;
        octavo_buf_printf(&name, "EPUB/%s", file_name);
        f->facts = is_page ? octavo_check_scan_page(octavo_buf_cstr(&name), f->data, f->len)
                           : octavo_check_scan_xml(octavo_buf_cstr(&name), f->data, f->len);
        octavo_buf_free(&name);
    }
    if (!h->deflaters || !h->deflaters[thread])
        return;
    octavo_resource_deflate(h->deflaters[thread], f);
    if (!f->deflated || (h->keep_text && is_page))
        return;
    if (h->spool && !octavo_spool_put(h->spool, f))
        return; /* (kept in memory then) */
    free(f->data);
    f->data = NULL;
}

/* Gives the chapters first.. of a unit their trees back from its source. */
static bool remake_trees(render_job *job, size_t unit)
{
    octavo_source *s = job->again[unit];
    size_t first = job->unit_first[unit], count = job->unit_count[unit];
    octavo_diags quiet = OCTAVO_DIAGS_INIT; /* all said the first time */
    octavo_book fresh = {0};
    bool same;
    if (job->plan[unit]) { /* a slice of a novel, from its text in memory */
        octavo_understand_again(s, job->plan[unit], job->slice[unit], &fresh);
        same = fresh.chapter_count == count;
    } else {
        bool kept;
        same = octavo_source_load(s, job->opts->encoding, &kept, &quiet) == OCTAVO_OK && kept &&
               octavo_understand(s, format_for(job->opts, s), &fresh, &quiet) == OCTAVO_OK &&
               fresh.chapter_count == count;
    }
    for (size_t j = 0; same && j < count; j++)
        same = octavo_chapter_take_body(&job->book->chapters[first + j], &fresh.chapters[j]);
    if (!job->plan[unit]) {
        free(s->text);
        s->text = NULL;
    }
    octavo_book_free(&fresh);
    octavo_diags_free(&quiet);
    return same;
}

static void render_one(void *ctx, size_t u, unsigned thread)
{
    render_job *job = ctx;
    octavo_book *book = job->book;
    size_t n = book->chapter_count;
    /* The contents and the NCX first: each takes as long as many
     * chapters, and started last they would keep one core busy alone. */
    if (u < 2) {
        rendered_page *page = &job->pages[n + u];
        page->diags = (octavo_diags)OCTAVO_DIAGS_INIT;
        if (u == 0)
            octavo_render_nav(book, job->toc_depth, job->toc_page, &page->file.data,
                              &page->file.len);
        else
            octavo_render_ncx(book, job->toc_depth, &page->file.data, &page->file.len);
        /* Each is as large as many chapters (megabytes for thousands). */
        finish_page(job->handling, thread, u == 0 ? "nav.xhtml" : "toc.ncx", u == 0, page);
        return;
    }
    u -= 2;
    size_t first = job->unit_first[u], count = job->unit_count[u];
    for (size_t i = first; i < first + count; i++)
        job->pages[i].diags = (octavo_diags)OCTAVO_DIAGS_INIT;
    if (job->again[u] && !remake_trees(job, u)) {
        job->failed[u] = true; /* (the build stops: empty pages) */
        for (size_t i = first; i < first + count; i++) {
            octavo_chapter_free_body(&book->chapters[i]);
            job->pages[i].file.data = octavo_xstrdup("");
        }
        return;
    }
    for (size_t i = first; i < first + count; i++) {
        octavo_chapter *c = &book->chapters[i];
        rendered_page *page = &job->pages[i];
        octavo_render_chapter(book, c, job->options, &page->file.data, &page->file.len,
                              job->map_lines ? &page->lines : NULL, &page->diags);
        /* Nothing after needs the text's tree, which is most of a big
         * book's memory. */
        octavo_chapter_free_body(c);
        finish_page(job->handling, thread, c->file_name, true, page);
    }
}

static void render_progress(void *ctx, size_t done)
{
    render_job *job = ctx;
    size_t chapters = done < 2                ? 0
                      : done - 2 < job->units ? job->unit_first[done - 2]
                                              : job->book->chapter_count;
    job->opts->progress(job->opts->progress_ctx, "render", chapters, job->book->chapter_count);
}

/* Which chapters each source became, and whether their trees were freed
 * after arranging (to be made again when rendering). */
typedef struct chapter_sources {
    size_t *first, *count; /* per source */
    bool *forgotten;       /* per source */
    bool any_forgotten;
    /* Per source: a novel understood in slices and forgotten, made again a
     * slice at a time from its text (kept until rendered), or NULL. */
    octavo_novel_plan **plans;
} chapter_sources;

/* Adds a page made by render_one to the package, with what became of it
 * (deflated, spooled, scanned). */
static octavo_resource *add_page(octavo_package *pkg, const char *path, const char *id,
                                 const char *media_type, const rendered_page *page)
{
    const octavo_resource *made = &page->file;
    octavo_resource *r = octavo_package_add(pkg, path, id, media_type, made->data, made->len);
    r->deflated = made->deflated;
    r->deflated_len = made->deflated_len;
    r->crc = made->crc;
    r->facts = made->facts;
    r->spool = made->spool;
    r->spool_at = made->spool_at;
    return r;
}

/* With `pages`, each chapter page's lines are mapped to its source's
 * (for --epubcheck). Chapters are rendered on `threads` cores (and their
 * trees freed), then handled as `handling` says; what they say is
 * reported in chapter order. */
static octavo_status render_book(octavo_book *book, int toc_depth, bool toc_page,
                                 const octavo_render_options *render, const octavo_buf *stylesheet,
                                 const octavo_source_list *sources, const chapter_sources *from,
                                 const page_handling *handling, octavo_package *pkg,
                                 octavo_page_sources *pages, unsigned threads,
                                 const octavo_build_options *opts, octavo_diags *d)
{
    size_t n = book->chapter_count;
    render_job job = {.book = book,
                      .options = render,
                      .toc_depth = toc_depth,
                      .toc_page = toc_page,
                      .pages = octavo_xcalloc(n + 2, sizeof *job.pages),
                      .map_lines = pages != NULL,
                      .opts = opts,
                      .unit_first = octavo_xcalloc(n + 1, sizeof *job.unit_first),
                      .unit_count = octavo_xcalloc(n + 1, sizeof *job.unit_count),
                      .handling = handling};
    /* A unit per chapter, per source whose chapters were forgotten, or per
     * slice of a novel that was. */
    job.again = octavo_xcalloc(n + 1, sizeof *job.again);
    job.plan = octavo_xcalloc(n + 1, sizeof *job.plan);
    job.slice = octavo_xcalloc(n + 1, sizeof *job.slice);
    for (size_t s = 0; s < sources->count; s++) {
        const octavo_novel_plan *plan = from->plans ? from->plans[s] : NULL;
        for (size_t k = 0; plan && k < octavo_novel_slices(plan); k++) {
            size_t first, count;
            octavo_novel_slice_chapters(plan, k, &first, &count);
            if (!count)
                continue; /* (only the novel's header) */
            job.unit_first[job.units] = from->first[s] + first;
            job.unit_count[job.units] = count;
            job.again[job.units] = &sources->items[s];
            job.plan[job.units] = plan;
            job.slice[job.units++] = k;
        }
        for (size_t k = 0; !plan && k < from->count[s]; k++) {
            job.unit_first[job.units] = from->first[s] + k;
            job.unit_count[job.units] = from->forgotten[s] ? from->count[s] : 1;
            if (from->forgotten[s])
                job.again[job.units] = &sources->items[s];
            job.units++;
            if (from->forgotten[s])
                break;
        }
    }
    job.failed = octavo_xcalloc(job.units + 1, sizeof *job.failed);
    xmlInitParser(); /* before threads use libxml2 */
    octavo_understand_prepare();
    octavo_parallel_for(job.units + 2, threads, render_one, &job,
                        opts->progress ? render_progress : NULL, &job);
    octavo_status st = OCTAVO_OK;
    for (size_t u = 0; u < job.units; u++)
        if (job.failed[u]) {
            octavo_diag_add(d, OCTAVO_ERROR, job.again[u]->path, 0, 0,
                            "changed while the book was being made; build it again");
            st = OCTAVO_EINPUT;
        }
    free(job.again);
    free(job.plan);
    free(job.slice);
    free(job.failed);
    free(job.unit_first);
    free(job.unit_count);
    char *data;
    size_t len;
    /* Reading order: cover, title page, contents, chapters. */
    if (book->cover) {
        octavo_render_cover_page(book, &data, &len);
        octavo_package_add(pkg, "text/cover.xhtml", "cover", "application/xhtml+xml", data, len)
            ->in_spine = true;
    }
    octavo_render_title_page(book, &data, &len);
    octavo_package_add(pkg, "text/titlepage.xhtml", "titlepage", "application/xhtml+xml", data, len)
        ->in_spine = true;
    octavo_resource *nav =
        add_page(pkg, "nav.xhtml", "nav", "application/xhtml+xml", &job.pages[n]);
    nav->properties = "nav";
    nav->in_spine = toc_page; /* else only the reading system's own toc shows it */
    add_page(pkg, "toc.ncx", "ncx", "application/x-dtbncx+xml", &job.pages[n + 1]);
    octavo_package_add(pkg, "styles/book.css", "css", "text/css",
                       octavo_xstrndup(octavo_buf_cstr(stylesheet), stylesheet->len),
                       stylesheet->len);
    for (size_t i = 0; i < n; i++) {
        const octavo_chapter *c = &book->chapters[i];
        rendered_page *page = &job.pages[i];
        octavo_diags_move(d, &page->diags);
        const octavo_part *p = octavo_part_opening_at(book, i);
        if (p) {
            octavo_render_part(book, p, &data, &len);
            octavo_package_add(pkg, p->file_name, p->id, "application/xhtml+xml", data, len)
                ->in_spine = true;
        }
        if (pages) {
            octavo_buf inner = OCTAVO_BUF_INIT;
            octavo_buf_printf(&inner, "EPUB/%s", c->file_name);
            octavo_page_sources_add(pages, octavo_buf_cstr(&inner), c->source_path, &page->lines);
            octavo_buf_free(&inner);
        }
        add_page(pkg, c->file_name, c->id, "application/xhtml+xml", page)->in_spine = true;
    }
    free(job.pages);
    for (size_t i = 0; i < book->image_count; i++) {
        const octavo_image *img = &book->images[i];
        octavo_resource *r = octavo_package_add(pkg, img->path, img->id, img->media_type,
                                                octavo_xstrndup(img->data, img->len), img->len);
        if (book->cover == i + 1)
            r->properties = "cover-image";
    }
    return st;
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

/* Everything the book is before it is rendered: the plan, the sources,
 * the arranged chapters, their images and the cover. */
typedef struct made_book {
    octavo_plan plan;
    octavo_source_list sources;
    octavo_book book;
    char *output; /* where the book goes */
    int toc_depth;
    octavo_buf stylesheet; /* styles/book.css */
    octavo_font *font;     /* to embed, or NULL */
    chapter_sources from;
} made_book;

static void made_book_free(made_book *m)
{
    free(m->from.first);
    free(m->from.count);
    free(m->from.forgotten);
    for (size_t i = 0; m->from.plans && i < m->sources.count; i++)
        octavo_novel_plan_free(m->from.plans[i]);
    free(m->from.plans);
    free(m->output);
    octavo_buf_free(&m->stylesheet);
    octavo_font_free(m->font);
    octavo_book_free(&m->book);
    octavo_source_list_free(&m->sources);
    octavo_plan_free(&m->plan);
}

/* How many threads the work that can be shared out runs on. */
static unsigned cores(const octavo_build_options *opts)
{
    return opts->jobs ? opts->jobs : octavo_cpu_count();
}

/* Each source understood into a book of its own, on every core. */
typedef struct understand_job {
    const octavo_build_options *opts;
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
    job->status[i] = octavo_source_load(s, job->opts->encoding, &job->kept[i], d);
    if (!job->kept[i])
        return;
    octavo_diag_add(d, OCTAVO_INFO, s->path, 0, 0, "read %zu bytes, encoding %s", s->len,
                    s->encoding);
    job->status[i] = octavo_understand_novel(s, format_for(job->opts, s), book, job->slice[i],
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
static octavo_status understand_sources(const octavo_build_options *opts, made_book *m,
                                        bool may_forget, octavo_diags *d)
{
    size_t n = m->sources.count, bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += m->sources.items[i].file_bytes;
    const char *conversion = opts->convert ? opts->convert : m->plan.convert;
    /* (Converted text would have to be converted again: kept.) */
    bool low = may_forget && (opts->low_memory || bytes > OCTAVO_LOW_MEMORY_ABOVE) &&
               !(conversion && *conversion);
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
    understand_job job = {opts,
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
    octavo_parallel_for(n, cores(opts), understand_one, &job, NULL, NULL);
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
static octavo_status make_book(const octavo_build_options *opts, made_book *m, bool may_forget,
                               octavo_diags *d)
{
    *m = (made_book){0};
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
        .encoding = opts->encoding, .threads = cores(opts), .list_only = true};
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
        if (folder)
            st = octavo_sources_read_folder(folder, &m->plan.exclude, &how, &m->sources, d);
        else
            st = octavo_sources_read(opts->sources, opts->source_count, &how, &m->sources, d);
    }
    if (!m->sources.folder_name)
        m->sources.folder_name = octavo_xstrdup("book");
    if (opts->progress)
        opts->progress(opts->progress_ctx, "read", m->sources.count, m->sources.count);
    if (st == OCTAVO_OK) {
        if (opts->output) {
            m->output = octavo_xstrdup(opts->output);
        } else {
            octavo_buf b = OCTAVO_BUF_INIT;
            octavo_buf_printf(&b, "%s.epub", m->sources.folder_name);
            m->output = octavo_buf_detach(&b);
        }
        if (output_is_a_source(m->output, &m->sources, d))
            st = OCTAVO_EINPUT;
    }

    for (size_t i = 0; i < m->plan.parts.count; i++)
        octavo_book_add_part(&m->book, m->plan.parts.items[i]);
    if (st == OCTAVO_OK)
        st = understand_sources(opts, m, may_forget, d);

    if (st == OCTAVO_OK)
        octavo_collect_images(&m->book, d);

    if (st == OCTAVO_OK) {
        /* The command line wins over book.yaml, which wins over the text. */
        bool cli_authors = opts->author_count > 0;
        octavo_arrange_options arrange = {
            .title = opts->title ? opts->title : m->plan.title,
            .authors = cli_authors ? opts->authors : (const char *const *)m->plan.authors.items,
            .author_count = cli_authors ? opts->author_count : m->plan.authors.count,
            .lang = opts->lang ? opts->lang : m->plan.language,
            .identifier = opts->identifier ? opts->identifier : m->plan.identifier,
            .fallback_title = m->sources.folder_name,
            .modified = opts->source_date_epoch >= 0 ? (time_t)opts->source_date_epoch
                                                     : m->sources.newest_mtime,
        };
        char **given[] = {&m->book.subtitle, &m->book.publisher, &m->book.rights,
                          &m->book.description, &m->book.date};
        const char *from_plan[] = {m->plan.subtitle, m->plan.publisher, m->plan.rights,
                                   m->plan.description, m->plan.date};
        for (size_t i = 0; i < sizeof given / sizeof *given; i++)
            if (from_plan[i] && *from_plan[i])
                *given[i] = octavo_xstrdup(from_plan[i]);
        for (size_t i = 0; i < m->plan.subjects.count; i++)
            octavo_strings_add_unique(&m->book.subjects, m->plan.subjects.items[i]);
        st = octavo_arrange(&m->book, &arrange, d);
        /* After arrange: ids and links were made from the text as written. */
        const char *conversion = opts->convert ? opts->convert : m->plan.convert;
        if (st == OCTAVO_OK && conversion && *conversion)
            st = octavo_convert_book(&m->book, conversion,
                                     opts->convert         ? "--convert"
                                     : m->plan.config_path ? m->plan.config_path
                                                           : "book.yaml",
                                     d);
        /* Files book.yaml names lie in the folder, and nothing outside an
         * untrusted folder gets in (each read checks the file it opens);
         * the command line may name any file. */
        const char *here = folder ? folder : ".";
        char *root = realpath(here, NULL);
        const char *inside = root ? root : "/nonexistent";
        octavo_buf path = OCTAVO_BUF_INIT;
        /* A cover: the one given (command line, then book.yaml), else a
         * made one, unless --no-cover. */
        if (st == OCTAVO_OK && opts->cover) {
            st = octavo_add_cover(&m->book, opts->cover, NULL, "--cover", d);
        } else if (st == OCTAVO_OK && m->plan.cover && *m->plan.cover) {
            octavo_buf_printf(&path, "%s/%s", here, m->plan.cover);
            st = octavo_add_cover(&m->book, octavo_buf_cstr(&path), inside,
                                  m->plan.config_path ? m->plan.config_path : "book.yaml", d);
        } else if (st == OCTAVO_OK && !opts->no_cover) {
            octavo_make_cover(&m->book);
        }
        m->book.vertical = opts->vertical || m->plan.vertical;
        const char *config = m->plan.config_path ? m->plan.config_path : "book.yaml";
        const char *theme = opts->theme ? opts->theme : m->plan.theme;
        if (st == OCTAVO_OK && opts->css) {
            st = octavo_make_stylesheet(theme, m->book.vertical, opts->css, NULL, "--css",
                                        &m->stylesheet, d);
        } else if (st == OCTAVO_OK && m->plan.css && *m->plan.css) {
            octavo_buf_clear(&path);
            octavo_buf_printf(&path, "%s/%s", here, m->plan.css);
            st = octavo_make_stylesheet(theme, m->book.vertical, octavo_buf_cstr(&path), inside,
                                        config, &m->stylesheet, d);
        } else if (st == OCTAVO_OK) {
            st = octavo_make_stylesheet(theme, m->book.vertical, NULL, NULL,
                                        opts->theme ? "--theme" : config, &m->stylesheet, d);
        }
        if (st == OCTAVO_OK && opts->font) {
            st = octavo_font_open(opts->font, NULL, "--font", &m->font, d);
        } else if (st == OCTAVO_OK && m->plan.font && *m->plan.font) {
            octavo_buf_clear(&path);
            octavo_buf_printf(&path, "%s/%s", here, m->plan.font);
            st = octavo_font_open(octavo_buf_cstr(&path), inside, config, &m->font, d);
        }
        octavo_buf_free(&path);
        free(root);
        if (st == OCTAVO_OK && m->font)
            octavo_font_css(m->font, &m->stylesheet);
    }

    m->toc_depth = opts->toc_depth > 0     ? opts->toc_depth
                   : m->plan.toc_depth > 0 ? m->plan.toc_depth
                                           : OCTAVO_TOC_DEPTH_DEFAULT;
    return st;
}

octavo_status octavo_build(const octavo_build_options *opts, octavo_build_result *result,
                           octavo_diags *d)
{
    *result = (octavo_build_result){0};
    made_book m;
    octavo_status st = make_book(opts, &m, true, d);
    bool epubcheck = opts->epubcheck || m.plan.epubcheck;
    octavo_page_sources pages = {0};
    char *staged = NULL; /* where the book waits for epubcheck */
    if (st == OCTAVO_OK) {
        int level = opts->compression > 0 ? opts->compression : OCTAVO_COMPRESSION_DEFAULT;
        octavo_package pkg = {0};
        octavo_render_options render = {.captions = opts->captions || m.plan.captions,
                                        .vertical = m.book.vertical,
                                        .highlighter = octavo_highlighter_new()};
        unsigned threads = cores(opts);
        page_handling handling = {.deflaters = octavo_xcalloc(threads, sizeof *handling.deflaters),
                                  .scan = !opts->no_check,
                                  .keep_text = m.font != NULL};
        for (unsigned t = 0; t < threads; t++)
            handling.deflaters[t] = octavo_deflater_new(level);
        /* (Without a spool file, the pages stay in memory.) */
        if (m.from.any_forgotten)
            handling.spool = octavo_spool_new();
        st = render_book(&m.book, m.toc_depth, !m.plan.no_toc_page, &render, &m.stylesheet,
                         &m.sources, &m.from, &handling, &pkg, epubcheck ? &pages : NULL, threads,
                         opts, d);
        octavo_highlighter_free(render.highlighter);
        for (unsigned t = 0; t < threads; t++)
            octavo_deflater_free(handling.deflaters[t]);
        free(handling.deflaters);
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
        } else if (opts->strict && d->warnings) {
            octavo_diag_add(d, OCTAVO_ERROR, m.output, 0, 0,
                            "not written: %zu warning%s and --strict", d->warnings,
                            d->warnings == 1 ? "" : "s");
            st = OCTAVO_EINPUT;
        } else {
            char *opf;
            size_t opf_len;
            octavo_render_opf(&m.book, &pkg, &opf, &opf_len);
            if (opts->progress) {
                size_t bytes = opf_len;
                for (size_t i = 0; i < pkg.count; i++)
                    bytes += pkg.items[i].len;
                opts->progress(opts->progress_ctx, "write", 0, bytes);
            }
            octavo_package_compress(&pkg, level, threads);
            staged = epubcheck ? octavo_epubcheck_staging_name(m.output) : NULL;
            st = octavo_package_write(&m.book, &pkg, opf, opf_len, staged ? staged : m.output,
                                      level, !opts->no_check, threads, d);
            free(opf);
        }
        octavo_package_free(&pkg);
        octavo_spool_free(handling.spool); /* (read by the zip until now) */
    }
    if (st == OCTAVO_OK && staged)
        st = octavo_epubcheck_publish(staged, m.output, &pages, d);
    if (st == OCTAVO_OK) {
        struct stat info;
        result->output = m.output;
        m.output = NULL;
        result->chapter_count = m.book.chapter_count;
        result->bytes = stat(result->output, &info) == 0 ? (size_t)info.st_size : 0;
        octavo_diag_add(d, OCTAVO_INFO, result->output, 0, 0, "%zu bytes", result->bytes);
    }
    free(staged);
    octavo_page_sources_free(&pages);
    made_book_free(&m);
    return st;
}

void octavo_build_result_free(octavo_build_result *result)
{
    free(result->output);
    *result = (octavo_build_result){0};
}

/* The text of a chapter in characters, for the preview. */
static size_t chapter_characters(const octavo_chapter *c)
{
    char *text = octavo_node_text(c->body);
    size_t n = octavo_utf8_length(text, strlen(text));
    free(text);
    return n;
}

/* Ends the line being made in `line` and adds it to `out`, made safe for
 * a terminal one line at a time: a newline in a title or file name must
 * not make a line of its own. */
static void preview_line(octavo_buf *line, octavo_buf *out)
{
    octavo_printable(octavo_buf_cstr(line), false, out);
    octavo_buf_putc(out, '\n');
    octavo_buf_clear(line);
}

octavo_status octavo_preview(const octavo_build_options *opts, octavo_buf *out, octavo_diags *d)
{
    made_book m;
    octavo_status st = make_book(opts, &m, false, d);
    if (st == OCTAVO_OK) {
        const octavo_book *b = &m.book;
        octavo_buf line = OCTAVO_BUF_INIT;
        octavo_buf_printf(&line, "%s", b->title);
        if (b->subtitle)
            octavo_buf_printf(&line, ": %s", b->subtitle);
        for (size_t i = 0; i < b->authors.count; i++)
            octavo_buf_printf(&line, "%s%s", i ? ", " : " — ", b->authors.items[i]);
        octavo_buf_printf(&line, " [%s]", b->languages.items[0]);
        preview_line(&line, out);
        size_t number = 0;
        for (size_t i = 0; i < b->chapter_count; i++) {
            const octavo_chapter *c = &b->chapters[i];
            if (c->piece)
                continue; /* counted with its chapter */
            const octavo_part *p = octavo_part_opening_at(b, i);
            if (p) {
                octavo_buf_printf(&line, "  %s", p->title);
                preview_line(&line, out);
            }
            size_t characters = chapter_characters(c), pieces = 1;
            for (; i + pieces < b->chapter_count && b->chapters[i + pieces].piece; pieces++)
                characters += chapter_characters(&b->chapters[i + pieces]);
            int indent = 2 + 2 * ((c->part ? 1 : 0) + c->depth);
            octavo_buf_printf(&line, "%*s%3zu. %s  (%s, %s, %zu characters", indent, "", ++number,
                              c->title, c->source_path, c->lang, characters);
            if (pieces > 1)
                octavo_buf_printf(&line, ", %zu pages", pieces);
            octavo_buf_puts(&line, ")");
            preview_line(&line, out);
        }
        octavo_buf_free(&line);
    }
    made_book_free(&m);
    return st;
}

/* Adds "key: value" to the mapping being emitted. */
static void emit_pair(yaml_emitter_t *e, const char *key, const char *value)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)key, -1, 1, 1,
                                 YAML_PLAIN_SCALAR_STYLE);
    yaml_emitter_emit(e, &ev);
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)value, -1, 1, 1,
                                 YAML_ANY_SCALAR_STYLE);
    yaml_emitter_emit(e, &ev);
}

static void emit_event(yaml_emitter_t *e, yaml_event_t *ev)
{
    yaml_emitter_emit(e, ev);
}

static int write_to_buf(void *data, unsigned char *bytes, size_t size)
{
    octavo_buf_append(data, (const char *)bytes, size);
    return 1;
}

/* A file's name relative to the book's folder. */
static const char *relative_to(const char *path, const char *folder)
{
    size_t n = strlen(folder);
    if (strcmp(folder, ".") != 0 && strncmp(path, folder, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

octavo_status octavo_init(const octavo_build_options *opts, bool force, octavo_buf *written,
                          octavo_diags *d)
{
    const char *folder = opts->source_count ? opts->sources[0] : ".";
    octavo_buf path = OCTAVO_BUF_INIT;
    octavo_buf_printf(&path, "%s/book.yaml", folder);
    if (!force && octavo_file_exists(octavo_buf_cstr(&path))) {
        octavo_diag_add(d, OCTAVO_ERROR, octavo_buf_cstr(&path), 0, 0,
                        "already exists; use --force to replace it");
        octavo_buf_free(&path);
        return OCTAVO_EINPUT;
    }
    made_book m;
    octavo_build_options o = *opts;
    o.no_cover = true; /* init reads; it makes nothing else */
    octavo_status st = make_book(&o, &m, false, d);
    octavo_buf yaml = OCTAVO_BUF_INIT;
    if (st == OCTAVO_OK) {
        const octavo_book *b = &m.book;
        octavo_buf_puts(&yaml, "# book.yaml, written by octavo init: the book as octavo found it.\n"
                               "# Move the lines under chapters to change the order; edit titles;\n"
                               "# remove a chapter to leave it out. Then run: octavo build\n");
        yaml_emitter_t e;
        yaml_event_t ev;
        yaml_emitter_initialize(&e);
        yaml_emitter_set_output(&e, write_to_buf, &yaml);
        yaml_emitter_set_unicode(&e, 1);
        yaml_emitter_set_width(&e, 100);
        yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
        emit_event(&e, &ev);
        yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
        emit_event(&e, &ev);
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        emit_event(&e, &ev);
        emit_pair(&e, "title", b->title);
        if (b->authors.count) {
            yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"author", -1, 1, 1,
                                         YAML_PLAIN_SCALAR_STYLE);
            emit_event(&e, &ev);
            yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
            emit_event(&e, &ev);
            for (size_t i = 0; i < b->authors.count; i++) {
                yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)b->authors.items[i],
                                             -1, 1, 1, YAML_ANY_SCALAR_STYLE);
                emit_event(&e, &ev);
            }
            yaml_sequence_end_event_initialize(&ev);
            emit_event(&e, &ev);
        }
        yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"chapters", -1, 1, 1,
                                     YAML_PLAIN_SCALAR_STYLE);
        emit_event(&e, &ev);
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        emit_event(&e, &ev);
        /* One entry per source file (a split novel is one file). */
        size_t part = 0;
        for (size_t i = 0; i < m.sources.count; i++) {
            const octavo_source *s = &m.sources.items[i];
            const octavo_chapter *c = NULL;
            for (size_t j = 0; j < b->chapter_count && !c; j++)
                if (strcmp(b->chapters[j].source_path, s->path) == 0)
                    c = &b->chapters[j];
            if (!c)
                continue;
            size_t entry_part = s->plan_entry ? m.plan.entries[s->plan_entry - 1].part : 0;
            if (entry_part != part) {
                if (part) {
                    yaml_sequence_end_event_initialize(&ev); /* the part's chapters */
                    emit_event(&e, &ev);
                    yaml_mapping_end_event_initialize(&ev);
                    emit_event(&e, &ev);
                }
                part = entry_part;
                if (part) {
                    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                        YAML_BLOCK_MAPPING_STYLE);
                    emit_event(&e, &ev);
                    emit_pair(&e, "part", m.plan.parts.items[part - 1]);
                    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"chapters", -1, 1,
                                                 1, YAML_PLAIN_SCALAR_STYLE);
                    emit_event(&e, &ev);
                    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                         YAML_BLOCK_SEQUENCE_STYLE);
                    emit_event(&e, &ev);
                }
            }
            yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
            emit_event(&e, &ev);
            emit_pair(&e, "file", relative_to(s->path, folder));
            emit_pair(&e, "title", c->title);
            emit_pair(&e, "lang", c->lang);
            yaml_mapping_end_event_initialize(&ev);
            emit_event(&e, &ev);
        }
        if (part) {
            yaml_sequence_end_event_initialize(&ev);
            emit_event(&e, &ev);
            yaml_mapping_end_event_initialize(&ev);
            emit_event(&e, &ev);
        }
        yaml_sequence_end_event_initialize(&ev);
        emit_event(&e, &ev);
        yaml_mapping_end_event_initialize(&ev);
        emit_event(&e, &ev);
        yaml_document_end_event_initialize(&ev, 1);
        emit_event(&e, &ev);
        yaml_stream_end_event_initialize(&ev);
        emit_event(&e, &ev);
        bool emitted = e.error == YAML_NO_ERROR;
        yaml_emitter_delete(&e);
        /* The folder may be hostile: no name in it is trusted for
         * writing (octavo_file_replace). */
        if (!emitted || !octavo_file_replace(octavo_buf_cstr(&path), yaml.data, yaml.len)) {
            octavo_diag_add(d, OCTAVO_ERROR, octavo_buf_cstr(&path), 0, 0, "cannot write: %s",
                            emitted ? strerror(errno) : "YAML could not be written");
            st = OCTAVO_EIO;
        } else {
            octavo_buf_puts(written, octavo_buf_cstr(&path));
        }
    }
    octavo_buf_free(&yaml);
    octavo_buf_free(&path);
    made_book_free(&m);
    return st;
}
