/* mfa-phone-display.h
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

#include <glib.h>

#include "mfa-phone-number.h"

G_BEGIN_DECLS

/**
 * MfaPhoneDisplayFlags:
 * @MFA_PHONE_DISPLAY_DEFAULT: the whole number, formatted
 * @MFA_PHONE_DISPLAY_MASKED: all digits but the calling code and the
 *   last four hidden
 * @MFA_PHONE_DISPLAY_ISOLATE: wrapped in a left-to-right isolate, for
 *   text read right to left
 *
 * How mfa_phone_display_format() shows a number.
 */
typedef enum {
  MFA_PHONE_DISPLAY_DEFAULT = 0,
  MFA_PHONE_DISPLAY_MASKED  = 1 << 0,
  MFA_PHONE_DISPLAY_ISOLATE = 1 << 1,
} MfaPhoneDisplayFlags;

char *mfa_phone_display_format (const char           *number,
                                MfaPhoneDisplayFlags  flags);
char *mfa_phone_display_for    (MfaPhoneNumber       *phone,
                                MfaPhoneDisplayFlags  flags);

G_END_DECLS
