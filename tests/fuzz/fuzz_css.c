/* Fuzzes the CSS judge (css.h) as a stylesheet and as a style attribute.
 * Besides not crashing, hanging or allocating without bound, what it keeps
 * must be kept whole when judged again: it is well-formed and names
 * nothing outside the book. */
#include "css.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void judge_twice(const char *data, size_t size, octavo_css_kind kind, bool local)
{
    octavo_buf once = OCTAVO_BUF_INIT, twice = OCTAVO_BUF_INIT;
    octavo_css_clean(data, size, kind, local, NULL, 1, &once, NULL);
    size_t drops =
        octavo_css_clean(once.data ? once.data : "", once.len, kind, local, NULL, 1, &twice, NULL);
    if (drops) {
        fprintf(stderr, "judged again, %zu more dropped from:\n%.*s\n", drops, (int)once.len,
                once.data ? once.data : "");
        abort();
    }
    octavo_buf_free(&once);
    octavo_buf_free(&twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    judge_twice((const char *)data, size, OCTAVO_CSS_STYLESHEET, false);
    judge_twice((const char *)data, size, OCTAVO_CSS_DECLARATIONS, true);
    return 0;
}
