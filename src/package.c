#include "octavo/package.h"

#include "octavo/mem.h"
#include "octavo/render.h"
#include "octavo/templates.h"

#include <errno.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#define NS_OPF "http://www.idpf.org/2007/opf"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define PACKAGE_DIR "EPUB/"

/* Manifest ids: the file's path with anything that is not a name character
 * replaced, e.g. "styles/book.css" -> "styles-book-css". */
static char *item_id(const char *path)
{
    char *id = octavo_xstrdup(path);
    for (char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            *p = '-';
    return id;
}

octavo_resource *octavo_package_add(octavo_package *pkg, const char *path, const char *id,
                                    const char *media_type, char *data, size_t len)
{
    pkg->items = octavo_xgrow(pkg->items, &pkg->cap, pkg->count + 1, sizeof *pkg->items);
    octavo_resource *r = &pkg->items[pkg->count++];
    *r = (octavo_resource){.path = octavo_xstrdup(path),
                           .id = id ? octavo_xstrdup(id) : item_id(path),
                           .media_type = media_type,
                           .data = data,
                           .len = len};
    return r;
}

void octavo_package_free(octavo_package *pkg)
{
    for (size_t i = 0; i < pkg->count; i++) {
        free(pkg->items[i].path);
        free(pkg->items[i].id);
        free(pkg->items[i].data);
    }
    free(pkg->items);
    *pkg = (octavo_package){0};
}

/* ---- package.opf -------------------------------------------------------- */

static xmlNodePtr add(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
    xmlNodePtr node = xmlNewDocNode(parent->doc, ns, BAD_CAST name, NULL);
    xmlAddChild(parent, node);
    if (text)
        xmlNodeAddContent(node, BAD_CAST text);
    return node;
}

static void meta_property(xmlNodePtr metadata, const char *property, const char *value)
{
    xmlNodePtr m = add(metadata, metadata->ns, "meta", value);
    xmlNewProp(m, BAD_CAST "property", BAD_CAST property);
}

static void format_time(time_t t, char out[24])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void octavo_render_opf(const octavo_book *book, const octavo_package *pkg, char **out,
                       size_t *len)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr package = xmlNewDocNode(doc, NULL, BAD_CAST "package", NULL);
    xmlNsPtr opf = xmlNewNs(package, BAD_CAST NS_OPF, NULL);
    xmlSetNs(package, opf);
    xmlDocSetRootElement(doc, package);
    xmlNewProp(package, BAD_CAST "version", BAD_CAST "3.0");
    xmlNewProp(package, BAD_CAST "unique-identifier", BAD_CAST "pub-id");
    xmlNodeSetLang(package, BAD_CAST book->languages.items[0]);

    xmlNodePtr metadata = add(package, opf, "metadata", NULL);
    xmlNsPtr dc = xmlNewNs(metadata, BAD_CAST NS_DC, BAD_CAST "dc");
    xmlNewProp(add(metadata, dc, "identifier", book->identifier), BAD_CAST "id",
               BAD_CAST "pub-id");
    add(metadata, dc, "title", book->title);
    for (size_t i = 0; i < book->languages.count; i++)
        add(metadata, dc, "language", book->languages.items[i]);
    for (size_t i = 0; i < book->authors.count; i++) {
        char id[32], ref[34];
        snprintf(id, sizeof id, "creator-%zu", i + 1);
        snprintf(ref, sizeof ref, "#%s", id);
        xmlNewProp(add(metadata, dc, "creator", book->authors.items[i]), BAD_CAST "id",
                   BAD_CAST id);
        xmlNodePtr role = add(metadata, opf, "meta", "aut");
        xmlNewProp(role, BAD_CAST "refines", BAD_CAST ref);
        xmlNewProp(role, BAD_CAST "property", BAD_CAST "role");
        xmlNewProp(role, BAD_CAST "scheme", BAD_CAST "marc:relators");
    }
    if (book->description)
        add(metadata, dc, "description", book->description);
    if (book->date)
        add(metadata, dc, "date", book->date);
    if (book->source_url)
        add(metadata, dc, "source", book->source_url);
    for (size_t i = 0; i < book->subjects.count; i++)
        add(metadata, dc, "subject", book->subjects.items[i]);
    char modified[24];
    format_time(book->modified, modified);
    meta_property(metadata, "dcterms:modified", modified);
    /* EPUB Accessibility 1.1: what a reader needs to know before buying. */
    meta_property(metadata, "schema:accessMode", "textual");
    meta_property(metadata, "schema:accessModeSufficient", "textual");
    meta_property(metadata, "schema:accessibilityFeature", "structuralNavigation");
    meta_property(metadata, "schema:accessibilityFeature", "tableOfContents");
    meta_property(metadata, "schema:accessibilityFeature", "readingOrder");
    meta_property(metadata, "schema:accessibilityHazard", "none");
    meta_property(metadata, "schema:accessibilitySummary",
                  "Text with headings, a table of contents and a logical reading order.");

    xmlNodePtr manifest = add(package, opf, "manifest", NULL);
    xmlNodePtr spine = add(package, opf, "spine", NULL);
    for (size_t i = 0; i < pkg->count; i++) {
        const octavo_resource *r = &pkg->items[i];
        xmlNodePtr item = add(manifest, opf, "item", NULL);
        xmlNewProp(item, BAD_CAST "id", BAD_CAST r->id);
        xmlNewProp(item, BAD_CAST "href", BAD_CAST r->path);
        xmlNewProp(item, BAD_CAST "media-type", BAD_CAST r->media_type);
        if (r->properties)
            xmlNewProp(item, BAD_CAST "properties", BAD_CAST r->properties);
        if (strcmp(r->media_type, "application/x-dtbncx+xml") == 0)
            xmlNewProp(spine, BAD_CAST "toc", BAD_CAST r->id);
        if (r->in_spine)
            xmlNewProp(add(spine, opf, "itemref", NULL), BAD_CAST "idref", BAD_CAST r->id);
    }
    octavo_xml_serialise(doc, out, len);
    xmlFreeDoc(doc);
}

