#include "octavo/resources.h"

#include "octavo/buf.h"
#include "octavo/digest.h"
#include "octavo/mem.h"
#include "octavo/sanitize.h"
#include "octavo/source.h"
#include "octavo/text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <webp/decode.h>

const char *octavo_image_type(const char *data, size_t len)
{
    const unsigned char *b = (const unsigned char *)data;
    if (len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return "image/jpeg";
    if (len >= 6 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0))
        return "image/gif";
    if (len >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return "image/webp";
    /* SVG: XML whose first element is <svg>. */
    size_t look = len < 4096 ? len : 4096;
    if (look >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
        b += 3;
        look -= 3;
    }
    size_t i = 0;
    while (i < look && isspace(b[i]))
        i++;
    if (i < look && b[i] == '<' && memmem(b + i, look - i, "<svg", 4))
        return "image/svg+xml";
    return NULL;
}

static const char *extension_of(const char *type)
{
    if (strcmp(type, "image/png") == 0)
        return "png";
    if (strcmp(type, "image/jpeg") == 0)
        return "jpg";
    if (strcmp(type, "image/gif") == 0)
        return "gif";
    if (strcmp(type, "image/webp") == 0)
        return "webp";
    return "svg";
}

char *octavo_url_decode(const char *s, size_t len)
{
    char *out = octavo_xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
            isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            char c = (char)strtol(hex, NULL, 16);
            if (c) { /* never a NUL in a path */
                out[n++] = c;
                i += 2;
                continue;
            }
        }
        out[n++] = s[i];
    }
    out[n] = '\0';
    return out;
}

/* ---- SVG ---------------------------------------------------------------- */

static bool is_local_reference(const char *v)
{
    while (*v == ' ')
        v++;
    return *v == '#' || *v == '\0';
}

/* The node a depth-first walk of `root` visits after `n` and all that is
 * inside it (NULL at the end). */
static xmlNodePtr next_outside(xmlNodePtr n, xmlNodePtr root)
{
    while (n && !n->next && n != root)
        n = n->parent;
    return n && n != root ? n->next : NULL;
}

/* Removes what could run or reach out from an SVG: script, foreignObject
 * and style elements, on* handlers, references that are not "#..." (and
 * the DOCTYPE, whose entities could expand). Iterative: the depth of the
 * file is the input's choice. */
static bool clean_svg(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "svg") != 0)
        return false;
    if (doc->intSubset) {
        xmlNodePtr dtd = (xmlNodePtr)doc->intSubset;
        xmlUnlinkNode(dtd);
        xmlFreeDtd((xmlDtdPtr)dtd);
    }
    xmlNodePtr n = root;
    while (n) {
        xmlNodePtr next_node = NULL;
        if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (strcasecmp(name, "script") == 0 || strcasecmp(name, "foreignObject") == 0 ||
                strcasecmp(name, "style") == 0 || strcasecmp(name, "iframe") == 0) {
                /* Go on after it, then drop it. */
                next_node = next_outside(n, root);
                xmlUnlinkNode(n);
                xmlFreeNode(n);
                n = next_node;
                continue;
            }
            if (strcasecmp(name, "a") == 0) {
                /* A link in a picture shown with <img> cannot be followed:
                 * keep what it holds, not the link. */
                xmlNodePtr first = n->children, child = n->children;
                while (child) {
                    xmlNodePtr next_child = child->next;
                    xmlUnlinkNode(child);
                    xmlAddPrevSibling(n, child);
                    child = next_child;
                }
                next_node = first ? first : next_outside(n, root);
                xmlUnlinkNode(n);
                xmlFreeNode(n);
                n = next_node;
                continue;
            }
            xmlAttrPtr a = n->properties;
            while (a) {
                xmlAttrPtr next_attr = a->next;
                const char *aname = (const char *)a->name;
                xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
                bool drop =
                    strncasecmp(aname, "on", 2) == 0 ||
                    ((strcasecmp(aname, "href") == 0 || strcasecmp(aname, "src") == 0) &&
                     !is_local_reference(v ? (const char *)v : "")) ||
                    (strcasecmp(aname, "style") == 0 && v && strstr((const char *)v, "url("));
                xmlFree(v);
                if (drop)
                    xmlRemoveProp(a);
                a = next_attr;
            }
        }
        if (n->type == XML_ENTITY_REF_NODE) {
            /* An entity whose declaration went with the DOCTYPE. */
            next_node = next_outside(n, root);
            xmlUnlinkNode(n);
            xmlFreeNode(n);
            n = next_node;
            continue;
        }
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        n = next_outside(n, root);
    }
    return true;
}

