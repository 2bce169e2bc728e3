/* test-country-chooser.c
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

#include <adwaita.h>

#include "mfa-country-chooser.h"
#include "mfa-ui-test-utils.h"

static MfaCountryChooser *
new_loaded_chooser (void)
{
  MfaCountryChooser *chooser = MFA_COUNTRY_CHOOSER (g_object_ref_sink (mfa_country_chooser_new ()));
  g_autoptr(GError) error = NULL;

  g_assert_false (mfa_country_chooser_is_loaded (chooser));
  g_assert_true (mfa_country_chooser_load (chooser, &error));
  g_assert_no_error (error);
  g_assert_true (mfa_country_chooser_is_loaded (chooser));

  return chooser;
}

static char *
first_match (MfaCountryChooser *chooser,
             const char        *query)
{
  GListModel *matches = mfa_country_chooser_get_matches (chooser);
  g_autoptr(MfaCountry) country = NULL;

  mfa_country_chooser_search (chooser, query);
  country = g_list_model_get_item (matches, 0);

  return country != NULL ? g_strdup (mfa_country_get_code (country)) : NULL;
}

static void
assert_first (MfaCountryChooser *chooser,
              const char        *query,
              const char        *code)
{
  g_autofree char *found = first_match (chooser, query);

  g_assert_cmpstr (found, ==, code);
}

static void
test_list (void)
{
  MfaCountryChooser *chooser = new_loaded_chooser ();
  GListModel *matches = mfa_country_chooser_get_matches (chooser);
  g_autoptr(MfaCountry) first = NULL;

  /* Every country libphonenumber knows and iso-codes names: about 240. */
  mfa_country_chooser_search (chooser, "");
  g_assert_cmpuint (g_list_model_get_n_items (matches), >, 200);

  first = g_list_model_get_item (matches, 0);
  g_assert_cmpstr (mfa_country_get_code (first), ==, "AF");

  g_assert_finalize_object (chooser);
}

