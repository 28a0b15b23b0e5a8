/* The file module: what a hostile folder can put under a name is checked
 * on the file opened, and writing never follows a link. */
#include "check.h"
#include "file.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static const char *in_dir(const char *name)
{
    static char path[4][256];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", dir, name);
    return p;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static void test_read(void)
{
    char *root = realpath(in_dir("in"), NULL);
    write_text(in_dir("in/a.md"), "inside");
    write_text(in_dir("secret.txt"), "outside");
    CHECK(symlink("../secret.txt", in_dir("in/out.md")) == 0);
    CHECK(symlink("a.md", in_dir("in/alias.md")) == 0);
    CHECK(mkfifo(in_dir("in/pipe.md"), 0600) == 0);
    CHECK(mkdir(in_dir("in/folder.md"), 0700) == 0);

    char *data = NULL;
    size_t len = 0;
    CHECK_INT(octavo_read_whole_file(in_dir("in/a.md"), root, 100, &data, &len, NULL),
              OCTAVO_READ_OK);
    CHECK_STR(data, "inside");
    free(data);
    /* A link inside the folder is fine; one leading out is not, unless
     * the user named the file (no root). */
    CHECK_INT(octavo_read_whole_file(in_dir("in/alias.md"), root, 100, &data, &len, NULL),
              OCTAVO_READ_OK);
    free(data);
    CHECK_INT(octavo_read_whole_file(in_dir("in/out.md"), root, 100, &data, &len, NULL),
              OCTAVO_READ_OUTSIDE);
    CHECK_INT(octavo_read_whole_file(in_dir("in/out.md"), NULL, 100, &data, &len, NULL),
              OCTAVO_READ_OK);
    CHECK_STR(data, "outside");
    free(data);
    /* A FIFO is refused at once (a plain open() would wait forever), with
     * or without a root; so is a folder. */
    CHECK_INT(octavo_read_whole_file(in_dir("in/pipe.md"), root, 100, &data, &len, NULL),
              OCTAVO_READ_NOT_A_FILE);
    CHECK_INT(octavo_read_whole_file(in_dir("in/pipe.md"), NULL, 100, &data, &len, NULL),
              OCTAVO_READ_NOT_A_FILE);
    CHECK_INT(octavo_read_whole_file(in_dir("in/folder.md"), root, 100, &data, &len, NULL),
              OCTAVO_READ_NOT_A_FILE);
    CHECK_INT(octavo_read_whole_file(in_dir("in/a.md"), root, 3, &data, &len, NULL),
              OCTAVO_READ_TOO_LARGE);
    CHECK_INT(octavo_read_whole_file(in_dir("in/none.md"), root, 100, &data, &len, NULL),
              OCTAVO_READ_FAILED);
    CHECK_STR(octavo_read_result_text(OCTAVO_READ_FAILED), "no such file");
    CHECK(octavo_file_exists(in_dir("in/pipe.md")));
    CHECK(!octavo_file_exists(in_dir("in/none.md")));
    free(root);
}

static void test_replace(void)
{
    write_text(in_dir("victim.txt"), "victim");
    CHECK(mkdir(in_dir("w"), 0700) == 0);
    CHECK(symlink("../victim.txt", in_dir("w/book.yaml")) == 0);
    CHECK(octavo_file_replace(in_dir("w/book.yaml"), "new", 3));
    /* The link was replaced, not written through. */
    struct stat st;
    CHECK(lstat(in_dir("w/book.yaml"), &st) == 0 && S_ISREG(st.st_mode));
    CHECK_INT(st.st_mode & 0777, 0644);
    char *data = NULL;
    size_t len;
    CHECK_INT(octavo_read_whole_file(in_dir("victim.txt"), NULL, 100, &data, &len, NULL),
              OCTAVO_READ_OK);
    CHECK_STR(data, "victim");
    free(data);
    /* A folder that cannot be written: false with errno, nothing left. */
    CHECK(!octavo_file_replace(in_dir("missing/book.yaml"), "x", 1));
    CHECK_INT(errno, ENOENT);
}

static void test_printable(void)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_printable("a\nb\rc\x1b[2J\td\x7f\xc2\x9b\xe2\x80\xae中\xff", false, &b);
    CHECK_STR(octavo_buf_cstr(&b), "a\\x0Ab\\x0Dc\\x1B[2J\td\\x7F\\x9B\\u202E中\\xFF");
    octavo_buf_clear(&b);
    octavo_printable("one\ntwo", true, &b);
    CHECK_STR(octavo_buf_cstr(&b), "one\ntwo");
    octavo_buf_free(&b);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/octavo-test-file-XXXXXX");
    if (!mkdtemp(dir) || mkdir(in_dir("in"), 0700) != 0)
        return 1;
    test_read();
    test_replace();
    test_printable();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
