/* aria.c — the ARIA role model of XHTML elements: which roles there are,
 * which an element may take, and which aria-* attributes go with them,
 * as the XHTML schema of EPUBCheck 5 says (its html5 aria.rnc and the
 * element modules, from the Nu Html Checker; one role token, one of the
 * ARIA 1.2, Graphics ARIA and DPUB-ARIA roles). EPUBCheck 4.2.6 reports
 * the same errors (RSC-005) but for the ARIA 1.1 attributes 5 dropped
 * (aria-dropeffect, aria-grabbed): we follow 5. The tables are data
 * read off that schema; a page's elements are looked up only when they
 * have a role or an aria-* attribute. */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>

/* The aria-* attributes a role brings beside the global ones. */
struct role_row {
    const char *role, *attributes;
};

/* What an element of XHTML may have: the roles (NULL: any role), and the
 * aria-* attributes of its own implicit role (NULL: none but the
 * global ones). `when`: this row only when the element has this
 * attribute (a with href); rows of one name are in that order. */
struct element_row {
    const char *name, *when, *roles, *attributes;
};

static const char aria_roles[] =
    " alert alertdialog application article banner button cell checkbox columnheader combobox "
    "complementary contentinfo definition dialog directory doc-abstract doc-acknowledgments "
    "doc-afterword doc-appendix doc-backlink doc-biblioentry doc-bibliography doc-biblioref "
    "doc-chapter doc-colophon doc-conclusion doc-cover doc-credit doc-credits doc-dedication "
    "doc-endnote doc-endnotes doc-epigraph doc-epilogue doc-errata doc-example doc-footnote "
    "doc-foreword doc-glossary doc-glossref doc-index doc-introduction doc-noteref doc-notice "
    "doc-pagebreak doc-pagelist doc-part doc-preface doc-prologue doc-pullquote doc-qna "
    "doc-subtitle doc-tip doc-toc document feed figure form graphics-document graphics-object "
    "graphics-symbol grid gridcell group heading img link list listbox listitem log main "
    "marquee math menu menubar menuitem menuitemcheckbox menuitemradio navigation none note "
    "option presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar "
    "search searchbox separator slider spinbutton status switch tab table tablist tabpanel "
    "term textbox timer toolbar tooltip tree treegrid treeitem ";
static const char aria_attributes[] =
    " aria-activedescendant aria-atomic aria-autocomplete aria-busy aria-checked aria-colcount "
    "aria-colindex aria-colspan aria-controls aria-current aria-describedby aria-description "
    "aria-details aria-disabled aria-errormessage aria-expanded aria-flowto aria-haspopup "
    "aria-hidden aria-invalid aria-keyshortcuts aria-label aria-labelledby aria-level "
    "aria-live aria-modal aria-multiline aria-multiselectable aria-orientation aria-owns "
    "aria-placeholder aria-posinset aria-pressed aria-readonly aria-relevant aria-required "
    "aria-roledescription aria-rowcount aria-rowindex aria-rowspan aria-selected aria-setsize "
    "aria-sort aria-valuemax aria-valuemin aria-valuenow aria-valuetext ";
static const char global_attributes[] =
    " aria-atomic aria-busy aria-controls aria-current aria-describedby aria-description "
    "aria-details aria-disabled aria-errormessage aria-flowto aria-haspopup aria-hidden "
    "aria-invalid aria-keyshortcuts aria-label aria-labelledby aria-live aria-owns "
    "aria-relevant aria-roledescription ";
