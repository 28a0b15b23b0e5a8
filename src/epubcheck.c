#include "epubcheck.h"

#include "buf.h"
#include "mem.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void octavo_page_sources_add(octavo_page_sources *pages, const char *inner_path,
                             const char *source_path, octavo_line_map *lines)
{
    pages->items = octavo_xgrow(pages->items, &pages->cap, pages->count + 1, sizeof *pages->items);
    pages->items[pages->count++] =
        (octavo_page_source){octavo_xstrdup(inner_path), octavo_xstrdup(source_path), *lines};
    *lines = (octavo_line_map){0};
}

void octavo_page_sources_free(octavo_page_sources *pages)
{
    for (size_t i = 0; i < pages->count; i++) {
        free(pages->items[i].inner_path);
        free(pages->items[i].source_path);
        octavo_line_map_free(&pages->items[i].lines);
    }
    free(pages->items);
    *pages = (octavo_page_sources){0};
}

static bool is_severity(const char *s, size_t n)
{
    static const char *const names[] = {"FATAL", "ERROR", "WARNING", "USAGE", "INFO"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncmp(s, names[i], n) == 0)
            return true;
    return false;
}

/* The line without terminal colours (epubcheck-ts paints its output). */
static void strip_colours(const char *in, char *out, size_t size)
{
    size_t w = 0;
    for (const char *p = in; *p && w + 1 < size; p++) {
        if (*p == '\033' && p[1] == '[') {
            p += 2;
            while (*p && !isalpha((unsigned char)*p))
                p++;
            if (!*p)
                break;
            continue;
        }
        if (*p != '\n' && *p != '\r')
            out[w++] = *p;
    }
    out[w] = '\0';
}

static void copy(char *to, size_t size, const char *from, size_t n)
{
    if (n >= size)
        n = size - 1;
    memcpy(to, from, n);
    to[n] = '\0';
}

/* "path(12,5)" or "path:12" or "path": the path and the line. */
static void read_location(const char *loc, size_t n, octavo_epubcheck_message *m)
{
    m->line = 0;
    size_t end = n;
    if (n && loc[n - 1] == ')') {
        const char *open = memchr(loc, '(', n);
        const char *last_open = open;
        while (open && (open = memchr(open + 1, '(', n - (size_t)(open + 1 - loc))))
            last_open = open;
        if (last_open && isdigit((unsigned char)last_open[1])) {
            m->line = (unsigned)strtoul(last_open + 1, NULL, 10);
            end = (size_t)(last_open - loc);
        }
    } else {
        size_t k = n;
        while (k && isdigit((unsigned char)loc[k - 1]))
            k--;
        if (k < n && k && loc[k - 1] == ':') {
            m->line = (unsigned)strtoul(loc + k, NULL, 10);
            end = k - 1;
        }
    }
    copy(m->path, sizeof m->path, loc, end);
}

bool octavo_epubcheck_read_line(const char *raw, octavo_epubcheck_message *m)
{
    char line[2048];
    strip_colours(raw, line, sizeof line);
    const char *p = line;
    while (*p == ' ')
        p++;
    /* epubcheck-ts: the code comes on the line after the message. */
    if (strncmp(p, "ID: ", 4) == 0 && m->severity[0] && !m->code[0]) {
        copy(m->code, sizeof m->code, p + 4, strcspn(p + 4, " "));
        return true;
    }
    size_t sev = 0;
    while (isupper((unsigned char)p[sev]))
        sev++;
    if (!sev || !is_severity(p, sev))
        return false;
    *m = (octavo_epubcheck_message){0};
    copy(m->severity, sizeof m->severity, p, sev);
    p += sev;
    if (*p == '(') { /* epubcheck: ERROR(RSC-012): book.epub/EPUB/x.xhtml(20,94): message */
        size_t code = strcspn(p + 1, ")");
        copy(m->code, sizeof m->code, p + 1, code);
        p += 1 + code;
        if (strncmp(p, "): ", 3) != 0)
            return false;
        p += 3;
        /* The location ends with "(line,column)" when it has one. */
        const char *rest = strstr(p, "): ");
        const char *k = rest;
        while (k && k > p && (isdigit((unsigned char)k[-1]) || k[-1] == ',' || k[-1] == '-'))
            k--;
        bool located = rest && k > p && k[-1] == '(' && k < rest;
        const char *colon = strstr(p, ": ");
        if (located) {
            read_location(p, (size_t)(rest + 1 - p), m);
            p = rest + 3;
        } else if (colon) {
            read_location(p, (size_t)(colon - p), m);
            p = colon + 2;
        }
        copy(m->message, sizeof m->message, p, strlen(p));
        return true;
    }
    if (strncmp(p, " (", 2) == 0) { /* epubcheck-ts: ERROR (EPUB/x.xhtml:20): message */
        const char *close = strstr(p, "): ");
        if (!close)
            return false;
        read_location(p + 2, (size_t)(close - p - 2), m);
        p = close + 3;
    } else if (*p == ':') {
        p += *p ? 1 : 0;
        while (*p == ' ')
            p++;
    } else {
        return false;
    }
    copy(m->message, sizeof m->message, p, strlen(p));
    return false; /* the code follows */
}

static const octavo_page_source *page_named(const octavo_page_sources *pages, const char *path)
{
    for (size_t i = 0; i < pages->count; i++)
        if (strcmp(pages->items[i].inner_path, path) == 0)
            return &pages->items[i];
    return NULL;
}

