/* arrange.h — from understood chapters to a complete book: chapter file
 * names, heading ids, the book's title, authors, languages, identifier
 * and modification time. */
#ifndef OCTAVO_ARRANGE_H
#define OCTAVO_ARRANGE_H

#include "diag.h"
#include "document.h"

#include <time.h>

typedef struct octavo_arrange_options {
    const char *title;          /* NULL: the first chapter's title */
    const char *const *authors; /* none: the chapters' front matter authors */
    size_t author_count;
    const char *lang;           /* NULL: detected from the text */
    const char *identifier;     /* NULL: derived from title and authors */
    const char *fallback_title; /* the folder name */
    /* Given by the plan; NULL or "": none (front matter may give them). */
    const char *subtitle, *publisher, *rights, *description, *date;
    const char *const *subjects; /* ...and added to the front matter's */
    size_t subject_count;
    time_t modified; /* dcterms:modified and zip entry times */
} octavo_arrange_options;

/* Completes `book` in place. The caller has checked opts->lang is valid. */
octavo_status octavo_arrange(octavo_book *book, const octavo_arrange_options *opts,
                             octavo_diags *d);

/* An ASCII id made from an all-ASCII heading ("Big Tech & AI" ->
 * "big-tech-ai"), or NULL for any other text (the caller numbers those). */
char *octavo_slug(const char *text);

#endif
