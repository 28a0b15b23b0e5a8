/* css.c — style sheets, as epubcheck reads them: the book's CSS files,
 * <style> elements and style attributes. Each is read once, token by
 * token (the builder's tokenizer, css.h), with no tree: what is not
 * well-formed (CSS-008), properties EPUB 3 forbids (CSS-001), empty
 * references (CSS-002) and @font-face rules (CSS-019), and each url()
 * handed to the caller, who checks it against the book. */
#include "check_internal.h"

#include "css.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Blocks nested deeper than this are skipped whole (hostile input). */
enum { CSS_MAX_DEPTH = 32 };

/* What a block holds. */
typedef enum block_kind {
    BLOCK_RULES,       /* rules and at-rules (the sheet, @media) */
    BLOCK_DECLARATIONS /* declarations (a rule, @font-face) */
} block_kind;

/* The at-rules whose block holds rules, and those whose block holds
 * declarations; any other's block is skipped. */
static const char *const rule_blocks[] = {
    "media",          "supports",     "document",           "-moz-document", "layer",
    "container",      "scope",        "starting-style",     "keyframes",     "-webkit-keyframes",
    "-moz-keyframes", "-o-keyframes", "font-feature-values"};
static const char *const declaration_blocks[] = {"font-face",
                                                 "page",
                                                 "viewport",
                                                 "-ms-viewport",
                                                 "counter-style",
                                                 "font-palette-values",
                                                 "property",
                                                 "top-left-corner",
                                                 "top-left",
                                                 "top-center",
                                                 "top-right",
                                                 "top-right-corner",
                                                 "bottom-left-corner",
                                                 "bottom-left",
                                                 "bottom-center",
                                                 "bottom-right",
                                                 "bottom-right-corner",
                                                 "left-top",
                                                 "left-middle",
                                                 "left-bottom",
                                                 "right-top",
                                                 "right-middle",
                                                 "right-bottom"};

/* A style sheet being read. */
typedef struct css_parse {
    const char *name;
    const char *s;
    octavo_diags *found;
    css_ref_fn on_ref;
    void *state;
    bool epub3;
    octavo_css_lexer lx;
    octavo_css_token t; /* the current token */
    bool ended;         /* the end inside a block was said */
    size_t depth;
} css_parse;

static bool name_in(const char *name, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcasecmp(name, names[i]) == 0)
            return true;
    return false;
}

static void syntax_error(css_parse *p, unsigned line, const char *what)
{
    octavo_check_add_finding(p->found, OCTAVO_ERROR, "CSS-008", p->name, line,
                             "CSS cannot be parsed: %s", what);
}

/* The next token that is not a comment. */
static void advance(css_parse *p)
{
    for (;;) {
        octavo_css_next(&p->lx, &p->t);
        if (p->t.type == OCTAVO_CSS_BAD_COMMENT)
            syntax_error(p, p->t.line, "a comment is not closed");
        else if (p->t.type != OCTAVO_CSS_COMMENT)
            return;
    }
}

static void skip_space(css_parse *p)
{
    while (p->t.type == OCTAVO_CSS_WHITESPACE)
        advance(p);
}

/* The current token's value (escapes resolved), allocated. */
static char *token_value(const css_parse *p)
{
    size_t size = (p->t.end - p->t.start) * 2 + 8; /* (an escape never grows more) */
    char *buf = octavo_xmalloc(size);
    octavo_css_token_value(p->s, &p->t, buf, size);
    return buf;
}

/* The end of the text inside a block: said once. */
static void unclosed(css_parse *p, unsigned line)
{
    if (!p->ended)
        syntax_error(p, line, "a block is not closed at the end");
    p->ended = true;
}

/* A reference: empty (CSS-002), to a place in the same document (not
 * checked, as in epubcheck), or the caller's to check. */
static void reference(css_parse *p, const char *url, unsigned line, ref_kind kind)
{
    size_t n = strspn(url, " \t\r\n\f");
    if (!url[n]) {
        octavo_check_add_finding(p->found, OCTAVO_ERROR, "CSS-002", p->name, line,
                                 "empty or NULL reference found");
        return;
    }
    if (url[n] == '#' || !p->on_ref)
        return;
    p->on_ref(p->state, url + n, line, kind);
}

