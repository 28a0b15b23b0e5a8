/* frontmatter.h — a source's YAML front matter: where it ends, and what
 * it says about the chapter (title, authors, date, description, tags,
 * source, language). */
#ifndef OCTAVO_FRONTMATTER_H
#define OCTAVO_FRONTMATTER_H

#include "diag.h"
#include "document.h"
#include "source.h"

/* A source cut into its front matter (yaml is NULL when it has none) and
 * its body; both point into the source's text. */
typedef struct octavo_split_text {
    const char *yaml;
    size_t yaml_len;
    unsigned yaml_line;
    const char *body;
    size_t body_len;
    unsigned body_line; /* line of the source the body starts on */
} octavo_split_text;

/* Finds the front matter: a first line "---" followed by YAML-looking
 * lines and a closing "---" or "..." (else the "---" is a thematic break
 * and all is body). A front matter never closed is an error at line 1. */
octavo_status octavo_split_front_matter(const octavo_source *src, octavo_split_text *out,
                                        octavo_diags *d);

/* Reads split->yaml into the chapter's title, authors, date, description,
 * tags, source_url and lang. Malformed YAML or a key of the wrong kind is
 * an error at its line and column; a lang that is not BCP 47 is a
 * warning (the language is then detected). */
octavo_status octavo_apply_front_matter(const octavo_split_text *split, const octavo_source *src,
                                        octavo_chapter *c, octavo_diags *d);

/* Adds the words of "a, b，c d" (split at commas, spaces and '#') to
 * `list`, each once. */
void octavo_add_words(octavo_strings *list, const char *s, size_t len);

#endif
