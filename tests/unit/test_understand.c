#include "buf.h"
#include "check.h"
#include "mem.h"
#include "understand.h"

#include <stdlib.h>

/* Understands `text` as the file `name` into *c (its only chapter);
 * returns the status. The chapter is taken out of the book it was made in,
 * so octavo_chapter_free releases it. */
static octavo_status understand(const char *name, const char *text, octavo_chapter *c,
                                octavo_diags *d)
{
    octavo_source src = {
        .path = (char *)name, .name = (char *)name, .text = (char *)text, .len = strlen(text)};
    octavo_book book = {0};
    octavo_status st = octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, d);
    CHECK_INT(book.chapter_count, 1);
    *c = book.chapters[0];
    book.chapter_count = 0;
    octavo_book_free(&book);
    return st;
}

static size_t count_blocks(cmark_node *body, cmark_node_type type)
{
    size_t n = 0;
    cmark_iter *it = cmark_iter_new(body);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == type)
            n++;
    cmark_iter_free(it);
    return n;
}

static void test_front_matter_title(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    CHECK_INT(
        understand("a.md",
                   "---\ntitle: \"留下的代价\"\nauthor: [Amy Tam]\n---\n\n# 留下的代价\n\n正文。\n",
                   &c, &d),
        OCTAVO_OK);
    CHECK_STR(c.title, "留下的代价");
    CHECK_STR(c.title_origin, "front matter");
    CHECK_INT(c.authors.count, 1);
    /* The heading repeating the title is not shown twice. */
    CHECK_INT(count_blocks(c.body, CMARK_NODE_HEADING), 0);
    CHECK_INT(c.format, OCTAVO_FORMAT_MARKDOWN);
    octavo_chapter_free(&c);

    /* Blank lines inside the fences, as in the sample 003. */
    CHECK_INT(understand("b.md", "---\n\ntitle: 'T'\ndate: 2024-11-19\n\n---\n\nText.\n", &c, &d),
              OCTAVO_OK);
    CHECK_STR(c.title, "T");
    CHECK_STR(c.date, "2024-11-19");
    CHECK_INT(c.line_offset, 6);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

static void test_front_matter_errors(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    CHECK_INT(understand("bad.md", "---\ntitle: [a\n---\ntext\n", &c, &d), OCTAVO_EINPUT);
    CHECK(d.errors == 1 && d.items[0].line >= 2);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);

    CHECK_INT(understand("open.md", "---\ntitle: x\n\nNo closing fence.\n", &c, &d), OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "not closed");
    CHECK_INT(d.items[0].line, 1);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);

    CHECK_INT(understand("list.md", "---\n- a\n- b\n---\ntext\n", &c, &d), OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "keys and values");
    octavo_chapter_free(&c);
    octavo_diags_free(&d);

    CHECK_INT(understand("type.md", "---\ntitle: [a, b]\n---\ntext\n", &c, &d), OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "'title' must be text");
    CHECK_INT(d.items[0].line, 2);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);

    /* A leading rule followed by prose is Markdown, not front matter. */
    CHECK_INT(understand("rule.md", "---\nJust text here.\n", &c, &d), OCTAVO_OK);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

