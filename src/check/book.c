/* book.c — the whole book: opens the zip and runs the checks in order
 * (container, package, pages, links, nav); the API's entry points. */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>

/* What the checker owns: the entries (their names are the zip's), the ids
 * the pages gave them, and the fragments linked to. */
static void checker_free(checker *ck)
{
    for (size_t i = 0; i < ck->entry_count; i++) {
        free(ck->entries[i].nfc);
        if (ck->entries[i].ids_lent)
            continue;
        for (size_t j = 0; j < ck->entries[i].id_count; j++)
            free(ck->entries[i].ids[j]);
        free(ck->entries[i].ids);
        free(ck->entries[i].id_order);
    }
    for (size_t i = 0; i < ck->pending_count; i++)
        free(ck->pending[i].fragment);
    free(ck->pending);
    for (size_t i = 0; i < ck->missing_count; i++)
        free(ck->missing[i]);
    free(ck->missing);
    free(ck->entries);
    free(ck->slots);
    octavo_check_names_free(ck->names);
}

/* The package document, then what it lists: the pages, their links, the
 * nav. */
static void check_package(checker *ck, const char *opf)
{
    package_doc doc = {0};
    if (!octavo_check_read_package(ck, opf, &doc)) {
        octavo_check_package_doc_free(&doc);
        return;
    }
    if (doc.root_wrong) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                                 "the root element must be package in the OPF namespace");
        octavo_check_package_doc_free(&doc);
        return;
    }
    bool epub3 = doc.version && doc.version[0] == '3';
    ck->epub3 = epub3;
    ck->opf = opf;
    octavo_check_file_names(ck);
    octavo_check_metadata(ck, opf, &doc, epub3);

    octavo_check_meta_files(ck); /* (what is encrypted is not read) */
    package_info p = {0};
    if (!doc.has_manifest && !doc.epub3_checked)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                                 "the package has no manifest");
    else if (doc.has_manifest)
        octavo_check_manifest(ck, opf, &doc, &p, epub3);
    ck->package = &p;
    octavo_check_obfuscated(ck);
    entry **reading = NULL;
    size_t reading_count = 0;
    if (!doc.has_spine) {
        if (!doc.epub3_checked)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-019", opf, 0,
                                     "the package has no spine");
    } else {
        octavo_check_spine(ck, opf, &doc, &p, &reading, &reading_count);
        /* (the NCX after: its links must reach spine items) */
        octavo_check_ncx(ck, opf, &doc, &p);
    }

    octavo_check_package_links(ck, opf, &doc);
    octavo_check_unlisted(ck, opf, &doc);
    octavo_check_css_files(ck);

    nav_reach reach = {0};
    for (size_t i = 0; i < ck->entry_count; i++) {
        entry *e = &ck->entries[i];
        if (e->media_type && strcmp(e->media_type, "application/xhtml+xml") == 0 && !e->encrypted)
            octavo_check_content(ck, e, &reach);
        else if (e->media_type && strcmp(e->media_type, "image/svg+xml") == 0)
            octavo_check_svg(ck, e);
    }
    if (epub3) {
        octavo_check_media(ck, opf, &doc, &p);
        octavo_check_overlay_styles(ck, &doc);
    }
    octavo_check_fragments(ck);
    octavo_check_nonlinear_reached(ck);

    octavo_check_nav(ck, &reach, reading, reading_count);
    ck->package = NULL;
    free(reading);
    free(p.items);
    free(p.by_id);
    free(p.remote);
    octavo_check_package_doc_free(&doc);
}

/* Checks the book; the major version of the package it read (2, 3), or
 * 0 when it read none. */
static int check_zip(zip_t *za, const octavo_known_entry *known, size_t known_count,
                     octavo_check_prescan *prescan, octavo_diags *r)
{
    checker ck = {.za = za, .r = r, .known = known, .known_count = known_count};
    zip_uint64_t declared;
    if (!octavo_check_list_entries(&ck, prescan, &declared))
        return 0;
    ck.names = octavo_check_names_new();
    if (declared > OCTAVO_CHECK_MAX_TOTAL_BYTES)
        octavo_check_add_finding(
            r, OCTAVO_ERROR, "PKG-008", NULL, 0,
            "the book unpacks to %llu MB, more than %llu MB (a zip bomb?); only its "
            "structure is checked",
            (unsigned long long)(declared >> 20),
            (unsigned long long)(OCTAVO_CHECK_MAX_TOTAL_BYTES >> 20));
    octavo_check_mimetype(&ck);
    char *opf = declared <= OCTAVO_CHECK_MAX_TOTAL_BYTES ? octavo_check_find_package(&ck) : NULL;
    if (opf)
        check_package(&ck, opf);
    int version = ck.opf ? (ck.epub3 ? 3 : 2) : 0;
    free(opf);
    checker_free(&ck);
    return version;
}

/* The zip at `path`, its structure checked; NULL (with *err) if it
 * cannot be opened. */
static zip_t *open_zip(const char *path, int *err)
{
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, err);
    /* Two entries of one name fail libzip's consistency check, but are
     * for the book's check to find (OPF-060, as EPUBCheck says): opened
     * again without it. */
    if (!za && *err == ZIP_ER_EXISTS)
        za = zip_open(path, ZIP_RDONLY, err);
    return za;
}

void octavo_check_file(const char *path, octavo_diags *r)
{
    int err = 0;
    zip_t *za = open_zip(path, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        if (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN)
            octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-018", NULL, 0,
                                     "cannot open the book: %s", zip_error_strerror(&ze));
        else
            octavo_check_unreadable_zip(path, zip_error_strerror(&ze), r);
        octavo_check_extension(path, 0, r);
        zip_error_fini(&ze);
        return;
    }
    octavo_check_extension(path, check_zip(za, NULL, 0, NULL, r), r);
    zip_discard(za);
}

void octavo_check_source(zip_source_t *source, const octavo_known_entry *known, size_t known_count,
                         octavo_check_prescan *prescan, octavo_diags *r)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_keep(source);
    /* (No consistency check: this zip was made by the caller, in memory.) */
    zip_t *za = zip_open_from_source(source, ZIP_RDONLY, &ze);
    if (!za) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-004", NULL, 0, "cannot open the book: %s",
                                 zip_error_strerror(&ze));
        zip_source_free(source);
        zip_error_fini(&ze);
        return;
    }
    zip_error_fini(&ze);
    check_zip(za, known, known_count, prescan, r);
    zip_discard(za);
}
