/* diag.h — results and diagnostics.
 *
 * Library functions never print. Anything a user should read about their
 * input is added to an octavo_diags list with the file and line it concerns;
 * main.c decides how (and whether) to print it.
 */
#ifndef OCTAVO_DIAG_H
#define OCTAVO_DIAG_H

#include "octavo/buf.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum octavo_status {
    OCTAVO_OK = 0,
    OCTAVO_EINPUT, /* the sources or options are wrong: exit 1 */
    OCTAVO_EIO,    /* reading or writing failed: exit 1 */
    OCTAVO_EINTERNAL, /* octavo made a book that fails its own check: exit 1 */
} octavo_status;

typedef enum octavo_severity {
    OCTAVO_INFO,    /* what octavo found or decided (--verbose) */
    OCTAVO_WARNING, /* the book is built but something was not as expected */
    OCTAVO_ERROR,   /* the book cannot be built */
} octavo_severity;

typedef struct octavo_diag {
    octavo_severity severity;
    char *file;    /* owned; NULL when the message is not about a file */
    unsigned line; /* 1-based; 0 when unknown */
    unsigned col;  /* 1-based; 0 when unknown */
    char *message; /* owned */
} octavo_diag;

typedef struct octavo_diags {
    octavo_diag *items;
    size_t count, cap;
    size_t errors, warnings, infos;
    /* Messages not kept because of the limits below, by severity. */
    size_t dropped[3];
    /* INFO messages are only counted: nobody will read them (a big book
     * makes several per chapter). */
    bool no_info;
} octavo_diags;

/* A hostile input can produce a problem per line: keep a sane number of
 * errors and of warnings (each on its own, so a flood of one never hides
 * the other), and plenty of what --verbose reports. */
#define OCTAVO_DIAGS_MAX      500
#define OCTAVO_DIAGS_MAX_INFO 1000000

#define OCTAVO_DIAGS_INIT                                                                          \
    {                                                                                              \
        NULL, 0, 0, 0, 0, 0,                                                                       \
        {                                                                                          \
            0, 0, 0                                                                                \
        },                                                                                         \
            false                                                                                  \
    }

void octavo_diag_add(octavo_diags *d, octavo_severity severity, const char *file, unsigned line,
                     unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Moves every message of `from` to the end of `into` (within its limits),
 * leaving `from` empty: what parallel work said, in the order of the work
 * rather than of its timing. */
void octavo_diags_move(octavo_diags *into, octavo_diags *from);
bool octavo_diags_has_errors(const octavo_diags *d);
/* Appends "file:line:col: [warning: ]message" (parts that are unknown are
 * left out) to `out`, without a newline. */
void octavo_diag_format(const octavo_diag *diag, octavo_buf *out);
void octavo_diags_free(octavo_diags *d);

#endif
