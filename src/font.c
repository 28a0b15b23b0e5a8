#include "font.h"

#include "file.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

/* Larger font files are refused (Noto CJK collections are about 20-30 MB). */
#define FONT_MAX_BYTES ((size_t)256 * 1024 * 1024)

struct octavo_font {
    char *spec;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_set_t *used;
    const char *path, *media_type;
};

octavo_status octavo_font_open(const char *spec, const char *root, const char *named_in,
                               octavo_font **out, octavo_diags *d)
{
    *out = NULL;
    char *file = octavo_xstrdup(spec);
    unsigned index = 0;
    char *colon = strrchr(file, ':');
    if (colon && colon[1]) {
        bool digits = true;
        for (const char *p = colon + 1; *p; p++)
            digits = digits && isdigit((unsigned char)*p);
        if (digits && strlen(colon + 1) < 4) {
            index = (unsigned)atoi(colon + 1);
            *colon = '\0';
        }
    }
    char *data;
    size_t len;
    octavo_read_result read = octavo_read_whole_file(file, root, FONT_MAX_BYTES, &data, &len, NULL);
    if (read != OCTAVO_READ_OK) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0, "font '%s': %s", file,
                        read == OCTAVO_READ_TOO_LARGE ? "larger than 256 MB"
                                                      : octavo_read_result_text(read));
        free(file);
        return OCTAVO_EINPUT;
    }
    /* (The blob owns data from here: on failure it frees it itself.) */
    hb_blob_t *blob =
        hb_blob_create_or_fail(data, (unsigned)len, HB_MEMORY_MODE_READONLY, data, free);
    unsigned faces = blob ? hb_face_count(blob) : 0;
    if (!blob || faces == 0) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0,
                        "font '%s': not a TrueType or OpenType font", file);
        hb_blob_destroy(blob);
        free(file);
        return OCTAVO_EINPUT;
    }
    if (index >= faces) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0,
                        "font '%s': there is no face %u (the collection has %u: 0-%u)", file, index,
                        faces, faces - 1);
        hb_blob_destroy(blob);
        free(file);
        return OCTAVO_EINPUT;
    }
    hb_face_t *face = hb_face_create(blob, index);
    if (hb_face_get_glyph_count(face) == 0) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0, "font '%s': it has no glyphs", file);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        free(file);
        return OCTAVO_EINPUT;
    }
    octavo_font *f = octavo_xcalloc(1, sizeof *f);
    f->spec = file;
    f->blob = blob;
    f->face = face;
    f->used = hb_set_create();
    /* CFF outlines make an OpenType font, glyf outlines a TrueType one. */
    hb_blob_t *cff_table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    bool cff = hb_blob_get_length(cff_table) > 0;
    hb_blob_destroy(cff_table);
    f->path = cff ? "fonts/body.otf" : "fonts/body.ttf";
    f->media_type = cff ? "font/otf" : "font/ttf";
    *out = f;
    return OCTAVO_OK;
}

const char *octavo_font_path(const octavo_font *f)
{
    return f->path;
}

const char *octavo_font_media_type(const octavo_font *f)
{
    return f->media_type;
}

void octavo_font_css(const octavo_font *f, octavo_buf *out)
{
    octavo_buf_printf(out,
                      "\n/* The embedded font (--font), for the body text. */\n"
                      "@font-face {\n  font-family: \"octavo-body\";\n"
                      "  src: url(\"../%s\");\n}\n\n"
                      "body {\n  font-family: \"octavo-body\", serif;\n}\n",
                      f->path);
}

void octavo_font_use_text(octavo_font *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (cp >= 0x20)
            hb_set_add(f->used, cp);
        i += k;
    }
}

octavo_status octavo_font_subset(const octavo_font *f, char **data, size_t *len, octavo_diags *d)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input) {
        octavo_diag_add(d, OCTAVO_ERROR, f->spec, 0, 0, "cannot subset the font: out of memory");
        return OCTAVO_EIO;
    }
    hb_set_union(hb_subset_input_unicode_set(input), f->used);
    /* Hints are for low-resolution screens of long ago; they are a good
     * part of a CJK font's size. */
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *subset = hb_subset_or_fail(f->face, input);
    hb_subset_input_destroy(input);
    if (!subset) {
        octavo_diag_add(d, OCTAVO_ERROR, f->spec, 0, 0, "HarfBuzz could not subset the font");
        return OCTAVO_EINPUT;
    }
    hb_blob_t *blob = hb_face_reference_blob(subset);
    unsigned n = 0;
    const char *bytes = hb_blob_get_data(blob, &n);
    *data = octavo_xstrndup(bytes ? bytes : "", n);
    *len = n;
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    return OCTAVO_OK;
}

void octavo_font_free(octavo_font *f)
{
    if (!f)
        return;
    hb_set_destroy(f->used);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free(f->spec);
    free(f);
}
