/* yaml_tree.h — YAML (front matter, book config) read into a small tree.
 *
 * Built on libyaml's event parser, with limits an untrusted file cannot
 * get around: no aliases (so no "billion laughs"), bounded nesting and
 * node count, and duplicate keys rejected. Every node remembers where it
 * was written so later stages can point at it. */
#ifndef OCTAVO_YAML_H
#define OCTAVO_YAML_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum octavo_yaml_kind {
    OCTAVO_YAML_SCALAR,
    OCTAVO_YAML_SEQUENCE,
    OCTAVO_YAML_MAPPING,
} octavo_yaml_kind;

typedef struct octavo_yaml_node {
    octavo_yaml_kind kind;
    unsigned line, col; /* 1-based, in the file (offset already applied) */
    char *value;        /* scalars: the text, UTF-8; NULL otherwise */
    bool plain;         /* scalars: written without quotes */
    /* Sequences: the items. Mappings: keys at even, values at odd index. */
    struct octavo_yaml_node **items;
    size_t count, cap;
} octavo_yaml_node;

#define OCTAVO_YAML_MAX_DEPTH 64
#define OCTAVO_YAML_MAX_NODES 100000

/* Parses `len` bytes of YAML that start on line `first_line` of `file`.
 * On success *out is the document's root (NULL for an empty document),
 * owned by the caller (octavo_yaml_free). On failure adds an error
 * "file:line:col: message" to d and returns OCTAVO_EINPUT. */
octavo_status octavo_yaml_load(const char *text, size_t len, const char *file, unsigned first_line,
                               octavo_yaml_node **out, octavo_diags *d);

/* The value stored under `key` in a mapping, or NULL. */
const octavo_yaml_node *octavo_yaml_get(const octavo_yaml_node *map, const char *key);

/* True for a scalar that means "nothing": empty, ~ or null, unquoted. */
bool octavo_yaml_is_null(const octavo_yaml_node *node);

void octavo_yaml_free(octavo_yaml_node *node);

#endif
