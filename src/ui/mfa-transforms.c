/* mfa-transforms.c
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

#include "config.h"

#include "mfa-cooldown.h"
#include "mfa-transforms.h"

/* The transforms views bind with, the same wherever the same kind of
 * value is shown: g_binding_group_bind_full (…, mfa_transform_…, NULL,
 * NULL, NULL). */

/**
 * mfa_transform_text_to_label:
 *
 * A string that may be %NULL, as a label's text.
 */
gboolean
mfa_transform_text_to_label (GBinding     *binding,
                             const GValue *from,
                             GValue       *to,
                             gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

/**
 * mfa_transform_text_to_visible:
 *
 * Shown while there is something to read.
 */
gboolean
mfa_transform_text_to_visible (GBinding     *binding,
                               const GValue *from,
                               GValue       *to,
                               gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_boolean (to, text != NULL && text[0] != '\0');
  return TRUE;
}

/**
 * mfa_transform_seconds_to_resend_label:
 *
 * The seconds before a code can be sent again, as the resend button
 * says them.
 */
gboolean
mfa_transform_seconds_to_resend_label (GBinding     *binding,
                                       const GValue *from,
                                       GValue       *to,
                                       gpointer      user_data)
{
  g_value_take_string (to, mfa_cooldown_format_resend ((gint64)g_value_get_uint (from) * 1000));
  return TRUE;
}
