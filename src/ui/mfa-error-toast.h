/* mfa-error-toast.h
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

#include "mfa-error-words.h"

G_BEGIN_DECLS

gboolean   mfa_error_has_details               (const GError *error);
void       mfa_error_copy_details              (GtkWidget    *widget,
                                                const GError *error);

AdwToast  *mfa_toast_new_plain                 (const char   *text);
AdwToast  *mfa_error_toast_new                 (const char   *text,
                                                const GError *error);
void       mfa_toast_show                      (GtkWidget    *widget,
                                                AdwToast     *toast);
void       mfa_toast_dismiss_shown             (GtkWidget    *overlay);

GtkWidget *mfa_error_details_button_new        (void);
void       mfa_error_details_button_set_error  (GtkWidget    *button,
                                                const GError *error);

G_END_DECLS
