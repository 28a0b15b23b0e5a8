#include "package.h"

#include "buf.h"
#include "check.h"
#include "mem.h"
#include "parallel.h"
#include "render.h"
#include "templates.h"

#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#define NS_OPF      "http://www.idpf.org/2007/opf"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define PACKAGE_DIR "EPUB/"

/* Manifest ids: the file's path with anything that is not a name character
 * replaced, e.g. "styles/book.css" -> "styles-book-css". */
static char *item_id(const char *path)
{
    char *id = octavo_xstrdup(path);
    for (char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            *p = '-';
    return id;
}

octavo_resource *octavo_package_add(octavo_package *pkg, const char *path, const char *id,
                                    const char *media_type, char *data, size_t len)
{
    pkg->items = octavo_xgrow(pkg->items, &pkg->cap, pkg->count + 1, sizeof *pkg->items);
    octavo_resource *r = &pkg->items[pkg->count++];
    *r = (octavo_resource){.path = octavo_xstrdup(path),
                           .id = id ? octavo_xstrdup(id) : item_id(path),
                           .media_type = media_type,
                           .data = data,
                           .len = len};
    return r;
}

void octavo_package_free(octavo_package *pkg)
{
    for (size_t i = 0; i < pkg->count; i++) {
        free(pkg->items[i].path);
        free(pkg->items[i].id);
        free(pkg->items[i].data);
        free(pkg->items[i].deflated);
        octavo_page_facts_free(pkg->items[i].facts);
    }
    free(pkg->items);
    *pkg = (octavo_package){0};
}

/* ---- compression ---------------------------------------------------------- */

/* libdeflate rather than zlib (which libzip uses): at the same level it
 * makes smaller files three times as fast, and a whole-buffer API suits
 * files that are in memory anyway. */
static void deflate_resource(struct libdeflate_compressor *c, octavo_resource *r);

octavo_deflater *octavo_deflater_new(int level)
{
    return (octavo_deflater *)libdeflate_alloc_compressor(level);
}

void octavo_deflater_free(octavo_deflater *z)
{
    libdeflate_free_compressor((struct libdeflate_compressor *)z);
}

void octavo_resource_deflate(octavo_deflater *z, octavo_resource *r)
{
    deflate_resource((struct libdeflate_compressor *)z, r);
}

static void deflate_resource(struct libdeflate_compressor *c, octavo_resource *r)
{
    size_t cap = libdeflate_deflate_compress_bound(c, r->len);
    char *out = octavo_xmalloc(cap ? cap : 1);
    size_t n = libdeflate_deflate_compress(c, r->data, r->len, out, cap);
    r->crc = libdeflate_crc32(0, r->data, r->len);
    if (n == 0) { /* cannot happen with the bound's room; store it then */
        free(out);
        return;
    }
    r->deflated = octavo_xrealloc(out, n);
    r->deflated_len = n;
}

static bool compressed_already(const char *media_type)
{
    return strcmp(media_type, "image/jpeg") == 0 || strcmp(media_type, "image/png") == 0 ||
           strcmp(media_type, "image/gif") == 0;
}

typedef struct compress_job {
    octavo_package *pkg;
    struct libdeflate_compressor **per_thread;
} compress_job;

static void compress_one(void *ctx, size_t i, unsigned thread)
{
    compress_job *job = ctx;
    octavo_resource *r = &job->pkg->items[i];
    if (!compressed_already(r->media_type) && !r->deflated && !r->spool && r->data)
        deflate_resource(job->per_thread[thread], r);
}

void octavo_package_compress(octavo_package *pkg, int level, unsigned threads)
{
    unsigned n = threads ? threads : 1;
    compress_job job = {pkg, octavo_xcalloc(n, sizeof *job.per_thread)};
    unsigned made = 0; /* without memory for a compressor, fewer threads */
    while (made < n && (job.per_thread[made] = libdeflate_alloc_compressor(level)) != NULL)
        made++;
    n = made;
    if (n) /* (else everything is stored: a valid book still) */
        octavo_parallel_for(pkg->count, n, compress_one, &job, NULL, NULL);
    for (unsigned t = 0; t < n; t++)
        libdeflate_free_compressor(job.per_thread[t]);
    free(job.per_thread);
}

/* Writes all `len` bytes at offset `at` of fd; false (errno set) when it
 * cannot. */
static bool write_at(int fd, const void *data, size_t len, unsigned long long at)
{
    const char *p = data;
    while (len) {
        ssize_t n = pwrite(fd, p, len, (off_t)at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        at += (unsigned long long)n;
        len -= (size_t)n;
    }
    return true;
}

/* ---- the spool ------------------------------------------------------------ */

struct octavo_spool {
    int fd;
    atomic_ullong end; /* where the next file goes */
};

octavo_spool *octavo_spool_new(void)
{
    const char *dir = getenv("TMPDIR");
    int fd = open(dir && *dir ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
        char name[] = "/tmp/octavo-spool-XXXXXX";
        fd = mkstemp(name);
        if (fd >= 0)
            unlink(name);
    }
    if (fd < 0)
        return NULL;
    octavo_spool *s = octavo_xcalloc(1, sizeof *s);
    s->fd = fd;
    atomic_init(&s->end, 0);
    return s;
}

bool octavo_spool_put(octavo_spool *s, octavo_resource *r)
{
    unsigned long long at = atomic_fetch_add(&s->end, r->deflated_len);
    if (!write_at(s->fd, r->deflated, r->deflated_len, at))
        return false;
    free(r->deflated);
    r->deflated = NULL;
    r->spool = s;
    r->spool_at = at;
    return true;
}

void octavo_spool_free(octavo_spool *s)
{
    if (s) {
        close(s->fd);
        free(s);
    }
}

/* ---- package.opf -------------------------------------------------------- */

/* <name attr=value ...>text</name>: attributes as name/value pairs ending
 * in NULL; `text` may be NULL (an empty element). */
static void element(xmlTextWriterPtr w, const char *name, const char *text, ...)
{
    xmlTextWriterStartElement(w, BAD_CAST name);
    va_list ap;
    va_start(ap, text);
    for (const char *attr; (attr = va_arg(ap, const char *)) != NULL;)
        octavo_xml_attribute(w, attr, va_arg(ap, const char *));
    va_end(ap);
    if (text)
        xmlTextWriterWriteString(w, BAD_CAST text);
    xmlTextWriterEndElement(w);
}

static void meta_property(xmlTextWriterPtr w, const char *property, const char *value)
{
    element(w, "meta", value, "property", property, (const char *)NULL);
}

static void format_time(time_t t, char out[24])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Written as a stream: a book of 10,000 chapters has 20,000 manifest and
 * spine entries, whose tree took 12 MB. */
void octavo_render_opf(const octavo_book *book, const octavo_package *pkg, char **out, size_t *len)
{
    octavo_buf buf = OCTAVO_BUF_INIT;
    xmlTextWriterPtr w = octavo_xml_writer_start(&buf);
    xmlTextWriterStartElement(w, BAD_CAST "package");
    octavo_xml_attribute(w, "xmlns", NS_OPF);
    octavo_xml_attribute(w, "version", "3.0");
    octavo_xml_attribute(w, "unique-identifier", "pub-id");
    octavo_xml_attribute(w, "xml:lang", book->languages.items[0]);

    xmlTextWriterStartElement(w, BAD_CAST "metadata");
    octavo_xml_attribute(w, "xmlns:dc", NS_DC);
    const char *end = NULL; /* (ends each element's attributes) */
    element(w, "dc:identifier", book->identifier, "id", "pub-id", end);
    element(w, "dc:title", book->title, "id", "title", end);
    if (book->subtitle) {
        element(w, "dc:title", book->subtitle, "id", "subtitle", end);
        element(w, "meta", "main", "refines", "#title", "property", "title-type", end);
        element(w, "meta", "subtitle", "refines", "#subtitle", "property", "title-type", end);
    }
    for (size_t i = 0; i < book->languages.count; i++)
        element(w, "dc:language", book->languages.items[i], end);
    for (size_t i = 0; i < book->authors.count; i++) {
        char id[32], ref[34];
        snprintf(id, sizeof id, "creator-%zu", i + 1);
        snprintf(ref, sizeof ref, "#%s", id);
        element(w, "dc:creator", book->authors.items[i], "id", id, end);
        element(w, "meta", "aut", "refines", ref, "property", "role", "scheme", "marc:relators",
                end);
    }
    if (book->publisher)
        element(w, "dc:publisher", book->publisher, end);
    if (book->rights)
        element(w, "dc:rights", book->rights, end);
    if (book->description)
        element(w, "dc:description", book->description, end);
    if (book->date)
        element(w, "dc:date", book->date, end);
    if (book->source_url)
        element(w, "dc:source", book->source_url, end);
    for (size_t i = 0; i < book->subjects.count; i++)
        element(w, "dc:subject", book->subjects.items[i], end);
    if (book->cover) /* the EPUB 2 way, which Apple Books and Kindle still look for */
        element(w, "meta", NULL, "name", "cover", "content", book->images[book->cover - 1].id, end);
    char modified[24];
    format_time(book->modified, modified);
    meta_property(w, "dcterms:modified", modified);
    /* EPUB Accessibility 1.1: what a reader needs to know before buying. */
    meta_property(w, "schema:accessMode", "textual");
    meta_property(w, "schema:accessModeSufficient", "textual");
    meta_property(w, "schema:accessibilityFeature", "structuralNavigation");
    meta_property(w, "schema:accessibilityFeature", "tableOfContents");
    meta_property(w, "schema:accessibilityFeature", "readingOrder");
    meta_property(w, "schema:accessibilityHazard", "none");
    meta_property(w, "schema:accessibilitySummary",
                  "Text with headings, a table of contents and a logical reading order.");
    xmlTextWriterEndElement(w); /* metadata */

    const char *ncx = NULL;
    xmlTextWriterStartElement(w, BAD_CAST "manifest");
    for (size_t i = 0; i < pkg->count; i++) {
        const octavo_resource *r = &pkg->items[i];
        element(w, "item", NULL, "id", r->id, "href", r->path, "media-type", r->media_type,
                r->properties ? "properties" : end, r->properties, end); /* (none: ends there) */
        if (strcmp(r->media_type, "application/x-dtbncx+xml") == 0)
            ncx = r->id;
    }
    xmlTextWriterEndElement(w); /* manifest */
    xmlTextWriterStartElement(w, BAD_CAST "spine");
    if (book->vertical)
        octavo_xml_attribute(w, "page-progression-direction", "rtl");
    if (ncx)
        octavo_xml_attribute(w, "toc", ncx);
    for (size_t i = 0; i < pkg->count; i++)
        if (pkg->items[i].in_spine)
            element(w, "itemref", NULL, "idref", pkg->items[i].id, end);
    xmlTextWriterEndElement(w); /* spine */
    xmlTextWriterEndElement(w); /* package */
    octavo_xml_writer_finish(w, &buf, out, len);
}

/* ---- the zip ------------------------------------------------------------ */

/* MS-DOS date and time, as zip stores them, for UTC time t (zip times have
 * no zone; using UTC keeps the bytes independent of the builder's TZ). */
static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    if (tm.tm_year < 80) {
        tm = (struct tm){.tm_year = 80, .tm_mday = 1};
    } else if (tm.tm_year > 207) {
        tm = (struct tm){
            .tm_year = 207, .tm_mon = 11, .tm_mday = 31, .tm_hour = 23, .tm_min = 59, .tm_sec = 58};
    }
    *dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    *ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* A file deflated beforehand, as a libzip source: libzip copies data it is
 * told is compressed already (its stat gives method, sizes and CRC). */
typedef struct deflated_file {
    const octavo_resource *r;
    size_t offset;
    zip_error_t error;
} deflated_file;

static zip_int64_t read_deflated(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    deflated_file *f = ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        f->offset = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        size_t n = f->r->deflated_len - f->offset;
        if (n > len)
            n = (size_t)len;
        if (f->r->spool) {
            ssize_t got;
            do
                got = pread(f->r->spool->fd, data, n, (off_t)(f->r->spool_at + f->offset));
            while (got < 0 && errno == EINTR);
            if (got < 0 || (size_t)got != n) {
                zip_error_set(&f->error, ZIP_ER_READ, got < 0 ? errno : EIO);
                return -1;
            }
        } else {
            memcpy(data, f->r->deflated + f->offset, n);
        }
        f->offset += n;
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
        st->size = f->r->len;
        st->comp_size = f->r->deflated_len;
        st->comp_method = ZIP_CM_DEFLATE;
        st->crc = (zip_uint32_t)f->r->crc;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&f->error, data, len);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&f->error);
        free(f);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&f->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/* Adds `r` under `name`: as deflated by octavo_package_compress, else
 * stored. */
static bool add_resource(zip_t *za, const char *name, const octavo_resource *r, time_t mtime)
{
    zip_source_t *src;
    if (r->deflated || r->spool) {
        deflated_file *f = octavo_xcalloc(1, sizeof *f);
        f->r = r;
        zip_error_init(&f->error);
        src = zip_source_function(za, read_deflated, f);
        if (!src) {
            zip_error_fini(&f->error);
            free(f);
        }
    } else {
        src = zip_source_buffer(za, r->data, r->len, 0);
    }
    if (!src)
        return false;
    zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        return false;
    }
    zip_uint16_t dtime, ddate;
    dos_time(mtime, &dtime, &ddate);
    return zip_set_file_compression(za, (zip_uint64_t)idx,
                                    r->deflated || r->spool ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                    0) == 0 &&
           zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) == 0;
}

