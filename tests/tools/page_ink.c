/* page_ink — looks at a rendered page (binary PGM, from mutool draw) the
 * way a reader would glance at it: is anything on it, and does anything
 * run off the right edge?
 *
 * Usage: page_ink PAGE.pgm
 * Prints "ink: N.NN% right-edge: N left-edge: N" (percent of dark pixels
 * over the page; dark pixels in the outermost 1.5% columns). Exit 0. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: page_ink PAGE.pgm\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    int w, h, max;
    if (!f || fscanf(f, "P5 %d %d %d", &w, &h, &max) != 3 || w <= 0 || h <= 0 || w > 20000 ||
        h > 20000 || max != 255) {
        fprintf(stderr, "page_ink: %s is not an 8-bit binary PGM\n", argv[1]);
        return 2;
    }
    fgetc(f); /* the one white-space byte after the header */
    unsigned char *px = malloc((size_t)w * (size_t)h);
    if (!px || fread(px, 1, (size_t)w * (size_t)h, f) != (size_t)w * (size_t)h) {
        fprintf(stderr, "page_ink: %s is truncated\n", argv[1]);
        return 2;
    }
    fclose(f);
    long dark = 0, right = 0, left = 0;
    int edge = w * 15 / 1000 + 1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (px[(size_t)y * (size_t)w + (size_t)x] < 128) {
                dark++;
                if (x >= w - edge)
                    right++;
                if (x < edge)
                    left++;
            }
    printf("ink: %.2f%% right-edge: %ld left-edge: %ld\n", 100.0 * (double)dark / ((double)w * h),
           right, left);
    free(px);
    return 0;
}
