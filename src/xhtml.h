/* xhtml.h — making XHTML and XML with libxml2: documents, elements in
 * the XHTML namespace, and writers and outputs into octavo's buffers.
 * Below both the renderer and the sanitizer, which build pages with it. */
#ifndef OCTAVO_XHTML_H
#define OCTAVO_XHTML_H

#include "buf.h"

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#define OCTAVO_NS_XHTML "http://www.w3.org/1999/xhtml"
#define OCTAVO_NS_EPUB  "http://www.idpf.org/2007/ops"

/* A new XHTML document with <html xml:lang lang>, a <head> holding the
 * <title> and a link to `css_href` (may be NULL), and an empty <body>,
 * returned in *body. Free with xmlFreeDoc. */
xmlDocPtr octavo_xhtml_new(const char *lang, const char *title, const char *css_href,
                           xmlNodePtr *body);

/* Adds an element `name` in the XHTML namespace as the last child of
 * `parent`, with optional text content (escaped), and returns it. */
xmlNodePtr octavo_xhtml_add(xmlNodePtr parent, const char *name, const char *text);

/* Sets epub:type="type" on an element of an XHTML document made with
 * octavo_xhtml_new, and its matching ARIA role when there is one (NULL:
 * none), as accessibility checkers expect them in pairs. */
void octavo_xhtml_set_epub_type(xmlNodePtr node, const char *type, const char *role);

/* An output for libxml2's writers that appends to `into` (the caller's),
 * so that a large file is never copied out of libxml2's own buffer.
 * Whoever it is given to (xmlNewTextWriter, xmlSaveFormatFileTo) closes
 * it. */
xmlOutputBufferPtr octavo_xml_output(octavo_buf *into);

/* A writer of indented UTF-8 XML, declaration written, into `into`: for
 * files too large to be built as trees first (contents, NCX, package
 * document). octavo_xml_writer_finish ends it and hands over the text
 * (*out malloc'ed, the caller's), leaving `into` empty. */
xmlTextWriterPtr octavo_xml_writer_start(octavo_buf *into);
void octavo_xml_attribute(xmlTextWriterPtr w, const char *name, const char *value);
void octavo_xml_writer_finish(xmlTextWriterPtr w, octavo_buf *into, char **out, size_t *len);

/* Serialises `doc` as UTF-8 XML with a declaration. *out is malloc'ed and
 * owned by the caller. */
void octavo_xml_serialise(xmlDocPtr doc, char **out, size_t *len);

#endif
