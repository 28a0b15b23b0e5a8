#include "source.h"

#include "buf.h"
#include "encoding.h"
#include "include.h"
#include "mem.h"
#include "parallel.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static bool has_text_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return false;
    return strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0 ||
           strcasecmp(dot, ".txt") == 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* "seeds/" -> "seeds", "." -> the current folder's own name. */
char *octavo_folder_display_name(const char *folder)
{
    char *resolved = realpath(folder, NULL);
    const char *use = resolved ? resolved : folder;
    size_t n = strlen(use);
    while (n > 1 && use[n - 1] == '/')
        n--;
    char *trimmed = octavo_xstrndup(use, n);
    char *name = octavo_xstrdup(base_name(trimmed));
    free(trimmed);
    free(resolved);
    if (!*name || strcmp(name, "/") == 0) {
        free(name);
        name = octavo_xstrdup("book");
    }
    return name;
}

static char *join_path(const char *folder, const char *name)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    if (strcmp(folder, ".") != 0) {
        octavo_buf_puts(&b, folder);
        if (b.len && b.data[b.len - 1] != '/')
            octavo_buf_putc(&b, '/');
    }
    octavo_buf_puts(&b, name);
    return octavo_buf_detach(&b);
}

/* Whether `bytes` are valid UTF-8; an error at the first bad byte if not. */
static bool valid_utf8(const char *path, const char *bytes, size_t len, octavo_diags *d)
{
    size_t bad = octavo_utf8_invalid_offset(bytes, len);
    if (bad < len) {
        unsigned line, col;
        octavo_line_and_column(bytes, bad, &line, &col);
        octavo_diag_add(d, OCTAVO_ERROR, path, line, 0,
                        "not valid UTF-8 text (first bad byte at column %u)", col);
    }
    return bad == len;
}

/* octavo_source_normalise of valid UTF-8 `text` (NUL-terminated after
 * it), in place: what it makes is never longer, so a 70 MB novel needs no
 * second copy. Returns the new length. */
static size_t normalise_in_place(const char *path, char *text, size_t len, octavo_diags *d)
{
    size_t i = 0, n = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    unsigned line = 1, warned_line = 0;
    while (i < len) {
        /* What needs no change stays as it is (moved back over what was
         * dropped before it). */
        size_t lines;
        size_t run = octavo_utf8_run(text + i, len - i, OCTAVO_RUN_XML | OCTAVO_RUN_SOURCE, &lines);
        if (n != i)
            memmove(text + n, text + i, run);
        n += run;
        i += run;
        line += (unsigned)lines;
        if (i == len)
            break;
        unsigned char c = (unsigned char)text[i];
        if (c == '\r') {
            i += (i + 1 < len && text[i + 1] == '\n') ? 2 : 1;
            text[n++] = '\n';
            line++;
            continue;
        }
        uint32_t cp;
        size_t k = c < 0x80 ? (cp = c, 1) : octavo_utf8_decode(text + i, len - i, &cp);
        if (!k) { /* (cannot be: the text is valid UTF-8) */
            i++;
            continue;
        }
        /* Tabs stay; a form feed is a page break in old text files. */
        bool keep = octavo_is_xml_char(cp) && !(cp >= 0x7F && cp <= 0x9F) && cp != 0xFEFF;
        if (cp == '\f')
            keep = false;
        if (keep) {
            memmove(text + n, text + i, k);
            n += k;
        } else if (cp != 0xFEFF && cp != '\f' && warned_line != line) {
            octavo_diag_add(d, OCTAVO_WARNING, path, line, 0,
                            "dropped control character U+%04X that XML does not allow",
                            (unsigned)cp);
            warned_line = line;
        }
        i += k;
    }
    text[n] = '\0';
    return n;
}

octavo_status octavo_source_normalise(const char *path, const char *bytes, size_t len, char **out,
                                      size_t *out_len, octavo_diags *d)
{
    if (!valid_utf8(path, bytes, len, d))
        return OCTAVO_EINPUT;
    *out = octavo_xstrndup(bytes, len);
    *out_len = normalise_in_place(path, *out, len, d);
    return OCTAVO_OK;
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k || !octavo_is_space(cp))
            return false;
        i += k;
    }
    return true;
}

/* A source for the file `path` of the folder `root` (NULL: the file's
 * own folder), not read yet. `real` is its real path when known
 * (taken), else it is found here. */
