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
#include "mfa-account-view.h"
#include "mfa-bench-flow.h"
#include "mfa-manage-view.h"
#include "mfa-window.h"

#include <stdlib.h>

/* For the benchmarks, attached by bench-app to each main window; nothing
 * happens without their variables. It watches the window from outside:
 * the page shown through MfaWindow's functions, its changes through the
 * account view's page-name and the window's stack, both found in the
 * widget tree.
 *
 * - MFA_MANAGER_EXIT_AFTER_FIRST_FRAME=1 quits after the window's first
 *   frame, MFA_MANAGER_EXIT_ON_PAGE=NAME once the page NAME is drawn
 *   (with MFA_MANAGER_EXIT_SIGNED_IN=1: drawn from a live session, not
 *   from the snapshot shown while it is checked).
 * - MFA_MANAGER_BENCH_FLOW=manage: once the settings are drawn, measures
 *   the main loop's stalls (mfa-bench-flow.c) while the list is scrolled
 *   to its end, frame by frame, and the last number made the default;
 *   prints the figures on standard output and quits when the change is
 *   drawn.
 */

typedef struct
{
  MfaWindow    *window;
  MfaBenchFlow *measure;
} Flow;

static Flow *flow;

static void
print_flow (void)
{
  if (flow != NULL)
    mfa_bench_flow_print (flow->measure);
}

static void
quit_after_paint_cb (GdkFrameClock *clock,
                     GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, quit_after_paint_cb, window);
  print_flow ();
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
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

static GtkScrolledWindow *
find_scrolled_window (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled_window (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The numbers page, once made: the window's widgets say where. */
static GtkWidget *
find_manage_view (GtkWidget *widget)
{
  if (MFA_IS_MANAGE_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_manage_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
default_changed_cb (MfaPhoneNumber *phone)
{
  if (!mfa_phone_number_get_default (phone))
    return;

  g_signal_handlers_disconnect_by_func (phone, default_changed_cb, NULL);
  mfa_bench_flow_set_phase (flow->measure, "done");
  quit_after_next_paint (GTK_WINDOW (flow->window));
}

/* The last number kept for sign-in that is not the default yet. */
static void
make_default (gpointer user_data)
{
  MfaAccount *account = mfa_window_get_account (flow->window);
  GListModel *phones = mfa_user_get_phone_numbers (mfa_account_get_user (account));
  GtkWidget *manage = find_manage_view (GTK_WIDGET (flow->window));

  mfa_bench_flow_set_phase (flow->measure, "make-default");
  g_debug ("flow: make default");
  for (guint i = g_list_model_get_n_items (phones); i > 0; i--)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i - 1);

      if (mfa_phone_number_get_reserved (phone) && !mfa_phone_number_get_default (phone))
        {
          g_signal_connect (phone, "notify::default", G_CALLBACK (default_changed_cb), NULL);
          gtk_widget_activate_action (manage, "manage.make-default", "s",
                                      mfa_phone_number_get_id (phone));
          return;
        }
    }

  g_printerr ("bench-flow: no number to make the default\n");
  quit_after_next_paint (GTK_WINDOW (flow->window));
}

static void
start_flow (MfaWindow *window)
{
  GtkWidget *manage = find_manage_view (GTK_WIDGET (window));
  GtkScrolledWindow *scrolled = manage != NULL ? find_scrolled_window (manage) : NULL;

  if (flow != NULL)
    return;

  flow = g_new0 (Flow, 1);
  flow->window = window;
  flow->measure = mfa_bench_flow_start ();

  g_debug ("flow: start, %s", scrolled != NULL ? "scrolling" : "nothing to scroll");
  if (scrolled == NULL)
    make_default (NULL);
  else
    mfa_bench_flow_scroll (flow->measure, scrolled, make_default, NULL);
}

static void
flow_after_paint_cb (GdkFrameClock *clock,
                     MfaWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, flow_after_paint_cb, window);
  start_flow (window);
}

static void
page_changed_cb (GObject    *object,
                 GParamSpec *pspec,
                 MfaWindow  *window)
{
  const char *name = mfa_window_get_page_name (window);
  MfaAccount *account = mfa_window_get_account (window);
  gboolean live = account != NULL && mfa_account_get_state (account) == MFA_ACCOUNT_STATE_SIGNED_IN;

  if (g_strcmp0 (g_getenv ("MFA_MANAGER_EXIT_ON_PAGE"), name) == 0 &&
      (live || g_getenv ("MFA_MANAGER_EXIT_SIGNED_IN") == NULL))
    quit_after_next_paint (GTK_WINDOW (window));

  if (g_strcmp0 (g_getenv ("MFA_MANAGER_BENCH_FLOW"), "manage") == 0 &&
      g_strcmp0 (name, "manage") == 0 && live && flow == NULL &&
      gtk_widget_get_realized (GTK_WIDGET (window)))
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                             G_CALLBACK (flow_after_paint_cb), window, 0);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * mfa_startup_probe_attach:
 * @window: a main window, its template built
 *
 * Quits the application when the benchmark's moment has been drawn, or
 * runs the benchmark's flow.
 */
void
mfa_startup_probe_attach (MfaWindow *window)
{
  GtkWidget *account_view;
  GtkWidget *stack;

  g_return_if_fail (MFA_IS_WINDOW (window));

  if (g_getenv ("MFA_MANAGER_EXIT_AFTER_FIRST_FRAME") != NULL)
    quit_after_next_paint (GTK_WINDOW (window));

  if (g_getenv ("MFA_MANAGER_EXIT_ON_PAGE") == NULL && g_getenv ("MFA_MANAGER_BENCH_FLOW") == NULL)
    return;

  /* The account's pages, and the window's stack that holds them next to
   * the Connect page. */
  account_view = find_descendant (GTK_WIDGET (window), MFA_TYPE_ACCOUNT_VIEW);
  stack = account_view != NULL
          ? gtk_widget_get_ancestor (gtk_widget_get_parent (account_view), GTK_TYPE_STACK)
          : NULL;
  if (stack == NULL)
    {
      /* Without them the run would wait for a page it never hears of. */
      g_printerr ("bench-app: the window has no account view in a stack\n");
      exit (EXIT_FAILURE);
    }

  g_signal_connect_object (stack, "notify::visible-child-name", G_CALLBACK (page_changed_cb),
                           window, 0);
  g_signal_connect_object (account_view, "notify::page-name", G_CALLBACK (page_changed_cb),
                           window, 0);
}
