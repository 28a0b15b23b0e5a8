#include "toml.h"

#include "buf.h"
#include "mem.h"
#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A real book.toml has tens of keys; duplicates are looked for among
 * all of them, so their number is bounded. */
#define MAX_VALUES 4096

typedef struct parser {
    const char *s;
    size_t len, pos;
    unsigned line;
    const char *file;
    octavo_diags *d;
    bool failed;
    octavo_toml *out;
} parser;

__attribute__((format(printf, 2, 3))) static void fail(parser *p, const char *fmt, ...)
{
    if (p->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    octavo_diag_vadd(p->d, OCTAVO_ERROR, NULL, p->file, p->line, 0, fmt, ap);
    va_end(ap);
    p->failed = true;
}

static int peek(const parser *p, size_t ahead)
{
    return p->pos + ahead < p->len ? (unsigned char)p->s[p->pos + ahead] : -1;
}

static bool at(const parser *p, const char *word)
{
    size_t n = strlen(word);
    return p->pos <= p->len && p->len - p->pos >= n && memcmp(p->s + p->pos, word, n) == 0;
}

static void skip_blanks(parser *p)
{
    while (peek(p, 0) == ' ' || peek(p, 0) == '\t')
        p->pos++;
}

/* Blanks, comments and line ends, as between the items of an array. */
static void skip_space(parser *p)
{
    for (;;) {
        skip_blanks(p);
        if (peek(p, 0) == '#') {
            while (p->pos < p->len && p->s[p->pos] != '\n')
                p->pos++;
        } else if (peek(p, 0) == '\n') {
            p->pos++;
            p->line++;
        } else {
            return;
        }
    }
}

/* After a key and value or a table header: only a comment may follow. */
static void end_of_line(parser *p)
{
    skip_blanks(p);
    if (peek(p, 0) == '#')
        while (p->pos < p->len && p->s[p->pos] != '\n')
            p->pos++;
    if (p->pos < p->len && p->s[p->pos] != '\n')
        fail(p, "unexpected '%c' after the value (one key = value a line)", p->s[p->pos]);
}

static void escape(parser *p, octavo_buf *b)
{
    int c = peek(p, 0);
    p->pos++;
    static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
    const char *k = c > 0 ? strchr(from, c) : NULL;
    if (k && c) {
        if (*k == 'b' || *k == 'f')
            fail(p, "'\\%c' is not a character a book can hold", c);
        octavo_buf_putc(b, to[k - from]);
        return;
    }
    if (c != 'u' && c != 'U') {
        fail(p, "unknown escape '\\%c' in a string", c > ' ' && c < 0x7f ? c : '?');
        return;
    }
    size_t digits = c == 'u' ? 4 : 8;
    uint32_t cp = 0;
    for (size_t i = 0; i < digits; i++) {
        int h = peek(p, 0);
        int v = h >= '0' && h <= '9'   ? h - '0'
                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                       : -1;
        if (v < 0) {
            fail(p, "'\\%c' needs %zu hexadecimal digits", c, digits);
            return;
        }
        cp = cp * 16 + (uint32_t)v;
        p->pos++;
    }
    if (!octavo_is_xml_char(cp) || cp == '\r') {
        fail(p, "'\\%c%0*X' is not a character a book can hold", c, (int)digits, (unsigned)cp);
        return;
    }
    octavo_buf_put_codepoint(b, cp);
}

/* A string of any of the four kinds, the opening quote at p->pos. */
static void string(parser *p, octavo_buf *b)
{
    char quote = p->s[p->pos];
    bool multi = at(p, quote == '"' ? "\"\"\"" : "'''");
    unsigned start = p->line;
    p->pos += multi ? 3 : 1;
    if (multi && peek(p, 0) == '\n') { /* a line end right after """ is not text */
        p->pos++;
        p->line++;
    }
    while (!p->failed) {
        int c = peek(p, 0);
        if (c < 0 || (c == '\n' && !multi)) {
            p->line = start;
            fail(p, "a string is not closed%s", multi ? "" : " on its line");
            return;
        }
        if (c == quote && (!multi || at(p, quote == '"' ? "\"\"\"" : "'''"))) {
            p->pos += multi ? 3 : 1;
            return;
        }
        if (c == '\\' && quote == '"') {
            p->pos++;
            int n = peek(p, 0);
            if (multi && (n == ' ' || n == '\t' || n == '\n')) {
                /* A backslash ending a line joins it to the next. */
                skip_space(p);
                continue;
            }
            escape(p, b);
            continue;
        }
        if (c == '\n')
            p->line++;
        octavo_buf_putc(b, (char)c);
        p->pos++;
    }
}

static bool is_bare(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* A dotted key ("book.title", "output.html", "\"/a.html\"") appended to
 * `key` with dots between its parts. */
static void read_key(parser *p, octavo_buf *key)
{
    for (bool first = true; !p->failed; first = false) {
        skip_blanks(p);
        if (!first)
            octavo_buf_putc(key, '.');
        int c = peek(p, 0);
        if (c == '"' || c == '\'') {
            if (at(p, "\"\"\"") || at(p, "'''")) {
                fail(p, "%s", "a key cannot be a multi-line string");
                return;
            }
            string(p, key);
        } else if (is_bare(c)) {
            while (is_bare(peek(p, 0)))
                octavo_buf_putc(key, p->s[p->pos++]);
        } else {
            fail(p, "%s", "a key is missing");
            return;
        }
        skip_blanks(p);
        if (peek(p, 0) != '.')
            return;
        p->pos++;
    }
}

typedef struct value {
    octavo_toml_kind kind;
    octavo_buf string;
    bool boolean;
    octavo_strings strings;
} value;

static void value_free(value *v)
{
    octavo_buf_free(&v->string);
    octavo_strings_free(&v->strings);
}

static void read_value(parser *p, value *v, int depth);

static void read_array(parser *p, value *v, int depth)
{
    p->pos++; /* [ */
    v->kind = OCTAVO_TOML_STRINGS;
    for (;;) {
        skip_space(p);
        if (p->failed || peek(p, 0) == ']')
            break;
        value item = {.string = OCTAVO_BUF_INIT};
        read_value(p, &item, depth + 1);
        if (item.kind == OCTAVO_TOML_STRING && v->kind == OCTAVO_TOML_STRINGS)
            octavo_strings_add(&v->strings, octavo_buf_cstr(&item.string));
        else
            v->kind = OCTAVO_TOML_OTHER;
        value_free(&item);
        skip_space(p);
        if (peek(p, 0) == ',') {
            p->pos++;
        } else if (peek(p, 0) != ']') {
            fail(p, "%s", "an array needs ',' between its items and ']' at its end");
            break;
        }
    }
    if (!p->failed)
        p->pos++; /* ] */
}

/* { key = value, ... } on one line: read past (nothing octavo uses). */
static void read_inline_table(parser *p, int depth)
{
    p->pos++; /* { */
    skip_blanks(p);
    if (peek(p, 0) == '}') {
        p->pos++;
        return;
    }
    while (!p->failed) {
        octavo_buf key = OCTAVO_BUF_INIT;
        read_key(p, &key);
        octavo_buf_free(&key);
        if (p->failed)
            return;
        if (peek(p, 0) != '=') {
            fail(p, "%s", "'=' is missing after a key");
            return;
        }
        p->pos++;
        skip_blanks(p);
        value item = {.string = OCTAVO_BUF_INIT};
        read_value(p, &item, depth + 1);
        value_free(&item);
        skip_blanks(p);
        if (peek(p, 0) == ',') {
            p->pos++;
            skip_blanks(p);
            if (peek(p, 0) == '\n' || peek(p, 0) < 0)
                fail(p, "%s",
                     "an inline table needs ',' between its keys and '}' on the same line");
        } else if (peek(p, 0) == '}') {
            p->pos++;
            return;
        } else {
            fail(p, "%s", "an inline table needs ',' between its keys and '}' on the same line");
        }
    }
}

static void read_value(parser *p, value *v, int depth)
{
    if (depth > OCTAVO_TOML_MAX_DEPTH) {
        fail(p, "arrays and tables nest more than %d deep", OCTAVO_TOML_MAX_DEPTH);
        return;
    }
    int c = peek(p, 0);
    if (c == '"' || c == '\'') {
        v->kind = OCTAVO_TOML_STRING;
        string(p, &v->string);
    } else if (c == '[') {
        read_array(p, v, depth);
    } else if (c == '{') {
        v->kind = OCTAVO_TOML_OTHER;
        read_inline_table(p, depth);
    } else {
        /* true, false, a number or a date: one bare word (a date and a
         * time may be separated by a space). */
        size_t start = p->pos;
        while (is_bare(peek(p, 0)) || peek(p, 0) == '.' || peek(p, 0) == ':' || peek(p, 0) == '+' ||
               (peek(p, 0) == ' ' && p->pos > start && peek(p, 1) >= '0' && peek(p, 1) <= '9'))
            p->pos++;
        size_t n = p->pos - start;
        if (!n) {
            fail(p, "%s", "a value is missing (text needs quotes)");
            return;
        }
        if ((n == 4 && memcmp(p->s + start, "true", 4) == 0) ||
            (n == 5 && memcmp(p->s + start, "false", 5) == 0)) {
            v->kind = OCTAVO_TOML_BOOL;
            v->boolean = n == 4;
        } else if ((p->s[start] >= '0' && p->s[start] <= '9') || p->s[start] == '+' ||
                   p->s[start] == '-' || (n == 3 && memcmp(p->s + start, "inf", 3) == 0) ||
                   (n == 3 && memcmp(p->s + start, "nan", 3) == 0)) {
            v->kind = OCTAVO_TOML_OTHER;
        } else {
            fail(p, "'%.*s' is not a value (text needs quotes)", (int)(n > 40 ? 40 : n),
                 p->s + start);
        }
    }
}

static void add_value(parser *p, const char *key, value *v, unsigned line)
{
    octavo_toml *t = p->out;
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->values[i].key, key) == 0) {
            fail(p, "'%s' is given twice (first on line %u)", key, t->values[i].line);
            return;
        }
    if (t->count >= MAX_VALUES) {
        fail(p, "more than %d keys", MAX_VALUES);
        return;
    }
    t->values = octavo_xgrow(t->values, &t->cap, t->count + 1, sizeof *t->values);
    octavo_toml_value *out = &t->values[t->count++];
    *out = (octavo_toml_value){.key = octavo_xstrdup(key),
                               .kind = v->kind,
                               .boolean = v->boolean,
                               .strings = v->strings,
                               .line = line};
    if (v->kind == OCTAVO_TOML_STRING)
        out->string = octavo_buf_detach(&v->string);
    v->strings = (octavo_strings){0};
}

