#include "resources.h"

#include "buf.h"
#include "css.h"
#include "digest.h"
#include "file.h"
#include "image_size.h"
#include "mem.h"
#include "sanitize.h"
#include "text.h"
#include "url.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <png.h>
#include <stdio.h>
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

/* ---- SVG ---------------------------------------------------------------- */

/* A picture is rebuilt from what it draws, never copied: only the
 * elements and attributes of SVG 1.1 below are carried over (shapes, text,
 * paint servers, clipping, masking, markers and filters, each with its own
 * attributes, as epubcheck's SVG schema has them). Animation, scripting,
 * event handlers, foreignObject, links and anything in another namespace
 * do not exist in the copy. */
#define SVG_NS   "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define XHTML_NS "http://www.w3.org/1999/xhtml"

enum {
    STYLED = 1,    /* class, style */
    PAINTED = 2,   /* the presentation attributes */
    TESTED = 4,    /* requiredFeatures, systemLanguage */
    MOVED = 8,     /* transform */
    PRIMITIVE = 16 /* a filter primitive: x y width height result */
};

typedef struct svg_element {
    const char *name;
    unsigned groups;
    const char *own;      /* its own attributes, " "-separated; href is xlink:href */
    const char *parents;  /* the elements it may be in (SVG 1.1's content models) */
    const char *required; /* attributes it is not valid without */
} svg_element;

/* Where elements may be. */
#define CONTAINERS "svg g defs symbol pattern marker mask"
#define IN_GROUPS  CONTAINERS " switch"
#define DRAWN      IN_GROUPS " clipPath"
#define DESCRIBED                                                                                  \
    DRAWN " path rect circle ellipse line polyline polygon text tspan textPath use image "         \
          "linearGradient radialGradient filter"
#define LIGHTS "feDiffuseLighting feSpecularLighting"

#define GRAPHIC (STYLED | PAINTED | TESTED | MOVED)
#define FE      (STYLED | PAINTED | PRIMITIVE)

static const svg_element svg_elements[] = {
    {"svg", STYLED | PAINTED | TESTED,
     "x y width height viewBox preserveAspectRatio version "
     "baseProfile zoomAndPan",
     IN_GROUPS, ""},
    {"g", GRAPHIC, "", IN_GROUPS, ""},
    {"defs", GRAPHIC, "", CONTAINERS, ""},
    {"symbol", STYLED | PAINTED, "viewBox preserveAspectRatio", CONTAINERS, ""},
    {"use", GRAPHIC, "x y width height href", DRAWN, ""},
    {"switch", GRAPHIC, "", IN_GROUPS, ""},
    {"path", GRAPHIC, "d pathLength", DRAWN, "d"},
    {"rect", GRAPHIC, "x y width height rx ry", DRAWN, "width height"},
    {"circle", GRAPHIC, "cx cy r", DRAWN, "r"},
    {"ellipse", GRAPHIC, "cx cy rx ry", DRAWN, "rx ry"},
    {"line", GRAPHIC, "x1 y1 x2 y2", DRAWN, ""},
    {"polyline", GRAPHIC, "points", DRAWN, "points"},
    {"polygon", GRAPHIC, "points", DRAWN, "points"},
    {"text", GRAPHIC, "x y dx dy rotate textLength lengthAdjust", DRAWN, ""},
    {"tspan", STYLED | PAINTED | TESTED, "x y dx dy rotate textLength lengthAdjust",
     "text tspan textPath", ""},
    {"textPath", STYLED | PAINTED | TESTED, "href startOffset method spacing", "text", ""},
    {"title", STYLED, "", DESCRIBED, ""},
    {"desc", STYLED, "", DESCRIBED, ""},
    {"linearGradient", STYLED | PAINTED,
     "x1 y1 x2 y2 gradientUnits gradientTransform spreadMethod href", CONTAINERS, ""},
    {"radialGradient", STYLED | PAINTED,
     "cx cy r fx fy gradientUnits gradientTransform spreadMethod href", CONTAINERS, ""},
    {"stop", STYLED | PAINTED, "offset", "linearGradient radialGradient", "offset"},
    {"pattern", STYLED | PAINTED | TESTED,
     "x y width height patternUnits patternContentUnits patternTransform viewBox "
     "preserveAspectRatio href",
     CONTAINERS, ""},
    {"clipPath", GRAPHIC, "clipPathUnits", CONTAINERS, ""},
    {"mask", STYLED | PAINTED | TESTED, "x y width height maskUnits maskContentUnits", CONTAINERS,
     ""},
    {"marker", STYLED | PAINTED,
     "viewBox preserveAspectRatio refX refY markerUnits markerWidth markerHeight orient",
     CONTAINERS, ""},
    {"image", GRAPHIC, "x y width height preserveAspectRatio href", IN_GROUPS, "width height"},
    {"style", 0, "type media title", CONTAINERS, ""},
    {"filter", STYLED | PAINTED, "x y width height filterRes filterUnits primitiveUnits href",
     CONTAINERS, ""},
    {"feBlend", FE, "in in2 mode", "filter", "in2"},
    {"feColorMatrix", FE, "in type values", "filter", ""},
    {"feComponentTransfer", FE, "in", "filter", ""},
    {"feComposite", FE, "in in2 operator k1 k2 k3 k4", "filter", "in2"},
    {"feConvolveMatrix", FE,
     "in order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength "
     "preserveAlpha",
     "filter", "order kernelMatrix"},
    {"feDiffuseLighting", FE, "in surfaceScale diffuseConstant kernelUnitLength", "filter", ""},
    {"feDisplacementMap", FE, "in in2 scale xChannelSelector yChannelSelector", "filter", "in2"},
    {"feFlood", FE, "", "filter", ""},
    {"feGaussianBlur", FE, "in stdDeviation", "filter", ""},
    {"feImage", FE, "href preserveAspectRatio", "filter", ""},
    {"feMerge", FE, "", "filter", ""},
    {"feMergeNode", 0, "in", "feMerge", ""},
    {"feMorphology", FE, "in operator radius", "filter", ""},
    {"feOffset", FE, "in dx dy", "filter", ""},
    {"feSpecularLighting", FE, "in surfaceScale specularConstant specularExponent kernelUnitLength",
     "filter", ""},
    {"feTile", FE, "in", "filter", ""},
    {"feTurbulence", FE, "baseFrequency numOctaves seed stitchTiles type", "filter", ""},
    {"feDistantLight", 0, "azimuth elevation", LIGHTS, ""},
    {"fePointLight", 0, "x y z", LIGHTS, ""},
    {"feSpotLight", 0, "x y z pointsAtX pointsAtY pointsAtZ specularExponent limitingConeAngle",
     LIGHTS, ""},
    {"feFuncR", 0, "type tableValues slope intercept amplitude exponent offset",
     "feComponentTransfer", "type"},
    {"feFuncG", 0, "type tableValues slope intercept amplitude exponent offset",
     "feComponentTransfer", "type"},
    {"feFuncB", 0, "type tableValues slope intercept amplitude exponent offset",
     "feComponentTransfer", "type"},
    {"feFuncA", 0, "type tableValues slope intercept amplitude exponent offset",
     "feComponentTransfer", "type"},
};

