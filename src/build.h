/* build.h — the pipeline behind `octavo build`, `toc` and `init`:
 * plan -> sources -> settings -> understand -> arrange -> the look, then
 * (build only) render -> package. Its options and entry points are
 * public, in octavo.h; this is what toc and init share with the build. */
#ifndef OCTAVO_BUILD_H
#define OCTAVO_BUILD_H

#include "buf.h"
#include "diag.h"
#include "document.h"
#include "font.h"
#include "octavo.h"
#include "plan.h"
#include "render_jobs.h"
#include "settings.h"
#include "source.h"

#include <stdbool.h>

/* Everything the book is before it is rendered: the plan, the sources,
 * the settings resolved from them and the options, the arranged chapters
 * with their images and cover, and the look. Owns all of it. */
typedef struct octavo_made_book {
    octavo_plan plan;
    octavo_source_list sources;
    octavo_settings settings;
    octavo_book book;
    octavo_buf stylesheet; /* styles/book.css */
    octavo_font *font;     /* to embed, or NULL */
    octavo_chapter_sources from;
} octavo_made_book;

/* Makes the book `opts` describes, up to rendering. With `may_forget`,
 * the chapters' trees may be freed once understood (low_memory): only a
 * build, which makes them again, allows it. `m` is filled even on failure
 * and freed with octavo_made_book_free. */
octavo_status octavo_make_book(const octavo_build_options *opts, bool may_forget,
                               octavo_made_book *m, octavo_diags *d);

void octavo_made_book_free(octavo_made_book *m);

#endif