static void test_titles(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    understand("x.md", "# Heading Title\n\nBody text.\n\n## Part\n\nMore.\n", &c, &d);
    CHECK_STR(c.title, "Heading Title");
    CHECK_INT(c.section_count, 1);
    CHECK_STR(c.sections[0].title, "Part");
    CHECK_INT(c.sections[0].level, 2);
    octavo_chapter_free(&c);

    understand("notes_1a2b.txt", "A short first line\nThen a long paragraph, with punctuation.\n",
               &c, &d);
    CHECK_STR(c.title, "A short first line");
    CHECK_STR(c.title_origin, "first line");
    octavo_chapter_free(&c);

    understand("002_dbf7.txt",
               "這個美國獨立日假期,對於Meta和OpenAI或許不太輕鬆。本周,矽谷最激烈的競爭。\n"
               "第二段,也很長,有標點。\n",
               &c, &d);
    CHECK_STR(c.title, "這個美國獨立日假期");
    CHECK_STR(c.title_origin, "first sentence");
    CHECK_INT(count_blocks(c.body, CMARK_NODE_PARAGRAPH), 2); /* the text stays */
    octavo_chapter_free(&c);

    understand("my_notes.md", "```\ncode only\n```\n", &c, &d);
    CHECK_STR(c.title, "my notes");
    CHECK_STR(c.title_origin, "file name");
    octavo_chapter_free(&c);

    /* Sections are shifted so the shallowest is h2. */
    understand("y.md", "---\ntitle: T\n---\n# One\n\ntext\n\n## Sub\n\ntext\n", &c, &d);
    CHECK_INT(c.section_count, 2);
    CHECK_INT(c.sections[0].level, 2);
    CHECK_INT(c.sections[1].level, 3);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

static void test_plain_text(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    /* One paragraph per line, short unpunctuated lines between paragraphs
     * are headings, a closing "(name)" is a signature. */
    understand("p.txt",
               "第一段很长的文字,有很多内容。\n第二段也是很长的文字,有很多内容。\n"
               "撲朔迷離的薪酬數字\n第三段很长的文字,有很多内容。\n"
               "1. 第一项,内容。\n2. 第二项,内容。\n3. 第三项,内容。\n最后一段。\n(JER學家)\n",
               &c, &d);
    CHECK_INT(c.format, OCTAVO_FORMAT_PLAIN);
    CHECK_INT(c.section_count, 1);
    CHECK_STR(c.sections[0].title, "撲朔迷離的薪酬數字");
    CHECK_INT(count_blocks(c.body, CMARK_NODE_LIST), 1);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_ITEM), 3);
    CHECK_STR(c.signature, "(JER學家)");
    octavo_chapter_free(&c);

    /* A short line ending in a colon introduces what follows: a minor
     * heading; the line after it is content, never a heading. */
    understand("colon.txt",
               "第一段很长的文字,有很多内容。\n最可能的薪酬結構:\n立即可得現金\n"
               "第二段很长的文字,有很多内容。\n一个标题\n最后一段很长的文字,内容。\n",
               &c, &d);
    CHECK_INT(c.section_count, 2);
    CHECK_STR(c.sections[0].title, "最可能的薪酬結構:");
    CHECK_INT(c.sections[0].level, 3);
    CHECK_STR(c.sections[1].title, "一个标题");
    CHECK_INT(c.sections[1].level, 2);
    octavo_chapter_free(&c);

    /* Blank-line paragraphs keep intentional line breaks. */
    understand("q.txt",
               "很长的第一段文字,写了很多内容,而且还有更多的内容在这里。\n\n"
               "感谢这一切\n我何其幸运\n\n— 2025.11.1 于飞机上\n",
               &c, &d);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_LINEBREAK), 1);
    CHECK_STR(c.signature, "— 2025.11.1 于飞机上");
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

static void test_markdown_repairs(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    /* "---" under a long paragraph must not make a heading of it. */
    understand("r.md",
               "---\ntitle: T\n---\n\n这是一个很长的段落。它有好几句话，绝对不是一个标题。"
               "这里还有第三句话。\n---\n\n1、创业公司：打不过就加入\n\n正文。\n",
               &c, &d);
    CHECK_INT(c.section_count, 1);
    CHECK_STR(c.sections[0].title, "1、创业公司：打不过就加入");
    CHECK_INT(count_blocks(c.body, CMARK_NODE_THEMATIC_BREAK), 1);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

/* Issue #17: a chapter that starts with a heading of any level ("## 1.1
 * …", as GitBook chapters do) is titled by it, shown once: the heading
 * leaves the body and the sections. */
static void test_first_heading_is_title(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    understand("1.1.md", "## 1.1 Overview\n\nText.\n\n### 1.1.1 Details\n\nMore.\n", &c, &d);
    CHECK_STR(c.title, "1.1 Overview");
    CHECK_STR(c.title_origin, "heading");
    CHECK_STR(c.heading, "1.1 Overview"); /* the page's h1 whatever SUMMARY.md says */
    CHECK_INT(c.section_count, 1);
    CHECK_STR(c.sections[0].title, "1.1.1 Details");
    CHECK_INT(c.sections[0].level, 2);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_HEADING), 1);
    octavo_chapter_free(&c);

    /* Chinese, at level 3, and the same title in front matter. */
    understand("2.md",
               "---\ntitle: 第二章 开始\n---\n### 第二章 开始\n\n正文。\n\n### 小节\n\n正文。\n",
               &c, &d);
    CHECK_STR(c.title, "第二章 开始");
    CHECK(c.heading == NULL); /* front matter's title is the source's own */
    CHECK_INT(c.section_count, 1);
    CHECK_STR(c.sections[0].title, "小节");
    octavo_chapter_free(&c);

    /* Text before the heading: the heading is a section, not the title. */
    understand("3.md", "Some text first.\n\n## Later\n\nMore.\n", &c, &d);
    CHECK_STR(c.title, "Some text first");
    CHECK(c.heading == NULL);
    CHECK_INT(c.section_count, 1);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

