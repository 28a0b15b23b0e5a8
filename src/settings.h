/* settings.h — the book's settings, resolved once: what the command line
 * (octavo_build_options), the book's plan (book.yaml) and the sources
 * say, with
 *
 *     command line  >  book.yaml  >  front matter and the text itself
 *
 * The command line wins over book.yaml for every setting both can give;
 * what neither gives is left for the stages to find in the text (title,
 * authors, language) or takes its default. Flags (--vertical, --captions,
 * --epubcheck) are on when either turns them on. The stages take these
 * settings (or the part they need: arrange, render), never the options
 * and the plan. */
#ifndef OCTAVO_SETTINGS_H
#define OCTAVO_SETTINGS_H

#include "arrange.h"
#include "diag.h"
#include "octavo.h"
#include "plan.h"
#include "render.h"
#include "source.h"
#include "understand.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Sources larger than this together are built with low_memory. */
#define OCTAVO_LOW_MEMORY_ABOVE ((size_t)8 * 1024 * 1024)
/* ...but a source larger than this is kept: it is understood whole, and
 * its chapters are rendered on every core only when kept. */
#define OCTAVO_LOW_MEMORY_SOURCE ((size_t)4 * 1024 * 1024)

/* A file a setting names (cover, stylesheet, font). */
typedef struct octavo_setting_file {
    char *path; /* owned; NULL: none given */
    /* The resolved folder the file must lie in when book.yaml named it
     * (the folder is untrusted), or NULL: the command line may name any. */
    const char *root;
    /* What named it, for messages: "--cover", or the config file. */
    const char *named_in;
} octavo_setting_file;

typedef struct octavo_settings {
    /* Reading the sources. */
    const char *encoding;       /* every file's (a plan entry's still wins), or NULL */
    const char *const *formats; /* --format values, see octavo_settings_format */
    size_t format_count;
    unsigned threads; /* cores to work on */
    /* Chapters' trees may be freed once understood and made again to
     * render them: asked, or the sources are large, and the text is not
     * converted (it would have to be converted again). */
    bool low_memory;
    /* Title, authors, language, identifier and the like, for arrange
     * (its `modified` is octavo_settings_modified, known after reading). */
    octavo_arrange_options arrange;
    long long source_date_epoch; /* negative: the newest source's mtime */
    const char *convert;         /* an OpenCC conversion, or NULL */
    const char *convert_named_in;
    /* The look. */
    octavo_setting_file cover; /* none: a made cover, unless no_cover */
    bool no_cover;
    const char *theme;       /* NULL: the default */
    octavo_setting_file css; /* named_in also names the theme when no CSS */
    octavo_setting_file font;
    octavo_render_options render; /* captions, vertical */
    int toc_depth;                /* 1..6 */
    bool toc_page;                /* the contents page is in the reading order */
    /* Writing. */
    char *output; /* owned: where the book goes */
    int compression;
    bool check;     /* check the finished book before writing it */
    bool strict;    /* any warning fails the build */
    bool epubcheck; /* run epubcheck on the written book */
    void (*progress)(void *ctx, const char *stage, size_t done, size_t total);
    void *progress_ctx;
    char *root; /* owned: the book's folder, resolved (the files' `root`) */
} octavo_settings;

/* Resolves the settings from `opts`, the plan read from `folder` (the one
 * SOURCE folder, or NULL when the sources are files) and the listed
 * `sources`. The settings borrow strings from all three, which must
 * outlive them; free with octavo_settings_free. */
void octavo_settings_resolve(const octavo_build_options *opts, const octavo_plan *plan,
                             const char *folder, const octavo_source_list *sources,
                             octavo_settings *out);

void octavo_settings_free(octavo_settings *s);

/* The cores `opts` asks for (all when it does not say): also what the
 * sources are listed with, before there are settings. */
unsigned octavo_settings_threads(const octavo_build_options *opts);

/* dcterms:modified: SOURCE_DATE_EPOCH, else the newest source read. */
time_t octavo_settings_modified(const octavo_settings *s, const octavo_source_list *sources);

/* The --format that applies to a source: the last one naming it (by the
 * path given or its file name), else the last one without a name. */
octavo_format_choice octavo_settings_format(const octavo_settings *s, const octavo_source *source);

#endif
