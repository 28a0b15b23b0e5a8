/* source.h — finding and reading the files a book is made from.
 *
 * This is the only stage that touches the source files. It turns folders
 * and file names into an ordered list of texts, each checked to be UTF-8
 * and normalised (no BOM, LF line ends, only characters XML allows). */
#ifndef OCTAVO_SOURCE_H
#define OCTAVO_SOURCE_H

#include "diag.h"
#include "document.h"
#include "file.h"
#include "include.h"

#include <stddef.h>
#include <time.h>

typedef struct octavo_source {
    char *path; /* as the user would name it: "seeds/001.txt"; used in messages */
    char *name; /* the file name alone: "001.txt" */
    char *text; /* UTF-8, LF line ends, NUL-terminated; a build frees it
                   (NULL) once the source is understood */
    size_t len;
    const char *encoding; /* what the file was written in: "UTF-8", "GB18030", ... */
    /* The folder the file belongs to, resolved (realpath): the SOURCE
     * folder it was found in, or a file's own folder. Nothing outside it
     * (images, linked files) may go into the book. */
    char *root;
    /* Whether the file was found through a folder or a plan (not named by
     * the user): then it must lie inside `root` when it is read. */
    bool confined;
    /* The file's path with symbolic links resolved (realpath), which
     * tells files apart however they were named. */
    char *real;
    time_t mtime;
    size_t plan_entry; /* 1-based entry of the plan that named it; 0: none */
    /* The encoding the plan gives the file (the plan's string), or NULL:
     * it wins over the one the whole book is read in. */
    const char *given_encoding;
    size_t file_bytes; /* the file's size when listed */
    /* Where the lines of `text` are in the file, when includes were
     * expanded into it (empty otherwise). */
    octavo_include_map lines;
} octavo_source;

typedef struct octavo_source_list {
    octavo_source *items;
    size_t count, cap;
    /* Name of the folder the book comes from (the first SOURCE folder, or
     * the folder of the first file): the fallback title and output name. */
    char *folder_name;
    time_t newest_mtime;
    /* Where and why to say "nothing to make a book from" when no source
     * has text (for callers that read the sources themselves). */
    char *nothing_where;
    const char *nothing_why;
} octavo_source_list;

/* How to read sources. */
typedef struct octavo_read_options {
    const char *encoding; /* NULL: each file's is detected */
    unsigned threads;     /* cores to read on (0: one) */
    /* Only list the files (text NULL, encoding NULL): the caller reads
     * each when it needs it (octavo_source_load), so that a large book is
     * never in memory all at once. Binary and empty files are then found
     * when loading them. */
    bool list_only;
    /* A resolved folder the files named (not only those found in
     * folders) must lie inside, or NULL: the user named them. */
    const char *root;
} octavo_read_options;

/* Files larger than this are refused rather than read into memory. */
#define OCTAVO_SOURCE_MAX_BYTES ((size_t)512 * 1024 * 1024)
/* A folder with more candidate files than this is refused. */
#define OCTAVO_SOURCE_MAX_FILES 100000

/* Reads the sources named by `paths` (folders or files, in the order given;
 * no paths means the current folder). A folder contributes its .md,
 * .markdown and .txt files (not hidden ones) in natural file-name order.
 * Each file's encoding is detected (see encoding.h), or is how->encoding
 * when that is not NULL. Empty files and binary files are skipped with a
 * warning. Problems are added to `d`; returns OCTAVO_OK only if there is at
 * least one source and no error. `out` is owned by the caller:
 * octavo_source_list_free. The files are read on up to how->threads
 * cores; the sources and messages come in the same order for any number. */
octavo_status octavo_sources_read(const char *const *paths, size_t count,
                                  const octavo_read_options *how, octavo_source_list *out,
                                  octavo_diags *d);

/* Reads the file of a listed source into s->text (replacing any), with
 * its encoding and time; it is read as s->given_encoding, else as
 * `encoding`, else detected. *kept is false, with a warning, for a binary or
 * empty file; errors as octavo_sources_read gives them. */
octavo_status octavo_source_load(octavo_source *s, const char *encoding, bool *kept,
                                 octavo_diags *d);

/* Normalises UTF-8 text of `path` into `*out`: strips a BOM, turns CRLF
 * and CR into LF, drops characters XML forbids (with a warning per line).
 * Invalid UTF-8 is an error
 * "path:line: not valid UTF-8 text (first bad byte at column N)". */
octavo_status octavo_source_normalise(const char *path, const char *bytes, size_t len, char **out,
                                      size_t *out_len, octavo_diags *d);

/* A file that book.yaml or SUMMARY.md lists, as reading it needs it (the
 * plan stage makes these; this stage knows nothing of plans). */
typedef struct octavo_listed_file {
    const char *file;     /* as written, relative to the book's folder */
    const char *encoding; /* the iconv name to read it as, or NULL: detect */
    unsigned line, col;   /* where `listed_in` names it, for messages */
} octavo_listed_file;

/* Reads the `count` files `listed_in` lists, in its order, relative to
 * `folder`; each source's plan_entry is its 1-based place in the list. A
 * listed file that does not exist or lies outside the folder is an error
 * at the line that names it. Text files of the folder the list leaves out
 * are reported (OCTAVO_INFO). */
octavo_status octavo_sources_read_listed(const char *folder, const char *listed_in,
                                         const octavo_listed_file *files, size_t count,
                                         const octavo_read_options *how, octavo_source_list *out,
                                         octavo_diags *d);

/* Like octavo_sources_read for one book folder, leaving out SUMMARY.md and
 * the files whose names match one of the `exclude` patterns (fnmatch). */
octavo_status octavo_sources_read_folder(const char *folder, const octavo_strings *exclude,
                                         const octavo_read_options *how, octavo_source_list *out,
                                         octavo_diags *d);

/* The name a folder's book is called by (its last path component,
 * resolved; "book" for "/"): owned by the caller. */
char *octavo_folder_display_name(const char *folder);

/* Messages from diags[from] on about a source whose includes were
 * expanded are moved to the line of the file as written. */
void octavo_sources_fix_lines(const octavo_source_list *list, octavo_diags *d, size_t from);

void octavo_source_list_free(octavo_source_list *list);

#endif
