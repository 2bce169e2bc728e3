/* mfa-startup-probe.c
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

#define G_LOG_DOMAIN "mfa-startup-probe"

#include "config.h"

#include "mfa-startup-probe.h"

/* For the start-up benchmarks: MFA_MANAGER_EXIT_AFTER_FIRST_FRAME=1 quits
 * after the window's first frame, MFA_MANAGER_EXIT_ON_PAGE=NAME once the
 * stack's page NAME is drawn. Nothing happens without them.
 */

static void
quit_after_paint_cb (GdkFrameClock *clock,
                     GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, quit_after_paint_cb, window);
  g_application_quit (g_application_get_default ());
}

static void
quit_after_next_paint (GtkWindow *window)
{
  if (g_application_get_default () == NULL)
    return;

  if (!gtk_widget_get_realized (GTK_WIDGET (window)))
    {
      g_signal_connect (window, "realize", G_CALLBACK (quit_after_next_paint), NULL);
      return;
    }

  g_signal_handlers_disconnect_by_func (window, quit_after_next_paint, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (quit_after_paint_cb), window, 0);
}

static void
page_changed_cb (GtkStack   *stack,
                 GParamSpec *pspec,
                 GtkWindow  *window)
{
  if (g_strcmp0 (g_getenv ("MFA_MANAGER_EXIT_ON_PAGE"),
                 gtk_stack_get_visible_child_name (stack)) == 0)
    quit_after_next_paint (window);
}

/**
 * mfa_startup_probe_attach:
 * @window: the main window
 * @stack: its pages
 *
 * Quits the application when the benchmark's moment has been drawn.
 */
void
mfa_startup_probe_attach (GtkWindow *window,
                          GtkStack  *stack)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (GTK_IS_STACK (stack));

  if (g_getenv ("MFA_MANAGER_EXIT_AFTER_FIRST_FRAME") != NULL)
    quit_after_next_paint (window);

  if (g_getenv ("MFA_MANAGER_EXIT_ON_PAGE") != NULL)
    g_signal_connect_object (stack, "notify::visible-child-name", G_CALLBACK (page_changed_cb),
                             window, 0);
}