/* SVG 1.1's presentation attributes (`direction` and `unicode-bidi` left
 * out: epubcheck rejects them in CSS). */
static const char *const svg_presentation[] = {"alignment-baseline",
                                               "baseline-shift",
                                               "clip",
                                               "clip-path",
                                               "clip-rule",
                                               "color",
                                               "color-interpolation",
                                               "color-interpolation-filters",
                                               "color-rendering",
                                               "cursor",
                                               "display",
                                               "dominant-baseline",
                                               "enable-background",
                                               "fill",
                                               "fill-opacity",
                                               "fill-rule",
                                               "filter",
                                               "flood-color",
                                               "flood-opacity",
                                               "font-family",
                                               "font-size",
                                               "font-size-adjust",
                                               "font-stretch",
                                               "font-style",
                                               "font-variant",
                                               "font-weight",
                                               "glyph-orientation-horizontal",
                                               "glyph-orientation-vertical",
                                               "image-rendering",
                                               "kerning",
                                               "letter-spacing",
                                               "lighting-color",
                                               "marker-end",
                                               "marker-mid",
                                               "marker-start",
                                               "mask",
                                               "opacity",
                                               "overflow",
                                               "pointer-events",
                                               "shape-rendering",
                                               "stop-color",
                                               "stop-opacity",
                                               "stroke",
                                               "stroke-dasharray",
                                               "stroke-dashoffset",
                                               "stroke-linecap",
                                               "stroke-linejoin",
                                               "stroke-miterlimit",
                                               "stroke-opacity",
                                               "stroke-width",
                                               "text-anchor",
                                               "text-decoration",
                                               "text-rendering",
                                               "visibility",
                                               "word-spacing",
                                               "writing-mode",
                                               NULL};

static const svg_element *find_svg_element(const char *name)
{
    for (size_t i = 0; i < sizeof svg_elements / sizeof *svg_elements; i++)
        if (svg_elements[i].name[0] == name[0] && strcmp(svg_elements[i].name, name) == 0)
            return &svg_elements[i];
    return NULL;
}

/* Whether `name` is one of the " "-separated `words`. */
static bool among(const char *name, const char *words)
{
    size_t len = strlen(name);
    if (!len || strchr(name, ' '))
        return false;
    for (const char *w = words; (w = strstr(w, name)) != NULL; w += len)
        if ((w == words || w[-1] == ' ') && (w[len] == ' ' || w[len] == '\0'))
            return true;
    return false;
}

static bool listed(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (**list == *name && strcmp(name, *list) == 0)
            return true;
    return false;
}

/* What was left out of a picture that could run or reach outside it
 * (editors' own data in their namespaces is left out without a word). */
typedef struct svg_drops {
    size_t count;
    char first[96]; /* "element 'script'" */
} svg_drops;

