/* plain.h — plain text laid out as blocks: one paragraph per line (text
 * copied from the web) or per run of lines between blank lines; short
 * unpunctuated or numbered lines ("1、…", "一、…", "第三章") as headings;
 * numbered lines in a row as a list. Also the heading patterns the other
 * stages recognise: numbered headings, chapter and volume markers. */
#ifndef OCTAVO_PLAIN_H
#define OCTAVO_PLAIN_H

#include "text.h"

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>

/* Longest line (in characters) that can still be a heading or a title. */
#define OCTAVO_HEADING_MAX_CHARS 30

/* "第一卷 …", "第2部", "Volume 3", "Volume IV": the start of a part. */
bool octavo_is_volume_marker(const char *s, size_t len);
/* "第三章 …", "第十回", "Chapter 2 …" (but not a part marker). */
bool octavo_is_chapter_marker(const char *s, size_t len);
/* A numbered heading line ("1、创业公司：打不过就加入") that is not a
 * numbered sentence ("（1）如果要……必须非常小心。"): short, and not ending
 * as a sentence ends. */
bool octavo_is_numbered_title(const char *s, size_t len);
/* A short line that reads as a topic heading: a numbered heading, or a
 * few words without clause punctuation. */
bool octavo_looks_like_heading(const char *s, size_t len);

/* The lines of a text, each trimmed, pointing into it. */
typedef struct octavo_plain_lines {
    octavo_span *items;
    size_t count, cap;
} octavo_plain_lines;

/* A unit is what becomes one block: a line in one-paragraph-per-line text,
 * a run of lines between blank lines otherwise. */
typedef struct octavo_plain_unit {
    const octavo_span *lines;
    size_t count;
} octavo_plain_unit;

/* Plain text laid out before any tree is made: its lines, and the units
 * that become its blocks. A novel's tree is made from it a slice of units
 * at a time. It points into the text, which must outlive it. */
typedef struct octavo_plain_layout {
    octavo_plain_lines all;
    octavo_plain_unit *units;
    size_t unit_count;
} octavo_plain_layout;

void octavo_plain_layout_make(const char *text, size_t len, octavo_plain_layout *out);
void octavo_plain_layout_free(octavo_plain_layout *l);

/* Appends to `doc` the blocks of units [from, to) as the whole text makes
 * them: a slice ends before a marker unit, which no list runs across. */
void octavo_plain_blocks(const octavo_plain_layout *l, size_t from, size_t to, cmark_node *doc);

/* A unit that starts a chapter of a novel: a chapter marker alone. */
bool octavo_plain_starts_chapter(const octavo_plain_unit *u);

#endif
