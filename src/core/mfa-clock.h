/* mfa-clock.h
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

G_BEGIN_DECLS

#define MFA_TYPE_CLOCK (mfa_clock_get_type ())
G_DECLARE_FINAL_TYPE (MfaClock, mfa_clock, MFA, CLOCK, GObject)

/**
 * MfaClockTickFunc:
 * @clock: the clock
 * @remaining_ms: milliseconds left until the deadline, 0 on the last call
 * @user_data: the data given to mfa_clock_tick_until()
 *
 * Called once per second while a countdown runs.
 */
typedef void (*MfaClockTickFunc) (MfaClock *clock,
                                  gint64    remaining_ms,
                                  gpointer  user_data);

MfaClock *mfa_clock_new            (void);
MfaClock *mfa_clock_get_default    (void);

gint64    mfa_clock_get_now_us     (MfaClock         *self);
gint64    mfa_clock_get_now_ms     (MfaClock         *self);
gint64    mfa_clock_get_offset_us  (MfaClock         *self);
void      mfa_clock_set_offset_us  (MfaClock         *self,
                                    gint64            offset_us);
gboolean  mfa_clock_get_manual     (MfaClock         *self);
void      mfa_clock_set_manual     (MfaClock         *self,
                                    gboolean          manual);
void      mfa_clock_set_now_us     (MfaClock         *self,
                                    gint64            now_us);
void      mfa_clock_advance_us     (MfaClock         *self,
                                    gint64            delta_us);

gint64    mfa_clock_remaining_ms   (MfaClock         *self,
                                    gint64            deadline_ms);

guint     mfa_clock_add_timeout_ms (MfaClock         *self,
                                    gint64            delay_ms,
                                    GSourceFunc       func,
                                    gpointer          user_data,
                                    GDestroyNotify    notify);
guint     mfa_clock_tick_until     (MfaClock         *self,
                                    gint64            deadline_ms,
                                    MfaClockTickFunc  func,
                                    gpointer          user_data,
                                    GDestroyNotify    notify);
void      mfa_clock_remove         (MfaClock         *self,
                                    guint             id);

G_END_DECLS
