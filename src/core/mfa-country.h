/* mfa-country.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

#define MFA_TYPE_COUNTRY (mfa_country_get_type ())
G_DECLARE_FINAL_TYPE (MfaCountry, mfa_country, MFA, COUNTRY, GObject)

MfaCountry *mfa_country_new                (const char  *code,
                                            const char  *name,
                                            int          calling_code,
                                            gboolean     main_region);
const char *mfa_country_get_code           (MfaCountry  *self);
const char *mfa_country_get_name           (MfaCountry  *self);
int         mfa_country_get_calling_code   (MfaCountry  *self);
guint       mfa_country_match              (MfaCountry  *self,
                                            const char  *query);

GListModel *mfa_country_list_new           (const char  *iso_codes_json,
                                            GError     **error);
char       *mfa_country_default_region     (void);
char       *mfa_country_normalize_query    (const char  *text);

G_END_DECLS
