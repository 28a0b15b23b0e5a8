/* Fuzzes octavo check's CSS reader (src/check/css.c) as a style sheet and
 * as a style attribute: it must not crash, hang or recurse without bound,
 * and each URL it hands on must be a non-empty string. */
#include "check/check_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void on_ref(void *state, const char *url, unsigned line, ref_kind kind)
{
    (void)line, (void)kind;
    if (!url[0])
        abort();
    *(size_t *)state += strlen(url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int declarations = 0; declarations < 2; declarations++) {
        octavo_diags d = OCTAVO_DIAGS_INIT;
        size_t total = 0;
        octavo_check_css_text("fuzz.css", (const char *)data, size, 1, declarations, true, &d,
                              on_ref, &total);
        octavo_diags_free(&d);
    }
    return 0;
}
