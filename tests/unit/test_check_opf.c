/* The package document's schema (opf_schema.c) and vocabularies
 * (vocab.c), on their own: here the rules of EPUBCheck 5 that neither
 * epubcheck 4.2.6 nor epubcheck-ts has, which the e2e cases
 * (check_cases/opf.sh) cannot show in agreement with them. */
#include "check.h"
#include "check/check_internal.h"

#include <stdlib.h>
#include <string.h>

/* The findings of `r`, one "line: CODE" per line. */
static char *codes(const octavo_diags *r)
{
    octavo_buf out = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < r->count; i++)
        octavo_buf_printf(&out, "%u: %s\n", r->items[i].line, r->items[i].code);
    return octavo_buf_detach(&out);
}

static char *prefixes(const char *value)
{
    octavo_diags r = OCTAVO_DIAGS_INIT;
    vocab_prefixes px = {0};
    octavo_check_vocab_prefixes(&r, "p.opf", 2, value, &px);
    char *got = codes(&r);
    octavo_check_vocab_prefixes_free(&px);
    octavo_diags_free(&r);
    return got;
}

static void schema_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                         const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                         int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    octavo_check_opf_schema_start(octavo_check_parse_state(ctx), (const char *)localname,
                                  uri ? (const char *)uri : "", attrs, nb_attributes,
                                  octavo_check_parse_line(ctx));
}

static void schema_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    octavo_check_opf_schema_end(octavo_check_parse_state(ctx), octavo_check_parse_line(ctx));
}

static void schema_text(void *ctx, const xmlChar *text, int len)
{
    octavo_check_opf_schema_text(octavo_check_parse_state(ctx), (const char *)text, (size_t)len,
                                 octavo_check_parse_line(ctx));
}

/* The schema's findings on a package document with `metadata_tag` (the
 * metadata start tag) and `extra` metadata. */
static char *schema(const char *metadata_tag, const char *extra)
{
    octavo_buf doc = OCTAVO_BUF_INIT;
    octavo_buf_printf(
        &doc,
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
        "unique-identifier=\"id\">\n"
        "%s\n"
        "<dc:identifier xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "id=\"id\">x</dc:identifier>\n"
        "<dc:title xmlns:dc=\"http://purl.org/dc/elements/1.1/\">T</dc:title>\n"
        "<dc:language xmlns:dc=\"http://purl.org/dc/elements/1.1/\">en</dc:language>\n"
        "<meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta>\n%s"
        "</metadata>\n"
        "<manifest><item id=\"c\" href=\"c.xhtml\" "
        "media-type=\"application/xhtml+xml\"/></manifest>\n"
        "<spine><itemref idref=\"c\"/></spine>\n"
        "</package>\n",
        metadata_tag, extra);
    octavo_diags r = OCTAVO_DIAGS_INIT;
    opf_schema *s = octavo_check_opf_schema_new(&r, "p.opf");
    xml_source src;
    octavo_check_memory_source(&src, doc.data, doc.len);
    static const xml_callbacks cb = {schema_start, schema_end, schema_text, NULL, NULL};
    CHECK(octavo_check_parse("p.opf", &src, &cb, s, &r));
    octavo_check_close_source(&src);
    package_doc p = {0};
    octavo_check_opf_schema_finish(s, &p);
    octavo_check_opf_schema_free(s);
    char *got = codes(&r);
    octavo_diags_free(&r);
    octavo_buf_free(&doc);
    return got;
}

