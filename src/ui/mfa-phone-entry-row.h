/* mfa-phone-entry-row.h
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

#include "mfa-phone.h"

G_BEGIN_DECLS

#define MFA_TYPE_PHONE_ENTRY_ROW (mfa_phone_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (MfaPhoneEntryRow, mfa_phone_entry_row, MFA, PHONE_ENTRY_ROW, AdwBin)

GtkWidget      *mfa_phone_entry_row_new            (void);
gboolean        mfa_phone_entry_row_load           (MfaPhoneEntryRow  *self,
                                                    GError           **error);
gboolean        mfa_phone_entry_row_is_loaded      (MfaPhoneEntryRow  *self);

const char     *mfa_phone_entry_row_get_region     (MfaPhoneEntryRow  *self);
gboolean        mfa_phone_entry_row_set_region     (MfaPhoneEntryRow  *self,
                                                    const char        *region);
const char     *mfa_phone_entry_row_get_text       (MfaPhoneEntryRow  *self);
void            mfa_phone_entry_row_set_text       (MfaPhoneEntryRow  *self,
                                                    const char        *text);
void            mfa_phone_entry_row_format_now     (MfaPhoneEntryRow  *self);

MfaPhoneStatus  mfa_phone_entry_row_get_status     (MfaPhoneEntryRow  *self);
const char     *mfa_phone_entry_row_get_e164       (MfaPhoneEntryRow  *self);
const char     *mfa_phone_entry_row_get_error      (MfaPhoneEntryRow  *self);

gboolean        mfa_phone_entry_row_get_editable   (MfaPhoneEntryRow  *self);
void            mfa_phone_entry_row_set_editable   (MfaPhoneEntryRow  *self,
                                                    gboolean           editable);
gboolean        mfa_phone_entry_row_get_show_error (MfaPhoneEntryRow  *self);
void            mfa_phone_entry_row_set_show_error (MfaPhoneEntryRow  *self,
                                                    gboolean           show_error);

G_END_DECLS