static void svg_drop(svg_drops *drops, const char *what, const char *name)
{
    if (!drops->count++)
        snprintf(drops->first, sizeof drops->first, "%s '%.60s'", what, name);
}

typedef enum svg_kind {
    SVG_KEEP,
    SVG_UNWRAP,    /* a link: what it holds is kept, the link cannot be followed in <img> */
    SVG_DROP,      /* could run or reach out: reported */
    SVG_MISPLACED, /* where SVG 1.1 does not have it: reported */
    SVG_QUIET,     /* an editor's data, metadata, comments */
} svg_kind;

static bool in_ns(const xmlNode *n, const char *href)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

/* What becomes of `n` in the copy, where it would be in `parent`. */
static svg_kind classify(const xmlNode *n, const xmlNode *parent)
{
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_PI_NODE ? SVG_DROP : SVG_QUIET;
    const char *name = (const char *)n->name;
    if (in_ns(n, SVG_NS)) {
        const svg_element *el = find_svg_element(name);
        if (el)
            return among((const char *)parent->name, el->parents) ? SVG_KEEP : SVG_MISPLACED;
        if (strcmp(name, "a") == 0)
            return SVG_UNWRAP;
        return strcmp(name, "metadata") == 0 ? SVG_QUIET : SVG_DROP;
    }
    /* HTML and unqualified elements can act; other namespaces are editors'. */
    return !n->ns || in_ns(n, XHTML_NS) ? SVG_DROP : SVG_QUIET;
}

/* A reference inside the picture: "#id". */
static bool is_local_reference(const char *v)
{
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    return v[0] == '#' && v[1] && !strpbrk(v, " \t\r\n");
}

/* The value of an attribute, if it is text alone (an entity reference in it
 * was not expanded: NULL). Caller frees. */
static xmlChar *attribute_text(const xmlAttr *a)
{
    for (const xmlNode *c = a->children; c; c = c->next)
        if (c->type != XML_TEXT_NODE)
            return NULL;
    return xmlNodeListGetString(a->doc, a->children, 1);
}

static bool is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ';')
        s++;
    return !*s;
}

static bool svg_attribute_allowed(const svg_element *el, const char *name)
{
    return strcmp(name, "id") == 0 ||
           ((el->groups & STYLED) && (strcmp(name, "class") == 0 || strcmp(name, "style") == 0)) ||
           ((el->groups & PAINTED) && listed(name, svg_presentation)) ||
           ((el->groups & TESTED) &&
            (strcmp(name, "requiredFeatures") == 0 || strcmp(name, "systemLanguage") == 0)) ||
           ((el->groups & MOVED) && strcmp(name, "transform") == 0) ||
           ((el->groups & PRIMITIVE) && among(name, "x y width height result")) ||
           among(name, el->own);
}

/* Attributes whose values SVG 1.1 enumerates (epubcheck checks them;
 * presentation attributes may also be "inherit"). */
typedef struct svg_values {
    const char *element; /* NULL: on any element */
    const char *name;
    const char *values; /* " "-separated */
} svg_values;

#define UNITS "objectBoundingBox userSpaceOnUse"
#define BASELINES                                                                                  \
    "auto use-script no-change reset-size ideographic alphabetic hanging mathematical central "    \
    "middle text-after-edge text-before-edge inherit"

