#include "check.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char folder[64];

static void write_file(const char *name, const char *bytes, size_t len)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "wb");
    fwrite(bytes, 1, len, f);
    fclose(f);
}

static void test_folder_order_and_normalising(void)
{
    write_file("10.md", "ten\n", 4);
    write_file("2.md", "two\n", 4);
    write_file(".hidden.md", "no\n", 3);
    write_file("image.jpg", "\xFF\xD8", 2);
    write_file("empty.md", " \n\n", 3);
    write_file("crlf.txt",
               "\xEF\xBB\xBF"
               "a\r\nb\rc\x01"
               "d\n",
               12);
    octavo_source_list list;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    const char *paths[] = {folder};
    CHECK_INT(octavo_sources_read(paths, 1, &(octavo_read_options){.threads = 2}, &list, &d),
              OCTAVO_OK);
    CHECK_INT(list.count, 3);
    if (list.count == 3) {
        CHECK_STR(list.items[0].name, "2.md");
        CHECK_STR(list.items[1].name, "10.md");
        CHECK_STR(list.items[2].name, "crlf.txt");
        CHECK_STR(list.items[2].text, "a\nb\ncd\n");
    }
    /* one warning for the empty file, one for the control character */
    CHECK_INT(d.warnings, 2);
    CHECK_STR(list.folder_name, strrchr(folder, '/') + 1);
    octavo_source_list_free(&list);
    octavo_diags_free(&d);

    /* Files given one by one keep the order given. */
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/10.md", folder);
    snprintf(b, sizeof b, "%s/2.md", folder);
    const char *files[] = {a, b};
    CHECK_INT(octavo_sources_read(files, 2, &(octavo_read_options){.threads = 2}, &list, &d),
              OCTAVO_OK);
    CHECK_STR(list.items[0].name, "10.md");
    octavo_source_list_free(&list);
    octavo_diags_free(&d);
}

static void test_errors(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *text;
    size_t len;
    CHECK_INT(octavo_source_normalise("bad.txt", "ok\nab\xFF\n", 7, &text, &len, &d),
              OCTAVO_EINPUT);
    CHECK_INT(d.items[0].line, 2);
    CHECK_STR(d.items[0].message, "not valid UTF-8 text (first bad byte at column 3)");
    octavo_diags_free(&d);

    octavo_source_list list;
    const char *missing[] = {"/nonexistent/folder"};
    CHECK_INT(octavo_sources_read(missing, 1, &(octavo_read_options){.threads = 2}, &list, &d),
              OCTAVO_EINPUT);
    CHECK_STR(d.items[0].file, "/nonexistent/folder");
    octavo_source_list_free(&list);
    octavo_diags_free(&d);

    char empty[80];
    snprintf(empty, sizeof empty, "%s/sub", folder);
    mkdir(empty, 0700);
    const char *paths[] = {empty};
    CHECK_INT(octavo_sources_read(paths, 1, &(octavo_read_options){.threads = 2}, &list, &d),
              OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "no .md, .markdown or .txt files");
    octavo_source_list_free(&list);
    octavo_diags_free(&d);
}

/* A book folder: SUMMARY.md and what matches an exclude pattern are left
 * out; files a plan lists are read in its order, with their encodings. */
static void test_book_folder_and_listed(void)
{
    char book[96];
    snprintf(book, sizeof book, "%s/book", folder);
    mkdir(book, 0700);
    const char *names[] = {"book/a.md", "book/draft-1.md", "book/SUMMARY.md", "book/b.txt"};
    for (size_t i = 0; i < 4; i++)
        write_file(names[i], "text\n", 5);
    write_file("book/big5.txt", "\xa4\xa4\xa4\xe5\n", 5); /* 中文 in Big5 */
    octavo_strings exclude = {0};
    octavo_strings_add(&exclude, "draft-*");
    octavo_source_list list;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_read_options how = {.threads = 2};
    CHECK_INT(octavo_sources_read_folder(book, &exclude, &how, &list, &d), OCTAVO_OK);
    CHECK_INT(list.count, 3);
    if (list.count == 3) {
        CHECK_STR(list.items[0].name, "a.md");
        CHECK_STR(list.items[1].name, "b.txt");
        CHECK_STR(list.items[2].name, "big5.txt");
    }
    octavo_source_list_free(&list);
    octavo_diags_free(&d);
    octavo_strings_free(&exclude);

    octavo_listed_file listed[] = {
        {"big5.txt", "BIG5", 3, 5}, {"./a.md", NULL, 4, 5}, {"missing.md", NULL, 5, 7}};
    CHECK_INT(octavo_sources_read_listed(book, "book.yaml", listed, 3, &how, &list, &d),
              OCTAVO_EINPUT);
    CHECK_INT(list.count, 2);
    if (list.count == 2) {
        CHECK_STR(list.items[0].text, "中文\n");
        CHECK_INT(list.items[0].plan_entry, 1);
        CHECK_STR(list.items[1].name, "a.md");
        CHECK_INT(list.items[1].plan_entry, 2);
    }
    CHECK_INT(d.errors, 1);
    CHECK_STR(d.items[0].file, "book.yaml");
    CHECK_INT(d.items[0].line, 5);
    CHECK_STR(d.items[0].message, "no such file 'missing.md'");
    octavo_source_list_free(&list);
    octavo_diags_free(&d);
}

int main(void)
{
    snprintf(folder, sizeof folder, "/tmp/octavo-test-source-XXXXXX");
    if (!mkdtemp(folder))
        return 1;
    test_folder_order_and_normalising();
    test_errors();
    test_book_folder_and_listed();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
