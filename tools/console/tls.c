/* The station's own TLS certificate, made at the console's first start with
 * GnuTLS (the library libmicrohttpd already speaks TLS through): an ECDSA
 * P-256 key that never leaves the board (key.pem, 0600) and a self-signed
 * certificate for ten years naming the board's host name, localhost and
 * 127.0.0.1. Staff check its SHA-256 fingerprint once against the one on
 * the technician screen or `kioskctl console fingerprint`. */
#include <errno.h>
#include <fcntl.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "console.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = malloc(16385);
    size_t n = p ? fread(p, 1, 16384, f) : 0;
    int bad = ferror(f) || !feof(f);
    fclose(f);
    if (!p || bad || n == 0) {
        free(p);
        return NULL;
    }
    p[n] = '\0';
    return p;
}

/* Writes data to path through a temporary file, fsynced, then renamed. */
static int write_file(const char *path, const void *data, size_t len, mode_t mode)
{
    char tmp[CONFIG_PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    int ok = write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int make(const char *dir, const char *station, const char *key_path,
                const char *cert_path, char *err, size_t errlen)
{
    gnutls_x509_privkey_t key = NULL;
    gnutls_x509_crt_t crt = NULL;
    gnutls_datum_t key_pem = {NULL, 0}, cert_pem = {NULL, 0};
    int rc = -1, g;
    unsigned char serial[16];
    char host[256] = "localhost";
    gethostname(host, sizeof host - 1);
    time_t now = time(NULL);
    char cn[160];
    snprintf(cn, sizeof cn, "kiosk-console %s", station);
    if ((g = gnutls_x509_privkey_init(&key)) < 0 ||
        (g = gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
                                          GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0)) < 0 ||
        (g = gnutls_x509_crt_init(&crt)) < 0 || (g = gnutls_x509_crt_set_version(crt, 3)) < 0 ||
        (g = gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial)) < 0)
        goto gnutls_fail;
    serial[0] &= 0x7f; /* a positive serial */
    if ((g = gnutls_x509_crt_set_serial(crt, serial, sizeof serial)) < 0 ||
        (g = gnutls_x509_crt_set_activation_time(crt, now - 24 * 3600)) < 0 ||
        (g = gnutls_x509_crt_set_expiration_time(crt, now + 3650L * 24 * 3600)) < 0 ||
        (g = gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn,
                                           (unsigned)strlen(cn))) < 0 ||
        (g = gnutls_x509_crt_set_key(crt, key)) < 0 ||
        (g = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, "localhost",
                                                  (unsigned)strlen("localhost"),
                                                  GNUTLS_FSAN_APPEND)) < 0)
        goto gnutls_fail;
    if (strcmp(host, "localhost") != 0 &&
        (g = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, host,
                                                  (unsigned)strlen(host), GNUTLS_FSAN_APPEND)) < 0)
        goto gnutls_fail;
    static const unsigned char loop[4] = {127, 0, 0, 1};
    if ((g = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, loop, 4,
                                                  GNUTLS_FSAN_APPEND)) < 0 ||
        (g = gnutls_x509_crt_set_basic_constraints(crt, 0, -1)) < 0 ||
        (g = gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0 ||
        (g = gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 0)) < 0 ||
        (g = gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0)) < 0 ||
        (g = gnutls_x509_privkey_export2(key, GNUTLS_X509_FMT_PEM, &key_pem)) < 0 ||
        (g = gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &cert_pem)) < 0)
        goto gnutls_fail;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot make %s: %s", dir, strerror(errno));
        goto out;
    }
    /* The key first: a certificate without its key is never left behind. */
    if (write_file(key_path, key_pem.data, key_pem.size, 0600) != 0 ||
        write_file(cert_path, cert_pem.data, cert_pem.size, 0644) != 0) {
        snprintf(err, errlen, "cannot write the certificate into %s: %s", dir, strerror(errno));
        goto out;
    }
    rc = 0;
    goto out;
gnutls_fail:
    snprintf(err, errlen, "cannot make the station's certificate: %s", gnutls_strerror(g));
out:
    if (key_pem.data) {
        memset(key_pem.data, 0, key_pem.size);
        gnutls_free(key_pem.data);
    }
    gnutls_free(cert_pem.data);
    if (crt)
        gnutls_x509_crt_deinit(crt);
    if (key)
        gnutls_x509_privkey_deinit(key);
    return rc;
}

int tls_load_or_make(const char *dir, const char *station, char **key_pem, char **cert_pem,
                     char *err, size_t errlen)
{
    char key_path[CONFIG_PATH_MAX + 16], cert_path[CONFIG_PATH_MAX + 16];
    snprintf(key_path, sizeof key_path, "%s/key.pem", dir);
    snprintf(cert_path, sizeof cert_path, "%s/cert.pem", dir);
    struct stat sk, sc;
    int have_key = stat(key_path, &sk) == 0, have_cert = stat(cert_path, &sc) == 0;
    if (have_key != have_cert) {
        /* One without the other: somebody removed a file by hand. Making a
         * new pair would change the fingerprint staff trust: say so. */
        snprintf(err, errlen,
                 "%s has %s but not %s; remove both to make a new certificate (its fingerprint "
                 "changes: tell the staff)",
                 dir, have_key ? "key.pem" : "cert.pem", have_key ? "cert.pem" : "key.pem");
        return -1;
    }
    if (!have_key && make(dir, station, key_path, cert_path, err, errlen) != 0)
        return -1;
    *key_pem = read_all(key_path);
    *cert_pem = read_all(cert_path);
    if (!*key_pem || !*cert_pem) {
        snprintf(err, errlen, "cannot read the certificate in %s", dir);
        free(*key_pem);
        free(*cert_pem);
        *key_pem = *cert_pem = NULL;
        return -1;
    }
    return 0;
}
