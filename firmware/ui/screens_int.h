/* What every resident screen file shares: the words in the visit's
 * language, the dates, the chosen service and the catalog's texts. */
#ifndef UI_SCREENS_INT_H
#define UI_SCREENS_INT_H

#include <stdio.h>
#include <string.h>

#include "../core/strings.h"
#include "../ticket/code.h"
#include "ui_internal.h"

#define MARGIN UIX_MARGIN

static inline const char *tr(const ui_t *ui, const flow_state_t *s, str_id_t id)
{
    (void)ui;
    return str_get(id, s->lang_en);
}

static inline void format_date(const flow_state_t *s, dt_date_t d, char *out, size_t n)
{
    uix_format_date(s->lang_en, d, out, n);
}

static inline const catalog_service_t *service(const flow_state_t *s)
{
    return s->service >= 0 ? &s->cat->services[s->service] : NULL;
}

static inline const char *cs(const flow_state_t *s, const catalog_text_t *t)
{
    return catalog_str(t, s->lang_en);
}

/* ---- attract and home ------------------------------------------------------ */

#endif
