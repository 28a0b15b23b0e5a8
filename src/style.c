#include "style.h"

#include "css.h"
#include "file.h"
#include "templates.h"
#include "text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct theme {
    const char *name;
    const unsigned char *css;
    const size_t *len;
} theme;

static const theme themes[] = {
    {"book", octavo_template_book_css, &octavo_template_book_css_len},
    {"plain", octavo_template_plain_css, &octavo_template_plain_css_len},
};

static const theme *find_theme(const char *name)
{
    for (size_t i = 0; i < sizeof themes / sizeof *themes; i++)
        if (strcmp(themes[i].name, name) == 0)
            return &themes[i];
    return NULL;
}

bool octavo_theme_exists(const char *name)
{
    return find_theme(name) != NULL;
}

const char *octavo_theme_list(void)
{
    return "book, plain";
}

static unsigned line_at(const char *text, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

octavo_status octavo_make_stylesheet(const char *theme_name, bool vertical, const char *css_path,
                                     const char *root, const char *named_in, octavo_buf *out,
                                     octavo_diags *d)
{
    const theme *t = find_theme(theme_name ? theme_name : OCTAVO_THEME_DEFAULT);
    if (!t) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0, "theme '%s': there is no such theme (%s)",
                        theme_name, octavo_theme_list());
        return OCTAVO_EINPUT;
    }
    /* What every theme needs first, so that a theme may still change it. */
    octavo_buf_append(out, (const char *)octavo_template_common_css,
                      octavo_template_common_css_len);
    octavo_buf_append(out, (const char *)t->css, *t->len);
    if (vertical)
        octavo_buf_append(out, (const char *)octavo_template_vertical_css,
                          octavo_template_vertical_css_len);
    if (!css_path)
        return OCTAVO_OK;
    char *css;
    size_t len;
    octavo_read_result rs =
        octavo_read_whole_file(css_path, root, OCTAVO_CSS_MAX_BYTES, &css, &len, NULL);
    if (rs != OCTAVO_READ_OK) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0, "css '%s': %s", css_path,
                        rs == OCTAVO_READ_TOO_LARGE ? "larger than 1 MB"
                                                    : octavo_read_result_text(rs));
        return OCTAVO_EINPUT;
    }
    size_t bad = octavo_utf8_invalid_offset(css, len);
    if (bad != len || memchr(css, '\0', len)) {
        octavo_diag_add(d, OCTAVO_ERROR, css_path, line_at(css, bad < len ? bad : 0), 0,
                        "not UTF-8 text");
        free(css);
        return OCTAVO_EINPUT;
    }
    octavo_buf_printf(out, "\n/* %s */\n", "the author's stylesheet");
    octavo_css_clean(css, len, OCTAVO_CSS_STYLESHEET, false, css_path, 1, out, d);
    octavo_buf_putc(out, '\n');
    free(css);
    return OCTAVO_OK;
}
