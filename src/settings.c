#include "settings.h"

#include "buf.h"
#include "mem.h"
#include "nav.h"
#include "parallel.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static octavo_format_choice format_named(const char *name)
{
    if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        return OCTAVO_FORMAT_FORCE_MARKDOWN;
    if (strcmp(name, "plain") == 0 || strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
        return OCTAVO_FORMAT_FORCE_PLAIN;
    return OCTAVO_FORMAT_AUTO;
}

bool octavo_format_option_is_valid(const char *value)
{
    const char *eq = strrchr(value, '=');
    return format_named(eq ? eq + 1 : value) != OCTAVO_FORMAT_AUTO && (!eq || eq != value);
}

octavo_format_choice octavo_settings_format(const octavo_settings *s, const octavo_source *source)
{
    octavo_format_choice all = OCTAVO_FORMAT_AUTO, mine = OCTAVO_FORMAT_AUTO;
    for (size_t i = 0; i < s->format_count; i++) {
        const char *v = s->formats[i], *eq = strrchr(v, '=');
        if (!eq) {
            all = format_named(v);
            continue;
        }
        size_t n = (size_t)(eq - v);
        if ((strlen(source->path) == n && strncmp(source->path, v, n) == 0) ||
            (strlen(source->name) == n && strncmp(source->name, v, n) == 0))
            mine = format_named(eq + 1);
    }
    return mine != OCTAVO_FORMAT_AUTO ? mine : all;
}

unsigned octavo_settings_threads(const octavo_build_options *opts)
{
    return opts->jobs ? opts->jobs : octavo_cpu_count();
}

time_t octavo_settings_modified(const octavo_settings *s, const octavo_source_list *sources)
{
    return s->source_date_epoch >= 0 ? (time_t)s->source_date_epoch : sources->newest_mtime;
}

/* A file named on the command line (`option`), else in book.yaml (`in`
 * the book's folder `here`, confined to `root`), else none. */
static octavo_setting_file file_setting(const char *given, const char *option, const char *planned,
                                        const char *here, const char *root, const char *config)
{
    if (given)
        return (octavo_setting_file){octavo_xstrdup(given), NULL, option};
    if (planned && *planned) {
        octavo_buf path = OCTAVO_BUF_INIT;
        octavo_buf_printf(&path, "%s/%s", here, planned);
        return (octavo_setting_file){octavo_buf_detach(&path), root, config};
    }
    return (octavo_setting_file){NULL, NULL, config};
}

void octavo_settings_resolve(const octavo_build_options *opts, const octavo_plan *plan,
                             const char *folder, const octavo_source_list *sources,
                             octavo_settings *out)
{
    octavo_settings *s = out;
    *s = (octavo_settings){0};
    const char *config = plan->config_path ? plan->config_path : "book.yaml";

    s->encoding = opts->encoding;
    s->formats = opts->formats;
    s->format_count = opts->format_count;
    s->threads = octavo_settings_threads(opts);
    s->convert = opts->convert ? opts->convert : plan->convert;
    s->convert_named_in = opts->convert ? "--convert" : config;
    if (s->convert && !*s->convert)
        s->convert = NULL;
    size_t bytes = 0;
    for (size_t i = 0; i < sources->count; i++)
        bytes += sources->items[i].file_bytes;
    s->low_memory = (opts->low_memory || bytes > OCTAVO_LOW_MEMORY_ABOVE) && !s->convert;

    bool cli_authors = opts->author_count > 0;
    s->arrange = (octavo_arrange_options){
        .title = opts->title ? opts->title : plan->title,
        .authors = cli_authors ? opts->authors : (const char *const *)plan->authors.items,
        .author_count = cli_authors ? opts->author_count : plan->authors.count,
        .lang = opts->lang ? opts->lang : plan->language,
        .identifier = opts->identifier ? opts->identifier : plan->identifier,
        .fallback_title = sources->folder_name,
        .subtitle = plan->subtitle,
        .publisher = plan->publisher,
        .rights = plan->rights,
        .description = plan->description,
        .date = plan->date,
        .subjects = (const char *const *)plan->subjects.items,
        .subject_count = plan->subjects.count,
    };
    s->source_date_epoch = opts->source_date_epoch;

    /* Files book.yaml names lie in the folder, and nothing outside an
     * untrusted folder gets in (each read checks the file it opens); the
     * command line may name any file. */
    const char *here = folder ? folder : ".";
    s->root = realpath(here, NULL);
    const char *inside = s->root ? s->root : "/nonexistent";
    s->cover = file_setting(opts->cover, "--cover", plan->cover, here, inside, config);
    s->no_cover = opts->no_cover;
    s->theme = opts->theme ? opts->theme : plan->theme;
    s->css = file_setting(opts->css, "--css", plan->css, here, inside, config);
    if (!s->css.path && opts->theme)
        s->css.named_in = "--theme";
    s->font = file_setting(opts->font, "--font", plan->font, here, inside, config);
    s->render = (octavo_render_options){.captions = opts->captions || plan->captions,
                                        .vertical = opts->vertical || plan->vertical};
    s->toc_depth = opts->toc_depth > 0   ? opts->toc_depth
                   : plan->toc_depth > 0 ? plan->toc_depth
                                         : OCTAVO_TOC_DEPTH_DEFAULT;
    s->toc_page = !plan->no_toc_page;

    if (opts->output) {
        s->output = octavo_xstrdup(opts->output);
    } else {
        octavo_buf b = OCTAVO_BUF_INIT;
        octavo_buf_printf(&b, "%s.epub", sources->folder_name ? sources->folder_name : "book");
        s->output = octavo_buf_detach(&b);
    }
    s->compression = opts->compression > 0 ? opts->compression : OCTAVO_COMPRESSION_DEFAULT;
    s->check = !opts->no_check;
    s->strict = opts->strict;
    s->epubcheck = opts->epubcheck || plan->epubcheck;
    s->progress = opts->progress;
    s->progress_ctx = opts->progress_ctx;
}

void octavo_settings_free(octavo_settings *s)
{
    free(s->cover.path);
    free(s->css.path);
    free(s->font.path);
    free(s->output);
    free(s->root);
    *s = (octavo_settings){0};
}
