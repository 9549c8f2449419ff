/* Where frames go: a fullscreen or development window, or the headless
 * surface of scripts and tests; the panel mounted sideways (the frame is
 * drawn upright into a texture and turned on present); screenshots and
 * the mapping of panel points back to the layout. Its own file: the
 * screens never see any of this, they draw in logical coordinates. */
#include <stdio.h>

#include "../core/calib.h"
#include "ui_internal.h"

int uix_output_create(ui_t *ui, char *err, size_t errlen)
{
    int pw = ui->lw, ph = ui->lh;
    if (ui->o.rotate == 90 || ui->o.rotate == 270) {
        pw = ui->lh;
        ph = ui->lw;
    }
    if (ui->o.headless) {
        ui->surface = SDL_CreateRGBSurfaceWithFormat(0, pw, ph, 32, SDL_PIXELFORMAT_ARGB8888);
        ui->r = ui->surface ? SDL_CreateSoftwareRenderer(ui->surface) : NULL;
    } else {
        Uint32 flags = SDL_WINDOW_SHOWN;
        int ww = pw, wh = ph;
        if (!ui->o.windowed) {
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        } else {
            /* A portrait panel does not fit a desktop monitor: shrink the
             * window, the renderer scales the logical frame into it. */
            SDL_Rect b;
            if (SDL_GetDisplayUsableBounds(0, &b) == 0 && b.w > 0 && b.h > 0) {
                float k = 1.0f;
                if (ww > b.w)
                    k = (float)b.w / ww;
                if (wh * k > b.h)
                    k = (float)b.h / wh;
                ww = (int)(ww * k);
                wh = (int)(wh * k);
            }
        }
        ui->win = SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh,
                                   flags);
        if (ui->win) {
            ui->r = SDL_CreateRenderer(ui->win, -1, SDL_RENDERER_ACCELERATED);
            if (!ui->r)
                ui->r = SDL_CreateRenderer(ui->win, -1, SDL_RENDERER_SOFTWARE);
        }
        if (ui->r && !ui->o.windowed) {
            /* Fullscreen lays out for the panel actually fitted. */
            int dw, dh;
            SDL_GetRendererOutputSize(ui->r, &dw, &dh);
            if (dw > 0 && dh > 0) {
                pw = dw;
                ph = dh;
                int swap = ui->o.rotate == 90 || ui->o.rotate == 270;
                ui->lw = swap ? ph : pw;
                ui->lh = swap ? pw : ph;
            }
        }
        if (ui->r)
            SDL_RenderSetLogicalSize(ui->r, pw, ph);
        /* Fullscreen is the kiosk: keys such as Alt-Tab or the Super key
         * come to us, not to a window manager. */
        if (ui->win && !ui->o.windowed)
            SDL_SetWindowKeyboardGrab(ui->win, SDL_TRUE);
    }
    if (!ui->r) {
        snprintf(err, errlen, "cannot create the display: %s", SDL_GetError());
        return -1;
    }
    if (ui->o.rotate) {
        ui->target = SDL_CreateTexture(ui->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       ui->lw, ui->lh);
        if (!ui->target) {
            snprintf(err, errlen, "cannot rotate the display: %s", SDL_GetError());
            return -1;
        }
    }
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_BLEND);
    return 0;
}

void uix_output_destroy(ui_t *ui)
{
    if (ui->target)
        SDL_DestroyTexture(ui->target);
    if (ui->r)
        SDL_DestroyRenderer(ui->r);
    if (ui->surface)
        SDL_FreeSurface(ui->surface);
    if (ui->win)
        SDL_DestroyWindow(ui->win);
}

void uix_output_begin(ui_t *ui)
{
    if (ui->target)
        SDL_SetRenderTarget(ui->r, ui->target);
}

void uix_output_present(ui_t *ui)
{
    if (ui->target) {
        SDL_SetRenderTarget(ui->r, NULL);
        SDL_SetRenderDrawColor(ui->r, 0, 0, 0, 255);
        SDL_RenderClear(ui->r);
        int pw, ph;
        SDL_RenderGetLogicalSize(ui->r, &pw, &ph);
        if (pw == 0 || ph == 0)
            SDL_GetRendererOutputSize(ui->r, &pw, &ph);
        SDL_Rect dst = {(pw - ui->lw) / 2, (ph - ui->lh) / 2, ui->lw, ui->lh};
        SDL_RenderCopyEx(ui->r, ui->target, NULL, &dst, ui->o.rotate, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(ui->r);
}

int ui_screenshot(ui_t *ui, const char *path)
{
    SDL_Surface *shot =
        SDL_CreateRGBSurfaceWithFormat(0, ui->lw, ui->lh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!shot)
        return -1;
    if (ui->target)
        SDL_SetRenderTarget(ui->r, ui->target);
    int rc = SDL_RenderReadPixels(ui->r, NULL, SDL_PIXELFORMAT_ARGB8888, shot->pixels, shot->pitch);
    if (ui->target)
        SDL_SetRenderTarget(ui->r, NULL);
    if (rc == 0)
        rc = SDL_SaveBMP(shot, path);
    SDL_FreeSurface(shot);
    return rc == 0 ? 0 : -1;
}

void ui_window_to_logical(const ui_t *ui, float nx, float ny, int *x, int *y)
{
    float lx, ly;
    calib_rotate(ui->o.rotate, nx, ny, &lx, &ly);
    *x = (int)(lx * ui->lw);
    *y = (int)(ly * ui->lh);
}

void ui_pixel_to_logical(const ui_t *ui, int wx, int wy, int *x, int *y)
{
    /* Mouse coordinates come in the renderer's logical (physical panel)
     * pixels; normalise them and undo rotation like touch. */
    int rot = ui->o.rotate == 90 || ui->o.rotate == 270;
    float pw = (float)(rot ? ui->lh : ui->lw), ph = (float)(rot ? ui->lw : ui->lh);
    ui_window_to_logical(ui, wx / pw, wy / ph, x, y);
}

int ui_elided_count(const ui_t *ui)
{
    return ui->n_elided;
}

const ui_elided_t *ui_elided(const ui_t *ui, int i)
{
    return i >= 0 && i < ui->n_elided ? &ui->elided[i] : NULL;
}