/* ---- the output file ------------------------------------------------------ */

/* The book is written to an unnamed file in the target's folder
 * (O_TMPFILE: a crash or kill leaves nothing behind), checked there, and
 * only then given a name and renamed over the target, so no reader ever
 * sees a partial book and an existing one is replaced only by a complete
 * one. Where O_TMPFILE is not supported, a named temporary file is used
 * and removed on failure. */
typedef struct output_file {
    int fd;
    octavo_buf tmp_name;
    bool named; /* tmp_name exists and is ours to remove */
} output_file;

static bool output_open(output_file *out, const char *path, octavo_diags *d)
{
    char *copy = octavo_xstrdup(path);
    *out = (output_file){.fd = -1, .tmp_name = OCTAVO_BUF_INIT};
    octavo_buf_printf(&out->tmp_name, "%s.octavo-%ld.tmp", path, (long)getpid());
    out->fd = open(dirname(copy), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
    if (out->fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        unlink(octavo_buf_cstr(&out->tmp_name)); /* a leftover of a killed octavo of this pid */
        out->fd =
            open(octavo_buf_cstr(&out->tmp_name), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        out->named = out->fd >= 0;
    }
    free(copy);
    if (out->fd < 0)
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    return out->fd >= 0;
}

/* Makes the finished file, written to disk already (`synced` is fsync's
 * errno, 0 when it succeeded), the book at `path`. */
static octavo_status output_publish(output_file *out, const char *path, int synced, octavo_diags *d)
{
    const char *tmp = octavo_buf_cstr(&out->tmp_name);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", out->fd);
    if (synced != 0) {
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot write: %s", strerror(synced));
        return OCTAVO_EIO;
    }
    if (!out->named) {
        unlink(tmp); /* a leftover of an earlier, killed octavo of this pid */
        if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) != 0) {
            octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
            return OCTAVO_EIO;
        }
        out->named = true;
    }
    if (rename(tmp, path) != 0) {
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        return OCTAVO_EIO;
    }
    out->named = false;
    return OCTAVO_OK;
}

