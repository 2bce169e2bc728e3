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

#include <glib/gi18n.h>

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
 * mfa_transform_text_to_markup:
 *
 * A string that may be %NULL, escaped for a place that reads markup (a
 * status page's description).
 */
gboolean
mfa_transform_text_to_markup (GBinding     *binding,
                              const GValue *from,
                              GValue       *to,
                              gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_take_string (to, text != NULL ? g_markup_escape_text (text, -1) : NULL);
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

/**
 * mfa_transform_environment_allows:
 * @user_data: the name of a boolean property of #MfaEnvironment
 *
 * Whether the instance allows it (#MfaAccount:environment); everything,
 * as long as it did not say.
 */
gboolean
mfa_transform_environment_allows (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data)
{
  GObject *environment = g_value_get_object (from);
  gboolean allows = TRUE;

  if (environment != NULL)
    g_object_get (environment, (const char *) user_data, &allows, NULL);

  g_value_set_boolean (to, allows);
  return TRUE;
}

/**
 * mfa_dup_wait_reason:
 * @retry_at_ms: when the service may be asked again, in ms since the
 *   epoch
 *
 * Returns: (transfer full): why a button is disabled after the service
 *   received too many requests, as its tooltip says it
 */
char *
mfa_dup_wait_reason (gint64 retry_at_ms)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *at = NULL;

  when = g_date_time_new_from_unix_local (retry_at_ms / 1000 + (retry_at_ms % 1000 != 0));
  at = when != NULL ? g_date_time_format (when, "%X") : NULL;
  if (at != NULL)
    /* Translators: tooltip of a disabled button; %s is a time of day */
    return g_strdup_printf (_("The service received too many requests. "
                              "Try again after %s."), at);

  return g_strdup (_("The service received too many requests. Try again later."));
}

/**
 * mfa_dup_disabled_reason:
 * @read_only_reason: (nullable): why the account cannot be changed now
 * @retry_at_ms: when the service may be asked again, or 0
 *
 * The read-only reason wins: the wait would not end it.
 *
 * Returns: (transfer full) (nullable): why a button is disabled, as its
 *   tooltip says it, or %NULL when it is not
 */
char *
mfa_dup_disabled_reason (const char *read_only_reason,
                         gint64      retry_at_ms)
{
  if (read_only_reason != NULL)
    return g_strdup (read_only_reason);
  if (retry_at_ms > 0)
    return mfa_dup_wait_reason (retry_at_ms);

  return NULL;
}