static bool sanitize_svg(octavo_image *img)
{
    if (img->len > INT32_MAX)
        return false;
    xmlDocPtr doc = xmlReadMemory(img->data, (int)img->len, "image.svg", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return false;
    bool ok = clean_svg(doc);
    if (ok) {
        xmlChar *mem = NULL;
        int size = 0;
        xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
        free(img->data);
        img->data = octavo_xstrndup((const char *)mem, (size_t)size);
        img->len = (size_t)size;
        xmlFree(mem);
    }
    xmlFreeDoc(doc);
    return ok;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct image_ref {
    const octavo_chapter *chapter;
    unsigned line;
    octavo_diags *d;
} image_ref;

static void warn(const image_ref *at, const char *url, const char *why)
{
    octavo_diag_add(at->d, OCTAVO_WARNING, at->chapter->source_path, at->line, 0,
                    "image '%s' is not embedded: %s; its description is shown instead", url, why);
}

/* The file an image URL names, resolved, if it is inside the chapter's
 * source root; NULL (with a warning) otherwise. */
static char *resolve_local(const image_ref *at, const char *url)
{
    if (!*url) {
        warn(at, url, "it has no address");
        return NULL;
    }
    if (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0) {
        warn(at, url, "remote images are never fetched");
        return NULL;
    }
    if (octavo_url_has_scheme(url) || url[0] == '/' || url[0] == '\\') {
        warn(at, url, "only files inside the source folder are read");
        return NULL;
    }
    size_t path_len = strcspn(url, "?#");
    char *path = octavo_url_decode(url, path_len);
    char *source = octavo_xstrdup(at->chapter->source_path);
    octavo_buf joined = OCTAVO_BUF_INIT;
    octavo_buf_printf(&joined, "%s/%s", dirname(source), path);
    char *real = realpath(octavo_buf_cstr(&joined), NULL);
    const char *root = at->chapter->source_root;
    bool inside = real && root && octavo_path_is_inside(real, root);
    if (!real)
        warn(at, url, "no such file");
    else if (!inside)
        warn(at, url, "it is outside the source folder");
    free(path);
    free(source);
    octavo_buf_free(&joined);
    if (!inside) {
        free(real);
        return NULL;
    }
    return real;
}

/* What decoding pictures may cost a book: a WebP picture is decoded to be
 * stored as PNG, and a few bytes of one can claim millions of pixels. */
#define PICTURE_MAX_PIXELS ((uint64_t)16 * 1024 * 1024)
#define BOOK_MAX_PIXELS    ((uint64_t)64 * 1024 * 1024)

static void png_append(png_structp png, png_bytep data, png_size_t len)
{
    octavo_buf_append(png_get_io_ptr(png), (const char *)data, len);
}

static void png_flush(png_structp png)
{
    (void)png;
}

/* A WebP picture as PNG, lossless: WebP is a core type only since EPUB
 * 3.3, and the readers of EPUB 3.2 (and epubcheck 4) cannot show it.
 * Its pixels are counted in *decoded, which the book's budget bounds. */
static bool webp_to_png(octavo_image *img, uint64_t *decoded, const char **why)
{
    int width, height;
    if (!WebPGetInfo((const uint8_t *)img->data, img->len, &width, &height)) {
        *why = "it is not a readable WebP image";
        return false;
    }
    uint64_t pixels = (uint64_t)width * (uint64_t)height;
    if (pixels > PICTURE_MAX_PIXELS) {
        *why = "it is larger than 16 megapixels (4096x4096)";
        return false;
    }
    if (*decoded + pixels > BOOK_MAX_PIXELS) {
        *why = "the book's WebP pictures pass 64 megapixels in all";
        return false;
    }
    *decoded += pixels;
    uint8_t *rgba = WebPDecodeRGBA((const uint8_t *)img->data, img->len, &width, &height);
    if (!rgba) {
        *why = "it is not a readable WebP image";
        return false;
    }
    octavo_buf out = OCTAVO_BUF_INIT;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep *rows = octavo_xcalloc((size_t)height, sizeof *rows);
    bool ok = png && info;
    if (ok && setjmp(png_jmpbuf(png)) == 0) {
        png_set_write_fn(png, &out, png_append, png_flush);
        png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGBA,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        for (int y = 0; y < height; y++)
            rows[y] = rgba + (size_t)y * (size_t)width * 4;
        png_set_rows(png, info, rows);
        png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    } else {
        ok = false;
    }
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    free(rows);
    WebPFree(rgba);
    if (!ok) {
        octavo_buf_free(&out);
        *why = "it could not be converted to PNG";
        return false;
    }
    free(img->data);
    img->len = out.len;
    img->data = octavo_buf_detach(&out);
    img->media_type = "image/png";
    return true;
}

/* Reads and checks the image file `path` (inside `root` unless NULL) into
 * `img` (data, type; SVG cleaned, WebP converted), counting the pixels it
 * decodes in *decoded. On failure returns false and says why. */
static bool load_image(const char *path, const char *root, uint64_t *decoded, octavo_image *img,
                       const char **why)
{
    *img = (octavo_image){0};
    char *data;
    size_t got;
    octavo_read_result read =
        octavo_read_whole_file(path, root, OCTAVO_IMAGE_MAX_BYTES, &data, &got, NULL);
    switch (read) {
    case OCTAVO_READ_OK:
        break;
    case OCTAVO_READ_TOO_LARGE:
        *why = "it is larger than 32 MB";
        return false;
    default:
        *why = octavo_read_result_text(read);
        return false;
    }
    img->data = data;
    img->len = got;
    img->media_type = octavo_image_type(data, got);
    if (!img->media_type) {
        *why = "it is not a PNG, JPEG, GIF, WebP or SVG image";
    } else if (strcmp(img->media_type, "image/svg+xml") == 0 && !sanitize_svg(img)) {
        *why = "it is not a well-formed SVG image";
        img->media_type = NULL;
    } else if (strcmp(img->media_type, "image/webp") == 0 && !webp_to_png(img, decoded, why)) {
        img->media_type = NULL;
    }
    if (!img->media_type) {
        free(img->data);
        img->data = NULL;
        return false;
    }
    octavo_sha1 ctx;
    octavo_sha1_init(&ctx);
    octavo_sha1_update(&ctx, img->data, img->len);
    octavo_sha1_final(&ctx, img->hash);
    return true;
}

/* Adds a loaded image to the book, named after its content (or `name`),
 * unless the same picture is there already; returns its 1-based index. */
static size_t store_image(octavo_book *book, octavo_image *img, const char *name)
{
    for (size_t i = 0; i < book->image_count && !name; i++)
        if (memcmp(book->images[i].hash, img->hash, sizeof img->hash) == 0) {
            free(img->data);
            return i + 1;
        }
    char hex[11];
    for (int i = 0; i < 5; i++)
        snprintf(hex + 2 * i, 3, "%02x", img->hash[i]);
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_printf(&b, "images/%s.%s", name ? name : hex, extension_of(img->media_type));
    img->path = octavo_buf_detach(&b);
    octavo_buf_printf(&b, "img-%s", name ? name : hex);
    img->id = octavo_buf_detach(&b);
    book->images =
        octavo_xgrow(book->images, &book->image_cap, book->image_count + 1, sizeof *book->images);
    book->images[book->image_count++] = *img;
    return book->image_count;
}

/* The image `path` (already resolved) as an index into book->images;
 * 0 (with a warning) when it cannot be used. */
static size_t add_image(octavo_book *book, const image_ref *at, const char *url, const char *path,
                        uint64_t *decoded)
{
    octavo_image img;
    const char *why;
    if (!load_image(path, at->chapter->source_root, decoded, &img, &why)) {
        warn(at, url, why);
        return 0;
    }
    return store_image(book, &img, NULL);
}

/* Files already read, by real path: a picture shown in many places is
 * read once. A hash table, so many images stay linear. */
typedef struct seen_file {
    char *real;
    size_t index; /* into book->images, 1-based; 0: it could not be used */
} seen_file;

typedef struct seen_files {
    seen_file *slots;
    size_t cap, count;
    uint64_t decoded; /* pixels decoded so far (see BOOK_MAX_PIXELS) */
} seen_files;

static size_t path_hash(const char *s)
{
    size_t h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static seen_file *seen_slot(seen_files *t, const char *real)
{
    if ((t->count + 1) * 2 > t->cap) {
        seen_files bigger = {octavo_xcalloc(t->cap ? 2 * t->cap : 64, sizeof *t->slots),
                             t->cap ? 2 * t->cap : 64, t->count, t->decoded};
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].real) {
                size_t j = path_hash(t->slots[i].real) & (bigger.cap - 1);
                while (bigger.slots[j].real)
                    j = (j + 1) & (bigger.cap - 1);
                bigger.slots[j] = t->slots[i];
            }
        free(t->slots);
        *t = bigger;
    }
    size_t i = path_hash(real) & (t->cap - 1);
    while (t->slots[i].real && strcmp(t->slots[i].real, real) != 0)
        i = (i + 1) & (t->cap - 1);
    return &t->slots[i];
}

static void seen_files_free(seen_files *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].real);
    free(t->slots);
}

