#include "css.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- tokenization (CSS Syntax Level 3, §4) ------------------------------ */

void octavo_css_lexer_init(octavo_css_lexer *lx, const char *s, size_t len, unsigned line)
{
    *lx = (octavo_css_lexer){s, len, 0, line};
}

static int at(const octavo_css_lexer *lx, size_t k)
{
    return lx->pos + k < lx->len ? (unsigned char)lx->s[lx->pos + k] : -1;
}

static bool is_newline(int c)
{
    return c == '\n' || c == '\r' || c == '\f';
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || is_newline(c);
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_name(int c)
{
    return is_name_start(c) || is_digit(c) || c == '-';
}

static bool valid_escape(int c1, int c2)
{
    return c1 == '\\' && c2 != -1 && !is_newline(c2);
}

static bool starts_ident(int c1, int c2, int c3)
{
    if (c1 == '-')
        return is_name_start(c2) || c2 == '-' || valid_escape(c2, c3);
    if (is_name_start(c1))
        return true;
    return valid_escape(c1, c2);
}

static bool starts_number(int c1, int c2, int c3)
{
    if (c1 == '+' || c1 == '-')
        return is_digit(c2) || (c2 == '.' && is_digit(c3));
    if (c1 == '.')
        return is_digit(c2);
    return is_digit(c1);
}

static int hex_value(int c)
{
    return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Consumes an escape (lx->pos after the backslash); returns its code
 * point. */
static unsigned long consume_escape(octavo_css_lexer *lx)
{
    int c = at(lx, 0);
    if (c == -1)
        return 0xFFFD;
    if (is_hex(c)) {
        unsigned long cp = 0;
        for (int n = 0; n < 6 && is_hex(at(lx, 0)); n++, lx->pos++)
            cp = cp * 16 + (unsigned long)hex_value(at(lx, 0));
        if (at(lx, 0) == '\r' && at(lx, 1) == '\n')
            lx->pos += 2;
        else if (is_space(at(lx, 0)))
            lx->pos++;
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            cp = 0xFFFD;
        return cp;
    }
    /* Any other character stands for itself (a whole UTF-8 sequence). */
    lx->pos++;
    if (c >= 0x80)
        while (lx->pos < lx->len && ((unsigned char)lx->s[lx->pos] & 0xC0) == 0x80)
            lx->pos++;
    return (unsigned long)c; /* the lead byte: enough to tell it from ASCII */
}

static void consume_name(octavo_css_lexer *lx)
{
    for (;;) {
        int c = at(lx, 0);
        if (is_name(c)) {
            lx->pos++;
        } else if (valid_escape(c, at(lx, 1))) {
            lx->pos++;
            consume_escape(lx);
        } else {
            return;
        }
    }
}

static void consume_number(octavo_css_lexer *lx)
{
    if (at(lx, 0) == '+' || at(lx, 0) == '-')
        lx->pos++;
    while (is_digit(at(lx, 0)))
        lx->pos++;
    if (at(lx, 0) == '.' && is_digit(at(lx, 1))) {
        lx->pos++;
        while (is_digit(at(lx, 0)))
            lx->pos++;
    }
    int e = at(lx, 0), s = at(lx, 1);
    if ((e == 'e' || e == 'E') &&
        (is_digit(s) || ((s == '+' || s == '-') && is_digit(at(lx, 2))))) {
        lx->pos += 2;
        while (is_digit(at(lx, 0)))
            lx->pos++;
    }
}

static octavo_css_token_type consume_string(octavo_css_lexer *lx, int quote)
{
    lx->pos++;
    for (;;) {
        int c = at(lx, 0);
        if (c == -1)
            return OCTAVO_CSS_BAD_STRING; /* unterminated: not well-formed */
        if (c == quote) {
            lx->pos++;
            return OCTAVO_CSS_STRING;
        }
        if (is_newline(c))
            return OCTAVO_CSS_BAD_STRING; /* the newline is not part of it */
        lx->pos++;
        if (c == '\\') {
            int n = at(lx, 0);
            if (n == -1)
                continue;
            if (n == '\r' && at(lx, 1) == '\n')
                lx->pos += 2;
            else if (is_newline(n))
                lx->pos++;
            else
                consume_escape(lx);
        }
    }
}

static void consume_bad_url_remnants(octavo_css_lexer *lx)
{
    for (;;) {
        int c = at(lx, 0);
        if (c == -1)
            return;
        lx->pos++;
        if (c == ')')
            return;
        if (valid_escape(c, at(lx, 0)))
            consume_escape(lx);
    }
}

/* After "url(" and its whitespace. */
static octavo_css_token_type consume_url(octavo_css_lexer *lx)
{
    for (;;) {
        int c = at(lx, 0);
        if (c == -1)
            return OCTAVO_CSS_BAD_URL; /* unterminated */
        if (c == ')') {
            lx->pos++;
            return OCTAVO_CSS_URL;
        }
        if (is_space(c)) {
            while (is_space(at(lx, 0)))
                lx->pos++;
            if (at(lx, 0) == ')') {
                lx->pos++;
                return OCTAVO_CSS_URL;
            }
            consume_bad_url_remnants(lx);
            return OCTAVO_CSS_BAD_URL;
        }
        if (c == '"' || c == '\'' || c == '(' || (c < 0x20 && c != '\t') || c == 0x7F) {
            consume_bad_url_remnants(lx);
            return OCTAVO_CSS_BAD_URL;
        }
        lx->pos++;
        if (c == '\\') {
            if (!valid_escape(c, at(lx, 0))) {
                consume_bad_url_remnants(lx);
                return OCTAVO_CSS_BAD_URL;
            }
            consume_escape(lx);
        }
    }
}

/* Whether the name just consumed (from `start`) is "url", however
 * escaped and in whatever case. */
static bool name_is_url(const char *s, size_t start, size_t end)
{
    char name[8];
    octavo_css_token t = {OCTAVO_CSS_IDENT, start, end, 0};
    return octavo_css_token_value(s, &t, name, sizeof name) == 3 && strcasecmp(name, "url") == 0;
}

static octavo_css_token_type consume_ident_like(octavo_css_lexer *lx)
{
    size_t start = lx->pos;
    consume_name(lx);
    if (at(lx, 0) != '(')
        return OCTAVO_CSS_IDENT;
    bool url = name_is_url(lx->s, start, lx->pos);
    lx->pos++;
    if (!url)
        return OCTAVO_CSS_FUNCTION;
    while (is_space(at(lx, 0)) && is_space(at(lx, 1)))
        lx->pos++;
    int c = at(lx, 0);
    if (c == '"' || c == '\'' || (is_space(c) && (at(lx, 1) == '"' || at(lx, 1) == '\'')))
        return OCTAVO_CSS_FUNCTION; /* url("..."): the string is a token of its own */
    while (is_space(at(lx, 0)))
        lx->pos++;
    return consume_url(lx);
}

static octavo_css_token_type consume_numeric(octavo_css_lexer *lx)
{
    consume_number(lx);
    if (starts_ident(at(lx, 0), at(lx, 1), at(lx, 2))) {
        consume_name(lx);
        return OCTAVO_CSS_DIMENSION;
    }
    if (at(lx, 0) == '%') {
        lx->pos++;
        return OCTAVO_CSS_PERCENTAGE;
    }
    return OCTAVO_CSS_NUMBER;
}

static octavo_css_token_type consume_token(octavo_css_lexer *lx)
{
    int c = at(lx, 0), c1 = at(lx, 1), c2 = at(lx, 2);
    if (c == '/' && c1 == '*') {
        const char *end = NULL;
        if (lx->pos + 2 < lx->len)
            end = memmem(lx->s + lx->pos + 2, lx->len - lx->pos - 2, "*/", 2);
        if (!end) {
            lx->pos = lx->len;
            return OCTAVO_CSS_BAD_COMMENT;
        }
        lx->pos = (size_t)(end - lx->s) + 2;
        return OCTAVO_CSS_COMMENT;
    }
    if (is_space(c)) {
        while (is_space(at(lx, 0)))
            lx->pos++;
        return OCTAVO_CSS_WHITESPACE;
    }
    if (c == '"' || c == '\'')
        return consume_string(lx, c);
    if (is_digit(c))
        return consume_numeric(lx);
    if (is_name_start(c))
        return consume_ident_like(lx);
    switch (c) {
    case '#':
        if (is_name(c1) || valid_escape(c1, c2)) {
            lx->pos++;
            consume_name(lx);
            return OCTAVO_CSS_HASH;
        }
        break;
    case '+':
    case '.':
        if (starts_number(c, c1, c2))
            return consume_numeric(lx);
        break;
    case '-':
        if (starts_number(c, c1, c2))
            return consume_numeric(lx);
        if (c1 == '-' && c2 == '>') {
            lx->pos += 3;
            return OCTAVO_CSS_CDC;
        }
        if (starts_ident(c, c1, c2))
            return consume_ident_like(lx);
        break;
    case '<':
        if (lx->len - lx->pos >= 4 && memcmp(lx->s + lx->pos, "<!--", 4) == 0) {
            lx->pos += 4;
            return OCTAVO_CSS_CDO;
        }
        break;
    case '@':
        if (starts_ident(c1, c2, at(lx, 3))) {
            lx->pos++;
            consume_name(lx);
            return OCTAVO_CSS_AT_KEYWORD;
        }
        break;
    case '\\':
        if (valid_escape(c, c1))
            return consume_ident_like(lx);
        break;
    default:
        break;
    }
    /* Punctuation that is a token of its own. */
    static const struct {
        char c;
        octavo_css_token_type type;
    } single[] = {
        {'(', OCTAVO_CSS_LPAREN},   {')', OCTAVO_CSS_RPAREN}, {'[', OCTAVO_CSS_LBRACKET},
        {']', OCTAVO_CSS_RBRACKET}, {'{', OCTAVO_CSS_LBRACE}, {'}', OCTAVO_CSS_RBRACE},
        {',', OCTAVO_CSS_COMMA},    {':', OCTAVO_CSS_COLON},  {';', OCTAVO_CSS_SEMICOLON},
    };
    for (size_t i = 0; i < sizeof single / sizeof *single; i++)
        if (c == single[i].c) {
            lx->pos++;
            return single[i].type;
        }
    /* A delimiter: one whole character. */
    lx->pos++;
    while (lx->pos < lx->len && ((unsigned char)lx->s[lx->pos] & 0xC0) == 0x80)
        lx->pos++;
    return OCTAVO_CSS_DELIM;
}

void octavo_css_next(octavo_css_lexer *lx, octavo_css_token *t)
{
    t->start = lx->pos;
    t->line = lx->line;
    t->type = lx->pos < lx->len ? consume_token(lx) : OCTAVO_CSS_EOF;
    t->end = lx->pos;
    for (size_t i = t->start; i < t->end; i++)
        lx->line += lx->s[i] == '\n';
}

static void put_utf8(char *buf, size_t size, size_t *n, unsigned long cp)
{
    char tmp[4];
    size_t k;
    if (cp < 0x80) {
        tmp[0] = (char)cp;
        k = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    for (size_t i = 0; i < k; i++, (*n)++)
        if (*n + 1 < size)
            buf[*n] = tmp[i];
}

size_t octavo_css_token_value(const char *s, const octavo_css_token *t, char *buf, size_t size)
{
    size_t from = t->start, to = t->end;
    switch (t->type) {
    case OCTAVO_CSS_FUNCTION:
        to--;
        break;
    case OCTAVO_CSS_AT_KEYWORD:
    case OCTAVO_CSS_HASH:
        from++;
        break;
    case OCTAVO_CSS_STRING:
        from++;
        to--;
        break;
    case OCTAVO_CSS_URL: /* url( spaces VALUE spaces ) */
        while (s[from] != '(')
            from++;
        from++;
        to--;
        while (from < to && is_space((unsigned char)s[from]))
            from++;
        while (to > from && is_space((unsigned char)s[to - 1]))
            to--;
        break;
    default:
        break;
    }
    octavo_css_lexer lx = {s, to, from, 0};
    size_t n = 0;
    while (lx.pos < to) {
        int c = at(&lx, 0);
        lx.pos++;
        if (c == '\\') {
            int next = at(&lx, 0);
            if (next == -1)
                continue;
            if (is_newline(next)) { /* a line continued in a string */
                lx.pos += next == '\r' && at(&lx, 1) == '\n' ? 2 : 1;
                continue;
            }
            if (!is_hex(next)) { /* the character itself, all its bytes */
                c = next;
                lx.pos++;
            } else {
                put_utf8(buf, size, &n, consume_escape(&lx));
                continue;
            }
        }
        if (n + 1 < size)
            buf[n] = (char)c;
        n++;
    }
    if (size)
        buf[n < size ? n : size - 1] = '\0';
    return n;
}

/* ---- judging ------------------------------------------------------------ */

/* Rules inside rules (@media in @media...) deeper than this are dropped;
 * so are brackets nested deeper than STACK_MAX in one declaration. */
#define DEPTH_MAX 16
#define STACK_MAX 64

typedef struct judge {
    const char *s;
    size_t len;
    octavo_css_lexer lx;
    octavo_css_token tok; /* the current token */
    bool local_refs;
    const char *file;
    octavo_diags *d;
    octavo_buf *out;
    size_t copied; /* s[0..copied) is in out, less what was cut */
    size_t drops;
} judge;

/* What a run of component values holds. */
typedef struct scan_info {
    const char *bad; /* why it is not well-formed, or NULL */
    bool names_file; /* url() or the like naming something */
    bool has_block;  /* a {} block inside */
    bool empty;      /* nothing but whitespace and comments */
    size_t end;      /* after its last token that is not whitespace */
} scan_info;

enum { STOP_SEMI = 1, STOP_LBRACE = 2, STOP_RBRACE = 4 };

static void advance(judge *j)
{
    octavo_css_next(&j->lx, &j->tok);
}

static void warn(judge *j, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn(judge *j, unsigned line, const char *fmt, ...)
{
    j->drops++;
    if (!j->d)
        return;
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    octavo_diag_add(j->d, OCTAVO_WARNING, j->file, line, 0, "%s", message);
}

/* Leaves s[from..to) out of the copy. */
static void cut(judge *j, size_t from, size_t to)
{
    if (from > j->copied)
        octavo_buf_append(j->out, j->s + j->copied, from - j->copied);
    if (to > j->copied)
        j->copied = to;
}

static bool name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(name, *list) == 0)
            return true;
    return false;
}

/* Functions whose arguments name a file (expression(): old IE ran its script). */
static const char *const file_functions[] = {"url",
                                             "src",
                                             "image",
                                             "image-set",
                                             "-webkit-image-set",
                                             "cross-fade",
                                             "-webkit-cross-fade",
                                             "element",
                                             "-moz-element",
                                             "expression",
                                             NULL};

/* Whether the url token or string `t` is a reference allowed here: only
 * "#id" in SVG, nothing in a stylesheet. */
static bool reference_allowed(const judge *j, const octavo_css_token *t)
{
    char value[8];
    octavo_css_token_value(j->s, t, value, sizeof value);
    return j->local_refs && value[0] == '#' && value[1] != '\0';
}

/* Skips whitespace and comments; an unterminated comment is cut. */
static void skip_space(judge *j)
{
    for (;;) {
        if (j->tok.type == OCTAVO_CSS_BAD_COMMENT) {
            warn(j, j->tok.line, "CSS syntax error: a comment is not closed; it is dropped");
            cut(j, j->tok.start, j->tok.end);
        } else if (j->tok.type != OCTAVO_CSS_WHITESPACE && j->tok.type != OCTAVO_CSS_COMMENT) {
            return;
        }
        advance(j);
    }
}

/* Consumes component values up to (not including) a token of `stops` at
 * the outer level, or the end. */
static scan_info scan(judge *j, unsigned stops)
{
    scan_info info = {NULL, false, false, true, j->tok.start};
    octavo_css_token_type stack[STACK_MAX];
    size_t depth = 0;
    bool want_ref = false; /* just after url( or src( */
    for (;; advance(j)) {
        const octavo_css_token *t = &j->tok;
        if (t->type == OCTAVO_CSS_EOF)
            break;
        if (t->type == OCTAVO_CSS_WHITESPACE || t->type == OCTAVO_CSS_COMMENT)
            continue;
        if (depth == 0 && ((t->type == OCTAVO_CSS_SEMICOLON && (stops & STOP_SEMI)) ||
                           (t->type == OCTAVO_CSS_LBRACE && (stops & STOP_LBRACE)) ||
                           (t->type == OCTAVO_CSS_RBRACE && (stops & STOP_RBRACE))))
            break;
        info.empty = false;
        info.end = t->end;
        if (want_ref) {
            want_ref = false;
            if (t->type != OCTAVO_CSS_STRING || !reference_allowed(j, t))
                info.names_file = true;
        }
        switch (t->type) {
        case OCTAVO_CSS_BAD_COMMENT:
            info.bad = info.bad ? info.bad : "a comment is not closed";
            break;
        case OCTAVO_CSS_BAD_STRING:
            info.bad = info.bad ? info.bad : "a string is not closed on its line";
            break;
        case OCTAVO_CSS_BAD_URL:
            info.bad = info.bad ? info.bad : "a url(...) is not well-formed";
            break;
        case OCTAVO_CSS_DELIM:
            if (j->s[t->start] == '\\')
                info.bad = info.bad ? info.bad : "a backslash escapes nothing";
            break;
        case OCTAVO_CSS_URL:
            if (!reference_allowed(j, t))
                info.names_file = true;
            break;
        case OCTAVO_CSS_FUNCTION: {
            char name[32];
            octavo_css_token_value(j->s, t, name, sizeof name);
            if (name_in(name, file_functions)) {
                if (strcasecmp(name, "url") == 0 || strcasecmp(name, "src") == 0)
                    want_ref = true;
                else
                    info.names_file = true;
            }
        }
            /* fall through */
        case OCTAVO_CSS_LPAREN:
        case OCTAVO_CSS_LBRACKET:
        case OCTAVO_CSS_LBRACE:
            if (t->type == OCTAVO_CSS_LBRACE)
                info.has_block = true;
            if (depth == STACK_MAX) {
                info.bad = info.bad ? info.bad : "brackets are nested too deeply";
                break;
            }
            stack[depth++] = t->type == OCTAVO_CSS_LBRACKET ? OCTAVO_CSS_RBRACKET
                             : t->type == OCTAVO_CSS_LBRACE ? OCTAVO_CSS_RBRACE
                                                            : OCTAVO_CSS_RPAREN;
            break;
        case OCTAVO_CSS_RPAREN:
        case OCTAVO_CSS_RBRACKET:
            if (depth && stack[depth - 1] == t->type)
                depth--;
            else
                info.bad = info.bad ? info.bad : "a bracket is not opened or not closed";
            break;
        case OCTAVO_CSS_RBRACE:
            if (depth && stack[depth - 1] == t->type) {
                depth--;
                break;
            }
            /* It closes what was left open inside it. */
            info.bad = info.bad ? info.bad : "a bracket is not opened or not closed";
            while (depth && stack[depth - 1] != OCTAVO_CSS_RBRACE)
                depth--;
            if (depth) {
                depth--;
            } else if (stops & STOP_RBRACE) {
                info.end = t->start;
                return info;
            }
            break;
        default:
            break;
        }
    }
    if (depth)
        info.bad = info.bad ? info.bad : "a bracket is not closed";
    if (want_ref)
        info.names_file = true;
    return info;
}

/* After a kept "{": the end of its block is the current "}" (consumed) or
 * the end of the text, where the missing "}" is added. */
static void close_block(judge *j)
{
    if (j->tok.type == OCTAVO_CSS_RBRACE) {
        advance(j);
        return;
    }
    cut(j, j->len, j->len);
    octavo_buf_puts(j->out, "\n}");
}

/* Drops a rule from `start`: its prelude has been scanned up to the
 * current token ("{", ";" or the end), which ends it with its block. */
static void drop_rule(judge *j, size_t start)
{
    size_t end = j->tok.start; /* a "}" here closes the enclosing block */
    if (j->tok.type == OCTAVO_CSS_LBRACE) {
        advance(j);
        scan(j, STOP_RBRACE);
        end = j->tok.end;
        if (j->tok.type == OCTAVO_CSS_RBRACE)
            advance(j);
    } else if (j->tok.type == OCTAVO_CSS_SEMICOLON) {
        end = j->tok.end;
        advance(j);
    }
    if (j->tok.type == OCTAVO_CSS_EOF)
        end = j->len;
    cut(j, start, end);
}

static void rule_list(judge *j, int depth, bool top);
static void declaration_list(judge *j, bool top);

static const char *const rule_list_at_rules[] = {
    "media", "supports",       "document",  "-moz-document",     "layer",          "container",
    "scope", "starting-style", "keyframes", "-webkit-keyframes", "-moz-keyframes", "-o-keyframes",
    NULL};
static const char *const declaration_at_rules[] = {"page", NULL};

static void at_rule(judge *j, int depth)
{
    size_t start = j->tok.start;
    unsigned line = j->tok.line;
    char name[40];
    octavo_css_token_value(j->s, &j->tok, name, sizeof name);
    advance(j);
    scan_info prelude = scan(j, STOP_SEMI | STOP_LBRACE | STOP_RBRACE);
    if (strcasecmp(name, "import") == 0) {
        warn(j, line, "@import dropped: a stylesheet may only use what is in the book");
    } else if (strcasecmp(name, "charset") == 0 || strcasecmp(name, "namespace") == 0) {
        warn(j, line, "@%s dropped: it may only begin a stylesheet", name);
    } else if (strcasecmp(name, "font-face") == 0) {
        warn(j, line, "@font-face dropped: fonts named in a stylesheet are not in the book");
    } else if (prelude.bad) {
        warn(j, line, "CSS syntax error: %s; @%s is dropped", prelude.bad, name);
    } else if (prelude.names_file) {
        warn(j, line, "@%s dropped: it names a file that is not in the book", name);
    } else if (j->tok.type != OCTAVO_CSS_LBRACE && j->tok.type != OCTAVO_CSS_SEMICOLON) {
        warn(j, line, "CSS syntax error: @%s has no end; it is dropped", name);
    } else if (j->tok.type == OCTAVO_CSS_SEMICOLON) {
        advance(j); /* a statement such as @layer a, b; */
        return;
    } else if (depth >= DEPTH_MAX) {
        warn(j, line, "@%s dropped: rules are nested too deeply", name);
    } else if (name_in(name, rule_list_at_rules)) {
        advance(j);
        rule_list(j, depth + 1, false);
        close_block(j);
        return;
    } else if (name_in(name, declaration_at_rules)) {
        advance(j);
        declaration_list(j, false);
        close_block(j);
        return;
    } else {
        /* Unknown: kept whole if well-formed and naming nothing. */
        unsigned open_line = j->tok.line;
        advance(j);
        scan_info block = scan(j, STOP_RBRACE);
        if (!block.bad && !block.names_file && j->tok.type == OCTAVO_CSS_RBRACE) {
            advance(j);
            return;
        }
        warn(j, open_line, "@%s dropped: %s", name,
             block.bad          ? block.bad
             : block.names_file ? "it names a file that is not in the book"
                                : "its block is not closed");
        size_t end = j->tok.type == OCTAVO_CSS_EOF ? j->len : j->tok.end;
        if (j->tok.type == OCTAVO_CSS_RBRACE)
            advance(j);
        cut(j, start, end);
        return;
    }
    drop_rule(j, start);
}

static bool is_combinator(const char *s, const octavo_css_token *t)
{
    return t->type == OCTAVO_CSS_DELIM &&
           (s[t->start] == '>' || s[t->start] == '+' || s[t->start] == '~');
}

/* What epubcheck's parser rejects in a selector list (s[from..to)): an
 * empty selector, a combinator with nothing on one side, a "." without a
 * class name. What is inside brackets is not looked at. */
static const char *selector_problem(const char *s, size_t from, size_t to)
{
    octavo_css_lexer lx = {s, to, from, 1};
    octavo_css_token t;
    enum { START, COMBINATOR, SIMPLE } prev = START;
    size_t depth = 0;
    for (octavo_css_next(&lx, &t); t.type != OCTAVO_CSS_EOF; octavo_css_next(&lx, &t)) {
        if (t.type == OCTAVO_CSS_WHITESPACE || t.type == OCTAVO_CSS_COMMENT)
            continue;
        if (depth) {
            if (t.type == OCTAVO_CSS_FUNCTION || t.type == OCTAVO_CSS_LPAREN ||
                t.type == OCTAVO_CSS_LBRACKET)
                depth++;
            else if (t.type == OCTAVO_CSS_RPAREN || t.type == OCTAVO_CSS_RBRACKET)
                depth--;
            continue;
        }
        if (t.type == OCTAVO_CSS_COMMA) {
            if (prev != SIMPLE)
                return "a selector is empty or ends in a combinator";
            prev = START;
        } else if (is_combinator(s, &t)) {
            if (prev != SIMPLE)
                return "a combinator has no selector before it";
            prev = COMBINATOR;
        } else {
            if (t.type == OCTAVO_CSS_DELIM && s[t.start] == '.') {
                size_t after = lx.pos;
                octavo_css_next(&lx, &t);
                if (t.type != OCTAVO_CSS_IDENT || t.start != after)
                    return "a '.' has no class name after it";
            }
            if (t.type == OCTAVO_CSS_COLON) {
                size_t after = lx.pos;
                octavo_css_next(&lx, &t);
                if (t.type == OCTAVO_CSS_COLON && t.start == after) {
                    after = lx.pos;
                    octavo_css_next(&lx, &t);
                }
                if ((t.type != OCTAVO_CSS_IDENT && t.type != OCTAVO_CSS_FUNCTION) ||
                    t.start != after)
                    return "a ':' has no pseudo-class after it";
            }
            if (t.type == OCTAVO_CSS_FUNCTION) {
                octavo_css_lexer peek = lx;
                octavo_css_token next;
                do
                    octavo_css_next(&peek, &next);
                while (next.type == OCTAVO_CSS_WHITESPACE || next.type == OCTAVO_CSS_COMMENT);
                if (next.type == OCTAVO_CSS_RPAREN)
                    return "a pseudo-class has nothing in its brackets";
            }
            if (t.type == OCTAVO_CSS_FUNCTION || t.type == OCTAVO_CSS_LPAREN ||
                t.type == OCTAVO_CSS_LBRACKET)
                depth++;
            prev = SIMPLE;
        }
    }
    return prev == SIMPLE ? NULL : "a selector is empty or ends in a combinator";
}

/* A "}" at the top level closes nothing: cut, with a warning. */
static void drop_stray_brace(judge *j)
{
    warn(j, j->tok.line, "CSS syntax error: a '}' closes nothing; it is dropped");
    cut(j, j->tok.start, j->tok.end);
    advance(j);
}

static void qualified_rule(judge *j, int depth)
{
    size_t start = j->tok.start;
    unsigned line = j->tok.line;
    scan_info prelude = scan(j, STOP_SEMI | STOP_LBRACE | STOP_RBRACE);
    if (!prelude.bad && j->tok.type == OCTAVO_CSS_LBRACE)
        prelude.bad = selector_problem(j->s, start, j->tok.start);
    if (j->tok.type == OCTAVO_CSS_LBRACE && !prelude.bad && !prelude.names_file &&
        depth < DEPTH_MAX) {
        advance(j);
        declaration_list(j, false);
        close_block(j);
        return;
    }
    if (j->tok.type == OCTAVO_CSS_RBRACE) {
        /* Text that is not a rule before a "}": at the top, where that
         * closes nothing, both go; inside @media, the "}" ends it. */
        warn(j, line, "CSS syntax error: text that is not a rule is dropped");
        size_t end = j->tok.start;
        if (depth == 0) {
            end = j->tok.end;
            advance(j);
        }
        cut(j, start, end);
        return;
    }
    if (j->tok.type != OCTAVO_CSS_LBRACE)
        warn(j, line, "CSS syntax error: text that is not a rule is dropped");
    else if (prelude.bad)
        warn(j, line, "CSS syntax error: %s; the rule is dropped", prelude.bad);
    else if (prelude.names_file)
        warn(j, line, "rule dropped: its selector names a file that is not in the book");
    else
        warn(j, line, "rule dropped: rules are nested too deeply");
    drop_rule(j, start);
}

static void rule_list(judge *j, int depth, bool top)
{
    for (;;) {
        skip_space(j);
        switch (j->tok.type) {
        case OCTAVO_CSS_EOF:
            return;
        case OCTAVO_CSS_CDO:
        case OCTAVO_CSS_CDC:
            advance(j);
            break;
        case OCTAVO_CSS_RBRACE:
            if (!top)
                return;
            drop_stray_brace(j);
            break;
        case OCTAVO_CSS_AT_KEYWORD:
            at_rule(j, depth);
            break;
        default:
            qualified_rule(j, depth);
            break;
        }
    }
}

static void declaration(judge *j)
{
    size_t start = j->tok.start;
    unsigned line = j->tok.line;
    char name[64] = "";
    const char *bad = NULL;
    if (j->tok.type == OCTAVO_CSS_IDENT) {
        octavo_css_token_value(j->s, &j->tok, name, sizeof name);
        advance(j);
        /* (an unclosed comment here is left to scan: it goes with the
         * declaration) */
        while (j->tok.type == OCTAVO_CSS_WHITESPACE || j->tok.type == OCTAVO_CSS_COMMENT)
            advance(j);
        if (j->tok.type == OCTAVO_CSS_COLON)
            advance(j);
        else
            bad = "a property has no ':'";
    } else {
        bad = j->tok.type == OCTAVO_CSS_AT_KEYWORD ? "an at-rule among declarations"
                                                   : "expected a property name";
    }
    scan_info value = scan(j, STOP_SEMI | STOP_RBRACE);
    if (!bad)
        bad = value.bad         ? value.bad
              : value.has_block ? "a declaration holds a block"
              : value.empty     ? "a property has no value"
                                : NULL;
    size_t end = value.empty ? j->tok.start : value.end;
    if (j->tok.type == OCTAVO_CSS_SEMICOLON) {
        end = j->tok.end;
        advance(j);
    } else if (j->tok.type == OCTAVO_CSS_EOF) {
        end = j->len;
    }
    if (bad)
        warn(j, line, "CSS syntax error: %s; the declaration is dropped", bad);
    else if (value.names_file)
        warn(j, line, "'%s' dropped: pictures and fonts named in a stylesheet are not in the book",
             name);
    else if (strcasecmp(name, "direction") == 0 || strcasecmp(name, "unicode-bidi") == 0)
        warn(j, line,
             "'%s' dropped: EPUB does not allow it in CSS (the text's direction is marked "
             "in the book)",
             name);
    else
        return;
    cut(j, start, end);
}

static void declaration_list(judge *j, bool top)
{
    for (;;) {
        skip_space(j);
        switch (j->tok.type) {
        case OCTAVO_CSS_EOF:
            return;
        case OCTAVO_CSS_SEMICOLON:
            /* A ";" that ends no declaration: epubcheck's parser rejects it,
             * and it means nothing. */
            cut(j, j->tok.start, j->tok.end);
            advance(j);
            break;
        case OCTAVO_CSS_RBRACE:
            if (!top)
                return;
            drop_stray_brace(j);
            break;
        case OCTAVO_CSS_AT_KEYWORD: /* epubcheck knows none here, not even
                                       @page's margin boxes: dropped */
        default:
            declaration(j);
            break;
        }
    }
}

size_t octavo_css_clean(const char *css, size_t len, octavo_css_kind kind, bool local_refs,
                        const char *file, unsigned first_line, octavo_buf *out, octavo_diags *d)
{
    judge j = {.s = css, .len = len, .local_refs = local_refs, .file = file, .d = d, .out = out};
    octavo_css_lexer_init(&j.lx, css, len, first_line);
    advance(&j);
    if (kind == OCTAVO_CSS_STYLESHEET)
        rule_list(&j, 0, true);
    else
        declaration_list(&j, true);
    cut(&j, len, len);
    return j.drops;
}

bool octavo_css_value_is_safe(const char *value, size_t len, bool local_refs)
{
    octavo_buf none = OCTAVO_BUF_INIT;
    judge j = {.s = value, .len = len, .local_refs = local_refs, .out = &none};
    octavo_css_lexer_init(&j.lx, value, len, 1);
    advance(&j);
    scan_info info = scan(&j, 0);
    octavo_buf_free(&none);
    return !info.bad && !info.names_file && !info.has_block;
}