/* At url( or url-token: its URL, allocated (NULL: none); the current
 * token is left after it. */
static char *url_of(css_parse *p, bool *bad)
{
    if (p->t.type == OCTAVO_CSS_URL) {
        char *v = token_value(p);
        advance(p);
        return v;
    }
    /* url("...") or src("..."): a function with a string. */
    advance(p);
    skip_space(p);
    char *v = NULL;
    if (p->t.type == OCTAVO_CSS_STRING) {
        v = token_value(p);
        advance(p);
        skip_space(p);
    } else if (p->t.type == OCTAVO_CSS_BAD_STRING) {
        *bad = true;
    }
    return v;
}

static bool is_url_function(const css_parse *p)
{
    if (p->t.type != OCTAVO_CSS_FUNCTION)
        return false;
    char name[8];
    size_t n = octavo_css_token_value(p->s, &p->t, name, sizeof name);
    return n == 3 && (strcasecmp(name, "url") == 0 || strcasecmp(name, "src") == 0);
}

/* Reads component values up to a ';' or '}' outside any parenthesis or
 * bracket (or the end), handing each URL to `reference` as `kind`. The
 * current token is left on the ';', '}' or end. `urls` (may be NULL)
 * counts the URLs; `first_ident` (may be NULL) gets the first identifier,
 * allocated. */
static void read_values(css_parse *p, ref_kind kind, bool want_urls, size_t *urls,
                        char **first_ident)
{
    size_t nesting = 0;
    bool said = false;
    for (;;) {
        octavo_css_token_type type = p->t.type;
        if (type == OCTAVO_CSS_EOF)
            return;
        if (nesting == 0 && (type == OCTAVO_CSS_SEMICOLON || type == OCTAVO_CSS_RBRACE))
            return;
        /* (a '}' ends the block even inside a parenthesis: epubcheck's
         * parser recovers there) */
        if (type == OCTAVO_CSS_RBRACE || (type == OCTAVO_CSS_LBRACE && nesting == 0))
            return;
        if (type == OCTAVO_CSS_URL || is_url_function(p)) {
            unsigned line = p->t.line;
            bool function = type == OCTAVO_CSS_FUNCTION, bad = false;
            char *url = url_of(p, &bad);
            if (function && p->t.type == OCTAVO_CSS_RPAREN)
                advance(p);
            else if (function)
                nesting++; /* (the rest of the function, up to its ')') */
            if (bad && !said) {
                syntax_error(p, line, "a string is not closed on its line");
                said = true;
            }
            if (url && want_urls)
                reference(p, url, line, kind);
            else if (!url && !bad && function && want_urls)
                reference(p, "", line, kind);
            if (urls)
                (*urls)++;
            free(url);
            continue;
        }
        if ((type == OCTAVO_CSS_BAD_STRING || type == OCTAVO_CSS_BAD_URL) && !said) {
            syntax_error(p, p->t.line,
                         type == OCTAVO_CSS_BAD_URL ? "a url() is not well-formed"
                                                    : "a string is not closed on its line");
            said = true;
        }
        if (type == OCTAVO_CSS_FUNCTION || type == OCTAVO_CSS_LPAREN || type == OCTAVO_CSS_LBRACKET)
            nesting++;
        else if ((type == OCTAVO_CSS_RPAREN || type == OCTAVO_CSS_RBRACKET) && nesting)
            nesting--;
        else if (type == OCTAVO_CSS_IDENT && first_ident && !*first_ident)
            *first_ident = token_value(p);
        advance(p);
    }
}

/* Skips a block's contents, the current token just after its '{', up to
 * its '}' (included) or the end. */
static void skip_block(css_parse *p, unsigned line)
{
    size_t depth = 1;
    for (;;) {
        if (p->t.type == OCTAVO_CSS_EOF) {
            unclosed(p, line);
            return;
        }
        if (p->t.type == OCTAVO_CSS_LBRACE)
            depth++;
        else if (p->t.type == OCTAVO_CSS_RBRACE && --depth == 0) {
            advance(p);
            return;
        }
        advance(p);
    }
}

