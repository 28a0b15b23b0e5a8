/* check.h — checks an EPUB the way epubcheck does, natively and fast.
 *
 * For octavo's own books (build checks each book before putting it in
 * place) and for books made by any other tool. What it checks: the
 * container (mimetype, container.xml, safe paths, sizes), the package
 * document (identifier, title, language, modified; BCP 47 tags), the
 * manifest (files exist, are listed, have the type their bytes say, one
 * nav, fallback chains), the spine, every XHTML content document
 * (well-formed, XHTML, unique ids, languages, links, fragments, images
 * and stylesheets; remote resources, foreign resources' fallbacks, the
 * manifest properties its content needs), the file names, and the nav
 * (a toc that reaches the reading order).
 *
 * Findings carry epubcheck's message code where one corresponds
 * ("RSC-012"), so they can be compared with it. A hostile zip (not a zip,
 * truncated, a bomb, many files, unsafe paths) or hostile XML (an
 * entity bomb, a CDATA section over 10 MB, an element of thousands of
 * attributes) is a finding, never a crash, an unbounded allocation or a
 * parse in more than linear time: each file is parsed as it inflates, a
 * few KB at a time.
 *
 * The report and octavo_check_file are public, in octavo.h; this header
 * adds what a build shares with the check. */
#ifndef OCTAVO_CHECK_H
#define OCTAVO_CHECK_H

#include "buf.h"
#include "diag.h"
#include "octavo.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

/* What octavo check reads from one XHTML page (well-formedness, ids,
 * links, languages, ...), found while the page is still in memory: a
 * build scans each page as it renders it, on the core that renders it,
 * and need not keep the page. */
typedef struct octavo_page_facts octavo_page_facts;
/* What the check's rule tables say of the element names pages use, kept
 * from one page to the next so that each name is looked up once: one per
 * thread (it is not shared), freed with octavo_check_names_free. */
typedef struct octavo_check_names octavo_check_names;
octavo_check_names *octavo_check_names_new(void);
void octavo_check_names_free(octavo_check_names *names);
/* `names` (may be NULL: the page's own) is the calling thread's. */
octavo_page_facts *octavo_check_scan_page(const char *name, const char *data, size_t len,
                                          octavo_check_names *names);
/* The same, told by the tree the page was serialised from (still whole,
 * and as written to `data`): walked rather than parsed again, which is
 * most of what a self-check costs. The findings are the same. */
octavo_page_facts *octavo_check_scan_page_tree(const char *name, xmlDocPtr tree, const char *data,
                                               size_t len, octavo_check_names *names);
/* The same for an XML file octavo made that is not a page (the NCX):
 * only whether it is well-formed. */
octavo_page_facts *octavo_check_scan_xml(const char *name, const char *data, size_t len);
void octavo_page_facts_free(octavo_page_facts *facts);

/* The uncompressed contents of an entry the caller already holds (the
 * book being built), so that it is not inflated again. */
typedef struct octavo_known_entry {
    const char *name; /* as in the zip: "EPUB/text/ch001.xhtml" */
    const char *data; /* may be NULL for a file with `facts` (a page, the NCX) */
    size_t len;
    /* The page scanned already (the check borrows its ids), or NULL. */
    octavo_page_facts *facts;
} octavo_known_entry;

/* Pages read ahead: reads the XHTML pages among `known` on up to
 * `threads` cores, before the rest of the check (which goes through the
 * book in order, on one). `known` must stay valid until
 * octavo_check_prescan_free. */
typedef struct octavo_check_prescan octavo_check_prescan;
octavo_check_prescan *octavo_check_prescan_start(const octavo_known_entry *known, size_t count,
                                                 unsigned threads);
/* Frees what was read. NULL does nothing. */
void octavo_check_prescan_free(octavo_check_prescan *prescan);

/* Checks the EPUB in a libzip source (not consumed: the caller still owns
 * it). Entries named in `known` are taken from there instead of the zip;
 * `prescan` (may be NULL) is what octavo_check_prescan_start read of
 * those same entries. */
void octavo_check_source(zip_source_t *source, const octavo_known_entry *known, size_t known_count,
                         octavo_check_prescan *prescan, octavo_diags *report);

#endif
