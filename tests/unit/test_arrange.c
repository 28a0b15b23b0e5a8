#include "book_fixture.h"
#include "check.h"

#include <stdlib.h>

static void test_slug(void)
{
    char *s = octavo_slug("Big Tech & AI: 2024!");
    CHECK_STR(s, "big-tech-ai-2024");
    free(s);
    CHECK(octavo_slug("學術界") == NULL);
    CHECK(octavo_slug("AI 新創") == NULL);
    CHECK(octavo_slug("2024") == NULL); /* an id must start with a letter */
}

static void test_ids_unique(void)
{
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    fixture_add(&book, "a.md",
                "# T\n\n## FAANG\n\nx\n\n## FAANG\n\nx\n\n## 學術界\n\nx\n\n## Title\n\nx\n\n"
                "## FAANG 3\n\nx\n",
                &d);
    fixture_arrange(&book, &d);
    octavo_chapter *c = &book.chapters[0];
    CHECK_INT(c->section_count, 5);
    CHECK_STR(c->sections[0].id, "faang");
    CHECK_STR(c->sections[1].id, "faang-2");
    CHECK_STR(c->sections[2].id, "sec-3");
    CHECK_STR(c->sections[3].id, "title-4"); /* "title" is the h1's id */
    CHECK_STR(c->sections[4].id, "faang-3");
    CHECK_STR(c->file_name, "text/ch001.xhtml");
    CHECK_STR(c->id, "ch001");
    octavo_book_free(&book);
    octavo_diags_free(&d);
}

static void test_book_metadata(void)
{
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    fixture_add(&book, "a.md",
                "---\ntitle: 第一章\nauthor: 甲\n---\n每個技術人現在都在做同樣的計算。\n", &d);
    fixture_add(
        &book, "b.md",
        "---\nauthor: [乙, 甲]\n---\n我认识的每一个技术人，现在都在做同一道数学题。这个问题。\n",
        &d);
    fixture_add(&book, "c.md", "# English\n\nThe quick brown fox jumps over the lazy dog.\n", &d);
    fixture_arrange(&book, &d);
    CHECK_STR(book.title, "第一章");
    CHECK_INT(book.authors.count, 2);
    CHECK_STR(book.authors.items[0], "甲");
    CHECK_STR(book.authors.items[1], "乙");
    CHECK_STR(book.chapters[0].lang, "zh-Hant");
    CHECK_STR(book.chapters[1].lang, "zh-Hans");
    CHECK_STR(book.chapters[2].lang, "en");
    CHECK_INT(book.languages.count, 3);
    CHECK(strncmp(book.identifier, "urn:uuid:", 9) == 0);
    char *first = strdup(book.identifier);
    octavo_book_free(&book);

    /* Same title and authors, different text: the same identifier. */
    fixture_add(&book, "a.md", "---\ntitle: 第一章\nauthor: [甲, 乙]\n---\n改过的文字。\n", &d);
    fixture_arrange(&book, &d);
    CHECK_STR(book.identifier, first);
    free(first);
    octavo_book_free(&book);

    /* Options win over the text. */
    const char *authors[] = {"Someone"};
    fixture_add(&book, "a.md", "---\ntitle: 第一章\nauthor: 甲\n---\n每個技術人。\n", &d);
    octavo_arrange_options opts = {.title = "Given",
                                   .authors = authors,
                                   .author_count = 1,
                                   .lang = "en-GB",
                                   .identifier = "urn:isbn:9780000000000",
                                   .modified = 5,
                                   .subtitle = "Sub",
                                   .date = "",
                                   .subjects = (const char *[]){"Topic", "Topic"},
                                   .subject_count = 2};
    octavo_arrange(&book, &opts, &d);
    CHECK_STR(book.title, "Given");
    CHECK_STR(book.subtitle, "Sub");
    CHECK(book.date == NULL); /* "" is not given */
    CHECK_INT(book.subjects.count, 1);
    CHECK_STR(book.subjects.items[0], "Topic");
    CHECK_INT(book.authors.count, 1);
    CHECK_STR(book.languages.items[0], "en-GB");
    CHECK_STR(book.chapters[0].lang, "en-GB");
    CHECK_STR(book.identifier, "urn:isbn:9780000000000");
    CHECK_INT(book.modified, 5);
    octavo_book_free(&book);
    octavo_diags_free(&d);
}

int main(void)
{
    test_slug();
    test_ids_unique();
    test_book_metadata();
    CHECK_DONE();
}
