/* mfa-startup-probe.h
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

#include "mfa-window.h"

G_BEGIN_DECLS

void mfa_startup_probe_attach (MfaWindow *window);

G_END_DECLS