/* Sorted by role. */
static const struct role_row role_rows[] = {
    {"alert", " aria-expanded "},
    {"alertdialog", " aria-expanded aria-modal "},
    {"application", " aria-expanded "},
    {"article", " aria-expanded "},
    {"banner", " aria-expanded "},
    {"button", " aria-expanded aria-pressed "},
    {"cell", " aria-colindex aria-colspan aria-rowindex aria-rowspan "},
    {"checkbox", " aria-checked "},
    {"columnheader",
     " aria-colspan aria-expanded aria-readonly aria-required aria-rowindex aria-rowspan "
     "aria-selected aria-sort "},
    {"combobox",
     " aria-activedescendant aria-autocomplete aria-expanded aria-orientation aria-readonly "
     "aria-required "},
    {"complementary", " aria-expanded "},
    {"contentinfo", " aria-expanded "},
    {"definition", " aria-expanded "},
    {"dialog", " aria-expanded aria-modal "},
    {"directory", " aria-expanded "},
    {"document", " aria-expanded "},
    {"feed", " aria-expanded "},
    {"figure", " aria-expanded "},
    {"form", " aria-expanded "},
    {"grid", " aria-activedescendant aria-colcount aria-expanded aria-level aria-multiselectable "
             "aria-readonly aria-rowcount "},
    {"gridcell", " aria-colindex aria-colspan aria-expanded aria-level aria-readonly aria-required "
                 "aria-rowindex aria-rowspan aria-selected "},
    {"group", " aria-activedescendant aria-expanded "},
    {"heading", " aria-expanded aria-level "},
    {"img", " aria-expanded "},
    {"link", " aria-expanded "},
    {"list", " aria-expanded "},
    {"listbox", " aria-activedescendant aria-expanded aria-multiselectable aria-orientation "
                "aria-required "},
    {"listitem", " aria-expanded aria-level aria-posinset aria-setsize "},
    {"log", " aria-expanded "},
    {"main", " aria-expanded "},
    {"marquee", " aria-expanded "},
    {"math", " aria-expanded "},
    {"menu", " aria-activedescendant aria-expanded aria-orientation "},
    {"menubar", " aria-activedescendant aria-expanded aria-orientation "},
    {"menuitem", " aria-expanded aria-posinset aria-setsize "},
    {"menuitemcheckbox", " aria-checked "},
    {"menuitemradio", " aria-checked aria-posinset aria-selected aria-setsize "},
    {"navigation", " aria-expanded "},
    {"note", " aria-expanded "},
    {"option", " aria-checked aria-posinset aria-selected aria-setsize "},
    {"progressbar", " aria-valuemax aria-valuemin aria-valuenow aria-valuetext "},
    {"radio", " aria-checked aria-posinset aria-selected aria-setsize "},
    {"radiogroup", " aria-activedescendant aria-expanded aria-orientation aria-required "},
    {"region", " aria-expanded "},
    {"row", " aria-activedescendant aria-colindex aria-expanded aria-level aria-rowindex "
            "aria-selected "},
    {"rowgroup", " aria-activedescendant aria-expanded "},
    {"rowheader",
     " aria-colspan aria-expanded aria-readonly aria-required aria-rowindex aria-rowspan "
     "aria-selected aria-sort "},
    {"scrollbar", " aria-orientation aria-valuemax aria-valuemin aria-valuenow aria-valuetext "},
    {"search", " aria-expanded aria-orientation "},
    {"searchbox",
     " aria-activedescendant aria-autocomplete aria-multiline aria-readonly aria-required "},
    {"separator", " aria-expanded aria-orientation "},
    {"slider", " aria-orientation aria-valuemax aria-valuemin aria-valuenow aria-valuetext "},
    {"spinbutton", " aria-required aria-valuemax aria-valuemin aria-valuenow aria-valuetext "},
    {"status", " aria-expanded "},
    {"switch", " aria-checked "},
    {"tab", " aria-expanded aria-posinset aria-selected aria-setsize "},
    {"table", " aria-colcount aria-rowcount "},
    {"tablist",
     " aria-activedescendant aria-expanded aria-level aria-multiselectable aria-orientation "},
    {"tabpanel", " aria-expanded "},
    {"term", " aria-expanded "},
    {"textbox",
     " aria-activedescendant aria-autocomplete aria-multiline aria-readonly aria-required "},
    {"timer", " aria-expanded "},
    {"toolbar", " aria-activedescendant aria-expanded aria-orientation "},
    {"tooltip", " aria-expanded "},
    {"tree", " aria-activedescendant aria-expanded aria-multiselectable aria-orientation "
             "aria-required "},
    {"treegrid",
     " aria-activedescendant aria-colcount aria-expanded aria-level aria-multiselectable "
     "aria-orientation aria-readonly aria-required aria-rowcount "},
    {"treeitem",
     " aria-checked aria-expanded aria-level aria-posinset aria-selected aria-setsize "},
};
/* Sorted by name; an element not here (custom, EPUB's) is checked only
 * for roles and aria-* attributes there are. */
