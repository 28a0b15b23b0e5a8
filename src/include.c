#include "include.h"

#include "buf.h"
#include "file.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct expander {
    const char *root;
    octavo_diags *d;
    char *stack[OCTAVO_INCLUDE_MAX_DEPTH + 1]; /* the files being expanded, resolved */
    size_t depth;
    size_t added;     /* bytes included so far, for the bound */
    bool has_heading; /* the chapter has a "# " heading: {{#title}} adds none */
    const char *top;  /* the chapter's path, as passed: its lines are mapped */
    octavo_include_map *map;
    size_t counted;     /* bytes of the output whose newlines are counted */
    unsigned out_lines; /* ...in them, plus one: the line being written */
} expander;

/* The line of the expanded text being written. */
static unsigned out_line(expander *x, const octavo_buf *out)
{
    for (; x->counted < out->len; x->counted++)
        x->out_lines += out->data[x->counted] == '\n';
    return x->out_lines;
}

unsigned octavo_include_map_original(const octavo_include_map *map, unsigned line)
{
    size_t lo = 0, hi = map->count; /* the last span that starts at or before `line` */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->spans[mid].first <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return line;
    const octavo_include_span *s = &map->spans[lo - 1];
    return line <= s->last ? s->line : s->line + (line - s->last);
}

void octavo_include_map_free(octavo_include_map *map)
{
    free(map->spans);
    *map = (octavo_include_map){0};
}

static void expand(expander *x, const char *path, const char *text, size_t len, octavo_buf *out);

static bool is_word(int c)
{
    return isalnum(c) || c == '_' || c == '-';
}

/* Whether the line holds the marker ("ANCHOR:" or "ANCHOR_END:") for
 * `name`, or for any name when `name` is NULL. */
static bool has_marker(const char *line, size_t len, const char *marker, const char *name)
{
    size_t m = strlen(marker);
    for (size_t i = 0; i + m <= len; i++) {
        if (memcmp(line + i, marker, m) != 0 || (i && is_word((unsigned char)line[i - 1])))
            continue;
        size_t k = i + m;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        size_t w = k;
        while (w < len && is_word((unsigned char)line[w]))
            w++;
        if (w > k && (!name || (strlen(name) == w - k && memcmp(line + k, name, w - k) == 0)))
            return true;
    }
    return false;
}

/* A line of a Rust example that rustdoc and mdBook hide: "# " first. */
static bool is_hidden(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return (i + 1 == len && line[i] == '#') ||
           (i + 1 < len && line[i] == '#' && line[i + 1] == ' ');
}

typedef struct selection {
    unsigned long first, last; /* lines, 1-based and inclusive */
    char *anchor;              /* or the lines between this anchor's markers */
} selection;

/* "2:10", "2:", ":10", "2" or "name" (after the file's colon). */
static void parse_selection(const char *spec, size_t n, selection *s)
{
    *s = (selection){1, ULONG_MAX, NULL};
    while (n && isspace((unsigned char)spec[n - 1]))
        n--;
    if (!n)
        return;
    if (!isdigit((unsigned char)spec[0]) && spec[0] != ':') {
        s->anchor = octavo_xstrndup(spec, n);
        return;
    }
    char *copy = octavo_xstrndup(spec, n), *end;
    unsigned long a = strtoul(copy, &end, 10);
    if (*end == ':') {
        s->first = a ? a : 1;
        if (end[1])
            s->last = strtoul(end + 1, NULL, 10);
    } else {
        s->first = s->last = a;
    }
    free(copy);
}

/* The lines of `data` the selection names, without anchor markers (and
 * without hidden lines for rustdoc_include), into `out`. Returns false
 * when the anchor is not there. */
