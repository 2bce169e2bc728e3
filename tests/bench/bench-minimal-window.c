/* bench-minimal-window.c
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

/* The reference the app's start-up is measured against: the smallest
 * libadwaita window that shows a header bar and one boxed list. It quits
 * after its first frame, as bench-app (the app plus its probe) does under
 * MFA_MANAGER_EXIT_AFTER_FIRST_FRAME.
 */

#include "config.h"

#include <adwaita.h>

#include "mfa-bench-flow.h"

/* With MFA_BENCH_REFERENCE_ROWS=N the list has N rows of a number and a
 * line under it, in a scrolled window; with MFA_MANAGER_BENCH_FLOW=scroll
 * as well, it is scrolled to its end after the first frame, as the app's
 * list is, and the main loop's stalls are printed (mfa-bench-flow.c).
 */

static MfaBenchFlow *flow;

static void
quit_cb (gpointer user_data)
{
  mfa_bench_flow_set_phase (flow, "done");
  mfa_bench_flow_print (flow);
  g_application_quit (G_APPLICATION (user_data));
}

static void
after_paint_cb (GdkFrameClock  *clock,
                GtkApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (app);
  GtkWidget *scrolled = g_object_get_data (G_OBJECT (window), "scrolled");

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  if (scrolled != NULL && g_strcmp0 (g_getenv ("MFA_MANAGER_BENCH_FLOW"), "scroll") == 0)
    {
      flow = mfa_bench_flow_start ();
      mfa_bench_flow_scroll (flow, GTK_SCROLLED_WINDOW (scrolled), quit_cb, app);
      return;
    }

  g_application_quit (G_APPLICATION (app));
}

static void
realize_cb (GtkWidget      *window,
            GtkApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *clamp = adw_clamp_new ();
  const char *rows = g_getenv ("MFA_BENCH_REFERENCE_ROWS");
  guint n_rows = rows != NULL ? (guint) g_ascii_strtoull (rows, NULL, 10) : 0;

  if (n_rows == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Row");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  for (guint i = 0; i < n_rows; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("+1 201-300-%04u", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "Verified");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  if (n_rows > 0)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_widget_set_vexpand (scrolled, TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
      gtk_box_append (GTK_BOX (box), scrolled);
      g_object_set_data (G_OBJECT (window), "scrolled", scrolled);
    }
  else
    gtk_box_append (GTK_BOX (box), clamp);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 640);

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("org.example.MfaManager.BenchReference", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
