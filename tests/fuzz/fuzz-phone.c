/* fuzz-phone.c
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

#define G_LOG_DOMAIN "fuzz-phone"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mfa-phone.h"

/* libFuzzer harness for phone input: the parser and the as-you-type
 * formatter, through the module loaded from MFA_PHONE_MODULE_DIR.
 *
 * Input: the region on the first line (may be empty or nonsense), then
 * what the person typed. A number that parses must be valid, format in
 * both forms and parse back to itself from the international one; the
 * formatter, fed the text one
 * character at a time, must keep exactly the digits typed. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (!mfa_phone_load (&error))
    {
      fprintf (stderr, "fuzz-phone: %s (set MFA_PHONE_MODULE_DIR)\n", error->message);
      exit (1);
    }
  return 0;
}

/* The digits of @text, as ASCII, after a leading '+'. */
static char *
digits_of (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int value = g_unichar_digit_value (g_utf8_get_char (p));

      if (value >= 0)
        g_string_append_c (out, '0' + value);
    }
  return g_string_free (out, FALSE);
}

static void
check_number (const char *e164,
              const char *region)
{
  g_autofree char *international = NULL;
  g_autofree char *national = NULL;
  g_autofree char *number_region = NULL;
  g_autofree char *again = NULL;

  g_assert (mfa_phone_is_valid_e164 (e164));

  international = mfa_phone_format_international (e164);
  national = mfa_phone_format_national (e164);
  g_assert (international != NULL && g_utf8_validate (international, -1, NULL));
  g_assert (national != NULL && g_utf8_validate (national, -1, NULL));

  g_assert_cmpint (mfa_phone_parse (international, NULL, &again), ==, MFA_PHONE_OK);
  g_assert_cmpstr (again, ==, e164);

  /* The national form is not checked the same way: libphonenumber's own
   * data does not always read it back (Gabon: +241 5016791 is shown as
   * 05 01 67 91, which reads as +241 05016791). */
  number_region = mfa_phone_region_of (e164);
  if (number_region != NULL)
    g_assert_cmpint (mfa_phone_calling_code_for_region (number_region), >, 0);
}

static void
check_formatter (const char *text,
                 const char *region)
{
  g_autoptr(MfaPhoneFormatter) formatter = mfa_phone_formatter_new (region);
  GString *typed = g_string_new (NULL);
  guint n = 0;

  /* Typing is quadratic here: the first characters are enough. */
  for (const char *p = text; *p != '\0' && n < 48; p = g_utf8_next_char (p), n++)
    {
      const char *formatted;
      g_autofree char *typed_digits = NULL;
      g_autofree char *shown_digits = NULL;

      g_string_append_len (typed, p, g_utf8_next_char (p) - p);
      formatted = mfa_phone_formatter_input (formatter, typed->str);
      g_assert (formatted != NULL && g_utf8_validate (formatted, -1, NULL));

      typed_digits = digits_of (typed->str);
      shown_digits = digits_of (formatted);
      g_assert_cmpstr (shown_digits, ==, typed_digits);

      /* What is shown, passed back in, stays as it is. */
      g_assert_cmpstr (mfa_phone_formatter_input (formatter, formatted), ==, formatted);
    }
  g_string_free (typed, TRUE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *copy = g_strndup ((const char *) data, size);
  g_autofree char *e164 = NULL;
  const char *newline = strchr (copy, '\n');
  const char *region = NULL;
  const char *text = copy;
  MfaPhoneStatus status;

  if (newline != NULL)
    {
      copy[newline - copy] = '\0';
      region = copy;
      text = newline + 1;
    }

  status = mfa_phone_parse (text, region, &e164);
  g_assert (status != MFA_PHONE_UNAVAILABLE);
  g_assert ((status == MFA_PHONE_OK) == (e164 != NULL));
  if (e164 != NULL)
    check_number (e164, region);

  /* An entry holds valid UTF-8 only. */
  if (g_utf8_validate (text, -1, NULL))
    check_formatter (text, region);

  return 0;
}
