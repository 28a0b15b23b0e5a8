/* epub_edit — makes a broken copy of a good EPUB, one rule broken at a
 * time, for the tests of `octavo check` (and of epubcheck's agreement).
 *
 * Usage: epub_edit IN.epub OUT.epub OPERATION...
 *   --replace NAME FROM TO   replace the first FROM in entry NAME by TO
 *                            (fails when FROM is not there)
 *   --delete NAME            leave entry NAME out
 *   --add NAME TEXT          add an entry
 *   --add-file NAME PATH     add an entry with the bytes of file PATH
 *                            (audio, fonts: what TEXT cannot hold)
 *   --deflate NAME           compress entry NAME (even mimetype)
 *   --last NAME              write entry NAME last (mimetype not first)
 *   --extra NAME             give entry NAME an extra field in its headers
 *   --rename OLD NEW         give entry OLD another name
 *   --zeros NAME MB          add an entry of MB megabytes of zeros (a bomb)
 *   --print NAME             print entry NAME and stop (OUT is not written)
 * Entries keep their order otherwise; mimetype is stored, the rest
 * compressed. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

typedef struct file {
    char *name;
    char *data;
    size_t len;
    bool deflate, last, deleted, extra;
} file;

static file *files;
static size_t file_count;

static file *find(const char *name)
{
    for (size_t i = 0; i < file_count; i++)
        if (!files[i].deleted && strcmp(files[i].name, name) == 0)
            return &files[i];
    fprintf(stderr, "epub_edit: no entry %s\n", name);
    exit(2);
}

static void add_file(const char *name, const char *data, size_t len)
{
    files = realloc(files, (file_count + 1) * sizeof *files);
    file *f = &files[file_count++];
    *f = (file){strdup(name), malloc(len + 1), len,  strcmp(name, "mimetype") != 0,
                false,        false,           false};
    memcpy(f->data, data, len);
    f->data[len] = '\0';
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: epub_edit IN.epub OUT.epub OPERATION...\n");
        return 2;
    }
    int err;
    zip_t *in = zip_open(argv[1], ZIP_RDONLY, &err);
    if (!in) {
        fprintf(stderr, "epub_edit: cannot open %s\n", argv[1]);
        return 2;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(in, 0); i++) {
        zip_stat_t st;
        zip_stat_index(in, (zip_uint64_t)i, 0, &st);
        char *data = malloc(st.size + 1);
        zip_file_t *f = zip_fopen_index(in, (zip_uint64_t)i, 0);
        zip_fread(f, data, st.size);
        zip_fclose(f);
        add_file(st.name, data, st.size);
        free(data);
    }
    zip_discard(in);

    for (int i = 3; i < argc; i++) {
        const char *op = argv[i];
        if (strcmp(op, "--replace") == 0 && i + 3 < argc) {
            file *f = find(argv[i + 1]);
            const char *from = argv[i + 2], *to = argv[i + 3];
            char *at = strstr(f->data, from);
            if (!at) {
                fprintf(stderr, "epub_edit: '%s' not in %s\n", from, f->name);
                return 2;
            }
            size_t before = (size_t)(at - f->data), fl = strlen(from), tl = strlen(to);
            char *data = malloc(f->len - fl + tl + 1);
            memcpy(data, f->data, before);
            memcpy(data + before, to, tl);
            memcpy(data + before + tl, at + fl, f->len - before - fl + 1);
            free(f->data);
            f->data = data;
            f->len = f->len - fl + tl;
            i += 3;
        } else if (strcmp(op, "--delete") == 0 && i + 1 < argc) {
            find(argv[++i])->deleted = true;
        } else if (strcmp(op, "--add") == 0 && i + 2 < argc) {
            add_file(argv[i + 1], argv[i + 2], strlen(argv[i + 2]));
            i += 2;
        } else if (strcmp(op, "--add-file") == 0 && i + 2 < argc) {
            FILE *fp = fopen(argv[i + 2], "rb");
            if (!fp) {
                fprintf(stderr, "epub_edit: cannot read %s\n", argv[i + 2]);
                return 2;
            }
            char *data = NULL;
            size_t len = 0, cap = 0, got;
            do {
                if (len + 65536 > cap)
                    data = realloc(data, cap = cap * 2 + 65536);
                got = fread(data + len, 1, cap - len, fp);
                len += got;
            } while (got > 0);
            fclose(fp);
            add_file(argv[i + 1], data ? data : "", len);
            free(data);
            i += 2;
        } else if (strcmp(op, "--deflate") == 0 && i + 1 < argc) {
            find(argv[++i])->deflate = true;
        } else if (strcmp(op, "--last") == 0 && i + 1 < argc) {
            find(argv[++i])->last = true;
        } else if (strcmp(op, "--extra") == 0 && i + 1 < argc) {
            find(argv[++i])->extra = true;
        } else if (strcmp(op, "--print") == 0 && i + 1 < argc) {
            file *f = find(argv[i + 1]);
            fwrite(f->data, 1, f->len, stdout);
            return 0;
        } else if (strcmp(op, "--zeros") == 0 && i + 2 < argc) {
            size_t len = (size_t)strtoul(argv[i + 2], NULL, 10) << 20;
            files = realloc(files, (file_count + 1) * sizeof *files);
            files[file_count++] =
                (file){strdup(argv[i + 1]), calloc(len + 1, 1), len, true, false, false, false};
            i += 2;
        } else if (strcmp(op, "--rename") == 0 && i + 2 < argc) {
            file *f = find(argv[i + 1]);
            free(f->name);
            f->name = strdup(argv[i + 2]);
            i += 2;
        } else {
            fprintf(stderr, "epub_edit: bad operation %s\n", op);
            return 2;
        }
    }

    remove(argv[2]);
    zip_t *out = zip_open(argv[2], ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!out) {
        fprintf(stderr, "epub_edit: cannot create %s\n", argv[2]);
        return 2;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < file_count; i++) {
            file *f = &files[i];
            if (f->deleted || f->last != (pass == 1))
                continue;
            zip_source_t *src = zip_source_buffer(out, f->data, f->len, 0);
            zip_int64_t idx = zip_file_add(out, f->name, src, ZIP_FL_ENC_UTF_8);
            zip_set_file_compression(out, (zip_uint64_t)idx,
                                     f->deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
            /* (a field of a private ID, as some archivers add) */
            static const zip_uint8_t field[4] = {'o', 'c', 't', 'o'};
            if (f->extra)
                zip_file_extra_field_set(out, (zip_uint64_t)idx, 0x6f63, ZIP_EXTRA_FIELD_NEW, field,
                                         sizeof field, ZIP_FL_LOCAL | ZIP_FL_CENTRAL);
        }
    if (zip_close(out) != 0) {
        fprintf(stderr, "epub_edit: cannot write %s: %s\n", argv[2], zip_strerror(out));
        return 2;
    }
    for (size_t i = 0; i < file_count; i++) {
        free(files[i].name);
        free(files[i].data);
    }
    free(files);
    return 0;
}