static void read_rules(css_parse *p, bool top, unsigned line);
static void read_at_rule(css_parse *p);

/* One declaration, the current token on its name: what it says (CSS-001,
 * CSS-006) and the URLs it holds (fonts in @font-face). False when it is
 * not a declaration. */
static bool read_declaration(css_parse *p, bool font_face)
{
    unsigned line = p->t.line;
    char *property = token_value(p);
    advance(p);
    skip_space(p);
    if (p->t.type != OCTAVO_CSS_COLON) {
        free(property);
        return false;
    }
    advance(p);
    skip_space(p);
    char *first = NULL;
    bool src = font_face && strcasecmp(property, "src") == 0;
    size_t urls = 0;
    read_values(p, src ? REF_FONT : REF_GENERIC, true, &urls, &first);
    if (p->epub3 &&
        (strcasecmp(property, "direction") == 0 || strcasecmp(property, "unicode-bidi") == 0))
        octavo_check_add_finding(p->found, OCTAVO_ERROR, "CSS-001", p->name, line,
                                 "the \"%s\" property must not be included in an EPUB style sheet",
                                 property);
    if (strcasecmp(property, "position") == 0 && first && strcasecmp(first, "fixed") == 0)
        octavo_check_add_finding(p->found, OCTAVO_INFO, "CSS-006", p->name, line,
                                 "\"position: fixed\" may not be rendered as intended");
    free(first);
    free(property);
    return true;
}

/* The declarations of a block (the current token just after its '{'), up
 * to its '}' (included); or, `top`, a style attribute's, up to the end.
 * Returns how many declarations it held. */
static size_t read_declarations(css_parse *p, bool top, bool font_face, bool margins, unsigned line)
{
    size_t count = 0;
    for (;;) {
        skip_space(p);
        switch (p->t.type) {
        case OCTAVO_CSS_SEMICOLON:
            advance(p);
            continue;
        case OCTAVO_CSS_EOF:
            if (!top)
                unclosed(p, line);
            return count;
        case OCTAVO_CSS_RBRACE:
            advance(p);
            if (!top)
                return count;
            syntax_error(p, p->t.line, "a '}' closes no block");
            continue;
        case OCTAVO_CSS_IDENT:
            if (read_declaration(p, font_face)) {
                count++;
                continue;
            }
            break;
        case OCTAVO_CSS_AT_KEYWORD:
            if (margins) { /* (@page's margin boxes) */
                read_at_rule(p);
                continue;
            }
            break;
        default:
            break;
        }
        /* Not a declaration: said, and skipped up to the next ';' or '}'
         * (as epubcheck's parser recovers, whatever it holds). */
        syntax_error(p, p->t.line, "a declaration is expected");
        while (p->t.type != OCTAVO_CSS_SEMICOLON && p->t.type != OCTAVO_CSS_RBRACE &&
               p->t.type != OCTAVO_CSS_EOF)
            advance(p);
    }
}

/* A block of the kind given, the current token on its '{'; nested too
 * deep, skipped. */
static size_t read_block(css_parse *p, block_kind kind, bool font_face, bool margins)
{
    unsigned line = p->t.line;
    advance(p);
    if (p->depth >= CSS_MAX_DEPTH) {
        skip_block(p, line);
        return 1;
    }
    p->depth++;
    size_t count = 0;
    if (kind == BLOCK_RULES)
        read_rules(p, false, line);
    else
        count = read_declarations(p, false, font_face, margins, line);
    p->depth--;
    return count;
}