static const struct element_row element_rows[] = {
    {"a", "href",
     " button checkbox doc-backlink doc-biblioref doc-glossref doc-noteref link menuitem "
     "menuitemcheckbox menuitemradio option radio switch tab treeitem ",
     " aria-expanded "},
    {"a", NULL, NULL, NULL},
    {"abbr", NULL, NULL, NULL},
    {"address", NULL, NULL, NULL},
    {"area", NULL, " button link ", " aria-expanded "},
    {"article", NULL, " application article document feed main none presentation region ",
     " aria-expanded "},
    {"aside", NULL,
     " complementary doc-dedication doc-example doc-footnote doc-glossary doc-pullquote "
     "doc-tip feed none note presentation region search ",
     " aria-expanded "},
    {"audio", NULL, " application ", NULL},
    {"b", NULL, NULL, NULL},
    {"base", NULL, " ", NULL},
    {"bdi", NULL, NULL, NULL},
    {"bdo", NULL, NULL, NULL},
    {"blockquote", NULL, NULL, NULL},
    {"body", NULL, " application document none presentation ", " aria-expanded "},
    {"br", NULL, " none presentation ", NULL},
    {"button", NULL,
     " button checkbox combobox link menuitem menuitemcheckbox menuitemradio option radio "
     "switch tab ",
     " aria-expanded aria-pressed "},
    {"canvas", NULL, NULL, NULL},
    {"caption", NULL, " ", NULL},
    {"cite", NULL, NULL, NULL},
    {"code", NULL, NULL, NULL},
    {"col", NULL, " ", NULL},
    {"colgroup", NULL, " ", NULL},
    {"data", NULL, NULL, NULL},
    {"datalist", NULL, " ", NULL},
    {"dd", NULL, " definition ", " aria-expanded "},
    {"del", NULL, NULL, NULL},
    {"details", NULL, " group ", " aria-activedescendant aria-expanded "},
    {"dfn", NULL, NULL, NULL},
    {"dialog", NULL, " alertdialog ", " aria-expanded "},
    {"div", NULL, NULL, NULL},
    {"dl", NULL, " group list none presentation ", NULL},
    {"dt", NULL, " listitem term ", " aria-expanded "},
    {"em", NULL, NULL, NULL},
    {"embed", NULL, " application document img none presentation ", NULL},
    {"fieldset", NULL, " group none presentation radiogroup ",
     " aria-activedescendant aria-expanded "},
    {"figcaption", NULL, " group none presentation ", NULL},
    {"figure", NULL, NULL, " aria-expanded "},
    {"footer", NULL, " contentinfo doc-footnote group none presentation ", " aria-expanded "},
    {"form", NULL, " form none presentation search ", " aria-expanded "},
    {"h1", NULL, " doc-subtitle heading none presentation tab ", " aria-expanded aria-level "},
    {"h2", NULL, " doc-subtitle heading none presentation tab ", " aria-expanded aria-level "},
    {"h3", NULL, " doc-subtitle heading none presentation tab ", " aria-expanded aria-level "},
    {"h4", NULL, " doc-subtitle heading none presentation tab ", " aria-expanded aria-level "},
    {"h5", NULL, " doc-subtitle heading none presentation tab ", " aria-expanded aria-level "},
    {"h6", NULL, " doc-subtitle heading none presentation tab ", " aria-expanded aria-level "},
    {"head", NULL, " ", NULL},
    {"header", NULL, " banner doc-footnote group none presentation ", " aria-expanded "},
    {"hgroup", NULL, NULL, NULL},
    {"hr", NULL, " doc-pagebreak none presentation separator ",
     " aria-orientation aria-valuemax aria-valuemin aria-valuenow aria-valuetext "},
    {"html", NULL, " ", NULL},
    {"i", NULL, NULL, NULL},
    {"iframe", NULL, " application document img none presentation ", NULL},
    {"img", NULL,
     " button checkbox doc-cover img link math menuitem menuitemcheckbox menuitemradio none "
     "option presentation progressbar radio scrollbar separator slider switch tab treeitem ",
     " aria-expanded "},
    {"input", NULL,
     " button checkbox combobox link menuitem menuitemcheckbox menuitemradio option radio "
     "searchbox slider spinbutton switch tab textbox ",
     " aria-activedescendant aria-autocomplete aria-checked aria-expanded aria-multiline "
     "aria-orientation aria-placeholder aria-posinset aria-pressed aria-readonly "
     "aria-required aria-selected aria-setsize aria-valuemax aria-valuemin aria-valuenow "
     "aria-valuetext "},
    {"ins", NULL, NULL, NULL},
    {"kbd", NULL, NULL, NULL},
    {"label", NULL, " ", NULL},
    {"legend", NULL, " ", NULL},
    {"li", NULL,
     " doc-biblioentry doc-endnote listitem menuitem menuitemcheckbox menuitemradio none "
     "option presentation radio separator tab treeitem ",
     " aria-expanded aria-level aria-posinset aria-setsize "},
    {"link", NULL, " link menuitem none presentation ", NULL},
    {"main", NULL, " main ", " aria-expanded "},
    {"map", NULL, " ", NULL},
    {"mark", NULL, NULL, NULL},
    {"menu", NULL,
     " directory group list listbox menu menubar none presentation radiogroup tablist "
     "toolbar tree ",
     " aria-expanded "},
    {"meta", NULL, " menuitem none presentation ", NULL},
    {"meter", NULL, " ", " aria-valuemax aria-valuemin "},
    {"nav", NULL,
     " doc-index doc-pagelist doc-toc menu menubar navigation none presentation tablist ",
     " aria-expanded "},
    {"noscript", NULL, " ", NULL},
    {"object", NULL, " application document img ", NULL},
    {"ol", NULL,
     " directory group list listbox menu menubar none presentation radiogroup tablist "
     "toolbar tree ",
     " aria-expanded "},
    {"optgroup", NULL, " group ", " aria-activedescendant aria-expanded "},
    {"option", NULL, " option ", " aria-checked aria-posinset aria-selected aria-setsize "},
    {"output", NULL, NULL, " aria-expanded "},
    {"p", NULL, NULL, NULL},
    {"param", NULL, " ", NULL},
    {"picture", NULL, " ", NULL},
    {"pre", NULL, NULL, NULL},
    {"progress", NULL, " progressbar ",
     " aria-valuemax aria-valuemin aria-valuenow aria-valuetext "},
    {"q", NULL, NULL, NULL},
    {"rb", NULL, NULL, NULL},
    {"rp", NULL, NULL, NULL},
    {"rt", NULL, NULL, NULL},
    {"rtc", NULL, NULL, NULL},
    {"ruby", NULL, NULL, NULL},
    {"s", NULL, NULL, NULL},
    {"samp", NULL, NULL, NULL},
    {"script", NULL, " ", NULL},
    {"search", NULL, " form group none presentation region search ", " aria-expanded "},
    {"section", NULL,
     " alert alertdialog application banner complementary contentinfo dialog doc-abstract "
     "doc-acknowledgments doc-afterword doc-appendix doc-bibliography doc-chapter "
     "doc-colophon doc-conclusion doc-credit doc-credits doc-dedication doc-endnotes "
     "doc-epigraph doc-epilogue doc-errata doc-example doc-foreword doc-glossary doc-index "
     "doc-introduction doc-notice doc-pagelist doc-part doc-preface doc-prologue "
     "doc-pullquote doc-qna doc-toc document feed group log main marquee navigation none "
     "note presentation region search status tabpanel ",
     " aria-expanded "},
    {"select", NULL, " combobox listbox menu ",
     " aria-activedescendant aria-autocomplete aria-expanded aria-multiselectable "
     "aria-readonly aria-required "},
    {"slot", NULL, NULL, NULL},
    {"small", NULL, NULL, NULL},
    {"source", NULL, " ", NULL},
    {"span", NULL, NULL, NULL},
    {"strong", NULL, NULL, NULL},
    {"style", NULL, " ", NULL},
    {"sub", NULL, NULL, NULL},
    {"summary", NULL, " button ", " aria-expanded aria-pressed "},
    {"sup", NULL, NULL, NULL},
    {"table", NULL, NULL, " aria-colcount aria-rowcount "},
    {"tbody", NULL, NULL, " aria-activedescendant aria-expanded "},
    {"td", NULL, NULL, " aria-colspan aria-rowindex aria-rowspan "},
    {"template", NULL, " ", NULL},
    {"textarea", NULL, " textbox ",
     " aria-activedescendant aria-autocomplete aria-multiline aria-placeholder "
     "aria-readonly aria-required "},
    {"tfoot", NULL, NULL, " aria-activedescendant aria-expanded "},
    {"th", NULL, NULL,
     " aria-colindex aria-colspan aria-expanded aria-readonly aria-required aria-rowindex "
     "aria-rowspan aria-selected aria-sort "},
    {"thead", NULL, NULL, " aria-activedescendant aria-expanded "},
    {"time", NULL, NULL, NULL},
    {"title", NULL, " ", NULL},
    {"tr", NULL, NULL, " aria-activedescendant aria-expanded aria-level aria-selected "},
    {"track", NULL, " ", NULL},
    {"u", NULL, NULL, NULL},
    {"ul", NULL,
     " directory group list listbox menu menubar none presentation radiogroup tablist "
     "toolbar tree ",
     " aria-expanded "},
    {"var", NULL, NULL, NULL},
    {"video", NULL, " application ", NULL},
    {"wbr", NULL, " none presentation ", NULL},
};