static void output_close(output_file *out)
{
    if (out->fd >= 0)
        close(out->fd);
    if (out->named)
        unlink(octavo_buf_cstr(&out->tmp_name));
    octavo_buf_free(&out->tmp_name);
}

/* The output file as a libzip source that libzip writes the zip into and
 * octavo check then reads it from: no copy of the book in memory. libzip
 * writes an entry's header (60 bytes), its data 8 KB at a time, then the
 * header again with sizes and CRC, and reads the central directory back
 * 46 and 21 bytes at a time: for 1,000 chapters that was 4,000 system
 * calls. Writes are gathered (a header written again lands in what was
 * gathered) and reads are served from a window read ahead. */
typedef struct fd_source {
    int fd;
    zip_uint64_t read_at, write_at, size;
    char *pending; /* to go at pending_at, not yet in the file */
    size_t pending_len;
    zip_uint64_t pending_at;
    char *window; /* the file's bytes from window_at */
    size_t window_len;
    zip_uint64_t window_at;
    zip_error_t error;
} fd_source;

enum { FD_SOURCE_GATHER = 1024 * 1024, FD_SOURCE_WINDOW = 256 * 1024 };

static zip_int64_t io_failed(fd_source *f)
{
    zip_error_set(&f->error, ZIP_ER_WRITE, errno);
    return -1;
}

