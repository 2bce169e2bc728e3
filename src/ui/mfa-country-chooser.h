/* mfa-country-chooser.h
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

#include "mfa-country.h"

G_BEGIN_DECLS

#define MFA_TYPE_COUNTRY_CHOOSER (mfa_country_chooser_get_type ())
G_DECLARE_FINAL_TYPE (MfaCountryChooser, mfa_country_chooser, MFA, COUNTRY_CHOOSER, AdwBin)

GtkWidget  *mfa_country_chooser_new         (void);
gboolean    mfa_country_chooser_load        (MfaCountryChooser  *self,
                                             GError            **error);
gboolean    mfa_country_chooser_is_loaded   (MfaCountryChooser  *self);
const char *mfa_country_chooser_get_region  (MfaCountryChooser  *self);
gboolean    mfa_country_chooser_set_region  (MfaCountryChooser  *self,
                                             const char         *region);
MfaCountry *mfa_country_chooser_get_country (MfaCountryChooser  *self);
GListModel *mfa_country_chooser_get_matches (MfaCountryChooser  *self);
void        mfa_country_chooser_search      (MfaCountryChooser  *self,
                                             const char         *text);

G_END_DECLS
