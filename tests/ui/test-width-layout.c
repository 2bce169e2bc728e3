/* test-width-layout.c
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

#include "mfa-test-utils.h"
#include "mfa-ui-test-utils.h"
#include "mfa-width-layout.h"

#define LONG_TITLE "Numbers that receive the codes you type in when you sign in"
#define LONG_SUBTITLE "Sign in with a backup code when you cannot receive text messages"

static GtkWidget *
find_box_with_class (GtkWidget  *root,
                     const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_box_with_class (child, css_class)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
new_row (gboolean installed)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic ("_Use for Sign-In Codes");
  GtkLabel *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), LONG_TITLE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), LONG_SUBTITLE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  /* A label that wraps as a phone row's button does on GTK 4.8. */
  label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
  gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
  gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
  if (installed)
    mfa_width_layout_install_in (row);

  return row;
}

static void
measure (GtkWidget      *widget,
         GtkOrientation  orientation,
         int             for_size,
         int            *minimum,
         int            *natural)
{
  gtk_widget_measure (widget, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Asked how wide it must be at a given height, a row's text column says
 * how wide it must be at any height: the answer GTK would otherwise look
 * for by laying the text out again and again.
 */
static void
test_width_for_any_height (void)
{
  GtkWidget *plain = g_object_ref_sink (new_row (FALSE));
  GtkWidget *installed = g_object_ref_sink (new_row (TRUE));
  GtkWidget *plain_column = find_box_with_class (plain, "title");
  GtkWidget *column = find_box_with_class (installed, "title");
  int any_min, any_nat, low_min, low_nat, height;

  g_assert_nonnull (plain_column);
  g_assert_nonnull (column);
  g_assert_true (MFA_IS_WIDTH_LAYOUT (gtk_widget_get_layout_manager (column)));
  g_assert_false (MFA_IS_WIDTH_LAYOUT (gtk_widget_get_layout_manager (plain_column)));

  /* Without it: two lines' height needs a much wider column than any height. */
  measure (plain_column, GTK_ORIENTATION_VERTICAL, -1, &height, NULL);
  measure (plain_column, GTK_ORIENTATION_HORIZONTAL, -1, &any_min, &any_nat);
  measure (plain_column, GTK_ORIENTATION_HORIZONTAL, height, &low_min, &low_nat);
  g_assert_cmpint (low_min, >, 2 * any_min);

  /* With it: the same answer at every height. */
  measure (column, GTK_ORIENTATION_VERTICAL, -1, &height, NULL);
  measure (column, GTK_ORIENTATION_HORIZONTAL, -1, &any_min, &any_nat);
  /* Its narrowest is a few characters, not a line for each letter (which
   * GTK would lay the text out as to learn it). */
  measure (plain_column, GTK_ORIENTATION_HORIZONTAL, -1, &low_min, NULL);
  g_assert_cmpint (any_min, >, 3 * low_min);
  g_assert_cmpint (any_min, <, any_nat / 3);
  for (int h = height; h <= 4 * height; h += height)
    {
      measure (column, GTK_ORIENTATION_HORIZONTAL, h, &low_min, &low_nat);
      g_assert_cmpint (low_min, ==, any_min);
      g_assert_cmpint (low_nat, ==, any_nat);
    }

  /* Heights still follow the width: narrower, taller. */
  measure (column, GTK_ORIENTATION_VERTICAL, any_nat, &low_min, NULL);
  measure (column, GTK_ORIENTATION_VERTICAL, any_nat / 3, &height, NULL);
  g_assert_cmpint (height, >, low_min);

  /* Installed once, whatever the number of calls. */
  mfa_width_layout_install_in (installed);
  g_assert_true (gtk_widget_get_layout_manager (find_box_with_class (installed, "title")) ==
                 gtk_widget_get_layout_manager (column));

  g_object_unref (plain);
  g_object_unref (installed);
}

typedef struct {
  GtkWidget *window;
  GtkWidget *row;
} Shown;

static Shown
show_row (gboolean installed,
          int      width)
{
  Shown shown;
  GtkWidget *list = gtk_list_box_new ();

  shown.window = gtk_window_new ();
  shown.row = new_row (installed);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), shown.row);
  gtk_window_set_child (GTK_WINDOW (shown.window), list);
  gtk_window_set_default_size (GTK_WINDOW (shown.window), width, 100);
  gtk_window_present (GTK_WINDOW (shown.window));

  return shown;
}

