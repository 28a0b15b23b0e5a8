#include "buf.h"
#include "check.h"
#include "diag.h"

#include <stdlib.h>

static void test_buf(void)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    CHECK_STR(octavo_buf_cstr(&b), "");
    octavo_buf_puts(&b, "ab");
    octavo_buf_putc(&b, 'c');
    octavo_buf_printf(&b, "-%d-", 42);
    octavo_buf_put_codepoint(&b, 0x4E2D);
    octavo_buf_put_codepoint(&b, 0x1F600);
    CHECK_STR(octavo_buf_cstr(&b), "abc-42-中😀");
    for (int i = 0; i < 10000; i++)
        octavo_buf_putc(&b, 'x');
    CHECK_INT(b.len, 14 + 10000);
    char *owned = octavo_buf_detach(&b);
    CHECK_INT(b.len, 0);
    CHECK(b.data == NULL);
    free(owned);
    owned = octavo_buf_detach(&b);
    CHECK_STR(owned, "");
    free(owned);
}

static void test_diags(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_diag_add(&d, OCTAVO_ERROR, "a.md", 3, 7, "bad %s", "thing");
    octavo_diag_add(&d, OCTAVO_WARNING, "b.md", 2, 0, "odd");
    octavo_diag_add(&d, OCTAVO_INFO, NULL, 0, 0, "note");
    CHECK_INT(d.errors, 1);
    CHECK_INT(d.warnings, 1);
    CHECK(octavo_diags_has_errors(&d));
    octavo_buf line = OCTAVO_BUF_INIT;
    octavo_diag_format(&d.items[0], &line);
    CHECK_STR(octavo_buf_cstr(&line), "a.md:3:7: bad thing");
    octavo_buf_clear(&line);
    octavo_diag_format(&d.items[1], &line);
    CHECK_STR(octavo_buf_cstr(&line), "b.md:2: warning: odd");
    octavo_buf_clear(&line);
    octavo_diag_format(&d.items[2], &line);
    CHECK_STR(octavo_buf_cstr(&line), "note");
    octavo_buf_free(&line);
    /* A flood of messages is capped but still counted. */
    for (int i = 0; i < OCTAVO_DIAGS_MAX + 10; i++)
        octavo_diag_add(&d, OCTAVO_WARNING, "c.md", (unsigned)i + 1, 0, "again");
    CHECK_INT(d.count, OCTAVO_DIAGS_MAX + 2); /* 500 warnings, the error, the note */
    CHECK_INT(d.dropped[OCTAVO_WARNING], 11);
    CHECK_INT(d.warnings, OCTAVO_DIAGS_MAX + 11);
    /* ...and an error after the flood is still kept. */
    octavo_diag_add(&d, OCTAVO_ERROR, "d.md", 1, 0, "late error");
    CHECK_STR(d.items[d.count - 1].message, "late error");
    CHECK_INT(d.dropped[OCTAVO_ERROR], 0);
    octavo_diags_free(&d);
}

/* Moving what parallel work said: in order, within the limits, counted. */
static void test_move(void)
{
    octavo_diags into = OCTAVO_DIAGS_INIT, from = OCTAVO_DIAGS_INIT;
    octavo_diag_add(&into, OCTAVO_WARNING, "a.md", 1, 0, "first");
    for (int i = 0; i < OCTAVO_DIAGS_MAX + 5; i++)
        octavo_diag_add(&from, OCTAVO_WARNING, "b.md", (unsigned)i + 1, 0, "w%d", i);
    octavo_diag_add(&from, OCTAVO_ERROR, "b.md", 9, 0, "bad");
    octavo_diags_move(&into, &from);
    CHECK_INT(from.count, 0);
    CHECK_INT(from.warnings, 0);
    CHECK_INT(into.errors, 1);
    CHECK_INT(into.warnings, OCTAVO_DIAGS_MAX + 6);
    CHECK_INT(into.count, OCTAVO_DIAGS_MAX + 1); /* 500 warnings and the error */
    CHECK_STR(into.items[0].message, "first");
    CHECK_STR(into.items[1].message, "w0");
    CHECK_STR(into.items[into.count - 1].message, "bad");
    CHECK_INT(into.dropped[OCTAVO_WARNING], 6); /* 5 in from, 1 more moving */
    octavo_diags_free(&into);
    octavo_diags_free(&from);
}

int main(void)
{
    test_buf();
    test_diags();
    test_move();
    CHECK_DONE();
}