/* An at-rule, the current token on its name. */
static void read_at_rule(css_parse *p)
{
    unsigned line = p->t.line;
    char *name = token_value(p);
    advance(p);
    skip_space(p);
    if (strcasecmp(name, "import") == 0) {
        /* (its first component: a string or a url) */
        bool bad = false;
        if (p->t.type == OCTAVO_CSS_STRING) {
            char *url = token_value(p);
            reference(p, url, line, REF_STYLESHEET);
            free(url);
            advance(p);
        } else if (p->t.type == OCTAVO_CSS_URL || is_url_function(p)) {
            char *url = url_of(p, &bad);
            reference(p, url ? url : "", line, REF_STYLESHEET);
            free(url);
        }
        read_values(p, REF_GENERIC, false, NULL, NULL);
    } else {
        /* (a namespace's URI names no resource) */
        read_values(p, REF_GENERIC, strcasecmp(name, "namespace") != 0, NULL, NULL);
    }
    switch (p->t.type) {
    case OCTAVO_CSS_SEMICOLON:
        advance(p);
        break;
    case OCTAVO_CSS_LBRACE:
        if (name_in(name, rule_blocks, sizeof rule_blocks / sizeof *rule_blocks)) {
            read_block(p, BLOCK_RULES, false, false);
        } else if (name_in(name, declaration_blocks,
                           sizeof declaration_blocks / sizeof *declaration_blocks)) {
            bool font_face = strcasecmp(name, "font-face") == 0;
            size_t count =
                read_block(p, BLOCK_DECLARATIONS, font_face, strcasecmp(name, "page") == 0);
            if (font_face && count == 0)
                octavo_check_add_finding(p->found, OCTAVO_WARNING, "CSS-019", p->name, line,
                                         "the @font-face declaration has no attributes");
            else if (font_face)
                octavo_check_add_finding(p->found, OCTAVO_INFO, "CSS-028", p->name, line,
                                         "use of @font-face");
        } else {
            unsigned open = p->t.line;
            advance(p);
            skip_block(p, open);
        }
        break;
    case OCTAVO_CSS_EOF:
        syntax_error(p, line, "an at-rule is not closed at the end");
        p->ended = true;
        break;
    default: /* '}': the block it is in ends */
        syntax_error(p, line, "an at-rule is not closed");
        break;
    }
    free(name);
}

/* Rules and at-rules: the sheet (`top`) up to its end, or a block's up to
 * its '}' (included). */
static void read_rules(css_parse *p, bool top, unsigned line)
{
    for (;;) {
        skip_space(p);
        switch (p->t.type) {
        case OCTAVO_CSS_EOF:
            if (!top)
                unclosed(p, line);
            return;
        case OCTAVO_CSS_CDO:
        case OCTAVO_CSS_CDC:
            if (top) {
                advance(p);
                continue;
            }
            break;
        case OCTAVO_CSS_RBRACE:
            advance(p);
            if (!top)
                return;
            syntax_error(p, p->t.line, "a '}' closes no block");
            continue;
        case OCTAVO_CSS_AT_KEYWORD:
            read_at_rule(p);
            continue;
        default:
            break;
        }
        /* A rule: its selectors, then its block. */
        unsigned at = p->t.line;
        read_values(p, REF_GENERIC, false, NULL, NULL);
        if (p->t.type == OCTAVO_CSS_LBRACE) {
            read_block(p, BLOCK_DECLARATIONS, false, false);
        } else if (p->t.type == OCTAVO_CSS_SEMICOLON) {
            syntax_error(p, at, "a rule has no block");
            advance(p);
        } else if (p->t.type == OCTAVO_CSS_EOF) {
            syntax_error(p, at, "a rule has no block");
            p->ended = true;
        } else { /* '}' */
            syntax_error(p, at, "a rule has no block");
        }
    }
}

void octavo_check_css_text(const char *name, const char *css, size_t len, unsigned line,
                           bool declarations, bool epub3, octavo_diags *found, css_ref_fn on_ref,
                           void *state)
{
    css_parse p = {
        .name = name, .s = css, .found = found, .on_ref = on_ref, .state = state, .epub3 = epub3};
    octavo_css_lexer_init(&p.lx, css, len, line ? line : 1);
    advance(&p);
    if (declarations)
        read_declarations(&p, true, false, false, line);
    else
        read_rules(&p, true, line);
}

