/* Touch calibration arithmetic: the least-squares fit recovers an affine
 * error from the target touches, degenerate touches are refused, and the
 * panel matrix composed for each rotation maps a raw panel touch to the
 * same layout point as the fit does in layout coordinates. */
#include <math.h>
#include <stdlib.h>

#include "../../firmware/core/calib.h"
#include "../unit/test.h"

static int near(float a, float b, float tol)
{
    return fabsf(a - b) <= tol;
}

static void targets_are_inside_and_distinct(void)
{
    for (int i = 0; i < CALIB_TARGETS; i++) {
        float x, y;
        calib_target(i, &x, &y);
        CHECK(x > 0.05f && x < 0.95f && y > 0.05f && y < 0.95f);
        for (int j = 0; j < i; j++) {
            float u, v;
            calib_target(j, &u, &v);
            CHECK(hypotf(x - u, y - v) > 0.3f);
        }
    }
}

static void fit_recovers_an_affine_error(void)
{
    /* The panel reports p as e(p); the fit must be e's inverse. */
    const float e[6] = {0.9f, 0.05f, 0.04f, -0.03f, 1.1f, -0.02f};
    float raw[CALIB_TARGETS][2], want[CALIB_TARGETS][2], m[6], err = -1;
    for (int i = 0; i < CALIB_TARGETS; i++) {
        calib_target(i, &want[i][0], &want[i][1]);
        raw[i][0] = want[i][0];
        raw[i][1] = want[i][1];
        calib_apply(e, &raw[i][0], &raw[i][1]);
    }
    CHECK_INT(calib_fit((const float(*)[2])raw, (const float(*)[2])want, CALIB_TARGETS, m, &err),
              0);
    CHECK(err >= 0 && err < 1e-5f);
    /* m(e(p)) = p anywhere, not only at the targets. */
    for (int k = 0; k < 50; k++) {
        float x = (float)(k % 7) / 6.0f, y = (float)(k % 5) / 4.0f, px = x, py = y;
        calib_apply(e, &px, &py);
        calib_apply(m, &px, &py);
        CHECK(near(px, x, 1e-4f) && near(py, y, 1e-4f));
    }
    CHECK_INT(calib_sane(m), 1);
}

static void fit_reports_the_worst_touch(void)
{
    float raw[CALIB_TARGETS][2], want[CALIB_TARGETS][2], m[6], err = 0;
    for (int i = 0; i < CALIB_TARGETS; i++) {
        calib_target(i, &want[i][0], &want[i][1]);
        raw[i][0] = want[i][0];
        raw[i][1] = want[i][1];
    }
    raw[4][0] += 0.1f; /* the centre touch slipped right */
    CHECK_INT(calib_fit((const float(*)[2])raw, (const float(*)[2])want, CALIB_TARGETS, m, &err),
              0);
    CHECK(err > 0.05f);
}

static void degenerate_touches_are_refused(void)
{
    float want[CALIB_TARGETS][2], line[CALIB_TARGETS][2], same[CALIB_TARGETS][2], m[6], err;
    for (int i = 0; i < CALIB_TARGETS; i++) {
        calib_target(i, &want[i][0], &want[i][1]);
        line[i][0] = 0.1f * (float)i; /* all on one line */
        line[i][1] = 0.2f * (float)i;
        same[i][0] = same[i][1] = 0.5f; /* all in one place */
    }
    CHECK_INT(calib_fit((const float(*)[2])line, (const float(*)[2])want, CALIB_TARGETS, m, &err),
              -1);
    CHECK_INT(calib_fit((const float(*)[2])same, (const float(*)[2])want, CALIB_TARGETS, m, &err),
              -1);
    CHECK_INT(calib_fit((const float(*)[2])want, (const float(*)[2])want, 2, m, &err), -1);
}

static void rotation_is_the_layouts(void)
{
    float lx, ly;
    calib_rotate(90, 0.0f, 0.0f, &lx, &ly); /* the panel's top left ... */
    CHECK(near(lx, 0.0f, 1e-6f) && near(ly, 1.0f, 1e-6f)); /* ... is the layout's bottom left */
    calib_rotate(180, 0.25f, 0.75f, &lx, &ly);
    CHECK(near(lx, 0.75f, 1e-6f) && near(ly, 0.25f, 1e-6f));
    calib_rotate(270, 0.0f, 0.0f, &lx, &ly);
    CHECK(near(lx, 1.0f, 1e-6f) && near(ly, 0.0f, 1e-6f));
    calib_rotate(45, 0.3f, 0.6f, &lx, &ly); /* anything else is 0 */
    CHECK(near(lx, 0.3f, 1e-6f) && near(ly, 0.6f, 1e-6f));
}

static void panel_matrix_agrees_with_the_layout_fit(void)
{
    const float l[6] = {1.04f, -0.02f, 0.01f, 0.03f, 0.97f, -0.05f};
    const int rots[] = {0, 90, 180, 270};
    for (int r = 0; r < 4; r++) {
        float p[6];
        calib_to_panel(l, rots[r], p);
        for (int k = 0; k < 20; k++) {
            float nx = (float)(k % 4) / 3.0f, ny = (float)(k % 5) / 4.0f;
            /* Through the panel matrix, then turned ... */
            float ax = nx, ay = ny, alx, aly;
            calib_apply(p, &ax, &ay);
            calib_rotate(rots[r], ax, ay, &alx, &aly);
            /* ... equals turned, then through the layout fit. */
            float blx, bly;
            calib_rotate(rots[r], nx, ny, &blx, &bly);
            calib_apply(l, &blx, &bly);
            CHECK(near(alx, blx, 1e-5f) && near(aly, bly, 1e-5f));
        }
    }
    float id[6] = {1, 0, 0, 0, 1, 0}, p[6];
    calib_to_panel(id, 90, p);
    for (int i = 0; i < 6; i++)
        CHECK(near(p[i], id[i], 1e-6f));
}

static void sanity(void)
{
    const float ok[6] = {1, 0, 0, 0, 1, 0};
    CHECK_INT(calib_sane(ok), 1);
    const float squash[6] = {0.4f, 0, 0, 0, 0.5f, 0}; /* determinant 0.2 */
    CHECK_INT(calib_sane(squash), 0);
    const float big[6] = {11, 0, 0, 0, 1, 0};
    CHECK_INT(calib_sane(big), 0);
    float bad[6] = {1, 0, 0, 0, 1, 0};
    bad[2] = NAN;
    CHECK_INT(calib_sane(bad), 0);
    bad[2] = INFINITY;
    CHECK_INT(calib_sane(bad), 0);
}

int main(void)
{
    RUN(targets_are_inside_and_distinct);
    RUN(fit_recovers_an_affine_error);
    RUN(fit_reports_the_worst_touch);
    RUN(degenerate_touches_are_refused);
    RUN(rotation_is_the_layouts);
    RUN(panel_matrix_agrees_with_the_layout_fit);
    RUN(sanity);
    TEST_EXIT();
}
