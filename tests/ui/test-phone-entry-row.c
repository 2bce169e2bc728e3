/* test-phone-entry-row.c
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

#define G_LOG_DOMAIN "test-phone-entry-row"

#include "config.h"

#include <string.h>

#include "mfa-country-chooser.h"
#include "mfa-phone-entry-row.h"
#include "mfa-ui-test-utils.h"

typedef struct {
  GtkWindow        *window;
  MfaPhoneEntryRow *row;
  guint             n_activate;
  guint             n_e164;
} Fixture;

static void
activate_cb (MfaPhoneEntryRow *row,
             Fixture          *f)
{
  f->n_activate++;
}

static void
e164_cb (MfaPhoneEntryRow *row,
         GParamSpec       *pspec,
         Fixture          *f)
{
  f->n_e164++;
}

static void
flush (void)
{
  mfa_test_flush ();
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->row = MFA_PHONE_ENTRY_ROW (mfa_phone_entry_row_new ());
  g_signal_connect (f->row, "activate", G_CALLBACK (activate_cb), f);
  g_signal_connect (f->row, "notify::e164", G_CALLBACK (e164_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 400);
  gtk_window_set_child (f->window, GTK_WIDGET (f->row));
  gtk_window_present (f->window);

  /* Not loaded yet: nothing can be checked. */
  g_assert_false (mfa_phone_entry_row_is_loaded (f->row));
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_UNAVAILABLE);
  g_assert_nonnull (mfa_phone_entry_row_get_error (f->row));

  g_assert_true (mfa_phone_entry_row_load (f->row, &error));
  g_assert_no_error (error);
  g_assert_true (mfa_phone_entry_row_is_loaded (f->row));
  g_assert_true (mfa_phone_entry_row_set_region (f->row, "US"));
  flush ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_object_ref (f->row);
  gtk_window_destroy (f->window);
  flush ();
  g_assert_finalize_object (f->row);
}

static GtkEditable *
number_row (Fixture *f)
{
  AdwPreferencesRow *row = mfa_test_find_row (GTK_WIDGET (f->row), "_Phone Number");

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return GTK_EDITABLE (row);
}

static MfaCountryChooser *
chooser (Fixture *f)
{
  GtkWidget *widget = mfa_test_find_widget (GTK_WIDGET (f->row), MFA_TYPE_COUNTRY_CHOOSER, NULL);

  g_assert_nonnull (widget);
  return MFA_COUNTRY_CHOOSER (widget);
}

/* Types @text key by key at the cursor, as a person would. */
static void
type (Fixture    *f,
      const char *text)
{
  mfa_test_type_text (number_row (f), text);
}