/* Puts what was gathered into the file. */
static bool flush_pending(fd_source *f)
{
    if (!f->pending_len)
        return true;
    if (!write_at(f->fd, f->pending, f->pending_len, f->pending_at))
        return false;
    f->pending_len = 0;
    return true;
}

static zip_int64_t gather(fd_source *f, const void *data, zip_uint64_t len)
{
    f->window_len = 0; /* (the file changes) */
    /* Into what is gathered, when it starts inside or right after it. */
    bool fits = f->pending_len && f->write_at >= f->pending_at &&
                f->write_at <= f->pending_at + f->pending_len &&
                f->write_at + len - f->pending_at <= FD_SOURCE_GATHER;
    if (!fits && !flush_pending(f))
        return io_failed(f);
    if (len > FD_SOURCE_GATHER) { /* (libzip writes less at a time) */
        if (!write_at(f->fd, data, (size_t)len, f->write_at))
            return io_failed(f);
    } else {
        if (!f->pending)
            f->pending = octavo_xmalloc(FD_SOURCE_GATHER);
        if (!f->pending_len)
            f->pending_at = f->write_at;
        size_t at = (size_t)(f->write_at - f->pending_at);
        memcpy(f->pending + at, data, (size_t)len);
        if (at + len > f->pending_len)
            f->pending_len = at + (size_t)len;
    }
    f->write_at += len;
    if (f->write_at > f->size)
        f->size = f->write_at;
    return (zip_int64_t)len;
}