/* The image a URL of a chapter names, as an index into book->images; 0
 * (with a warning) when it cannot be embedded. */
static size_t find_image(octavo_book *book, seen_files *seen, const image_ref *at, const char *url)
{
    char *real = resolve_local(at, url);
    if (!real)
        return 0;
    seen_file *slot = seen_slot(seen, real);
    if (slot->real) {
        /* A file that failed is tried again, to say why at this place too. */
        size_t index = slot->index ? slot->index : add_image(book, at, url, real, &seen->decoded);
        free(real);
        return index;
    }
    slot->real = real;
    slot->index = add_image(book, at, url, real, &seen->decoded);
    seen->count++;
    return slot->index;
}

void octavo_collect_images(octavo_book *book, octavo_diags *d)
{
    seen_files seen = {0};
    for (size_t c = 0; c < book->chapter_count; c++) {
        const octavo_chapter *chapter = &book->chapters[c];
        for (size_t i = 0; i < chapter->markdown_ref_count; i++) {
            octavo_markdown_ref *ref = &chapter->markdown_refs[i];
            if (!ref->image)
                continue;
            image_ref at = {chapter, ref->line, d};
            ref->image_index = find_image(book, &seen, &at, ref->written);
        }
        /* <img> in raw HTML, the same way. */
        octavo_chapter *writable = &book->chapters[c];
        for (size_t i = 0; i < writable->html_ref_count; i++) {
            octavo_html_ref *ref = &writable->html_refs[i];
            if (ref->kind != OCTAVO_HTML_IMAGE)
                continue;
            image_ref at = {chapter, ref->line, d};
            size_t index = find_image(book, &seen, &at, ref->written);
            if (index) {
                octavo_buf src = OCTAVO_BUF_INIT;
                octavo_buf_printf(&src, "../%s", book->images[index - 1].path);
                ref->becomes = octavo_buf_detach(&src);
            }
        }
    }
    seen_files_free(&seen);
}

