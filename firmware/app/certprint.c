#include "certprint.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BEGIN "-----BEGIN CERTIFICATE-----"
#define END "-----END CERTIFICATE-----"

int certprint_pem(const char *pem, char out[CERTPRINT_SIZE])
{
    const char *b = pem ? strstr(pem, BEGIN) : NULL;
    const char *e = b ? strstr(b, END) : NULL;
    if (!b || !e)
        return -1;
    b += strlen(BEGIN);
    size_t n = (size_t)(e - b);
    unsigned char *der = malloc(n);
    size_t len = 0;
    if (!der || sodium_init() < 0 ||
        sodium_base642bin(der, n, b, n, " \t\r\n", &len, NULL, sodium_base64_VARIANT_ORIGINAL) !=
            0 ||
        len == 0) {
        free(der);
        return -1;
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, der, len);
    free(der);
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < sizeof h; i++) {
        out[i * 3] = hex[h[i] >> 4];
        out[i * 3 + 1] = hex[h[i] & 15];
        out[i * 3 + 2] = i + 1 < sizeof h ? ':' : '\0';
    }
    return 0;
}

int certprint_file(const char *path, char out[CERTPRINT_SIZE], char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s (the console makes it at its first start)", path,
                 strerror(errno));
        return -1;
    }
    char buf[16385];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (certprint_pem(buf, out) != 0) {
        snprintf(err, errlen, "%s: no certificate in it", path);
        return -1;
    }
    return 0;
}

void certprint_path(const char *data_dir, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/console/cert.pem", data_dir && *data_dir ? data_dir : ".");
}