static bool select_lines(const char *data, size_t len, const selection *s, bool rustdoc,
                         octavo_buf *out)
{
    bool inside = !s->anchor, found = !s->anchor;
    unsigned long number = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
        const char *line = data + i;
        i += n + (nl != NULL);
        number++;
        if (s->anchor && !inside && has_marker(line, n, "ANCHOR:", s->anchor)) {
            inside = found = true;
            continue;
        }
        if (s->anchor && inside && has_marker(line, n, "ANCHOR_END:", s->anchor)) {
            inside = false;
            continue;
        }
        if (!inside || number < s->first || number > s->last ||
            has_marker(line, n, "ANCHOR:", NULL) || has_marker(line, n, "ANCHOR_END:", NULL) ||
            (rustdoc && is_hidden(line, n)))
            continue;
        octavo_buf_append(out, line, n);
        octavo_buf_putc(out, '\n');
    }
    /* (the directive's own line end follows) */
    while (out->len && out->data[out->len - 1] == '\n')
        out->data[--out->len] = '\0';
    return found;
}

/* {{#include ARGS}} (or rustdoc_include) written on `line` of `path`:
 * appends what it includes to `out`, or returns false after a warning. */
static bool include(expander *x, const char *path, unsigned line, const char *args, size_t n,
                    bool rustdoc, octavo_buf *out)
{
    const char *colon = memchr(args, ':', n);
    size_t name_len = colon ? (size_t)(colon - args) : n;
    char *name = octavo_xstrndup(args, name_len);
    const char *why = NULL;
    char *real = NULL, *data = NULL;
    size_t data_len = 0;
    octavo_buf file = OCTAVO_BUF_INIT, part = OCTAVO_BUF_INIT;
    selection sel = {0};
    if (!*name) {
        why = "no file named";
    } else if (x->depth >= OCTAVO_INCLUDE_MAX_DEPTH) {
        why = "includes nest too deep";
    } else if (name[0] == '/') {
        why = "outside the book's folder";
    } else {
        char *dir = octavo_xstrdup(path);
        octavo_buf_printf(&file, "%s/%s", dirname(dir), name);
        free(dir);
        real = realpath(octavo_buf_cstr(&file), NULL);
        if (!real)
            why = errno == ENOENT ? "no such file" : strerror(errno);
    }
    for (size_t i = 0; !why && i < x->depth; i++)
        if (strcmp(x->stack[i], real) == 0)
            why = "it would include itself";
    if (!why) {
        octavo_read_result r = octavo_read_whole_file(
            octavo_buf_cstr(&file), x->root, OCTAVO_INCLUDE_MAX_BYTES, &data, &data_len, NULL);
        if (r == OCTAVO_READ_TOO_LARGE)
            why = "larger than 16 MB";
        else if (r != OCTAVO_READ_OK)
            why = octavo_read_result_text(r);
        else if (octavo_utf8_invalid_offset(data, data_len) != data_len ||
                 memchr(data, '\0', data_len))
            why = "not UTF-8 text";
    }
    if (!why) {
        size_t skip = data_len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        parse_selection(args + name_len + (name_len < n), n - name_len - (name_len < n), &sel);
        if (!select_lines(data + skip, data_len - skip, &sel, rustdoc, &part))
            why = "no such anchor in it";
        else if (part.len > OCTAVO_INCLUDE_MAX_BYTES - x->added)
            why = "the chapter would take more than 16 MB of included text";
    }
    if (why && sel.anchor && strcmp(why, "no such anchor in it") == 0) {
        octavo_diag_add(x->d, OCTAVO_WARNING, path, line, 0,
                        "cannot include %s: no anchor '%s' in it", name, sel.anchor);
    } else if (why) {
        octavo_diag_add(x->d, OCTAVO_WARNING, path, line, 0, "cannot include %s: %s", name, why);
    } else {
        x->added += part.len;
        x->stack[x->depth++] = real;
        expand(x, octavo_buf_cstr(&file), octavo_buf_cstr(&part), part.len, out);
        x->depth--;
    }
    free(sel.anchor);
    free(name);
    free(real);
    free(data);
    octavo_buf_free(&file);
    octavo_buf_free(&part);
    return !why;
}

/* One directive ("include file:1:3", without its braces): false when it
 * is not one octavo knows or cannot be done, to be kept as written. */