octavo_status octavo_toml_parse(const char *text, size_t len, const char *file, octavo_toml *out,
                                octavo_diags *d)
{
    *out = (octavo_toml){0};
    parser p = {.s = text, .len = len, .line = 1, .file = file, .d = d, .out = out};
    octavo_buf table = OCTAVO_BUF_INIT;
    bool in_array_table = false; /* [[name]]: its keys repeat; read past */
    if (at(&p, "\xEF\xBB\xBF"))
        p.pos += 3;
    while (!p.failed) {
        skip_space(&p);
        if (p.pos >= p.len)
            break;
        unsigned line = p.line;
        if (peek(&p, 0) == '[') {
            bool array = peek(&p, 1) == '[';
            p.pos += array ? 2 : 1;
            octavo_buf_clear(&table);
            read_key(&p, &table);
            if (!p.failed && !(array ? at(&p, "]]") : at(&p, "]")))
                fail(&p, "%s",
                     array ? "']]' is missing after a table name"
                           : "']' is missing after a table name");
            p.pos += array ? 2 : 1;
            in_array_table = array;
            end_of_line(&p);
            continue;
        }
        octavo_buf key = OCTAVO_BUF_INIT;
        if (table.len) {
            octavo_buf_append(&key, table.data, table.len);
            octavo_buf_putc(&key, '.');
        }
        read_key(&p, &key);
        if (!p.failed && peek(&p, 0) != '=')
            fail(&p, "%s", "'=' is missing after a key");
        p.pos++;
        skip_blanks(&p);
        value v = {.string = OCTAVO_BUF_INIT};
        if (!p.failed)
            read_value(&p, &v, 0);
        if (!p.failed)
            end_of_line(&p);
        if (!p.failed && !in_array_table)
            add_value(&p, octavo_buf_cstr(&key), &v, line);
        value_free(&v);
        octavo_buf_free(&key);
    }
    octavo_buf_free(&table);
    return p.failed ? OCTAVO_EINPUT : OCTAVO_OK;
}

const octavo_toml_value *octavo_toml_get(const octavo_toml *t, const char *key)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->values[i].key, key) == 0)
            return &t->values[i];
    return NULL;
}

void octavo_toml_free(octavo_toml *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->values[i].key);
        free(t->values[i].string);
        octavo_strings_free(&t->values[i].strings);
    }
    free(t->values);
    *t = (octavo_toml){0};
}
