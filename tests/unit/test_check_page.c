/* A page as octavo check reads it (src/check/page.c, xml.c): the rule
 * tables' names numbered once per page, the stand-ins for the text of
 * octavo's own pages, and the walk of the tree such a page was written
 * from, each of which must find what reading the page as it is finds,
 * hostile bytes and all. */
#include "check.h"
#include "check/check_internal.h"
#include "xhtml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>

static void test_name_table(void)
{
    name_table t = {0};
    bool fresh;
    CHECK_INT(octavo_check_name_number(&t, "p", "http://www.w3.org/1999/xhtml", &fresh), 0);
    CHECK(fresh);
    CHECK_INT(octavo_check_name_number(&t, "p", "http://www.w3.org/1999/xhtml", &fresh), 0);
    CHECK(!fresh);
    /* the same name in another namespace, or in none, is another name */
    CHECK_INT(octavo_check_name_number(&t, "p", "http://www.w3.org/2000/svg", &fresh), 1);
    CHECK(fresh);
    CHECK_INT(octavo_check_name_number(&t, "p", NULL, &fresh), 2);
    CHECK_INT(octavo_check_name_number(&t, "p", "", &fresh), 3);
    CHECK_INT(octavo_check_name_number(&t, "div", NULL, &fresh), 4);
    /* past NAME_TABLE_MAX names (a hostile page), -1: looked up anew */
    char name[32];
    for (int i = 5; i < NAME_TABLE_MAX; i++) {
        snprintf(name, sizeof name, "e%d", i);
        CHECK_INT(octavo_check_name_number(&t, name, NULL, &fresh), i);
    }
    CHECK_INT(octavo_check_name_number(&t, "one-more", NULL, &fresh), -1);
    CHECK(!fresh);
    CHECK_INT(octavo_check_name_number(&t, "e77", NULL, &fresh), 77);
    CHECK_INT(octavo_check_name_number(&t, "p", NULL, &fresh), 2);
    octavo_check_name_table_free(&t);
}

/* What a scan found, as text: findings, ids, references, uses. */
static char *facts_text(const page_facts *f)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_printf(&b, "xhtml=%d uses=%u navs=%zu\n", f->is_xhtml, f->uses, f->toc_navs);
    for (size_t i = 0; i < f->findings.count; i++) {
        const octavo_diag *d = &f->findings.items[i];
        octavo_buf_printf(&b, "%s %s:%u %s\n", d->code[0] ? d->code : "-", d->file ? d->file : "-",
                          d->line, d->message);
    }
    for (size_t i = 0; i < f->nav_findings.count; i++)
        octavo_buf_printf(&b, "nav %u %s\n", f->nav_findings.items[i].line,
                          f->nav_findings.items[i].message);
    for (size_t i = 0; i < f->id_count; i++)
        octavo_buf_printf(&b, "id %s\n", f->ids[i]);
    for (size_t i = 0; i < f->ref_count; i++)
        octavo_buf_printf(&b, "ref %s@%u\n", f->refs[i].url, f->refs[i].line);
    return octavo_buf_detach(&b);
}

/* The page read with stand-ins (its names looked up in `names`, kept
 * from the pages before it; NULL: its own) and as it is, alone: the same
 * facts. Returns the facts (the caller frees). */
static char *same_facts(const char *page, const char *what, octavo_check_names *names)
{
    size_t len = strlen(page);
    octavo_page_facts *own = octavo_check_scan_page("p.xhtml", page, len, names);
    page_facts plain = {0};
    xml_source src;
    octavo_check_memory_source(&src, page, len);
    octavo_check_scan_source("p.xhtml", &src, &plain, NULL);
    page_facts kept;
    octavo_check_facts_view(own, &kept);
    char *a = facts_text(&kept), *b = facts_text(&plain);
    if (strcmp(a, b) != 0) {
        fprintf(stderr, "%s: stand-ins changed the facts\n  with:    %s\n  without: %s\n", what, a,
                b);
        check_failures++;
    }
    octavo_page_facts_free(own);
    octavo_check_page_facts_clear(&plain);
    free(b);
    return a;
}

#define HEAD                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html "                          \
    "xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "          \
    "lang=\"zh\" xml:lang=\"zh\">\n<head><title>标题</title></head>\n<body>\n"
#define TAIL "\n</body>\n</html>\n"

