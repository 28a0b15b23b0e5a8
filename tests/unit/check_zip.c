/* check_zip.c — see check_zip.h. */
#include "check_zip.h"

#include "buf.h"
#include "octavo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

char *check_zip(const char *path, const check_zip_file *files, size_t count, size_t *errors,
                size_t *warnings)
{
    int err;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    for (size_t i = 0; za && i < count; i++) {
        zip_source_t *src = zip_source_buffer(za, files[i].text, strlen(files[i].text), 0);
        zip_int64_t idx = src ? zip_file_add(za, files[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx == 0)
            zip_set_file_compression(za, 0, ZIP_CM_STORE, 0);
    }
    if (!za || zip_close(za) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    octavo_diags r = OCTAVO_DIAGS_INIT;
    octavo_check_file(path, &r);
    octavo_buf out = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < r.count; i++)
        octavo_buf_printf(&out, "%s:%u: %s %s\n", r.items[i].file ? r.items[i].file : "",
                          r.items[i].line, r.items[i].code, r.items[i].message);
    *errors = r.errors;
    *warnings = r.warnings;
    octavo_diags_free(&r);
    return octavo_buf_detach(&out);
}