static void
clear (Fixture *f)
{
  gtk_editable_set_text (number_row (f), "");
  flush ();
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && mfa_test_widget_is_shown (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_typing_formats (Fixture       *f,
                     gconstpointer  data)
{
  GtkEditable *row = number_row (f);

  type (f, "2015550147");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "(201) 555-0147");
  g_assert_cmpstr (mfa_phone_entry_row_get_text (f->row), ==, "(201) 555-0147");
  g_assert_cmpint (gtk_editable_get_position (row), ==, 14);
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_OK);
  g_assert_cmpstr (mfa_phone_entry_row_get_e164 (f->row), ==, "+12015550147");
  g_assert_null (mfa_phone_entry_row_get_error (f->row));
  g_assert_true (has_label (GTK_WIDGET (f->row), "Will be added as +12015550147"));
  g_assert_false (has_label (GTK_WIDGET (f->row), "For example"));

  /* Backspace over the space after ')' takes the digit before it. */
  gtk_editable_set_position (row, 6);
  gtk_editable_delete_text (row, 5, 6);
  gtk_editable_set_position (row, 5);
  flush ();
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "(205) 550-147");
  g_assert_null (mfa_phone_entry_row_get_e164 (f->row));

  /* Another country, other rules. */
  clear (f);
  g_assert_true (mfa_phone_entry_row_set_region (f->row, "FR"));
  type (f, "0612345678");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "06 12 34 56 78");
  g_assert_cmpint (gtk_editable_get_position (row), ==, 14);
  g_assert_cmpstr (mfa_phone_entry_row_get_e164 (f->row), ==, "+33612345678");

  /* Digits of other scripts count as the digits they are. */
  clear (f);
  g_assert_true (mfa_phone_entry_row_set_region (f->row, "US"));
  type (f, "٢٠١٥٥٥٠١٤٧");
  g_assert_cmpstr (mfa_phone_entry_row_get_e164 (f->row), ==, "+12015550147");
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  const struct {
    const char     *text;
    MfaPhoneStatus  status;
    const char     *message;
  } cases[] = {
    { "", MFA_PHONE_EMPTY, "Enter the phone number" },
    { "201 call me", MFA_PHONE_NOT_A_NUMBER, "Remove the letters" },
    { "201", MFA_PHONE_TOO_SHORT, "too short for United States" },
    { "201555014712345", MFA_PHONE_TOO_LONG, "too many digits for United States" },
    { "5555550100", MFA_PHONE_INVALID, "not a valid phone number in United States" },
    { "+999 1234567", MFA_PHONE_INVALID_COUNTRY, "country code does not exist" },
  };

  type (f, "2015550147");
  g_assert_nonnull (mfa_phone_entry_row_get_e164 (f->row));
  f->n_e164 = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      clear (f);
      type (f, cases[i].text);

      g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, cases[i].status);
      g_assert_null (mfa_phone_entry_row_get_e164 (f->row));
      if (strstr (mfa_phone_entry_row_get_error (f->row), cases[i].message) == NULL)
        g_error ("expected “%s”, got “%s”", cases[i].message,
                 mfa_phone_entry_row_get_error (f->row));
    }

  /* Notified on changes only: cleared once, then valid and invalid again
   * while the too long number went through a valid one. */
  g_assert_cmpuint (f->n_e164, ==, 3);

  /* Letters: left as typed, not formatted away. */
  clear (f);
  type (f, "call 2015550147");
  g_assert_cmpstr (gtk_editable_get_text (number_row (f)), ==, "call 2015550147");
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_NOT_A_NUMBER);

  /* Before a valid number, an example of the country. */
  clear (f);
  g_assert_true (has_label (GTK_WIDGET (f->row), "For example: "));
  g_assert_false (has_label (GTK_WIDGET (f->row), "Will be added as"));
}

/* Some countries' numbering plans allow more digits than E.164: the
 * entry refuses them as too long, and sends nothing. */
static void
test_e164_limit (Fixture       *f,
                 gconstpointer  data)
{
  GtkEditable *row = number_row (f);

  g_assert_true (mfa_phone_entry_row_set_region (f->row, "DE"));
  type (f, "03012345600000");
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_OK);
  g_assert_cmpstr (mfa_phone_entry_row_get_e164 (f->row), ==, "+493012345600000");

  /* One digit more: 16 digits in international form. */
  type (f, "0");
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_TOO_LONG);
  g_assert_null (mfa_phone_entry_row_get_e164 (f->row));
  g_assert_cmpstr (mfa_phone_entry_row_get_error (f->row), ==,
                   "This number has too many digits for Germany.");
  g_assert_false (has_label (GTK_WIDGET (f->row), "Will be added as"));

  /* In international form, whatever country is chosen. */
  clear (f);
  g_assert_true (mfa_phone_entry_row_set_region (f->row, "US"));
  type (f, "+49 30 1234560000000");
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_TOO_LONG);
  g_assert_null (mfa_phone_entry_row_get_e164 (f->row));
  g_assert_cmpstr (mfa_phone_entry_row_get_error (f->row), ==,
                   "This number has too many digits.");
  g_assert_cmpuint (strlen (gtk_editable_get_text (row)), >, 0);
}

