/* report.c — findings: kept (up to a bound) and counted, formatted one a
 * line, and the whole report as JSON. */
#include "check_internal.h"

#include <stdarg.h>

void octavo_check_add_finding(octavo_diags *r, octavo_severity severity, const char *code,
                              const char *path, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    octavo_diag_vadd(r, severity, code, path, line, 0, fmt, ap);
    va_end(ap);
}

const char *octavo_finding_severity(octavo_severity severity, bool capitals)
{
    static const char *const names[][2] = {
        [OCTAVO_INFO] = {"usage", "USAGE"},
        [OCTAVO_WARNING] = {"warning", "WARNING"},
        [OCTAVO_ERROR] = {"error", "ERROR"},
    };
    return names[severity][capitals];
}

void octavo_finding_format(const octavo_diag *f, const char *book, octavo_buf *out)
{
    octavo_buf_printf(out, "%s: ", book);
    if (f->file) {
        octavo_buf_puts(out, f->file);
        if (f->line)
            octavo_buf_printf(out, ":%u", f->line);
        octavo_buf_puts(out, ": ");
    }
    octavo_buf_printf(out, "%s %s: %s", octavo_finding_severity(f->severity, true), f->code,
                      f->message);
}

static void json_string(octavo_buf *out, const char *s)
{
    octavo_buf_putc(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            octavo_buf_printf(out, "\\%c", c);
        else if (c == '\n')
            octavo_buf_puts(out, "\\n");
        else if (c < 0x20)
            octavo_buf_printf(out, "\\u%04x", c);
        else
            octavo_buf_putc(out, (char)c);
    }
    octavo_buf_putc(out, '"');
}

void octavo_check_report_json(const octavo_diags *r, const char *book, octavo_buf *out)
{
    octavo_buf_puts(out, "{\"book\":");
    json_string(out, book);
    octavo_buf_printf(out, ",\"errors\":%zu,\"warnings\":%zu,\"findings\":[", r->errors,
                      r->warnings);
    for (size_t i = 0; i < r->count; i++) {
        const octavo_diag *f = &r->items[i];
        octavo_buf_puts(out, i ? ",{" : "{");
        octavo_buf_printf(
            out, "\"severity\":\"%s\",\"code\":", octavo_finding_severity(f->severity, false));
        json_string(out, f->code);
        octavo_buf_puts(out, ",\"path\":");
        if (f->file)
            json_string(out, f->file);
        else
            octavo_buf_puts(out, "null");
        octavo_buf_printf(out, ",\"line\":%u,\"message\":", f->line);
        json_string(out, f->message);
        octavo_buf_putc(out, '}');
    }
    octavo_buf_puts(out, "]}");
}

void octavo_check_merge_findings(octavo_diags *into, const octavo_diags *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const octavo_diag *f = &from->items[i];
        octavo_check_add_finding(into, f->severity, f->code, f->file, f->line, "%s", f->message);
    }
    /* and those the page counted without keeping */
    into->errors += from->dropped[OCTAVO_ERROR];
    into->warnings += from->dropped[OCTAVO_WARNING];
    into->infos += from->dropped[OCTAVO_INFO];
}
