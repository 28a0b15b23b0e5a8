/* render_jobs.h — rendering the book's pages on every core: the chapters
 * (made again from their sources when their trees were freed to save
 * memory), the contents and the NCX; each page compressed, spooled and
 * scanned for the self-check as soon as it is made, then everything added
 * to the package in reading order. */
#ifndef OCTAVO_RENDER_JOBS_H
#define OCTAVO_RENDER_JOBS_H

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "document.h"
#include "epubcheck.h"
#include "package.h"
#include "render.h"
#include "settings.h"
#include "source.h"
#include "understand.h"

#include <stdbool.h>
#include <stddef.h>

/* A page made on one of the cores (in file.data, or deflated and maybe
 * spooled, with its facts for the check), with what rendering it said. */
typedef struct octavo_rendered_page {
    octavo_resource file; /* only its contents: data, deflated, facts, spool */
    octavo_line_map lines;
    octavo_diags diags;
} octavo_rendered_page;

/* What becomes of a chapter page once made: compressed at once (and
 * spooled, with --low-memory), read by the check, and dropped unless a
 * font needs its characters. */
typedef struct octavo_page_handling {
    octavo_deflater **deflaters; /* one per thread */
    bool scan;                   /* for the self-check */
    octavo_check_names **names;  /* the self-check's, one per thread (when scan) */
    bool keep_text;              /* for the font */
    octavo_spool *spool;         /* or NULL */
} octavo_page_handling;

/* Which chapters each source became, and whether their trees were freed
 * after arranging (to be made again when rendering). */
typedef struct octavo_chapter_sources {
    size_t *first, *count; /* per source */
    bool *forgotten;       /* per source */
    bool any_forgotten;
    /* Per source: a novel understood in slices and forgotten, made again a
     * slice at a time from its text (kept until rendered), or NULL. */
    octavo_novel_plan **plans;
} octavo_chapter_sources;

/* Renders every page of `book` into `pkg` (cover, title page, contents,
 * parts and chapters, NCX, stylesheet, images) on settings->threads
 * cores, freeing the chapters' trees; the pages are handled as `handling`
 * says. With `pages`, each chapter page's lines are mapped to its
 * source's (for --epubcheck). What rendering says is added to `d` in
 * chapter order. Fails when a source read again had changed. */
octavo_status octavo_render_book(octavo_book *book, const octavo_settings *settings,
                                 const octavo_buf *stylesheet, const octavo_source_list *sources,
                                 const octavo_chapter_sources *from,
                                 const octavo_page_handling *handling, octavo_package *pkg,
                                 octavo_page_sources *pages, octavo_diags *d);

#endif
