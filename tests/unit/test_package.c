#include "book_fixture.h"
#include "check.h"
#include "octavo/package.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n);
    *len = fread(data, 1, (size_t)n, f);
    fclose(f);
    return data;
}

/* The book is only a stylesheet (no nav, no pages): enough for the zip,
 * and a book octavo's own check must refuse when asked to check. */
static octavo_status write_book(const octavo_book *book, const char *path, bool check,
                                octavo_diags *d)
{
    octavo_package pkg = {0};
    char *css = strdup("p {}"), *opf;
    size_t opf_len;
    octavo_package_add(&pkg, "styles/book.css", NULL, "text/css", css, strlen(css));
    octavo_render_opf(book, &pkg, &opf, &opf_len);
    octavo_status st = octavo_package_write(book, &pkg, opf, opf_len, path, 9, check, d);
    free(opf);
    octavo_package_free(&pkg);
    return st;
}

int main(void)
{
    char dir[] = "/tmp/octavo-test-package-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char a[96], b[96], missing[128];
    snprintf(a, sizeof a, "%s/a.epub", dir);
    snprintf(b, sizeof b, "%s/b.epub", dir);
    snprintf(missing, sizeof missing, "%s/no/such/folder/c.epub", dir);

    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    fixture_add(&book, "a.md", "# T\n\ntext\n", &d);
    fixture_arrange(&book, &d);
    CHECK_INT(write_book(&book, a, false, &d), OCTAVO_OK);
    CHECK_INT(write_book(&book, b, false, &d), OCTAVO_OK);

    size_t la, lb;
    char *da = read_all(a, &la), *db = read_all(b, &lb);
    CHECK(da && db && la == lb && memcmp(da, db, la) == 0);
    /* mimetype: first, stored, no extra field, exact content (the local
     * header is 30 bytes, then the 8-byte name, then the data). */
    CHECK(da && la > 58 && memcmp(da + 30, "mimetypeapplication/epub+zip", 28) == 0);
    CHECK(da && da[8] == 0 && da[9] == 0);   /* method: stored */
    CHECK(da && da[28] == 0 && da[29] == 0); /* extra field length */
    free(da);
    free(db);

    int err;
    zip_t *za = zip_open(a, ZIP_RDONLY, &err);
    CHECK(za != NULL);
    if (za) {
        CHECK_STR(zip_get_name(za, 0, 0), "mimetype");
        CHECK(zip_name_locate(za, "META-INF/container.xml", 0) >= 0);
        CHECK(zip_name_locate(za, "EPUB/package.opf", 0) >= 0);
        zip_close(za);
    }

    /* A folder that does not exist: an error naming the file, no file. */
    CHECK_INT(write_book(&book, missing, false, &d), OCTAVO_EIO);
    CHECK(d.errors == 1);
    CHECK(access(missing, F_OK) != 0);

    /* The finished book is checked before it replaces anything: a finding
     * is an internal error, and the book already there stays as it was. */
    octavo_diags_free(&d);
    d = (octavo_diags)OCTAVO_DIAGS_INIT;
    size_t before_len;
    char *before = read_all(a, &before_len);
    CHECK_INT(write_book(&book, a, true, &d), OCTAVO_EINTERNAL);
    CHECK(d.errors > 0 && strstr(d.items[0].message, "internal error: the book: ") != NULL);
    CHECK(d.count && strcmp(d.items[0].file, "octavo") == 0);
    size_t after_len;
    char *after = read_all(a, &after_len);
    CHECK(before && after && before_len == after_len && memcmp(before, after, before_len) == 0);
    free(before);
    free(after);

    octavo_book_free(&book);
    octavo_diags_free(&d);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