static const svg_values svg_enumerations[] = {
    {NULL, "version", "1.0 1.1 1.2"},
    {NULL, "zoomAndPan", "disable magnify"},
    {NULL, "gradientUnits", UNITS},
    {NULL, "clipPathUnits", UNITS},
    {NULL, "maskUnits", UNITS},
    {NULL, "maskContentUnits", UNITS},
    {NULL, "patternUnits", UNITS},
    {NULL, "patternContentUnits", UNITS},
    {NULL, "filterUnits", UNITS},
    {NULL, "primitiveUnits", UNITS},
    {NULL, "markerUnits", "strokeWidth userSpaceOnUse"},
    {NULL, "spreadMethod", "pad reflect repeat"},
    {NULL, "lengthAdjust", "spacing spacingAndGlyphs"},
    {NULL, "method", "align stretch"},
    {NULL, "spacing", "auto exact"},
    {NULL, "mode",
     "normal multiply screen overlay darken lighten color-dodge color-burn hard-light "
     "soft-light difference exclusion hue saturation color luminosity"},
    {NULL, "stitchTiles", "noStitch stitch"},
    {NULL, "edgeMode", "duplicate wrap none"},
    {NULL, "preserveAlpha", "false true"},
    {NULL, "xChannelSelector", "R G B A"},
    {NULL, "yChannelSelector", "R G B A"},
    {"feTurbulence", "type", "fractalNoise turbulence"},
    {"feColorMatrix", "type", "matrix saturate hueRotate luminanceToAlpha"},
    {"feFuncR", "type", "identity table discrete linear gamma"},
    {"feFuncG", "type", "identity table discrete linear gamma"},
    {"feFuncB", "type", "identity table discrete linear gamma"},
    {"feFuncA", "type", "identity table discrete linear gamma"},
    {"feComposite", "operator", "over in out atop xor arithmetic"},
    {"feMorphology", "operator", "erode dilate"},
    {NULL, "fill-rule", "nonzero evenodd inherit"},
    {NULL, "clip-rule", "nonzero evenodd inherit"},
    {NULL, "display",
     "inline block list-item run-in compact marker table inline-table table-row-group "
     "table-header-group table-footer-group table-row table-column-group table-column "
     "table-cell table-caption none inherit"},
    {NULL, "visibility", "visible hidden collapse inherit"},
    {NULL, "stroke-linecap", "butt round square inherit"},
    {NULL, "stroke-linejoin", "miter round bevel inherit"},
    {NULL, "text-anchor", "start middle end inherit"},
    {NULL, "pointer-events",
     "visiblePainted visibleFill visibleStroke visible painted fill stroke all none inherit"},
    {NULL, "font-weight", "normal bold bolder lighter 100 200 300 400 500 600 700 800 900 inherit"},
    {NULL, "font-style", "normal italic oblique inherit"},
    {NULL, "font-variant", "normal small-caps inherit"},
    {NULL, "font-stretch",
     "normal wider narrower ultra-condensed extra-condensed condensed semi-condensed "
     "semi-expanded expanded extra-expanded ultra-expanded inherit"},
    {NULL, "overflow", "visible hidden scroll auto inherit"},
    {NULL, "color-interpolation", "auto sRGB linearRGB inherit"},
    {NULL, "color-interpolation-filters", "auto sRGB linearRGB inherit"},
    {NULL, "color-rendering", "auto optimizeSpeed optimizeQuality inherit"},
    {NULL, "image-rendering", "auto optimizeSpeed optimizeQuality inherit"},
    {NULL, "shape-rendering", "auto optimizeSpeed crispEdges geometricPrecision inherit"},
    {NULL, "text-rendering", "auto optimizeSpeed optimizeLegibility geometricPrecision inherit"},
    {NULL, "writing-mode", "lr-tb rl-tb tb-rl lr rl tb inherit"},
    {NULL, "dominant-baseline", BASELINES},
    {NULL, "alignment-baseline",
     "auto baseline before-edge text-before-edge middle central after-edge text-after-edge "
     "ideographic alphabetic hanging mathematical inherit"},
};

/* preserveAspectRatio: [defer] <align> [meet | slice]. */
static bool aspect_ratio_valid(const char *v)
{
    char words[4][16];
    int n = sscanf(v, "%15s %15s %15s %15s", words[0], words[1], words[2], words[3]);
    int i = 0;
    if (n >= 1 && strcmp(words[0], "defer") == 0)
        i++;
    if (i >= n ||
        !among(words[i], "none xMinYMin xMidYMin xMaxYMin xMinYMid xMidYMid xMaxYMid xMinYMax "
                         "xMidYMax xMaxYMax"))
        return false;
    i++;
    if (i < n && among(words[i], "meet slice"))
        i++;
    return i == n;
}

/* Whether `value` is one SVG 1.1 allows for `name` on `element` (only
 * enumerated values are looked at, as epubcheck does). */
static bool svg_value_valid(const char *element, const char *name, const char *value)
{
    if (strcmp(name, "preserveAspectRatio") == 0)
        return aspect_ratio_valid(value);
    for (size_t i = 0; i < sizeof svg_enumerations / sizeof *svg_enumerations; i++) {
        const svg_values *e = &svg_enumerations[i];
        if (e->name[0] == name[0] && strcmp(e->name, name) == 0 &&
            (!e->element || strcmp(e->element, element) == 0)) {
            size_t start = strspn(value, " \t\r\n"), len = strcspn(value + start, " \t\r\n");
            char word[48];
            if (len == 0 || len >= sizeof word ||
                value[start + len + strspn(value + start + len, " \t\r\n")])
                return false;
            memcpy(word, value + start, len);
            word[len] = '\0';
            return among(word, e->values);
        }
    }
    return true;
}

/* xml:lang: an RFC 3066 language tag, or empty. */
static bool language_valid(const char *v)
{
    size_t part = 0, first = 1;
    for (; *v; v++) {
        if (*v == '-' && part) {
            part = 0;
            first = 0;
        } else if (((*v | 0x20) >= 'a' && (*v | 0x20) <= 'z') ||
                   (!first && *v >= '0' && *v <= '9')) {
            if (++part > 8)
                return false;
        } else {
            return false;
        }
    }
    return part || first;
}

/* A reference as xlink:href, which SVG 1.1 knows (SVG 2's plain href
 * too becomes it); the first one given wins. */
static void set_xlink_href(xmlNodePtr to, xmlNodePtr root, const xmlChar *value)
{
    if (xmlHasNsProp(to, BAD_CAST "href", BAD_CAST XLINK_NS))
        return;
    xmlNsPtr ns = xmlSearchNsByHref(to->doc, root, BAD_CAST XLINK_NS);
    if (!ns)
        ns = xmlNewNs(root, BAD_CAST XLINK_NS, BAD_CAST "xlink");
    xmlNewNsProp(to, ns, BAD_CAST "href", value);
}

