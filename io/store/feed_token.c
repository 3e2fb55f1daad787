/* feed_token.c - subscription tokens and SHA-256 (FIPS 180-4), see
 * feed_token.h. */
#include "io/store/feed_token.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static uint32_t ror(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static void block(uint32_t h[8], const uint8_t *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
}

void io_feed_sha256(const void *data, size_t len, uint8_t out[IO_FEED_DIGEST_BYTES])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const uint8_t *p = data;
    size_t left = len;
    while (left >= 64) {
        block(h, p);
        p += 64;
        left -= 64;
    }
    uint8_t tail[128] = {0};
    memcpy(tail, p, left);
    tail[left] = 0x80;
    size_t n = left < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++)
        tail[n - 1 - i] = (uint8_t)(bits >> (8 * i));
    block(h, tail);
    if (n == 128)
        block(h, tail + 64);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(h[i] >> 8);
        out[4 * i + 3] = (uint8_t)h[i];
    }
}

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* c's value in B64URL, or -1. */
static int b64_value(char c)
{
    const char *at = c ? strchr(B64URL, c) : NULL;
    return at ? (int)(at - B64URL) : -1;
}

model_status io_feed_token_new(char out[IO_FEED_TOKEN_CHARS + 1], model_error *err)
{
    uint8_t raw[IO_FEED_TOKEN_BYTES + 1] = {0}; /* one spare zero byte for the last group */
    size_t got = 0;
    while (got < IO_FEED_TOKEN_BYTES) {
        ssize_t r = getrandom(raw + got, IO_FEED_TOKEN_BYTES - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return model_error_set(err, MODEL_ERR_IO, "cannot read random bytes: %s",
                                   strerror(errno));
        }
        got += (size_t)r;
    }
    /* 32 bytes = 10 groups of 3 (40 characters) and 2 bytes (3 characters). */
    int o = 0;
    for (int i = 0; i < IO_FEED_TOKEN_BYTES; i += 3) {
        uint32_t v = (uint32_t)raw[i] << 16 | (uint32_t)raw[i + 1] << 8 |
                     (i + 2 < IO_FEED_TOKEN_BYTES ? raw[i + 2] : 0);
        int chars = IO_FEED_TOKEN_BYTES - i >= 3 ? 4 : 3;
        for (int k = 0; k < chars; k++)
            out[o++] = B64URL[(v >> (18 - 6 * k)) & 63];
    }
    out[o] = '\0';
    memset(raw, 0, sizeof raw);
    return MODEL_OK;
}

bool io_feed_token_valid(const char *text, size_t len)
{
    if (len != IO_FEED_TOKEN_CHARS)
        return false;
    for (size_t i = 0; i < len; i++)
        if (b64_value(text[i]) < 0)
            return false;
    /* The last character encodes 4 bits of data; its 2 low bits are zero. */
    return (b64_value(text[len - 1]) & 3) == 0;
}

void io_feed_token_digest(const char *token, size_t len, uint8_t out[IO_FEED_DIGEST_BYTES])
{
    io_feed_sha256(token, len, out);
}

bool io_feed_digest_equal(const uint8_t a[IO_FEED_DIGEST_BYTES],
                          const uint8_t b[IO_FEED_DIGEST_BYTES])
{
    volatile uint8_t diff = 0;
    for (int i = 0; i < IO_FEED_DIGEST_BYTES; i++)
        diff |= (uint8_t)(a[i] ^ b[i]);
    return diff == 0;
}

void io_feed_hex(const uint8_t *bytes, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[bytes[i] >> 4];
        out[2 * i + 1] = hex[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}
