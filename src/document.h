/* document.h — the book model: a book, its chapters, their sections.
 *
 * Plain data passed between the stages. `understand` fills each chapter
 * from its source; `arrange` completes the book (titles, ids, file names,
 * language, identifier); `render` and `package` only read it. */
#ifndef OCTAVO_DOCUMENT_H
#define OCTAVO_DOCUMENT_H

#include "buf.h"
#include "lang.h"

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef enum octavo_format {
    OCTAVO_FORMAT_MARKDOWN,
    OCTAVO_FORMAT_PLAIN,
} octavo_format;

/* A list of owned strings, in order, without duplicates where that
 * matters (authors, languages). */
typedef struct octavo_strings {
    char **items;
    size_t count, cap;
} octavo_strings;

void octavo_strings_add(octavo_strings *list, const char *s);
/* Adds s unless an equal string is already in the list. */
void octavo_strings_add_unique(octavo_strings *list, const char *s);
void octavo_strings_free(octavo_strings *list);

/* A heading inside a chapter: what the toc lists and links point to. */
typedef struct octavo_section {
    int level;        /* as rendered: 2..6 (the chapter title is the h1) */
    char *title;      /* plain text */
    char *id;         /* ASCII, unique in the chapter file; set by arrange */
    cmark_node *node; /* the heading in the chapter's body (not owned) */
} octavo_section;

/* A Markdown link or image of a chapter's body (outside raw HTML), and
 * what it becomes in the book: resources resolves images, arrange links;
 * the renderer reads it through the node's user data, which points here
 * while the body exists. */
typedef struct octavo_markdown_ref {
    cmark_node *node; /* in the body (not owned); NULL once the body is freed */
    bool image;
    char *written;      /* the URL as in the source */
    unsigned line;      /* in the source file */
    char *becomes;      /* a link's target in the book ("ch003.xhtml#setup"); NULL: none */
    size_t image_index; /* an image's: 1-based into octavo_book.images; 0: none */
} octavo_markdown_ref;

/* Something a chapter's raw HTML defines or points at, and what it
 * becomes in the book. The sanitizer finds them (octavo_find_references);
 * resources resolves images, arrange ids and links, as they do for
 * Markdown; the renderer writes `becomes`. */
typedef enum octavo_html_ref_kind {
    OCTAVO_HTML_ID,    /* id="…" (or <a name="…">): a place links may point at */
    OCTAVO_HTML_LINK,  /* <a href="…"> to a file or place of the book */
    OCTAVO_HTML_IMAGE, /* <img src="…"> */
    /* A footnote reference cmark wrote, by number: its id ("fnref-3") or
     * link ("#fn-3"); the renderer's */
    OCTAVO_HTML_NOTE_REF,
} octavo_html_ref_kind;

typedef struct octavo_html_ref {
    octavo_html_ref_kind kind;
    char *written; /* the attribute's value in the source */
    /* The id, link target ("ch003.xhtml#setup") or image source
     * ("../images/3fa9c2d1e0.png") to write instead; NULL: left out (the
     * stage that tried said why). */
    char *becomes;
    unsigned line; /* in the source file */
} octavo_html_ref;

typedef struct octavo_chapter {
    char *source_path; /* for messages */
    char *source_root; /* the source's root folder (octavo_source.root) */
    char *source_real; /* the file, links resolved (octavo_source.real); may be NULL */
    octavo_format format;
    /* Add to a body node's start line to get the line in the source file
     * (front matter lines come before the body). */
    int line_offset;
    char *title; /* plain text, never empty after understand */
    /* Where the title came from, for --verbose: "front matter", "heading",
     * "first line" or "file name". */
    const char *title_origin;
    /* The heading (or first line) the title was taken from, the source's
     * own: the page's h1, when the book's plan (SUMMARY.md, book.yaml)
     * titles the chapter otherwise in the contents. NULL: the title. */
    char *heading;
    octavo_strings authors; /* from front matter */
    char *date;             /* from front matter, as written; may be NULL */
    char *description;      /* from front matter; may be NULL */
    char *source_url;       /* where the text was published (front matter
                               source/url, or a link in a metadata quote) */
    octavo_strings tags;    /* front matter tags, or a metadata quote's */
    /* A line under the title naming author, date, source and tags, from
     * front matter and from a leading metadata quote ("> 來源: …"): a
     * paragraph of inline nodes; NULL when there is nothing to say. */
    cmark_node *byline;
    /* A closing signature or date line ("— 2025.11.1 于…"), taken out of
     * the body so it can be styled as one; may be NULL. */
    char *signature;
    char *lang;              /* BCP 47; set by arrange */
    octavo_lang_stats stats; /* characters of the chapter, for the language */
    /* The content as a Markdown tree (plain text is converted into one),
     * without the title heading. Owned. A build frees it (NULL) once the
     * chapter is rendered, with the sections' nodes and markdown_refs. */
    cmark_node *body;
    /* The sections in order; filled by understand, ids set by arrange. */
    octavo_section *sections;
    size_t section_count;
    char *file_name; /* "text/ch001.xhtml", relative to the package */
    char *id;        /* "ch001": manifest id */
    size_t part;     /* 1-based index into the book's parts; 0: none */
    /* 0 for a chapter; 1 for a chapter the author listed under the one
     * before it (a nested SUMMARY.md item), 2 under that, ...: the toc
     * nests it there. */
    int depth;
    /* 0 for a chapter; k for the k-th continuation of the chapter before
     * it: a chapter too large for one page is cut into pieces, each a file
     * of its own (see pieces.h). A piece has the chapter's title but
     * no heading, byline or metadata of its own. */
    size_t piece;
    /* A piece whose text starts with a heading (its first section) */
    bool starts_with_section;
    /* What the raw HTML in the body defines and points at, in order. */
    octavo_html_ref *html_refs;
    size_t html_ref_count, html_ref_cap;
    /* The body's Markdown links and images outside raw HTML, in order:
     * found once, so that resolving them walks no tree. */
    struct octavo_markdown_ref *markdown_refs;
    size_t markdown_ref_count, markdown_ref_cap;
} octavo_chapter;

