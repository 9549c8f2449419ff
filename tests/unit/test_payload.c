#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../firmware/ticket/payload.h"
#include "../../firmware/ticket/qr.h"
#include "test.h"

static char dir[] = "/tmp/kiosk-payload-XXXXXX";

static void key_at(const char *name, ticket_key_t *k)
{
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK(ticket_key_load(path, 1, k, err, sizeof err) == 0);
}

static void genuine_payloads_verify(void)
{
    ticket_key_t k;
    key_at("a.key", &k);
    char p[TICKET_PAYLOAD_LEN + 1], code[KIOSK_TICKET_SIZE];
    ticket_payload_make(&k, "ABCD2345", p);
    CHECK_INT(strlen(p), TICKET_PAYLOAD_LEN);
    CHECK(strncmp(p, "KQ1:ABCD2345:", 13) == 0);
    CHECK(ticket_payload_verify(&k, p, code) == 0);
    CHECK_STR(code, "ABCD2345");
    /* A scanner's Enter may come along. */
    char crlf[64];
    snprintf(crlf, sizeof crlf, "%s\r\n", p);
    CHECK(ticket_payload_verify(&k, crlf, code) == 0);
    CHECK(ticket_payload_looks_like(p));
    CHECK(!ticket_payload_looks_like("13812345678"));
}

static void every_changed_character_is_refused(void)
{
    ticket_key_t k;
    key_at("a.key", &k);
    char p[TICKET_PAYLOAD_LEN + 1], code[KIOSK_TICKET_SIZE];
    ticket_payload_make(&k, "ABCD2345", p);
    int accepted = 0;
    for (int i = 0; i < TICKET_PAYLOAD_LEN; i++) {
        for (const char *c = "A2Z7:k0"; *c; c++) {
            char q[TICKET_PAYLOAD_LEN + 1];
            memcpy(q, p, sizeof q);
            if (q[i] == *c)
                continue;
            q[i] = *c;
            accepted += ticket_payload_verify(&k, q, code) == 0;
        }
    }
    CHECK_INT(accepted, 0);
    CHECK(ticket_payload_verify(&k, "KQ1:ABCD2345:", code) == -1);
    CHECK(ticket_payload_verify(&k, "", code) == -1);
    char longer[64];
    snprintf(longer, sizeof longer, "%sA", p);
    CHECK(ticket_payload_verify(&k, longer, code) == -1);
    /* The same code signed by another station's key. */
    ticket_key_t other;
    key_at("b.key", &other);
    CHECK(memcmp(&k, &other, sizeof k) != 0);
    char q[TICKET_PAYLOAD_LEN + 1];
    ticket_payload_make(&other, "ABCD2345", q);
    CHECK(strcmp(p, q) != 0);
    CHECK(ticket_payload_verify(&k, q, code) == -1);
}

static void the_key_file_is_private_and_stable(void)
{
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/c.key", dir);
    ticket_key_t a, b;
    CHECK(ticket_key_load(path, 0, &a, err, sizeof err) == -1); /* not created when not asked */
    CHECK(ticket_key_load(path, 1, &a, err, sizeof err) == 0);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size == 32);
    CHECK(ticket_key_load(path, 1, &b, err, sizeof err) == 0);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    chmod(path, 0644);
    CHECK(ticket_key_load(path, 1, &b, err, sizeof err) == -1);
    CHECK(strstr(err, "chmod 600") != NULL);
    chmod(path, 0600);
    FILE *f = fopen(path, "ab");
    fputc(0, f);
    fclose(f);
    CHECK(ticket_key_load(path, 1, &b, err, sizeof err) == -1);
    CHECK(strstr(err, "32-byte") != NULL);
    ticket_key_wipe(&a);
    CHECK(a.k[0] == 0 && a.k[31] == 0);
}

static void the_payload_fits_a_small_qr(void)
{
    ticket_key_t k;
    key_at("a.key", &k);
    char p[TICKET_PAYLOAD_LEN + 1];
    ticket_payload_make(&k, "ZZZZ9999", p);
    CHECK(strlen(p) <= 62);
    ticket_qr_t qr;
    CHECK(ticket_qr_encode(p, &qr) == 0);
    CHECK(qr.version >= 1 && qr.version <= 4);
    CHECK_INT(qr.width, 17 + 4 * qr.version);
    int dark = 0;
    for (int i = 0; i < qr.width * qr.width; i++)
        dark += qr.dark[i];
    CHECK(dark > qr.width * qr.width / 4 && dark < qr.width * qr.width * 3 / 4);
    ticket_qr_free(&qr);
    ticket_qr_free(&qr); /* safe twice */
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    RUN(genuine_payloads_verify);
    RUN(every_changed_character_is_refused);
    RUN(the_key_file_is_private_and_stable);
    RUN(the_payload_fits_a_small_qr);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    TEST_EXIT();
}