static bool directive(expander *x, const char *path, unsigned line, const char *s, size_t n,
                      octavo_buf *out)
{
    size_t name = 0;
    while (name < n && (islower((unsigned char)s[name]) || s[name] == '_'))
        name++;
    size_t a = name;
    while (a < n && isspace((unsigned char)s[a]))
        a++;
    if (a == name) /* "{{#include}}" alone, "{{#include:..." */
        return false;
    const char *args = s + a;
    size_t len = n - a;
    while (len && isspace((unsigned char)args[len - 1]))
        len--;
    if ((name == 7 && memcmp(s, "include", 7) == 0) ||
        (name == 10 && memcmp(s, "playground", 10) == 0) ||
        (name == 7 && memcmp(s, "playpen", 7) == 0))
        return include(x, path, line, args, len, false, out);
    if (name == 15 && memcmp(s, "rustdoc_include", 15) == 0)
        return include(x, path, line, args, len, true, out);
    if (name == 5 && memcmp(s, "title", 5) == 0) {
        if (!x->has_heading) {
            octavo_buf_puts(out, "# ");
            octavo_buf_append(out, args, len);
            x->has_heading = true;
        }
        return true;
    }
    return false;
}

static void expand(expander *x, const char *path, const char *text, size_t len, octavo_buf *out)
{
    unsigned line = 1;
    size_t i = 0;
    while (i < len) {
        const char *hit = memmem(text + i, len - i, "{{", 2);
        if (!hit) {
            octavo_buf_append(out, text + i, len - i);
            return;
        }
        size_t at = (size_t)(hit - text);
        for (size_t k = i; k < at; k++)
            line += text[k] == '\n';
        size_t hash = at + 2; /* mdBook allows "{{ #include ...}}" */
        while (hash < len && (text[hash] == ' ' || text[hash] == '\t'))
            hash++;
        if (hash >= len || text[hash] != '#') {
            octavo_buf_append(out, text + i, at + 2 - i);
            i = at + 2;
            continue;
        }
        if (hash == at + 2 && at > i && text[at - 1] == '\\') { /* \{{#...}}: as text */
            octavo_buf_append(out, text + i, at - 1 - i);
            octavo_buf_append(out, "{{#", 3);
            i = at + 3;
            continue;
        }
        octavo_buf_append(out, text + i, at - i);
        const char *body = text + hash + 1;
        const char *eol = memchr(body, '\n', len - (hash + 1));
        const char *close = memmem(body, (size_t)((eol ? eol : text + len) - body), "}}", 2);
        if (!close) {
            octavo_buf_append(out, hit, (size_t)(body - hit));
            i = (size_t)(body - text);
            continue;
        }
        bool top = path == x->top;
        unsigned first = top ? out_line(x, out) : line;
        if (!directive(x, path, first, body, (size_t)(close - body), out))
            octavo_buf_append(out, hit, (size_t)(close + 2 - hit));
        if (top) {
            x->map->spans =
                octavo_xgrow(x->map->spans, &x->map->cap, x->map->count + 1, sizeof *x->map->spans);
            x->map->spans[x->map->count++] = (octavo_include_span){first, out_line(x, out), line};
        }
        i = (size_t)(close + 2 - text);
    }
}

bool octavo_include_wanted(const char *text, size_t len)
{
    return memmem(text, len, "{{", 2) != NULL;
}

/* Whether a line starts with "# ": the chapter has its title heading. */
static bool has_title_heading(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (len - i >= 2 && text[i] == '#' && text[i + 1] == ' ')
            return true;
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - text) + 1;
    }
    return false;
}

char *octavo_include_expand(const char *path, const char *root, const char *text, size_t len,
                            size_t *out_len, octavo_include_map *map, octavo_diags *d)
{
    expander x = {.root = root,
                  .d = d,
                  .has_heading = has_title_heading(text, len),
                  .top = path,
                  .map = map,
                  .out_lines = 1};
    char *self = realpath(path, NULL);
    if (self)
        x.stack[x.depth++] = self;
    octavo_buf out = OCTAVO_BUF_INIT;
    expand(&x, path, text, len, &out);
    free(self);
    *out_len = out.len;
    if (!out.data)
        return octavo_xstrdup("");
    return octavo_buf_detach(&out);
}