/* Pages, each with what must be in its facts. */
static const struct test_page {
    const char *what, *page, *want;
} stand_in_pages[] = {
    {"prose", HEAD "<p id=\"第一\">中文，English 和　全角。</p>\n<p>Ünïcödé 😀 ok</p>" TAIL,
     "id 第一"},
    {"no title text", HEAD "<p>正文</p>" TAIL, "xhtml=1"},
    {"empty title",
     "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
     "<head><title> </title></head><body><p>中</p></body></html>",
     "title must not be empty"},
    /* style text is read as it is: its URL is a reference */
    {"style", HEAD "<style>p { background: url(图.png) } /* 注 */</style><p>中</p>" TAIL,
     "ref 图.png"},
    {"style prefixed",
     HEAD "<h:style xmlns:h=\"http://www.w3.org/1999/xhtml\">p{background:url(图2.png)}"
          "</h:style>" TAIL,
     "ref 图2.png"},
    {"self-closed style", HEAD "<style/><p>中文</p><style>a{background:url(三.png)}</style>" TAIL,
     "ref 三.png"},
    {"script", HEAD "<script>var s = \"中文\";</script><p>中</p>" TAIL, "uses=4"},
    /* bytes libxml2 refuses, and quotes: the same message */
    {"bad byte in text", HEAD "<p>中文\xff中文</p>" TAIL, "RSC-016"},
    {"bad byte in attribute", HEAD "<p title=\"\xff\">中</p>" TAIL, "RSC-016"},
    {"truncated character", HEAD "<p>中\xe4\xb8</p>中" TAIL, "RSC-016"},
    {"overlong", HEAD "<p>\xc0\xaf中</p>" TAIL, "RSC-016"},
    {"surrogate", HEAD "<p>\xed\xa0\x80中</p>" TAIL, "RSC-016"},
    {"U+FFFE", HEAD "<p>中\xef\xbf\xbe中</p>" TAIL, "RSC-016"},
    {"past U+10FFFF", HEAD "<p>中\xf4\x90\x80\x80中</p>" TAIL, "RSC-016"},
    {"control", HEAD "<p>中\x01中</p>" TAIL, "RSC-016"},
    {"cdata end", HEAD "<p>中]]>中</p>" TAIL, "RSC-016"},
    {"lt in text", HEAD "<p>中 < 中</p>" TAIL, "RSC-016"},
    {"mismatch", HEAD "<p>中文</q>" TAIL, "RSC-016"},
    {"text after root", HEAD "<p>中</p>" TAIL "中文", "RSC-016"},
    /* markup that holds text of its own */
    {"comment", HEAD "<!-- 注释 -- 中 --><p>中</p>" TAIL, "RSC-016"},
    {"comment ok", HEAD "<!-- 注释 - 中 -><p>x</p> --><p>中</p>" TAIL, "xhtml=1"},
    {"cdata", HEAD "<p><![CDATA[中 <b> ]] 文]]>中</p>" TAIL, "xhtml=1"},
    {"pi", HEAD "<?php 中 ?><p>中</p>" TAIL, "xhtml=1"},
    {"quoted >", HEAD "<p title=\"a > 中\" id='x>中'>中</p>" TAIL, "id x>中"},
    /* text where there may be none: said the same, at the same line */
    {"text in ul", HEAD "<ul>中文</ul>" TAIL, "text not allowed"},
    {"text in table", HEAD "<table>\n<tr><td>中</td></tr>表</table>" TAIL, "text not allowed"},
    {"nav",
     HEAD "<nav epub:type=\"toc\"><h1>目录</h1><ol><li><a href=\"a.xhtml\">第一章</a></li>"
          "<li><a href=\"b.xhtml\"> </a></li></ol></nav>" TAIL,
     "must contain text"},
    /* prologs the stand-ins stay out of */
    {"latin-1",
     "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<html "
     "xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>\xe9t\xe9</title></head><body><p>"
     "\xe4\xb8\xad</p></body></html>",
     "xhtml=1"},
    {"internal subset",
     "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY e \"中<b>文</b>\">]>\n<html "
     "xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head><body><p>&e;中</p>"
     "</body></html>",
     "xhtml=1"},
    {"no declaration",
     "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>标</title></head><body>"
     "<ul>文</ul></body></html>",
     "text not allowed"},
    {"utf-16", "<\0h\0t\0m\0l\0", "RSC-016"},
    {"not xhtml", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">中</svg>",
     "RSC-005"},
};

static void test_stand_ins(octavo_check_names *names)
{
    for (size_t i = 0; i < sizeof stand_in_pages / sizeof *stand_in_pages; i++) {
        const struct test_page *t = &stand_in_pages[i];
        char *got = same_facts(t->page, t->what, names);
        if (!strstr(got, t->want)) {
            fprintf(stderr, "%s: no \"%s\" in:\n%s\n", t->what, t->want, got);
            check_failures++;
        }
        free(got);
    }
}