/* Understands `text` as told (--format), into *c (its only chapter). */
static void understand_as(const char *name, const char *text, octavo_format_choice format,
                          octavo_chapter *c)
{
    octavo_source src = {
        .path = (char *)name, .name = (char *)name, .text = (char *)text, .len = strlen(text)};
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    CHECK_INT(octavo_understand(&src, format, &book, &d), OCTAVO_OK);
    CHECK_INT(book.chapter_count, 1);
    *c = book.chapters[0];
    book.chapter_count = 0;
    octavo_book_free(&book);
    octavo_diags_free(&d);
}

/* Issue #17: in Markdown a numbered sentence ("（1）如果要……必须非常小心。")
 * is the author's paragraph, never a heading; with the format given
 * (--format markdown, book.yaml) no plain-text heading pattern applies. */
static void test_markdown_keeps_numbered_paragraphs(void)
{
    octavo_chapter c;
    static const char numbered[] = "第一段很长的文字，有很多内容。\n\n"
                                   "（1）如果要这样做，必须非常小心。\n\n"
                                   "第二段很长的文字，有很多内容。\n\n"
                                   "1、创业公司：打不过就加入\n\n"
                                   "最后一段很长的文字，有很多内容。\n";
    understand_as("n.md", numbered, OCTAVO_FORMAT_FORCE_MARKDOWN, &c);
    CHECK_INT(c.format, OCTAVO_FORMAT_MARKDOWN);
    CHECK_INT(c.section_count, 0);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_HEADING), 0);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_PARAGRAPH), 5);
    octavo_chapter_free(&c);

    /* Detected as Markdown (a # heading): the numbered sentence stays a
     * paragraph; a numbered title line is still a heading. */
    octavo_buf detected = OCTAVO_BUF_INIT;
    octavo_buf_printf(&detected, "# 标题\n\n%s\n(2) Be very careful.\n", numbered);
    understand_as("n2.md", octavo_buf_cstr(&detected), OCTAVO_FORMAT_AUTO, &c);
    octavo_buf_free(&detected);
    CHECK_INT(c.format, OCTAVO_FORMAT_MARKDOWN);
    CHECK_STR(c.title, "标题");
    CHECK_INT(c.section_count, 1);
    CHECK_STR(c.sections[0].title, "1、创业公司：打不过就加入");
    CHECK_INT(count_blocks(c.body, CMARK_NODE_PARAGRAPH), 5);
    octavo_chapter_free(&c);

    /* The same text read as plain text has its numbered headings. */
    understand_as("n.txt", numbered, OCTAVO_FORMAT_FORCE_PLAIN, &c);
    CHECK_INT(c.section_count, 2);
    CHECK_STR(c.sections[0].title, "（1）如果要这样做，必须非常小心。");
    CHECK_STR(c.sections[1].title, "1、创业公司：打不过就加入");
    octavo_chapter_free(&c);
}

