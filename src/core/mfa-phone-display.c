/* mfa-phone-display.c
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

#define G_LOG_DOMAIN "mfa-phone-display"

#include "config.h"

#include <string.h>

#include "mfa-phone.h"
#include "mfa-phone-display.h"

#define NBSP       "\u00a0"
#define MASK_DIGIT "\u2022"
#define LRI        "\u2066"
#define PDI        "\u2069"

static gboolean
is_e164 (const char *number)
{
  gsize len = strlen (number);

  if (number[0] != '+' || len < 3 || len > 16)
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_isdigit (number[i]))
        return FALSE;
    }

  return TRUE;
}

/* The international form: the built-in one for North American numbers
 * (the same as libphonenumber's, without loading it), libphonenumber's
 * for the rest, the number as given when neither knows it.
 */
static char *
format_international (const char *number)
{
  g_autofree char *builtin = NULL;
  char *formatted;

  if (!is_e164 (number))
    return g_strdup (number);

  builtin = mfa_phone_number_format_display (number);
  if (!g_str_equal (builtin, number))
    return g_steal_pointer (&builtin);

  formatted = mfa_phone_format_international (number);
  return formatted != NULL ? formatted : g_strdup (number);
}

/* Hides every digit after the calling code (the first group) but the
 * last four, keeping the separators, so the masked number has the shape
 * of the real one.
 */
static void
mask_digits (GString *text)
{
  g_autoptr(GString) masked = g_string_new (NULL);
  guint n_digits = 0;
  guint seen = 0;
  gboolean in_first_group = text->str[0] == '+';

  for (const char *p = text->str; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      n_digits++;

  for (const char *p = text->str; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          if (p != text->str)
            in_first_group = FALSE;
          g_string_append_c (masked, *p);
          continue;
        }

      seen++;
      if (in_first_group || seen + 4 > n_digits)
        g_string_append_c (masked, *p);
      else
        g_string_append (masked, MASK_DIGIT);
    }

  g_string_assign (text, masked->str);
}

/**
 * mfa_phone_display_format:
 * @number: (nullable): a number in E.164, or one the service masked
 *   already (such as `+*******0123`)
 * @flags: how to show it
 *
 * The one way a phone number is shown: formatted as written across
 * borders, masked on request, with no-break spaces so that it never
 * wraps in the middle and, with %MFA_PHONE_DISPLAY_ISOLATE, kept left to
 * right inside right-to-left text.
 *
 * Returns: (transfer full): the text to show; empty for %NULL
 */
char *
mfa_phone_display_format (const char           *number,
                          MfaPhoneDisplayFlags  flags)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *formatted = NULL;

  if (number == NULL || number[0] == '\0')
    return g_strdup ("");

  formatted = format_international (number);
  text = g_string_new (formatted);

  /* A number the service masked keeps its own mask. */
  if ((flags & MFA_PHONE_DISPLAY_MASKED) != 0 && strchr (number, '*') == NULL)
    mask_digits (text);

  g_string_replace (text, " ", NBSP, 0);

  if ((flags & MFA_PHONE_DISPLAY_ISOLATE) != 0)
    {
      g_string_prepend (text, LRI);
      g_string_append (text, PDI);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * mfa_phone_display_for:
 * @phone: (nullable): a phone number of the account
 * @flags: how to show it
 *
 * mfa_phone_display_format() for a phone of the model.
 *
 * Returns: (transfer full): the text to show; empty for %NULL
 */
char *
mfa_phone_display_for (MfaPhoneNumber       *phone,
                       MfaPhoneDisplayFlags  flags)
{
  g_return_val_if_fail (phone == NULL || MFA_IS_PHONE_NUMBER (phone), NULL);

  if (phone == NULL)
    return g_strdup ("");

  return mfa_phone_display_format (mfa_phone_number_get_phone_number (phone), flags);
}
