/* Writes han_forms_bits.h: src/han_forms.h's lists as two bitmaps over
 * U+4E00..U+9FFF, one bit per character, for lang.c, and a third of the
 * common characters, taken from the national standards' first levels
 * with iconv. Run by the build. */
#include "../src/han_forms.h"

#include <iconv.h>
#include <stdio.h>

#define FIRST 0x4E00u
#define LAST  0x9FFFu
#define BYTES ((LAST - FIRST + 1) / 8)

static void write_bits(FILE *out, const char *name, const unsigned char *bits)
{
    fprintf(out, "static const unsigned char %s[%u] = {", name, BYTES);
    for (unsigned i = 0; i < BYTES; i++)
        fprintf(out, "%s0x%02X,", i % 16 ? " " : "\n    ", bits[i]);
    fprintf(out, "\n};\n");
}

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
    write_bits(out, name, bits);
    return 0;
}

/* Marks the Han characters of the double-byte codes lead:trail of
 * `encoding` from `first` to `last` (inclusive, in code order). */
static int mark_range(unsigned char *bits, const char *encoding, unsigned first, unsigned last)
{
    iconv_t cd = iconv_open("UTF-32LE", encoding);
    if (cd == (iconv_t)-1) {
        perror(encoding);
        return 1;
    }
    for (unsigned code = first; code <= last; code++) {
        char in[2] = {(char)(code >> 8), (char)(code & 0xFF)};
        unsigned char u[4];
        char *ip = in, *op = (char *)u;
        size_t il = 2, ol = 4;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != 0)
            continue; /* (a code the standard leaves unassigned) */
        uint32_t cp = u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
        if (cp >= FIRST && cp <= LAST)
            bits[(cp - FIRST) / 8] |= (unsigned char)(1u << ((cp - FIRST) % 8));
    }
    iconv_close(cd);
    return 0;
}

/* The characters of everyday text: GB 2312 level 1 (3,755), Big5's
 * frequent characters (5,401) and JIS X 0208 level 1 (2,965). Text
 * decoded with the wrong encoding is mostly other characters. */
static int emit_common(FILE *out)
{
    unsigned char bits[BYTES] = {0};
    int bad = mark_range(bits, "GB2312", 0xB0A1, 0xD7F9) ||
              mark_range(bits, "BIG5", 0xA440, 0xC67E) ||
              mark_range(bits, "EUC-JP", 0xB0A1, 0xCFD3);
    write_bits(out, "han_common", bits);
    return bad;
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
                   sizeof traditional_only / sizeof *traditional_only) ||
              emit_common(out);
    return fclose(out) != 0 || bad;
}
