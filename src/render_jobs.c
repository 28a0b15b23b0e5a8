/* render_jobs.c — the pages rendered on every core. */
#include "render_jobs.h"

#include "check.h"
#include "mem.h"
#include "nav.h"
#include "parallel.h"
#include "render.h"
#include "understand.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

/* The chapters' pages, then the contents (nav) and the NCX, which take
 * as long as a few chapters and are made alongside them. The chapters
 * are shared out in units: one chapter each, or, when their trees were
 * freed to save memory (`again`), the chapters of one source, which is
 * read and understood again to render them. */
typedef struct render_job {
    octavo_book *book;
    const octavo_settings *settings;
    octavo_rendered_page *pages; /* chapter_count + 2 */
    bool map_lines;
    size_t units;
    size_t *unit_first, *unit_count; /* chapters of each unit */
    octavo_source **again;           /* per unit: the source to read again, or NULL */
    const octavo_novel_plan **plan;  /* per unit: ...or to make a slice of again */
    size_t *slice;
    bool *failed; /* per unit: the source changed meanwhile */
    const octavo_page_handling *handling;
} render_job;

/* `file_name` is the page's, relative to the package; `is_page` false
 * for the NCX, which the check only needs to know is well-formed. `tree`
 * (NULL: none) is the tree the page was written from: the check walks it
 * rather than parse the page again; freed here. */
static void finish_page(const octavo_page_handling *h, unsigned thread, const char *file_name,
                        bool is_page, xmlDocPtr tree, octavo_rendered_page *page)
{
    octavo_resource *f = &page->file;
    if (h->scan) {
        octavo_buf name = OCTAVO_BUF_INIT;
        octavo_buf_printf(&name, "EPUB/%s", file_name);
        octavo_check_names *names = h->names ? h->names[thread] : NULL;
        f->facts = !is_page ? octavo_check_scan_xml(octavo_buf_cstr(&name), f->data, f->len)
                   : tree   ? octavo_check_scan_page_tree(octavo_buf_cstr(&name), tree, f->data,
                                                          f->len, names)
                          : octavo_check_scan_page(octavo_buf_cstr(&name), f->data, f->len, names);
        octavo_buf_free(&name);
    }
    xmlFreeDoc(tree);
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
        same = octavo_source_load(s, job->settings->encoding, &kept, &quiet) == OCTAVO_OK && kept &&
               octavo_understand(s, octavo_settings_format(job->settings, s), &fresh, &quiet) ==
                   OCTAVO_OK &&
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
        octavo_rendered_page *page = &job->pages[n + u];
        page->diags = (octavo_diags)OCTAVO_DIAGS_INIT;
        if (u == 0)
            octavo_render_nav(book, job->settings->toc_depth, job->settings->toc_page,
                              &page->file.data, &page->file.len);
        else
            octavo_render_ncx(book, job->settings->toc_depth, &page->file.data, &page->file.len);
        /* Each is as large as many chapters (megabytes for thousands). */
        finish_page(job->handling, thread, u == 0 ? "nav.xhtml" : "toc.ncx", u == 0, NULL, page);
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
        octavo_rendered_page *page = &job->pages[i];
        xmlDocPtr tree = NULL;
        octavo_render_chapter(book, c, &job->settings->render, &page->file.data, &page->file.len,
                              job->map_lines ? &page->lines : NULL,
                              job->handling->scan ? &tree : NULL, &page->diags);
        /* Nothing after needs the text's tree, which is most of a big
         * book's memory. */
        octavo_chapter_free_body(c);
        finish_page(job->handling, thread, c->file_name, true, tree, page);
    }
}

static void render_progress(void *ctx, size_t done)
{
    render_job *job = ctx;
    size_t chapters = done < 2                ? 0
                      : done - 2 < job->units ? job->unit_first[done - 2]
                                              : job->book->chapter_count;
    job->settings->progress(job->settings->progress_ctx, "render", chapters,
                            job->book->chapter_count);
}

/* Adds a page made by render_one to the package, with what became of it
 * (deflated, spooled, scanned). */
static octavo_resource *add_page(octavo_package *pkg, const char *path, const char *id,
                                 const char *media_type, const octavo_rendered_page *page)
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

octavo_status octavo_render_book(octavo_book *book, const octavo_settings *settings,
                                 const octavo_buf *stylesheet, const octavo_source_list *sources,
                                 const octavo_chapter_sources *from,
                                 const octavo_page_handling *handling, octavo_package *pkg,
                                 octavo_page_sources *pages, octavo_diags *d)
{
    size_t n = book->chapter_count;
    render_job job = {.book = book,
                      .settings = settings,
                      .pages = octavo_xcalloc(n + 2, sizeof *job.pages),
                      .map_lines = pages != NULL,
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
    octavo_parallel_for(job.units + 2, settings->threads, render_one, &job,
                        settings->progress ? render_progress : NULL, &job);
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
    nav->in_spine = settings->toc_page; /* else only the reading system's own toc shows it */
    add_page(pkg, "toc.ncx", "ncx", "application/x-dtbncx+xml", &job.pages[n + 1]);
    octavo_package_add(pkg, "styles/book.css", "css", "text/css",
                       octavo_xstrndup(octavo_buf_cstr(stylesheet), stylesheet->len),
                       stylesheet->len);
    for (size_t i = 0; i < n; i++) {
        const octavo_chapter *c = &book->chapters[i];
        octavo_rendered_page *page = &job.pages[i];
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