/* Reads up to `len` bytes at read_at; -1 (errno set) when it cannot. */
static ssize_t read_through(fd_source *f, void *data, size_t len)
{
    zip_uint64_t at = f->read_at;
    if (at < f->window_at || at >= f->window_at + f->window_len) {
        if (len >= FD_SOURCE_WINDOW) { /* large reads go straight through */
            ssize_t n;
            do
                n = pread(f->fd, data, len, (off_t)at);
            while (n < 0 && errno == EINTR);
            return n;
        }
        if (!f->window)
            f->window = octavo_xmalloc(FD_SOURCE_WINDOW);
        ssize_t n;
        do
            n = pread(f->fd, f->window, FD_SOURCE_WINDOW, (off_t)at);
        while (n < 0 && errno == EINTR);
        if (n < 0)
            return -1;
        f->window_at = at;
        f->window_len = (size_t)n;
    }
    size_t offset = (size_t)(at - f->window_at), n = f->window_len - offset;
    if (n > len)
        n = len;
    memcpy(data, f->window + offset, n);
    return (ssize_t)n;
}

/* Moves the read or the write position as libzip's seek arguments say. */
static zip_int64_t seek(fd_source *f, zip_uint64_t *position, void *data, zip_uint64_t len)
{
    zip_int64_t at = zip_source_seek_compute_offset(*position, f->size, data, len, &f->error);
    if (at < 0)
        return -1;
    *position = (zip_uint64_t)at;
    return 0;
}