/* A page longer than one read of libxml2's, with characters across every
 * place a read may end. */
static void test_long_page(void)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_append(&b, HEAD, strlen(HEAD));
    for (int i = 0; i < 3000; i++)
        octavo_buf_printf(&b, "<p id=\"p%d\">第%d段，中文😀é%s</p>\n%s", i, i, i % 7 ? "" : "\n",
                          i == 2500 ? "<ul>列表</ul>" : "");
    octavo_buf_append(&b, TAIL, strlen(TAIL));
    char *got = same_facts(octavo_buf_cstr(&b), "long page", NULL);
    CHECK(strstr(got, "id p2999") != NULL);
    CHECK(strstr(got, "text not allowed") != NULL);
    free(got);
    octavo_buf_free(&b);
}

/* The names' facts kept from page to page (as a build's thread keeps
 * them) change nothing: nor when a page before has used up the names
 * there is room for (a hostile page), so that later names are looked up
 * anew each time. */
static void test_names_kept(void)
{
    octavo_check_names *names = octavo_check_names_new();
    test_stand_ins(names);
    test_stand_ins(names);
    octavo_check_names_free(names);

    names = octavo_check_names_new();
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_append(&b, HEAD, strlen(HEAD));
    for (int i = 0; i < NAME_TABLE_MAX + 10; i++)
        octavo_buf_printf(&b, "<my-e%d>中</my-e%d><q%d/>", i, i, i);
    octavo_buf_append(&b, TAIL, strlen(TAIL));
    char *got = same_facts(octavo_buf_cstr(&b), "many names", names);
    CHECK(strstr(got, "\"q0\"") != NULL); /* (not an element of XHTML) */
    free(got);
    octavo_buf_free(&b);
    test_stand_ins(names);
    octavo_check_names_free(names);
}

/* `tree` serialised as a build writes it, then its facts three ways: by
 * the walk alone, by octavo_check_scan_page_tree (which reads the text
 * when the walk refuses or finds something) and by reading the text: all
 * the same, lines included. Whether the walk refused is `refused`.
 * Returns the facts (the caller frees); frees the tree. */
static char *walked_facts(xmlDocPtr tree, const char *what, bool *refused)
{
    char *text;
    size_t len;
    octavo_xml_serialise(tree, &text, &len);
    page_facts walked = {0}, read = {0};
    xml_source src;
    octavo_check_tree_source(&src, tree, text, len);
    octavo_check_scan_source("p.xhtml", &src, &walked, NULL);
    *refused = src.walk_refused;
    octavo_check_memory_source(&src, text, len);
    octavo_check_scan_source("p.xhtml", &src, &read, NULL);
    octavo_page_facts *both = octavo_check_scan_page_tree("p.xhtml", tree, text, len, NULL);
    page_facts kept;
    octavo_check_facts_view(both, &kept);
    char *a = facts_text(&walked), *b = facts_text(&read), *c = facts_text(&kept);
    if (!*refused && strcmp(a, b) != 0) {
        fprintf(stderr, "%s: the walk found otherwise\n  walked: %s\n  read:   %s\n", what, a, b);
        check_failures++;
    }
    if (strcmp(c, b) != 0) {
        fprintf(stderr, "%s: scan_page_tree found otherwise\n  got:  %s\n  read: %s\n", what, c, b);
        check_failures++;
    }
    octavo_check_page_facts_clear(&walked);
    octavo_check_page_facts_clear(&read);
    octavo_page_facts_free(both);
    free(a);
    free(c);
    free(text);
    xmlFreeDoc(tree);
    return b;
}

/* Pages read into trees, then walked: what the walk says is what a parse
 * says, findings and their lines included. */