static void test_cjk_line_breaks(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    understand("w.md", "# T\n\n中文硬换行\n的段落，**强调**\n继续。English words\nstay apart.\n",
               &c, &d);
    cmark_node *p = cmark_node_first_child(c.body);
    char *text = octavo_node_text(p);
    CHECK_STR(text, "中文硬换行的段落，强调继续。English words stay apart.");
    free(text);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_SOFTBREAK), 1);
    octavo_chapter_free(&c);

    /* Full-width punctuation never gets a space next to it. */
    understand("v.md", "# T\n\n他说，\nOpenAI 来了\n（真的）\n", &c, &d);
    text = octavo_node_text(cmark_node_first_child(c.body));
    CHECK_STR(text, "他说，OpenAI 来了（真的）");
    free(text);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

static void test_byline(void)
{
    octavo_chapter c;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    understand(
        "m.md",
        "# 駐足的代價\n\n> **來源**: [@amytam01](https://x.com/a) | [原文連結](https://x.com/b)\n"
        ">\n> **日期**: \n>\n> **標籤**: `職涯規劃` `技術判斷`\n\n---\n\n正文。\n",
        &c, &d);
    CHECK(c.byline != NULL);
    char *text = c.byline ? octavo_node_text(c.byline) : NULL;
    CHECK_STR(text, "來源: @amytam01 | 原文連結 · 標籤: 職涯規劃 技術判斷");
    free(text);
    CHECK_STR(c.source_url, "https://x.com/a");
    CHECK_INT(c.tags.count, 2);
    CHECK(c.date == NULL); /* the empty field says nothing */
    /* the quote and the rule after it are gone; the text stays */
    CHECK_INT(count_blocks(c.body, CMARK_NODE_BLOCK_QUOTE), 0);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_THEMATIC_BREAK), 0);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_PARAGRAPH), 1);
    octavo_chapter_free(&c);

    understand("n.md",
               "---\ntitle: 留下的代价\nauthor: Amy\ntags: [a, b]\nsource: https://s\n---\n"
               "> 原文：[Amy Tam](https://x.com/c) · 2026-02-16\n\n正文。\n",
               &c, &d);
    text = octavo_node_text(c.byline);
    CHECK_STR(text, "Amy · 原文：Amy Tam · 2026-02-16");
    free(text);
    CHECK_STR(c.source_url, "https://s");
    CHECK_INT(c.tags.count, 2);
    octavo_chapter_free(&c);

    /* A real quotation is left alone. */
    understand("q.md", "# T\n\n> To be or not to be: that is the question.\n\nText.\n", &c, &d);
    CHECK(c.byline == NULL);
    CHECK_INT(count_blocks(c.body, CMARK_NODE_BLOCK_QUOTE), 1);
    octavo_chapter_free(&c);
    octavo_diags_free(&d);
}

static void test_format_detection(void)
{
    const char *why;
    CHECK_INT(octavo_detect_format("# Title\n\ntext\n", 15, &why), OCTAVO_FORMAT_MARKDOWN);
    const char *plain = "第一行。\n第二行。\n";
    CHECK_INT(octavo_detect_format(plain, strlen(plain), &why), OCTAVO_FORMAT_PLAIN);
    const char *md = "- a\n- b\n\nSee [x](http://x).\n";
    CHECK_INT(octavo_detect_format(md, strlen(md), &why), OCTAVO_FORMAT_MARKDOWN);
}

