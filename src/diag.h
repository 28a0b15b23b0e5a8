/* diag.h — results and diagnostics.
 *
 * Library functions never print. Anything a user should read about their
 * input is added to an octavo_diags list with the file and line it concerns;
 * main.c decides how (and whether) to print it. The types are public, in
 * octavo.h; adding messages is internal.
 */
#ifndef OCTAVO_DIAG_H
#define OCTAVO_DIAG_H

#include "buf.h"
#include "octavo.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* A hostile input can produce a problem per line: keep a sane number of
 * errors and of warnings (each on its own, so a flood of one never hides
 * the other), and plenty of what --verbose reports. */
#define OCTAVO_DIAGS_MAX      500
#define OCTAVO_DIAGS_MAX_INFO 1000000

void octavo_diag_add(octavo_diags *d, octavo_severity severity, const char *file, unsigned line,
                     unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same with a code (a check's findings) and a va_list. */
void octavo_diag_vadd(octavo_diags *d, octavo_severity severity, const char *code, const char *file,
                      unsigned line, unsigned col, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));
/* Moves every message of `from` to the end of `into` (within its limits),
 * leaving `from` empty: what parallel work said, in the order of the work
 * rather than of its timing. */
void octavo_diags_move(octavo_diags *into, octavo_diags *from);

#endif
