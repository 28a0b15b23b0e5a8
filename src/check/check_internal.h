/* check_internal.h — what the parts of octavo check (src/check/) share;
 * not part of the API (that is include/octavo/check.h).
 *
 * The parts, in the order a check runs them:
 *   book.c      the whole book: opens the zip, runs the parts, frees
 *   files.c     the zip's entries: listed, looked up by name, read
 *   names.c     file names as Unicode compares them (NFC, case folded)
 *   container.c the mimetype file and META-INF/container.xml
 *   ocf_meta.c  META-INF/encryption.xml and signatures.xml
 *   ocf_url.c   URLs in the container: none leaves it, none has a query
 *   opf.c       the package document, read as it streams by
 *   opf_schema.c its elements and attributes, against EPUB 3's schema
 *   opf_outdated.c its outdated features (usages), collection roles
 *   opf_collection.c its collections: what each role asks of them
 *   vocab.c     its prefixes, property values and meta and link rules
 *   package.c   its metadata, manifest and spine
 *   bitmap.c    its JPEG, PNG and GIF images' heads
 *   page.c      what one XHTML page says (ids, links, languages)
 *   facts.c     what it says, kept compactly until the check reads it
 *   html.c      what its elements hold, and their attributes' values
 *   aria.c      their roles and aria-* attributes (ARIA in HTML)
 *   nav_schema.c what the nav document's navs hold
 *   prescan.c   pages read ahead, on several cores
 *   content.c   the pages' links and fragments, against the book
 *   svg.c       SVG documents
 *   doctype.c   the external ids an EPUB 3 document's doctype may have
 *   svg_schema.c what SVG holds, standalone or in a page: epub:type, ids,
 *               foreignObject and title
 *   nav.c       the NCX and the nav document's toc
 *   css.c       style sheets: CSS files, <style> elements, style attributes
 *   media.c     media overlays: the SMIL documents and media:* metadata
 *   xml.c       streaming XML parsing, within limits
 *   xml_encoding.c the encoding an XML document is in (RSC-027, RSC-028)
 *   xml_table.c small schemas as tables (the META-INF files), stepped through
 *   report.c    findings, formatted and as JSON */
#ifndef OCTAVO_CHECK_INTERNAL_H
#define OCTAVO_CHECK_INTERNAL_H

#include "buf.h"
#include "check.h"

#include <libxml/parser.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <zip.h>

/* Whether the string `s` is `lit` (a literal, or a rule table's name),
 * its first byte compared inline: a page's start tags compare their names
 * with dozens of names each, and most differ there (the calls to strcmp
 * were a tenth of a build's self-check). */
#define NAME_IS(s, lit) ((s)[0] == (lit)[0] && strcmp((s), (lit)) == 0)

/* ---- the report (report.c) ------------------------------------------------ */

__attribute__((format(printf, 6, 7))) void
octavo_check_add_finding(octavo_diags *r, octavo_severity severity, const char *code,
                         const char *path, unsigned line, const char *fmt, ...);
/* `from`'s findings added to `into`, and its counts. */
void octavo_check_merge_findings(octavo_diags *into, const octavo_diags *from);

/* ---- the files of the book (files.c) -------------------------------------- */

typedef struct entry {
    const char *name; /* owned by the zip */
    char *nfc;        /* the name in NFC when it is not (owned), else NULL */
    zip_uint64_t index;
    zip_uint64_t size;
    const octavo_known_entry *known;
    /* From the manifest. */
    const char *media_type;  /* owned by the OPF document; NULL: not listed */
    const struct item *item; /* its manifest item, once the manifest is read */
    bool in_spine, is_nav;
    bool nonlinear;      /* in the spine with linear="no" */
    bool linked;         /* a page has a hyperlink to it */
    bool package_link;   /* a link element of the package names it */
    bool fixed_layout;   /* a pre-paginated spine item */
    bool encrypted;      /* by an algorithm we cannot undo: not read */
    unsigned obfuscated; /* the line of encryption.xml obfuscating it, or 0 */
    bool remote_refs;    /* a style sheet that refers to a remote resource */
    /* The place of its first itemref, from 1; 0: not in the spine. */
    unsigned spine_position;
    bool has_css; /* a content document with a style sheet or a style element */
    /* From parsing it (XHTML content documents). */
    bool parsed;
    char **ids; /* sorted */
    size_t id_count;
    /* Each id's place on the page (0, 1, ...), as ids are sorted. */
    unsigned *id_order;
    bool ids_lent;                   /* ids and id_order are `facts`' (not owned) */
    struct octavo_page_facts *facts; /* read ahead; not owned */
} entry;

/* A link to a place in another document, checked once all are read. */
typedef struct pending_fragment {
    size_t target;
    char *fragment;
    size_t from;
    unsigned line;
} pending_fragment;

