/* mfa-clock-private.h
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

#include "mfa-clock.h"

G_BEGIN_DECLS

/* For the tests, which check that nothing is left ticking: the timeouts
 * and ticks the clock still holds. */
guint mfa_clock_get_n_pending (MfaClock *self);

G_END_DECLS