/* A part (a volume of a novel) groups the chapters that follow it; it has
 * a page of its own with its title. */
typedef struct octavo_part {
    char *title;
    char *file_name; /* "text/part01.xhtml"; set by arrange */
    char *id;        /* "part01" */
} octavo_part;

/* An image the book carries, read from the source folder. */
typedef struct octavo_image {
    char *path;             /* in the package: "images/3fa9c2d1e0.png" */
    char *id;               /* manifest id: "img-3fa9c2d1e0" */
    const char *media_type; /* from the bytes: "image/png", ... */
    char *data;             /* owned */
    size_t len;
    unsigned char hash[20]; /* SHA-1 of data: the same picture is stored once */
} octavo_image;

typedef struct octavo_book {
    char *title;
    octavo_strings authors;
    char *subtitle;    /* may be NULL */
    char *publisher;   /* may be NULL */
    char *rights;      /* may be NULL */
    char *description; /* may be NULL */
    char *date;        /* W3C date (YYYY[-MM[-DD]]) or NULL */
    char *source_url;  /* may be NULL */
    octavo_strings subjects;
    octavo_strings languages; /* the main one first */
    char *identifier;
    time_t modified;
    octavo_chapter *chapters;
    size_t chapter_count, chapter_cap;
    octavo_part *parts;
    size_t part_count, part_cap;
    octavo_image *images;
    size_t image_count, image_cap;
    size_t cover; /* 1-based index into images; 0: no cover */
    /* Vertical right-to-left writing: pages turn to the left. */
    bool vertical;
} octavo_book;

/* Adds an empty chapter at the end and returns it (valid until the next
 * call). */
octavo_chapter *octavo_book_add_chapter(octavo_book *book);
/* Gives the book room for exactly `chapters` chapters (never fewer than
 * it has): a big book holds thousands of one-chapter books on their way
 * into it, each of which would otherwise keep room for eight. */
void octavo_book_fit(octavo_book *book, size_t chapters);
/* Adds a part titled `title`; returns its 1-based number for
 * octavo_chapter.part. */
size_t octavo_book_add_part(octavo_book *book, const char *title);
/* Moves what understanding one source put into `from` (its chapters and
 * parts, its title when `into` has none, its authors) to the end of
 * `into`, and frees the rest of `from`. */
void octavo_book_take(octavo_book *into, octavo_book *from);
/* The part that opens at chapter `i` (its first chapter), or NULL. */
const octavo_part *octavo_part_opening_at(const octavo_book *book, size_t i);
/* The line in the chapter's source file where body node `n` starts; 0
 * when unknown. */
unsigned octavo_source_line(const octavo_chapter *chapter, cmark_node *n);
void octavo_chapter_free(octavo_chapter *chapter);
/* Sets which file the chapter comes from (copies of path, root and real;
 * root and real may be NULL). */
void octavo_chapter_set_origin(octavo_chapter *chapter, const char *path, const char *root,
                               const char *real);
/* Frees the chapter's tree (body); what was found in it (sections,
 * references) stays, without their nodes. */
void octavo_chapter_free_body(octavo_chapter *chapter);
/* Gives `into`, whose body was freed, the body of `again`: the same
 * source understood a second time. Its sections and references are
 * matched in order; false (nothing taken) when they do not match, i.e.
 * the source changed in between. */
bool octavo_chapter_take_body(octavo_chapter *into, octavo_chapter *again);
void octavo_book_free(octavo_book *book);

/* The text of a node and its descendants, as plain text. Soft and hard
 * line breaks become a space (nothing between CJK characters). Caller
 * frees. */
char *octavo_node_text(cmark_node *node);
/* The same text, untrimmed, appended to `out`. */
void octavo_node_append_text(cmark_node *node, octavo_buf *out);
/* A new text node holding a copy of s[0..len); the caller owns it. */
cmark_node *octavo_text_node(const char *s, size_t len);

#endif
