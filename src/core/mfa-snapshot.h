/* mfa-snapshot.h
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

#include "mfa-environment.h"
#include "mfa-user.h"

G_BEGIN_DECLS

char     *mfa_snapshot_get_path (const char  *base_url);
gboolean  mfa_snapshot_save     (MfaUser         *user,
                                 MfaEnvironment  *environment,
                                 const char      *base_url,
                                 gint64           synced_at_ms,
                                 GError         **error);
MfaUser  *mfa_snapshot_load     (const char      *base_url,
                                 gint64          *synced_at_ms,
                                 MfaEnvironment **environment,
                                 GError         **error);
gboolean  mfa_snapshot_delete   (const char  *base_url,
                                 GError     **error);

G_END_DECLS
