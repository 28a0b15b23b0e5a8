/* files.c — the files of the book: the zip's entries, listed, looked up
 * by name and read (whole, or as they inflate) within the limits on what
 * a book may unpack to. */
#include "check_internal.h"

#include "mem.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool unsafe_name(const char *name)
{
    if (name[0] == '/' || name[0] == '\\' || strchr(name, '\\'))
        return true;
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return true;
        p += n;
        if (*p)
            p++;
    }
    return false;
}

static bool is_utf8(const char *s)
{
    size_t len = strlen(s);
    uint32_t cp;
    for (size_t i = 0, n; i < len; i += n)
        if (!(n = octavo_utf8_decode(s + i, len - i, &cp)))
            return false;
    return true;
}

/* EPUB 3.3's file names: the characters no name may hold (a range
 * each), and the spaces that are only discouraged. */
static const struct code_range {
    uint32_t first, last;
    const char *what; /* NULL: the character itself */
} name_forbidden[] =
    {
        {0x00, 0x08, "CONTROL"},
        {0x0B, 0x0B, "CONTROL"},
        {0x0E, 0x1F, "CONTROL"},
        {'"', '"', NULL},
        {'*', '*', NULL},
        {':', ':', NULL},
        {'<', '<', NULL},
        {'>', '>', NULL},
        {'?', '?', NULL},
        {'\\', '\\', NULL},
        {'|', '|', NULL},
        {0x7F, 0x9F, "CONTROL"},
        {0xE000, 0xF8FF, "PRIVATE USE"},
        {0xFDD0, 0xFDEF, "NON CHARACTER"},
        {0xFFF0, 0xFFFD, "SPECIALS"},
        {0xE0001, 0xE0001, "LANGUAGE TAG"},
        {0xF0000, 0x10FFFF, "PRIVATE USE"},
},
  name_spaces[] = {
      {0x09, 0x0A, NULL},     {0x0C, 0x0D, NULL},     {0x20, 0x20, NULL},
      {0x85, 0x85, NULL},     {0xA0, 0xA0, NULL},     {0x1680, 0x1680, NULL},
      {0x2000, 0x200A, NULL}, {0x2028, 0x2029, NULL}, {0x202F, 0x202F, NULL},
      {0x205F, 0x205F, NULL}, {0x3000, 0x3000, NULL},
};

static const struct code_range *in_ranges(const struct code_range *r, size_t n, uint32_t cp)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].first && cp <= r[i].last)
            return &r[i];
    return NULL;
}

/* The characters of one entry's name (PKG-009, each said once), its
 * spaces (PKG-010) and its end (PKG-011). */
static void check_name(checker *ck, const char *name)
{
    size_t len = strlen(name);
    octavo_buf bad = OCTAVO_BUF_INIT;
    bool spaces = false;
    uint32_t said[8];
    size_t said_count = 0;
    for (size_t i = 0, n; i < len; i += n) {
        uint32_t cp;
        if (!(n = octavo_utf8_decode(name + i, len - i, &cp)))
            n = 1; /* (not met: a name not UTF-8 stops the check first, PKG-027) */
        const struct code_range *f =
            in_ranges(name_forbidden, sizeof name_forbidden / sizeof *name_forbidden, cp);
        if (cp == '|' && !ck->epub3)
            f = NULL; /* (EPUB 2 allows it) */
        bool noncharacter = (cp & 0xFFFE) == 0xFFFE;
        if (f || noncharacter) {
            bool seen = false;
            for (size_t k = 0; k < said_count; k++)
                seen = seen || said[k] == cp;
            if (seen || said_count == sizeof said / sizeof *said)
                continue;
            said[said_count++] = cp;
            char one[64];
            const char *what = noncharacter ? "NON CHARACTER" : f->what;
            if (what)
                snprintf(one, sizeof one, "%sU+%04X (%s)", bad.len ? ", " : "", (unsigned)cp, what);
            else
                snprintf(one, sizeof one, "%sU+%04X (%c)", bad.len ? ", " : "", (unsigned)cp,
                         (char)cp);
            octavo_buf_append(&bad, one, strlen(one));
        } else if (in_ranges(name_spaces, sizeof name_spaces / sizeof *name_spaces, cp)) {
            spaces = true;
        }
    }
    if (bad.len)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-009", name, 0,
                                 "the file name holds characters a file name must not: %s",
                                 octavo_buf_cstr(&bad));
    if (spaces)
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "PKG-010", name, 0,
                                 "the file name holds spaces, which some reading systems "
                                 "do not read");
    if (len && name[len - 1] == '.')
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-011", name, 0,
                                 "the file name must not end with a full stop");
    octavo_buf_free(&bad);
}

/* A name and what a case-insensitive file system takes it for. */
typedef struct folded_name {
    const char *name;
    char *key;
} folded_name;

