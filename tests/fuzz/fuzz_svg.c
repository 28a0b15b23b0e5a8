/* Fuzzes the SVG cleaner (octavo_svg_clean). Besides not crashing,
 * hanging or allocating without bound, a clean picture must come through
 * a second cleaning unchanged, with nothing more left out. */
#include "resources.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    char *data = malloc(size + 1);
    memcpy(data, bytes, size);
    size_t len = size, dropped;
    if (octavo_svg_clean(&data, &len, &dropped) == NULL) {
        char *again = malloc(len + 1);
        memcpy(again, data, len);
        size_t again_len = len;
        const char *why = octavo_svg_clean(&again, &again_len, &dropped);
        if (why || dropped || again_len != len || memcmp(again, data, len) != 0) {
            fprintf(stderr, "cleaned again: %s, %zu left out\n%.*s\n---\n%.*s\n", why ? why : "ok",
                    dropped, (int)len, data, (int)again_len, again);
            abort();
        }
        free(again);
    }
    free(data);
    return 0;
}
