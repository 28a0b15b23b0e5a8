/* init.c — octavo init: book.yaml written from the book as found. */
#include "init.h"

#include "build.h"
#include "file.h"

#include <errno.h>
#include <string.h>
#include <yaml.h>

/* Adds "key: value" to the mapping being emitted. */
static void emit_pair(yaml_emitter_t *e, const char *key, const char *value)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)key, -1, 1, 1,
                                 YAML_PLAIN_SCALAR_STYLE);
    yaml_emitter_emit(e, &ev);
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)value, -1, 1, 1,
                                 YAML_ANY_SCALAR_STYLE);
    yaml_emitter_emit(e, &ev);
}

static void emit_event(yaml_emitter_t *e, yaml_event_t *ev)
{
    yaml_emitter_emit(e, ev);
}

static int write_to_buf(void *data, unsigned char *bytes, size_t size)
{
    octavo_buf_append(data, (const char *)bytes, size);
    return 1;
}

/* A file's name relative to the book's folder. */
static const char *relative_to(const char *path, const char *folder)
{
    size_t n = strlen(folder);
    if (strcmp(folder, ".") != 0 && strncmp(path, folder, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

octavo_status octavo_init(const octavo_build_options *opts, bool force, octavo_buf *written,
                          octavo_diags *d)
{
    const char *folder = opts->source_count ? opts->sources[0] : ".";
    octavo_buf path = OCTAVO_BUF_INIT;
    octavo_buf_printf(&path, "%s/book.yaml", folder);
    if (!force && octavo_file_exists(octavo_buf_cstr(&path))) {
        octavo_diag_add(d, OCTAVO_ERROR, octavo_buf_cstr(&path), 0, 0,
                        "already exists; use --force to replace it");
        octavo_buf_free(&path);
        return OCTAVO_EINPUT;
    }
    size_t first_message = d->count;
    octavo_made_book m;
    octavo_build_options o = *opts;
    o.no_cover = true; /* init reads; it makes nothing else */
    octavo_status st = octavo_make_book(&o, false, &m, d);
    octavo_buf yaml = OCTAVO_BUF_INIT;
    if (st == OCTAVO_OK) {
        const octavo_book *b = &m.book;
        octavo_buf_puts(&yaml, "# book.yaml, written by octavo init: the book as octavo found it.\n"
                               "# Move the lines under chapters to change the order; edit titles;\n"
                               "# remove a chapter to leave it out. Then run: octavo build\n");
        yaml_emitter_t e;
        yaml_event_t ev;
        yaml_emitter_initialize(&e);
        yaml_emitter_set_output(&e, write_to_buf, &yaml);
        yaml_emitter_set_unicode(&e, 1);
        yaml_emitter_set_width(&e, 100);
        yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
        emit_event(&e, &ev);
        yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
        emit_event(&e, &ev);
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        emit_event(&e, &ev);
        emit_pair(&e, "title", b->title);
        if (b->authors.count) {
            yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"author", -1, 1, 1,
                                         YAML_PLAIN_SCALAR_STYLE);
            emit_event(&e, &ev);
            yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
            emit_event(&e, &ev);
            for (size_t i = 0; i < b->authors.count; i++) {
                yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)b->authors.items[i],
                                             -1, 1, 1, YAML_ANY_SCALAR_STYLE);
                emit_event(&e, &ev);
            }
            yaml_sequence_end_event_initialize(&ev);
            emit_event(&e, &ev);
        }
        yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"chapters", -1, 1, 1,
                                     YAML_PLAIN_SCALAR_STYLE);
        emit_event(&e, &ev);
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        emit_event(&e, &ev);
        /* One entry per source file (a split novel is one file). */
        size_t part = 0;
        for (size_t i = 0; i < m.sources.count; i++) {
            const octavo_source *s = &m.sources.items[i];
            const octavo_chapter *c = NULL;
            for (size_t j = 0; j < b->chapter_count && !c; j++)
                if (strcmp(b->chapters[j].source_path, s->path) == 0)
                    c = &b->chapters[j];
            if (!c)
                continue;
            size_t entry_part = s->plan_entry ? m.plan.entries[s->plan_entry - 1].part : 0;
            if (entry_part != part) {
                if (part) {
                    yaml_sequence_end_event_initialize(&ev); /* the part's chapters */
                    emit_event(&e, &ev);
                    yaml_mapping_end_event_initialize(&ev);
                    emit_event(&e, &ev);
                }
                part = entry_part;
                if (part) {
                    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                        YAML_BLOCK_MAPPING_STYLE);
                    emit_event(&e, &ev);
                    emit_pair(&e, "part", m.plan.parts.items[part - 1]);
                    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"chapters", -1, 1,
                                                 1, YAML_PLAIN_SCALAR_STYLE);
                    emit_event(&e, &ev);
                    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                         YAML_BLOCK_SEQUENCE_STYLE);
                    emit_event(&e, &ev);
                }
            }
            yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
            emit_event(&e, &ev);
            emit_pair(&e, "file", relative_to(s->path, folder));
            emit_pair(&e, "title", c->title);
            emit_pair(&e, "lang", c->lang);
            yaml_mapping_end_event_initialize(&ev);
            emit_event(&e, &ev);
        }
        if (part) {
            yaml_sequence_end_event_initialize(&ev);
            emit_event(&e, &ev);
            yaml_mapping_end_event_initialize(&ev);
            emit_event(&e, &ev);
        }
        yaml_sequence_end_event_initialize(&ev);
        emit_event(&e, &ev);
        yaml_mapping_end_event_initialize(&ev);
        emit_event(&e, &ev);
        yaml_document_end_event_initialize(&ev, 1);
        emit_event(&e, &ev);
        yaml_stream_end_event_initialize(&ev);
        emit_event(&e, &ev);
        bool emitted = e.error == YAML_NO_ERROR;
        yaml_emitter_delete(&e);
        /* The folder may be hostile: no name in it is trusted for
         * writing (octavo_file_replace). */
        if (!emitted || !octavo_file_replace(octavo_buf_cstr(&path), yaml.data, yaml.len)) {
            octavo_diag_add(d, OCTAVO_ERROR, octavo_buf_cstr(&path), 0, 0, "cannot write: %s",
                            emitted ? strerror(errno) : "YAML could not be written");
            st = OCTAVO_EIO;
        } else {
            octavo_buf_puts(written, octavo_buf_cstr(&path));
        }
    }
    octavo_buf_free(&yaml);
    octavo_buf_free(&path);
    octavo_sources_fix_lines(&m.sources, d, first_message);
    octavo_made_book_free(&m);
    return st;
}
