/* Writes han_forms_bits.h: src/han_forms.h's lists as two bitmaps over
 * U+4E00..U+9FFF, one bit per character, for lang.c. Run by the build. */
#include "../src/han_forms.h"

#include <stdio.h>

#define FIRST 0x4E00u
#define LAST  0x9FFFu
#define BYTES ((LAST - FIRST + 1) / 8)

static int emit(FILE *out, const char *name, const uint32_t *list, size_t n)
{
    unsigned char bits[BYTES] = {0};
    for (size_t i = 0; i < n; i++) {
        if (list[i] < FIRST || list[i] > LAST) {
            fprintf(stderr, "han_forms.h: U+%04X is outside U+4E00..U+9FFF\n", (unsigned)list[i]);
            return 1;
        }
        bits[(list[i] - FIRST) / 8] |= (unsigned char)(1u << ((list[i] - FIRST) % 8));
    }
    fprintf(out, "static const unsigned char %s[%u] = {", name, BYTES);
    for (unsigned i = 0; i < BYTES; i++)
        fprintf(out, "%s0x%02X,", i % 16 ? " " : "\n    ", bits[i]);
    fprintf(out, "\n};\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: han_forms_gen OUTPUT.h\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out,
            "/* Made by tools/han_forms_gen.c from src/han_forms.h. */\n"
            "#define HAN_FORMS_FIRST 0x%04Xu\n#define HAN_FORMS_LAST 0x%04Xu\n",
            FIRST, LAST);
    int bad = emit(out, "han_simplified_only", simplified_only,
                   sizeof simplified_only / sizeof *simplified_only) ||
              emit(out, "han_traditional_only", traditional_only,
                   sizeof traditional_only / sizeof *traditional_only);
    return fclose(out) != 0 || bad;
}
