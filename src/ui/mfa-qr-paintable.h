/* mfa-qr-paintable.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFA_TYPE_QR_PAINTABLE (mfa_qr_paintable_get_type ())
G_DECLARE_FINAL_TYPE (MfaQrPaintable, mfa_qr_paintable, MFA, QR_PAINTABLE, GObject)

MfaQrPaintable *mfa_qr_paintable_new           (const char     *text);

G_END_DECLS