static int compare_keys(const void *a, const void *b)
{
    const folded_name *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    /* (then zip order, so that the later of two is the one named) */
    return c ? c : (x->name > y->name) - (x->name < y->name);
}

void octavo_check_file_names(checker *ck)
{
    folded_name *names = octavo_xmalloc((ck->entry_count + 1) * sizeof *names);
    for (size_t i = 0; i < ck->entry_count; i++) {
        const char *name = ck->entries[i].name;
        size_t len = strlen(name);
        names[i] = (folded_name){name, octavo_check_name_caseless(name)};
        if (len && name[len - 1] != '/') /* (folders have no name of their own) */
            check_name(ck, name);
        if (!octavo_check_is_ascii(name, len)) /* (EPUBCheck's USAGE) */
            octavo_check_add_finding(ck->r, OCTAVO_INFO, "PKG-012", name, 0,
                                     "the file name holds non-ASCII characters, which some "
                                     "reading systems do not read");
    }
    if (ck->entry_count)
        qsort(names, ck->entry_count, sizeof *names, compare_keys);
    for (size_t i = 1; i < ck->entry_count; i++) {
        if (strcmp(names[i - 1].key, names[i].key) != 0)
            continue;
        if (strcmp(names[i - 1].name, names[i].name) == 0)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-060", names[i].name, 0,
                                     "duplicate entry in the zip: two entries are named \"%s\"",
                                     names[i].name);
        else
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-060", names[i].name, 0,
                                     "duplicate entry in the zip: \"%s\" and \"%s\" are the "
                                     "same name to a case-insensitive file system",
                                     names[i - 1].name, names[i].name);
    }
    for (size_t i = 0; i < ck->entry_count; i++)
        free(names[i].key);
    free(names);
}

static size_t name_hash(const char *s, size_t len)
{
    size_t h = 14695981039346656037ULL & SIZE_MAX;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static const char *entry_key(const entry *e)
{
    return e->nfc ? e->nfc : e->name;
}

/* The entry whose name in NFC is `name` (in NFC). */
static entry *find_key(const checker *ck, const char *name, size_t len)
{
    if (!ck->slot_cap)
        return NULL;
    for (size_t i = name_hash(name, len) & (ck->slot_cap - 1);; i = (i + 1) & (ck->slot_cap - 1)) {
        if (!ck->slots[i])
            return NULL;
        entry *e = &ck->entries[ck->slots[i] - 1];
        const char *key = entry_key(e);
        if (strlen(key) == len && memcmp(key, name, len) == 0)
            return e;
    }
}

entry *octavo_check_find_entry_n(const checker *ck, const char *name, size_t len)
{
    char *nfc = octavo_check_name_nfc(name, len); /* (NULL for ASCII: no ICU) */
    entry *e = nfc ? find_key(ck, nfc, strlen(nfc)) : find_key(ck, name, len);
    free(nfc);
    return e;
}

entry *octavo_check_find_entry(const checker *ck, const char *name)
{
    return octavo_check_find_entry_n(ck, name, strlen(name));
}

static void index_entries(checker *ck)
{
    ck->slot_cap = 16;
    while (ck->slot_cap < 2 * ck->entry_count)
        ck->slot_cap *= 2;
    ck->slots = octavo_xcalloc(ck->slot_cap, sizeof *ck->slots);
    for (size_t k = 0; k < ck->entry_count; k++) {
        entry *e = &ck->entries[k];
        e->nfc = octavo_check_name_nfc(e->name, strlen(e->name));
        const char *key = entry_key(e);
        if (find_key(ck, key, strlen(key)))
            continue; /* the first of two equal names */
        size_t i = name_hash(key, strlen(key)) & (ck->slot_cap - 1);
        while (ck->slots[i])
            i = (i + 1) & (ck->slot_cap - 1);
        ck->slots[i] = k + 1;
    }
}

/* Whether some of the zip's `n` names are not UTF-8 (PKG-027 for each).
 * EPUBCheck 5 cannot read such a zip, and says nothing more of it (a
 * fatal error): nor do we, rather than check a book whose names we would
 * have to guess. */
static bool names_not_utf8(checker *ck, zip_int64_t n)
{
    bool found = false;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *raw = zip_get_name(ck->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (!raw || is_utf8(raw))
            continue;
        const char *shown = zip_get_name(ck->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-027", shown ? shown : raw, 0,
                                 "the file name is not UTF-8 (shown here as CP437); the book "
                                 "is not checked further");
        found = true;
    }
    return found;
}

bool octavo_check_list_entries(checker *ck, octavo_check_prescan *prescan, zip_uint64_t *declared)
{
    octavo_diags *r = ck->r;
    zip_int64_t n = zip_get_num_entries(ck->za, 0);
    if (n < 0)
        n = 0;
    *declared = 0;
    if ((zip_uint64_t)n > OCTAVO_CHECK_MAX_ENTRIES) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-008", NULL, 0,
                                 "the zip has %lld files, more than the %d a book may have",
                                 (long long)n, OCTAVO_CHECK_MAX_ENTRIES);
        return false;
    }
    if (names_not_utf8(ck, n))
        return false;
    ck->entries = octavo_xcalloc((size_t)n + 1, sizeof *ck->entries);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        const char *name = zip_get_name(ck->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        if (!name || zip_stat_index(ck->za, (zip_uint64_t)i, 0, &st) != 0)
            continue;
        if (unsafe_name(name)) {
            octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-027", name, 0,
                                     "unsafe file name in the zip (absolute, or with \"..\")");
            continue;
        }
        *declared += st.size;
        ck->entries[ck->entry_count++] =
            (entry){.name = name, .index = (zip_uint64_t)i, .size = st.size};
    }
    index_entries(ck);
    for (size_t i = 0; i < ck->known_count; i++) {
        entry *e = octavo_check_find_entry(ck, ck->known[i].name);
        if (e) {
            e->known = &ck->known[i];
            e->facts = ck->known[i].facts ? ck->known[i].facts
                                          : octavo_check_prescanned(prescan, ck->known, i);
        }
    }
    return true;
}

