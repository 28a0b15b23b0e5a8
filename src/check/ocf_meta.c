/* ocf_meta.c — META-INF/encryption.xml and signatures.xml: their root and
 * its children (EPUBCheck's ocf-encryption-30.rnc, ocf-signatures-30.rnc;
 * of what the children hold, XML Encryption's and Signature's, only an
 * EncryptedData's own children), unique Ids (ocf-encryption-30.sch), the
 * compression metadata, and what is encrypted: a file the manifest must
 * have, obfuscated only if it is a font (PKG-026), never read if its
 * algorithm is unknown. */
#include "check_internal.h"

#include "buf.h"
#include "mem.h"
#include "url.h"

#include <stdlib.h>
#include <string.h>

#define NS_OCF          "urn:oasis:names:tc:opendocument:xmlns:container"
#define NS_XENC         "http://www.w3.org/2001/04/xmlenc#"
#define NS_DSIG         "http://www.w3.org/2000/09/xmldsig#"
#define NS_COMPRESSION  "http://www.idpf.org/2016/encryption#compression"
#define ALGORITHM_IDPF  "http://www.idpf.org/2008/embedding"
#define ALGORITHM_ADOBE "http://ns.adobe.com/pdf/enc#RC"

/* Each file's schema: its root, the children it holds one or more of,
 * and for encryption.xml what an EncryptedData holds (XML Encryption's
 * EncryptedType: its method, key, cipher data and properties, in that
 * order). What the rest hold is left unchecked. */
static const table_element encryption_table[] = {
    {.name = "encryption", .ns = NS_OCF, .any_attrs = true, .needs_child = true},
    {.parent = "encryption",
     .ns = NS_XENC,
     .name = "EncryptedData",
     .attrs = {"Id", "Type", "MimeType", "Encoding"},
     .ordered = true},
    {.parent = "encryption",
     .ns = NS_XENC,
     .name = "EncryptedKey",
     .any_attrs = true,
     .open = true},
    {.parent = "EncryptedData",
     .ns = NS_XENC,
     .name = "EncryptionMethod",
     .attrs = {"Algorithm"},
     .required = 1,
     .order = 0,
     .max = 1,
     .open = true},
    {.parent = "EncryptedData",
     .ns = NS_DSIG,
     .name = "KeyInfo",
     .any_attrs = true,
     .order = 1,
     .max = 1,
     .open = true},
    {.parent = "EncryptedData",
     .ns = NS_XENC,
     .name = "CipherData",
     .order = 2,
     .min = 1,
     .max = 1,
     .needs_child = true},
    {.parent = "CipherData", .ns = NS_XENC, .name = "CipherValue", .max = 1, .open = true},
    {.parent = "CipherData",
     .ns = NS_XENC,
     .name = "CipherReference",
     .attrs = {"URI"},
     .required = 1,
     .max = 1,
     .open = true},
    {.parent = "EncryptedData",
     .ns = NS_XENC,
     .name = "EncryptionProperties",
     .attrs = {"Id"},
     .order = 3,
     .max = 1},
    {.parent = "EncryptionProperties",
     .ns = NS_XENC,
     .name = "EncryptionProperty",
     .any_attrs = true,
     .min = 1,
     .open = true},
};
static const table_element signatures_table[] = {
    {.name = "signatures", .ns = NS_OCF, .any_attrs = true},
    {.parent = "signatures",
     .ns = NS_DSIG,
     .name = "Signature",
     .any_attrs = true,
     .min = 1,
     .open = true},
};
_Static_assert(sizeof encryption_table / sizeof *encryption_table <= TABLE_ROWS &&
                   sizeof signatures_table / sizeof *signatures_table <= TABLE_ROWS,
               "xml_table counts at most TABLE_ROWS rows");

typedef struct meta_schema {
    const char *path;
    const table_element *table;
    size_t rows;
} meta_schema;

static const meta_schema meta_schemas[] = {
    {"META-INF/encryption.xml", encryption_table,
     sizeof encryption_table / sizeof *encryption_table},
    {"META-INF/signatures.xml", signatures_table,
     sizeof signatures_table / sizeof *signatures_table},
};

typedef struct meta_state {
    checker *ck;
    const meta_schema *schema;
    xml_table table;
    size_t depth;
    located_id *ids;
    size_t id_count, id_cap;
    /* The EncryptedData being read: its algorithm (owned). */
    char *algorithm;
} meta_state;

#define meta_error(st, ctx, ...)                                                                   \
    octavo_check_add_finding((st)->ck->r, OCTAVO_ERROR, "RSC-005", (st)->schema->path,             \
                             octavo_check_parse_line(ctx), __VA_ARGS__)

/* Fonts EPUBCheck lets be obfuscated (OPFChecker30.isBlessedFontType). */
static bool is_font_type(const char *media_type)
{
    static const char *const fonts[] = {"font/otf",
                                        "font/ttf",
                                        "font/woff",
                                        "font/woff2",
                                        "application/font-sfnt",
                                        "application/font-woff",
                                        "application/vnd.ms-opentype"};
    for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++)
        if (strcmp(media_type, fonts[i]) == 0)
            return true;
    return false;
}