/* One check of one book; book.c makes it and frees what it owns. */
typedef struct checker {
    zip_t *za;
    octavo_diags *r;
    entry *entries;
    size_t entry_count;
    size_t *slots; /* hash of names: index + 1, 0 empty */
    size_t slot_cap;
    const octavo_known_entry *known;
    size_t known_count;
    pending_fragment *pending;
    size_t pending_count, pending_cap;
    zip_uint64_t bytes_read;
    bool epub3;                         /* (the package's version, once read) */
    const struct package_info *package; /* the manifest, once read */
    bool scripted;                      /* a page has a script (which may link anywhere) */
    const char *opf;                    /* the package document's path, once found */
    /* The paths of the manifest's items missing from the zip (RSC-001),
     * sorted, once a reference is not found. */
    char **missing;
    size_t missing_count;
    bool missing_listed;
    octavo_check_names *names; /* the pages' element names (content.c) */
} checker;

/* Lists the zip's entries in ck->entries (skipping unsafe names, said),
 * indexes them by name and attaches what the caller holds of them
 * (`known`, and what `prescan` read of it). False, with a finding, when
 * there are too many to check; *declared is the size they unpack to. */
bool octavo_check_list_entries(checker *ck, octavo_check_prescan *prescan, zip_uint64_t *declared);
/* Each name is one a file may have (PKG-009, PKG-010, PKG-011), and no
 * two are the same but for case (OPF-060). */
void octavo_check_file_names(checker *ck);
/* The entry named `name`, or the same name in another Unicode
 * normalization form. */
entry *octavo_check_find_entry_n(const checker *ck, const char *name, size_t len);
entry *octavo_check_find_entry(const checker *ck, const char *name);
/* The entry's bytes (NUL-terminated). *owned is set when the caller must
 * free them. NULL (with a finding) when it cannot be read. */
const char *octavo_check_read_entry(checker *ck, entry *e, size_t *len, char **owned);
/* Up to `size` of the entry's first bytes into `buf` (*got of them);
 * false (with a finding) when it cannot be read. */
bool octavo_check_read_head(checker *ck, entry *e, char *buf, size_t size, size_t *got);

/* ---- file names in Unicode (names.c) ------------------------------------ */

bool octavo_check_is_ascii(const char *s, size_t len);
/* The name in NFC (owned), or NULL when it is already (or is not UTF-8). */
char *octavo_check_name_nfc(const char *s, size_t len);
/* What a case-insensitive file system takes the name for: NFD, full case
 * folding, NFC (owned; never NULL). */
char *octavo_check_name_caseless(const char *s);

/* ---- parsing XML (xml.c) -------------------------------------------------- */

/* Where a parse reads its bytes: an entry of the zip as it inflates, or
 * bytes in memory. Either way libxml2 pulls them a few KB at a time and
 * keeps no more than the token it is reading (a long comment, CDATA
 * section or attribute value, at most 10 MB without XML_PARSE_HUGE), so
 * that parsing is linear and its memory bounded whatever the entry's
 * size. (Its push parser, fed in large pieces, looked for the end of a
 * long comment or CDATA section from its start with each new piece.) */
typedef struct xml_source {
    xmlParserCtxtPtr ctxt; /* the parse reading it, watched (see crowded) */
    bool crowded;
    int crowded_line;
    const char *data; /* in memory... */
    size_t len, at;
    zip_file_t *file; /* ...or from the zip, with the size it declares */
    zip_uint64_t size, got;
    char error[160]; /* why the entry could not be read; "" when it could */
    /* Stand-ins for text (xml.c), in memory only: where the root element
     * starts (SIZE_MAX: none), and where the bytes read so far end. */
    size_t stand_in_from;
    struct stand_in {
        int state;
        char quote, last;
        bool end_tag, named;
        unsigned match; /* of the "-->", "]]>" or "?>" ending a comment, CDATA, PI */
        unsigned raw;   /* style and script elements open */
        char local[8];  /* the tag's local name (its first 8 bytes) */
        size_t local_len;
    } stand_in;
    /* Its first bytes, for its encoding (xml_encoding.c); and whether it
     * is an XHTML page, whose UTF-16 is said otherwise (HTM-058). */
    char head[256];
    size_t head_len;
    bool html;
    /* The tree `data` was written from (octavo's own pages): walked
     * instead of parsed (xml.c), with `data` for the lines; when the tree
     * holds what the walk does not vouch for, `walk_refused` is set and
     * nothing is said, so that the caller reads `data` instead. */
    xmlDocPtr tree;
    bool walk_refused;
} xml_source;

/* What a streaming parse is told of (any may be NULL): elements as they
 * start and end, and text. Each gets the parser context as its first
 * argument; octavo_check_parse_state(ctx) is the caller's state. */
typedef struct xml_callbacks {
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
    charactersSAXFunc text;
    /* An external entity the doctype declares (never read), and its line. */
    void (*external_entity)(void *state, const char *name, unsigned line);
    processingInstructionSAXFunc pi; /* a processing instruction */
} xml_callbacks;

/* SAX2 gives an element's attributes as five pointers each: local name,
 * prefix, namespace, value, end of value. */
