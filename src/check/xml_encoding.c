/* xml_encoding.c — the encoding an XML document is in, guessed from its
 * first bytes as EPUBCheck's XMLEncodingSniffer does (the XML
 * specification's appendix F): EPUB asks for UTF-8; UTF-16 is a warning
 * (RSC-027; in an XHTML page an error, HTM-058, said by content.c for
 * EPUB 3), any other an error (RSC-028). EPUBCheck 5 says these for every
 * XML document its XMLParser reads, whatever the book's version
 * (epubcheck 4.2.6 says neither; epubcheck-ts only for the package). */
#include "check_internal.h"

#include <stdio.h>
#include <string.h>

static bool starts(const unsigned char *head, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(head, magic, n) == 0;
}

/* The encoding of the document beginning with `head` (`len` bytes, the
 * first 256 or fewer), or NULL for UTF-8 (or none declared): "UTF-16",
 * "UCS-4", "EBCDIC", or the declared name in upper case, in `name`. */
static const char *sniff(const unsigned char *head, size_t len, char *name, size_t size)
{
    if (len < 4)
        return NULL;
    /* (UTF-16's magic first, so that FF FE 00 00 is UTF-16, as in Java) */
    static const char *const utf16[] = {"\xFE\xFF", "\xFF\xFE", "\0<\0?", "<\0?\0"};
    static const unsigned char utf16_len[] = {2, 2, 4, 4};
    for (size_t i = 0; i < 4; i++)
        if (starts(head, len, utf16[i], utf16_len[i]))
            return "UTF-16";
    static const char *const ucs4[] = {"\0\0\xFE\xFF", "\xFF\xFE\0\0", "\0\0\xFF\xFE",
                                       "\xFE\xFF\0\0", "\0\0\0<",      "\0\0<\0",
                                       "\0<\0\0",      "<\0\0\0"};
    for (size_t i = 0; i < 8; i++)
        if (starts(head, len, ucs4[i], 4))
            return "UCS-4";
    if (starts(head, len, "\xEF\xBB\xBF", 3))
        return NULL;
    if (starts(head, len, "\x4C\x6F\xA7\x94", 4))
        return "EBCDIC";
    /* Its ASCII, up to the end of the XML declaration: (Java looks for
     * encoding= in all the first 256 bytes; an attribute of that name
     * there is no declaration) */
    size_t ascii = 0;
    while (ascii < len && head[ascii] && head[ascii] < 0x80)
        ascii++;
    if (!starts(head, ascii, "<?xml", 5))
        return NULL;
    const char *decl = (const char *)head;
    const char *end = memmem(decl, ascii, "?>", 2);
    size_t n = end ? (size_t)(end - decl) : ascii;
    const char *enc = memmem(decl, n, "encoding=", 9);
    if (!enc || (size_t)(enc + 9 - decl) >= n)
        return NULL;
    enc += 9;
    char quote = *enc++;
    const char *close =
        quote == '"' || quote == '\'' ? memchr(enc, quote, n - (size_t)(enc - decl)) : NULL;
    if (!close)
        return NULL;
    size_t m = (size_t)(close - enc);
    if (m >= size)
        m = size - 1;
    for (size_t i = 0; i < m; i++)
        name[i] = (char)(enc[i] >= 'a' && enc[i] <= 'z' ? enc[i] - 'a' + 'A' : enc[i]);
    name[m] = '\0';
    return strcmp(name, "UTF-8") == 0 ? NULL : name;
}

/* Whether a UTF-16 document's XML declaration says it is UTF-8: Java's
 * parser then stops on its first character after the declaration
 * (RSC-016) where libxml2 believes the byte order mark. */
static bool utf16_declared_utf8(const unsigned char *head, size_t len)
{
    unsigned char ascii[128];
    size_t n = 0;
    size_t low = head[0] == 0xFF || head[0] == '<' ? 0 : 1; /* little-endian: 0 */
    for (size_t i = head[0] >= 0xFE ? 2 : 0; i + 1 < len && n < sizeof ascii; i += 2) {
        if (head[i + 1 - low] != 0 || head[i + low] >= 0x80)
            break;
        ascii[n++] = head[i + low];
    }
    char name[16];
    return n && !sniff(ascii, n, name, sizeof name) && memmem(ascii, n, "encoding=", 9);
}

void octavo_check_xml_encoding(const char *path, const xml_source *src, octavo_diags *r)
{
    char name[64];
    const unsigned char *head = (const unsigned char *)src->head;
    const char *encoding = sniff(head, src->head_len, name, sizeof name);
    if (!encoding)
        return;
    if (strcmp(encoding, "UTF-16") == 0 && utf16_declared_utf8(head, src->head_len))
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-016", path, 1,
                                 "not well-formed: encoded in UTF-16, but its XML declaration "
                                 "says UTF-8");
    if (strcmp(encoding, "UTF-16") != 0)
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-028", path, 0,
                                 "XML documents must be encoded in UTF-8, but %s was detected.",
                                 encoding);
    else if (!src->html)
        octavo_check_add_finding(r, OCTAVO_WARNING, "RSC-027", path, 0,
                                 "XML document is encoded in UTF-16. It should be encoded in "
                                 "UTF-8 instead.");
}