/* The pictures an SVG image shows from files beside it (`<image
 * href="photo.png">`), written into it while reading (see below). NULL
 * where the picture must stand alone: each such reference is left out. */
typedef struct svg_pictures svg_pictures;
static char *svg_picture(svg_pictures *pictures, const char *href);

/* An `<image>`'s reference to a file: kept, with the file's picture in
 * it, when the file can be read. */
static void copy_picture_href(xmlNodePtr to, xmlNodePtr root, const xmlChar *raw,
                              svg_pictures *pictures, svg_drops *drops)
{
    if (xmlHasNsProp(to, BAD_CAST "href", BAD_CAST XLINK_NS))
        return; /* the first one given wins */
    if (!pictures || strcmp((const char *)to->name, "image") != 0) {
        svg_drop(drops, "reference", (const char *)raw);
        return;
    }
    char *data_url = svg_picture(pictures, (const char *)raw);
    if (data_url)
        set_xlink_href(to, root, BAD_CAST data_url);
    free(data_url);
}

/* Copies the attributes of `from` that belong to a picture onto `to`. */
static void copy_attributes(const xmlNode *from, xmlNodePtr to, xmlNodePtr root,
                            xmlHashTablePtr ids, svg_drops *drops, svg_pictures *pictures)
{
    const svg_element *el = find_svg_element((const char *)from->name);
    for (const xmlAttr *a = from->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        xmlChar *raw = attribute_text(a);
        const char *v = raw ? (const char *)raw : "";
        if (!raw) {
            svg_drop(drops, "entity in attribute", name);
        } else if (!a->ns) {
            if (!svg_attribute_allowed(el, name)) {
                if (strncasecmp(name, "on", 2) == 0)
                    svg_drop(drops, "attribute", name);
            } else if (strcmp(name, "id") == 0) {
                /* An XML name, once in the picture (epubcheck: RSC-005). */
                if (xmlValidateNCName(raw, 0) == 0 && xmlHashAddEntry(ids, raw, to) == 0)
                    xmlNewProp(to, a->name, raw);
                else
                    svg_drop(drops, "invalid or repeated id", v);
            } else if (!svg_value_valid(el->name, name, v)) {
                svg_drop(drops, "invalid attribute", name);
            } else if (strcmp(name, "href") == 0) {
                if (is_local_reference(v))
                    set_xlink_href(to, root, raw);
                else if (*v)
                    copy_picture_href(to, root, raw, pictures, drops);
            } else if (strcmp(name, "style") == 0) {
                octavo_buf css = OCTAVO_BUF_INIT;
                size_t n = octavo_css_clean(v, strlen(v), OCTAVO_CSS_DECLARATIONS, true, NULL, 1,
                                            &css, NULL);
                if (n)
                    svg_drop(drops, "part of attribute", "style");
                if (!is_blank(octavo_buf_cstr(&css)))
                    xmlNewProp(to, a->name, BAD_CAST octavo_buf_cstr(&css));
                octavo_buf_free(&css);
            } else if (octavo_css_value_is_safe(v, strlen(v), true)) {
                xmlNewProp(to, a->name, raw);
            } else {
                svg_drop(drops, "attribute", name);
            }
        } else if (in_ns((const xmlNode *)a, XLINK_NS) && strcmp(name, "href") == 0) {
            if (!among("href", el->own)) {
                /* not a reference this element has */
            } else if (is_local_reference(v)) {
                set_xlink_href(to, root, raw);
            } else if (*v) {
                copy_picture_href(to, root, raw, pictures, drops);
            }
        } else if (in_ns((const xmlNode *)a, (const char *)XML_XML_NAMESPACE) &&
                   ((strcmp(name, "lang") == 0 && language_valid(v)) ||
                    (strcmp(name, "space") == 0 && among(v, "default preserve")))) {
            xmlNewNsProp(to, xmlSearchNsByHref(to->doc, to, XML_XML_NAMESPACE), a->name, raw);
        } else if (in_ns((const xmlNode *)a, (const char *)XML_XML_NAMESPACE) ||
                   in_ns((const xmlNode *)a, XLINK_NS)) {
            if (strcmp(name, "base") == 0)
                svg_drop(drops, "attribute", "xml:base");
        }
        xmlFree(raw);
    }
}

/* Whether the copy `e` has the attributes its element cannot be without. */
static bool has_required(const xmlNode *e)
{
    const char *words = find_svg_element((const char *)e->name)->required;
    while (*words) {
        size_t len = strcspn(words, " ");
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)len, words);
        if (!xmlHasNsProp(e, BAD_CAST name, NULL))
            return false;
        words += len + (words[len] == ' ');
    }
    return true;
}

/* A <style> element's CSS, judged as a stylesheet is. */
static void copy_style(const xmlNode *from, xmlNodePtr to, svg_drops *drops)
{
    xmlChar *text = xmlNodeGetContent(from);
    const char *css = text ? (const char *)text : "";
    octavo_buf clean = OCTAVO_BUF_INIT;
    if (octavo_css_clean(css, strlen(css), OCTAVO_CSS_STYLESHEET, true, NULL, 1, &clean, NULL))
        svg_drop(drops, "part of element", "style");
    xmlNodeAddContent(to, BAD_CAST octavo_buf_cstr(&clean));
    octavo_buf_free(&clean);
    xmlFree(text);
}