enum { ATTR_NAME, ATTR_PREFIX, ATTR_NS, ATTR_VALUE, ATTR_END, ATTR_FIELDS };

void octavo_check_memory_source(xml_source *s, const char *data, size_t len);
/* The same for a page octavo has made: its text may be read through
 * stand-ins (see xml.c), with the same findings, faster. */
void octavo_check_own_page_source(xml_source *s, const char *data, size_t len);
/* The same page with the tree it was serialised from, still whole. */
void octavo_check_tree_source(xml_source *s, xmlDocPtr tree, const char *data, size_t len);
/* A source reading `file` (NULL: none) of the `size` the zip declares. */
void octavo_check_zip_source(xml_source *s, zip_file_t *file, zip_uint64_t size);
void octavo_check_close_source(xml_source *src);
/* Parses XML from `src` without building a tree, telling `cb` (NULL:
 * nothing) what is in it. Returns whether it is well-formed and was read
 * whole; when not, says why in `r`. Safe to call from several threads. */
bool octavo_check_parse(const char *name, xml_source *src, const xml_callbacks *cb, void *state,
                        octavo_diags *r);
/* The document's encoding, from `src`'s first bytes once parsed, when not
 * UTF-8 (RSC-027, RSC-028; xml_encoding.c). */
void octavo_check_xml_encoding(const char *path, const xml_source *src, octavo_diags *r);
/* The caller's state, from a callback's context. */
void *octavo_check_parse_state(void *ctx);
/* The line a callback's parse is on. */
unsigned octavo_check_parse_line(void *ctx);
/* The encoding libxml2 converts the document from (its name), or NULL
 * when it reads UTF-8. */
const char *octavo_check_parse_encoding(void *ctx);
/* The doctype a callback's parse has read: its root element's name, its
 * public and system ids (NULL: none; owned by the parse). False when it
 * has none. */
bool octavo_check_parse_doctype(void *ctx, const char **name, const char **public_id,
                                const char **system_id);
/* Whether a document of `media_type` may have a doctype with these
 * external ids (NULL: none) in EPUB 3 (doctype.c). */
bool octavo_check_external_ids_allowed(const char *media_type, const char *public_id,
                                       const char *system_id);
/* OPF-073 in `found` when the doctype a callback's parse has read has
 * external ids a document of `media_type` may not have (doctype.c). */
void octavo_check_external_ids(void *ctx, const char *media_type, const char *path,
                               octavo_diags *found);
/* One attribute's value (a: its ATTR_FIELDS pointers), copied. */
char *octavo_check_attribute_value(const xmlChar **a);
/* The value of the attribute `name` in namespace `ns` (NULL: in none, as
 * xmlGetProp reads it), copied; NULL when there is none. */
char *octavo_check_attribute(const xmlChar **attrs, int count, const char *name, const char *ns);
/* The value of the attribute `name` in any namespace, as xmlGetProp
 * reads it, copied; NULL when there is none. */
char *octavo_check_attribute_any_ns(const xmlChar **attrs, int count, const char *name);
/* Whether the space-separated `list` (may be NULL) has `token`. */
bool octavo_check_has_token(const char *list, const char *token);
/* Whether `word` is one of the space-separated `words` (" a b "). */
bool octavo_check_in_words(const char *words, const char *word);
/* Whether s[0, len) is all white space. */
bool octavo_check_is_blank(const char *s, size_t len);
/* A copy of `s` without the white space around it. */
char *octavo_check_trimmed(const char *s);

/* The element names a page uses, each numbered the first time it is
 * seen, so that what a check's rule tables say of a name is found once
 * per name on a page rather than once per element: a page of prose has
 * thousands of elements and a dozen names. At most NAME_TABLE_MAX names
 * are numbered (a hostile page may have any number): past that, -1, and
 * the caller looks the name up as it would a new one. */
enum { NAME_TABLE_MAX = 128 };
typedef struct name_table {
    struct name_slot *slots; /* open addressing; NULL until the first name */
    size_t count, cap;
} name_table;
/* The number of `name` in namespace `ns` (may be NULL) in `t`, or -1;
 * *fresh tells that it was numbered just now (so the caller must find
 * what its tables say of it). */
int octavo_check_name_number(name_table *t, const char *name, const char *ns, bool *fresh);
void octavo_check_name_table_free(name_table *t);

/* An id and the line it is given on. */
typedef struct located_id {
    char *id;
    unsigned line;
} located_id;
/* Sorts `ids`; each id given twice or more is an RSC-005 at each place
 * (as Jing says it) in `path`. */
void octavo_check_duplicate_ids(located_id *ids, size_t count, const char *path, octavo_diags *r);

/* ---- small schemas as tables (xml_table.c) -------------------------------- */

enum { TABLE_DEPTH = 6, TABLE_ROWS = 12, TABLE_ATTRS = 4 };

/* One element a schema allows, where: in the element named `parent` (NULL:
 * the root, which is the table's first row). */
