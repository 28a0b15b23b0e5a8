/* image_size.c — see image_size.h. */
#include "image_size.h"

#include <string.h>

static octavo_image_size png_size(const unsigned char *b, size_t n)
{
    /* (the signature, then the IHDR chunk: length, type, width, height) */
    return n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0
               ? OCTAVO_IMAGE_SIZED
               : OCTAVO_IMAGE_UNSIZED;
}

static octavo_image_size gif_size(const unsigned char *b, size_t n)
{
    /* (GIF87a or GIF89a, then the screen's width and height) */
    return n >= 10 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0)
               ? OCTAVO_IMAGE_SIZED
               : OCTAVO_IMAGE_UNSIZED;
}

/* A JPEG's size is in its frame header (SOFn): the segments before it
 * are stepped over by their lengths; the scan or the end coming first
 * means there is none. */
static octavo_image_size jpeg_size(const unsigned char *b, size_t n, bool whole)
{
    octavo_image_size short_of = whole ? OCTAVO_IMAGE_UNSIZED : OCTAVO_IMAGE_READ_MORE;
    if (n < 2 || b[0] != 0xFF || b[1] != 0xD8)
        return OCTAVO_IMAGE_UNSIZED;
    for (size_t i = 2;;) {
        if (i >= n)
            return short_of;
        if (b[i] != 0xFF)
            return OCTAVO_IMAGE_UNSIZED;
        while (i < n && b[i] == 0xFF) /* (fill bytes) */
            i++;
        if (i >= n)
            return short_of;
        unsigned marker = b[i++];
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return OCTAVO_IMAGE_SIZED;
        if (marker == 0xD9 || marker == 0xDA || marker == 0x00)
            return OCTAVO_IMAGE_UNSIZED; /* (the end, or the scan, before any frame) */
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue; /* (markers without a segment) */
        if (n - i < 2)
            return short_of;
        size_t length = (size_t)b[i] << 8 | b[i + 1];
        if (length < 2)
            return OCTAVO_IMAGE_UNSIZED;
        i += length;
    }
}

octavo_image_size octavo_image_size_of(const char *media_type, const unsigned char *head,
                                       size_t len, bool whole)
{
    if (strcmp(media_type, "image/jpeg") == 0)
        return jpeg_size(head, len, whole);
    if (strcmp(media_type, "image/png") == 0)
        return png_size(head, len);
    if (strcmp(media_type, "image/gif") == 0)
        return gif_size(head, len);
    return OCTAVO_IMAGE_SIZED;
}
