/* qr_bench: the cost of one ticket's QR, made as the kiosk makes it.
 *   qr_bench FONT_REGULAR FONT_BOLD [N]
 * Per ticket, averaged over N (default 200) different ticket codes:
 *   qr_encode_us      signed payload + QR symbol (libsodium, libqrencode)
 *   qr_screen_us      the same + the on-screen raster (ARGB modules with
 *                     the quiet zone, as ui.c's texture source)
 *   ticket_print_ms   the whole printed ticket: text and QR laid out into a
 *                     576-dot 1-bit image, then the ESC/POS job
 * Prints "NAME VALUE UNIT" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "../../firmware/ticket/code.h"
#include "../../firmware/ticket/escpos.h"
#include "../../firmware/ticket/payload.h"
#include "../../firmware/ticket/qr.h"
#include "../../firmware/ui/ticket_render.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fail(const char *what)
{
    fprintf(stderr, "qr_bench: %s\n", what);
    return 1;
}

/* The on-screen raster: dark modules black on white, 4 modules of quiet zone. */
static Uint32 *raster(const ticket_qr_t *qr, int *side)
{
    int n = qr->width + 8;
    Uint32 *px = malloc((size_t)n * (size_t)n * sizeof *px);
    if (!px)
        return NULL;
    for (int i = 0; i < n * n; i++)
        px[i] = 0xFFFFFFFFu;
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->dark[y * qr->width + x])
                px[(y + 4) * n + x + 4] = 0xFF000000u;
    *side = n;
    return px;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: qr_bench FONT_REGULAR FONT_BOLD [N]\n");
        return 2;
    }
    int n = argc > 3 ? atoi(argv[3]) : 200;
    if (n < 1)
        return fail("N must be at least 1");
    if (TTF_Init() != 0)
        return fail(TTF_GetError());
    ticket_key_t key;
    for (int i = 0; i < TICKET_KEY_BYTES; i++)
        key.k[i] = (unsigned char)(i * 7 + 1);
    unsigned long long seed = 42;
    char codes[256][KIOSK_TICKET_SIZE];
    int nc = n < 256 ? n : 256;
    for (int i = 0; i < nc; i++)
        if (ticket_code_seeded(&seed, codes[i]))
            return fail("ticket code");

    char warm[TICKET_PAYLOAD_LEN + 1];
    ticket_payload_make(&key, codes[0], warm); /* libsodium's first call sets it up */
    double t0 = now_s();
    for (int i = 0; i < n; i++) {
        char payload[TICKET_PAYLOAD_LEN + 1];
        ticket_qr_t qr;
        ticket_payload_make(&key, codes[i % nc], payload);
        if (ticket_qr_encode(payload, &qr))
            return fail("QR encode");
        ticket_qr_free(&qr);
    }
    double enc = (now_s() - t0) / n;

    t0 = now_s();
    for (int i = 0; i < n; i++) {
        char payload[TICKET_PAYLOAD_LEN + 1];
        ticket_qr_t qr;
        int side;
        ticket_payload_make(&key, codes[i % nc], payload);
        if (ticket_qr_encode(payload, &qr))
            return fail("QR encode");
        Uint32 *px = raster(&qr, &side);
        ticket_qr_free(&qr);
        if (!px)
            return fail("out of memory");
        free(px);
    }
    double scr = (now_s() - t0) / n;

    int np = n < 50 ? n : 50; /* the printed ticket costs milliseconds */
    t0 = now_s();
    for (int i = 0; i < np; i++) {
        char payload[TICKET_PAYLOAD_LEN + 1], err[256];
        ticket_payload_make(&key, codes[i % nc], payload);
        ui_ticket_t t = {
            .station = "金普新区先进街道社工站",
            .title = "预约凭条",
            .service = "康养咨询",
            .when = "2026年12月1日 周二 10:00–11:00",
            .place = "社工站二楼康养咨询室",
            .party = "2人",
            .code = codes[i % nc],
            .payload = payload,
            .hint = "请按时到站，出示预约码或扫码签到。",
            .labels = {"服务", "时间", "地点", "人数", "预约码"},
        };
        escpos_bitmap_t bm = {0};
        if (ui_ticket_render(argv[1], argv[2], &t, 576, &bm, err, sizeof err))
            return fail(err);
        unsigned char *job = NULL;
        size_t len = 0;
        int rc = escpos_job(&bm, &job, &len);
        escpos_bitmap_free(&bm);
        free(job);
        if (rc)
            return fail("ESC/POS job");
    }
    double prn = (now_s() - t0) / np;
    TTF_Quit();
    printf("qr_encode_us %.1f us\n", enc * 1e6);
    printf("qr_screen_us %.1f us\n", scr * 1e6);
    printf("ticket_print_ms %.2f ms\n", prn * 1e3);
    return 0;
}
