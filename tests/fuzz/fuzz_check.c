/* Fuzzes octavo check with arbitrary bytes as an EPUB (zip): it must
 * never crash, hang or allocate without bound, whatever the zip says. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, size, 0, &ze);
    zip_error_fini(&ze);
    if (!src)
        return 0;
    octavo_diags report = OCTAVO_DIAGS_INIT;
    octavo_check_source(src, NULL, 0, NULL, &report);
    octavo_diags_free(&report);
    zip_source_free(src);
    return 0;
}
