#include "yaml_tree.h"

#include "mem.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static octavo_yaml_node *node_new(octavo_yaml_kind kind, const yaml_mark_t *mark,
                                  unsigned first_line)
{
    octavo_yaml_node *n = octavo_xcalloc(1, sizeof *n);
    n->kind = kind;
    n->line = (unsigned)mark->line + first_line;
    n->col = (unsigned)mark->column + 1;
    return n;
}

static void node_append(octavo_yaml_node *parent, octavo_yaml_node *child)
{
    parent->items =
        octavo_xgrow(parent->items, &parent->cap, parent->count + 1, sizeof *parent->items);
    parent->items[parent->count++] = child;
}

/* Adds a finished node to its parent; rejects a key already present. */
static bool attach(octavo_yaml_node *parent, octavo_yaml_node *child, const char *file,
                   octavo_diags *d)
{
    if (parent->kind == OCTAVO_YAML_MAPPING && parent->count % 2 == 0) {
        if (child->kind != OCTAVO_YAML_SCALAR) {
            octavo_diag_add(d, OCTAVO_ERROR, file, child->line, child->col,
                            "a key must be plain text");
            return false;
        }
        for (size_t i = 0; i < parent->count; i += 2)
            if (strcmp(parent->items[i]->value, child->value) == 0) {
                octavo_diag_add(d, OCTAVO_ERROR, file, child->line, child->col,
                                "duplicate key '%s' (first on line %u)", child->value,
                                parent->items[i]->line);
                return false;
            }
    }
    node_append(parent, child);
    return true;
}

octavo_status octavo_yaml_load(const char *text, size_t len, const char *file, unsigned first_line,
                               octavo_yaml_node **out, octavo_diags *d)
{
    *out = NULL;
    if (first_line == 0)
        first_line = 1;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        octavo_diag_add(d, OCTAVO_ERROR, file, first_line, 0, "cannot start the YAML parser");
        return OCTAVO_EINPUT;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    octavo_yaml_node *stack[OCTAVO_YAML_MAX_DEPTH];
    size_t depth = 0, nodes = 0;
    octavo_yaml_node *root = NULL;
    int documents = 0;
    octavo_status status = OCTAVO_OK;
    bool done = false;

    while (!done && status == OCTAVO_OK) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            /* For an unclosed construct libyaml notices the problem where
             * the text ends; where the construct started is what the user
             * needs to look at. */
            const yaml_mark_t *m = parser.context ? &parser.context_mark : &parser.problem_mark;
            octavo_diag_add(d, OCTAVO_ERROR, file, (unsigned)m->line + first_line,
                            (unsigned)m->column + 1, "YAML: %s%s%s",
                            parser.problem ? parser.problem : "syntax error",
                            parser.context ? " " : "", parser.context ? parser.context : "");
            status = OCTAVO_EINPUT;
            break;
        }
        octavo_yaml_node *finished = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                octavo_diag_add(d, OCTAVO_ERROR, file, (unsigned)ev.start_mark.line + first_line,
                                (unsigned)ev.start_mark.column + 1, "more than one YAML document");
                status = OCTAVO_EINPUT;
            }
            break;
        case YAML_ALIAS_EVENT:
            octavo_diag_add(d, OCTAVO_ERROR, file, (unsigned)ev.start_mark.line + first_line,
                            (unsigned)ev.start_mark.column + 1,
                            "YAML aliases (*name) are not supported");
            status = OCTAVO_EINPUT;
            break;
        case YAML_SCALAR_EVENT:
            /* An escape ("\x01", "\0", "\uFFFE") can make any character;
             * one XML cannot hold would make an unreadable book. */
            if (memchr(ev.data.scalar.value, '\0', ev.data.scalar.length) ||
                octavo_xml_needs_cleaning((const char *)ev.data.scalar.value)) {
                uint32_t bad = 0;
                if (!memchr(ev.data.scalar.value, '\0', ev.data.scalar.length))
                    free(octavo_xml_clean((const char *)ev.data.scalar.value, &bad));
                octavo_diag_add(d, OCTAVO_ERROR, file, (unsigned)ev.start_mark.line + first_line,
                                (unsigned)ev.start_mark.column + 1,
                                "the text holds U+%04X, a character XML does not allow",
                                (unsigned)bad);
                status = OCTAVO_EINPUT;
                break;
            }
            finished = node_new(OCTAVO_YAML_SCALAR, &ev.start_mark, first_line);
            finished->value =
                octavo_xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
            finished->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (depth == OCTAVO_YAML_MAX_DEPTH) {
                octavo_diag_add(d, OCTAVO_ERROR, file, (unsigned)ev.start_mark.line + first_line,
                                (unsigned)ev.start_mark.column + 1,
                                "YAML nested more than %d levels deep", OCTAVO_YAML_MAX_DEPTH);
                status = OCTAVO_EINPUT;
                break;
            }
            stack[depth++] = node_new(ev.type == YAML_SEQUENCE_START_EVENT ? OCTAVO_YAML_SEQUENCE
                                                                           : OCTAVO_YAML_MAPPING,
                                      &ev.start_mark, first_line);
            nodes++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            finished = stack[--depth];
            break;
        default:
            break;
        }
        if (finished && ev.type == YAML_SCALAR_EVENT)
            nodes++;
        if (status == OCTAVO_OK && nodes > OCTAVO_YAML_MAX_NODES) {
            octavo_diag_add(d, OCTAVO_ERROR, file, (unsigned)ev.start_mark.line + first_line,
                            (unsigned)ev.start_mark.column + 1, "YAML has more than %d values",
                            OCTAVO_YAML_MAX_NODES);
            status = OCTAVO_EINPUT;
        }
        if (finished) {
            if (status != OCTAVO_OK) {
                octavo_yaml_free(finished);
            } else if (depth == 0) {
                root = finished;
            } else if (!attach(stack[depth - 1], finished, file, d)) {
                octavo_yaml_free(finished);
                status = OCTAVO_EINPUT;
            }
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    while (depth > 0)
        octavo_yaml_free(stack[--depth]);
    if (status != OCTAVO_OK) {
        octavo_yaml_free(root);
        return status;
    }
    *out = root;
    return OCTAVO_OK;
}

const octavo_yaml_node *octavo_yaml_get(const octavo_yaml_node *map, const char *key)
{
    if (!map || map->kind != OCTAVO_YAML_MAPPING)
        return NULL;
    for (size_t i = 0; i + 1 < map->count; i += 2)
        if (strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    return NULL;
}

bool octavo_yaml_is_null(const octavo_yaml_node *node)
{
    if (!node)
        return true;
    if (node->kind != OCTAVO_YAML_SCALAR || !node->plain)
        return false;
    const char *v = node->value;
    return !*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
           strcmp(v, "NULL") == 0;
}

void octavo_yaml_free(octavo_yaml_node *node)
{
    /* Iterative, so that a deep tree cannot exhaust the stack: move the
     * children of each node onto a work list before freeing it. */
    if (!node)
        return;
    octavo_yaml_node **work = NULL;
    size_t count = 0, cap = 0;
    work = octavo_xgrow(work, &cap, 1, sizeof *work);
    work[count++] = node;
    while (count) {
        octavo_yaml_node *n = work[--count];
        work = octavo_xgrow(work, &cap, count + n->count, sizeof *work);
        for (size_t i = 0; i < n->count; i++)
            work[count++] = n->items[i];
        free(n->items);
        free(n->value);
        free(n);
    }
    free(work);
}
