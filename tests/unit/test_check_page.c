/* A page as octavo check reads it (src/check/page.c, xml.c): the rule
 * tables' names numbered once per page, and the stand-ins for the text
 * of octavo's own pages, which must find what reading the page as it is
 * finds, hostile bytes and all. */
#include "check.h"
#include "check/check_internal.h"

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

static void test_stand_ins(octavo_check_names *names)
{
    static const struct {
        const char *what, *page, *want; /* want: in the facts */
    } pages[] = {
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
        {"self-closed style",
         HEAD "<style/><p>中文</p><style>a{background:url(三.png)}</style>" TAIL, "ref 三.png"},
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
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        char *got = same_facts(pages[i].page, pages[i].what, names);
        if (!strstr(got, pages[i].want)) {
            fprintf(stderr, "%s: no \"%s\" in:\n%s\n", pages[i].what, pages[i].want, got);
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
    test_kept_facts();
    return check_failures ? 1 : 0;
}
