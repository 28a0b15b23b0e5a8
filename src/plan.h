/* plan.h — what the author says the book is, before any chapter is read:
 * book.yaml (metadata and the order of chapters, with parts) or an
 * mdBook/GitBook project (book.toml or book.json; SUMMARY.md: the order,
 * titles and parts).
 *
 * Errors point into the file that says it: "book.yaml:12:5: message". */
#ifndef OCTAVO_PLAN_H
#define OCTAVO_PLAN_H

#include "diag.h"
#include "document.h"

#include <stdbool.h>

typedef struct octavo_plan_entry {
    char *file;         /* as written, relative to the book's folder */
    char *title;        /* the title to use instead of the detected one, or NULL */
    char *lang;         /* the language to use instead of the detected one, or NULL */
    char *encoding;     /* the iconv name to read the file as instead of detecting, or NULL */
    size_t part;        /* 1-based index into parts, 0 for none */
    int depth;          /* 0: a chapter; 1: listed under the one before (SUMMARY.md) */
    unsigned line, col; /* where it was written, for messages */
} octavo_plan_entry;

typedef struct octavo_plan {
    char *config_path; /* the file read ("folder/book.yaml"), or NULL */
    /* Where the chapters are, relative to the book's folder: an mdBook's
     * `src` (book.toml), a GitBook's `root` (book.json); NULL: the folder.
     * Entries read from its SUMMARY.md already start with it. */
    char *chapters_folder;
    /* Book metadata; NULL / empty when not given. */
    char *title, *subtitle, *language, *identifier, *publisher, *date, *description, *rights,
        *cover;
    char *theme, *css; /* the look: a built-in theme's name, the author's CSS file */
    char *convert;     /* an OpenCC conversion: "s2t", "t2s", ... */
    char *font;        /* a font file to embed, inside the folder ("f.ttc:2") */
    bool vertical;     /* vertical right-to-left writing */
    octavo_strings authors, subjects, exclude;
    int toc_depth; /* 0: not given */
    /* toc_page: false: the contents page is not part of the reading order
     * (reading systems still show their own table of contents). */
    bool no_toc_page;
    bool captions;  /* images alone in a paragraph get a caption (--captions) */
    bool epubcheck; /* run epubcheck on the finished book (--epubcheck) */
    /* The chapters in order; none when the plan does not set an order. */
    octavo_plan_entry *entries;
    size_t entry_count, entry_cap;
    octavo_strings parts;
    bool has_order;
} octavo_plan;

/* Reads `config` (a book.yaml; NULL: "<folder>/book.yaml" if it exists),
 * then what an mdBook's book.toml or a GitBook's book.json in the folder
 * says that book.yaml does not, and, when no chapter order is set yet,
 * the SUMMARY.md of the chapters' folder if it exists.
 * A plan with nothing in it is not an error. */
octavo_status octavo_plan_load(const char *folder, const char *config, octavo_plan *plan,
                               octavo_diags *d);

void octavo_plan_free(octavo_plan *plan);

#endif
