/* test-phone.c
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

#define G_LOG_DOMAIN "mfa-phone"

#include "mfa-phone.h"

#include <glib/gstdio.h>
#include <gmodule.h>
#include <string.h>
#include <unistd.h>

#define MODULE_BASENAME "libmfa-phone." G_MODULE_SUFFIX

typedef struct
{
  const char     *input;
  const char     *region;
  MfaPhoneStatus  status;
  const char     *e164;
} ParseCase;

static const char *
status_name (MfaPhoneStatus status)
{
  switch (status)
    {
    case MFA_PHONE_OK:
      return "OK";
    case MFA_PHONE_EMPTY:
      return "EMPTY";
    case MFA_PHONE_NOT_A_NUMBER:
      return "NOT_A_NUMBER";
    case MFA_PHONE_INVALID_COUNTRY:
      return "INVALID_COUNTRY";
    case MFA_PHONE_TOO_SHORT:
      return "TOO_SHORT";
    case MFA_PHONE_TOO_LONG:
      return "TOO_LONG";
    case MFA_PHONE_INVALID:
      return "INVALID";
    case MFA_PHONE_UNAVAILABLE:
      return "UNAVAILABLE";
    default:
      return "(unknown status)";
    }
}

static void
check_parse_cases (const ParseCase *cases,
                   gsize            n_cases)
{
  gsize i;

  for (i = 0; i < n_cases; i++)
    {
      g_autofree char *e164 = NULL;
      g_autofree char *escaped = NULL;
      MfaPhoneStatus status;

      /* Escaped: the TAP output must stay valid UTF-8. */
      escaped = cases[i].input != NULL ? g_strescape (cases[i].input, NULL) : NULL;
      g_test_message ("parsing \"%s\" in %s", escaped, cases[i].region);
      status = mfa_phone_parse (cases[i].input, cases[i].region, &e164);
      g_assert_cmpstr (status_name (status), ==, status_name (cases[i].status));
      g_assert_cmpstr (e164, ==, cases[i].e164);
    }
}

static char *
read_maps (void)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &contents, NULL, &error))
    return NULL;

  return contents;
}

static gboolean
module_is_installed (void)
{
  g_autofree char *installed = g_build_filename (PKGLIBDIR, MODULE_BASENAME, NULL);

  return g_file_test (installed, G_FILE_TEST_EXISTS);
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mfa_phone_load (&error));
  g_assert_no_error (error);

  /* Loading is done once; asking again is cheap and still succeeds. */
  g_assert_true (mfa_phone_load (NULL));
}

