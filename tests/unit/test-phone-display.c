/* test-phone-display.c
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

#include "mfa-phone-display.h"

static void
assert_display (const char           *number,
                MfaPhoneDisplayFlags  flags,
                const char           *expected)
{
  g_autofree char *shown = mfa_phone_display_format (number, flags);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_format (void)
{
  /* North American numbers need no phone library. */
  assert_display ("+12015550123", MFA_PHONE_DISPLAY_DEFAULT, "+1\u00a0201-555-0123");
  /* Others are formatted by libphonenumber. */
  assert_display ("+442071838750", MFA_PHONE_DISPLAY_DEFAULT, "+44\u00a020\u00a07183\u00a08750");
  assert_display ("+33612345678", MFA_PHONE_DISPLAY_DEFAULT, "+33\u00a06\u00a012\u00a034\u00a056\u00a078");
  /* What no one can format stays as given. */
  assert_display ("+999123", MFA_PHONE_DISPLAY_DEFAULT, "+999123");
  assert_display ("not a number", MFA_PHONE_DISPLAY_DEFAULT, "not\u00a0a\u00a0number");
  assert_display (NULL, MFA_PHONE_DISPLAY_DEFAULT, "");
  assert_display ("", MFA_PHONE_DISPLAY_MASKED, "");
}

static void
test_mask (void)
{
  /* The calling code and the last four digits stay. */
  assert_display ("+12015550123", MFA_PHONE_DISPLAY_MASKED,
                  "+1\u00a0\u2022\u2022\u2022-\u2022\u2022\u2022-0123");
  assert_display ("+442071838750", MFA_PHONE_DISPLAY_MASKED,
                  "+44\u00a0\u2022\u2022\u00a0\u2022\u2022\u2022\u2022\u00a08750");
  /* A number the service masked keeps its mask. */
  assert_display ("+*******0123", MFA_PHONE_DISPLAY_MASKED, "+*******0123");
  assert_display ("+*******0123", MFA_PHONE_DISPLAY_DEFAULT, "+*******0123");
}

static void
test_isolate (void)
{
  assert_display ("+12015550123", MFA_PHONE_DISPLAY_ISOLATE,
                  "\u2066+1\u00a0201-555-0123\u2069");
  assert_display ("+*******0123", MFA_PHONE_DISPLAY_ISOLATE | MFA_PHONE_DISPLAY_MASKED,
                  "\u2066+*******0123\u2069");
}

static void
test_model (void)
{
  g_autoptr(MfaPhoneNumber) phone = g_object_new (MFA_TYPE_PHONE_NUMBER,
                                                  "id", "idn_1",
                                                  "phone-number", "+12015550199",
                                                  NULL);
  g_autofree char *shown = mfa_phone_display_for (phone, MFA_PHONE_DISPLAY_MASKED);
  g_autofree char *none = mfa_phone_display_for (NULL, MFA_PHONE_DISPLAY_DEFAULT);

  g_assert_cmpstr (shown, ==, "+1\u00a0\u2022\u2022\u2022-\u2022\u2022\u2022-0199");
  g_assert_cmpstr (none, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mfa/phone-display/format", test_format);
  g_test_add_func ("/mfa/phone-display/mask", test_mask);
  g_test_add_func ("/mfa/phone-display/isolate", test_isolate);
  g_test_add_func ("/mfa/phone-display/model", test_model);

  return g_test_run ();
}
