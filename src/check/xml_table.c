/* xml_table.c — a small schema written as a table (the container's
 * META-INF files: container.xml, encryption.xml, signatures.xml), stepped
 * through as the elements stream by: each element allowed where it is, in
 * its order and number, with the attributes it takes, holding what it
 * must. Findings are RSC-005, in Jing's words. */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>

#define RSC_005(t, line, ...)                                                                      \
    octavo_check_add_finding((t)->r, OCTAVO_ERROR, "RSC-005", (t)->path, line, __VA_ARGS__)

static bool is_child(const table_element *row, const table_element *parent)
{
    return row->parent && strcmp(row->parent, parent->name) == 0;
}

/* Whether the table has `name` in `ns` anywhere. */
static bool table_knows(const xml_table *t, const char *name, const char *ns)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->rows[i].name, name) == 0 && strcmp(t->rows[i].ns, ns) == 0)
            return true;
    return false;
}

/* The row of `name` in `ns` in the element open (or as the root), or -1. */
static int table_row(const xml_table *t, const char *name, const char *ns)
{
    const table_element *parent = t->depth ? &t->rows[t->open[t->depth - 1]] : NULL;
    for (size_t i = 0; i < t->count; i++) {
        const table_element *row = &t->rows[i];
        if (strcmp(row->name, name) == 0 && strcmp(row->ns, ns) == 0 &&
            (parent ? is_child(row, parent) : !row->parent))
            return (int)i;
    }
    return -1;
}

/* Whether row `r` may come next in the element open: fewer than its most,
 * and, in an ordered element, nothing after it yet and all that must come
 * before it there. */
static bool table_admits(const xml_table *t, size_t r)
{
    size_t d = t->depth - 1;
    const table_element *row = &t->rows[r], *parent = &t->rows[t->open[d]];
    if (row->max && t->counts[d][r] >= row->max)
        return false;
    if (!parent->ordered)
        return true;
    if (t->disordered[d])
        return false;
    for (size_t i = 0; i < t->count; i++) {
        const table_element *sibling = &t->rows[i];
        if (i == r || !is_child(sibling, parent))
            continue;
        if ((sibling->order > row->order && t->counts[d][i]) ||
            (sibling->order < row->order && t->counts[d][i] < sibling->min))
            return false;
    }
    return true;
}

static void table_attributes(xml_table *t, const table_element *row, const xmlChar **attrs,
                             int count, unsigned line)
{
    for (int i = 0; i < count && !row->any_attrs; i++) {
        const xmlChar **a = &attrs[i * ATTR_FIELDS];
        const char *name = (const char *)a[ATTR_NAME], *ns = (const char *)a[ATTR_NS];
        bool known = ns && row->attr_ns && strcmp(ns, row->attr_ns) == 0;
        for (size_t k = 0; k < TABLE_ATTRS && row->attrs[k] && !known; k++)
            known = !ns && strcmp(name, row->attrs[k]) == 0;
        if (!known)
            RSC_005(t, line, "attribute \"%s\" not allowed here", name);
    }
    for (size_t k = 0; k < row->required; k++) {
        char *value = octavo_check_attribute(attrs, count, row->attrs[k], NULL);
        if (!value)
            RSC_005(t, line, "element \"%s\" missing required attribute \"%s\"", row->name,
                    row->attrs[k]);
        free(value);
    }
}

table_step octavo_check_table_start(xml_table *t, const char *name, const char *ns,
                                    const xmlChar **attrs, int count, unsigned line)
{
    if (t->skip) {
        t->skip++;
        return t->refused ? TABLE_REFUSED : TABLE_OPEN;
    }
    size_t depth = t->depth;
    if (depth && t->rows[t->open[depth - 1]].open) { /* (not ours to check) */
        t->skip = 1;
        t->refused = false;
        return TABLE_OPEN;
    }
    int r = table_row(t, name, ns);
    if (r < 0 || depth == TABLE_DEPTH || (depth && !table_admits(t, (size_t)r))) {
        if (depth == 0)
            RSC_005(t, line,
                    "element \"%s\" not allowed here; expected element \"%s\" (with xmlns=\"%s\")",
                    name, t->rows[0].name, t->rows[0].ns);
        else
            RSC_005(t, line, "element \"%s\" not allowed %s", name,
                    table_knows(t, name, ns) ? "here" : "anywhere");
        if (depth) { /* (it counts, and what comes after it in order is not allowed) */
            t->disordered[depth - 1] = true;
            if (r >= 0)
                t->counts[depth - 1][r]++;
        }
        t->skip = 1;
        t->refused = true;
        return TABLE_REFUSED;
    }
    if (depth)
        t->counts[depth - 1][r]++;
    table_attributes(t, &t->rows[r], attrs, count, line);
    t->open[depth] = (size_t)r;
    memset(t->counts[depth], 0, sizeof t->counts[depth]);
    t->disordered[depth] = false;
    t->depth++;
    return TABLE_OK;
}

void octavo_check_table_end(xml_table *t, unsigned line)
{
    if (t->skip) {
        t->skip--;
        return;
    }
    if (!t->depth)
        return;
    size_t d = --t->depth;
    const table_element *row = &t->rows[t->open[d]];
    const char *missing = NULL, *first = NULL;
    bool any = false;
    for (size_t i = 0; i < t->count; i++) {
        const table_element *child = &t->rows[i];
        if (!is_child(child, row))
            continue;
        first = first ? first : child->name;
        any = any || t->counts[d][i];
        if (!missing && t->counts[d][i] < child->min)
            missing = child->name;
    }
    if (!missing && row->needs_child && !any)
        missing = first;
    if (missing)
        RSC_005(t, line, "element \"%s\" incomplete; missing required element \"%s\"", row->name,
                missing);
}
