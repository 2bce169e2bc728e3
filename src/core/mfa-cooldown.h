/* mfa-cooldown.h
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

#include <glib-object.h>

#include "mfa-clock.h"

G_BEGIN_DECLS

#define MFA_TYPE_COOLDOWN (mfa_cooldown_get_type ())
G_DECLARE_FINAL_TYPE (MfaCooldown, mfa_cooldown, MFA, COOLDOWN, GObject)

MfaCooldown *mfa_cooldown_new          (MfaClock    *clock);
void         mfa_cooldown_set_clock    (MfaCooldown *self,
                                        MfaClock    *clock);
void         mfa_cooldown_start        (MfaCooldown *self,
                                        const char  *key,
                                        gint64       duration_ms);
gint64       mfa_cooldown_remaining_ms (MfaCooldown *self,
                                        const char  *key);
gboolean     mfa_cooldown_contains     (MfaCooldown *self,
                                        const char  *key);
void         mfa_cooldown_clear        (MfaCooldown *self,
                                        const char  *key);
void         mfa_cooldown_clear_all    (MfaCooldown *self);

char        *mfa_cooldown_format_resend (gint64 remaining_ms);

G_END_DECLS