octavo_status octavo_add_cover(octavo_book *book, const char *path, const char *root,
                               const char *named_in, octavo_diags *d)
{
    octavo_image img;
    const char *why;
    uint64_t decoded = 0;
    if (!load_image(path, root, &decoded, &img, &why)) {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0, "cover '%s': %s", path, why);
        return OCTAVO_EINPUT;
    }
    book->cover = store_image(book, &img, "cover");
    return OCTAVO_OK;
}

/* Splits a title into lines of at most `width` (CJK characters count
 * two), breaking at spaces in Latin text and anywhere in CJK text. */
static size_t wrap(const char *text, size_t width, char lines[][256], size_t max_lines)
{
    size_t count = 0, len = strlen(text), i = 0;
    while (i < len && count < max_lines) {
        size_t start = i, w = 0, last_space = 0;
        while (i < len) {
            uint32_t cp;
            size_t k = octavo_utf8_decode(text + i, len - i, &cp);
            if (!k)
                k = 1;
            size_t cw = octavo_is_cjk(cp) ? 2 : 1;
            if (w + cw > width)
                break;
            if (cp == ' ')
                last_space = i;
            w += cw;
            i += k;
        }
        if (i < len && last_space > start)
            i = last_space + 1;
        size_t n = i - start < 255 ? i - start : 255;
        memcpy(lines[count], text + start, n);
        lines[count][n] = '\0';
        count++;
        while (i < len && text[i] == ' ')
            i++;
    }
    return count;
}