typedef struct table_element {
    const char *parent, *ns, *name;
    const char *attrs[TABLE_ATTRS]; /* the attributes (in no namespace) it takes */
    unsigned char required;         /* the first `required` of them must be there */
    const char *attr_ns;            /* and those of this namespace (NULL: none) */
    bool any_attrs;                 /* it takes any attributes */
    unsigned char order, min, max;  /* its place in an ordered parent; how many (max 0: any) */
    bool ordered;                   /* its children come in their order */
    bool needs_child;               /* it holds at least one of its children */
    bool open;                      /* what it holds is not checked */
} table_element;

/* A document being stepped through its table; set rows, count, path and
 * r, the rest zero. Its findings go to r. */
typedef struct xml_table {
    const table_element *rows;
    size_t count;
    const char *path;
    octavo_diags *r;
    size_t depth; /* rows open */
    size_t skip;  /* > 0: elements open in one refused or one not checked */
    bool refused;
    size_t open[TABLE_DEPTH];
    unsigned counts[TABLE_DEPTH][TABLE_ROWS]; /* of each open: its children, by row */
    bool disordered[TABLE_DEPTH];             /* it had a child refused */
} xml_table;

typedef enum table_step {
    TABLE_OK,     /* a row of the table, where it may be */
    TABLE_OPEN,   /* inside a row whose content is not checked */
    TABLE_REFUSED /* not allowed (said), or inside one that is not */
} table_step;

/* An element starts: allowed there? its attributes? */
table_step octavo_check_table_start(xml_table *t, const char *name, const char *ns,
                                    const xmlChar **attrs, int count, unsigned line);
/* The element ends: does it hold what it must? */
void octavo_check_table_end(xml_table *t, unsigned line);

/* An entry of the book as a source (files.c): from memory when the
 * caller holds it, else as it inflates; false (with a finding in `r`)
 * when it cannot be read. */
bool octavo_check_open_source(checker *ck, entry *e, xml_source *src, octavo_diags *r);
/* octavo_check_parse over an entry of the book; false when it cannot be
 * read or is not well-formed (said). */
bool octavo_check_stream_entry(checker *ck, entry *e, const xml_callbacks *cb, void *state,
                               octavo_diags *r);

/* ---- the container (container.c) ------------------------------------------ */

void octavo_check_mimetype(checker *ck);
/* The book's own file name ends in ".epub": in lower case (PKG-016), or
 * (`version`: its package's, 2 or 3; 0 none read) one of another name is
 * uncommon (PKG-017, PKG-024). */
void octavo_check_extension(const char *path, int version, octavo_diags *r);
/* The book at `path` cannot be opened as a zip (libzip says `why`): its
 * header is read to say how (PKG-003, PKG-004), and PKG-008. */
void octavo_check_unreadable_zip(const char *path, const char *why, octavo_diags *r);
/* The package document's path (owned), from container.xml. NULL when
 * there is none to check (said). */
char *octavo_check_find_package(checker *ck);
/* encryption.xml and signatures.xml; marks the files encrypted or
 * obfuscated. */
void octavo_check_meta_files(checker *ck);
/* Once the manifest is read: obfuscated files are fonts (PKG-026). */
void octavo_check_obfuscated(checker *ck);
/* octavo_url_resolve of `href` (up to its query or fragment) against
 * `base` into `out`, for a URL in `file` at `line`: one that leaves the
 * container is said (RSC-026) and kept at its root, as URL parsers do; a
 * query is said (RSC-033). False when it names no file. */
bool octavo_check_container_url(checker *ck, const char *file, unsigned line, const char *base,
                                const char *href, octavo_buf *out);

/* ---- the package document (opf.c, package.c) ------------------------------ */

/* A metadata element: dc:identifier ('i'), dc:title ('t'), dc:language
 * ('l') or meta ('m'), anywhere in the package, with all its text; and,
 * for vocab.c, dc:creator ('c'), dc:contributor ('b'), dc:publisher ('p'),
 * dc:subject ('s'), dc:source ('o') and dc:date ('d'). */
typedef struct opf_meta {
    char kind;
    unsigned line;
    char *id, *property, *refines;
    octavo_buf text;
} opf_meta;

/* A manifest item's attributes (in any namespace, as in the tree), or a
 * spine itemref's. */
typedef struct opf_entry {
    unsigned line;
    char *id, *href, *media_type, *properties, *fallback; /* item */
    char *media_overlay;                                  /* item */
    char *idref, *linear;                                 /* itemref */
} opf_entry;

typedef struct opf_list {
    opf_entry *items;
    size_t count, cap;
} opf_list;

/* A metadata element being read: its index into metas, and its depth. */
typedef struct open_meta {
    size_t index, depth;
} open_meta;

/* What the checks of the package need of it, without its tree: that of a
 * 10,000-chapter book's package document took 15 MB. */
