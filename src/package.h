/* package.h — the package document (OPF) and the EPUB container (zip).
 *
 * The zip is written so that the same book gives the same bytes: entries
 * in a fixed order, every entry time set to the book's modification time,
 * no extra fields. It is written next to the target and renamed into place
 * only when complete, so a failed build never leaves a partial file and
 * never touches an existing book. */
#ifndef OCTAVO_PACKAGE_H
#define OCTAVO_PACKAGE_H

#include "diag.h"
#include "document.h"

#include <stdbool.h>
#include <stddef.h>

/* A file inside the EPUB, relative to the package folder ("EPUB/"). */
typedef struct octavo_resource {
    char *path; /* "text/ch001.xhtml" */
    char *id;   /* manifest id: "ch001", "nav", ... */
    const char *media_type;
    const char *properties; /* manifest properties ("nav") or NULL */
    bool in_spine;          /* read in order: chapters, part pages, contents */
    char *data;             /* owned */
    size_t len;
    /* Set by octavo_package_compress: `data` as raw deflate (owned), and
     * the CRC-32 of `data`. NULL: the zip stores it as it is. */
    char *deflated;
    size_t deflated_len;
    unsigned long crc;
    /* A page (or the NCX) as octavo check read it already (owned; then
     * `data` may be NULL), or NULL. */
    struct octavo_page_facts *facts;
    /* With `spool`, the deflated bytes are in that file at `spool_at`
     * instead of in `deflated`. */
    struct octavo_spool *spool;
    unsigned long long spool_at;
} octavo_resource;

/* Deflate for one thread at a time: each core that compresses has its
 * own. NULL when out of memory. */
typedef struct octavo_deflater octavo_deflater;
octavo_deflater *octavo_deflater_new(int level);
void octavo_deflater_free(octavo_deflater *z);
/* Sets r->deflated, r->deflated_len and r->crc from r->data. */
void octavo_resource_deflate(octavo_deflater *z, octavo_resource *r);

/* Deflated files kept on disk until the zip is written, so that a large
 * book's pages are never all in memory: an unnamed temporary file. */
typedef struct octavo_spool octavo_spool;
/* NULL (with errno) when no temporary file can be made. */
octavo_spool *octavo_spool_new(void);
/* Moves r->deflated into the spool (any thread); false when writing
 * failed (r is then left as it was). */
bool octavo_spool_put(octavo_spool *spool, octavo_resource *r);
void octavo_spool_free(octavo_spool *spool);

typedef struct octavo_package {
    octavo_resource *items; /* in the order they go into the zip */
    size_t count, cap;
} octavo_package;

/* Adds a file with manifest id `id` (NULL: made from the path); takes
 * ownership of `data` (malloc'ed). Returns the resource, valid until the
 * next add, to set properties or in_spine on. */
octavo_resource *octavo_package_add(octavo_package *pkg, const char *path, const char *id,
                                    const char *media_type, char *data, size_t len);
void octavo_package_free(octavo_package *pkg);

/* Compresses the files of `pkg` with deflate at `level` (1..9) on up to
 * `threads` cores, each file on its own so the result is the same for
 * any number of threads. Pictures that are compressed already (JPEG, PNG,
 * GIF) are left to be stored, and files deflated already as they are. */
void octavo_package_compress(octavo_package *pkg, int level, unsigned threads);

/* package.opf for `book`: metadata, a manifest of every resource in `pkg`
 * and the spine (the resources marked in_spine, in order). *out is
 * malloc'ed and owned by the caller. */
void octavo_render_opf(const octavo_book *book, const octavo_package *pkg, char **out, size_t *len);

/* Writes the EPUB to `path`: mimetype (stored, first), container.xml,
 * package.opf, then `pkg`'s files in order, deflated as
 * octavo_package_compress left them. `compression` is the deflate level
 * of container.xml and package.opf, 1..9. With `check`, the finished zip
 * is first checked (octavo check, on `threads` cores); any finding is an
 * internal error and nothing is written. */
octavo_status octavo_package_write(const octavo_book *book, const octavo_package *pkg,
                                   const char *opf, size_t opf_len, const char *path,
                                   int compression, bool check, unsigned threads, octavo_diags *d);

#endif
