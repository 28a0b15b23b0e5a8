#include "diag.h"

#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void octavo_diag_vadd(octavo_diags *d, octavo_severity severity, const char *code, const char *file,
                      unsigned line, unsigned col, const char *fmt, va_list ap)
{
    size_t *count = severity == OCTAVO_ERROR     ? &d->errors
                    : severity == OCTAVO_WARNING ? &d->warnings
                                                 : &d->infos;
    if (severity == OCTAVO_INFO && d->no_info) {
        ++*count;
        return;
    }
    if (++*count > (severity == OCTAVO_INFO ? OCTAVO_DIAGS_MAX_INFO : OCTAVO_DIAGS_MAX)) {
        d->dropped[severity]++;
        return;
    }
    d->items = octavo_xgrow(d->items, &d->cap, d->count + 1, sizeof *d->items);
    octavo_diag *diag = &d->items[d->count++];
    octavo_buf msg = OCTAVO_BUF_INIT;
    octavo_buf_vprintf(&msg, fmt, ap);
    *diag = (octavo_diag){.severity = severity,
                          .file = file ? octavo_xstrdup(file) : NULL,
                          .line = line,
                          .col = col,
                          .message = octavo_buf_detach(&msg)};
    snprintf(diag->code, sizeof diag->code, "%s", code ? code : "");
}

void octavo_diag_add(octavo_diags *d, octavo_severity severity, const char *file, unsigned line,
                     unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    octavo_diag_vadd(d, severity, NULL, file, line, col, fmt, ap);
    va_end(ap);
}

void octavo_diags_move(octavo_diags *into, octavo_diags *from)
{
    for (size_t i = 0; i < from->count; i++) {
        octavo_diag *diag = &from->items[i];
        size_t *count = diag->severity == OCTAVO_ERROR     ? &into->errors
                        : diag->severity == OCTAVO_WARNING ? &into->warnings
                                                           : &into->infos;
        bool unread = diag->severity == OCTAVO_INFO && into->no_info;
        if (++*count > (diag->severity == OCTAVO_INFO ? OCTAVO_DIAGS_MAX_INFO : OCTAVO_DIAGS_MAX) ||
            unread) {
            if (!unread)
                into->dropped[diag->severity]++;
            free(diag->file);
            free(diag->message);
            continue;
        }
        into->items = octavo_xgrow(into->items, &into->cap, into->count + 1, sizeof *into->items);
        into->items[into->count++] = *diag;
    }
    into->errors += from->dropped[OCTAVO_ERROR];
    into->warnings += from->dropped[OCTAVO_WARNING];
    into->infos += from->dropped[OCTAVO_INFO];
    for (int s = 0; s < 3; s++)
        into->dropped[s] += from->dropped[s];
    free(from->items);
    *from = (octavo_diags)OCTAVO_DIAGS_INIT;
}

bool octavo_diags_has_errors(const octavo_diags *d)
{
    return d->errors > 0;
}

void octavo_diag_format(const octavo_diag *diag, octavo_buf *out)
{
    if (diag->file) {
        octavo_buf_puts(out, diag->file);
        if (diag->line) {
            octavo_buf_printf(out, ":%u", diag->line);
            if (diag->col)
                octavo_buf_printf(out, ":%u", diag->col);
        }
        octavo_buf_puts(out, ": ");
    }
    if (diag->severity == OCTAVO_WARNING)
        octavo_buf_puts(out, "warning: ");
    octavo_buf_puts(out, diag->message);
}

void octavo_diags_free(octavo_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    *d = (octavo_diags)OCTAVO_DIAGS_INIT;
}