static void describe(octavo_source *out, const char *path, const char *root, char *real)
{
    *out = (octavo_source){0};
    out->path = octavo_xstrdup(path);
    out->name = octavo_xstrdup(base_name(path));
    out->real = real ? real : realpath(path, NULL);
    if (!out->real)
        out->real = octavo_xstrdup(path);
    struct stat st;
    out->file_bytes = stat(path, &st) == 0 ? (size_t)st.st_size : 0;
    if (root) {
        out->root = octavo_xstrdup(root);
        out->confined = true;
    } else {
        /* A file named on its own: its folder is its root. */
        char *copy = octavo_xstrdup(path);
        char *dir = realpath(dirname(copy), NULL);
        out->root = dir ? dir : octavo_xstrdup("/nonexistent");
        free(copy);
    }
}

/* mdBook expands its {{#include}} directives in its chapters, which are
 * Markdown files. */
static bool is_markdown_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
           (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
}

octavo_status octavo_source_load(octavo_source *s, const char *encoding, bool *kept,
                                 octavo_diags *d)
{
    *kept = false;
    const char *path = s->path;
    char *bytes;
    size_t got;
    time_t mtime;
    octavo_read_result read = octavo_read_whole_file(path, s->confined ? s->root : NULL,
                                                     OCTAVO_SOURCE_MAX_BYTES, &bytes, &got, &mtime);
    switch (read) {
    case OCTAVO_READ_OK:
        break;
    case OCTAVO_READ_NOT_A_FILE:
    case OCTAVO_READ_OUTSIDE: /* (a link that was not one when listed) */
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "%s", octavo_read_result_text(read));
        return OCTAVO_EINPUT;
    case OCTAVO_READ_TOO_LARGE:
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "file is larger than %zu MB",
                        OCTAVO_SOURCE_MAX_BYTES >> 20);
        return OCTAVO_EINPUT;
    case OCTAVO_READ_FAILED:
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return OCTAVO_EIO;
    }

    if (octavo_looks_binary(bytes, got)) {
        octavo_diag_add(d, OCTAVO_WARNING, path, 0, 0,
                        "looks like a binary file, not text; left out of the book");
        free(bytes);
        return OCTAVO_OK;
    }
    char *utf8, *text;
    size_t utf8_len, len;
    const char *used;
    if (s->given_encoding)
        encoding = s->given_encoding;
    octavo_status st_text = octavo_decode(path, bytes, got, encoding, &utf8, &utf8_len, &used, d);
    free(bytes);
    if (st_text != OCTAVO_OK)
        return st_text;
    /* UTF-8 that octavo_decode found valid need not be checked again;
     * what iconv made is. */
    if (!(strcmp(used, "UTF-8") == 0 && !encoding) && !valid_utf8(path, utf8, utf8_len, d)) {
        free(utf8);
        return OCTAVO_EINPUT;
    }
    if (is_markdown_name(s->name) && octavo_include_wanted(utf8, utf8_len)) {
        octavo_include_map_free(&s->lines); /* (read again: made again) */
        char *expanded =
            octavo_include_expand(path, s->root, utf8, utf8_len, &utf8_len, &s->lines, d);
        free(utf8);
        utf8 = expanded;
    }
    len = normalise_in_place(path, utf8, utf8_len, d);
    text = octavo_xrealloc(utf8, len + 1); /* (iconv's room, and what was dropped, back) */
    if (is_blank(text, len)) {
        octavo_diag_add(d, OCTAVO_WARNING, path, 0, 0, "has no text; left out of the book");
        free(text);
        return OCTAVO_OK;
    }
    free(s->text);
    s->text = text;
    s->len = len;
    s->mtime = mtime;
    s->encoding = used;
    *kept = true;
    return OCTAVO_OK;
}

/* Reads, decodes and normalises one file into *out. *kept is false when
 * the file is left out (binary, or no text), with a warning. */
static octavo_status read_file(const char *path, const char *root, char *real, const char *encoding,
                               const char *given_encoding, octavo_source *out, bool *kept,
                               octavo_diags *d)
{
    describe(out, path, root, real);
    out->given_encoding = given_encoding;
    octavo_status st = octavo_source_load(out, encoding, kept, d);
    if (!*kept) {
        free(out->path);
        free(out->name);
        free(out->root);
        free(out->real);
        *out = (octavo_source){0};
    }
    return st;
}