/* The entry opened in the zip, within the limits on what the book may
 * unpack to; NULL (with a finding in `r`) when it cannot be. */
static zip_file_t *open_in_zip(checker *ck, const entry *e, octavo_diags *r)
{
    if (e->size > OCTAVO_CHECK_MAX_ENTRY_BYTES ||
        ck->bytes_read + e->size > OCTAVO_CHECK_MAX_TOTAL_BYTES) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-008", e->name, 0,
                                 "not read: the book unpacks to more than %llu MB (a zip bomb?)",
                                 (unsigned long long)(OCTAVO_CHECK_MAX_TOTAL_BYTES >> 20));
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(ck->za, e->index, 0);
    if (!f)
        octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-008", e->name, 0, "cannot be read: %s",
                                 zip_strerror(ck->za));
    return f;
}

const char *octavo_check_read_entry(checker *ck, entry *e, size_t *len, char **owned)
{
    *owned = NULL;
    if (e->known && e->known->data) { /* (else only its facts were kept) */
        *len = e->known->len;
        return e->known->data;
    }
    zip_file_t *f = open_in_zip(ck, e, ck->r);
    if (!f)
        return NULL;
    char *data = octavo_xmalloc((size_t)e->size + 1);
    zip_int64_t n = zip_fread(f, data, e->size);
    char extra;
    bool longer = n >= 0 && (zip_uint64_t)n == e->size && zip_fread(f, &extra, 1) > 0;
    const char *why = n < 0 ? zip_file_strerror(f) : NULL;
    if (n < 0 || (zip_uint64_t)n != e->size || longer) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-008", e->name, 0, "cannot be read: %s",
                                 why ? why : "its size is not the one the zip gives");
        zip_fclose(f);
        free(data);
        return NULL;
    }
    zip_fclose(f);
    ck->bytes_read += e->size;
    data[e->size] = '\0';
    *len = (size_t)e->size;
    *owned = data;
    return data;
}

bool octavo_check_read_head(checker *ck, entry *e, char *buf, size_t size, size_t *got)
{
    if (e->known && e->known->data) {
        *got = e->known->len < size ? e->known->len : size;
        memcpy(buf, e->known->data, *got);
        return true;
    }
    zip_file_t *f = open_in_zip(ck, e, ck->r);
    if (!f)
        return false;
    zip_int64_t n = zip_fread(f, buf, size);
    if (n < 0)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-008", e->name, 0, "cannot be read: %s",
                                 zip_file_strerror(f));
    zip_fclose(f);
    *got = n < 0 ? 0 : (size_t)n;
    return n >= 0;
}

bool octavo_check_open_source(checker *ck, entry *e, xml_source *src, octavo_diags *r)
{
    if (e->known && e->known->data) { /* (else only its facts were kept) */
        octavo_check_memory_source(src, e->known->data, e->known->len);
        return true;
    }
    /* Parsed as it inflates (within the limits of a read). */
    zip_file_t *f = open_in_zip(ck, e, r);
    if (!f)
        return false;
    octavo_check_zip_source(src, f, e->size);
    ck->bytes_read += e->size;
    return true;
}

bool octavo_check_stream_entry(checker *ck, entry *e, const xml_callbacks *cb, void *state,
                               octavo_diags *r)
{
    xml_source src;
    if (!octavo_check_open_source(ck, e, &src, r))
        return false;
    bool ok = octavo_check_parse(e->name, &src, cb, state, r);
    octavo_check_close_source(&src);
    return ok;
}