static void
test_parse_us_ca (void)
{
  static const ParseCase cases[] = {
    { "201 555 0123", "US", MFA_PHONE_OK, "+12015550123" },
    { "(201) 555-0123", "US", MFA_PHONE_OK, "+12015550123" },
    { "201.555.0123", "US", MFA_PHONE_OK, "+12015550123" },
    { "1 201 555 0123", "US", MFA_PHONE_OK, "+12015550123" },
    { "+1 201 555 0123", "US", MFA_PHONE_OK, "+12015550123" },
    { "+1 201 555 0123", "FR", MFA_PHONE_OK, "+12015550123" },
    { "+1 555 555 0100", "US", MFA_PHONE_INVALID, NULL },
    { "555 555 0100", "US", MFA_PHONE_INVALID, NULL },
    { "613 555 0123", "CA", MFA_PHONE_OK, "+16135550123" },
    { "506-234-5678", "CA", MFA_PHONE_OK, "+15062345678" },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_gb (void)
{
  static const ParseCase cases[] = {
    /* The trunk prefix 0 is dropped in the E.164 form. */
    { "020 7946 0018", "GB", MFA_PHONE_OK, "+442079460018" },
    { "20 7946 0018", "GB", MFA_PHONE_OK, "+442079460018" },
    { "07400 123456", "GB", MFA_PHONE_OK, "+447400123456" },
    { "+44 (0)20 7946 0018", "GB", MFA_PHONE_OK, "+442079460018" },
    { "+44 20 7946 0018", "US", MFA_PHONE_OK, "+442079460018" },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_fr (void)
{
  static const ParseCase cases[] = {
    { "06 12 34 56 78", "FR", MFA_PHONE_OK, "+33612345678" },
    { "06.12.34.56.78", "FR", MFA_PHONE_OK, "+33612345678" },
    { "0612345678", "FR", MFA_PHONE_OK, "+33612345678" },
    { "+33 6 12 34 56 78", "FR", MFA_PHONE_OK, "+33612345678" },
    { "06 12 34 56 789", "FR", MFA_PHONE_TOO_LONG, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_de (void)
{
  static const ParseCase cases[] = {
    { "030 123456", "DE", MFA_PHONE_OK, "+4930123456" },
    { "01512 3456789", "DE", MFA_PHONE_OK, "+4915123456789" },
    { "+49 1512 3456789", "DE", MFA_PHONE_OK, "+4915123456789" },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_jp_in (void)
{
  static const ParseCase cases[] = {
    { "090-1234-5678", "JP", MFA_PHONE_OK, "+819012345678" },
    /* Full-width digits, as typed with a Japanese input method. */
    { "０９０−１２３４−５６７８", "JP", MFA_PHONE_OK, "+819012345678" },
    { "81234 56789", "IN", MFA_PHONE_OK, "+918123456789" },
    { "+91 81234 56789", "US", MFA_PHONE_OK, "+918123456789" },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_international_prefix (void)
{
  static const ParseCase cases[] = {
    /* "00" is the international call prefix in most of Europe... */
    { "0044 20 7946 0018", "FR", MFA_PHONE_OK, "+442079460018" },
    { "00 33 6 12 34 56 78", "DE", MFA_PHONE_OK, "+33612345678" },
    { "00 1 201 555 0123", "GB", MFA_PHONE_OK, "+12015550123" },
    /* ...and "011" in North America. */
    { "011 44 20 7946 0018", "US", MFA_PHONE_OK, "+442079460018" },
    /* The prefix alone, or a country code alone. */
    { "00", "FR", MFA_PHONE_TOO_SHORT, NULL },
    { "0044", "FR", MFA_PHONE_TOO_SHORT, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_too_short (void)
{
  static const ParseCase cases[] = {
    { "201 555", "US", MFA_PHONE_TOO_SHORT, NULL },
    { "12", "US", MFA_PHONE_TOO_SHORT, NULL },
    { "+1 201", "US", MFA_PHONE_TOO_SHORT, NULL },
    /* A local number without its area code. */
    { "555 0123", "US", MFA_PHONE_TOO_SHORT, NULL },
    { "06 12", "FR", MFA_PHONE_TOO_SHORT, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_too_long (void)
{
  static const ParseCase cases[] = {
    { "201 555 0123 4567", "US", MFA_PHONE_TOO_LONG, NULL },
    { "201 555 0123 4567 89", "US", MFA_PHONE_TOO_LONG, NULL },
    { "+1 201 555 0123 4567 8901 2345", "US", MFA_PHONE_TOO_LONG, NULL },
    { "0612345678901234567890", "FR", MFA_PHONE_TOO_LONG, NULL },
    /* German fixed lines may be longer than E.164's 15 digits in
     * libphonenumber's metadata; 15 is the most a number can have. */
    { "030 12345600000", "DE", MFA_PHONE_OK, "+493012345600000" },
    { "030 123456000000", "DE", MFA_PHONE_TOO_LONG, NULL },
    { "030 1234560000000", "DE", MFA_PHONE_TOO_LONG, NULL },
    { "+49 30 123456000000", "US", MFA_PHONE_TOO_LONG, NULL },
    { "0049 30 1234560000000", "FR", MFA_PHONE_TOO_LONG, NULL },
    /* Valid for libphonenumber, but longer than E.164's 15 digits. */
    { "+49 5800 0174 9586 489", "US", MFA_PHONE_TOO_LONG, NULL },
    { "05800 0174 9586 489", "DE", MFA_PHONE_TOO_LONG, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

/* Whatever is typed, a number parsed is never longer than E.164 allows:
 * the example of every region with digits appended. */
static void
test_parse_e164_limit (void)
{
  g_auto(GStrv) regions = mfa_phone_supported_regions ();
  guint n_ok = 0;

  g_assert_cmpuint (g_strv_length (regions), >, 200);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      g_autofree char *example = mfa_phone_example_number (regions[i]);
      g_autoptr(GString) input = NULL;

      if (example == NULL)
        continue;

      input = g_string_new (example);
      for (guint extra = 0; extra <= 10; extra++)
        {
          g_autofree char *e164 = NULL;

          if (mfa_phone_parse (input->str, regions[i], &e164) == MFA_PHONE_OK)
            {
              n_ok++;
              g_assert_nonnull (e164);
              if (strlen (e164) > 16)
                g_error ("“%s” in %s gave %s", input->str, regions[i], e164);
            }
          g_string_append_c (input, '0');
        }
    }

  /* At least each example itself parsed. */
  g_assert_cmpuint (n_ok, >, 200);
}

static void
test_parse_not_a_number (void)
{
  static const ParseCase cases[] = {
    { "hello", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "abc", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    /* Letters are refused even where they spell digits or an extension. */
    { "1-800-FLOWERS", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "201 555 0123 ext. 4", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "tel:+12015550123", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "06 12 34 56 7é", "FR", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "--", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "+", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "()", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    { "1", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
    /* Not UTF-8. */
    { "201 555 \xff\xfe 0123", "US", MFA_PHONE_NOT_A_NUMBER, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_empty (void)
{
  static const ParseCase cases[] = {
    { "", "US", MFA_PHONE_EMPTY, NULL },
    { "   ", "US", MFA_PHONE_EMPTY, NULL },
    { " \t\n", "FR", MFA_PHONE_EMPTY, NULL },
    { NULL, "US", MFA_PHONE_EMPTY, NULL },
    { "", NULL, MFA_PHONE_EMPTY, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_unknown_region (void)
{
  static const ParseCase cases[] = {
    { "201 555 0123", "XX", MFA_PHONE_INVALID_COUNTRY, NULL },
    { "201 555 0123", "ZZ", MFA_PHONE_INVALID_COUNTRY, NULL },
    { "201 555 0123", NULL, MFA_PHONE_INVALID_COUNTRY, NULL },
    { "201 555 0123", "", MFA_PHONE_INVALID_COUNTRY, NULL },
    { "201 555 0123", "USA", MFA_PHONE_INVALID_COUNTRY, NULL },
    { "201 555 0123", "1", MFA_PHONE_INVALID_COUNTRY, NULL },
    /* Region codes are accepted in either case. */
    { "201 555 0123", "us", MFA_PHONE_OK, "+12015550123" },
    /* An international number does not need the region. */
    { "+44 20 7946 0018", NULL, MFA_PHONE_OK, "+442079460018" },
    { "+44 20 7946 0018", "XX", MFA_PHONE_OK, "+442079460018" },
    /* No country has the calling code 999. */
    { "+999 123 4567", "US", MFA_PHONE_INVALID_COUNTRY, NULL },
    { "00 999 123 4567", "FR", MFA_PHONE_INVALID_COUNTRY, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_invalid (void)
{
  static const ParseCase cases[] = {
    /* Right length, but 555-01xx numbers are fictional. */
    { "+1 555 555 0100", "US", MFA_PHONE_INVALID, NULL },
    /* US area codes never start with 0 or 1. */
    { "101 555 0123", "US", MFA_PHONE_INVALID, NULL },
    /* A text message cannot reach an extension. */
    { "201 555 0123 #45", "US", MFA_PHONE_INVALID, NULL },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_optional_out (void)
{
  char *e164 = (char *) "unchanged";

  g_assert_cmpint (mfa_phone_parse ("201 555 0123", "US", NULL), ==, MFA_PHONE_OK);
  g_assert_cmpint (mfa_phone_parse ("201", "US", NULL), ==, MFA_PHONE_TOO_SHORT);

  /* Cleared on failure, whatever it held. */
  g_assert_cmpint (mfa_phone_parse ("201", "US", &e164), ==, MFA_PHONE_TOO_SHORT);
  g_assert_null (e164);
}

static void
test_valid_e164 (void)
{
  g_assert_true (mfa_phone_is_valid_e164 ("+12015550123"));
  g_assert_true (mfa_phone_is_valid_e164 ("+442079460018"));
  g_assert_true (mfa_phone_is_valid_e164 ("+33612345678"));
  g_assert_true (mfa_phone_is_valid_e164 ("+819012345678"));

  /* Well-formed, but not a number that exists. */
  g_assert_false (mfa_phone_is_valid_e164 ("+15555550100"));
  g_assert_false (mfa_phone_is_valid_e164 ("+999123456"));

  /* Not in canonical E.164 form. */
  g_assert_false (mfa_phone_is_valid_e164 ("12015550123"));
  g_assert_false (mfa_phone_is_valid_e164 ("+1 201 555 0123"));
  g_assert_false (mfa_phone_is_valid_e164 ("+1-201-555-0123"));
  g_assert_false (mfa_phone_is_valid_e164 ("+4402079460018"));
  g_assert_false (mfa_phone_is_valid_e164 ("+012015550123"));
  g_assert_false (mfa_phone_is_valid_e164 ("+12015550123 "));
  g_assert_false (mfa_phone_is_valid_e164 ("+123456"));
  g_assert_false (mfa_phone_is_valid_e164 ("+1234567890123456"));
  g_assert_false (mfa_phone_is_valid_e164 ("+"));
  g_assert_false (mfa_phone_is_valid_e164 (""));
  g_assert_false (mfa_phone_is_valid_e164 (NULL));
}

static void
test_format (void)
{
  static const struct {
    const char *e164;
    const char *international;
    const char *national;
  } cases[] = {
    { "+12015550123", "+1 201-555-0123", "(201) 555-0123" },
    { "+442079460018", "+44 20 7946 0018", "020 7946 0018" },
    { "+33612345678", "+33 6 12 34 56 78", "06 12 34 56 78" },
    { "+4915123456789", "+49 1512 3456789", "01512 3456789" },
    { "+819012345678", "+81 90-1234-5678", "090-1234-5678" },
  };
  static const char *unformattable[] = { "", "12015550123", "+999123456", "hello" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *international = mfa_phone_format_international (cases[i].e164);
      g_autofree char *national = mfa_phone_format_national (cases[i].e164);

      g_assert_cmpstr (international, ==, cases[i].international);
      g_assert_cmpstr (national, ==, cases[i].national);
    }

  for (i = 0; i < G_N_ELEMENTS (unformattable); i++)
    {
      g_assert_null (mfa_phone_format_international (unformattable[i]));
      g_assert_null (mfa_phone_format_national (unformattable[i]));
    }

  g_assert_null (mfa_phone_format_international (NULL));
  g_assert_null (mfa_phone_format_national (NULL));
}

static void
test_region_of (void)
{
  static const struct {
    const char *e164;
    const char *region;
  } cases[] = {
    { "+12015550123", "US" },
    { "+16135550123", "CA" },
    { "+442079460018", "GB" },
    { "+33612345678", "FR" },
    { "+4930123456", "DE" },
    { "+819012345678", "JP" },
    { "+918123456789", "IN" },
    { "+15555550100", NULL },
    { "+999123456", NULL },
    { "garbage", NULL },
    { "", NULL },
    { NULL, NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *region = mfa_phone_region_of (cases[i].e164);

      g_assert_cmpstr (region, ==, cases[i].region);
    }
}

static void
test_calling_code (void)
{
  g_autofree char *gb = mfa_phone_main_region_for_calling_code (44);
  g_autofree char *us = mfa_phone_main_region_for_calling_code (1);
  g_autofree char *ru = mfa_phone_main_region_for_calling_code (7);
  g_autofree char *fr = mfa_phone_main_region_for_calling_code (33);

  g_assert_cmpstr (gb, ==, "GB");
  g_assert_cmpstr (us, ==, "US");
  g_assert_cmpstr (ru, ==, "RU");
  g_assert_cmpstr (fr, ==, "FR");
  g_assert_null (mfa_phone_main_region_for_calling_code (999));
  g_assert_null (mfa_phone_main_region_for_calling_code (800));
  g_assert_null (mfa_phone_main_region_for_calling_code (0));
  g_assert_null (mfa_phone_main_region_for_calling_code (-1));

  g_assert_cmpint (mfa_phone_calling_code_for_region ("FR"), ==, 33);
  g_assert_cmpint (mfa_phone_calling_code_for_region ("US"), ==, 1);
  g_assert_cmpint (mfa_phone_calling_code_for_region ("CA"), ==, 1);
  g_assert_cmpint (mfa_phone_calling_code_for_region ("gb"), ==, 44);
  g_assert_cmpint (mfa_phone_calling_code_for_region ("JP"), ==, 81);
  g_assert_cmpint (mfa_phone_calling_code_for_region ("XX"), ==, 0);
  g_assert_cmpint (mfa_phone_calling_code_for_region ("ZZ"), ==, 0);
  g_assert_cmpint (mfa_phone_calling_code_for_region ("FRA"), ==, 0);
  g_assert_cmpint (mfa_phone_calling_code_for_region (""), ==, 0);
  g_assert_cmpint (mfa_phone_calling_code_for_region (NULL), ==, 0);
}

static void
test_supported_regions (void)
{
  g_auto(GStrv) regions = mfa_phone_supported_regions ();
  static const char *expected[] = { "CA", "DE", "FR", "GB", "IN", "JP", "US" };
  guint n_regions;
  guint i;

  g_assert_nonnull (regions);
  n_regions = g_strv_length (regions);
  g_assert_cmpuint (n_regions, >, 200);

  for (i = 0; i < n_regions; i++)
    {
      g_assert_cmpuint (strlen (regions[i]), ==, 2);
      g_assert_true (g_ascii_isupper (regions[i][0]));
      g_assert_true (g_ascii_isupper (regions[i][1]));
      if (i > 0)
        g_assert_cmpstr (regions[i - 1], <, regions[i]);
    }

  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains ((const char * const *) regions, expected[i]));

  g_assert_false (g_strv_contains ((const char * const *) regions, "ZZ"));
}

static void
test_example_number (void)
{
  static const char *regions[] = { "US", "GB", "FR", "DE", "JP", "IN", "fr" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autofree char *example = mfa_phone_example_number (regions[i]);
      g_autofree char *e164 = NULL;
      g_autofree char *national = NULL;

      g_test_message ("example for %s: %s", regions[i], example);
      g_assert_nonnull (example);

      /* The placeholder must be something the entry itself accepts, and
       * already in the national format. */
      g_assert_cmpint (mfa_phone_parse (example, regions[i], &e164), ==, MFA_PHONE_OK);
      national = mfa_phone_format_national (e164);
      g_assert_cmpstr (national, ==, example);
    }

  g_assert_null (mfa_phone_example_number ("XX"));
  g_assert_null (mfa_phone_example_number ("USA"));
  g_assert_null (mfa_phone_example_number (NULL));
}

static void
test_as_you_type_us (void)
{
  static const char *progression[] = {
    "2",
    "20",
    "201",
    "201-5",
    "201-55",
    "201-555",
    "201-5550",
    "(201) 555-01",
    "(201) 555-012",
    "(201) 555-0123",
  };
  static const char digits[] = "2015550123";
  g_autoptr(MfaPhoneFormatter) formatter = mfa_phone_formatter_new ("US");
  g_autoptr(MfaPhoneFormatter) plain = mfa_phone_formatter_new ("US");
  g_autofree char *shown = g_strdup ("");
  gsize i;

  g_assert_nonnull (formatter);
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, ""), ==, "");

  /* As an entry does it: what is shown, plus the key typed. */
  for (i = 0; i < G_N_ELEMENTS (progression); i++)
    {
      char *typed = g_strdup_printf ("%s%c", shown, digits[i]);

      g_free (shown);
      shown = g_strdup (mfa_phone_formatter_input (formatter, typed));
      g_free (typed);
      g_assert_cmpstr (shown, ==, progression[i]);
    }

  /* The same, typed as plain digits. */
  for (i = 0; i < G_N_ELEMENTS (progression); i++)
    {
      g_autofree char *typed = g_strndup (digits, i + 1);

      g_assert_cmpstr (mfa_phone_formatter_input (plain, typed), ==, progression[i]);
    }

  /* Feeding the same text again changes nothing. */
  g_assert_cmpstr (mfa_phone_formatter_input (plain, "2015550123"), ==, "(201) 555-0123");

  /* Back to empty. */
  g_assert_cmpstr (mfa_phone_formatter_input (plain, ""), ==, "");
  g_assert_cmpstr (mfa_phone_formatter_input (plain, NULL), ==, "");
  g_assert_cmpstr (mfa_phone_formatter_input (plain, "2"), ==, "2");
}

static void
test_as_you_type_edit (void)
{
  g_autoptr(MfaPhoneFormatter) formatter = mfa_phone_formatter_new ("US");
  g_autoptr(MfaPhoneFormatter) fresh = NULL;
  const char *result;

  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "2015550123"), ==, "(201) 555-0123");

  /* A digit deleted in the middle: the result is what typing the
   * remaining digits from scratch gives. */
  result = mfa_phone_formatter_input (formatter, "(201) 55-0123");
  fresh = mfa_phone_formatter_new ("US");
  g_assert_cmpstr (result, ==, mfa_phone_formatter_input (fresh, "201550123"));
  g_assert_cmpstr (result, ==, "(201) 550-123");

  /* And put back. */
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "(201) 555-0123"), ==, "(201) 555-0123");

  /* A digit changed in the middle. */
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "(201) 655-0123"), ==, "(201) 655-0123");

  /* Anything but digits and a leading '+' is ignored. */
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "a2b0c1"), ==, "201");
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "2+01"), ==, "201");
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "++201"), ==, "+20 1");
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "+"), ==, "+");
  g_assert_cmpstr (mfa_phone_formatter_input (formatter, "--"), ==, "");
}

static void
test_as_you_type_international (void)
{
  g_autoptr(MfaPhoneFormatter) us = mfa_phone_formatter_new ("US");
  g_autoptr(MfaPhoneFormatter) gb = mfa_phone_formatter_new ("gb");
  g_autoptr(MfaPhoneFormatter) unknown = mfa_phone_formatter_new (NULL);

  g_assert_cmpstr (mfa_phone_formatter_input (us, "+"), ==, "+");
  g_assert_cmpstr (mfa_phone_formatter_input (us, "+1"), ==, "+1");
  g_assert_cmpstr (mfa_phone_formatter_input (us, "+1 2015550123"), ==, "+1 201-555-0123");
  g_assert_cmpstr (mfa_phone_formatter_input (us, "+442079460018"), ==, "+44 20 7946 0018");

  g_assert_cmpstr (mfa_phone_formatter_input (gb, "02079460018"), ==, "020 7946 0018");
  g_assert_cmpstr (mfa_phone_formatter_input (gb, "0033612345678"), ==, "00 33 6 12 34 56 78");

  g_assert_cmpstr (mfa_phone_formatter_input (unknown, "+33612345678"), ==, "+33 6 12 34 56 78");
}

static gpointer
parse_in_thread (gpointer data)
{
  g_autofree char *e164 = NULL;

  if (mfa_phone_parse ("201 555 0123", "US", &e164) != MFA_PHONE_OK ||
      g_strcmp0 (e164, "+12015550123") != 0 ||
      !mfa_phone_is_valid_e164 ("+442079460018"))
    return GINT_TO_POINTER (FALSE);

  return GINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  if (g_test_subprocess ())
    {
      GThread *threads[8];
      guint i;

      /* In a fresh process, so the threads race for the first load. */
      for (i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("phone", parse_in_thread, NULL);

      for (i = 0; i < G_N_ELEMENTS (threads); i++)
        g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));

      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_lazy_load (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *before = NULL;
      g_autofree char *unloaded = NULL;
      g_autofree char *after = NULL;
      g_autofree char *e164 = NULL;

      before = read_maps ();
      g_assert_nonnull (before);
      g_assert_null (strstr (before, MODULE_BASENAME));
      g_assert_null (strstr (before, "libphonenumber"));
      g_assert_null (strstr (before, "libicuuc"));
      g_assert_null (strstr (before, "libprotobuf"));

      /* Calls answered from the text alone do not need the module. */
      g_assert_cmpint (mfa_phone_parse ("  ", "US", NULL), ==, MFA_PHONE_EMPTY);
      g_assert_cmpint (mfa_phone_parse ("abc", "US", NULL), ==, MFA_PHONE_NOT_A_NUMBER);
      g_assert_false (mfa_phone_is_valid_e164 ("12015550123"));
      g_assert_cmpint (mfa_phone_calling_code_for_region ("USA"), ==, 0);

      unloaded = read_maps ();
      g_assert_null (strstr (unloaded, MODULE_BASENAME));
      g_assert_null (strstr (unloaded, "libphonenumber"));

      g_assert_cmpint (mfa_phone_parse ("201 555 0123", "US", &e164), ==, MFA_PHONE_OK);
      g_assert_cmpstr (e164, ==, "+12015550123");

      after = read_maps ();
      g_assert_nonnull (strstr (after, MODULE_BASENAME));
      g_assert_nonnull (strstr (after, "libphonenumber"));
      g_assert_nonnull (strstr (after, "libicuuc"));
      return;
    }

  if (!g_file_test ("/proc/self/maps", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("/proc/self/maps is not available");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* libphonenumber logs to stdout by default; the server's stdout must only
 * carry its own lines. Exercise the paths where libphonenumber logs and
 * check that nothing reaches either stream. */
static void
test_no_logging (void)
{
  if (g_test_subprocess ())
    {
      static const char *inputs[] = {
        "201 555 0123", "+999 123 4567", "00", "+", "1", "201 555 0123 4567 8901 2345 6789",
      };
      static const char *regions[] = { "US", "XX", "ZZ", "AQ", "001" };
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *captured = NULL;
      int saved_stdout;
      int saved_stderr;
      int fd;
      gsize i, j;

      fd = g_file_open_tmp ("mfa-phone-log-XXXXXX", &path, &error);
      g_assert_no_error (error);

      fflush (stdout);
      fflush (stderr);
      saved_stdout = dup (STDOUT_FILENO);
      saved_stderr = dup (STDERR_FILENO);
      g_assert_cmpint (dup2 (fd, STDOUT_FILENO), ==, STDOUT_FILENO);
      g_assert_cmpint (dup2 (fd, STDERR_FILENO), ==, STDERR_FILENO);

      for (i = 0; i < G_N_ELEMENTS (inputs); i++)
        for (j = 0; j < G_N_ELEMENTS (regions); j++)
          {
            g_autofree char *e164 = NULL;
            g_autofree char *example = NULL;
            g_autoptr(MfaPhoneFormatter) formatter = NULL;

            mfa_phone_parse (inputs[i], regions[j], &e164);
            mfa_phone_calling_code_for_region (regions[j]);
            example = mfa_phone_example_number (regions[j]);
            formatter = mfa_phone_formatter_new (regions[j]);
            mfa_phone_formatter_input (formatter, inputs[i]);
          }
      g_assert_null (mfa_phone_region_of ("+999123456"));
      g_assert_null (mfa_phone_format_national ("+0123"));

      fflush (stdout);
      fflush (stderr);
      dup2 (saved_stdout, STDOUT_FILENO);
      dup2 (saved_stderr, STDERR_FILENO);
      close (saved_stdout);
      close (saved_stderr);
      close (fd);

      g_assert_true (g_file_get_contents (path, &captured, NULL, &error));
      g_assert_no_error (error);
      g_unlink (path);
      g_assert_cmpstr (captured, ==, "");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_module_not_found (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MfaPhoneFormatter) formatter = NULL;
      g_auto(GStrv) regions = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *e164 = NULL;

      dir = g_dir_make_tmp ("mfa-phone-empty-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("MFA_PHONE_MODULE_DIR", dir, TRUE);

      g_assert_false (mfa_phone_load (&error));
      g_assert_error (error, MFA_PHONE_ERROR, MFA_PHONE_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, dir));
      g_assert_nonnull (strstr (error->message, PKGLIBDIR));
      g_clear_error (&error);

      /* The failure is remembered. */
      g_assert_false (mfa_phone_load (&error));
      g_assert_error (error, MFA_PHONE_ERROR, MFA_PHONE_ERROR_NOT_FOUND);
      g_assert_false (mfa_phone_load (NULL));

      /* Every call fails gracefully. */
      g_assert_cmpint (mfa_phone_parse ("201 555 0123", "US", &e164), ==, MFA_PHONE_UNAVAILABLE);
      g_assert_null (e164);
      g_assert_cmpint (mfa_phone_parse ("", "US", &e164), ==, MFA_PHONE_EMPTY);
      g_assert_false (mfa_phone_is_valid_e164 ("+12015550123"));
      g_assert_null (mfa_phone_format_international ("+12015550123"));
      g_assert_null (mfa_phone_format_national ("+12015550123"));
      g_assert_null (mfa_phone_region_of ("+12015550123"));
      g_assert_cmpint (mfa_phone_calling_code_for_region ("FR"), ==, 0);
      g_assert_null (mfa_phone_example_number ("US"));
      regions = mfa_phone_supported_regions ();
      g_assert_nonnull (regions);
      g_assert_cmpuint (g_strv_length (regions), ==, 0);

      /* The formatter still filters, it just cannot format. */
      formatter = mfa_phone_formatter_new ("US");
      g_assert_nonnull (formatter);
      g_assert_cmpstr (mfa_phone_formatter_input (formatter, "(201) 555-0123"), ==, "2015550123");
      g_assert_cmpstr (mfa_phone_formatter_input (formatter, "+1 201"), ==, "+1201");

      g_assert_no_errno (g_rmdir (dir));
      return;
    }

  if (module_is_installed ())
    {
      g_test_skip ("the module is installed in " PKGLIBDIR ", which would be found");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_module_broken (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;

      dir = g_dir_make_tmp ("mfa-phone-broken-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, MODULE_BASENAME, NULL);
      g_file_set_contents (path, "not a shared object", -1, &error);
      g_assert_no_error (error);
      g_setenv ("MFA_PHONE_MODULE_DIR", dir, TRUE);

      g_assert_false (mfa_phone_load (&error));
      g_assert_error (error, MFA_PHONE_ERROR, MFA_PHONE_ERROR_FAILED);
      g_assert_cmpint (mfa_phone_parse ("201 555 0123", "US", NULL), ==, MFA_PHONE_UNAVAILABLE);

      g_assert_no_errno (g_unlink (path));
      g_assert_no_errno (g_rmdir (dir));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* These run in child processes that must start with nothing loaded. */
  g_test_add_func ("/phone/lazy-load", test_lazy_load);
  g_test_add_func ("/phone/module-not-found", test_module_not_found);
  g_test_add_func ("/phone/module-broken", test_module_broken);
  g_test_add_func ("/phone/threads", test_threads);
  g_test_add_func ("/phone/no-logging", test_no_logging);

  g_test_add_func ("/phone/load", test_load);
  g_test_add_func ("/phone/parse/us-ca", test_parse_us_ca);
  g_test_add_func ("/phone/parse/gb", test_parse_gb);
  g_test_add_func ("/phone/parse/fr", test_parse_fr);
  g_test_add_func ("/phone/parse/de", test_parse_de);
  g_test_add_func ("/phone/parse/jp-in", test_parse_jp_in);
  g_test_add_func ("/phone/parse/international-prefix", test_parse_international_prefix);
  g_test_add_func ("/phone/parse/too-short", test_parse_too_short);
  g_test_add_func ("/phone/parse/too-long", test_parse_too_long);
  g_test_add_func ("/phone/parse/e164-limit", test_parse_e164_limit);
  g_test_add_func ("/phone/parse/not-a-number", test_parse_not_a_number);
  g_test_add_func ("/phone/parse/empty", test_parse_empty);
  g_test_add_func ("/phone/parse/unknown-region", test_parse_unknown_region);
  g_test_add_func ("/phone/parse/invalid", test_parse_invalid);
  g_test_add_func ("/phone/parse/optional-out", test_parse_optional_out);
  g_test_add_func ("/phone/valid-e164", test_valid_e164);
  g_test_add_func ("/phone/format", test_format);
  g_test_add_func ("/phone/region-of", test_region_of);
  g_test_add_func ("/phone/calling-code", test_calling_code);
  g_test_add_func ("/phone/supported-regions", test_supported_regions);
  g_test_add_func ("/phone/example-number", test_example_number);
  g_test_add_func ("/phone/as-you-type/us", test_as_you_type_us);
  g_test_add_func ("/phone/as-you-type/edit", test_as_you_type_edit);
  g_test_add_func ("/phone/as-you-type/international", test_as_you_type_international);

  return g_test_run ();
}
