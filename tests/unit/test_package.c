#include "book_fixture.h"
#include "check.h"
#include "package.h"

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
    octavo_package_compress(&pkg, 9, 1);
    octavo_status st = octavo_package_write(book, &pkg, opf, opf_len, path, 9, check, 1, d);
    free(opf);
    octavo_package_free(&pkg);
    return st;
}

/* Files of many sizes (empty, tiny, larger than a deflate block), and a
 * picture that is stored as it is. */
static void add_files(octavo_package *pkg)
{
    for (size_t i = 0; i < 40; i++) {
        size_t len = i == 0 ? 0 : i * i * 150;
        char *data = malloc(len + 1);
        for (size_t j = 0; j < len; j++)
            data[j] = (char)("abcdefgh <p>\n"[(j * 7 + i) % 14] + (j % 997 == 0));
        char path[32];
        snprintf(path, sizeof path, "text/f%02zu.xhtml", i);
        octavo_package_add(pkg, path, NULL, "application/xhtml+xml", data, len);
    }
    octavo_package_add(pkg, "images/p.png", NULL, "image/png", strdup("\x89PNG not really"), 16);
    /* A picture of 3 MB, stored: more than the output file gathers
     * before it writes (1 MB), so the zip is written in several parts. */
    size_t big = 3 * 1024 * 1024 + 17;
    unsigned char *noise = malloc(big);
    unsigned x = 12345;
    for (size_t j = 0; j < big; j++)
        noise[j] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
    memcpy(noise, "\x89PNG", 4);
    octavo_package_add(pkg, "images/big.png", NULL, "image/png", (char *)noise, big);
}

/* Compressing on one core or on several gives the same bytes, and what
 * the zip holds reads back as what went in. */
static void test_threads(const octavo_book *book, const char *one, const char *many)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    const char *paths[] = {one, many};
    unsigned threads[] = {1, 7};
    for (int k = 0; k < 2; k++) {
        octavo_package pkg = {0};
        add_files(&pkg);
        char *opf;
        size_t opf_len;
        octavo_render_opf(book, &pkg, &opf, &opf_len);
        octavo_package_compress(&pkg, 6, threads[k]);
        CHECK(pkg.items[40].deflated == NULL); /* the PNG */
        CHECK(pkg.items[39].deflated != NULL && pkg.items[39].deflated_len < pkg.items[39].len);
        CHECK_INT(
            octavo_package_write(book, &pkg, opf, opf_len, paths[k], 6, false, threads[k], &d),
            OCTAVO_OK);
        free(opf);
        if (k == 1) {
            int err;
            zip_t *za = zip_open(many, ZIP_RDONLY | ZIP_CHECKCONS, &err);
            CHECK(za != NULL);
            for (size_t i = 0; za && i < pkg.count; i++) {
                char name[64];
                snprintf(name, sizeof name, "EPUB/%s", pkg.items[i].path);
                zip_stat_t st;
                CHECK(zip_stat(za, name, 0, &st) == 0);
                CHECK(st.size == pkg.items[i].len);
                CHECK(st.comp_method == (i >= 40 ? ZIP_CM_STORE : ZIP_CM_DEFLATE));
                zip_file_t *f = zip_fopen(za, name, 0);
                char *back = malloc(st.size + 1);
                /* Reading to the end checks the CRC too. */
                CHECK(f && zip_fread(f, back, st.size + 1) == (zip_int64_t)st.size);
                CHECK(memcmp(back, pkg.items[i].data, st.size) == 0);
                free(back);
                if (f)
                    zip_fclose(f);
            }
            if (za)
                zip_close(za);
        }
        octavo_package_free(&pkg);
    }
    size_t l1, l2;
    char *d1 = read_all(one, &l1), *d2 = read_all(many, &l2);
    CHECK(d1 && d2 && l1 == l2 && memcmp(d1, d2, l1) == 0);
    free(d1);
    free(d2);
    CHECK_INT(d.errors, 0);
    octavo_diags_free(&d);
}

int main(void)
{
    char dir[] = "/tmp/octavo-test-package-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char a[96], b[96], one[96], many[96], missing[128];
    snprintf(a, sizeof a, "%s/a.epub", dir);
    snprintf(b, sizeof b, "%s/b.epub", dir);
    snprintf(one, sizeof one, "%s/one.epub", dir);
    snprintf(many, sizeof many, "%s/many.epub", dir);
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

    test_threads(&book, one, many);

    octavo_book_free(&book);
    octavo_diags_free(&d);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
