/* A program that uses octavo as a library through its one public header,
 * as an installed copy is used: builds a book from a folder, then checks
 * it. Usage: build_and_check FOLDER OUTPUT.epub */
#include <octavo.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s FOLDER OUTPUT.epub\n", argv[0]);
        return 2;
    }
    const char *sources[] = {argv[1]};
    octavo_build_options opts = {
        .sources = sources, .source_count = 1, .output = argv[2], .source_date_epoch = 1700000000};
    octavo_build_result result;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    d.no_info = true; /* (what --verbose would show) */
    octavo_status st = octavo_build(&opts, &result, &d);
    octavo_buf line = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < d.count; i++) {
        if (d.items[i].severity == OCTAVO_INFO)
            continue;
        octavo_diag_format(&d.items[i], &line);
        fprintf(stderr, "%s\n", octavo_buf_cstr(&line));
        octavo_buf_free(&line);
    }
    if (st != OCTAVO_OK) {
        octavo_diags_free(&d);
        return 1;
    }
    printf("built %s: %zu chapters\n", result.output, result.chapter_count);
    octavo_diags report = OCTAVO_DIAGS_INIT;
    octavo_check_file(result.output, &report);
    printf("checked: %zu errors, %zu warnings\n", report.errors, report.warnings);
    int status = report.errors || report.warnings ? 1 : 0;
    octavo_diags_free(&report);
    octavo_build_result_free(&result);
    octavo_diags_free(&d);
    return status;
}
