/* novel.h — a plain-text novel in one file: one chapter per chapter
 * marker ("第一章 …", "Chapter 2"), one part per volume marker ("第一卷
 * …"), its header ("《书名》", "作者：…") taken as the book's title and
 * author. It is understood a slice (marker to marker) at a time, and a
 * slice can be made again from the novel's plan. */
#ifndef OCTAVO_NOVEL_H
#define OCTAVO_NOVEL_H

#include "document.h"
#include "plain.h"
#include "source.h"

#include <stdbool.h>
#include <stddef.h>

/* The plan of a novel says how to make each slice's chapters again. It
 * points into the source's text, which must stay until
 * octavo_novel_plan_free. */
typedef struct octavo_novel_plan octavo_novel_plan;

/* The number of units of `l` that start a chapter: two or more make a
 * plain text a novel. */
size_t octavo_novel_markers(const octavo_plain_layout *l);

/* Appends the novel laid out in `l` (the text of `src`) to `book`, slice
 * by slice, pieces cut and references found. With `forget`, each slice's
 * trees are freed once made (what was found in them stays). When `plan`
 * is not NULL, *plan gets the novel's plan, which takes over `l` (left
 * empty); the caller frees both. */
void octavo_novel_understand(octavo_plain_layout *l, const octavo_source *src, octavo_book *book,
                             bool forget, octavo_novel_plan **plan);

size_t octavo_novel_slices(const octavo_novel_plan *plan);
/* The chapters slice k made, counted from the first of its source. */
void octavo_novel_slice_chapters(const octavo_novel_plan *plan, size_t k, size_t *first,
                                 size_t *count);
/* Appends slice k's chapters, with their trees, to `book` (an empty one):
 * the same chapters in the same order, for octavo_chapter_take_body. */
void octavo_understand_again(const octavo_source *src, const octavo_novel_plan *plan, size_t k,
                             octavo_book *book);
void octavo_novel_plan_free(octavo_novel_plan *plan);

#endif