/* The picture `doc` (read from `bytes` bytes) draws, rebuilt from the
 * lists above into a new document. Iterative: the depth of the file is the input's choice. */
static xmlDocPtr rebuild_svg(const xmlDoc *doc, size_t bytes, svg_drops *drops,
                             svg_pictures *pictures)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    for (const xmlNode *n = doc->children; n; n = n->next)
        if (n->type == XML_PI_NODE)
            svg_drop(drops, "processing instruction", (const char *)n->name);
    xmlDocPtr out = xmlNewDoc(BAD_CAST "1.0");
    out->dict = xmlDictCreate(); /* names stored once, as the parser does */
    xmlNodePtr top = xmlNewDocNode(out, NULL, BAD_CAST "svg", NULL);
    xmlSetNs(top, xmlNewNs(top, BAD_CAST SVG_NS, NULL));
    xmlDocSetRootElement(out, top);
    /* (sized for the picture: libxml2 2.9 grows its tables slowly) */
    size_t slots = bytes / 256 < 16 ? 16 : bytes / 256 > 65536 ? 65536 : bytes / 256;
    xmlHashTablePtr ids = xmlHashCreate((int)slots);
    copy_attributes(root, top, top, ids, drops, pictures);
    xmlNodePtr into = top;
    const xmlNode *n = root->children;
    while (n) {
        svg_kind kind = classify(n, into);
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            /* Text only where SVG has it; elsewhere only spacing. */
            if (among((const char *)into->name, "text tspan textPath title desc") ||
                strspn((const char *)n->content, " \t\r\n") == strlen((const char *)n->content))
                xmlAddChild(into, xmlNewDocText(out, n->content));
        } else if (kind == SVG_DROP) {
            svg_drop(drops, n->type == XML_PI_NODE ? "processing instruction" : "element",
                     (const char *)n->name);
        } else if (kind == SVG_MISPLACED) {
            svg_drop(drops, "misplaced element", (const char *)n->name);
        } else if (kind == SVG_KEEP) {
            xmlNodePtr e = xmlNewDocNode(out, top->ns, n->name, NULL);
            e->_private = (void *)n; /* to know it on the way back up */
            xmlAddChild(into, e);
            copy_attributes(n, e, top, ids, drops, pictures);
            if (!has_required(e)) {
                svg_drop(drops, "incomplete element", (const char *)n->name);
                xmlUnlinkNode(e);
                xmlFreeNode(e);
            } else if (strcmp((const char *)n->name, "style") == 0) {
                copy_style(n, e, drops);
            } else if (n->children) {
                into = e;
                n = n->children;
                continue;
            }
        } else if (kind == SVG_UNWRAP && n->children) {
            n = n->children;
            continue;
        }
        /* On to the next node: after n, or after the parents it ends. */
        while (n && !n->next) {
            n = n->parent;
            if (n == root)
                n = NULL;
            else if (into->_private == n)
                into = into->parent;
        }
        if (n)
            n = n->next;
    }
    xmlHashFree(ids, NULL);
    return out;
}

/* Why the entities of `doc` (parsed without expanding them) keep it out
 * of the book, or NULL; *expand says whether it declares any. */
static const char *entity_problem(xmlDocPtr doc, bool *expand)
{
    *expand = false;
    if (doc->intSubset)
        for (xmlNodePtr n = doc->intSubset->children; n; n = n->next) {
            if (n->type != XML_ENTITY_DECL)
                continue;
            xmlEntityPtr e = (xmlEntityPtr)n;
            if (e->etype != XML_INTERNAL_GENERAL_ENTITY &&
                e->etype != XML_INTERNAL_PARAMETER_ENTITY)
                return "it declares an external entity";
            *expand = true;
        }
    /* A reference to an undeclared entity (possible when the DOCTYPE names
     * a DTD, which is never read), in text or in an attribute. */
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root; n;) {
        if (n->type == XML_ENTITY_REF_NODE && !xmlGetDocEntity(doc, n->name))
            return "it uses an entity that is not declared";
        if (n->type == XML_ELEMENT_NODE)
            for (xmlAttrPtr a = n->properties; a; a = a->next)
                for (xmlNodePtr c = a->children; c; c = c->next)
                    if (c->type == XML_ENTITY_REF_NODE && !xmlGetDocEntity(doc, c->name))
                        return "it uses an entity that is not declared";
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root)
            n = n->parent;
        n = n && n != root ? n->next : NULL;
    }
    return NULL;
}

enum { SVG_PARSE = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING };

/* Replaces the SVG in `img` by its clean copy; false (and why) when it
 * cannot be shown. */