static void test_walk(void)
{
    static const struct test_page walk_pages[] = {
        {"links over lines",
         HEAD "<section>\n<h1 id=\"t\">题</h1>\n<p>一<a href=\"b.xhtml#x\">链</a>\n二<br/>"
              "<img src=\"i.png\" alt=\"\"/></p>\n<p><a href=\"http://example.com/\">外</a>"
              "</p></section>" TAIL,
         "ref i.png@"},
        {"text in ul", HEAD "<ul>\n<li>一</li>中文</ul>" TAIL, "text not allowed"},
        {"duplicate ids", HEAD "<p id=\"a\">一</p>\n<p id=\"a\">二</p>" TAIL, "Duplicate ID"},
        {"svg",
         HEAD "<p><svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink="
              "\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 1 1\"><image xlink:href=\"i.png\" "
              "width=\"1\" height=\"1\"/><title>图</title></svg></p>" TAIL,
         "uses=2"},
        {"comment and cdata",
         HEAD "<!-- 注 --><p><![CDATA[中 <b> 文]]>中</p>\n<p title=\"a &lt; b\">x</p>" TAIL,
         "xhtml=1"},
        {"no namespace", "<?xml version=\"1.0\"?>\n<html><head><title>t</title></head></html>",
         "RSC-005"},
        {"entity", /* an entity's reference stays in the tree: refused */
         "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY e \"中\">]>\n<html "
         "xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head><body><p>&e;</p>"
         "</body></html>",
         "xhtml=1"},
    };
    size_t own = sizeof walk_pages / sizeof *walk_pages,
           more = sizeof stand_in_pages / sizeof *stand_in_pages;
    for (size_t i = 0; i < own + more; i++) {
        /* (the stand-ins' pages too: those that are XML, and what their
         * walk finds is what reading their text finds) */
        const struct test_page *t = i < own ? &walk_pages[i] : &stand_in_pages[i - own];
        xmlDocPtr tree = xmlReadMemory(t->page, (int)strlen(t->page), NULL, NULL,
                                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!tree) {
            CHECK(i >= own);
            continue;
        }
        bool refused;
        char *got = walked_facts(tree, t->what, &refused);
        if (i < own && !strstr(got, t->want)) {
            fprintf(stderr, "%s: no \"%s\" in:\n%s\n", t->what, t->want, got);
            check_failures++;
        }
        if (i < own)
            CHECK(refused == (strcmp(t->what, "entity") == 0));
        free(got);
    }
}

/* Trees whose text would not read back as they are (so a parse of the
 * text says otherwise): the walk refuses, and the text is read. */
static void test_walk_refuses(void)
{
    for (int kind = 0; kind < 8; kind++) {
        xmlNodePtr body;
        xmlDocPtr tree = octavo_xhtml_new("zh", "题", NULL, &body);
        xmlNodePtr p = octavo_xhtml_add(body, "p", "中文");
        xmlNsPtr loose = NULL; /* a namespace no node owns (freed here) */
        switch (kind) {
        case 0: /* a character XML does not have */
            xmlNodeAddContent(p, BAD_CAST "\x01");
            break;
        case 1: /* an attribute twice */
            xmlNewProp(p, BAD_CAST "id", BAD_CAST "a");
            xmlNewProp(p, BAD_CAST "id", BAD_CAST "b");
            break;
        case 2: /* an element in no namespace, under XHTML's default one */
            xmlAddChild(p, xmlNewDocNode(tree, NULL, BAD_CAST "b", BAD_CAST "x"));
            break;
        case 3: /* a prefix declared nowhere in scope */
            loose = xmlNewNs(NULL, BAD_CAST "urn:x", BAD_CAST "x");
            xmlAddChild(p, xmlNewDocNode(tree, loose, BAD_CAST "b", BAD_CAST "x"));
            xmlNewNsProp(p, loose, BAD_CAST "a", BAD_CAST "1");
            break;
        case 4: { /* deeper than libxml2 reads */
            xmlNodePtr at = p;
            for (int i = 0; i < 300; i++)
                at = octavo_xhtml_add(at, "span", NULL);
            break;
        }
        case 5: /* text written as it is */
            xmlAddChild(p, xmlNewTextLen(BAD_CAST "<b>", 3));
            p->last->name = xmlStringTextNoenc;
            break;
        case 6: /* a name that is not one */
            xmlNewProp(p, BAD_CAST "a b", BAD_CAST "1");
            break;
        case 7: /* a comment that ends the comment */
            xmlAddChild(p, xmlNewDocComment(tree, BAD_CAST "a -- b"));
            break;
        }
        bool refused;
        char what[32];
        snprintf(what, sizeof what, "refused %d", kind);
        free(walked_facts(tree, what, &refused));
        if (loose)
            xmlFreeNs(loose);
        if (!refused) {
            fprintf(stderr, "%s: the walk did not refuse\n", what);
            check_failures++;
        }
    }
}

