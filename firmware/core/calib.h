/* Touch calibration, pure arithmetic.
 *
 * A calibration matrix is libinput's: six numbers a b c d e f mapping a
 * touch normalised to 0..1 on the panel to x' = a·x + b·y + c,
 * y' = d·x + e·y + f. It is applied to the panel's coordinates, before the
 * rotation that turns them into the layout's ("logical") coordinates.
 *
 * The technician taps CALIB_TARGETS crosshairs drawn at calib_target();
 * the raw (uncalibrated) touches, in logical coordinates, are fitted to the
 * targets by least squares (calib_fit), and the fit is turned into the
 * panel matrix for the configured rotation (calib_to_panel). */
#ifndef CORE_CALIB_H
#define CORE_CALIB_H

#define CALIB_TARGETS 5

/* Where target i (0 .. CALIB_TARGETS-1) is drawn, normalised logical
 * coordinates: the four corners inset by a tenth, then the centre. */
void calib_target(int i, float *x, float *y);

/* Panel coordinates (0..1) to logical ones for a panel mounted turned by
 * rotate degrees clockwise (0, 90, 180, 270; anything else is 0). */
void calib_rotate(int rotate, float nx, float ny, float *lx, float *ly);

/* The affine map taking raw[i] to want[i] best (least squares), n >= 3
 * points. Returns 0 with m and *max_err (the largest distance left between
 * a mapped raw point and its target, normalised units), or -1 when the
 * points do not determine a map (all on a line, or n < 3). */
int calib_fit(const float raw[][2], const float want[][2], int n, float m[6], float *max_err);

/* The logical-space map m turned into the panel matrix for rotate:
 * out = R^-1 · m · R, where R is calib_rotate's map. */
void calib_to_panel(const float m[6], int rotate, float out[6]);

/* Applies a matrix to a point. */
void calib_apply(const float m[6], float *x, float *y);

/* 1 when m is usable: finite, within the range the config accepts
 * (|value| <= 10) and not squashing the panel (|determinant| >= 0.25,
 * i.e. no axis shrunk below half). */
int calib_sane(const float m[6]);

#endif