typedef struct package_doc {
    bool root_wrong; /* not package in the OPF namespace */
    unsigned line;
    char *version, *unique; /* NULL: no such attribute */
    opf_meta *metas;
    size_t meta_count, meta_cap;
    /* The package's last manifest and last spine, as a tree walk finds. */
    bool has_manifest, has_spine;
    unsigned manifest_line, spine_line;
    char *toc; /* the spine's toc attribute */
    /* The hrefs of the metadata's link elements: resources the package
     * refers to without listing them (a record, a signature). */
    char **links;
    size_t link_count, link_cap;
    opf_list metadata_links; /* the package metadata's own links: href, line */
    opf_list items, itemrefs;
    /* While reading: depth, the child of the package being read ('m'
     * manifest, 's' spine, 0 another), and the metadata elements open. */
    size_t depth;
    char in;
    open_meta *open;
    size_t open_count, open_cap;
    struct opf_schema *schema; /* while reading (opf_schema.c) */
    octavo_diags *found;       /* while reading: where EPUB 3's findings go */
    const char *path;          /* while reading: the document's */
    /* Its schema and vocabularies were checked (EPUB 3): what they say
     * (a missing element, an empty value) is not said again. */
    bool epub3_checked;
    /* Its collections (opf_collection.c). */
    struct opf_collections *collections;
} package_doc;

/* The package document read into `p`; false when it cannot be (said). */
bool octavo_check_read_package(checker *ck, const char *opf, package_doc *p);
void octavo_check_package_doc_free(package_doc *p);

/* ---- the package's schema and vocabularies (opf_schema.c, vocab.c) -------- */

/* The prefixes the package's prefix attribute declares. */
typedef struct vocab_prefixes {
    char **names;
    size_t count, cap;
} vocab_prefixes;

typedef enum vocab_kind {
    VOCAB_META,           /* meta property */
    VOCAB_SCHEME,         /* meta scheme */
    VOCAB_ITEM,           /* item properties */
    VOCAB_ITEMREF,        /* itemref properties */
    VOCAB_LINK_REL,       /* link rel */
    VOCAB_LINK_PROPERTIES /* link properties */
} vocab_kind;

/* The prefix attribute's mappings into `out` (said: syntax, reserved and
 * forbidden prefixes). */
void octavo_check_vocab_prefixes(octavo_diags *r, const char *path, unsigned line,
                                 const char *value, vocab_prefixes *out);
void octavo_check_vocab_prefixes_free(vocab_prefixes *px);
/* One attribute's value: its terms known, their prefixes declared. */
void octavo_check_vocab_value(octavo_diags *r, const char *path, unsigned line, vocab_kind kind,
                              const char *value, const vocab_prefixes *px);
/* What the meta properties, dates and identifiers of the metadata say. */
void octavo_check_meta_rules(octavo_diags *r, const char *path, const package_doc *p);
/* A link element's rel, href and hreflang (any may be NULL). */
void octavo_check_link_rules(octavo_diags *r, const char *path, unsigned line, const char *rel,
                             const char *href, const char *refines, const char *media_type,
                             const char *hreflang);
/* An item's properties fit its media type (OPF-012). */
void octavo_check_item_properties(octavo_diags *r, const char *path, unsigned line,
                                  const char *properties, const char *media_type);

/* The schema's check of one package document, told of it as it streams
 * by; findings go to `r` (path: the document's). */
typedef struct opf_schema opf_schema;
opf_schema *octavo_check_opf_schema_new(octavo_diags *r, const char *path);
void octavo_check_opf_schema_free(opf_schema *s);
void octavo_check_opf_schema_start(opf_schema *s, const char *el, const char *ns,
                                   const xmlChar **attrs, int count, unsigned line);
void octavo_check_opf_schema_end(opf_schema *s, unsigned line);
void octavo_check_opf_schema_text(opf_schema *s, const char *text, size_t len, unsigned line);
/* Once read: ids unique, refines resolved. */
void octavo_check_opf_schema_finish(opf_schema *s, const package_doc *p);
/* Whether it checked the document (an EPUB 3 package). */
bool octavo_check_opf_schema_active(const opf_schema *s);

/* An element `el` of the OPF namespace at `depth` (1: the package's
 * child), as it starts: an outdated feature is a usage (OBS-001), a
 * collection's role a valid URL when it has a scheme (OPF-070). */
void octavo_check_opf_outdated(octavo_diags *r, const char *path, const char *el, size_t depth,
                               const xmlChar **attrs, int count, unsigned line);

/* The package's collections, told of its elements as they start and end
 * (`depth` 1: the package's child; findings of their roles' Schematron
 * rules go to `r`), then their links checked against the manifest. */
typedef struct opf_collections opf_collections;
opf_collections *octavo_check_opf_collections_new(void);
void octavo_check_opf_collections_free(opf_collections *c);
void octavo_check_opf_collection_start(opf_collections *c, octavo_diags *r, const char *path,
                                       const char *el, const char *ns, size_t depth,
                                       const xmlChar **attrs, int count, unsigned line);
void octavo_check_opf_collection_end(opf_collections *c, octavo_diags *r, const char *path,
                                     size_t depth);