/* Every fact of a page, as text, and what each reference says. */
static char *all_facts_text(const page_facts *f)
{
    char *some = facts_text(f);
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_append(&b, some, strlen(some));
    free(some);
    octavo_buf_printf(&b, "scanned=%d viewport=%d:%s groups=%u css=%d\n", f->scanned,
                      f->has_viewport, f->viewport ? f->viewport : "-", f->groups, f->has_css);
    octavo_buf_printf(&b, "entity=%s@%u doctype=%c:%s@%u encoding=%s\n",
                      f->external_entity ? f->external_entity : "-", f->external_line,
                      f->doctype ? f->doctype : '-', f->doctype_id ? f->doctype_id : "-",
                      f->doctype_line, f->encoding ? f->encoding : "-");
    const octavo_diags *said[] = {&f->findings, &f->nav_findings, &f->epub3_findings};
    for (size_t k = 0; k < 3; k++) {
        const octavo_diags *d = said[k];
        octavo_buf_printf(&b, "said %zu: %zu/%zu/%zu dropped %zu/%zu/%zu\n", k, d->errors,
                          d->warnings, d->infos, d->dropped[0], d->dropped[1], d->dropped[2]);
        for (size_t i = 0; i < d->count; i++)
            octavo_buf_printf(&b, "%s %u %s\n", d->items[i].code, d->items[i].line,
                              d->items[i].message);
    }
    for (size_t i = 0; f->id_order && i < f->id_count; i++)
        octavo_buf_printf(&b, "order %s %u\n", f->ids[i], f->id_order[i]);
    for (size_t i = 0; i < f->ref_count; i++) {
        const page_ref *r = &f->refs[i];
        octavo_buf_printf(&b, "ref %s kind=%d nav=%d in=%d from=%d type=%s group=%u\n", r->url,
                          (int)r->kind, r->nav, r->in, r->from, r->type ? r->type : "-", r->group);
    }
    return octavo_buf_detach(&b);
}

/* What a build keeps of a page until the check (facts.c, in one block)
 * is what scanning it found, every fact of it; and a page without
 * findings, or with some, or not a page. */
static void test_kept_facts(void)
{
    static const char *pages[] = {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" "
        "\"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
        "xmlns:my=\"http://www.w3.org/ns/my\">\n"
        "<head><title>t</title><meta name=\"viewport\" content=\"width=600, height=800\"/>\n"
        "<style>p { background: url(a.png) }</style><link rel=\"stylesheet\" href=\"s.css\"/>"
        "</head>\n<body my:x=\"1\">\n"
        "<nav epub:type=\"toc\" id=\"toc\"><ol><li><a href=\"c.xhtml#x\">c</a></li></ol></nav>\n"
        "<p id=\"b\">x</p><p id=\"a\">y</p><p id=\"b\">dup</p>\n"
        "<picture><source srcset=\"i.webp\" type=\"image/webp\"/><img src=\"i.png\" "
        "alt=\"\"/></picture>\n"
        "<video src=\"v.mp4\"><source src=\"v.webm\" type=\"video/webm\"/></video>\n"
        "<object data=\"o.svg\" type=\"image/svg+xml\"></object>\n"
        "<script>var x;</script>\n</body></html>\n",
        HEAD "<p id=\"only\">中</p>" TAIL,
        HEAD "<p>中文</q>" TAIL,
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
        "<notxhtml/>",
        "",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        size_t len = strlen(pages[i]);
        page_facts scanned = {0}, again = {0};
        xml_source src;
        octavo_check_memory_source(&src, pages[i], len);
        octavo_check_scan_source("p.xhtml", &src, &scanned, NULL);
        octavo_check_memory_source(&src, pages[i], len);
        octavo_check_scan_source("p.xhtml", &src, &again, NULL);
        octavo_page_facts *kept = octavo_check_facts_keep(&again);
        CHECK(again.ids == NULL && again.refs == NULL && again.findings.count == 0);
        page_facts view;
        octavo_check_facts_view(kept, &view);
        char *want = all_facts_text(&scanned), *got = all_facts_text(&view);
        if (strcmp(want, got) != 0) {
            fprintf(stderr, "page %zu: kept facts differ\n  scanned: %s\n  kept:    %s\n", i, want,
                    got);
            check_failures++;
        }
        if (i == 0) { /* (the page has each kind of fact) */
            CHECK(strstr(got, "viewport=1:width=600, height=800") != NULL);
            CHECK(strstr(got, "type=video/webm") != NULL);
            CHECK(strstr(got, "order b ") != NULL);
            CHECK(strstr(got, "doctype=i:") != NULL);
            CHECK(strstr(got, "Duplicate ID") != NULL);
            CHECK(strstr(got, "HTM-054") != NULL);
        }
        free(want);
        free(got);
        octavo_page_facts_free(kept);
        octavo_check_page_facts_clear(&scanned);
    }
}

int main(void)
{
    test_name_table();
    test_stand_ins(NULL);
    test_long_page();
    test_names_kept();
    test_walk();
    test_walk_refuses();
    test_kept_facts();
    return check_failures ? 1 : 0;
}