static void
wait_for_width (GtkWidget *widget,
                int        width)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_widget_get_width (widget) != width)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      mfa_test_iterate (10);
    }
  mfa_test_iterate (50);
}

static void
assert_same_box (GtkWidget *a,
                 GtkWidget *a_root,
                 GtkWidget *b,
                 GtkWidget *b_root)
{
  graphene_rect_t in_a, in_b;

  g_assert_true (gtk_widget_compute_bounds (a, a_root, &in_a));
  g_assert_true (gtk_widget_compute_bounds (b, b_root, &in_b));
  g_assert_cmpfloat_with_epsilon (in_a.origin.x, in_b.origin.x, 0.5);
  g_assert_cmpfloat_with_epsilon (in_a.origin.y, in_b.origin.y, 0.5);
  g_assert_cmpfloat_with_epsilon (in_a.size.width, in_b.size.width, 0.5);
  g_assert_cmpfloat_with_epsilon (in_a.size.height, in_b.size.height, 0.5);
}

/* Shown wide, a row looks the same with the layout as without: the same
 * places for its title, subtitle and button. Where the width is short,
 * GTK would look for the lowest row (here: the button's label on two
 * lines, the text on one); the layout gives the button its natural width
 * first and the text what is left. Either way nothing is cut.
 */
static void
test_same_layout (void)
{
  static const int widths[] = { 1000, 600, 360 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      Shown plain = show_row (FALSE, widths[i]);
      Shown installed = show_row (TRUE, widths[i]);
      const char *texts[] = { LONG_TITLE, LONG_SUBTITLE, "_Use for Sign-In Codes" };

      wait_for_width (plain.window, widths[i]);
      wait_for_width (installed.window, widths[i]);
      g_test_message ("%d px: row %d px high", widths[i], gtk_widget_get_height (installed.row));

      mfa_test_assert_nothing_cut (plain.window);
      mfa_test_assert_nothing_cut (installed.window);
      if (widths[i] < 1000)
        {
          gtk_window_destroy (GTK_WINDOW (plain.window));
          gtk_window_destroy (GTK_WINDOW (installed.window));
          continue;
        }

      g_assert_cmpint (gtk_widget_get_height (installed.row), ==, gtk_widget_get_height (plain.row));
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          GtkWidget *a = mfa_test_find_widget (plain.row, GTK_TYPE_LABEL, texts[t]);
          GtkWidget *b = mfa_test_find_widget (installed.row, GTK_TYPE_LABEL, texts[t]);

          g_assert_nonnull (a);
          g_assert_nonnull (b);
          assert_same_box (a, plain.row, b, installed.row);
        }

      gtk_window_destroy (GTK_WINDOW (plain.window));
      gtk_window_destroy (GTK_WINDOW (installed.window));
    }
}

/* A status page's column, and the box that centres it. */
static void
test_status_page (void)
{
  GtkWidget *page = g_object_ref_sink (adw_status_page_new ());
  guint installed = 0;

  adw_status_page_set_title (ADW_STATUS_PAGE (page), LONG_TITLE);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), LONG_SUBTITLE);
  mfa_width_layout_install_in (page);

  for (GtkWidget *w = gtk_widget_get_first_child (page); w != NULL; w = gtk_widget_get_first_child (w))
    if (MFA_IS_WIDTH_LAYOUT (gtk_widget_get_layout_manager (w)))
      installed++;
  g_assert_cmpuint (installed, ==, 2);

  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mfa/width-layout/width-for-any-height", test_width_for_any_height);
  g_test_add_func ("/mfa/width-layout/same-layout", test_same_layout);
  g_test_add_func ("/mfa/width-layout/status-page", test_status_page);

  return g_test_run ();
}
