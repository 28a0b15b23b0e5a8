#include "xhtml.h"

#include "mem.h"

#include <stdbool.h>
#include <string.h>

xmlDocPtr octavo_xhtml_new(const char *lang, const char *title, const char *css_href,
                           xmlNodePtr *body)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
    xmlNodePtr html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
    xmlNsPtr ns = xmlNewNs(html, BAD_CAST OCTAVO_NS_XHTML, NULL);
    xmlSetNs(html, ns);
    xmlNewNs(html, BAD_CAST OCTAVO_NS_EPUB, BAD_CAST "epub");
    xmlDocSetRootElement(doc, html);
    xmlNodeSetLang(html, BAD_CAST lang);
    xmlNewProp(html, BAD_CAST "lang", BAD_CAST lang);
    xmlNodePtr head = octavo_xhtml_add(html, "head", NULL);
    xmlNewProp(octavo_xhtml_add(head, "meta", NULL), BAD_CAST "charset", BAD_CAST "utf-8");
    octavo_xhtml_add(head, "title", title);
    if (css_href) {
        xmlNodePtr link = octavo_xhtml_add(head, "link", NULL);
        xmlNewProp(link, BAD_CAST "rel", BAD_CAST "stylesheet");
        xmlNewProp(link, BAD_CAST "type", BAD_CAST "text/css");
        xmlNewProp(link, BAD_CAST "href", BAD_CAST css_href);
    }
    *body = octavo_xhtml_add(html, "body", NULL);
    return doc;
}

/* Elements whose children are blocks (or that have none). libxml2 indents
 * the children of an element that has no text child; everywhere else that
 * would put visible spaces into text ("<em>\n  <strong>"), so the others
 * get an empty text node, which turns indenting off inside them. */
static bool holds_blocks_or_nothing(const char *name)
{
    static const char *const names[] = {
        "html",  "head", "body",  "section", "nav", "blockquote", "ul",   "ol",  "table", "thead",
        "tbody", "tr",   "aside", "hr",      "br",  "meta",       "link", "img", "figure"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

xmlNodePtr octavo_xhtml_add(xmlNodePtr parent, const char *name, const char *text)
{
    xmlNodePtr node = xmlNewDocNode(parent->doc, parent->ns, BAD_CAST name, NULL);
    if (!node->ns)
        xmlSetNs(node, xmlSearchNsByHref(parent->doc, parent, BAD_CAST OCTAVO_NS_XHTML));
    xmlAddChild(parent, node);
    if (text)
        xmlNodeAddContent(node, BAD_CAST text);
    else if (!holds_blocks_or_nothing(name))
        xmlAddChild(node, xmlNewDocText(parent->doc, BAD_CAST ""));
    return node;
}

void octavo_xhtml_set_epub_type(xmlNodePtr node, const char *type, const char *role)
{
    xmlNsPtr epub = xmlSearchNsByHref(node->doc, node, BAD_CAST OCTAVO_NS_EPUB);
    xmlNewNsProp(node, epub, BAD_CAST "type", BAD_CAST type);
    if (role)
        xmlNewProp(node, BAD_CAST "role", BAD_CAST role);
}

static int append_to_buf(void *ctx, const char *bytes, int len)
{
    octavo_buf_append(ctx, bytes, (size_t)len);
    return len;
}

xmlOutputBufferPtr octavo_xml_output(octavo_buf *into)
{
    xmlOutputBufferPtr out = xmlOutputBufferCreateIO(append_to_buf, NULL, into, NULL);
    if (!out)
        octavo_out_of_memory(0);
    return out;
}

xmlTextWriterPtr octavo_xml_writer_start(octavo_buf *into)
{
    xmlTextWriterPtr w = xmlNewTextWriter(octavo_xml_output(into));
    if (!w)
        octavo_out_of_memory(0);
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    return w;
}

void octavo_xml_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
    xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}

void octavo_xml_writer_finish(xmlTextWriterPtr w, octavo_buf *into, char **out, size_t *len)
{
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w); /* (flushes) */
    *len = into->len;
    *out = octavo_buf_detach(into);
}

void octavo_xml_serialise(xmlDocPtr doc, char **out, size_t *len)
{
    /* Straight into the buffer that is handed out: no copy of the page. */
    octavo_buf b = OCTAVO_BUF_INIT;
    xmlSaveFormatFileTo(octavo_xml_output(&b), doc, "UTF-8", 1);
    *len = b.len;
    *out = octavo_buf_detach(&b);
}