/* The aria-* attributes whose values the schema lists (keywords, each
 * a RelaxNG string value: compared as they are, white space and all),
 * or that are integers; sorted by name. */
enum { KEYWORDS, POSITIVE, COUNT /* non-negative, or -1 */ };
static const struct value_rule {
    const char *name;
    int kind;
    const char *values;
} value_rules[] = {
    {"aria-atomic", KEYWORDS, " false true "},
    {"aria-autocomplete", KEYWORDS, " both inline list none "},
    {"aria-busy", KEYWORDS, " false true "},
    {"aria-checked", KEYWORDS, " false mixed true undefined "},
    {"aria-colcount", COUNT, NULL},
    {"aria-colindex", POSITIVE, NULL},
    {"aria-colspan", POSITIVE, NULL},
    {"aria-current", KEYWORDS, " date false location page step time true "},
    {"aria-disabled", KEYWORDS, " false true "},
    {"aria-expanded", KEYWORDS, " false true undefined "},
    {"aria-haspopup", KEYWORDS, " dialog false grid listbox menu tree true "},
    {"aria-hidden", KEYWORDS, " false true "},
    {"aria-invalid", KEYWORDS, " false grammar spelling true "},
    {"aria-level", POSITIVE, NULL},
    {"aria-live", KEYWORDS, " assertive off polite "},
    {"aria-modal", KEYWORDS, " false true "},
    {"aria-multiline", KEYWORDS, " false true "},
    {"aria-multiselectable", KEYWORDS, " false true "},
    {"aria-orientation", KEYWORDS, " horizontal undefined vertical "},
    {"aria-posinset", POSITIVE, NULL},
    {"aria-pressed", KEYWORDS, " false mixed true undefined "},
    {"aria-readonly", KEYWORDS, " false true "},
    {"aria-required", KEYWORDS, " false true "},
    {"aria-rowcount", COUNT, NULL},
    {"aria-rowindex", POSITIVE, NULL},
    {"aria-rowspan", POSITIVE, NULL},
    {"aria-selected", KEYWORDS, " false true undefined "},
    {"aria-setsize", COUNT, NULL},
    {"aria-sort", KEYWORDS, " ascending descending none other "},
};

