/* build.h — the whole pipeline behind `octavo build`:
 * sources -> understand -> arrange -> render -> package. */
#ifndef OCTAVO_BUILD_H
#define OCTAVO_BUILD_H

#include "octavo/buf.h"
#include "octavo/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Sources larger than this together are built with low_memory. */
#define OCTAVO_LOW_MEMORY_ABOVE ((size_t)8 * 1024 * 1024)
/* ...but a source larger than this is kept: it is understood whole, and
 * its chapters are rendered on every core only when kept. */
#define OCTAVO_LOW_MEMORY_SOURCE ((size_t)4 * 1024 * 1024)

typedef struct octavo_build_options {
    const char *const *sources; /* folders or files; none: the current folder */
    size_t source_count;
    const char *output;         /* NULL: "<folder name>.epub" in the current folder */
    const char *title;          /* NULL: the first chapter's title */
    const char *const *authors; /* none: authors named in front matter */
    size_t author_count;
    const char *lang;       /* NULL: detected; must be valid BCP 47 */
    const char *identifier; /* NULL: derived from title and authors */
    const char *encoding;   /* NULL: detected per file; else an iconv name */
    const char *config;     /* a book.yaml; NULL: the folder's own, if any */
    /* --format values: "markdown" or "plain" for every file, or
     * "FILE=markdown" / "FILE=plain" for one (FILE as given or its name). */
    const char *const *formats;
    size_t format_count;
    /* Seconds since 1970 for dcterms:modified and zip times (from
     * SOURCE_DATE_EPOCH); negative: the newest source file's mtime, so
     * rebuilding unchanged sources gives identical bytes. */
    long long source_date_epoch;
    int toc_depth;     /* 0: OCTAVO_TOC_DEPTH_DEFAULT */
    int compression;   /* deflate level 1..9; 0: the default */
    unsigned jobs;     /* cores to render, compress and check on; 0: all */
    /* Free each chapter's text once understood and read it again to
     * render it, so that memory does not grow with the book; automatic
     * for sources over OCTAVO_LOW_MEMORY_ABOVE bytes (for sources of at
     * most OCTAVO_LOW_MEMORY_SOURCE bytes each). */
    bool low_memory;
    bool strict;       /* any warning fails the build: nothing is written */
    bool captions;     /* figures get their image's title or alt as caption */
    const char *cover; /* a cover image; NULL: book.yaml's, else a made one */
    bool no_check;     /* do not check the finished book before writing it */
    /* Told how the build goes (may be NULL): `stage` is "read", "render"
     * or "write"; `done` of `total` files, chapters or bytes. The caller
     * decides whether to show it. */
    void (*progress)(void *ctx, const char *stage, size_t done, size_t total);
    void *progress_ctx;
    bool epubcheck;    /* run the real epubcheck on the finished book too */
    bool vertical;     /* vertical right-to-left writing */
    const char *theme; /* a built-in theme (NULL: book.yaml's, else "book") */
    const char *css;   /* the author's stylesheet, appended (NULL: book.yaml's) */
    const char *convert; /* OpenCC conversion such as "s2t" (NULL: book.yaml's, or none) */
    const char *font;    /* a font to embed, subset: "FILE" or "FILE:INDEX" (NULL: book.yaml's) */
    bool no_cover;     /* no made cover when none is given */
} octavo_build_options;

/* Deflate level 6: on the 1,000-chapter benchmark level 9 is 0.2% smaller
 * for the same time and can be much slower on other text; level 1 is 11%
 * faster and 4% larger (bench/README.md). */
#define OCTAVO_COMPRESSION_DEFAULT 6

typedef struct octavo_build_result {
    char *output; /* the path written (owned) */
    size_t chapter_count;
    size_t bytes; /* size of the EPUB written */
} octavo_build_result;

/* Builds the book. Messages about the input (with --verbose detail as
 * OCTAVO_INFO) go to `d`. Nothing is written unless the whole book could
 * be made. `result` is filled on success; free it with
 * octavo_build_result_free. */
octavo_status octavo_build(const octavo_build_options *opts, octavo_build_result *result,
                           octavo_diags *d);

void octavo_build_result_free(octavo_build_result *result);

/* octavo toc: the book as it would be built, as text in `out` (title,
 * authors, language, then parts and chapters with their titles, source
 * files, languages and lengths), without writing anything. */
octavo_status octavo_preview(const octavo_build_options *opts, octavo_buf *out, octavo_diags *d);

/* octavo init: writes <folder>/book.yaml (the first SOURCE, or the current
 * folder) listing the chapters in their current order with their titles
 * and languages, so building from it gives the same book. Refuses to
 * replace an existing book.yaml unless `force`. The path written is
 * appended to `written`. */
octavo_status octavo_init(const octavo_build_options *opts, bool force, octavo_buf *written,
                          octavo_diags *d);

/* Checks one --format value; false when it is not FORMAT or FILE=FORMAT
 * with FORMAT "markdown" or "plain". */
bool octavo_format_option_is_valid(const char *value);

#endif