void octavo_check_collection_links(checker *ck, const char *opf, const opf_collections *c);

typedef struct item {
    const char *id, *href, *media_type, *properties, *fallback; /* in the OPF document */
    const char *media_overlay;                                  /* (NULL: none) */
    entry *file; /* NULL: not in the zip (or remote) */
    unsigned line;
} item;

/* The manifest's items; their strings are the package_doc's. */
typedef struct package_info {
    item *items;
    size_t count, cap;
    const item **by_id;  /* sorted by id */
    const item **remote; /* the items whose href is a URL, sorted by href */
    size_t remote_count;
} package_info;

void octavo_check_metadata(checker *ck, const char *opf, const package_doc *p, bool epub3);
/* The manifest's items into `p` (the caller frees p->items and p->by_id);
 * each file listed learns its media type. */
void octavo_check_manifest(checker *ck, const char *opf, const package_doc *doc, package_info *p,
                           bool epub3);
/* The spine's linear items are collected in `reading` for the nav check. */
void octavo_check_spine(checker *ck, const char *opf, const package_doc *doc, const package_info *p,
                        entry ***reading, size_t *reading_count);
/* A link of the package's metadata is not to a manifest item outside
 * the spine (OPF-067), once the spine is read. */
void octavo_check_package_links(checker *ck, const char *opf, const package_doc *doc);
/* Every file is listed, except the container's own, the package's links
 * and the files operating systems leave behind. */
void octavo_check_unlisted(checker *ck, const char *opf, const package_doc *doc);
const item *octavo_check_item_by_id(const package_info *p, const char *id);

/* A JPEG, PNG or GIF item's head against its media type and name
 * (bitmap.c). */
void octavo_check_bitmap(checker *ck, const item *it);
/* The item whose href is the remote `url`, or NULL. */
const item *octavo_check_remote_item(const package_info *p, const char *url);
bool octavo_check_is_content_type(const char *media_type);
/* The length of a media type's type/subtype: up to the first of `ends`
 * (";", before its parameters, "; codecs=..."; ";," in a data URL, whose
 * data follows a comma), without the spaces around it; *start set past
 * the leading ones. */
size_t octavo_check_media_type_essence(const char *media_type, const char *ends,
                                       const char **start);
/* A core media type, which needs no fallback (EPUB 3.3, 3.2). */
bool octavo_check_is_core_media_type(const char *media_type);
/* Whether two media types name the same type, apart from parameters
 * ("; codecs=..."); case counts, as in EPUBCheck 5. */
bool octavo_check_same_media_type(const char *a, const char *b);
/* Whether `it` or an item its manifest fallback chain reaches has a media
 * type that `accepts`. */
bool octavo_check_fallback_reaches(const package_info *p, const item *it,
                                   bool (*accepts)(const char *media_type));

/* ---- what XHTML elements hold (html.c) ----------------------------------- */

/* The elements open on a page, as html.c follows them; its findings go
 * to `found`. */
typedef struct html_scan {
    const char *name; /* the page's */
    octavo_diags *found;
    struct html_frame *open;
    size_t depth, cap;
    unsigned inside[16]; /* html.c's containers open */
    /* What html.c's tables say of each name of XHTML the page uses (its
     * number in `names`). */
    name_table names;
    struct html_element *elements;
    size_t element_cap;
} html_scan;

/* Element `el` (xhtml: in the XHTML namespace) starts at `line` with
 * `count` attributes (ATTR_FIELDS pointers each): allowed in its parent,
 * in order, its attributes' values valid? */
void octavo_check_html_start(html_scan *h, const char *el, bool xhtml, const xmlChar **attrs,
                             int count, unsigned line);
/* A URL attribute's value as HTML reads it (and EPUBCheck after it):
 * leading and trailing ASCII whitespace stripped, in place. Returns
 * `url`, still the caller's (NULL stays NULL). */
char *octavo_check_url_trim(char *url);
/* The innermost element open ends: complete? */
void octavo_check_html_end(html_scan *h, unsigned line);
/* Text in the innermost element open: allowed there? */
void octavo_check_html_text(html_scan *h, const char *text, size_t len, unsigned line);
void octavo_check_html_free(html_scan *h);
/* Element `el` of XHTML's role and aria-* attributes (aria.c): a role
 * there is and that it may take, aria-* attributes of ARIA, of its role,
 * with values ARIA allows? */
void octavo_check_aria(html_scan *h, const char *el, const xmlChar **attrs, int count,
                       unsigned line);

/* ---- what the nav document's navs hold (nav_schema.c) -------------------- */

/* The elements open on a page, as nav_schema.c follows them (any page:
 * whether it is the nav document is known later); its findings go to
 * `found`. */
typedef struct nav_scan {
    const char *name;
    octavo_diags *found;
    struct nav_frame *open;
    size_t depth, cap;
    unsigned page_lists, landmarks; /* typed navs seen */
    struct landmark *marks;         /* of the landmarks navs open */
    size_t mark_count, mark_cap;
} nav_scan;

