#include "file.h"

#include "buf.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *octavo_read_result_text(octavo_read_result r)
{
    switch (r) {
    case OCTAVO_READ_OK:
        return "read";
    case OCTAVO_READ_FAILED:
        return errno == ENOENT ? "no such file" : strerror(errno);
    case OCTAVO_READ_NOT_A_FILE:
        return "not a regular file";
    case OCTAVO_READ_TOO_LARGE:
        return "too large";
    case OCTAVO_READ_OUTSIDE:
        return "outside the book's folder";
    }
    return "cannot be read";
}

bool octavo_path_is_inside(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return real[0] == '/';
    return strncmp(real, root, n) == 0 && real[n] == '/';
}

/* Where the descriptor `fd` (opened as `path`, with status `st`) really
 * is: inside `root` or not. /proc/self/fd tells it for the descriptor
 * itself; without /proc, the name resolved now must lead inside the
 * folder to the very file opened. */
static bool descriptor_is_inside(int fd, const char *path, const struct stat *st, const char *root)
{
    char proc[64], where[PATH_MAX];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(proc, where, sizeof where - 1);
    if (n > 0 && where[0] == '/') {
        where[n] = '\0';
        return octavo_path_is_inside(where, root);
    }
    char *real = realpath(path, NULL);
    struct stat now;
    bool inside = real && octavo_path_is_inside(real, root) && stat(real, &now) == 0 &&
                  now.st_dev == st->st_dev && now.st_ino == st->st_ino;
    free(real);
    return inside;
}

int octavo_file_open(const char *path, const char *root, size_t *size, time_t *mtime,
                     octavo_read_result *why)
{
    /* An O_PATH descriptor names the file without opening it: a device or
     * a FIFO is never really opened (that could block, or do something),
     * and nothing outside the folder is opened at all. */
    int named = open(path, O_PATH | O_CLOEXEC);
    if (named < 0) {
        *why = OCTAVO_READ_FAILED;
        return -1;
    }
    struct stat st;
    if (fstat(named, &st) != 0) {
        int e = errno;
        close(named);
        errno = e;
        *why = OCTAVO_READ_FAILED;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        close(named);
        *why = OCTAVO_READ_NOT_A_FILE;
        return -1;
    }
    if (root && !descriptor_is_inside(named, path, &st, root)) {
        close(named);
        *why = OCTAVO_READ_OUTSIDE;
        return -1;
    }
    /* Opened again through the descriptor, it is the same file, whatever
     * happened to the name meanwhile. Without /proc, through the name,
     * and then it must still be the same file. */
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", named);
    int fd = open(proc, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0 && errno == ENOENT) {
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        struct stat again;
        if (fd >= 0 && (fstat(fd, &again) != 0 || again.st_dev != st.st_dev ||
                        again.st_ino != st.st_ino || fcntl(fd, F_SETFL, 0) != 0)) {
            close(fd);
            close(named);
            *why = root ? OCTAVO_READ_OUTSIDE : OCTAVO_READ_NOT_A_FILE;
            return -1;
        }
    }
    int e = errno;
    close(named);
    if (fd < 0) {
        errno = e;
        *why = OCTAVO_READ_FAILED;
        return -1;
    }
    if (size)
        *size = (size_t)st.st_size;
    if (mtime)
        *mtime = st.st_mtime;
    *why = OCTAVO_READ_OK;
    return fd;
}

octavo_read_result octavo_read_whole_file(const char *path, const char *root, size_t max,
                                          char **data, size_t *len, time_t *mtime)
{
    octavo_read_result why;
    size_t size;
    int fd = octavo_file_open(path, root, &size, mtime, &why);
    if (fd < 0)
        return why;
    if (size > max) {
        close(fd);
        return OCTAVO_READ_TOO_LARGE;
    }
    size_t got = 0;
    char *bytes = octavo_xmalloc(size + 1);
    while (got < size) {
        ssize_t r = read(fd, bytes + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(bytes);
            close(fd);
            errno = e;
            return OCTAVO_READ_FAILED;
        }
        if (r == 0)
            break; /* the file shrank while we read it; use what is there */
        got += (size_t)r;
    }
    close(fd);
    bytes[got] = '\0';
    *data = bytes;
    *len = got;
    return OCTAVO_READ_OK;
}

bool octavo_file_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

bool octavo_file_replace(const char *path, const char *data, size_t len)
{
    char *copy = octavo_xstrdup(path);
    octavo_buf tmp = OCTAVO_BUF_INIT;
    octavo_buf_printf(&tmp, "%s/.octavo-XXXXXX", dirname(copy));
    free(copy);
    /* mkstemp creates with O_EXCL: a link under the chosen name is never
     * followed, and the name is new. */
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        octavo_buf_free(&tmp);
        return false;
    }
    /* mkstemp makes it 0600; a book.yaml is as readable as the sources.
     * (Not 0666 & ~umask: reading the umask means changing it, for every
     * thread.) */
    bool ok = fchmod(fd, 0644) == 0;
    for (size_t done = 0; ok && done < len;) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        if (ok)
            done += (size_t)w;
    }
    ok = ok && fsync(fd) == 0;
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp.data, path) != 0) {
        e = errno;
        ok = false;
    }
    if (!ok) {
        unlink(tmp.data);
        errno = e;
    }
    octavo_buf_free(&tmp);
    return ok;
}
