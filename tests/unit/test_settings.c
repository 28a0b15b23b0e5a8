/* The settings are resolved in one place, command line > book.yaml >
 * defaults; these pin the precedence and the names messages give. */
#include "check.h"
#include "mem.h"
#include "nav.h"
#include "settings.h"

#include <stdlib.h>

static void plan_with_everything(octavo_plan *plan)
{
    *plan = (octavo_plan){0};
    plan->config_path = octavo_xstrdup("folder/book.yaml");
    plan->title = octavo_xstrdup("Plan title");
    plan->language = octavo_xstrdup("zh-Hant");
    plan->identifier = octavo_xstrdup("urn:plan");
    plan->subtitle = octavo_xstrdup("Plan subtitle");
    plan->cover = octavo_xstrdup("cover.png");
    plan->css = octavo_xstrdup("style.css");
    plan->font = octavo_xstrdup("f.ttc:2");
    plan->theme = octavo_xstrdup("plain");
    plan->convert = octavo_xstrdup("t2s");
    plan->toc_depth = 4;
    plan->captions = true;
    plan->epubcheck = true;
    plan->no_toc_page = true;
    octavo_strings_add(&plan->authors, "Plan author");
    octavo_strings_add(&plan->subjects, "Plan subject");
}

static void test_command_line_wins(void)
{
    octavo_plan plan;
    plan_with_everything(&plan);
    octavo_source_list sources = {.folder_name = "folder"};
    const char *authors[] = {"Given author"};
    octavo_build_options opts = {.title = "Given",
                                 .authors = authors,
                                 .author_count = 1,
                                 .lang = "en",
                                 .identifier = "urn:given",
                                 .cover = "given.png",
                                 .css = "given.css",
                                 .font = "given.otf",
                                 .theme = "book",
                                 .convert = "s2t",
                                 .toc_depth = 3,
                                 .compression = 9,
                                 .jobs = 3,
                                 .output = "out.epub",
                                 .source_date_epoch = 7};
    octavo_settings s;
    octavo_settings_resolve(&opts, &plan, "folder", &sources, &s);
    CHECK_STR(s.arrange.title, "Given");
    CHECK_INT(s.arrange.author_count, 1);
    CHECK_STR(s.arrange.authors[0], "Given author");
    CHECK_STR(s.arrange.lang, "en");
    CHECK_STR(s.arrange.identifier, "urn:given");
    CHECK_STR(s.arrange.subtitle, "Plan subtitle"); /* only book.yaml gives it */
    CHECK_STR(s.cover.path, "given.png");
    CHECK(s.cover.root == NULL); /* the command line may name any file */
    CHECK_STR(s.cover.named_in, "--cover");
    CHECK_STR(s.css.path, "given.css");
    CHECK_STR(s.css.named_in, "--css");
    CHECK_STR(s.font.named_in, "--font");
    CHECK_STR(s.theme, "book");
    CHECK_STR(s.convert, "s2t");
    CHECK_STR(s.convert_named_in, "--convert");
    CHECK_INT(s.toc_depth, 3);
    CHECK_INT(s.compression, 9);
    CHECK_INT(s.threads, 3);
    CHECK_STR(s.output, "out.epub");
    CHECK_INT(octavo_settings_modified(&s, &sources), 7);
    CHECK(s.render.captions && s.epubcheck && !s.toc_page); /* flags: either turns on */
    CHECK(!s.low_memory);
    octavo_settings_free(&s);
    octavo_plan_free(&plan);
}

static void test_book_yaml_then_defaults(void)
{
    octavo_plan plan;
    plan_with_everything(&plan);
    octavo_source_list sources = {.folder_name = "folder", .newest_mtime = 11};
    octavo_build_options opts = {.source_date_epoch = -1, .low_memory = true};
    octavo_settings s;
    octavo_settings_resolve(&opts, &plan, "folder", &sources, &s);
    CHECK_STR(s.arrange.title, "Plan title");
    CHECK_STR(s.arrange.authors[0], "Plan author");
    CHECK_STR(s.arrange.lang, "zh-Hant");
    CHECK_STR(s.arrange.fallback_title, "folder");
    CHECK_INT(s.arrange.subject_count, 1);
    /* Files book.yaml names are in the folder and confined to it. */
    CHECK_STR(s.cover.path, "folder/cover.png");
    CHECK(s.cover.root != NULL);
    CHECK_STR(s.cover.named_in, "folder/book.yaml");
    CHECK_STR(s.css.path, "folder/style.css");
    CHECK_STR(s.font.path, "folder/f.ttc:2");
    CHECK_STR(s.theme, "plain");
    CHECK_STR(s.convert_named_in, "folder/book.yaml");
    CHECK(!s.low_memory); /* converted text is kept */
    CHECK_INT(s.toc_depth, 4);
    CHECK_INT(s.compression, OCTAVO_COMPRESSION_DEFAULT);
    CHECK_STR(s.output, "folder.epub");
    CHECK_INT(octavo_settings_modified(&s, &sources), 11);
    octavo_settings_free(&s);
    octavo_plan_free(&plan);

    /* Nothing given: the defaults, and the theme named by --theme. */
    octavo_plan empty = {0};
    octavo_build_options theme = {.theme = "plain", .low_memory = true};
    octavo_settings_resolve(&theme, &empty, NULL, &sources, &s);
    CHECK(s.cover.path == NULL && s.css.path == NULL && s.font.path == NULL);
    CHECK_STR(s.css.named_in, "--theme");
    CHECK_STR(s.cover.named_in, "book.yaml");
    CHECK(s.convert == NULL);
    CHECK(s.low_memory);
    CHECK(s.toc_page && s.check);
    CHECK_INT(s.toc_depth, OCTAVO_TOC_DEPTH_DEFAULT);
    octavo_settings_free(&s);
}

static void test_format_for_a_source(void)
{
    const char *formats[] = {"plain", "a.md=markdown", "x/b.txt=markdown", "markdown"};
    octavo_settings s = {.formats = formats, .format_count = 4};
    octavo_source a = {.path = "x/a.md", .name = "a.md"}, b = {.path = "x/b.txt", .name = "b.txt"},
                  c = {.path = "c.txt", .name = "c.txt"};
    CHECK_INT(octavo_settings_format(&s, &a), OCTAVO_FORMAT_FORCE_MARKDOWN);
    CHECK_INT(octavo_settings_format(&s, &b), OCTAVO_FORMAT_FORCE_MARKDOWN);
    CHECK_INT(octavo_settings_format(&s, &c), OCTAVO_FORMAT_FORCE_MARKDOWN); /* the last */
    s.format_count = 1;
    CHECK_INT(octavo_settings_format(&s, &a), OCTAVO_FORMAT_FORCE_PLAIN);
    CHECK(octavo_format_option_is_valid("FILE=plain"));
    CHECK(!octavo_format_option_is_valid("=plain"));
    CHECK(!octavo_format_option_is_valid("xml"));
}

int main(void)
{
    test_command_line_wins();
    test_book_yaml_then_defaults();
    test_format_for_a_source();
    CHECK_DONE();
}