/* A number pasted with its calling code chooses its country. */
static void
test_paste_switches_region (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (number_row (f)));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (text);

  g_assert_cmpstr (mfa_phone_entry_row_get_region (f->row), ==, "US");
  gtk_widget_grab_focus (GTK_WIDGET (f->row));
  gdk_clipboard_set_text (clipboard, "+44 20 7183 8750");
  g_signal_emit_by_name (text, "paste-clipboard");

  mfa_test_wait_until (g_strcmp0 (mfa_phone_entry_row_get_region (f->row), "GB") == 0);
  g_assert_cmpstr (mfa_country_chooser_get_region (chooser (f)), ==, "GB");
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_OK);
  g_assert_cmpstr (mfa_phone_entry_row_get_e164 (f->row), ==, "+442071838750");
  g_assert_cmpstr (mfa_phone_entry_row_get_text (f->row), ==, "+44 20 7183 8750");

  /* Typed key by key, the country chosen stays: a + number wins anyway. */
  clear (f);
  g_assert_true (mfa_phone_entry_row_set_region (f->row, "US"));
  type (f, "+442071838750");
  flush ();
  g_assert_cmpstr (mfa_phone_entry_row_get_region (f->row), ==, "US");
  g_assert_cmpstr (mfa_phone_entry_row_get_e164 (f->row), ==, "+442071838750");

  /* A national number pasted is read in the country chosen. */
  clear (f);
  gdk_clipboard_set_text (clipboard, "020 7183 8750");
  g_signal_emit_by_name (text, "paste-clipboard");
  mfa_test_wait_until (mfa_phone_entry_row_get_text (f->row)[0] != '\0');
  flush ();
  g_assert_cmpstr (mfa_phone_entry_row_get_region (f->row), ==, "US");
  g_assert_null (mfa_phone_entry_row_get_e164 (f->row));
}

static void
test_set_text (Fixture       *f,
               gconstpointer  data)
{
  mfa_phone_entry_row_set_text (f->row, "2015550123");
  g_assert_cmpstr (mfa_phone_entry_row_get_text (f->row), ==, "(201) 555-0123");
  g_assert_cmpint (gtk_editable_get_position (number_row (f)), ==, 14);
  g_assert_cmpstr (mfa_phone_entry_row_get_e164 (f->row), ==, "+12015550123");

  mfa_phone_entry_row_set_text (f->row, "");
  g_assert_cmpstr (mfa_phone_entry_row_get_text (f->row), ==, "");
  g_assert_cmpint (mfa_phone_entry_row_get_status (f->row), ==, MFA_PHONE_EMPTY);
}

static void
test_activate_and_state (Fixture       *f,
                         gconstpointer  data)
{
  GtkEditable *row = number_row (f);

  g_signal_emit_by_name (row, "entry-activated");
  g_assert_cmpuint (f->n_activate, ==, 1);

  /* Not editable: neither the number nor the country. */
  mfa_phone_entry_row_set_editable (f->row, FALSE);
  g_assert_false (gtk_editable_get_editable (row));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (chooser (f))));
  mfa_phone_entry_row_set_editable (f->row, TRUE);
  g_assert_true (gtk_editable_get_editable (row));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (chooser (f))));

  mfa_phone_entry_row_set_show_error (f->row, TRUE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  mfa_phone_entry_row_set_show_error (f->row, FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  /* Focus lands in the number, after its end. */
  type (f, "20155");
  gtk_editable_set_position (row, 0);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->row)));
  mfa_test_wait_until (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (row))));
  g_assert_cmpint (gtk_editable_get_position (row), ==,
                   g_utf8_strlen (gtk_editable_get_text (row), -1));
}

/* Right to left, the example keeps left to right inside the sentence. */
static void
test_direction (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (number_row (f)));

  g_assert_cmpint (gtk_widget_get_direction (text), ==, GTK_TEXT_DIR_LTR);
  g_assert_true (has_label (GTK_WIDGET (f->row), "For example: "));
  g_assert_false (has_label (GTK_WIDGET (f->row), "\u2066"));
  /* No-break spaces: the number never wraps in the middle. */
  g_assert_true (has_label (GTK_WIDGET (f->row), "\u00a0"));

  gtk_widget_set_direction (GTK_WIDGET (f->row), GTK_TEXT_DIR_RTL);
  g_assert_true (has_label (GTK_WIDGET (f->row), "\u2066"));
  g_assert_cmpint (gtk_widget_get_direction (text), ==, GTK_TEXT_DIR_LTR);

  type (f, "2015550147");
  g_assert_true (has_label (GTK_WIDGET (f->row), "Will be added as \u2066+12015550147\u2069"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) \
  g_test_add ("/mfa/phone-entry-row/" path, Fixture, NULL, setup, fn, teardown)

  ADD ("typing-formats", test_typing_formats);
  ADD ("invalid", test_invalid);
  ADD ("e164-limit", test_e164_limit);
  ADD ("paste-switches-region", test_paste_switches_region);
  ADD ("set-text", test_set_text);
  ADD ("activate-and-state", test_activate_and_state);
  ADD ("direction", test_direction);

#undef ADD

  return g_test_run ();
}
