#include "check.h"
#include "toml.h"

static octavo_status parse(const char *text, octavo_toml *t, octavo_diags *d)
{
    return octavo_toml_parse(text, strlen(text), "book.toml", t, d);
}

static void test_book_toml(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_toml t;
    CHECK_INT(parse("# mdBook\n"
                    "[book]\n"
                    "title = \"Gears \\u00e9 \\\"Levers\\\"\"  # a comment\n"
                    "authors = [\n  \"Ann\", # first\n  'Bo \\n',\n]\n"
                    "multilingual = false\n"
                    "description = \"\"\"\nTwo \\\n   lines.\"\"\"\n"
                    "[output.html]\n"
                    "\"quoted.key\" = 1.5e3\n"
                    "fold = { enable = true, level = 0 }\n"
                    "date = 1979-05-27 07:32:00Z\n"
                    "[[preprocessor.x.list]]\na = 1\n[[preprocessor.x.list]]\na = 2\n",
                    &t, &d),
              OCTAVO_OK);
    CHECK_INT(d.count, 0);
    const octavo_toml_value *v = octavo_toml_get(&t, "book.title");
    CHECK(v && v->kind == OCTAVO_TOML_STRING);
    CHECK_STR(v ? v->string : NULL, "Gears é \"Levers\"");
    CHECK_INT(v ? v->line : 0, 3);
    v = octavo_toml_get(&t, "book.authors");
    CHECK(v && v->kind == OCTAVO_TOML_STRINGS && v->strings.count == 2);
    CHECK_STR(v && v->strings.count == 2 ? v->strings.items[1] : NULL, "Bo \\n");
    v = octavo_toml_get(&t, "book.multilingual");
    CHECK(v && v->kind == OCTAVO_TOML_BOOL && !v->boolean);
    CHECK_STR(octavo_toml_get(&t, "book.description")->string, "Two lines.");
    CHECK(octavo_toml_get(&t, "output.html.quoted.key")->kind == OCTAVO_TOML_OTHER);
    CHECK(octavo_toml_get(&t, "output.html.fold")->kind == OCTAVO_TOML_OTHER);
    CHECK(octavo_toml_get(&t, "preprocessor.x.list.a") == NULL);
    octavo_toml_free(&t);
    octavo_diags_free(&d);
}

/* Each bad file: its error and the line it names. */
static void test_errors(void)
{
    static const struct {
        const char *text, *message;
        unsigned line;
    } cases[] = {
        {"[book]\ntitle = Gears\n", "'Gears' is not a value (text needs quotes)", 2},
        {"[book\n", "']' is missing after a table name", 1},
        {"title \"x\"\n", "'=' is missing after a key", 1},
        {"a = \"open\nb = 1\n", "a string is not closed on its line", 1},
        {"a = \"\"\"\nnever closed\n", "a string is not closed", 1},
        {"a = [\"x\" \"y\"]\n", "an array needs ','", 1},
        {"a = \"\\q\"\n", "unknown escape '\\q'", 1},
        {"a = \"\\u0001\"\n", "'\\u0001' is not a character a book can hold", 1},
        {"a = \"\\uD800\"\n", "is not a character a book can hold", 1},
        {"a = \"\\U00110000\"\n", "is not a character a book can hold", 1},
        {"a = 1 b = 2\n", "unexpected 'b' after the value", 1},
        {"a = 1\n\na = 2\n", "'a' is given twice (first on line 1)", 3},
        {"a = { b = 1,\n c = 2 }\n", "an inline table needs ','", 1},
        {"= 1\n", "a key is missing", 1},
        {"a =\n", "a value is missing", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        octavo_diags d = OCTAVO_DIAGS_INIT;
        octavo_toml t;
        CHECK_INT(parse(cases[i].text, &t, &d), OCTAVO_EINPUT);
        CHECK_INT(d.count, 1);
        if (d.count) {
            CHECK_HAS(d.items[0].message, cases[i].message);
            CHECK_INT(d.items[0].line, cases[i].line);
        }
        octavo_toml_free(&t);
        octavo_diags_free(&d);
    }
    /* Nesting is bounded. */
    char deep[200] = "a = ";
    for (int i = 0; i < 100; i++)
        strcat(deep, "[");
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_toml t;
    CHECK_INT(parse(deep, &t, &d), OCTAVO_EINPUT);
    CHECK_HAS(d.count ? d.items[0].message : NULL, "nest more than");
    octavo_toml_free(&t);
    octavo_diags_free(&d);
}

int main(void)
{
    test_book_toml();
    test_errors();
    CHECK_DONE();
}
