/* epubcheck.h — runs the real epubcheck on a finished book and says what
 * it reports in terms of the author's own files.
 *
 * epubcheck names generated pages ("EPUB/text/ch003.xhtml(57,7)"), which
 * the author never wrote; with the line maps kept while rendering, each
 * of its messages about a chapter is told at the source file and line
 * that made that part of the page:
 *
 *   chapters/03.md:41: ERROR RSC-012: Fragment identifier is not defined.
 * (EPUB/text/ch003.xhtml:57)
 *
 * The command is `java -jar /usr/bin/epubcheck`, or the environment
 * variable OCTAVO_EPUBCHECK (run by the shell, the book's path appended).
 * Both epubcheck 4's output and epubcheck-ts's are understood. */
#ifndef OCTAVO_EPUBCHECK_H
#define OCTAVO_EPUBCHECK_H

#include "diag.h"
#include "render.h"

#include <stdbool.h>

/* A page of the book made from a source file. */
typedef struct octavo_page_source {
    char *inner_path;  /* "EPUB/text/ch003.xhtml" */
    char *source_path; /* "chapters/03.md" */
    octavo_line_map lines;
} octavo_page_source;

typedef struct octavo_page_sources {
    octavo_page_source *items;
    size_t count, cap;
} octavo_page_sources;

/* Adds a page; takes the line map over (`lines` is emptied). */
void octavo_page_sources_add(octavo_page_sources *pages, const char *inner_path,
                             const char *source_path, octavo_line_map *lines);
void octavo_page_sources_free(octavo_page_sources *pages);

/* One message of epubcheck's, as read from its output. */
typedef struct octavo_epubcheck_message {
    char severity[16]; /* "ERROR", "WARNING", "FATAL", ... */
    char code[16];     /* "RSC-012" */
    char path[512];    /* inside the book, or "" */
    unsigned line;     /* 0 when not given */
    char message[1024];
} octavo_epubcheck_message;

/* Reads epubcheck output line by line: returns true when `line`
 * completes a message (filled into *m). epubcheck-ts spreads one over two
 * lines, so the state is kept in *m between calls (start it zeroed). */
bool octavo_epubcheck_read_line(const char *line, octavo_epubcheck_message *m);

/* Runs epubcheck on the file `book` and adds what it reports to `d`, at
 * source lines where `pages` knows them, else at `shown_as` (the book's
 * name for the reader). Errors (and epubcheck not being there: one line
 * saying how to install it) make the status OCTAVO_EINPUT. */
octavo_status octavo_run_epubcheck(const char *book, const char *shown_as,
                                   const octavo_page_sources *pages, octavo_diags *d);

/* With --epubcheck a book is made under another name beside `output`
 * (epubcheck reads a named .epub, and a book it finds wrong must not
 * replace the one there): "<output>.octavo-<pid>.epub". Caller frees. */
char *octavo_epubcheck_staging_name(const char *output);

/* Runs epubcheck on the book made at `staged`; then renames it to
 * `output` when epubcheck finds no error, or else removes it, leaving
 * what was at `output` as it was. */
octavo_status octavo_epubcheck_publish(const char *staged, const char *output,
                                       const octavo_page_sources *pages, octavo_diags *d);

#endif