static zip_int64_t on_fd(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    fd_source *f = ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        f->read_at = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        if (!flush_pending(f))
            return io_failed(f);
        ssize_t n = read_through(f, data, (size_t)len);
        if (n < 0) {
            zip_error_set(&f->error, ZIP_ER_READ, errno);
            return -1;
        }
        f->read_at += (zip_uint64_t)n;
        return n;
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_SEEK:
        return seek(f, &f->read_at, data, len);
    case ZIP_SOURCE_TELL:
        return (zip_int64_t)f->read_at;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE;
        st->size = f->size;
        return sizeof *st;
    }
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
        f->pending_len = f->window_len = 0;
        if (ftruncate(f->fd, 0) != 0)
            return io_failed(f);
        f->write_at = f->size = 0;
        return 0;
    case ZIP_SOURCE_WRITE:
        return gather(f, data, len);
    case ZIP_SOURCE_SEEK_WRITE:
        return seek(f, &f->write_at, data, len);
    case ZIP_SOURCE_TELL_WRITE:
        return (zip_int64_t)f->write_at;
    case ZIP_SOURCE_COMMIT_WRITE:
        return flush_pending(f) ? 0 : io_failed(f);
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&f->error, data, len);
    case ZIP_SOURCE_FREE:
        free(f->pending);
        free(f->window);
        zip_error_fini(&f->error);
        free(f);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_WRITABLE;
    default:
        zip_error_set(&f->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

static zip_source_t *fd_zip_source(int fd, zip_error_t *ze)
{
    fd_source *f = octavo_xcalloc(1, sizeof *f);
    f->fd = fd;
    struct stat st;
    f->size = fstat(fd, &st) == 0 ? (zip_uint64_t)st.st_size : 0;
    zip_error_init(&f->error);
    zip_source_t *src = zip_source_function_create(on_fd, f, ze);
    if (!src) {
        zip_error_fini(&f->error);
        free(f);
    }
    return src;
}

/* The files of the book as octavo check takes them from memory. */
typedef struct book_files {
    octavo_known_entry *known;
    char **names;
    size_t count;
} book_files;

static book_files list_book_files(const octavo_package *pkg, const char *opf, size_t opf_len)
{
    book_files f = {octavo_xcalloc(pkg->count + 2, sizeof *f.known),
                    octavo_xcalloc(pkg->count + 1, sizeof *f.names), pkg->count + 2};
    f.known[0] =
        (octavo_known_entry){"META-INF/container.xml", (const char *)octavo_template_container_xml,
                             octavo_template_container_xml_len, NULL};
    f.known[1] = (octavo_known_entry){PACKAGE_DIR "package.opf", opf, opf_len, NULL};
    for (size_t i = 0; i < pkg->count; i++) {
        octavo_buf name = OCTAVO_BUF_INIT;
        octavo_buf_printf(&name, PACKAGE_DIR "%s", pkg->items[i].path);
        f.names[i] = octavo_buf_detach(&name);
        f.known[i + 2] = (octavo_known_entry){f.names[i], pkg->items[i].data, pkg->items[i].len,
                                              pkg->items[i].facts};
    }
    return f;
}

static void book_files_free(book_files *f)
{
    for (size_t i = 0; i + 2 < f->count; i++)
        free(f->names[i]);
    free(f->names);
    free(f->known);
}

/* Runs octavo check on the finished zip, with the pages read ahead (while
 * it was compressed) from memory. A finding is octavo's own fault. */
static octavo_status self_check(zip_source_t *mem, const book_files *files,
                                octavo_check_prescan *prescan, octavo_diags *d)
{
    octavo_diags report = OCTAVO_DIAGS_INIT;
    octavo_check_source(mem, files->known, files->count, prescan, &report);
    octavo_buf line = OCTAVO_BUF_INIT;
    for (size_t i = 0, said = 0; i < report.count && said < 20; i++) {
        if (report.items[i].severity == OCTAVO_INFO)
            continue; /* (usages: what EPUBCheck says only when asked) */
        said++;
        octavo_buf_clear(&line);
        octavo_finding_format(&report.items[i], "the book", &line);
        octavo_diag_add(d, OCTAVO_ERROR, "octavo", 0, 0,
                        "internal error: %s (please report this; --no-check skips the check)",
                        octavo_buf_cstr(&line));
    }
    octavo_buf_free(&line);
    bool clean = report.errors + report.warnings == 0;
    octavo_diags_free(&report);
    return clean ? OCTAVO_OK : OCTAVO_EINTERNAL;
}

/* The last two things before the book gets its name, done at once: the
 * check of the written zip, and fsync (each a few milliseconds). */
typedef struct finishing {
    int fd;
    bool check;
    const book_files *files;
    octavo_check_prescan *prescan;
    octavo_status check_status;
    octavo_diags diags; /* the check's */
    int synced;         /* fsync's errno; 0: on disk */
} finishing;

static void finish_one(void *ctx, size_t i, unsigned thread)
{
    (void)thread;
    finishing *f = ctx;
    if (i == 1) {
        f->synced = fsync(f->fd) == 0 ? 0 : errno;
    } else if (f->check) {
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t *written = fd_zip_source(f->fd, &ze);
        zip_error_fini(&ze);
        f->check_status =
            written ? self_check(written, f->files, f->prescan, &f->diags) : OCTAVO_EIO;
        if (written)
            zip_source_free(written);
    }
}

octavo_status octavo_package_write(const octavo_book *book, const octavo_package *pkg,
                                   const char *opf, size_t opf_len, const char *path,
                                   int compression, bool check, unsigned threads, octavo_diags *d)
{
    output_file out;
    if (!output_open(&out, path, d)) {
        output_close(&out);
        return OCTAVO_EIO;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *file = fd_zip_source(out.fd, &ze);
    zip_t *za = file ? zip_open_from_source(file, ZIP_TRUNCATE, &ze) : NULL;
    if (!za) {
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot make the zip: %s",
                        zip_error_strerror(&ze));
        zip_error_fini(&ze);
        if (file)
            zip_source_free(file);
        output_close(&out);
        return OCTAVO_EIO;
    }
    zip_error_fini(&ze);
    /* The files before the package's own: mimetype stored, as the
     * container requires; container.xml and package.opf deflated. */
    static const char mimetype[] = "application/epub+zip";
    octavo_package head = {0};
    octavo_package_add(&head, "mimetype", "mimetype", "application/epub+zip",
                       octavo_xstrndup(mimetype, sizeof mimetype - 1), sizeof mimetype - 1);
    octavo_package_add(&head, "META-INF/container.xml", "container", "application/xml",
                       octavo_xstrndup((const char *)octavo_template_container_xml,
                                       octavo_template_container_xml_len),
                       octavo_template_container_xml_len);
    octavo_package_add(&head, PACKAGE_DIR "package.opf", "opf", "application/oebps-package+xml",
                       octavo_xstrndup(opf, opf_len), opf_len);
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(compression);
    for (size_t i = 1; c && i < head.count; i++)
        deflate_resource(c, &head.items[i]);
    libdeflate_free_compressor(c);
    bool ok = true;
    for (size_t i = 0; ok && i < head.count; i++)
        ok = add_resource(za, head.items[i].path, &head.items[i], book->modified);
    for (size_t i = 0; ok && i < pkg->count; i++) {
        octavo_buf name = OCTAVO_BUF_INIT;
        octavo_buf_printf(&name, PACKAGE_DIR "%s", pkg->items[i].path);
        ok = add_resource(za, octavo_buf_cstr(&name), &pkg->items[i], book->modified);
        octavo_buf_free(&name);
    }
    /* The check reads the pages on every core before zip_close copies
     * the compressed files into place. */
    book_files files = {0};
    octavo_check_prescan *prescan = NULL;
    if (check) {
        files = list_book_files(pkg, opf, opf_len);
        prescan = octavo_check_prescan_start(files.known, files.count, threads);
    }
    octavo_status st = OCTAVO_OK;
    if (!ok || zip_close(za) != 0) {
        zip_error_t *e = zip_get_error(za);
        if (zip_error_code_zip(e) == ZIP_ER_WRITE) /* a full disk, a file size limit */
            octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot write: %s",
                            strerror(zip_error_code_system(e)));
        else
            octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot make the zip: %s",
                            zip_strerror(za));
        zip_discard(za);
        st = OCTAVO_EIO;
    }
    /* The check reads the book while the disk takes it. */
    finishing fin = {.fd = out.fd,
                     .check = check,
                     .files = &files,
                     .prescan = prescan,
                     .check_status = OCTAVO_OK,
                     .diags = OCTAVO_DIAGS_INIT};
    if (st == OCTAVO_OK)
        octavo_parallel_for(2, threads, finish_one, &fin, NULL, NULL);
    octavo_diags_move(d, &fin.diags);
    if (st == OCTAVO_OK)
        st = fin.check_status;
    octavo_check_prescan_free(prescan);
    if (check)
        book_files_free(&files);
    if (st == OCTAVO_OK)
        st = output_publish(&out, path, fin.synced, d);
    output_close(&out);
    octavo_package_free(&head);
    return st;
}