/* A web novel's header is the book's title and author, not a chapter. */
static void test_novel_header(void)
{
    const char *text = "书名：《斗破天穹》\n作者：天蚕\n内容简介：少年的故事。\n"
                       "第一章 陨落\n正文一。\n第二章 斗气\n正文二。\n";
    octavo_source src = {
        .path = "n.txt", .name = "n.txt", .text = (char *)text, .len = strlen(text)};
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    CHECK_INT(octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d), OCTAVO_OK);
    CHECK_STR(book.title, "斗破天穹");
    CHECK_INT(book.authors.count, 1);
    CHECK_STR(book.authors.count ? book.authors.items[0] : "", "天蚕");
    CHECK_INT(book.chapter_count, 3);
    CHECK_STR(book.chapter_count ? book.chapters[0].title : "", "简介");
    CHECK_STR(book.chapter_count > 1 ? book.chapters[1].title : "", "第一章 陨落");
    octavo_book_free(&book);
    octavo_diags_free(&d);

    /* A first line that only looks like one is text. */
    const char *not_header = "作者的话很长，不是作者一栏。\n第一章 起\n正文。\n第二章 承\n正文。\n";
    octavo_source src2 = {
        .path = "m.txt", .name = "m.txt", .text = (char *)not_header, .len = strlen(not_header)};
    octavo_book book2 = {0};
    CHECK_INT(octavo_understand(&src2, OCTAVO_FORMAT_AUTO, &book2, &d), OCTAVO_OK);
    CHECK(book2.title == NULL && book2.authors.count == 0);
    octavo_book_free(&book2);
    octavo_diags_free(&d);
}

/* A novel understood a slice at a time and forgotten: its slices made
 * again give back every chapter, in order, with the body it had, and they
 * take their places (octavo_chapter_take_body). */
static void test_novel_slices(void)
{
    const char *text = "书名：切片\n作者：某人\n\n简介一段。\n第一卷 风\n卷首语。\n"
                       "第一章 开端\n正文一。\n1、甲\n2、乙\n第二章 继续\n正文二。\n"
                       "第二卷 云\n第三章 高潮\n正文三。\n—— 2025.11.1 于北京\n";
    octavo_source src = {
        .path = "n.txt", .name = "n.txt", .text = (char *)text, .len = strlen(text)};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_book whole = {0}, sliced = {0};
    octavo_novel_plan *plan = NULL;
    CHECK_INT(octavo_understand(&src, OCTAVO_FORMAT_AUTO, &whole, &d), OCTAVO_OK);
    CHECK_INT(octavo_understand_novel(&src, OCTAVO_FORMAT_AUTO, &sliced, true, &plan, &d),
              OCTAVO_OK);
    CHECK(plan != NULL);
    CHECK_INT(sliced.chapter_count, whole.chapter_count);
    CHECK_INT(sliced.part_count, 2);
    CHECK_INT(whole.chapter_count, 5); /* 简介, 第一卷 (its opening), 第一章, 第二章, 第三章 */
    size_t seen = 0;
    for (size_t k = 0; plan && k < octavo_novel_slices(plan); k++) {
        size_t first, count;
        octavo_novel_slice_chapters(plan, k, &first, &count);
        CHECK_INT(first, seen);
        octavo_book again = {0};
        octavo_understand_again(&src, plan, k, &again);
        CHECK_INT(again.chapter_count, count);
        for (size_t i = 0; i < count && i < again.chapter_count; i++) {
            octavo_chapter *c = &sliced.chapters[first + i];
            CHECK(c->body == NULL); /* forgotten */
            CHECK_STR(again.chapters[i].title, whole.chapters[first + i].title);
            CHECK_INT(again.chapters[i].part, whole.chapters[first + i].part);
            char *want = octavo_node_text(whole.chapters[first + i].body);
            char *got = octavo_node_text(again.chapters[i].body);
            CHECK_STR(got, want);
            free(want);
            free(got);
            CHECK(octavo_chapter_take_body(c, &again.chapters[i]));
            CHECK(c->body != NULL);
        }
        seen += count;
        octavo_book_free(&again);
    }
    CHECK_INT(seen, whole.chapter_count);
    CHECK_STR(sliced.chapter_count > 4 ? sliced.chapters[4].signature : "", "—— 2025.11.1 于北京");
    octavo_novel_plan_free(plan);
    octavo_book_free(&whole);
    octavo_book_free(&sliced);
    octavo_diags_free(&d);
}

/* A chapter too large for one page: pieces after it, each under the
 * limit, cut before a heading; the sections go with their headings and
 * the headings' user data follows them; a chapter with a footnote stays
 * whole. */
