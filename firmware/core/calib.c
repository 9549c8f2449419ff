#include "calib.h"

#include <math.h>

void calib_target(int i, float *x, float *y)
{
    static const float t[CALIB_TARGETS][2] = {
        {0.1f, 0.1f}, {0.9f, 0.1f}, {0.9f, 0.9f}, {0.1f, 0.9f}, {0.5f, 0.5f}};
    if (i < 0 || i >= CALIB_TARGETS)
        i = CALIB_TARGETS - 1;
    *x = t[i][0];
    *y = t[i][1];
}

void calib_rotate(int rotate, float nx, float ny, float *lx, float *ly)
{
    switch (rotate) {
    case 90: /* the frame is turned clockwise onto the panel */
        *lx = ny;
        *ly = 1.0f - nx;
        break;
    case 180:
        *lx = 1.0f - nx;
        *ly = 1.0f - ny;
        break;
    case 270:
        *lx = 1.0f - ny;
        *ly = nx;
        break;
    default:
        *lx = nx;
        *ly = ny;
        break;
    }
}

void calib_apply(const float m[6], float *x, float *y)
{
    float px = *x, py = *y;
    *x = m[0] * px + m[1] * py + m[2];
    *y = m[3] * px + m[4] * py + m[5];
}

/* Solves the 3x3 system a·v = b by Cramer's rule; -1 when singular. */
static int solve3(const double a[3][3], const double b[3], double v[3])
{
    double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
                 a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
                 a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    if (fabs(det) < 1e-9)
        return -1;
    for (int k = 0; k < 3; k++) {
        double c[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[i][j] = j == k ? b[i] : a[i][j];
        v[k] = (c[0][0] * (c[1][1] * c[2][2] - c[1][2] * c[2][1]) -
                c[0][1] * (c[1][0] * c[2][2] - c[1][2] * c[2][0]) +
                c[0][2] * (c[1][0] * c[2][1] - c[1][1] * c[2][0])) /
               det;
    }
    return 0;
}

int calib_fit(const float raw[][2], const float want[][2], int n, float m[6], float *max_err)
{
    if (n < 3)
        return -1;
    /* Normal equations: for each output row, minimise
     * sum (p·x + q·y + r - want)^2 over p, q, r. */
    double a[3][3] = {{0}}, bx[3] = {0}, by[3] = {0};
    for (int i = 0; i < n; i++) {
        double v[3] = {raw[i][0], raw[i][1], 1.0};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++)
                a[r][c] += v[r] * v[c];
            bx[r] += v[r] * want[i][0];
            by[r] += v[r] * want[i][1];
        }
    }
    double px[3], py[3];
    if (solve3(a, bx, px) || solve3(a, by, py))
        return -1;
    for (int k = 0; k < 3; k++) {
        m[k] = (float)px[k];
        m[3 + k] = (float)py[k];
    }
    float worst = 0.0f;
    for (int i = 0; i < n; i++) {
        float x = raw[i][0], y = raw[i][1];
        calib_apply(m, &x, &y);
        float d = hypotf(x - want[i][0], y - want[i][1]);
        if (d > worst)
            worst = d;
    }
    if (max_err)
        *max_err = worst;
    return 0;
}

/* 3x3 affine matrices as six numbers (the last row is 0 0 1). */
static void compose(const float a[6], const float b[6], float out[6])
{
    /* out = a · b */
    float r[6] = {a[0] * b[0] + a[1] * b[3],        a[0] * b[1] + a[1] * b[4],
                  a[0] * b[2] + a[1] * b[5] + a[2], a[3] * b[0] + a[4] * b[3],
                  a[3] * b[1] + a[4] * b[4],        a[3] * b[2] + a[4] * b[5] + a[5]};
    for (int i = 0; i < 6; i++)
        out[i] = r[i];
}

static void rotation(int rotate, float r[6])
{
    /* Read off the map at three points: it is affine. */
    float ox, oy, xx, xy, yx, yy;
    calib_rotate(rotate, 0.0f, 0.0f, &ox, &oy);
    calib_rotate(rotate, 1.0f, 0.0f, &xx, &xy);
    calib_rotate(rotate, 0.0f, 1.0f, &yx, &yy);
    float m[6] = {xx - ox, yx - ox, ox, xy - oy, yy - oy, oy};
    for (int i = 0; i < 6; i++)
        r[i] = m[i];
}

void calib_to_panel(const float m[6], int rotate, float out[6])
{
    float r[6], inv[6];
    rotation(rotate, r);
    /* A rotation by a multiple of 90 degrees: its inverse is the rotation
     * the other way round. */
    int back = (360 - (rotate == 90 || rotate == 180 || rotate == 270 ? rotate : 0)) % 360;
    rotation(back, inv);
    float t[6];
    compose(m, r, t);
    compose(inv, t, out);
}

int calib_sane(const float m[6])
{
    for (int i = 0; i < 6; i++)
        if (!isfinite(m[i]) || m[i] < -10.0f || m[i] > 10.0f)
            return 0;
    float det = m[0] * m[4] - m[1] * m[3];
    return fabsf(det) >= 0.25f;
}
