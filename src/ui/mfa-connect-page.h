/* mfa-connect-page.h
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

#define MFA_TYPE_CONNECT_PAGE (mfa_connect_page_get_type ())
G_DECLARE_FINAL_TYPE (MfaConnectPage, mfa_connect_page, MFA, CONNECT_PAGE, AdwBin)

GtkWidget  *mfa_connect_page_new       (void);
void        mfa_connect_page_set_key   (MfaConnectPage *self,
                                        const char     *key);
const char *mfa_connect_page_get_error (MfaConnectPage *self);
gboolean    mfa_connect_page_submit    (MfaConnectPage *self);

G_END_DECLS
