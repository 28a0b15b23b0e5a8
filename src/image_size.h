/* image_size.h — whether a JPEG, PNG or GIF says how large its picture
 * is: a reader cannot lay out one that does not, and EPUBCheck calls it
 * corrupt (PKG-021). The builder leaves such a picture out; octavo check
 * reports it. Only the head of the file is needed. */
#ifndef OCTAVO_IMAGE_SIZE_H
#define OCTAVO_IMAGE_SIZE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum octavo_image_size {
    OCTAVO_IMAGE_SIZED,    /* the header giving the size is there */
    OCTAVO_IMAGE_UNSIZED,  /* it is not (damaged or cut short) */
    OCTAVO_IMAGE_READ_MORE /* it may lie past the bytes given */
} octavo_image_size;

/* For the first `len` bytes of an image of `media_type` (image/jpeg,
 * image/png or image/gif; any other is SIZED). `whole`: they are the
 * whole file. */
octavo_image_size octavo_image_size_of(const char *media_type, const unsigned char *head,
                                       size_t len, bool whole);

#endif
