/* Fuzzes an mdBook or GitBook project's files: the first byte of each
 * input picks book.toml or book.json (and whether src/SUMMARY.md lists
 * the chapter), the rest is that file; the plan is read from the folder
 * (TOML syntax, JSON as YAML, src/root folders, summary names). With bit
 * 4 set the rest is a chapter instead, its {{#include}} directives
 * expanded (ranges, anchors, nesting, files that include each other). */
#include "../tools/scratch.h"
#include "include.h"
#include "plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char folder[64];

static void remove_file(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!folder[0]) {
        snprintf(folder, sizeof folder, "/tmp/octavo-fuzz-project-XXXXXX");
        if (!mkdtemp(folder))
            abort();
        char src[128];
        snprintf(src, sizeof src, "%s/src", folder);
        mkdir(src, 0755);
        scratch_write(folder, "src/a.md", "# A\n\nText.\n", 11);
        static const char rs[] =
            "# hidden\n// ANCHOR: a\nx\n// ANCHOR_END: a\n{{#include b.inc:1}}\n";
        scratch_write(folder, "src/l.rs", rs, sizeof rs - 1);
        scratch_write(folder, "src/b.inc", "{{#include l.rs:a}}\n{{#include b.inc}}\n", 39);
    }
    if (!size)
        return 0;
    if (data[0] & 4) {
        char path[128], *root = realpath(folder, NULL);
        snprintf(path, sizeof path, "%s/src/a.md", folder);
        octavo_diags d = OCTAVO_DIAGS_INIT;
        size_t len;
        octavo_include_map map = {0};
        free(octavo_include_expand(path, root, (const char *)data + 1, size - 1, &len, &map, &d));
        octavo_include_map_free(&map);
        octavo_diags_free(&d);
        free(root);
        return 0;
    }
    bool json = data[0] & 1;
    remove_file("book.toml");
    remove_file("book.json");
    if (data[0] & 2)
        scratch_write(folder, "src/SUMMARY.md",
                      "[Pre](a.md)\n\n# Part\n\n- [A](a.md)\n- [Draft]()\n", 46);
    else
        remove_file("src/SUMMARY.md");
    scratch_write(folder, json ? "book.json" : "book.toml", data + 1, size - 1);
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_plan plan;
    octavo_plan_load(folder, NULL, &plan, &d);
    octavo_plan_free(&plan);
    octavo_diags_free(&d);
    return 0;
}