static int by_name(const void *key, const void *row)
{
    /* (each row starts with its name) */
    return strcmp(key, *(const char *const *)row);
}

#define FIND(table, name) bsearch(name, table, sizeof table / sizeof *table, sizeof *table, by_name)

/* Whether `v` is an integer of `kind`: XML Schema's positiveInteger or
 * nonNegativeInteger (white space around it aside), or the string "-1". */
static bool integer_of_kind(const char *v, int kind)
{
    if (kind == COUNT && NAME_IS(v, "-1"))
        return true;
    v += strspn(v, " \t\r\n");
    size_t n = strcspn(v, " \t\r\n");
    if (v[n + strspn(v + n, " \t\r\n")])
        return false;
    if (n && *v == '+')
        v++, n--;
    bool nonzero = false;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        nonzero = nonzero || v[i] != '0';
    }
    return n && (nonzero || kind == COUNT);
}

static void value_invalid(html_scan *h, const char *name, const char *v, const char *what,
                          unsigned line)
{
    octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                             "value of attribute \"%s\" is invalid; it must be %s, not \"%s\"",
                             name, what, v);
}

static void check_value(html_scan *h, const char *name, const xmlChar **a, unsigned line)
{
    const struct value_rule *r = FIND(value_rules, name);
    if (!r)
        return;
    char *v = octavo_check_attribute_value(a);
    if (r->kind == KEYWORDS) {
        if (!*v || strchr(v, ' ') || !octavo_check_in_words(r->values, v)) {
            char what[96];
            /* (r->values without its last space) */
            snprintf(what, sizeof what, "one of%.*s", (int)strlen(r->values) - 1, r->values);
            value_invalid(h, name, v, what, line);
        }
    } else if (!integer_of_kind(v, r->kind)) {
        value_invalid(h, name, v,
                      r->kind == POSITIVE ? "a positive integer" : "a non-negative integer or -1",
                      line);
    }
    free(v);
}

