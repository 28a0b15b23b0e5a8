/* doctype.c — the external identifiers an EPUB 3 document's doctype may
 * have (EPUB 3.3, appendix "Allowed external identifiers"): none, or the
 * one pair its media type is allowed (OPF-073 otherwise). */
#include "check_internal.h"

#include <string.h>

/* The allowed pairs, by media type (as EPUBCheck 5's XMLParser; 4.2.6
 * took any public id on an SVG or NCX). */
static const struct {
    const char *media_type, *public_id, *system_id;
} allowed_ids[] = {
    {"application/x-dtbncx+xml", "-//NISO//DTD ncx 2005-1//EN",
     "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd"},
    {"image/svg+xml", "-//W3C//DTD SVG 1.1//EN",
     "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"},
    {"application/mathml+xml", "-//W3C//DTD MathML 3.0//EN",
     "http://www.w3.org/Math/DTD/mathml3/mathml3.dtd"},
    {"application/mathml-presentation+xml", "-//W3C//DTD MathML 3.0//EN",
     "http://www.w3.org/Math/DTD/mathml3/mathml3.dtd"},
    {"application/mathml-content+xml", "-//W3C//DTD MathML 3.0//EN",
     "http://www.w3.org/Math/DTD/mathml3/mathml3.dtd"},
};

bool octavo_check_external_ids_allowed(const char *media_type, const char *public_id,
                                       const char *system_id)
{
    if (!public_id && !system_id)
        return true;
    for (size_t i = 0; media_type && i < sizeof allowed_ids / sizeof *allowed_ids; i++)
        if (strcmp(media_type, allowed_ids[i].media_type) == 0)
            return public_id && system_id && strcmp(public_id, allowed_ids[i].public_id) == 0 &&
                   strcmp(system_id, allowed_ids[i].system_id) == 0;
    return false;
}

void octavo_check_external_ids(void *ctx, const char *media_type, const char *path,
                               octavo_diags *found)
{
    const char *name, *public_id, *system_id;
    if (octavo_check_parse_doctype(ctx, &name, &public_id, &system_id) &&
        !octavo_check_external_ids_allowed(media_type, public_id, system_id))
        octavo_check_add_finding(found, OCTAVO_ERROR, "OPF-073", path, octavo_check_parse_line(ctx),
                                 "External identifiers must not appear in the document type "
                                 "declaration");
}