static void test_pieces(void)
{
    octavo_buf text = OCTAVO_BUF_INIT, para = OCTAVO_BUF_INIT;
    for (int i = 0; i < 40; i++)
        octavo_buf_puts(&para, "一段用来测试的文字。");
    octavo_buf_puts(&text, "# Big\n");
    for (int s = 1; s <= 30; s++) {
        octavo_buf_printf(&text, "\n## Part %d\n", s);
        for (int p = 0; p < 30; p++)
            octavo_buf_printf(&text, "\n%s\n", octavo_buf_cstr(&para));
    }
    octavo_source src = {.path = "big.md",
                         .name = "big.md",
                         .text = (char *)octavo_buf_cstr(&text),
                         .len = text.len};
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    CHECK_INT(octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d), OCTAVO_OK);
    CHECK(book.chapter_count >= 4);
    size_t sections = 0;
    for (size_t i = 0; i < book.chapter_count; i++) {
        octavo_chapter *c = &book.chapters[i];
        CHECK_INT(c->piece, i);
        CHECK_STR(c->title, "Big");
        sections += c->section_count;
        if (i > 0) {
            CHECK(c->starts_with_section);
            CHECK_INT(cmark_node_get_type(cmark_node_first_child(c->body)), CMARK_NODE_HEADING);
        }
        for (size_t j = 0; j < c->section_count; j++)
            CHECK(cmark_node_get_user_data(c->sections[j].node) == &c->sections[j]);
        char *all = octavo_node_text(c->body);
        CHECK(strlen(all) < OCTAVO_PIECE_BYTES);
        free(all);
    }
    CHECK_INT(sections, 30);
    CHECK_STR(book.chapters[1].sections[0].title, "Part 4"); /* cut once half full */
    octavo_book_free(&book);

    octavo_buf_puts(&text, "\nA claim.[^1]\n\n[^1]: A note.\n");
    src.text = (char *)octavo_buf_cstr(&text);
    src.len = text.len;
    book = (octavo_book){0};
    CHECK_INT(octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d), OCTAVO_OK);
    CHECK_INT(book.chapter_count, 1);
    octavo_book_free(&book);
    octavo_diags_free(&d);
    octavo_buf_free(&text);
    octavo_buf_free(&para);
}

/* A chapter's tree freed and made again from its source (--low-memory):
 * taken back only when the source reads the same. */
static void test_tree_again(void)
{
    const char *text = "# T\n\n## One\n\n[a](b.md) ![p](p.png)\n\n## Two\n\nx\n";
    octavo_chapter c, again, changed;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    CHECK_INT(understand("a.md", text, &c, &d), OCTAVO_OK);
    octavo_chapter_free_body(&c);
    CHECK(c.body == NULL && c.section_count == 2 && c.sections[0].node == NULL);
    CHECK(c.markdown_ref_count == 2 && c.markdown_refs[1].node == NULL);
    CHECK_INT(understand("a.md", "# T\n\n## One\n\n[a](c.md)\n\n## Two\n\nx\n", &changed, &d),
              OCTAVO_OK);
    CHECK(!octavo_chapter_take_body(&c, &changed));
    CHECK(c.body == NULL && changed.body != NULL);
    CHECK_INT(understand("a.md", text, &again, &d), OCTAVO_OK);
    CHECK(octavo_chapter_take_body(&c, &again));
    CHECK(c.body != NULL && again.body == NULL);
    CHECK(cmark_node_get_user_data(c.sections[1].node) == &c.sections[1]);
    CHECK(cmark_node_get_user_data(c.markdown_refs[1].node) == &c.markdown_refs[1]);
    CHECK(c.markdown_refs[1].image);
    octavo_chapter_free(&c);
    octavo_chapter_free(&again);
    octavo_chapter_free(&changed);
    octavo_diags_free(&d);
}

int main(void)
{
    test_tree_again();
    test_pieces();
    test_novel_header();
    test_novel_slices();
    test_front_matter_title();
    test_front_matter_errors();
    test_titles();
    test_plain_text();
    test_markdown_repairs();
    test_markdown_keeps_numbered_paragraphs();
    test_first_heading_is_title();
    test_cjk_line_breaks();
    test_byline();
    test_format_detection();
    CHECK_DONE();
}