/* The files to read, listed first and then read on every core: reading,
 * decoding and normalising is most of the work before understanding. */
typedef struct wanted_file {
    char *path;
    char *root;                 /* NULL: the file's own folder */
    char *real;                 /* its real path, or NULL: not known yet */
    size_t plan_entry;          /* as octavo_source.plan_entry */
    const char *given_encoding; /* as octavo_source.given_encoding */
    /* What reading it gave. */
    octavo_source source;
    bool kept;
    octavo_status status;
    octavo_diags diags;
} wanted_file;

typedef struct reading {
    wanted_file *files;
    size_t count, cap;
    const octavo_read_options *how;
} reading;

/* `real` (may be NULL) is taken. */
static void want(reading *r, const char *path, const char *root, char *real, size_t plan_entry,
                 const char *given_encoding)
{
    r->files = octavo_xgrow(r->files, &r->cap, r->count + 1, sizeof *r->files);
    r->files[r->count++] = (wanted_file){.path = octavo_xstrdup(path),
                                         .root = root ? octavo_xstrdup(root) : NULL,
                                         .real = real,
                                         .plan_entry = plan_entry,
                                         .given_encoding = given_encoding,
                                         .diags = OCTAVO_DIAGS_INIT};
}

static void read_wanted(void *ctx, size_t i, unsigned thread)
{
    (void)thread;
    reading *r = ctx;
    wanted_file *f = &r->files[i];
    if (r->how->list_only) {
        describe(&f->source, f->path, f->root, f->real);
        f->source.given_encoding = f->given_encoding;
        f->kept = true;
    } else {
        f->status = read_file(f->path, f->root, f->real, r->how->encoding, f->given_encoding,
                              &f->source, &f->kept, &f->diags);
    }
    f->real = NULL; /* (the source's now) */
}

/* Reads every wanted file on `threads` cores and appends the ones with
 * text to `list`, in the order they were wanted; what reading them said
 * goes to `d` in that order too. */
static octavo_status read_all(reading *r, octavo_source_list *list, octavo_diags *d)
{
    octavo_parallel_for(r->count, r->how->threads, read_wanted, r, NULL, NULL);
    octavo_status status = OCTAVO_OK;
    for (size_t i = 0; i < r->count; i++) {
        wanted_file *f = &r->files[i];
        octavo_diags_move(d, &f->diags);
        if (f->status != OCTAVO_OK)
            status = f->status;
        if (f->kept) {
            list->items =
                octavo_xgrow(list->items, &list->cap, list->count + 1, sizeof *list->items);
            f->source.plan_entry = f->plan_entry;
            list->items[list->count++] = f->source;
            if (f->source.mtime > list->newest_mtime)
                list->newest_mtime = f->source.mtime;
        }
        free(f->path);
        free(f->real); /* (NULL once described) */
        free(f->root);
    }
    free(r->files);
    *r = (reading){0};
    return status;
}

/* What to say when no source turns out to have text (read now, or later
 * by the caller with octavo_source_load). */
static void nothing_to_read(octavo_source_list *list, const char *where, const char *why)
{
    free(list->nothing_where);
    list->nothing_where = where ? octavo_xstrdup(where) : NULL;
    list->nothing_why = why;
}

/* A name in a folder, with what readdir says it is (DT_REG, DT_LNK, ...;
 * DT_UNKNOWN when the file system does not say). */
typedef struct listed_name {
    char *name;
    unsigned char type;
} listed_name;

static int compare_names(const void *a, const void *b)
{
    return octavo_natural_compare(((const listed_name *)a)->name, ((const listed_name *)b)->name);
}

/* Lists the text files of `folder` in `r`. */
/* Whether a book folder leaves the file `name` out (SUMMARY.md, and what
 * matches an exclude pattern); `exclude` NULL: not a book folder. */
static bool excluded(const octavo_strings *exclude, const char *name)
{
    if (!exclude)
        return false;
    if (strcmp(name, "SUMMARY.md") == 0)
        return true;
    for (size_t i = 0; i < exclude->count; i++)
        if (fnmatch(exclude->items[i], name, 0) == 0)
            return true;
    return false;
}

