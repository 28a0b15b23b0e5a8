/* Fuzzes book.yaml: each input is written as the book.yaml of a folder
 * holding one chapter, and the plan is read from it (keys, types, chapter
 * lists, parts, languages, exclude patterns). */
#include "../tools/scratch.h"
#include "plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char folder[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!folder[0]) {
        snprintf(folder, sizeof folder, "/tmp/octavo-fuzz-bookconfig-XXXXXX");
        if (!mkdtemp(folder))
            abort();
        scratch_write(folder, "a.md", "# A\n\nText.\n", 11);
    }
    scratch_write(folder, "book.yaml", data, size);
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_plan plan;
    octavo_plan_load(folder, NULL, &plan, &d);
    octavo_plan_free(&plan);
    octavo_diags_free(&d);
    return 0;
}
