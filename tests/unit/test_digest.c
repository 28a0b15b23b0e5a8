#include "check.h"
#include "digest.h"

static void hex(const unsigned char *d, char out[41])
{
    for (int i = 0; i < 20; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static const char *sha1_of(const char *s, char out[41])
{
    octavo_sha1 ctx;
    unsigned char d[20];
    octavo_sha1_init(&ctx);
    octavo_sha1_update(&ctx, s, strlen(s));
    octavo_sha1_final(&ctx, d);
    hex(d, out);
    return out;
}

int main(void)
{
    char out[41];
    /* FIPS 180 test vectors */
    CHECK_STR(sha1_of("", out), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK_STR(sha1_of("abc", out), "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK_STR(sha1_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", out),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");

    char a[46], b[46], c[46];
    octavo_uuid5("Book\nAuthor", 11, a);
    octavo_uuid5("Book\nAuthor", 11, b);
    octavo_uuid5("Book\nOther", 10, c);
    CHECK_STR(a, b);
    CHECK(strcmp(a, c) != 0);
    CHECK_INT(strlen(a), 45);
    CHECK(strncmp(a, "urn:uuid:", 9) == 0);
    CHECK(a[9 + 14] == '5');                  /* version 5 */
    CHECK(strchr("89ab", a[9 + 19]) != NULL); /* RFC variant */
    CHECK_DONE();
}
