#include "check.h"
#include "yaml_tree.h"

static octavo_status load(const char *text, octavo_yaml_node **root, octavo_diags *d)
{
    return octavo_yaml_load(text, strlen(text), "f.md", 2, root, d);
}

static void test_mapping(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_yaml_node *root;
    CHECK_INT(load("title: '大模型'\nauthor: [A, B]\ndate: 2024-11-19\nempty:\n", &root, &d),
              OCTAVO_OK);
    CHECK(root && root->kind == OCTAVO_YAML_MAPPING);
    CHECK_STR(octavo_yaml_get(root, "title")->value, "大模型");
    CHECK_INT(octavo_yaml_get(root, "title")->line, 2);
    CHECK_INT(octavo_yaml_get(root, "author")->count, 2);
    CHECK_STR(octavo_yaml_get(root, "date")->value, "2024-11-19");
    CHECK(octavo_yaml_is_null(octavo_yaml_get(root, "empty")));
    CHECK(octavo_yaml_get(root, "missing") == NULL);
    octavo_yaml_free(root);
    octavo_diags_free(&d);
}

static void test_errors(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_yaml_node *root;
    CHECK_INT(load("title: [unclosed\n", &root, &d), OCTAVO_EINPUT);
    CHECK(d.count == 1 && d.items[0].line >= 2);
    octavo_diags_free(&d);

    CHECK_INT(load("a: &x [1, 2]\nb: *x\n", &root, &d), OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "aliases");
    CHECK_INT(d.items[0].line, 3);
    octavo_diags_free(&d);

    CHECK_INT(load("title: a\ntitle: b\n", &root, &d), OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "duplicate key 'title'");
    CHECK_INT(d.items[0].line, 3);
    octavo_diags_free(&d);

    char deep[400] = {0};
    for (int i = 0; i < 100; i++)
        strcat(deep, "[");
    CHECK_INT(load(deep, &root, &d), OCTAVO_EINPUT);
    CHECK_HAS(d.items[0].message, "nested more than");
    octavo_diags_free(&d);

    CHECK_INT(load("", &root, &d), OCTAVO_OK);
    CHECK(root == NULL);
    octavo_diags_free(&d);
}

int main(void)
{
    test_mapping();
    test_errors();
    CHECK_DONE();
}