static octavo_status list_folder(const char *folder, const octavo_strings *exclude, reading *r,
                                 octavo_diags *d)
{
    DIR *dir = opendir(folder);
    if (!dir) {
        octavo_diag_add(d, OCTAVO_ERROR, folder, 0, 0, "cannot open folder: %s", strerror(errno));
        return OCTAVO_EIO;
    }
    listed_name *names = NULL;
    size_t count = 0, cap = 0;
    octavo_status status = OCTAVO_OK;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || !has_text_extension(entry->d_name))
            continue;
        if (excluded(exclude, entry->d_name)) {
            octavo_diag_add(d, OCTAVO_INFO, folder, 0, 0, "left out %s (excluded)", entry->d_name);
            continue;
        }
        if (count == OCTAVO_SOURCE_MAX_FILES) {
            octavo_diag_add(d, OCTAVO_ERROR, folder, 0, 0, "more than %d text files",
                            OCTAVO_SOURCE_MAX_FILES);
            status = OCTAVO_EINPUT;
            break;
        }
        names = octavo_xgrow(names, &cap, count + 1, sizeof *names);
        names[count++] = (listed_name){octavo_xstrdup(entry->d_name), entry->d_type};
    }
    closedir(dir);
    char *root = realpath(folder, NULL);
    if (status == OCTAVO_OK) {
        if (count) /* qsort must not be given NULL, even for nothing */
            qsort(names, count, sizeof *names, compare_names);
        for (size_t i = 0; i < count; i++) {
            char *path = join_path(folder, names[i].name);
            /* A plain file in the folder is a source: readdir says so, with
             * no system call (a thousand chapters took 7,000 of them). */
            if (names[i].type == DT_REG && root) {
                want(r, path, root, join_path(root, names[i].name), 0, NULL);
                free(path);
                continue;
            }
            struct stat st;
            /* Sub-folders that happen to be named *.md are not sources. */
            if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                free(path);
                continue;
            }
            /* A folder is untrusted: a symbolic link in it must not bring a
             * file from elsewhere (~/.ssh/id_rsa.md) into the book. */
            char *real = realpath(path, NULL);
            if (real && root && !octavo_path_is_inside(real, root)) {
                octavo_diag_add(d, OCTAVO_WARNING, path, 0, 0,
                                "is a link to a file outside the source folder; left out of "
                                "the book");
                free(real);
                free(path);
                continue;
            }
            want(r, path, root, real, 0, NULL);
            free(path);
        }
        if (count == 0) {
            octavo_diag_add(d, OCTAVO_ERROR, folder, 0, 0,
                            "no .md, .markdown or .txt files in this folder");
            status = OCTAVO_EINPUT;
        }
    }
    for (size_t i = 0; i < count; i++)
        free(names[i].name);
    free(names);
    free(root);
    return status;
}

octavo_status octavo_sources_read(const char *const *paths, size_t count,
                                  const octavo_read_options *how, octavo_source_list *out,
                                  octavo_diags *d)
{
    reading r = {.how = how};
    static const char *const here[] = {"."};
    if (count == 0) {
        paths = here;
        count = 1;
    }
    *out = (octavo_source_list){0};
    octavo_status status = OCTAVO_OK;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0 && lstat(paths[i], &st) != 0) {
            octavo_diag_add(d, OCTAVO_ERROR, paths[i], 0, 0, "%s", strerror(errno));
            status = OCTAVO_EINPUT;
            continue;
        }
        octavo_status s;
        if (S_ISDIR(st.st_mode)) {
            if (!out->folder_name)
                out->folder_name = octavo_folder_display_name(paths[i]);
            s = list_folder(paths[i], NULL, &r, d);
        } else {
            if (!out->folder_name) {
                const char *slash = strrchr(paths[i], '/');
                char *folder = slash ? octavo_xstrndup(paths[i], (size_t)(slash - paths[i]) + 1)
                                     : octavo_xstrdup(".");
                out->folder_name = octavo_folder_display_name(folder);
                free(folder);
            }
            want(&r, paths[i], how->root, NULL, 0, NULL);
            s = OCTAVO_OK;
        }
        if (s != OCTAVO_OK)
            status = s;
    }
    octavo_status read = read_all(&r, out, d);
    if (status == OCTAVO_OK)
        status = read;
    nothing_to_read(out, count == 1 ? paths[0] : NULL, "no source has text");
    if (status == OCTAVO_OK && out->count == 0 && !how->list_only) {
        octavo_diag_add(d, OCTAVO_ERROR, out->nothing_where, 0, 0,
                        "nothing to make a book from: %s", out->nothing_why);
        status = OCTAVO_EINPUT;
    }
    if (!out->folder_name)
        out->folder_name = octavo_xstrdup("book");
    return status;
}