static bool sanitize_svg(octavo_image *img, const char **why, svg_drops *drops,
                         svg_pictures *pictures)
{
    *why = "it is not a well-formed SVG image";
    if (img->len > INT32_MAX)
        return false;
    /* Entities: read first without expanding them (nothing external is
     * loaded); expanded only when all are internal, and without
     * XML_PARSE_HUGE, so that libxml2's limits on expansion hold. */
    xmlDocPtr doc = xmlReadMemory(img->data, (int)img->len, "image.svg", NULL, SVG_PARSE);
    if (!doc)
        return false;
    bool expand;
    const char *problem = entity_problem(doc, &expand);
    if (problem) {
        xmlFreeDoc(doc);
        *why = problem;
        return false;
    }
    if (expand) {
        xmlFreeDoc(doc);
        doc =
            xmlReadMemory(img->data, (int)img->len, "image.svg", NULL, SVG_PARSE | XML_PARSE_NOENT);
        if (!doc) {
            *why = "its entities are not well-formed or expand too much";
            return false;
        }
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "svg") != 0 || !in_ns(root, SVG_NS)) {
        xmlFreeDoc(doc);
        *why = "it is not an SVG image (no <svg> element in the SVG namespace)";
        return false;
    }
    xmlDocPtr clean = rebuild_svg(doc, img->len, drops, pictures);
    xmlFreeDoc(doc);
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(clean, &mem, &size, "UTF-8");
    xmlFreeDoc(clean);
    /* What is written must stand on its own as XML. */
    xmlDocPtr again =
        mem ? xmlReadMemory((const char *)mem, size, "image.svg", NULL, SVG_PARSE) : NULL;
    bool ok = again != NULL;
    xmlFreeDoc(again);
    if (ok) {
        free(img->data);
        img->data = octavo_xstrndup((const char *)mem, (size_t)size);
        img->len = (size_t)size;
    } else {
        *why = "its clean copy is not well-formed XML";
    }
    xmlFree(mem);
    return ok;
}