void octavo_check_nav_start(nav_scan *n, const char *el, bool xhtml, const xmlChar **attrs,
                            int count, unsigned line);
void octavo_check_nav_end(nav_scan *n, unsigned line);
void octavo_check_nav_text(nav_scan *n, const char *text, size_t len, unsigned line);
void octavo_check_nav_free(nav_scan *n);

/* ---- pages (page.c, content.c) -------------------------------------------- */

/* What one XHTML page says, read from the page alone, so that pages can
 * be read on another core while the book is being compressed. */
/* What a reference is to, as epubcheck tells them apart: which may be
 * remote, which need a fallback. */
typedef enum ref_kind {
    REF_HYPERLINK,  /* a, area */
    REF_IMAGE,      /* img, input, picture source, poster, altimg */
    REF_AUDIO,      /* audio, or its source */
    REF_VIDEO,      /* video, or its source */
    REF_GENERIC,    /* iframe, embed, object, script */
    REF_TRACK,      /* track: exempt from fallbacks */
    REF_STYLESHEET, /* link rel=stylesheet, @import */
    REF_FONT,       /* a @font-face's src: may be remote, exempt from fallbacks */
    REF_CITE        /* blockquote, q, del, ins cite: may be remote, exempt from fallbacks */
} ref_kind;

typedef struct page_ref {
    char *url;
    unsigned line;
    ref_kind kind;
    char nav;  /* its nav: 't' toc, 'l' landmarks, 'p' page-list, 'o' other, 0 */
    char in;   /* the element it is in: 'p' picture, 'a' audio, 'v' video, 'o' object */
    char from; /* 's' a source, 'i' an img, 'o' an object, 'c' the page's CSS, 0 another */
    /* The type attribute of a source, embed or object (owned), or NULL:
     * what the page says the resource is (OPF-013, MED-007). */
    char *type;
    unsigned group; /* the picture, audio or video element it is in (1, 2, ...), or 0 */
    /* An object's, when the object has fallback content: text, or an
     * element such as an img, not hidden (not only white space or param
     * elements): EPUBCheck 5's intrinsic fallback. */
    bool content_fallback;
} page_ref;

/* What a page uses that its manifest item must declare (OPF-014). */
enum {
    PAGE_USES_MATHML = 1u << 0,
    PAGE_USES_SVG = 1u << 1,
    PAGE_USES_SCRIPT = 1u << 2,
    PAGE_USES_SWITCH = 1u << 3,
    PAGE_USES_REMOTE = 1u << 4
};

typedef struct page_facts {
    bool scanned;
    bool is_xhtml;  /* well-formed, html root in the XHTML namespace */
    char *viewport; /* the content of the head's first viewport meta, or NULL */
    bool has_viewport;
    octavo_diags findings; /* of the page alone */
    char **ids;            /* sorted */
    size_t id_count, id_cap;
    /* Each id's place on the page (0, 1, ...), as ids are sorted. */
    unsigned *id_order;
    page_ref *refs;
    size_t ref_count, ref_cap;
    size_t toc_navs;
    unsigned uses;   /* PAGE_USES_* */
    unsigned groups; /* picture, audio and video elements */
    /* What the nav document's schema finds (nav_schema.c): errors in the
     * nav document only. */
    octavo_diags nav_findings;
    /* What EPUB 3 asks of any page (said once the version is known):
     * custom attributes out of W3C's and the IDPF's namespaces (HTM-054). */
    octavo_diags epub3_findings;
    char *external_entity; /* the first the doctype declares, or NULL */
    unsigned external_line;
    /* What EPUB 3 does not allow (said once the version is known): an
     * html doctype with a public id or another system id than
     * about:legacy-compat ('i', HTM-004), another with external ids ('x',
     * OPF-073), or 0; and that id. */
    char doctype;
    char *doctype_id;
    unsigned doctype_line;
    char *encoding; /* what the page is encoded in if not UTF-8, or NULL */
    bool has_css;   /* a style element with text */
} page_facts;

/* What page.c's and html.c's tables say of each element name, by its
 * number in `page` and `html` (the facts of a name never change, so they
 * are kept from page to page). */
struct octavo_check_names {
    name_table page, html;
    struct page_element *page_elements;
    size_t page_cap;
    struct html_element *html_elements;
    size_t html_cap;
};

/* Frees what `names` holds, not `names`. */
void octavo_check_names_clear(octavo_check_names *names);
/* Reads the page in `src` into `f` (its findings too), looking names up
 * in `names` (may be NULL: the page's own). */
void octavo_check_scan_source(const char *name, xml_source *src, page_facts *f,
                              octavo_check_names *names);
/* Frees what `f` holds, not `f`. */
void octavo_check_page_facts_clear(page_facts *f);
/* What `f` holds moved into one block (its findings apart), for keeping
 * until the check; `f` is left empty. Freed with octavo_page_facts_free. */
octavo_page_facts *octavo_check_facts_keep(page_facts *f);
/* `kept` as page facts: `view` borrows what `kept` holds, so it must be
 * neither changed nor cleared, nor outlive `kept`. */