/* A CipherReference: the file exists; what its algorithm lets us read. */
static void cipher_reference(meta_state *st, void *ctx, const char *uri)
{
    unsigned line = octavo_check_parse_line(ctx);
    if (octavo_url_has_scheme(uri))
        return;
    octavo_buf path = OCTAVO_BUF_INIT;
    /* (relative to the container's root, not to META-INF) */
    entry *e = octavo_url_resolve("", uri, strcspn(uri, "#?"), &path)
                   ? octavo_check_find_entry_n(st->ck, path.data ? path.data : "", path.len)
                   : NULL;
    octavo_buf_free(&path);
    if (!e) {
        octavo_check_add_finding(st->ck->r, OCTAVO_ERROR, "RSC-007", st->schema->path, line,
                                 "the encrypted file \"%s\" is not in the book", uri);
        return;
    }
    const char *algorithm = st->algorithm ? st->algorithm : "";
    if (strcmp(algorithm, ALGORITHM_IDPF) == 0) {
        e->obfuscated = line ? line : 1;
        if (st->ck->epub3) /* (EPUB 3.3 calls it outdated; a usage) */
            octavo_check_add_finding(st->ck->r, OCTAVO_INFO, "OBS-001", st->schema->path, line,
                                     "font obfuscation is an outdated feature; it may not be "
                                     "supported");
    } else if (strcmp(algorithm, ALGORITHM_ADOBE) != 0) {
        e->encrypted = true;
        octavo_check_add_finding(st->ck->r, OCTAVO_INFO, "RSC-004", e->name, 0,
                                 "encrypted, so not checked");
    }
}

void octavo_check_obfuscated(checker *ck)
{
    for (size_t i = 0; i < ck->entry_count; i++) {
        const entry *e = &ck->entries[i];
        if (e->obfuscated && e->media_type && !is_font_type(e->media_type))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-026", "META-INF/encryption.xml",
                                     e->obfuscated,
                                     "\"%s\" is obfuscated but is not a font (%s); only fonts "
                                     "may be",
                                     e->name, e->media_type);
    }
}

/* Compression's Method (0: stored, 8: deflated) and OriginalLength. */
static void compression(meta_state *st, void *ctx, const xmlChar **attrs, int count)
{
    char *method = octavo_check_attribute(attrs, count, "Method", NULL);
    char *length = octavo_check_attribute(attrs, count, "OriginalLength", NULL);
    if (method && strcmp(method, "0") != 0 && strcmp(method, "8") != 0)
        meta_error(st, ctx, "value of attribute \"Method\" is invalid; must be \"0\" or \"8\"");
    if (length && (!*length || length[strspn(length, "0123456789")]))
        meta_error(st, ctx,
                   "value of attribute \"OriginalLength\" is invalid; must be a non-negative "
                   "integer");
    free(method);
    free(length);
}

static void meta_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    meta_state *st = octavo_check_parse_state(ctx);
    const char *name = (const char *)localname, *ns = uri ? (const char *)uri : "";
    size_t depth = st->depth++;
    table_step step = octavo_check_table_start(&st->table, name, ns, attrs, nb_attributes,
                                               octavo_check_parse_line(ctx));
    if (step == TABLE_REFUSED)
        return;
    if (depth == 1) {
        free(st->algorithm);
        st->algorithm = NULL;
    }
    char *id = octavo_check_attribute(attrs, nb_attributes, "Id", NULL);
    if (id) {
        st->ids = octavo_xgrow(st->ids, &st->id_cap, st->id_count + 1, sizeof *st->ids);
        st->ids[st->id_count++] = (located_id){id, octavo_check_parse_line(ctx)};
    }
    if (strcmp(ns, NS_XENC) == 0 && strcmp(name, "EncryptionMethod") == 0 && depth == 2) {
        free(st->algorithm);
        st->algorithm = octavo_check_attribute(attrs, nb_attributes, "Algorithm", NULL);
    } else if (strcmp(ns, NS_XENC) == 0 && strcmp(name, "CipherReference") == 0) {
        char *ref = octavo_check_attribute(attrs, nb_attributes, "URI", NULL);
        if (ref)
            cipher_reference(st, ctx, ref);
        free(ref);
    } else if (strcmp(ns, NS_COMPRESSION) == 0 && strcmp(name, "Compression") == 0) {
        compression(st, ctx, attrs, nb_attributes);
    }
}

static void meta_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    meta_state *st = octavo_check_parse_state(ctx);
    st->depth--;
    octavo_check_table_end(&st->table, octavo_check_parse_line(ctx));
}

static void duplicate_ids(meta_state *st)
{
    octavo_check_duplicate_ids(st->ids, st->id_count, st->schema->path, st->ck->r);
}

void octavo_check_meta_files(checker *ck)
{
    static const xml_callbacks callbacks = {meta_start, meta_end, NULL, NULL, NULL};
    for (size_t i = 0; i < sizeof meta_schemas / sizeof *meta_schemas; i++) {
        entry *e = octavo_check_find_entry(ck, meta_schemas[i].path);
        if (!e)
            continue;
        const meta_schema *schema = &meta_schemas[i];
        meta_state st = {
            .ck = ck,
            .schema = schema,
            .table = {
                .rows = schema->table, .count = schema->rows, .path = schema->path, .r = ck->r}};
        if (octavo_check_stream_entry(ck, e, &callbacks, &st, ck->r))
            duplicate_ids(&st);
        for (size_t k = 0; k < st.id_count; k++)
            free(st.ids[k].id);
        free(st.ids);
        free(st.algorithm);
    }
}