void octavo_check_css_link(const char *name, const xmlChar **attrs, int count, unsigned line,
                           octavo_diags *found)
{
    char *rel = octavo_check_attribute(attrs, count, "rel", NULL);
    if (rel && octavo_check_has_token(rel, "stylesheet") &&
        octavo_check_has_token(rel, "alternate")) {
        char *title = octavo_check_attribute(attrs, count, "title", NULL);
        if (!title || !title[strspn(title, " \t\r\n")])
            octavo_check_add_finding(found, OCTAVO_ERROR, "CSS-015", name, line,
                                     "an alternate style sheet must have a title");
        free(title);
    }
    free(rel);
    /* Alternate style tags that contradict each other (CSS-005, a usage). */
    char *classes = octavo_check_attribute(attrs, count, "class", NULL);
    if (classes &&
        ((octavo_check_has_token(classes, "vertical") &&
          octavo_check_has_token(classes, "horizontal")) ||
         (octavo_check_has_token(classes, "day") && octavo_check_has_token(classes, "night"))))
        octavo_check_add_finding(found, OCTAVO_INFO, "CSS-005", name, line,
                                 "conflicting alternate style tags: \"%s\"", classes);
    free(classes);
}

/* ---- the book's CSS files ------------------------------------------------ */

/* The references of one file, checked once it is read. */
typedef struct css_refs {
    page_ref *refs;
    size_t count, cap;
} css_refs;

static void collect_ref(void *state, const char *url, unsigned line, ref_kind kind)
{
    css_refs *c = state;
    c->refs = octavo_xgrow(c->refs, &c->cap, c->count + 1, sizeof *c->refs);
    c->refs[c->count++] = (page_ref){.url = octavo_xstrdup(url), .line = line, .kind = kind};
}

/* UTF-16 (after its byte order mark) as UTF-8, for reading; unpaired
 * surrogates become U+FFFD. */