/* The row for element `el` with these attributes, or NULL. */
static const struct element_row *element_row(const char *el, const xmlChar **attrs, int count)
{
    const struct element_row *row = FIND(element_rows, el);
    if (!row)
        return NULL;
    while (row > element_rows && strcmp(row[-1].name, el) == 0)
        row--;
    for (; row->when; row++) {
        char *v = octavo_check_attribute(attrs, count, row->when, NULL);
        free(v);
        if (v)
            break;
    }
    return row;
}

void octavo_check_aria(html_scan *h, const char *el, const xmlChar **attrs, int count,
                       unsigned line)
{
    int role_at = -1, arias = 0;
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *name = (const char *)a[ATTR_NAME];
        if (a[ATTR_NS] || (name[0] != 'r' && name[0] != 'a'))
            continue;
        if (NAME_IS(name, "role"))
            role_at = i;
        else if (strncmp(name, "aria-", 5) == 0)
            arias++;
    }
    if (role_at < 0 && !arias)
        return;
    const struct element_row *row = element_row(el, attrs, count);
    /* The role: one token, a role there is, one this element may take. */
    const struct role_row *role = NULL;
    bool role_ok = true;
    if (role_at >= 0) {
        char *v = octavo_check_attribute_value(attrs + role_at * ATTR_FIELDS);
        if (!*v || strchr(v, ' ') || strchr(v, '\t') || strchr(v, '\n') || strchr(v, '\r') ||
            !octavo_check_in_words(aria_roles, v)) {
            role_ok = false;
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "value of attribute \"role\" is invalid; \"%s\" is not one "
                                     "ARIA or DPUB-ARIA role",
                                     v);
        } else if (row && (row->roles ? !octavo_check_in_words(row->roles, v) : false)) {
            role_ok = false;
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "value of attribute \"role\" is invalid; the \"%s\" role is "
                                     "not allowed on element \"%s\"",
                                     v, el);
        } else {
            role = FIND(role_rows, v);
        }
        free(v);
    }
    /* The aria-* attributes: ones there are, global or of the element's
     * role (its own, or the one it is given). */
    for (int i = 0; arias && i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *name = (const char *)a[ATTR_NAME];
        if (a[ATTR_NS] || strncmp(name, "aria-", 5) != 0)
            continue;
        bool known = octavo_check_in_words(aria_attributes, name);
        if (known && row && role_ok && !octavo_check_in_words(global_attributes, name) &&
            !(row->attributes && octavo_check_in_words(row->attributes, name)) &&
            !(role && octavo_check_in_words(role->attributes, name)))
            known = false;
        if (!known)
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "attribute \"%s\" not allowed here", name);
        else
            check_value(h, name, a, line);
    }
}
