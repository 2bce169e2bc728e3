/* mfa-button-row.h
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

#define MFA_TYPE_BUTTON_ROW (mfa_button_row_get_type ())

G_DECLARE_FINAL_TYPE (MfaButtonRow, mfa_button_row, MFA, BUTTON_ROW, GtkWidget)

GtkWidget *mfa_button_row_new         (void);
void       mfa_button_row_append      (MfaButtonRow *self,
                                       GtkWidget    *child);
int        mfa_button_row_get_spacing (MfaButtonRow *self);
void       mfa_button_row_set_spacing (MfaButtonRow *self,
                                       int           spacing);
gboolean   mfa_button_row_get_stacked (MfaButtonRow *self);

G_END_DECLS
