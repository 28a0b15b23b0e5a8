#include "render.h"

#include "buf.h"
#include "mem.h"
#include "sanitize.h"
#include "url.h"

#include <cmark-gfm-core-extensions.h>
#include <ctype.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- footnotes ---------------------------------------------------------- */

/* cmark-gfm keeps only referenced footnote definitions, at the end of the
 * document in the order they are first referenced, and stores in each
 * reference the 1-based number of its definition. */
typedef struct footnotes {
    size_t count;
    bool *referenced; /* whether the note's first reference was rendered */
    size_t defined;   /* definitions rendered so far */
} footnotes;

/* ---- the walk ----------------------------------------------------------- */

typedef struct frame {
    cmark_node *node;
    xmlNodePtr element;
} frame;

typedef struct renderer {
    const octavo_book *book;
    const octavo_render_options *opts;
    const octavo_chapter *chapter;
    octavo_diags *d;
    xmlNodePtr section;
    frame *stack;
    size_t depth, cap;
    footnotes notes;
    /* The chapter's raw HTML refs, sorted for lookups, and which ids have
     * been written (an id given twice is written once). */
    size_t *refs_sorted;
    bool *id_taken;
    char note_ref_id[32];
    octavo_html_ref note_ref;
    bool mark_lines; /* note each block element's source line in its _private */
    /* Set by a node rendered with the siblings after it, up to this one:
     * the walk goes on after it. */
    cmark_node *resume_after;
    /* The build's, or made for the chapter's first code in a language. */
    octavo_highlighter *highlighter, *own_highlighter;
} renderer;

static unsigned source_line(const renderer *r, cmark_node *n)
{
    return octavo_source_line(r->chapter, n);
}

static xmlNodePtr current(const renderer *r)
{
    return r->depth ? r->stack[r->depth - 1].element : r->section;
}

static void push(renderer *r, cmark_node *n, xmlNodePtr element)
{
    r->stack = octavo_xgrow(r->stack, &r->cap, r->depth + 1, sizeof *r->stack);
    r->stack[r->depth++] = (frame){n, element};
}

static void add_text(renderer *r, const char *text)
{
    xmlNodeAddContent(current(r), BAD_CAST text);
}

static bool is_ascii_alnum(char c)
{
    return isalnum((unsigned char)c);
}

/* Text in vertical writing: "12月3日" becomes 12 and 3 upright, each in
 * one cell; longer numbers and Latin words ("2025", "A4", "v1.2") lie on
 * their side as usual. */
