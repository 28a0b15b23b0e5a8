/* Fuzzes reading bytes: binary detection, encoding detection and
 * conversion, normalisation, and the Markdown/plain-text decision. */
#include "encoding.h"
#include "source.h"
#include "understand.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    const char *bytes = (const char *)data;
    if (!octavo_looks_binary(bytes, size)) {
        char *utf8, *text;
        size_t utf8_len, len;
        const char *used;
        if (octavo_decode("f.txt", bytes, size, NULL, &utf8, &utf8_len, &used, &d) == OCTAVO_OK) {
            if (octavo_source_normalise("f.txt", utf8, utf8_len, &text, &len, &d) == OCTAVO_OK) {
                const char *why;
                octavo_detect_format(text, len, &why);
                free(text);
            }
            free(utf8);
        }
    }
    octavo_diags_free(&d);
    return 0;
}
