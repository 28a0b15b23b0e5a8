#include "check.h"
#include "plan.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char folder[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
}

static void make_folder(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    mkdir(path, 0755);
}

static void remove_all(void)
{
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", folder);
}

static bool said(const octavo_diags *d, octavo_severity severity, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == severity && strstr(d->items[i].message, text))
            return true;
    return false;
}

/* mdBook: book.toml under book.yaml, src/SUMMARY.md with prefix, part,
 * nested, draft and suffix chapters. */
static void test_mdbook(void)
{
    snprintf(folder, sizeof folder, "/tmp/octavo-test-plan-XXXXXX");
    if (!mkdtemp(folder))
        abort();
    make_folder("src");
    write_file("book.yaml", "title: From book.yaml\n");
    write_file("book.toml", "[book]\ntitle = \"From book.toml\"\nauthors = [\"Ann\", \"Bo\"]\n"
                            "language = \"en\"\n[output.html]\nfold = true\n");
    write_file("src/SUMMARY.md", "# Summary\n\n[Foreword](foreword.md)\n\n# Part One\n\n"
                                 "- [Intro](intro.md)\n    - [Draft]()\n    - [Deep](deep.md)\n"
                                 "- [Intro again](intro.md#part)\n\n---\n\n[After](after.md)\n");
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_plan plan;
    CHECK_INT(octavo_plan_load(folder, NULL, &plan, &d), OCTAVO_OK);
    CHECK_STR(plan.title, "From book.yaml"); /* book.yaml wins */
    CHECK_INT(plan.authors.count, 2);
    CHECK_STR(plan.language, "en");
    CHECK_STR(plan.chapters_folder, "src");
    CHECK_INT(plan.entry_count, 4);
    CHECK_INT(plan.parts.count, 1);
    if (plan.entry_count == 4) {
        static const char *const files[] = {"src/foreword.md", "src/intro.md", "src/deep.md",
                                            "src/after.md"};
        static const size_t parts[] = {0, 1, 1, 0};
        static const int depths[] = {0, 0, 1, 0};
        for (size_t i = 0; i < 4; i++) {
            CHECK_STR(plan.entries[i].file, files[i]);
            CHECK_INT(plan.entries[i].part, parts[i]);
            CHECK_INT(plan.entries[i].depth, depths[i]);
        }
    }
    CHECK(said(&d, OCTAVO_INFO, "'Draft' has no file (a draft); left out"));
    CHECK_INT(d.warnings + d.errors, 0);
    octavo_plan_free(&plan);
    octavo_diags_free(&d);
    remove_all();
}

/* GitBook: book.json (tabs, an escape) with root and summary name, and
 * cover.jpg in the root. */
static void test_gitbook(void)
{
    snprintf(folder, sizeof folder, "/tmp/octavo-test-plan-XXXXXX");
    if (!mkdtemp(folder))
        abort();
    make_folder("docs");
    write_file("book.json",
               "{\n\t\"title\": \"园艺\\/入门\",\n\t\"author\": \"林\",\n"
               "\t\"root\": \"./docs/\",\n\t\"structure\": {\"summary\": \"TOC.md\"},\n"
               "\t\"plugins\": [\"x\"]\n}\n");
    write_file("docs/TOC.md", "# 目录\n\n* [前言](README.md)\n\n## 基础\n\n* [土壤](a/soil.md)\n");
    write_file("cover.jpg", "not read here");
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_plan plan;
    CHECK_INT(octavo_plan_load(folder, NULL, &plan, &d), OCTAVO_OK);
    CHECK_STR(plan.title, "园艺/入门");
    CHECK_INT(plan.authors.count, 1);
    CHECK_STR(plan.chapters_folder, "docs");
    CHECK_STR(plan.cover, "cover.jpg");
    CHECK_INT(plan.entry_count, 2);
    if (plan.entry_count == 2) {
        CHECK_STR(plan.entries[0].file, "docs/README.md");
        CHECK_INT(plan.entries[0].part, 0);
        CHECK_STR(plan.entries[1].file, "docs/a/soil.md");
        CHECK_INT(plan.entries[1].part, 1);
    }
    CHECK_INT(d.warnings + d.errors, 0);
    octavo_plan_free(&plan);
    octavo_diags_free(&d);
    remove_all();
}

int main(void)
{
    test_mdbook();
    test_gitbook();
    CHECK_DONE();
}