static void svg_text(xmlNodePtr svg, int y, const char *size, const char *weight, const char *text)
{
    xmlNodePtr t = xmlNewChild(svg, NULL, BAD_CAST "text", NULL);
    xmlNodeAddContent(t, BAD_CAST text);
    char ys[16];
    snprintf(ys, sizeof ys, "%d", y);
    xmlNewProp(t, BAD_CAST "x", BAD_CAST "300");
    xmlNewProp(t, BAD_CAST "y", BAD_CAST ys);
    xmlNewProp(t, BAD_CAST "font-size", BAD_CAST size);
    xmlNewProp(t, BAD_CAST "font-weight", BAD_CAST weight);
    /* On each text, not inherited: some renderers do not inherit them. */
    xmlNewProp(t, BAD_CAST "text-anchor", BAD_CAST "middle");
    xmlNewProp(t, BAD_CAST "fill", BAD_CAST "#ffffff");
    xmlNewProp(t, BAD_CAST "font-family",
               BAD_CAST "serif, 'Noto Serif CJK SC', 'Noto Serif CJK TC', 'Source Han Serif'");
}

void octavo_make_cover(octavo_book *book)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr svg = xmlNewDocNode(doc, NULL, BAD_CAST "svg", NULL);
    xmlSetNs(svg, xmlNewNs(svg, BAD_CAST "http://www.w3.org/2000/svg", NULL));
    xmlDocSetRootElement(doc, svg);
    xmlNewProp(svg, BAD_CAST "viewBox", BAD_CAST "0 0 600 900");
    xmlNewProp(svg, BAD_CAST "width", BAD_CAST "600");
    xmlNewProp(svg, BAD_CAST "height", BAD_CAST "900");
    xmlNodePtr title = xmlNewChild(svg, NULL, BAD_CAST "title", NULL);
    xmlNodeAddContent(title, BAD_CAST book->title);
    xmlNodePtr bg = xmlNewChild(svg, NULL, BAD_CAST "rect", NULL);
    xmlNewProp(bg, BAD_CAST "width", BAD_CAST "600");
    xmlNewProp(bg, BAD_CAST "height", BAD_CAST "900");
    xmlNewProp(bg, BAD_CAST "fill", BAD_CAST "#1f3b4d");
    xmlNodePtr band = xmlNewChild(svg, NULL, BAD_CAST "rect", NULL);
    xmlNewProp(band, BAD_CAST "x", BAD_CAST "60");
    xmlNewProp(band, BAD_CAST "y", BAD_CAST "150");
    xmlNewProp(band, BAD_CAST "width", BAD_CAST "480");
    xmlNewProp(band, BAD_CAST "height", BAD_CAST "4");
    xmlNewProp(band, BAD_CAST "fill", BAD_CAST "#e0c068");
    xmlNodePtr g = svg;
    char lines[5][256];
    size_t n = wrap(book->title, 20, lines, 5);
    int y = 300;
    for (size_t i = 0; i < n; i++, y += 70)
        svg_text(g, y, "52", "bold", lines[i]);
    if (book->subtitle) {
        n = wrap(book->subtitle, 30, lines, 2);
        for (size_t i = 0; i < n; i++, y += 46)
            svg_text(g, y + 10, "30", "normal", lines[i]);
    }
    octavo_buf authors = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < book->authors.count && i < 4; i++) {
        if (i)
            octavo_buf_puts(&authors, " · ");
        octavo_buf_puts(&authors, book->authors.items[i]);
    }
    if (authors.len) {
        n = wrap(octavo_buf_cstr(&authors), 34, lines, 2);
        for (size_t i = 0; i < n; i++)
            svg_text(g, 760 + (int)i * 44, "30", "normal", lines[i]);
    }
    octavo_buf_free(&authors);
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    octavo_image img = {.media_type = "image/svg+xml",
                        .data = octavo_xstrndup((const char *)mem, (size_t)size),
                        .len = (size_t)size};
    xmlFree(mem);
    xmlFreeDoc(doc);
    book->cover = store_image(book, &img, "cover");
}
