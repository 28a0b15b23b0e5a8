/* bitmap.c — a manifest item of a core bitmap type (JPEG, PNG, GIF), as
 * EPUBCheck's BitmapChecker reads it: its first bytes are its media
 * type's (OPF-029), there are enough of them (MED-004), its name's
 * extension is its type's (PKG-022), and it is whole enough to say its
 * size (PKG-021, image_size.h). Only the head of the file is read. */
#include "check_internal.h"

#include "image_size.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What is read first; a JPEG whose frame header lies beyond it is read
 * again up to the most (past that, it is taken as whole). */
enum { HEAD_FIRST = 4096, HEAD_MOST = 256 * 1024 };

static const struct bitmap_type {
    const char *media_type;
    const char *magic;
    size_t magic_len;
    const char *extensions; /* (as words) */
    const char *format;     /* (its name in PKG-022, as EPUBCheck's) */
} bitmap_types[] = {
    {"image/jpeg", "\xFF\xD8", 2, " jpg jpeg jpe ", "JPEG"},
    {"image/gif", "GIF8", 4, " gif ", "gif"},
    {"image/png", "\x89PNG", 4, " png ", "png"},
};

/* The type whose extension `ext` is, if any. */
static const struct bitmap_type *type_of_extension(const char *ext)
{
    char lower[8];
    size_t n = strlen(ext);
    if (n >= sizeof lower)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)(ext[i] >= 'A' && ext[i] <= 'Z' ? ext[i] - 'A' + 'a' : ext[i]);
    for (size_t i = 0; i < sizeof bitmap_types / sizeof *bitmap_types; i++)
        if (octavo_check_in_words(bitmap_types[i].extensions, lower))
            return &bitmap_types[i];
    return NULL;
}

/* The extension of an entry's name ("" when it has none). */
static const char *extension_of(const char *name)
{
    const char *slash = strrchr(name, '/'), *dot = strrchr(name, '.');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static void corrupt(checker *ck, const entry *e)
{
    octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-021", e->name, 0,
                             "Corrupted image file encountered.");
}

void octavo_check_bitmap(checker *ck, const item *it)
{
    if (!it->file || it->file->encrypted)
        return;
    const struct bitmap_type *t = NULL;
    for (size_t i = 0; i < sizeof bitmap_types / sizeof *bitmap_types; i++)
        if (strcmp(it->media_type, bitmap_types[i].media_type) == 0)
            t = &bitmap_types[i];
    if (!t)
        return;
    entry *e = it->file;
    size_t want = e->size < HEAD_FIRST ? (size_t)e->size : HEAD_FIRST, got;
    unsigned char *head = octavo_xmalloc(want ? want : 1);
    if (!octavo_check_read_head(ck, e, (char *)head, want, &got)) {
        free(head);
        return;
    }
    if (got < 4) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-004", e->name, 0,
                                 "the image file's header is too short: it may be corrupted");
        corrupt(ck, e);
    } else if (memcmp(head, t->magic, t->magic_len) != 0) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-029", e->name, 0,
                                 "the file does not match its media type %s", it->media_type);
    } else {
        /* A name of another bitmap type's, or of none (EPUBCheck 5 calls
         * an unknown one corrupt, PKG-021; epubcheck-ts a wrong one, as
         * octavo does: the bytes are fine). */
        const char *ext = extension_of(e->name);
        const struct bitmap_type *named = *ext ? type_of_extension(ext) : t;
        if (named != t)
            octavo_check_add_finding(ck->r, OCTAVO_WARNING, "PKG-022", e->name, 0,
                                     "Wrong file extension for image. The image is a binary "
                                     "file of type \"%s\" but the file extension is \"%s\".",
                                     t->format, ext);
        octavo_image_size s = octavo_image_size_of(t->media_type, head, got, got == e->size);
        if (s == OCTAVO_IMAGE_READ_MORE && e->size > got) {
            want = e->size < HEAD_MOST ? (size_t)e->size : HEAD_MOST;
            head = octavo_xrealloc(head, want);
            if (octavo_check_read_head(ck, e, (char *)head, want, &got))
                s = octavo_image_size_of(t->media_type, head, got, got == e->size);
        }
        if (s == OCTAVO_IMAGE_UNSIZED)
            corrupt(ck, e);
    }
    free(head);
}
