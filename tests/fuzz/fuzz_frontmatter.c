/* Fuzzes YAML as front matter: the safe loader on its own, then the same
 * bytes between front matter fences through understand. */
#include "understand.h"
#include "yaml_tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_yaml_node *root = NULL;
    octavo_yaml_load((const char *)data, size, "f.yaml", 1, &root, &d);
    octavo_yaml_free(root);

    char *text = malloc(size + 32);
    memcpy(text, "---\n", 4);
    memcpy(text + 4, data, size);
    memcpy(text + 4 + size, "\n---\nBody text.\n", 17);
    size_t len = 4 + size + 16;
    if (memchr(text, '\0', len) == NULL) {
        octavo_source src = {.path = "f.md", .name = "f.md", .text = text, .len = len};
        octavo_book book = {0};
        octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d);
        octavo_book_free(&book);
    }
    free(text);
    octavo_diags_free(&d);
    return 0;
}