octavo_status octavo_sources_read_folder(const char *folder, const octavo_strings *exclude,
                                         const octavo_read_options *how, octavo_source_list *out,
                                         octavo_diags *d)
{
    *out = (octavo_source_list){0};
    out->folder_name = octavo_folder_display_name(folder);
    reading r = {.how = how};
    octavo_status st = list_folder(folder, exclude, &r, d);
    octavo_status read = read_all(&r, out, d);
    if (st == OCTAVO_OK)
        st = read;
    nothing_to_read(out, folder, "no source has text");
    if (st == OCTAVO_OK && out->count == 0 && !how->list_only) {
        octavo_diag_add(d, OCTAVO_ERROR, out->nothing_where, 0, 0,
                        "nothing to make a book from: %s", out->nothing_why);
        st = OCTAVO_EINPUT;
    }
    return st;
}

octavo_status octavo_sources_read_listed(const char *folder, const char *listed_in,
                                         const octavo_listed_file *files, size_t count,
                                         const octavo_read_options *how, octavo_source_list *out,
                                         octavo_diags *d)
{
    reading r = {.how = how};
    *out = (octavo_source_list){0};
    out->folder_name = octavo_folder_display_name(folder);
    char *root = realpath(folder, NULL);
    const char *where = listed_in;
    octavo_status status = OCTAVO_OK;
    for (size_t i = 0; i < count; i++) {
        const octavo_listed_file *e = &files[i];
        char *path = join_path(folder, e->file);
        char *real = realpath(path, NULL);
        if (!real) {
            octavo_diag_add(d, OCTAVO_ERROR, where, e->line, e->col, "no such file '%s'", e->file);
            status = OCTAVO_EINPUT;
        } else if (!root || !octavo_path_is_inside(real, root)) {
            octavo_diag_add(d, OCTAVO_ERROR, where, e->line, e->col,
                            "'%s' is outside the book's folder", e->file);
            status = OCTAVO_EINPUT;
        } else {
            want(&r, path, root, real, i + 1, e->encoding);
            real = NULL;
        }
        free(real);
        free(path);
    }
    octavo_status read = read_all(&r, out, d);
    if (status == OCTAVO_OK)
        status = read;
    /* Say which text files the plan leaves out. */
    DIR *dir = opendir(folder);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || !has_text_extension(entry->d_name) ||
            strcmp(entry->d_name, "SUMMARY.md") == 0)
            continue;
        bool listed = false;
        for (size_t i = 0; i < count && !listed; i++)
            listed = strcmp(files[i].file, entry->d_name) == 0 ||
                     (strncmp(files[i].file, "./", 2) == 0 &&
                      strcmp(files[i].file + 2, entry->d_name) == 0);
        if (!listed)
            octavo_diag_add(d, OCTAVO_INFO, folder, 0, 0, "left out %s (not in %s)", entry->d_name,
                            where);
    }
    if (dir)
        closedir(dir);
    free(root);
    nothing_to_read(out, where, "no listed chapter has text");
    if (status == OCTAVO_OK && out->count == 0 && !how->list_only) {
        octavo_diag_add(d, OCTAVO_ERROR, out->nothing_where, 0, 0,
                        "nothing to make a book from: %s", out->nothing_why);
        status = OCTAVO_EINPUT;
    }
    return status;
}

void octavo_sources_fix_lines(const octavo_source_list *list, octavo_diags *d, size_t from)
{
    for (size_t k = 0; k < list->count; k++) {
        const octavo_source *s = &list->items[k];
        if (!s->lines.count)
            continue; /* (most books have no includes: nothing to do) */
        for (size_t i = from; i < d->count; i++) {
            octavo_diag *m = &d->items[i];
            if (m->line && m->file && strcmp(m->file, s->path) == 0)
                m->line = octavo_include_map_original(&s->lines, m->line);
        }
    }
}

void octavo_source_list_free(octavo_source_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].name);
        free(list->items[i].text);
        free(list->items[i].root);
        free(list->items[i].real);
        octavo_include_map_free(&list->items[i].lines);
    }
    free(list->items);
    free(list->folder_name);
    free(list->nothing_where);
    *list = (octavo_source_list){0};
}