const char *octavo_svg_clean(char **data, size_t *len, size_t *dropped)
{
    octavo_image img = {.data = *data, .len = *len};
    const char *why;
    svg_drops drops = {0};
    bool ok = sanitize_svg(&img, &why, &drops, NULL);
    *data = img.data;
    *len = img.len;
    *dropped = drops.count;
    return ok ? NULL : why;
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

/* The file `url`, written in `file`, names, resolved, if it is inside
 * `root`; NULL and why not otherwise. Caller frees. */
static char *resolve_beside(const char *file, const char *root, const char *url, const char **why)
{
    if (!*url) {
        *why = "it has no address";
        return NULL;
    }
    if (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0) {
        *why = "remote images are never fetched";
        return NULL;
    }
    if (octavo_url_has_scheme(url) || url[0] == '/' || url[0] == '\\') {
        *why = "only files inside the source folder are read";
        return NULL;
    }
    char *path = octavo_url_decode(url, strcspn(url, "?#"));
    char *folder = octavo_xstrdup(file);
    octavo_buf joined = OCTAVO_BUF_INIT;
    octavo_buf_printf(&joined, "%s/%s", dirname(folder), path);
    char *real = realpath(octavo_buf_cstr(&joined), NULL);
    free(path);
    free(folder);
    octavo_buf_free(&joined);
    if (!real) {
        *why = "no such file";
    } else if (!root || !octavo_path_is_inside(real, root)) {
        *why = "it is outside the source folder";
        free(real);
        real = NULL;
    }
    return real;
}

/* The file an image URL names, resolved, if it is inside the chapter's
 * source root; NULL (with a warning) otherwise. */
static char *resolve_local(const image_ref *at, const char *url)
{
    const char *why;
    char *real = resolve_beside(at->chapter->source_path, at->chapter->source_root, url, &why);
    if (!real)
        warn(at, url, why);
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
 * `img` (data, type; SVG cleaned, what was left out of it in `drops`, the
 * pictures it shows written into it through `pictures` unless NULL; WebP
 * converted), counting the pixels it decodes in *decoded. On failure
 * returns false and says why. */
static bool load_image(const char *path, const char *root, uint64_t *decoded, octavo_image *img,
                       const char **why, svg_drops *drops, svg_pictures *pictures)
{
    *drops = (svg_drops){0};
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
    } else if (octavo_image_size_of(img->media_type, (const unsigned char *)data, got, true) !=
               OCTAVO_IMAGE_SIZED) {
        *why = "it is damaged: it does not say how large the picture is";
        img->media_type = NULL;
    } else if (strcmp(img->media_type, "image/svg+xml") == 0 &&
               !sanitize_svg(img, why, drops, pictures)) {
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

/* An SVG image being read, and the pictures it shows from files beside
 * it. Each is written into it as a data: URL: a reader shows an SVG
 * image on its own, without loading anything it names. They are bounded
 * together, below libxml2's limit on an attribute's length. */
#define SVG_PICTURES_MAX_BYTES ((size_t)6 * 1024 * 1024)

struct svg_pictures {
    const char *svg;  /* its real path */
    const char *root; /* the folder the pictures must be in */
    uint64_t *decoded;
    size_t bytes; /* written into it so far */
    size_t failed;
    char first[200]; /* "'photo.png': no such file" */
};

static void picture_failed(svg_pictures *p, const char *href, const char *why)
{
    if (!p->failed++)
        snprintf(p->first, sizeof p->first, "'%.60s': %.120s", href, why);
}

static void append_base64(octavo_buf *b, const unsigned char *data, size_t len)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < len; i += 3) {
        unsigned long n = (unsigned long)data[i] << 16;
        if (i + 1 < len)
            n |= (unsigned long)data[i + 1] << 8;
        if (i + 2 < len)
            n |= data[i + 2];
        char quad[4] = {digits[n >> 18 & 63], digits[n >> 12 & 63],
                        i + 1 < len ? digits[n >> 6 & 63] : '=',
                        i + 2 < len ? digits[n & 63] : '='};
        octavo_buf_append(b, quad, 4);
    }
}

/* The file an `<image>` of the SVG names, as a data: URL of its picture;
 * NULL when it cannot be (counted in `failed`, with the first reason).
 * Caller frees. */
static char *svg_picture(svg_pictures *p, const char *href)
{
    const char *why;
    char *real = resolve_beside(p->svg, p->root, href, &why);
    if (!real) {
        picture_failed(p, href, why);
        return NULL;
    }
    struct stat st;
    if (stat(real, &st) == 0 && (uint64_t)st.st_size > SVG_PICTURES_MAX_BYTES - p->bytes) {
        free(real); /* (not read: an SVG may name one big file many times) */
        picture_failed(p, href, "the pictures inside one SVG image pass 6 MB in all");
        return NULL;
    }
    octavo_image img;
    svg_drops drops;
    bool loaded = load_image(real, p->root, p->decoded, &img, &why, &drops, NULL);
    free(real);
    if (!loaded) {
        picture_failed(p, href, why);
        return NULL;
    }
    if (strcmp(img.media_type, "image/svg+xml") == 0)
        why = "an SVG image is not written into another";
    else if (img.len > SVG_PICTURES_MAX_BYTES - p->bytes)
        why = "the pictures inside one SVG image pass 6 MB in all";
    else
        why = NULL;
    if (why) {
        free(img.data);
        picture_failed(p, href, why);
        return NULL;
    }
    p->bytes += img.len;
    octavo_buf url = OCTAVO_BUF_INIT;
    octavo_buf_printf(&url, "data:%s;base64,", img.media_type);
    append_base64(&url, (const unsigned char *)img.data, img.len);
    free(img.data);
    return octavo_buf_detach(&url);
}

/* Warns, naming `what` ("image 'fig.svg'", "cover 'c.svg'"), about what
 * reading an SVG left out. */
static void warn_svg(octavo_diags *d, const char *file, unsigned line, const char *what,
                     const svg_drops *drops, const svg_pictures *pictures)
{
    if (drops->count)
        octavo_diag_add(d, OCTAVO_WARNING, file, line, 0,
                        "%s: %s%s left out (only SVG 1.1 drawing is kept: nothing that "
                        "runs or reaches outside the book)",
                        what, drops->first, drops->count > 1 ? " and more" : "");
    if (pictures->failed)
        octavo_diag_add(d, OCTAVO_WARNING, file, line, 0, "%s: picture %s%s", what, pictures->first,
                        pictures->failed > 1 ? " (and more pictures it shows)" : "");
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
    svg_drops drops;
    svg_pictures pictures = {.svg = path, .root = at->chapter->source_root, .decoded = decoded};
    if (!load_image(path, at->chapter->source_root, decoded, &img, &why, &drops,
                    pictures.root ? &pictures : NULL)) {
        warn(at, url, why);
        return 0;
    }
    octavo_buf what = OCTAVO_BUF_INIT;
    octavo_buf_printf(&what, "image '%s'", url);
    warn_svg(at->d, at->chapter->source_path, at->line, octavo_buf_cstr(&what), &drops, &pictures);
    octavo_buf_free(&what);
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
    svg_drops drops;
    /* The pictures of a cover named outside any source folder must be
     * beside it. */
    char *real = realpath(path, NULL);
    char *folder = real ? octavo_xstrdup(real) : NULL;
    svg_pictures pictures = {.svg = real,
                             .root = root     ? root
                                     : folder ? dirname(folder)
                                              : NULL,
                             .decoded = &decoded};
    bool loaded = load_image(path, root, &decoded, &img, &why, &drops, real ? &pictures : NULL);
    if (loaded) {
        octavo_buf what = OCTAVO_BUF_INIT;
        octavo_buf_printf(&what, "cover '%s'", path);
        warn_svg(d, named_in, 0, octavo_buf_cstr(&what), &drops, &pictures);
        octavo_buf_free(&what);
        book->cover = store_image(book, &img, "cover");
    } else {
        octavo_diag_add(d, OCTAVO_ERROR, named_in, 0, 0, "cover '%s': %s", path, why);
    }
    free(folder);
    free(real);
    return loaded ? OCTAVO_OK : OCTAVO_EINPUT;
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
