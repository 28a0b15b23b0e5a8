/* finish.h — completes a chapter once its body is built: its title,
 * byline and signature, Chinese line joining, and its sections. */
#ifndef OCTAVO_FINISH_H
#define OCTAVO_FINISH_H

#include "document.h"
#include "source.h"

/* Takes the title from the body when front matter gave none (a first
 * level-1 heading or a short unpunctuated line, removed from the body as
 * the title is the chapter's h1; else the first sentence; else the file
 * name), then the byline and signature (byline.h); drops soft line
 * breaks between CJK characters; lists the headings as c->sections, the
 * shallowest at level 2, each heading's user data pointing at its
 * section. */
void octavo_finish_chapter(octavo_chapter *c, const octavo_source *src);

#endif
