/* The ARIA role model of XHTML elements (src/check/aria.c): roles and
 * aria-* attributes, checked element by element as html.c meets them. */
#include "check.h"
#include "check/check_internal.h"

#include <stdlib.h>

/* The findings octavo_check_aria makes of element `el` with the
 * attributes "name=value" given (NULL-terminated), as "CODE message"
 * lines; "" when none. The caller frees. */
static char *aria_findings(const char *el, const char *const *attributes)
{
    const xmlChar *attrs[8 * ATTR_FIELDS] = {0};
    char *names[8] = {0};
    int count = 0;
    for (; attributes[count] && count < 8; count++) {
        const char *eq = strchr(attributes[count], '=');
        names[count] = strndup(attributes[count], (size_t)(eq - attributes[count]));
        const xmlChar **a = attrs + count * ATTR_FIELDS;
        a[ATTR_NAME] = (const xmlChar *)names[count];
        a[ATTR_VALUE] = (const xmlChar *)eq + 1;
        a[ATTR_END] = (const xmlChar *)eq + 1 + strlen(eq + 1);
    }
    octavo_diags found = {0};
    html_scan h = {.name = "p.xhtml", .found = &found};
    octavo_check_aria(&h, el, attrs, count, 1);
    octavo_buf b = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < found.count; i++)
        octavo_buf_printf(&b, "%s %s\n", found.items[i].code, found.items[i].message);
    octavo_diags_free(&found);
    for (int i = 0; i < count; i++)
        free(names[i]);
    char *text = octavo_buf_detach(&b);
    return text ? text : strdup("");
}

static void expect(const char *el, const char *const *attributes, const char *want, int line)
{
    char *got = aria_findings(el, attributes);
    if (strstr(got, want) == NULL || (!*want && *got)) {
        fprintf(stderr, "%s:%d: <%s>: expected \"%s\", got \"%s\"\n", __FILE__, line, el, want,
                got);
        check_failures++;
    }
    free(got);
}
#define VALID(el, ...)       expect(el, (const char *const[]){__VA_ARGS__, NULL}, "", __LINE__)
#define FOUND(el, want, ...) expect(el, (const char *const[]){__VA_ARGS__, NULL}, want, __LINE__)

/* Roles: one token, a role there is, one the element may take (the
 * rows are looked up by binary search: elements from a to wbr). */
static void test_roles(void)
{
    VALID("p", "role=doc-epigraph");
    VALID("section", "role=doc-chapter");
    VALID("aside", "role=doc-footnote");
    VALID("footer", "role=doc-footnote");
    VALID("header", "role=doc-footnote");
    VALID("h1", "role=doc-subtitle");
    VALID("h6", "role=doc-subtitle");
    VALID("img", "role=doc-cover", "src=x.png");
    VALID("img", "role=math", "src=x.png");
    VALID("nav", "role=doc-toc");
    VALID("a", "role=doc-noteref", "href=#n1");
    VALID("a", "role=doc-chapter"); /* no href: any role */
    VALID("hr", "role=doc-pagebreak");
    VALID("li", "role=doc-endnote"); /* (deprecated: html.c's warning) */
    VALID("wbr", "role=none");
    VALID("ul", "role=list");
    VALID("abbr", "role=note");
    VALID("my-element", "role=note"); /* custom: any role there is */
    FOUND("p", "\"foo\" is not one ARIA or DPUB-ARIA role", "role=foo");
    FOUND("p", "is not one ARIA", "role=note doc-tip");
    FOUND("p", "is not one ARIA", "role= note");
    FOUND("p", "is not one ARIA", "role=");
    FOUND("p", "is not one ARIA", "role=NOTE");
    FOUND("my-element", "is not one ARIA", "role=foo");
    FOUND("a", "the \"doc-chapter\" role is not allowed on element \"a\"", "href=x",
          "role=doc-chapter");
    FOUND("hr", "not allowed on element \"hr\"", "role=doc-chapter");
    FOUND("section", "not allowed on element \"section\"", "role=doc-cover");
    FOUND("aside", "not allowed on element \"aside\"", "role=doc-chapter");
    FOUND("h3", "not allowed on element \"h3\"", "role=doc-chapter");
    FOUND("img", "not allowed on element \"img\"", "role=doc-chapter", "src=x.png");
    FOUND("nav", "not allowed on element \"nav\"", "role=doc-chapter");
    FOUND("html", "not allowed on element \"html\"", "role=document");
    FOUND("wbr", "not allowed on element \"wbr\"", "role=note");
}

/* aria-* attributes: ARIA's, global or of the element's role. */
static void test_attributes(void)
{
    VALID("p", "aria-label=x", "aria-hidden=true", "aria-describedby=a b");
    VALID("li", "aria-level=2", "aria-setsize=-1", "aria-posinset=1");
    VALID("p", "role=checkbox", "aria-checked=mixed");
    VALID("li", "aria-level= 2 "); /* (an XML Schema integer) */
    VALID("th", "aria-sort=ascending");
    VALID("my-element", "aria-checked=true"); /* (its role unknown) */
    FOUND("p", "attribute \"aria-foo\" not allowed here", "aria-foo=x");
    FOUND("p", "attribute \"aria-describedat\" not allowed here", "aria-describedat=x");
    FOUND("p", "attribute \"aria-checked\" not allowed here", "aria-checked=true");
    FOUND("p", "attribute \"aria-level\" not allowed here", "role=note", "aria-level=1");
    FOUND("p",
          "value of attribute \"aria-hidden\" is invalid; it must be one of false true, not "
          "\"maybe\"",
          "aria-hidden=maybe");
    FOUND("p", "value of attribute \"aria-hidden\" is invalid", "aria-hidden=TRUE");
    FOUND("p", "value of attribute \"aria-hidden\" is invalid", "aria-hidden= true"); /* a string */
    FOUND("p", "value of attribute \"aria-hidden\" is invalid", "aria-hidden=");
    FOUND("li", "\"aria-setsize\" is invalid", "aria-setsize= -1");
    FOUND("li", "\"aria-level\" is invalid; it must be a positive integer, not \"0\"",
          "aria-level=0");
    FOUND("li", "\"aria-setsize\" is invalid; it must be a non-negative integer or -1",
          "aria-setsize=-2");
    FOUND("li", "\"aria-posinset\" is invalid", "aria-posinset=1.5");
}

int main(void)
{
    test_roles();
    test_attributes();
    return check_failures != 0;
}
