#include "digest.h"

#include <stdio.h>
#include <string.h>

static uint32_t rol(uint32_t v, int n)
{
    return (v << n) | (v >> (32 - n));
}

static void compress(octavo_sha1 *ctx, const unsigned char *p)
{
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = ctx->h[0], b = ctx->h[1], c = ctx->h[2], d = ctx->h[3], e = ctx->h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) {
            f = (b & c) | (~b & d);
            k = 0x5A827999;
        } else if (i < 40) {
            f = b ^ c ^ d;
            k = 0x6ED9EBA1;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8F1BBCDC;
        } else {
            f = b ^ c ^ d;
            k = 0xCA62C1D6;
        }
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = t;
    }
    ctx->h[0] += a;
    ctx->h[1] += b;
    ctx->h[2] += c;
    ctx->h[3] += d;
    ctx->h[4] += e;
}

void octavo_sha1_init(octavo_sha1 *ctx)
{
    static const uint32_t start[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    memcpy(ctx->h, start, sizeof start);
    ctx->length = 0;
    ctx->used = 0;
}

void octavo_sha1_update(octavo_sha1 *ctx, const void *data, size_t len)
{
    const unsigned char *p = data;
    ctx->length += len;
    while (len) {
        size_t take = 64 - ctx->used < len ? 64 - ctx->used : len;
        memcpy(ctx->block + ctx->used, p, take);
        ctx->used += take;
        p += take;
        len -= take;
        if (ctx->used == 64) {
            compress(ctx, ctx->block);
            ctx->used = 0;
        }
    }
}

void octavo_sha1_final(octavo_sha1 *ctx, unsigned char out[20])
{
    uint64_t bits = ctx->length * 8;
    unsigned char pad = 0x80;
    octavo_sha1_update(ctx, &pad, 1);
    pad = 0;
    while (ctx->used != 56)
        octavo_sha1_update(ctx, &pad, 1);
    unsigned char len_be[8];
    for (int i = 0; i < 8; i++)
        len_be[i] = (unsigned char)(bits >> (56 - 8 * i));
    octavo_sha1_update(ctx, len_be, 8);
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (unsigned char)(ctx->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(ctx->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(ctx->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)ctx->h[i];
    }
}

void octavo_uuid5(const char *name, size_t len, char out[46])
{
    /* Octavo's own namespace UUID (its first bytes spell "octavo"); fixed
     * forever, so a book keeps its identifier across octavo versions. */
    static const unsigned char ns[16] = {0x4f, 0x63, 0x74, 0x61, 0x76, 0x6f, 0x5a, 0x1e,
                                         0x9b, 0x6d, 0x2c, 0x7e, 0x18, 0x3a, 0x50, 0x0b};
    octavo_sha1 ctx;
    unsigned char h[20];
    octavo_sha1_init(&ctx);
    octavo_sha1_update(&ctx, ns, sizeof ns);
    octavo_sha1_update(&ctx, name, len);
    octavo_sha1_final(&ctx, h);
    h[6] = (unsigned char)((h[6] & 0x0F) | 0x50);
    h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);
    snprintf(out, 46,
             "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0],
             h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13],
             h[14], h[15]);
}
