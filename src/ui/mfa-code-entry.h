/* mfa-code-entry.h
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

#define MFA_TYPE_CODE_ENTRY (mfa_code_entry_get_type ())
G_DECLARE_FINAL_TYPE (MfaCodeEntry, mfa_code_entry, MFA, CODE_ENTRY, AdwBin)

#define MFA_CODE_LENGTH 6

GtkWidget  *mfa_code_entry_new         (void);
const char *mfa_code_entry_get_code    (MfaCodeEntry *self);
gboolean    mfa_code_entry_is_complete (MfaCodeEntry *self);
void        mfa_code_entry_clear       (MfaCodeEntry *self);
void        mfa_code_entry_set_error   (MfaCodeEntry *self,
                                        gboolean      error);
GtkEditable *mfa_code_entry_get_editable (MfaCodeEntry *self);

G_END_DECLS