static char *utf16_to_utf8(const unsigned char *s, size_t len, bool big_endian, size_t *out_len)
{
    char *out = octavo_xmalloc(len / 2 * 3 + 1);
    size_t n = 0;
    for (size_t i = 0; i + 1 < len; i += 2) {
        unsigned long cp = big_endian ? (unsigned long)(s[i] << 8 | s[i + 1])
                                      : (unsigned long)(s[i + 1] << 8 | s[i]);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < len) {
            unsigned long lo = big_endian ? (unsigned long)(s[i + 2] << 8 | s[i + 3])
                                          : (unsigned long)(s[i + 3] << 8 | s[i + 2]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0xFFFD;
        /* (a supplementary character's 4 bytes come from 4 input bytes) */
        if (cp < 0x80) {
            out[n++] = (char)cp;
        } else if (cp < 0x800) {
            out[n++] = (char)(0xC0 | (cp >> 6));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[n++] = (char)(0xE0 | (cp >> 12));
            out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[n++] = (char)(0xF0 | (cp >> 18));
            out[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* The encoding a CSS file declares: its byte order mark, else its
 * @charset rule. UTF-16 is a warning (CSS-003), anything but UTF-8 an
 * error (CSS-004). */
static void check_encoding(checker *ck, const entry *e, const char *data, size_t len,
                           bool *utf16_be, bool *utf16_le)
{
    const unsigned char *u = (const unsigned char *)data;
    char charset[64] = "";
    if (len >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) ||
                     (u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)))
        strcpy(charset, "utf-32");
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        strcpy(charset, "utf-16be"), *utf16_be = true;
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        strcpy(charset, "utf-16le"), *utf16_le = true;
    else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return;
    else if (len > 10 && memcmp(data, "@charset \"", 10) == 0) {
        size_t n = 0;
        while (10 + n < len && n + 1 < sizeof charset && data[10 + n] != '"')
            n++;
        memcpy(charset, data + 10, n);
        charset[n] = '\0';
    }
    if (!charset[0] || strcasecmp(charset, "utf-8") == 0)
        return;
    if (strncasecmp(charset, "utf-16", 6) == 0)
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "CSS-003", e->name, 0,
                                 "CSS documents should be encoded in UTF-8, not %s", charset);
    else
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "CSS-004", e->name, 0,
                                 "CSS documents must be encoded in UTF-8, not %s", charset);
}

/* What epubcheck counts as a font's media type (CSS-007 otherwise). */
static bool is_font_type(const char *media_type)
{
    return strncmp(media_type, "font/", 5) == 0 ||
           strncmp(media_type, "application/font-", 17) == 0 ||
           strcmp(media_type, "application/vnd.ms-opentype") == 0 ||
           strncmp(media_type, "application/x-font-", 19) == 0 ||
           strcmp(media_type, "image/svg+xml") == 0;
}

/* One CSS file: its encoding, its syntax, its references (in the book,
 * listed, or remote fonts), and its item's remote-resources property. */
static void check_css_file(checker *ck, entry *e)
{
    size_t len;
    char *owned = NULL;
    const char *data = octavo_check_read_entry(ck, e, &len, &owned);
    if (!data)
        return;
    bool be = false, le = false;
    check_encoding(ck, e, data, len, &be, &le);
    char *converted = NULL;
    if (be || le) {
        converted = utf16_to_utf8((const unsigned char *)data + 2, len - 2, be, &len);
        data = converted;
    } else if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3, len -= 3;
    }
    css_refs refs = {0};
    octavo_check_css_text(e->name, data, len, 1, false, ck->epub3, ck->r, collect_ref, &refs);
    free(converted);
    free(owned);

    bool remote = false;
    octavo_buf path = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < refs.count; i++) {
        const page_ref *ref = &refs.refs[i];
        if (strncasecmp(ref->url, "file:", 5) == 0) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-030", e->name, ref->line,
                                     "file URLs are not allowed: \"%s\"", ref->url);
            continue;
        }
        remote =
            remote || (ref->kind != REF_STYLESHEET && (strncasecmp(ref->url, "http:", 5) == 0 ||
                                                       strncasecmp(ref->url, "https:", 6) == 0));
        const item *it = octavo_check_reference(ck, e, ref, &path, NULL);
        /* A foreign resource needs a fallback, as a page's does (fonts
         * and imported style sheets need none). */
        if (it && ref->kind == REF_GENERIC && ck->package &&
            !octavo_check_fallback_reaches(ck->package, it, octavo_check_is_core_media_type))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-032", e->name, ref->line,
                                     "\"%s\" is of a foreign media type (%s) and has no fallback",
                                     ref->url, it->media_type);
        if (it && ref->kind == REF_FONT && !is_font_type(it->media_type))
            octavo_check_add_finding(ck->r, OCTAVO_INFO, "CSS-007", e->name, ref->line,
                                     "font \"%s\" is of a non-standard type (%s)", ref->url,
                                     it->media_type);
    }
    octavo_buf_free(&path);
    for (size_t i = 0; i < refs.count; i++)
        free(refs.refs[i].url);
    free(refs.refs);

    e->remote_refs = remote;
    if (!ck->epub3 || !e->item)
        return;
    bool declared =
        e->item->properties && octavo_check_has_token(e->item->properties, "remote-resources");
    if (remote && !declared)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-014", e->name, 0,
                                 "the style sheet refers to a remote resource, but its manifest "
                                 "item does not declare the \"remote-resources\" property");
    else if (!remote && declared)
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "OPF-018", e->name, 0,
                                 "the manifest declares \"remote-resources\", but the style sheet "
                                 "uses no remote resource");
}

void octavo_check_css_files(checker *ck)
{
    for (size_t i = 0; i < ck->entry_count; i++) {
        entry *e = &ck->entries[i];
        if (e->media_type && strcmp(e->media_type, "text/css") == 0)
            check_css_file(ck, e);
    }
}

void octavo_check_overlay_styles(checker *ck, const package_doc *doc)
{
    bool classes = false;
    for (size_t i = 0; i < doc->meta_count && !classes; i++) {
        const char *property = doc->metas[i].property;
        classes = doc->metas[i].kind == 'm' && property &&
                  (strcmp(property, "media:active-class") == 0 ||
                   strcmp(property, "media:playback-active-class") == 0);
    }
    for (size_t i = 0; classes && i < ck->entry_count; i++) {
        const entry *e = &ck->entries[i];
        if (e->parsed && e->item && e->item->media_overlay && !e->has_css)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "CSS-030", e->name, 0,
                                     "the package declares the media overlays' active class, but "
                                     "this document has no CSS to style it");
    }
}
