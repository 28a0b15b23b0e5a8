/* byline.h — metadata written in the text rather than in front matter:
 * a leading quote of "label: value" lines ("> 來源: …") becomes the
 * chapter's byline, a closing line ("— 2025.11.1 于…") its signature. */
#ifndef OCTAVO_BYLINE_H
#define OCTAVO_BYLINE_H

#include "document.h"

/* Sets c->byline (a paragraph the chapter owns, or NULL when empty) from
 * front matter's authors and date, then the fields of a leading metadata
 * quote, which is removed from the body with a rule right after it; its
 * source link, date, authors and tags are taken into the chapter. */
void octavo_find_byline(octavo_chapter *c);

/* Takes a short closing line ("— date", "(name)") out of the body into
 * c->signature. */
void octavo_find_signature(octavo_chapter *c);

#endif
