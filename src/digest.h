/* digest.h — SHA-1, used to derive a book's stable identifier (a name-based
 * UUID, RFC 9562 version 5) from what the book is, instead of a random one
 * that would make every build differ. Not used for security. */
#ifndef OCTAVO_DIGEST_H
#define OCTAVO_DIGEST_H

#include <stddef.h>
#include <stdint.h>

typedef struct octavo_sha1 {
    uint32_t h[5];
    uint64_t length; /* bytes hashed so far */
    unsigned char block[64];
    size_t used;
} octavo_sha1;

void octavo_sha1_init(octavo_sha1 *ctx);
void octavo_sha1_update(octavo_sha1 *ctx, const void *data, size_t len);
void octavo_sha1_final(octavo_sha1 *ctx, unsigned char out[20]);

/* Writes "urn:uuid:xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx" (46 bytes with NUL)
 * for a version-5 UUID of `name` in octavo's namespace. */
void octavo_uuid5(const char *name, size_t len, char out[46]);

#endif