/* ---- the zip ------------------------------------------------------------ */

/* MS-DOS date and time, as zip stores them, for UTC time t (zip times have
 * no zone; using UTC keeps the bytes independent of the builder's TZ). */
static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    if (tm.tm_year < 80) {
        tm = (struct tm){.tm_year = 80, .tm_mday = 1};
    } else if (tm.tm_year > 207) {
        tm = (struct tm){.tm_year = 207, .tm_mon = 11, .tm_mday = 31, .tm_hour = 23,
                         .tm_min = 59, .tm_sec = 58};
    }
    *dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    *ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

static bool add_entry(zip_t *za, const char *name, const void *data, size_t len, bool store,
                       int level, time_t mtime)
{
    zip_source_t *src = zip_source_buffer(za, data, len, 0);
    if (!src)
        return false;
    zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        return false;
    }
    zip_uint16_t dtime, ddate;
    dos_time(mtime, &dtime, &ddate);
    return zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                    store ? 0 : (zip_uint32_t)level) == 0 &&
           zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) == 0;
}

octavo_status octavo_package_write(const octavo_book *book, const octavo_package *pkg,
                                   const char *opf, size_t opf_len, const char *path,
                                   int compression, octavo_diags *d)
{
    int err = 0;
    /* libzip writes to a temporary file beside `path` and renames it into
     * place in zip_close, so an existing book survives any failure. */
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot write: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return OCTAVO_EIO;
    }
    static const char mimetype[] = "application/epub+zip";
    bool ok = add_entry(za, "mimetype", mimetype, sizeof mimetype - 1, true, 0, book->modified) &&
              add_entry(za, "META-INF/container.xml", octavo_template_container_xml,
                        octavo_template_container_xml_len, false, compression, book->modified) &&
              add_entry(za, PACKAGE_DIR "package.opf", opf, opf_len, false, compression,
                        book->modified);
    for (size_t i = 0; ok && i < pkg->count; i++) {
        char *name = octavo_xmalloc(strlen(PACKAGE_DIR) + strlen(pkg->items[i].path) + 1);
        strcpy(name, PACKAGE_DIR);
        strcat(name, pkg->items[i].path);
        ok = add_entry(za, name, pkg->items[i].data, pkg->items[i].len, false, compression,
                       book->modified);
        free(name);
    }
    if (!ok || zip_close(za) != 0) {
        octavo_diag_add(d, OCTAVO_ERROR, path, 0, 0, "cannot write: %s",
                        zip_strerror(za));
        zip_discard(za);
        return OCTAVO_EIO;
    }
    return OCTAVO_OK;
}
