/* Fuzzes book.yaml: each input is written as the book.yaml of a folder
 * holding one chapter, and the plan is read from it (keys, types, chapter
 * lists, parts, languages, exclude patterns). */
#include "plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char folder[64];

static void write_file(const char *name, const void *data, size_t size)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!folder[0]) {
        snprintf(folder, sizeof folder, "/tmp/octavo-fuzz-bookconfig-XXXXXX");
        if (!mkdtemp(folder))
            abort();
        write_file("a.md", "# A\n\nText.\n", 11);
    }
    write_file("book.yaml", data, size);
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_plan plan;
    octavo_plan_load(folder, NULL, &plan, &d);
    octavo_plan_free(&plan);
    octavo_diags_free(&d);
    return 0;
}
