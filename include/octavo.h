/* octavo.h — octavo as a library: build an EPUB 3 book from a folder of
 * Markdown or plain text, preview or describe it, and check any EPUB the
 * way epubcheck does.
 *
 * This is the one public header (installed with liboctavo.a and octavo.pc;
 * `pkg-config --cflags --libs --static octavo`). The module headers in src/
 * are internal and may change. Functions never print: what a user should
 * read about their input comes back as diagnostics (octavo_diags) or
 * findings of a check (the same octavo_diag, with epubcheck's code), each
 * with the file and line concerned.
 *
 *     octavo_build_options opts = {.sources = (const char *[]){"book/"},
 *                                  .source_count = 1, .source_date_epoch = -1};
 *     octavo_build_result result;
 *     octavo_diags d = OCTAVO_DIAGS_INIT;
 *     octavo_status st = octavo_build(&opts, &result, &d);
 *     ... print d.items[i] with octavo_diag_format ...
 *     octavo_build_result_free(&result);
 *     octavo_diags_free(&d);
 */
#ifndef OCTAVO_H
#define OCTAVO_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Strings: a growable byte buffer. */
typedef struct octavo_buf {
    char *data; /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
} octavo_buf;

#define OCTAVO_BUF_INIT                                                                            \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Gives up the buffer's memory to the caller (never NULL; "" when empty)
 * and leaves the buffer empty. */
char *octavo_buf_detach(octavo_buf *b);
/* Returns the contents as a C string ("" when empty); the buffer keeps it. */
const char *octavo_buf_cstr(const octavo_buf *b);
void octavo_buf_free(octavo_buf *b);

/* Results and diagnostics. */
typedef enum octavo_status {
    OCTAVO_OK = 0,
    OCTAVO_EINPUT,    /* the sources or options are wrong: exit 1 */
    OCTAVO_EIO,       /* reading or writing failed: exit 1 */
    OCTAVO_EINTERNAL, /* octavo made a book that fails its own check: exit 1 */
} octavo_status;

typedef enum octavo_severity {
    OCTAVO_INFO,    /* what octavo found or decided (--verbose) */
    OCTAVO_WARNING, /* the book is built but something was not as expected */
    OCTAVO_ERROR,   /* the book cannot be built */
} octavo_severity;

/* One message, from a build or a check: a check's findings are diags
 * with a code and a file inside the book. */
typedef struct octavo_diag {
    octavo_severity severity;
    /* A check's: epubcheck's ("OPF-092") or octavo's own ("OCT-001");
     * "" for a build's messages. */
    char code[16];
    char *file;    /* owned; NULL when the message is not about a file */
    unsigned line; /* 1-based; 0 when unknown */
    unsigned col;  /* 1-based; 0 when unknown */
    char *message; /* owned */
} octavo_diag;

typedef struct octavo_diags {
    octavo_diag *items;
    size_t count, cap;
    size_t errors, warnings, infos;
    /* Messages not kept because of the limits below, by severity. */
    size_t dropped[3];
    /* INFO messages are only counted: nobody will read them (a big book
     * makes several per chapter). */
    bool no_info;
} octavo_diags;

#define OCTAVO_DIAGS_INIT                                                                          \
    {                                                                                              \
        NULL, 0, 0, 0, 0, 0, {0, 0, 0}, false                                                      \
    }

bool octavo_diags_has_errors(const octavo_diags *d);
/* Appends "file:line:col: [warning: ]message" (parts that are unknown are
 * left out) to `out`, without a newline. */
void octavo_diag_format(const octavo_diag *diag, octavo_buf *out);
void octavo_diags_free(octavo_diags *d);

/* Building a book. */
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
    int toc_depth;   /* 0: OCTAVO_TOC_DEPTH_DEFAULT */
    int compression; /* deflate level 1..9; 0: the default */
    unsigned jobs;   /* cores to render, compress and check on; 0: all */
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
    bool epubcheck;      /* run the real epubcheck on the finished book too */
    bool vertical;       /* vertical right-to-left writing */
    const char *theme;   /* a built-in theme (NULL: book.yaml's, else "book") */
    const char *css;     /* the author's stylesheet, appended (NULL: book.yaml's) */
    const char *convert; /* OpenCC conversion such as "s2t" (NULL: book.yaml's, or none) */
    const char *font;    /* a font to embed, subset: "FILE" or "FILE:INDEX" (NULL: book.yaml's) */
    bool no_cover;       /* no made cover when none is given */
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

/* Checking any EPUB. */
/* Limits against hostile zips. */
#define OCTAVO_CHECK_MAX_ENTRIES     100000
#define OCTAVO_CHECK_MAX_ENTRY_BYTES ((unsigned long long)1024 * 1024 * 1024)
#define OCTAVO_CHECK_MAX_TOTAL_BYTES ((unsigned long long)4 * 1024 * 1024 * 1024)

/* Checks the EPUB file at `path`; its findings (errors and warnings, each
 * with a code) go into `findings`, a list like a build's messages. */
void octavo_check_file(const char *path, octavo_diags *findings);

/* A finding's severity as epubcheck names it: "error", "warning" or, for
 * OCTAVO_INFO, "usage" (what epubcheck reports only when asked, such as
 * OPF-058: it is no fault); in capitals with `capitals`. */
const char *octavo_finding_severity(octavo_severity severity, bool capitals);

/* "BOOK: path:line: ERROR CODE: message" for one finding (no newline). */
void octavo_finding_format(const octavo_diag *f, const char *book, octavo_buf *out);

/* The whole report as JSON: {"book":…,"errors":N,"warnings":N,"findings":[…]}. */
void octavo_check_report_json(const octavo_diags *findings, const char *book, octavo_buf *out);

#ifdef __cplusplus
}
#endif

#endif
