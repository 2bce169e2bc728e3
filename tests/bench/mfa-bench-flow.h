/* mfa-bench-flow.h
 *
 * Copyright 2026 The MFA Manager authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _MfaBenchFlow MfaBenchFlow;

typedef void (*MfaBenchFlowDone) (gpointer user_data);

MfaBenchFlow *mfa_bench_flow_start     (void);
void          mfa_bench_flow_set_phase (MfaBenchFlow      *flow,
                                        const char        *phase);
void          mfa_bench_flow_scroll    (MfaBenchFlow      *flow,
                                        GtkScrolledWindow *scrolled,
                                        MfaBenchFlowDone   at_end,
                                        gpointer           user_data);
void          mfa_bench_flow_print     (MfaBenchFlow      *flow);

G_END_DECLS
