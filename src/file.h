/* file.h — reading and writing files of a folder that may be hostile.
 *
 * Every file octavo reads (sources, book.yaml, SUMMARY.md, pictures,
 * stylesheets, fonts) is opened here, and so is the one file it writes
 * into a source folder (book.yaml, by `octavo init`). What is checked is
 * the file actually opened, never a name checked earlier: a folder can
 * swap a file for a symbolic link between the two, or hold a FIFO that
 * blocks a plain open() forever. */
#ifndef OCTAVO_FILE_H
#define OCTAVO_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum octavo_read_result {
    OCTAVO_READ_OK,
    OCTAVO_READ_FAILED,     /* errno says why */
    OCTAVO_READ_NOT_A_FILE, /* a folder, a FIFO, a device, a socket, ... */
    OCTAVO_READ_TOO_LARGE,  /* more than the caller's limit */
    OCTAVO_READ_OUTSIDE,    /* it lies outside the folder it must be in */
} octavo_read_result;

/* Words for a result other than OCTAVO_READ_OK, for messages such as
 * "file: not a regular file" (OCTAVO_READ_FAILED: from errno;
 * OCTAVO_READ_TOO_LARGE: the caller says its own limit). Static. */
const char *octavo_read_result_text(octavo_read_result r);

/* Whether `real` (a resolved path) lies inside the folder `root` (also
 * resolved): the one test that keeps files outside an untrusted folder
 * (through "..", absolute paths or symbolic links) out of the book. */
bool octavo_path_is_inside(const char *real, const char *root);

/* Opens `path` for reading, without blocking (a FIFO or a device is
 * refused, not waited on) and without becoming the controlling terminal.
 * Only a regular file is accepted. When `root` (a resolved folder) is not
 * NULL, the file opened must lie inside it: that is checked on the open
 * descriptor, so a link swapped in after listing cannot lead out. Returns
 * the descriptor (blocking again; the caller closes it) and its size in
 * *size and time in *mtime (either may be NULL), or -1 with *why. */
int octavo_file_open(const char *path, const char *root, size_t *size, time_t *mtime,
                     octavo_read_result *why);

/* Reads the whole file `path` of at most `max` bytes into *data
 * (malloc'ed, NUL-terminated, owned by the caller), opened as
 * octavo_file_open does; *mtime may be NULL. */
octavo_read_result octavo_read_whole_file(const char *path, const char *root, size_t max,
                                          char **data, size_t *len, time_t *mtime);

/* Whether anything at all (even a dangling link or a FIFO) has the name
 * `path`: a file that exists but cannot be used is then reported rather
 * than silently ignored. */
bool octavo_file_exists(const char *path);

/* Writes `len` bytes to `path`, replacing it only once they are all
 * written: into a new file of the same folder, created exclusively (it
 * never follows a link a hostile folder placed under any name), then
 * renamed over `path` (which replaces a link there instead of writing
 * through it). Returns false with errno on failure; nothing is left
 * behind. */
bool octavo_file_replace(const char *path, const char *data, size_t len);

#endif