void octavo_check_facts_view(octavo_page_facts *kept, page_facts *view);
/* Whether the sorted `ids` have `id`. */
bool octavo_check_ids_have(char *const *ids, size_t count, const char *id);
/* What the caller's `prescan` read of known[i], or NULL. */
octavo_page_facts *octavo_check_prescanned(octavo_check_prescan *prescan,
                                           const octavo_known_entry *known, size_t i);

/* A link of the nav's toc to a spine item, for its order (NAV-011). */
typedef struct toc_link {
    entry *target;
    char *fragment; /* decoded, owned; NULL: none */
    char *url;      /* as written, owned */
    unsigned line;
} toc_link;

/* The nav's toc and landmarks reach these files; its toc's links, in
 * order. */
typedef struct nav_reach {
    entry **files;
    size_t count, cap;
    size_t toc_navs;
    toc_link *toc;
    size_t toc_count, toc_cap;
} nav_reach;

void octavo_check_content(checker *ck, entry *doc, nav_reach *reach);
/* One reference of `doc` resolved: in the book (or allowed on the web),
 * listed, in the spine if a link (said when not); counted in `reach`
 * (may be NULL). Its target's manifest item, or NULL. */
const item *octavo_check_reference(checker *ck, entry *doc, const page_ref *ref, octavo_buf *path,
                                   nav_reach *reach);
/* The links to places in other pages, once all pages are read. */
void octavo_check_fragments(checker *ck);
/* Non-linear spine items are reachable by a hyperlink, once all pages are
 * read. */
void octavo_check_nonlinear_reached(checker *ck);

/* ---- SVG documents (svg.c, svg_schema.c) --------------------------------- */

/* The elements open, as svg_schema.c follows them: in a standalone SVG
 * document (its root first) or a page (SVG in it); findings go to
 * `found`. `html` (may be NULL) checks a standalone document's XHTML. */
typedef struct svg_schema {
    const char *name;
    octavo_diags *found;
    bool standalone;
    html_scan *html;
    struct svg_frame *open;
    size_t depth, cap;
} svg_schema;

void octavo_check_svg_schema_start(svg_schema *s, const char *el, const char *ns,
                                   const xmlChar **attrs, int count, unsigned line);
void octavo_check_svg_schema_end(svg_schema *s, unsigned line);
void octavo_check_svg_schema_text(svg_schema *s, const char *text, size_t len, unsigned line);
void octavo_check_svg_schema_free(svg_schema *s);

/* The SVG `doc` read: its findings, and its ids for the fragments. */
void octavo_check_svg(checker *ck, entry *doc);

/* ---- the NCX and the nav (nav.c) ------------------------------------------ */

/* The spine's toc attribute: the NCX, well-formed. */
void octavo_check_ncx(checker *ck, const char *opf, const package_doc *doc, const package_info *p);
/* The nav document has one toc nav, which reaches the reading order, and
 * its links are in the order of the spine and of the pages. Frees what
 * `reach` holds. */
void octavo_check_nav(checker *ck, nav_reach *reach, entry *const *reading, size_t reading_count);

/* ---- style sheets (css.c) ------------------------------------------------ */

/* A URL a style sheet refers to (not empty, not a fragment), as it is
 * read; `url` is the caller's to copy. */
typedef void (*css_ref_fn)(void *state, const char *url, unsigned line, ref_kind kind);
/* Reads CSS text of `len` bytes (UTF-8): a style sheet, or with
 * `declarations` a style attribute's. Its findings go to `found` on
 * `name`, lines counted from `line`; each URL to `on_ref` (may be NULL):
 * REF_STYLESHEET for @import, REF_FONT for a @font-face's src, else
 * REF_GENERIC. Linear in `len`, with bounded recursion. */
void octavo_check_css_text(const char *name, const char *css, size_t len, unsigned line,
                           bool declarations, bool epub3, octavo_diags *found, css_ref_fn on_ref,
                           void *state);
/* A link element (its `count` attributes): an alternate style sheet
 * must have a title (CSS-015); its alternate style tags agree (CSS-005). */
void octavo_check_css_link(const char *name, const xmlChar **attrs, int count, unsigned line,
                           octavo_diags *found);
/* Each text/css file of the manifest: its encoding, its syntax and its
 * references. */
void octavo_check_css_files(checker *ck);
/* Once the content documents are read: each with a media overlay has CSS
 * when the package declares the overlays' classes (CSS-030). */
void octavo_check_overlay_styles(checker *ck, const package_doc *doc);

/* ---- media overlays (media.c) --------------------------------------------- */

/* The media:* metadata, the items' media-overlay attributes, and each
 * overlay (SMIL) document: its schema, clips, and text against the
 * pages. After the pages are read (their ids), before the fragments are
 * checked (the overlays' are among them). */
void octavo_check_media(checker *ck, const char *opf, const package_doc *doc,
                        const package_info *p);

#endif