static void add_vertical_text(renderer *r, const char *text)
{
    const char *start = text, *p = text;
    while (*p) {
        if (!isdigit((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *end = p;
        while (isdigit((unsigned char)*end))
            end++;
        bool alone = (p == text || (!is_ascii_alnum(p[-1]) && p[-1] != '.' && p[-1] != ',')) &&
                     !is_ascii_alnum(*end) &&
                     !((*end == '.' || *end == ',') && isdigit((unsigned char)end[1]));
        if (alone && end - p <= 2) {
            if (p > start) {
                char *before = octavo_xstrndup(start, (size_t)(p - start));
                xmlNodeAddContent(current(r), BAD_CAST before);
                free(before);
            }
            char *digits = octavo_xstrndup(p, (size_t)(end - p));
            xmlNodePtr span = octavo_xhtml_add(current(r), "span", digits);
            xmlNewProp(span, BAD_CAST "class", BAD_CAST "tcy");
            free(digits);
            start = end;
        }
        p = end;
    }
    if (*start)
        xmlNodeAddContent(current(r), BAD_CAST start);
}

static bool in_tight_list(cmark_node *paragraph)
{
    cmark_node *item = cmark_node_parent(paragraph);
    if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM)
        return false;
    cmark_node *list = cmark_node_parent(item);
    return list && cmark_node_get_list_tight(list);
}

/* ---- raw HTML ------------------------------------------------------------ */

static const octavo_html_ref *const_chapter_ref(const renderer *r, size_t i)
{
    return &r->chapter->html_refs[i];
}

static int compare_ref_key(const octavo_html_ref *a, octavo_html_ref_kind kind, const char *written)
{
    if (a->kind != kind)
        return a->kind < kind ? -1 : 1;
    return strcmp(a->written, written);
}

/* qsort has no context argument: sort (ref, index) pairs instead. */
typedef struct ref_slot {
    const octavo_html_ref *ref;
    size_t index;
} ref_slot;

static int compare_slots(const void *a, const void *b)
{
    const ref_slot *x = a, *y = b;
    int c = compare_ref_key(x->ref, y->ref->kind, y->ref->written);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void index_refs(renderer *r)
{
    size_t n = r->chapter->html_ref_count;
    if (!n)
        return;
    ref_slot *slots = octavo_xmalloc(n * sizeof *slots);
    for (size_t i = 0; i < n; i++)
        slots[i] = (ref_slot){const_chapter_ref(r, i), i};
    qsort(slots, n, sizeof *slots, compare_slots);
    r->refs_sorted = octavo_xmalloc(n * sizeof *r->refs_sorted);
    for (size_t i = 0; i < n; i++)
        r->refs_sorted[i] = slots[i].index;
    free(slots);
    r->id_taken = octavo_xcalloc(n, sizeof *r->id_taken);
}

/* A footnote reference cmark wrote: its link ("#fn-3") is kept when the
 * note exists, its id ("fnref-3") when it is the note's first reference,
 * as the note's back link returns to it. */
static const octavo_html_ref *note_ref(renderer *r, const char *written)
{
    bool link = strncmp(written, "#fn-", 4) == 0;
    const char *digits = link ? written + 4 : strncmp(written, "fnref-", 6) == 0 ? written + 6 : "";
    char *end;
    unsigned long number = isdigit((unsigned char)*digits) ? strtoul(digits, &end, 10) : 0;
    if (!number || *end || number > r->notes.count || (!link && r->notes.referenced[number - 1]))
        return NULL;
    if (!link)
        r->notes.referenced[number - 1] = true;
    snprintf(r->note_ref_id, sizeof r->note_ref_id, "%s%lu", link ? "#fn-" : "fnref-", number);
    r->note_ref = (octavo_html_ref){OCTAVO_HTML_NOTE_REF, NULL, r->note_ref_id, 0};
    return &r->note_ref;
}

static const octavo_html_ref *lookup_ref(void *ctx, octavo_html_ref_kind kind, const char *written,
                                         unsigned line)
{
    (void)line;
    renderer *r = ctx;
    if (kind == OCTAVO_HTML_NOTE_REF)
        return note_ref(r, written);
    size_t lo = 0, hi = r->chapter->html_ref_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (compare_ref_key(const_chapter_ref(r, r->refs_sorted[mid]), kind, written) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const octavo_html_ref *found = NULL;
    for (; lo < r->chapter->html_ref_count; lo++) {
        size_t i = r->refs_sorted[lo];
        const octavo_html_ref *ref = const_chapter_ref(r, i);
        if (compare_ref_key(ref, kind, written) != 0)
            break;
        if (kind != OCTAVO_HTML_ID)
            return ref;
        found = ref;
        if (ref->becomes && !r->id_taken[i]) {
            r->id_taken[i] = true;
            return ref;
        }
    }
    /* An id written twice, or one arrange left out: known, not written. */
    static const octavo_html_ref left_out = {OCTAVO_HTML_ID, NULL, NULL, 0};
    return found ? &left_out : NULL;
}

/* Whether `el` holds no element and no text but whitespace: a paragraph
 * whose raw HTML was all dropped, which would only leave a gap. */
static bool shows_nothing(xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return false;
        if (c->type == XML_TEXT_NODE && c->content &&
            c->content[strspn((const char *)c->content, " \t\r\n")])
            return false;
    }
    return true;
}

static void render_raw_html(renderer *r, cmark_node *n, xmlNodePtr into, bool phrasing_only)
{
    octavo_sanitize_node(n, phrasing_only, into, r->chapter->source_path, source_line(r, n),
                         lookup_ref, r, r->d);
}

static void enter_table_row(renderer *r, cmark_node *n)
{
    xmlNodePtr table = current(r);
    bool header = strcmp(cmark_node_get_type_string(n), "table_header") == 0;
    const char *group_name = header ? "thead" : "tbody";
    xmlNodePtr group = xmlGetLastChild(table);
    if (!group || strcmp((const char *)group->name, group_name) != 0)
        group = octavo_xhtml_add(table, group_name, NULL);
    push(r, n, octavo_xhtml_add(group, "tr", NULL));
}

static void enter_table_cell(renderer *r, cmark_node *n)
{
    cmark_node *row = cmark_node_parent(n);
    cmark_node *table = row ? cmark_node_parent(row) : NULL;
    bool header = row && strcmp(cmark_node_get_type_string(row), "table_header") == 0;
    xmlNodePtr cell = octavo_xhtml_add(current(r), header ? "th" : "td", NULL);
    if (header)
        xmlNewProp(cell, BAD_CAST "scope", BAD_CAST "col");
    size_t column = 0;
    for (cmark_node *s = cmark_node_previous(n); s; s = cmark_node_previous(s))
        column++;
    uint16_t columns = table ? cmark_gfm_extensions_get_table_columns(table) : 0;
    uint8_t *align = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
    if (align && column < columns) {
        const char *style = align[column] == 'l'   ? "text-align: left"
                            : align[column] == 'c' ? "text-align: center"
                            : align[column] == 'r' ? "text-align: right"
                                                   : NULL;
        if (style)
            xmlNewProp(cell, BAD_CAST "style", BAD_CAST style);
    }
    push(r, n, cell);
}

/* A piece of highlighted code: a span of its kind, or plain text. */
static void add_code_piece(void *ctx, const char *kind, const char *text, size_t len)
{
    xmlNodePtr into = ctx;
    if (kind) {
        char cls[32];
        snprintf(cls, sizeof cls, "hl-%s", kind);
        into = octavo_xhtml_add(into, "span", NULL);
        xmlNewProp(into, BAD_CAST "class", BAD_CAST cls);
    }
    xmlNodeAddContentLen(into, BAD_CAST text, (int)len);
}

static void enter_code_block(renderer *r, cmark_node *n)
{
    xmlNodePtr pre = octavo_xhtml_add(current(r), "pre", NULL);
    xmlNodePtr code = octavo_xhtml_add(pre, "code", NULL);
    const char *info = cmark_node_get_fence_info(n);
    const char *literal = cmark_node_get_literal(n);
    octavo_buf cls = OCTAVO_BUF_INIT;
    if (info && *info) {
        /* Only a safe class name: the first word, letters and digits. */
        octavo_buf_puts(&cls, "language-");
        for (const char *p = info; *p && !isspace((unsigned char)*p) && cls.len < 40; p++)
            if (isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '+')
                octavo_buf_putc(&cls, *p);
        if (cls.len > strlen("language-"))
            xmlNewProp(code, BAD_CAST "class", BAD_CAST octavo_buf_cstr(&cls));
    }
    const char *language = cls.len > strlen("language-") ? cls.data + strlen("language-") : NULL;
    if (language && literal && !r->highlighter)
        r->highlighter = r->own_highlighter = octavo_highlighter_new();
    if (!language || !literal ||
        !octavo_highlight(r->highlighter, language, literal, add_code_piece, code,
                          r->chapter->source_path, source_line(r, n), r->d))
        xmlNodeAddContent(code, BAD_CAST literal);
    octavo_buf_free(&cls);
}

static void enter_link(renderer *r, cmark_node *n)
{
    const octavo_markdown_ref *ref = cmark_node_get_user_data(n);
    const char *url = ref && ref->becomes ? ref->becomes : cmark_node_get_url(n);
    bool external = url && !(ref && ref->becomes) && octavo_url_is_external(url);
    /* The book's own links are octavo's and valid; the others are as
     * written, and must become valid URLs. */
    char *valid = external ? octavo_url_repair(url) : NULL;
    if (external && !valid)
        octavo_diag_add(r->d, OCTAVO_WARNING, r->chapter->source_path, source_line(r, n), 0,
                        "link to '%s' is kept as text: it is not a valid URL", url);
    if (valid || (ref && ref->becomes)) {
        xmlNodePtr a = octavo_xhtml_add(current(r), "a", NULL);
        xmlNewProp(a, BAD_CAST "href", BAD_CAST(valid ? valid : url));
        free(valid);
        const char *title = cmark_node_get_title(n);
        if (title && *title)
            xmlNewProp(a, BAD_CAST "title", BAD_CAST title);
        push(r, n, a);
        return;
    }
    /* Keep the words: a target octavo cannot resolve would be a broken
     * link in the book. A relative link that arrange could not resolve was reported there;
     * other schemes (javascript:, file:) and absolute paths are here. */
    if (!external && (!url || strchr(url, ':') || url[0] == '/'))
        octavo_diag_add(r->d, OCTAVO_WARNING, r->chapter->source_path, source_line(r, n), 0,
                        "link to '%s' is kept as text: only http, https and mailto links "
                        "and links to the book's own chapters are carried into the book",
                        url ? url : "");
    push(r, n, octavo_xhtml_add(current(r), "span", NULL));
}

/* The image a node was resolved to (resources.c), or NULL. */
static const octavo_image *image_of(const renderer *r, cmark_node *n)
{
    const octavo_markdown_ref *ref = cmark_node_get_user_data(n);
    size_t index = ref ? ref->image_index : 0;
    return index && index <= r->book->image_count ? &r->book->images[index - 1] : NULL;
}

static void render_image(renderer *r, cmark_node *n)
{
    const octavo_image *img = image_of(r, n);
    char *alt = octavo_node_text(n);
    if (img) {
        xmlNodePtr el = octavo_xhtml_add(current(r), "img", NULL);
        octavo_buf src = OCTAVO_BUF_INIT;
        octavo_buf_printf(&src, "../%s", img->path);
        xmlNewProp(el, BAD_CAST "src", BAD_CAST octavo_buf_cstr(&src));
        xmlNewProp(el, BAD_CAST "alt", BAD_CAST alt);
        const char *title = cmark_node_get_title(n);
        if (title && *title)
            xmlNewProp(el, BAD_CAST "title", BAD_CAST title);
        octavo_buf_free(&src);
    } else if (*alt) {
        /* resources.c said why it is not embedded. */
        xmlNodePtr span = octavo_xhtml_add(current(r), "span", NULL);
        xmlNewProp(span, BAD_CAST "class", BAD_CAST "image-missing");
        xmlNodeAddContent(span, BAD_CAST alt);
    }
    free(alt);
}

/* A paragraph that is only an embedded image: a figure. */
static bool is_figure(const renderer *r, cmark_node *paragraph)
{
    cmark_node *only = cmark_node_first_child(paragraph);
    return only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_IMAGE &&
           image_of(r, only) && !in_tight_list(paragraph);
}

static void render_figure(renderer *r, cmark_node *paragraph)
{
    cmark_node *image = cmark_node_first_child(paragraph);
    xmlNodePtr figure = octavo_xhtml_add(current(r), "figure", NULL);
    push(r, paragraph, figure);
    render_image(r, image);
    if (r->opts && r->opts->captions) {
        const char *title = cmark_node_get_title(image);
        char *caption = title && *title ? octavo_xstrdup(title) : octavo_node_text(image);
        if (*caption)
            octavo_xhtml_add(figure, "figcaption", caption);
        free(caption);
    }
    r->depth--;
}

static void enter_footnote_reference(renderer *r, cmark_node *n)
{
    const char *literal = cmark_node_get_literal(n);
    size_t number = literal ? strtoul(literal, NULL, 10) : 0;
    if (number == 0 || number > r->notes.count)
        return; /* cmark-gfm only makes references to existing notes */
    char href[32], id[32], text[24];
    snprintf(href, sizeof href, "#fn-%zu", number);
    snprintf(id, sizeof id, "fnref-%zu", number);
    snprintf(text, sizeof text, "%zu", number);
    xmlNodePtr sup = octavo_xhtml_add(current(r), "sup", NULL);
    xmlNodePtr a = octavo_xhtml_add(sup, "a", text);
    /* Only the first reference carries the id the back link returns to. */
    if (!r->notes.referenced[number - 1]) {
        r->notes.referenced[number - 1] = true;
        xmlSetProp(a, BAD_CAST "id", BAD_CAST id);
    }
    xmlNewProp(a, BAD_CAST "href", BAD_CAST href);
    octavo_xhtml_set_epub_type(a, "noteref", "doc-noteref");
}

static void enter_footnote_definition(renderer *r, cmark_node *n)
{
    size_t number = ++r->notes.defined;
    xmlNodePtr aside = octavo_xhtml_add(r->section, "aside", NULL);
    char id[32], back[32];
    snprintf(id, sizeof id, "fn-%zu", number);
    snprintf(back, sizeof back, "#fnref-%zu", number);
    xmlSetProp(aside, BAD_CAST "id", BAD_CAST id);
    octavo_xhtml_set_epub_type(aside, "footnote", "doc-footnote");
    xmlNodePtr a = octavo_xhtml_add(aside, "a", NULL);
    char text[24];
    snprintf(text, sizeof text, "%zu.", number);
    xmlNodeAddContent(a, BAD_CAST text);
    xmlNewProp(a, BAD_CAST "href", BAD_CAST back);
    xmlNewProp(a, BAD_CAST "class", BAD_CAST "footnote-back");
    push(r, n, aside);
}

/* Renders what entering `n` opens. Returns false when `n` was rendered
 * whole and its children must be skipped. */
static bool enter(renderer *r, cmark_node *n)
{
    cmark_node_type type = cmark_node_get_type(n);
    const char *ext = cmark_node_get_type_string(n);
    xmlNodePtr parent = current(r);
    switch (type) {
    case CMARK_NODE_DOCUMENT:
        return true;
    case CMARK_NODE_PARAGRAPH: {
        if (is_figure(r, n)) {
            render_figure(r, n);
            return false;
        }
        xmlNodePtr p = in_tight_list(n) ? parent : octavo_xhtml_add(parent, "p", NULL);
        if (octavo_has_raw_inline_html(n)) {
            render_raw_html(r, n, p, true);
            if (p != parent && shows_nothing(p)) { /* all of it dropped (said) */
                xmlUnlinkNode(p);
                xmlFreeNode(p);
            }
            return false;
        }
        if (p != parent)
            push(r, n, p);
        return true;
    }
    case CMARK_NODE_HEADING: {
        const octavo_section *s = cmark_node_get_user_data(n);
        char name[3] = {'h', (char)('0' + (s ? s->level : 2)), '\0'};
        xmlNodePtr h = octavo_xhtml_add(parent, name, NULL);
        if (s && s->id)
            xmlSetProp(h, BAD_CAST "id", BAD_CAST s->id);
        if (octavo_has_raw_inline_html(n)) {
            render_raw_html(r, n, h, true);
            return false;
        }
        push(r, n, h);
        return true;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        push(r, n, octavo_xhtml_add(parent, "blockquote", NULL));
        return true;
    case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        xmlNodePtr list = octavo_xhtml_add(parent, ordered ? "ol" : "ul", NULL);
        int start = cmark_node_get_list_start(n);
        if (ordered && start != 1) {
            char value[16];
            snprintf(value, sizeof value, "%d", start);
            xmlNewProp(list, BAD_CAST "start", BAD_CAST value);
        }
        push(r, n, list);
        return true;
    }
    case CMARK_NODE_ITEM: {
        xmlNodePtr li = octavo_xhtml_add(parent, "li", NULL);
        if (strcmp(ext, "tasklist") == 0) {
            bool done = cmark_gfm_extensions_get_tasklist_item_checked(n);
            xmlNewProp(li, BAD_CAST "class", BAD_CAST(done ? "task done" : "task"));
            xmlNodeAddContent(li, BAD_CAST(done ? "☑ " : "☐ "));
        }
        push(r, n, li);
        return true;
    }
    case CMARK_NODE_CODE_BLOCK:
        enter_code_block(r, n);
        return true;
    case CMARK_NODE_HTML_BLOCK:
        render_raw_html(r, n, parent, false);
        if (octavo_raw_html_end(n) != n)
            r->resume_after = octavo_raw_html_end(n);
        return true;
    case CMARK_NODE_THEMATIC_BREAK:
        octavo_xhtml_add(parent, "hr", NULL);
        return true;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        enter_footnote_definition(r, n);
        return true;
    case CMARK_NODE_TEXT:
        if (r->opts && r->opts->vertical)
            add_vertical_text(r, cmark_node_get_literal(n));
        else
            add_text(r, cmark_node_get_literal(n));
        return true;
    case CMARK_NODE_SOFTBREAK:
        add_text(r, "\n");
        return true;
    case CMARK_NODE_LINEBREAK:
        octavo_xhtml_add(parent, "br", NULL);
        return true;
    case CMARK_NODE_CODE:
        octavo_xhtml_add(parent, "code", cmark_node_get_literal(n));
        return true;
    case CMARK_NODE_HTML_INLINE:
        return true; /* only inside blocks rendered through the sanitizer */
    case CMARK_NODE_EMPH:
        push(r, n, octavo_xhtml_add(parent, "em", NULL));
        return true;
    case CMARK_NODE_STRONG:
        push(r, n, octavo_xhtml_add(parent, "strong", NULL));
        return true;
    case CMARK_NODE_LINK:
        enter_link(r, n);
        return true;
    case CMARK_NODE_IMAGE:
        render_image(r, n);
        return false; /* its children are the description, already shown */
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        enter_footnote_reference(r, n);
        return true;
    default:
        break;
    }
    if (strcmp(ext, "table") == 0)
        push(r, n, octavo_xhtml_add(parent, "table", NULL));
    else if (strcmp(ext, "table_header") == 0 || strcmp(ext, "table_row") == 0)
        enter_table_row(r, n);
    else if (strcmp(ext, "table_cell") == 0) {
        enter_table_cell(r, n);
        if (octavo_has_raw_inline_html(n)) {
            render_raw_html(r, n, current(r), true);
            r->depth--;
            return false;
        }
    } else if (strcmp(ext, "strikethrough") == 0)
        push(r, n, octavo_xhtml_add(parent, "del", NULL));
    /* Anything else is rendered through its children alone. */
    return true;
}

static void count_footnotes(renderer *r, cmark_node *body)
{
    for (cmark_node *n = cmark_node_first_child(body); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
            r->notes.count++;
    r->notes.referenced = octavo_xcalloc(r->notes.count, sizeof *r->notes.referenced);
}

/* Renders `root` and everything under it into the current element. */
/* Elements added to `parent` after `last` (NULL: all) came from source
 * line `line`: the line map is made from this mark (xmlNode._private is
 * the application's). */
static void mark_new_elements(xmlNodePtr parent, xmlNodePtr last, unsigned line)
{
    for (xmlNodePtr n = last ? last->next : parent->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !n->_private)
            n->_private = (void *)(uintptr_t)line;
}

/* The next element in document order, without recursion. */
static xmlNodePtr next_element(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    for (; n; n = n->parent) {
        for (xmlNodePtr s = n->next; s; s = s->next)
            if (s->type == XML_ELEMENT_NODE)
                return s;
        if (n->parent && n->parent->type != XML_ELEMENT_NODE)
            return NULL;
    }
    return NULL;
}

/* Pairs each marked element of `doc` with its line in the serialised
 * page, by reading the page again and walking both trees together. */
static void map_lines(xmlDocPtr doc, const char *out, size_t len, octavo_line_map *map)
{
    if (len > INT32_MAX)
        return;
    xmlDocPtr again = xmlReadMemory(out, (int)len, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_HUGE | XML_PARSE_BIG_LINES);
    if (!again)
        return;
    xmlNodePtr a = xmlDocGetRootElement(doc), b = xmlDocGetRootElement(again);
    for (; a && b; a = next_element(a), b = next_element(b)) {
        unsigned source = (unsigned)(uintptr_t)a->_private;
        if (!source)
            continue;
        map->output = octavo_xgrow(map->output, &map->cap, map->count + 1, sizeof *map->output);
        map->source = octavo_xrealloc(map->source, map->cap * sizeof *map->source);
        map->output[map->count] = (unsigned)xmlGetLineNo(b);
        map->source[map->count++] = source;
    }
    xmlFreeDoc(again);
}

unsigned octavo_line_map_find(const octavo_line_map *map, unsigned line)
{
    size_t lo = 0, hi = map->count; /* the last pair with output <= line */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->output[mid] <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? map->source[lo - 1] : 0;
}

void octavo_line_map_free(octavo_line_map *map)
{
    free(map->output);
    free(map->source);
    *map = (octavo_line_map){0};
}

static void walk(renderer *r, cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    cmark_node *skipping = NULL; /* a node rendered whole: ignore its children */
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (skipping) {
            if (ev == CMARK_EVENT_EXIT && n == skipping)
                skipping = NULL;
            continue;
        }
        if (ev == CMARK_EVENT_ENTER) {
            xmlNodePtr parent = current(r), last = parent->last;
            if (!enter(r, n))
                skipping = n;
            if (r->resume_after) {
                cmark_iter_reset(it, r->resume_after, CMARK_EVENT_EXIT);
                r->resume_after = NULL;
            }
            if (r->mark_lines && cmark_node_get_start_line(n) > 0 &&
                (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
                mark_new_elements(parent, last, source_line(r, n));
        } else if (r->depth && r->stack[r->depth - 1].node == n) {
            r->depth--;
        }
    }
    cmark_iter_free(it);
}

static void render_byline(renderer *r)
{
    xmlNodePtr p = octavo_xhtml_add(r->section, "p", NULL);
    xmlNewProp(p, BAD_CAST "class", BAD_CAST "byline");
    push(r, NULL, p);
    for (cmark_node *n = cmark_node_first_child(r->chapter->byline); n; n = cmark_node_next(n))
        walk(r, n);
    r->depth--;
}

void octavo_render_chapter(const octavo_book *book, const octavo_chapter *c,
                           const octavo_render_options *opts, char **out, size_t *len,
                           octavo_line_map *lines, xmlDocPtr *tree, octavo_diags *d)
{
    xmlNodePtr body;
    xmlDocPtr doc = octavo_xhtml_new(c->lang, c->title, "../styles/book.css", &body);
    renderer r = {.book = book,
                  .opts = opts,
                  .chapter = c,
                  .d = d,
                  .mark_lines = lines != NULL,
                  .highlighter = opts ? opts->highlighter : NULL};
    r.section = octavo_xhtml_add(body, "section", NULL);
    if (!c->piece) {
        octavo_xhtml_set_epub_type(r.section, "chapter", "doc-chapter");
        xmlNewProp(r.section, BAD_CAST "aria-labelledby", BAD_CAST "title");
        xmlSetProp(octavo_xhtml_add(r.section, "h1", c->heading ? c->heading : c->title),
                   BAD_CAST "id", BAD_CAST "title");
    } /* (a piece goes on where the page before it ended) */
    count_footnotes(&r, c->body);
    index_refs(&r);
    if (c->byline)
        render_byline(&r);
    walk(&r, c->body);

    if (c->signature) {
        xmlNodePtr p = octavo_xhtml_add(r.section, "p", c->signature);
        xmlNewProp(p, BAD_CAST "class", BAD_CAST "signature");
    }
    octavo_xml_serialise(doc, out, len);
    if (lines) {
        /* The title (and byline) come from the top of the file. */
        xmlNodePtr title = r.section->children;
        while (title && title->type != XML_ELEMENT_NODE)
            title = title->next;
        if (title && !title->_private)
            title->_private = (void *)(uintptr_t)1;
        map_lines(doc, *out, *len, lines);
    }
    if (tree)
        *tree = doc;
    else
        xmlFreeDoc(doc);
    free(r.stack);
    free(r.notes.referenced);
    free(r.refs_sorted);
    free(r.id_taken);
    octavo_highlighter_free(r.own_highlighter);
}

void octavo_render_part(const octavo_book *book, const octavo_part *part, char **out, size_t *len)
{
    xmlNodePtr body;
    xmlDocPtr doc =
        octavo_xhtml_new(book->languages.items[0], part->title, "../styles/book.css", &body);
    xmlNodePtr section = octavo_xhtml_add(body, "section", NULL);
    octavo_xhtml_set_epub_type(section, "part", "doc-part");
    xmlNewProp(section, BAD_CAST "aria-labelledby", BAD_CAST "title");
    xmlNodePtr h1 = octavo_xhtml_add(section, "h1", part->title);
    xmlSetProp(h1, BAD_CAST "id", BAD_CAST "title");
    xmlNewProp(h1, BAD_CAST "class", BAD_CAST "part-title");
    octavo_xml_serialise(doc, out, len);
    xmlFreeDoc(doc);
}

void octavo_render_cover_page(const octavo_book *book, char **out, size_t *len)
{
    xmlNodePtr body;
    const char *lang = book->languages.items[0];
    xmlDocPtr doc = octavo_xhtml_new(lang, book->title, "../styles/book.css", &body);
    xmlNewProp(body, BAD_CAST "class", BAD_CAST "cover");
    xmlNodePtr section = octavo_xhtml_add(body, "section", NULL);
    octavo_xhtml_set_epub_type(section, "cover", NULL);
    xmlNewProp(section, BAD_CAST "class", BAD_CAST "cover");
    xmlNodePtr img = octavo_xhtml_add(section, "img", NULL);
    xmlNewProp(img, BAD_CAST "role", BAD_CAST "doc-cover"); /* the ARIA role goes here */
    octavo_buf src = OCTAVO_BUF_INIT;
    octavo_buf_printf(&src, "../%s", book->images[book->cover - 1].path);
    xmlNewProp(img, BAD_CAST "src", BAD_CAST octavo_buf_cstr(&src));
    xmlNewProp(img, BAD_CAST "alt", BAD_CAST book->title);
    octavo_buf_free(&src);
    octavo_xml_serialise(doc, out, len);
    xmlFreeDoc(doc);
}

void octavo_render_title_page(const octavo_book *book, char **out, size_t *len)
{
    xmlNodePtr body;
    const char *lang = book->languages.items[0];
    xmlDocPtr doc = octavo_xhtml_new(lang, book->title, "../styles/book.css", &body);
    xmlNodePtr section = octavo_xhtml_add(body, "section", NULL);
    octavo_xhtml_set_epub_type(section, "titlepage", NULL); /* no ARIA role matches */
    xmlNewProp(section, BAD_CAST "class", BAD_CAST "titlepage");
    xmlNewProp(octavo_xhtml_add(section, "h1", book->title), BAD_CAST "class",
               BAD_CAST "book-title");
    if (book->subtitle)
        xmlNewProp(octavo_xhtml_add(section, "p", book->subtitle), BAD_CAST "class",
                   BAD_CAST "book-subtitle");
    for (size_t i = 0; i < book->authors.count; i++)
        xmlNewProp(octavo_xhtml_add(section, "p", book->authors.items[i]), BAD_CAST "class",
                   BAD_CAST "book-author");
    octavo_buf imprint = OCTAVO_BUF_INIT;
    if (book->publisher)
        octavo_buf_puts(&imprint, book->publisher);
    if (book->date) {
        if (imprint.len)
            octavo_buf_puts(&imprint, " · ");
        octavo_buf_puts(&imprint, book->date);
    }
    if (imprint.len)
        xmlNewProp(octavo_xhtml_add(section, "p", octavo_buf_cstr(&imprint)), BAD_CAST "class",
                   BAD_CAST "book-imprint");
    octavo_buf_free(&imprint);
    octavo_xml_serialise(doc, out, len);
    xmlFreeDoc(doc);
}