int main(void)
{
    /* 5.3.4: the prefix attribute's syntax and what it may not map. */
    char *got = prefixes("foaf: http://xmlns.com/foaf/spec/ dbp: http://dbpedia.org/ontology/");
    CHECK_STR(got, "");
    free(got);
    got = prefixes("foaf http://xmlns.com/foaf/spec/ dbp : http://dbpedia.org/ontology/");
    CHECK_STR(got, "2: OPF-004c\n2: OPF-004c\n");
    free(got);
    got = prefixes("foaf:http://xmlns.com/foaf/spec/");
    CHECK_STR(got, "2: OPF-004d\n");
    free(got);
    got = prefixes("dc: http://purl.org/dc/elements/1.1/");
    CHECK_STR(got, "2: OPF-007c\n");
    free(got);
    got = prefixes("_: http://example.org/");
    CHECK_STR(got, "2: OPF-007a\n");
    free(got);
    got = prefixes("meta: http://idpf.org/epub/vocab/package/meta/# "
                   "link: http://idpf.org/epub/vocab/package/link/# "
                   "item: http://idpf.org/epub/vocab/package/item/# "
                   "itemref: http://idpf.org/epub/vocab/package/itemref/#");
    CHECK_STR(got, "2: OPF-007b\n2: OPF-007b\n2: OPF-007b\n2: OPF-007b\n");
    free(got);
    /* reserved prefixes: declared again as they are, fine; otherwise a
     * warning */
    got = prefixes("schema: http://schema.org/ rendition: http://example.org/r#");
    CHECK_STR(got, "2: OPF-007\n");
    free(got);

    /* 5.6.1: the metadata element has no attributes (EPUB 3.3). */
    got = schema("<metadata>", "");
    CHECK_STR(got, "");
    free(got);
    got = schema("<metadata id=\"m\" dir=\"ltr\" xml:lang=\"en\">", "");
    CHECK_STR(got, "2: RSC-005\n2: RSC-005\n2: RSC-005\n");
    free(got);

    /* The order of the package's children; what each may hold. */
    got = schema("<metadata>", "<dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">2020"
                               "</dc:date><dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                               "2021</dc:date>\n");
    CHECK_STR(got, "7: RSC-005\n");
    free(got);
    got = schema("<metadata>", "<meta name=\"cover\" content=\"c\"/>\n<meta property=\"x\"/>\n");
    CHECK_STR(got, "8: OPF-027\n8: RSC-005\n");
    free(got);
    /* EPUB 3.4's rendition:page-spread-left is page-spread-left */
    octavo_diags r = OCTAVO_DIAGS_INIT;
    octavo_check_vocab_value(&r, "p.opf", 3, VOCAB_ITEMREF,
                             "page-spread-left rendition:page-spread-left", NULL);
    octavo_check_vocab_value(&r, "p.opf", 4, VOCAB_ITEMREF,
                             "rendition:page-spread-center page-spread-right", NULL);
    octavo_check_vocab_value(&r, "p.opf", 5, VOCAB_META, "rendition:page-spread-left", NULL);
    got = codes(&r);
    CHECK_STR(got, "4: RSC-005\n5: OPF-027\n");
    free(got);
    octavo_diags_free(&r);

    /* Media types apart from their parameters: a type attribute against
     * the manifest (OPF-013), and core media types (RSC-032). */
    CHECK(octavo_check_same_media_type("image/png; foo=bar", "image/png"));
    CHECK(octavo_check_same_media_type("audio/ogg", " audio/ogg ; codecs=opus"));
    CHECK(!octavo_check_same_media_type("IMAGE/PNG", "image/png"));
    CHECK(!octavo_check_same_media_type("image/gif", "image/png"));
    CHECK(!octavo_check_same_media_type("image/pn", "image/png"));
    CHECK(octavo_check_is_core_media_type("audio/mp4; codecs=mp4a.40.2"));
    CHECK(octavo_check_is_core_media_type("audio/ogg; codecs=opus"));
    CHECK(octavo_check_is_core_media_type("video/webm"));
    CHECK(!octavo_check_is_core_media_type("audio/mp4x"));
    CHECK(!octavo_check_is_core_media_type("Audio/MP4")); /* (as EPUBCheck reads it) */
    CHECK(!octavo_check_is_core_media_type("image/tiff"));
    /* A data URL's media type ends at its data's comma too. */
    const char *start;
    CHECK(octavo_check_media_type_essence(" image/gif \t;base64,R0", ";,", &start) == 9 &&
          strncmp(start, "image/gif", 9) == 0);
    CHECK(octavo_check_media_type_essence("text/plain ,a;b", ";,", &start) == 10);
    CHECK(octavo_check_media_type_essence(",hello", ";,", &start) == 0);
    CHECK(octavo_check_media_type_essence("a/b,c; x=y", ";", &start) == 5);
    CHECK_DONE();
}
