/* mfa-width-layout.h
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

#include <adwaita.h>

G_BEGIN_DECLS

#define MFA_TYPE_WIDTH_LAYOUT (mfa_width_layout_get_type ())

G_DECLARE_FINAL_TYPE (MfaWidthLayout, mfa_width_layout, MFA, WIDTH_LAYOUT, GtkLayoutManager)

void mfa_width_layout_install    (GtkWidget *widget);
void mfa_width_layout_install_in (GtkWidget *root);

G_END_DECLS