/* Says one message: at the source line when it is about a chapter. */
static void report(const octavo_epubcheck_message *m, const char *book, const char *shown_as,
                   const octavo_page_sources *pages, octavo_diags *d, size_t *errors)
{
    bool error = strcmp(m->severity, "ERROR") == 0 || strcmp(m->severity, "FATAL") == 0;
    if (!error && strcmp(m->severity, "WARNING") != 0)
        return; /* USAGE and INFO are advice epubcheck itself hides */
    if (error)
        (*errors)++;
    /* Its path is the book's path, then the inner path. */
    const char *inner = m->path;
    size_t book_len = strlen(book);
    if (strncmp(inner, book, book_len) == 0 && inner[book_len] == '/')
        inner += book_len + 1;
    else if (strstr(inner, ".epub/"))
        inner = strstr(inner, ".epub/") + 6;
    const octavo_page_source *page = page_named(pages, inner);
    unsigned source_line = page && m->line ? octavo_line_map_find(&page->lines, m->line) : 0;
    octavo_buf where = OCTAVO_BUF_INIT;
    if (*inner && m->line)
        octavo_buf_printf(&where, " (%s:%u)", inner, m->line);
    else if (*inner && strcmp(inner, m->path) != 0)
        octavo_buf_printf(&where, " (%s)", inner);
    octavo_diag_add(d, error ? OCTAVO_ERROR : OCTAVO_WARNING, page ? page->source_path : shown_as,
                    source_line, 0, "%s%s: %s%s", error ? "ERROR " : "", m->code, m->message,
                    octavo_buf_cstr(&where));
    octavo_buf_free(&where);
}

static void shell_quote(octavo_buf *out, const char *s)
{
    octavo_buf_putc(out, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            octavo_buf_puts(out, "'\\''");
        else
            octavo_buf_putc(out, *s);
    }
    octavo_buf_putc(out, '\'');
}

static bool on_path(const char *program)
{
    const char *path = getenv("PATH");
    octavo_buf full = OCTAVO_BUF_INIT;
    bool found = false;
    for (const char *p = path ? path : ""; *p && !found;) {
        size_t n = strcspn(p, ":");
        octavo_buf_clear(&full);
        octavo_buf_printf(&full, "%.*s/%s", (int)n, p, program);
        found = access(octavo_buf_cstr(&full), X_OK) == 0;
        p += n + (p[n] ? 1 : 0);
    }
    octavo_buf_free(&full);
    return found;
}

static const char install_hint[] =
    "--epubcheck needs epubcheck: install it with 'apt-get install epubcheck' (Debian), or "
    "set OCTAVO_EPUBCHECK to a command such as 'epubcheck-ts' or 'java -jar epubcheck.jar'";

octavo_status octavo_run_epubcheck(const char *book, const char *shown_as,
                                   const octavo_page_sources *pages, octavo_diags *d)
{
    const char *command = getenv("OCTAVO_EPUBCHECK");
    if (!command || !*command) {
        if (access("/usr/bin/epubcheck", R_OK) != 0 || !on_path("java")) {
            octavo_diag_add(d, OCTAVO_ERROR, "octavo", 0, 0, "%s", install_hint);
            return OCTAVO_EINPUT;
        }
        command = "java -Xss64m -jar /usr/bin/epubcheck";
    }
    octavo_buf cmd = OCTAVO_BUF_INIT;
    octavo_buf_printf(&cmd, "%s ", command);
    shell_quote(&cmd, book);
    octavo_buf_puts(&cmd, " 2>&1");
    fflush(NULL);
    FILE *out = popen(octavo_buf_cstr(&cmd), "r");
    octavo_buf_free(&cmd);
    if (!out) {
        octavo_diag_add(d, OCTAVO_ERROR, "octavo", 0, 0, "%s", install_hint);
        return OCTAVO_EINPUT;
    }
    char line[4096];
    octavo_epubcheck_message m = {0};
    size_t errors = 0, said = 0;
    while (fgets(line, sizeof line, out)) {
        if (octavo_epubcheck_read_line(line, &m)) {
            report(&m, book, shown_as, pages, d, &errors);
            said++;
            m = (octavo_epubcheck_message){0};
        }
    }
    int status = pclose(out);
    if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        octavo_diag_add(d, OCTAVO_ERROR, "octavo", 0, 0, "%s", install_hint);
        return OCTAVO_EINPUT;
    }
    /* A failure it did not explain in a form read here still fails. */
    if (!errors && status != 0 && !said) {
        octavo_diag_add(d, OCTAVO_ERROR, "octavo", 0, 0,
                        "epubcheck failed on %s without a message octavo understands", shown_as);
        return OCTAVO_EINPUT;
    }
    octavo_diag_add(d, OCTAVO_INFO, shown_as, 0, 0, "epubcheck: %zu error%s", errors,
                    errors == 1 ? "" : "s");
    return errors ? OCTAVO_EINPUT : OCTAVO_OK;
}

char *octavo_epubcheck_staging_name(const char *output)
{
    octavo_buf name = OCTAVO_BUF_INIT;
    octavo_buf_printf(&name, "%s.octavo-%ld.epub", output, (long)getpid());
    return octavo_buf_detach(&name);
}

octavo_status octavo_epubcheck_publish(const char *staged, const char *output,
                                       const octavo_page_sources *pages, octavo_diags *d)
{
    octavo_status st = octavo_run_epubcheck(staged, output, pages, d);
    if (st == OCTAVO_OK && rename(staged, output) != 0) {
        octavo_diag_add(d, OCTAVO_ERROR, output, 0, 0, "cannot write: %s", strerror(errno));
        st = OCTAVO_EIO;
    }
    if (st != OCTAVO_OK) /* what it said is why (exit 1: nothing written) */
        unlink(staged);
    return st;
}