static void
test_locale_region (void)
{
  const char *saved = g_getenv ("LANGUAGE");
  g_autofree char *copy = g_strdup (saved);
  g_autofree char *region = NULL;

  /* g_get_language_names() caches per value of the variables it reads. */
  g_setenv ("LANGUAGE", "de_CH.UTF-8", TRUE);
  region = mfa_country_default_region ();
  g_assert_cmpstr (region, ==, "CH");
  g_clear_pointer (&region, g_free);

  g_setenv ("LANGUAGE", "pt_BR", TRUE);
  region = mfa_country_default_region ();
  g_assert_cmpstr (region, ==, "BR");
  g_clear_pointer (&region, g_free);

  if (copy != NULL)
    g_setenv ("LANGUAGE", copy, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
test_default_region (void)
{
  MfaCountryChooser *chooser = NULL;
  g_autofree char *expected = mfa_country_default_region ();

  g_assert_cmpuint (strlen (expected), ==, 2);

  chooser = new_loaded_chooser ();
  /* The locale's country, or the United States when it names none. */
  g_assert_cmpstr (mfa_country_chooser_get_region (chooser), ==, expected);

  g_assert_true (mfa_country_chooser_set_region (chooser, "fr"));
  g_assert_cmpstr (mfa_country_chooser_get_region (chooser), ==, "FR");
  g_assert_cmpint (mfa_country_get_calling_code (mfa_country_chooser_get_country (chooser)), ==, 33);
  g_assert_false (mfa_country_chooser_set_region (chooser, "XX"));
  g_assert_cmpstr (mfa_country_chooser_get_region (chooser), ==, "FR");

  g_assert_finalize_object (chooser);
}

static void
test_search (void)
{
  MfaCountryChooser *chooser = new_loaded_chooser ();
  GListModel *matches = mfa_country_chooser_get_matches (chooser);

  /* By ISO code, whatever the case. */
  assert_first (chooser, "de", "DE");
  assert_first (chooser, "DE", "DE");
  assert_first (chooser, "gb", "GB");

  /* By calling code, with or without the plus. */
  assert_first (chooser, "+33", "FR");
  assert_first (chooser, "33", "FR");
  assert_first (chooser, "+44", "GB");
  assert_first (chooser, "+49", "DE");
  assert_first (chooser, "+1", "US");
  assert_first (chooser, "+7", "RU");

  /* By name: start of the name first, accents folded. */
  assert_first (chooser, "fran", "FR");
  assert_first (chooser, "germ", "DE");
  assert_first (chooser, "cote", "CI");
  assert_first (chooser, "  Japan ", "JP");

  /* A later word of the name matches too. */
  mfa_country_chooser_search (chooser, "kingdom");
  g_assert_cmpuint (g_list_model_get_n_items (matches), >=, 1);

  /* Nothing for nonsense. */
  mfa_country_chooser_search (chooser, "zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 0);
  mfa_country_chooser_search (chooser, "+999");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 0);

  g_assert_finalize_object (chooser);
}

static void
test_match_ranks (void)
{
  g_autoptr(MfaCountry) france = mfa_country_new ("FR", "France", 33, TRUE);
  g_autoptr(MfaCountry) ivory = mfa_country_new ("CI", "Côte d’Ivoire", 225, TRUE);
  g_autoptr(MfaCountry) britain = mfa_country_new ("GB", "United Kingdom", 44, TRUE);
  g_autoptr(MfaCountry) jersey = mfa_country_new ("JE", "Jersey", 44, FALSE);
  g_autofree char *folded = mfa_country_normalize_query ("CÔTE");

  g_assert_cmpstr (folded, ==, "cote");
  g_assert_cmpuint (mfa_country_match (france, "fr"), >, mfa_country_match (france, "fra"));
  g_assert_cmpuint (mfa_country_match (france, "33"), >, mfa_country_match (france, "3"));
  g_assert_cmpuint (mfa_country_match (france, "44"), ==, 0);
  g_assert_cmpuint (mfa_country_match (jersey, "44"), <, mfa_country_match (britain, "44"));
  g_assert_cmpuint (mfa_country_match (jersey, "44"), >, 0);
  g_assert_cmpuint (mfa_country_match (ivory, "cote"), >, 0);
  g_assert_cmpuint (mfa_country_match (ivory, "ivoire"), >, 0);
  g_assert_cmpuint (mfa_country_match (ivory, "voire"), >, 0);
  g_assert_cmpuint (mfa_country_match (ivory, "ivoire"), >, mfa_country_match (ivory, "voire"));
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
first_match_is (MfaCountryChooser *chooser,
                const char        *code)
{
  g_autoptr(MfaCountry) country = g_list_model_get_item (mfa_country_chooser_get_matches (chooser), 0);

  return country != NULL && g_strcmp0 (mfa_country_get_code (country), code) == 0;
}

/* Opened, the popover shows the chosen country (the locale's at first),
 * selected and scrolled to inside a list that scrolls within the
 * popover; typing a name or a calling code in its search entry finds a
 * country.
 */
static void
test_popover (void)
{
  GtkWidget *window = gtk_window_new ();
  MfaCountryChooser *chooser = new_loaded_chooser ();
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  GtkSingleSelection *selection;
  guint n;
  guint position;
  double row_height;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chooser));
  gtk_window_present (GTK_WINDOW (window));
  /* Far down the alphabet: the list must scroll to it. */
  g_assert_true (mfa_country_chooser_set_region (chooser, "SE"));

  button = GTK_MENU_BUTTON (find_type (GTK_WIDGET (chooser), GTK_TYPE_MENU_BUTTON));
  popover = gtk_menu_button_get_popover (button);
  gtk_menu_button_popup (button);
  mfa_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  scrolled = find_type (GTK_WIDGET (popover), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (find_type (scrolled, GTK_TYPE_LIST_VIEW))));
  n = g_list_model_get_n_items (mfa_country_chooser_get_matches (chooser));
  g_assert_cmpuint (n, >, 200);

  /* Selected, and in view. */
  position = gtk_single_selection_get_selected (selection);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (mfa_country_get_code (gtk_single_selection_get_selected_item (selection)), ==, "SE");
  mfa_test_wait_until (gtk_adjustment_get_value (adjustment) > 0);
  /* The list is longer than the popover: it scrolls inside it. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 2 * gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (popover)), <, gtk_widget_get_height (window));
  row_height = gtk_adjustment_get_upper (adjustment) / n;
  g_assert_cmpfloat (position * row_height, >=, gtk_adjustment_get_value (adjustment) - row_height);
  g_assert_cmpfloat (position * row_height, <=,
                     gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment));

  /* The search entry has the focus; by name and by calling code. */
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))));
  mfa_test_type_text (GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window))), "+49");
  mfa_test_wait_until (first_match_is (chooser, "DE"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window))), "");
  mfa_test_type_text (GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window))), "switz");
  mfa_test_wait_until (first_match_is (chooser, "CH"));

  /* Enter takes it, and the next opening starts at it with the whole
   * list. */
  g_signal_emit_by_name (gtk_window_get_focus (GTK_WINDOW (window)), "activate");
  g_assert_cmpstr (mfa_country_chooser_get_region (chooser), ==, "CH");
  mfa_test_wait_until (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_menu_button_popup (button);
  mfa_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_cmpuint (g_list_model_get_n_items (mfa_country_chooser_get_matches (chooser)), ==, n);
  g_assert_cmpstr (mfa_country_get_code (gtk_single_selection_get_selected_item (selection)), ==, "CH");
  gtk_menu_button_popdown (button);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (chooser);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mfa/country-chooser/list", test_list);
  g_test_add_func ("/mfa/country-chooser/default-region", test_default_region);
  g_test_add_func ("/mfa/country-chooser/locale-region", test_locale_region);
  g_test_add_func ("/mfa/country-chooser/search", test_search);
  g_test_add_func ("/mfa/country-chooser/match-ranks", test_match_ranks);
  g_test_add_func ("/mfa/country-chooser/popover", test_popover);

  return g_test_run ();
}
