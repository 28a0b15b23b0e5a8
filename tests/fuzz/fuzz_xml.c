/* Fuzzes the XML octavo check reads as it streams by: the bytes as a page
 * (octavo_check_scan_page), as an NCX (octavo_check_scan_xml) and as the
 * package document of a book (the OPF reader), which fuzzing whole zips
 * rarely reaches. None may crash, hang or allocate without bound. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char container[] =
    "<?xml version=\"1.0\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">"
    "<rootfiles><rootfile full-path=\"EPUB/package.opf\" "
    "media-type=\"application/oebps-package+xml\"/></rootfiles></container>\n";

/* A book whose package document and only page are both `data`. */
static void check_as_package(const char *data, size_t size)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        if (mem)
            zip_source_free(mem);
        return;
    }
    zip_source_keep(mem);
    const char *names[] = {"mimetype", "META-INF/container.xml", "EPUB/package.opf",
                           "EPUB/page.xhtml"};
    const char *texts[] = {"application/epub+zip", container, data, data};
    size_t lens[] = {20, sizeof container - 1, size, size};
    for (size_t i = 0; i < 4; i++) {
        zip_source_t *s = zip_source_buffer(za, texts[i], lens[i], 0);
        if (s && zip_file_add(za, names[i], s, 0) < 0)
            zip_source_free(s);
        else if (s)
            zip_set_file_compression(za, i, ZIP_CM_STORE, 0);
    }
    if (zip_close(za) == 0) {
        octavo_diags report = OCTAVO_DIAGS_INIT;
        octavo_check_source(mem, NULL, 0, NULL, &report);
        octavo_diags_free(&report);
    } else {
        zip_discard(za);
    }
    zip_source_free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    char *data = malloc(size + 1);
    if (!data)
        return 0;
    memcpy(data, bytes, size);
    data[size] = '\0';
    octavo_page_facts_free(octavo_check_scan_page("EPUB/page.xhtml", data, size, NULL));
    octavo_page_facts_free(octavo_check_scan_xml("EPUB/toc.ncx", data, size));
    check_as_package(data, size);
    free(data);
    return 0;
}
