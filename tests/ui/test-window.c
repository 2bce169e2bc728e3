/* test-window.c
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
#include <string.h>

#include "mfa-account-view.h"
#include "mfa-code-entry.h"
#include "mfa-compat.h"
#include "mfa-connect-page.h"
#include "mfa-instance.h"
#include "mfa-test-utils.h"
#include "mfa-ui-test-utils.h"
#include "mfa-window.h"

#define WAIT_LIMIT_US (20 * G_USEC_PER_SEC)

static void
wait_for_page (MfaWindow  *window,
               const char *name)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (g_strcmp0 (mfa_window_get_page_name (window), name) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "frontend-api");
  g_settings_reset (settings, "publishable-key");
}

/* Destroys the window and checks that it and the pages it held are gone. */
static void
destroy_window (MfaWindow *window)
{
  /* Pages are made when first shown: those made must go with the window. */
  GtkWidget *pages[] = {
    mfa_test_window_page (window, "connecting"),
    mfa_test_window_page (window, "unreachable"),
    mfa_test_window_page (window, "connect"),
    mfa_test_window_page (window, "sign-in"),
    mfa_test_window_page (window, "manage"),
  };
  gpointer watched[G_N_ELEMENTS (pages)];
  gint64 deadline;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      watched[i] = pages[i];
      if (pages[i] != NULL)
        g_object_add_weak_pointer (G_OBJECT (pages[i]), &watched[i]);
    }

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A request cancelled by the destruction still holds the window until
   * its callback has run; let it, then ours must be the last reference.
   */
  deadline = g_get_monotonic_time () + WAIT_LIMIT_US;
  while (G_OBJECT (window)->ref_count > 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_finalize_object (window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_null (watched[i]);
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwEntryRow *
find_entry_row (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget))
    return ADW_ENTRY_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
type_key (MfaWindow  *window,
          const char *key)
{
  GtkWidget *page = mfa_test_window_page (window, "connect");
  AdwEntryRow *row = find_entry_row (page);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), key);
  /* Enter in the entry, as a person would press it. */
  g_signal_emit_by_name (row, "entry-activated");
}

static void
test_connect_page_flow (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *stored = NULL;
  g_autoptr(GError) expected = NULL;
  MfaWindow *window;
  MfaConnectPage *page;
  GtkWidget *menu_button;
  GtkWidget *retry;
  g_autofree char *no_url = NULL;

  reset_settings ();

  window = mfa_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* The main menu is built when first opened, and then opens. */
  menu_button = mfa_test_find_button_by_tooltip (GTK_WIDGET (window), "Main Menu");
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))));
  mfa_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)))));
  g_assert_nonnull (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)))));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  /* Nothing configured: the Connect page, and no other view made yet. */
  g_assert_cmpstr (mfa_window_get_page_name (window), ==, "connect");
  g_assert_null (mfa_test_window_page (window, "sign-in"));
  g_assert_null (mfa_test_window_page (window, "manage"));
  page = MFA_CONNECT_PAGE (mfa_test_window_page (window, "connect"));
  g_assert_null (mfa_connect_page_get_error (page));

  /* A malformed key: the decoder's own message, inline, and nothing sent. */
  no_url = mfa_instance_decode_publishable_key ("sk_live_Y2xlcmsuZXhhbXBsZS5jb20k", &expected);
  g_assert_null (no_url);
  type_key (window, "sk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
  g_assert_cmpstr (mfa_window_get_page_name (window), ==, "connect");
  g_assert_cmpstr (mfa_connect_page_get_error (page), ==, expected->message);
  g_assert_null (mfa_window_get_frontend_api (window));
  stored = g_settings_get_string (settings, "publishable-key");
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  /* Every other malformed kind gets a message too. */
  type_key (window, "pk_test_bG9jYWxob3N0JA");
  g_assert_nonnull (mfa_connect_page_get_error (page));
  type_key (window, "");
  g_assert_nonnull (mfa_connect_page_get_error (page));

  /* A valid key for a host under .test, which never resolves. */
  type_key (window, "pk_test_dW5yZWFjaGFibGUudGVzdCQ");
  g_assert_null (mfa_connect_page_get_error (page));
  g_assert_cmpstr (mfa_window_get_frontend_api (window), ==, "https://unreachable.test");

  /* Remembered, since it was chosen on the Connect page. */
  stored = g_settings_get_string (settings, "publishable-key");
  g_assert_cmpstr (stored, ==, "pk_test_dW5yZWFjaGFibGUudGVzdCQ");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "frontend-api");
  g_assert_cmpstr (stored, ==, "https://unreachable.test");
  g_clear_pointer (&stored, g_free);

  wait_for_page (window, "unreachable");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (mfa_test_window_page (window, "unreachable"))),
                   ==, "Cannot Reach unreachable.test");

  /* Retry tries again and ends in the same place. */
  retry = find_button_with_label (mfa_test_window_page (window, "unreachable"), "_Retry");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_cmpstr (mfa_window_get_page_name (window), ==, "connecting");
  wait_for_page (window, "unreachable");

  /* "Use a Different Key" goes back with the key still there. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.change-service", NULL);
  g_assert_cmpstr (mfa_window_get_page_name (window), ==, "connect");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (page)))),
                   ==, "pk_test_dW5yZWFjaGFibGUudGVzdCQ");

  destroy_window (window);
}

static void
test_remembered_service (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MfaWindow *window;

  reset_settings ();
  g_settings_set_string (settings, "frontend-api", "https://remembered.test");

  /* A remembered service is used straight away, without the Connect
   * page, which is not even made until asked for. */
  window = mfa_window_new (NULL, NULL);
  g_assert_cmpstr (mfa_window_get_frontend_api (window), ==, "https://remembered.test");
  g_assert_cmpstr (mfa_window_get_page_name (window), ==, "connecting");
  g_assert_null (mfa_test_window_page (window, "connect"));
  wait_for_page (window, "unreachable");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.change-service", NULL);
  g_assert_cmpstr (mfa_window_get_page_name (window), ==, "connect");
  g_assert_true (gtk_widget_get_child_visible (mfa_test_window_page (window, "connect")));

  destroy_window (window);
  reset_settings ();
}

static void
test_command_line_not_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *stored = NULL;
  MfaWindow *window;

  reset_settings ();

  window = mfa_window_new (NULL, "https://given-on-command-line.test");
  g_assert_cmpstr (mfa_window_get_frontend_api (window), ==, "https://given-on-command-line.test");
  wait_for_page (window, "unreachable");

  stored = g_settings_get_string (settings, "frontend-api");
  g_assert_cmpstr (stored, ==, "");

  destroy_window (window);
}

static void
test_close_while_connecting (void)
{
  MfaWindow *window;

  reset_settings ();

  /* Closed with the request in flight: the callback must not touch it. */
  window = mfa_window_new (NULL, "https://closed-early.test");
  g_assert_cmpstr (mfa_window_get_page_name (window), ==, "connecting");
  destroy_window (window);

  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static const char *
unreachable_text (MfaWindow *window,
                  gboolean   title)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (mfa_test_window_page (window, "unreachable"));

  return title ? adw_status_page_get_title (page) : adw_status_page_get_description (page);
}

/* Instances as they are configured: each gets its own answer. */
static void
test_instance_configurations (void)
{
  g_autoptr(MfaTestServer) server = NULL;
  MfaWindow *window;
  GtkWidget *sign_in;

  reset_settings ();

  /* The Native API switched off: said exactly, with what to do. */
  server = mfa_test_server_new ("--dev-routes", "--native-api", "off", NULL);
  window = mfa_window_new (NULL, mfa_test_server_get_base_url (server));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "unreachable");
  g_assert_true (g_str_has_prefix (unreachable_text (window, TRUE), "Cannot Use "));
  g_assert_nonnull (strstr (unreachable_text (window, FALSE), "Native API"));
  g_assert_nonnull (strstr (unreachable_text (window, FALSE), "Clerk Dashboard"));
  destroy_window (window);

  /* A server that answers, but not as a Clerk Frontend API. */
  mfa_test_dev (server, "POST", "/__dev/settings", "{\"native_api\": true}");
  mfa_test_add_fault (server, "{\"path\": \"/v1/environment\", \"kind\": \"malformed\"}");
  window = mfa_window_new (NULL, mfa_test_server_get_base_url (server));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "unreachable");
  g_assert_nonnull (strstr (unreachable_text (window, FALSE), "not as a Clerk Frontend API"));
  destroy_window (window);

  /* Sign-in with a password switched off: the app says it needs it. */
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
  mfa_test_dev (server, "POST", "/__dev/settings", "{\"password\": false}");
  window = mfa_window_new (NULL, mfa_test_server_get_base_url (server));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "sign-in");
  sign_in = mfa_test_window_page (window, "sign-in");
  g_assert_nonnull (mfa_test_find_label_containing (sign_in, "with a password, which this app needs",
                                                    TRUE));
  destroy_window (window);
  g_clear_pointer (&server, mfa_test_server_free);

  /* A Frontend API served through a proxy: every request goes under its
   * path, and nothing outside it is asked.
   */
  server = mfa_test_server_new ("--dev-routes", "--path-prefix", "/__clerk", NULL);
  g_assert_true (g_str_has_suffix (mfa_test_server_get_base_url (server), "/__clerk"));
  window = mfa_window_new (NULL, mfa_test_server_get_base_url (server));
  g_assert_cmpstr (mfa_window_get_frontend_api (window), ==, mfa_test_server_get_base_url (server));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "sign-in");
  g_assert_cmpuint (mfa_test_count_requests (server, "GET /v1/environment"), ==, 1);
  destroy_window (window);
}

static const MfaTestUser narrow_user = {
  .identifier = "ann@example.com",
  .password   = "correct horse battery",
  .phones = {
    { "+12015550123", MFA_TEST_PHONE_DEFAULT },
    { "+12015550124", MFA_TEST_PHONE_VERIFIED },
  },
};

/* A window of @width px, signed in as narrow_user (from the keyring when
 * an earlier window signed in), its numbers shown.
 */
static MfaWindow *
open_numbers (MfaTestServer *server,
              int            width)
{
  MfaWindow *window = mfa_window_new (NULL, mfa_test_server_get_base_url (server));
  g_autofree char *code = NULL;
  GtkWidget *view;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  gtk_window_present (GTK_WINDOW (window));
  mfa_test_wait_until (g_strcmp0 (mfa_window_get_page_name (window), "sign-in") == 0 ||
                       g_strcmp0 (mfa_window_get_page_name (window), "manage") == 0);

  if (g_strcmp0 (mfa_window_get_page_name (window), "sign-in") == 0)
    {
      MfaCodeEntry *code_entry;
      int position = 0;

      view = mfa_test_window_page (window, "sign-in");
      gtk_editable_set_text (GTK_EDITABLE (mfa_test_find_row (view, "_Email, Phone or Username")),
                             narrow_user.identifier);
      gtk_editable_set_text (GTK_EDITABLE (mfa_test_find_row (view, "_Password")),
                             narrow_user.password);
      g_signal_emit_by_name (mfa_test_find_row (view, "_Password"), "entry-activated");
      code_entry = MFA_CODE_ENTRY (mfa_test_find_widget (view, MFA_TYPE_CODE_ENTRY, NULL));
      mfa_test_wait_until ((code = mfa_test_server_last_sms_code (server, "+12015550123")) != NULL);
      mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (code_entry)));
      gtk_editable_insert_text (mfa_code_entry_get_editable (code_entry), code, -1, &position);
    }

  wait_for_page (window, "manage");
  view = mfa_test_window_page (window, "manage");
  mfa_test_wait_until (mfa_test_find_phone_row (view, "+12015550124") != NULL);
  mfa_test_wait_for_layout (GTK_WIDGET (window));

  return window;
}

static gboolean
window_is_narrow (MfaWindow *window)
{
  GtkWidget *account_view = mfa_test_find_widget (GTK_WIDGET (window), MFA_TYPE_ACCOUNT_VIEW, NULL);
  gboolean narrow;

  g_object_get (account_view, "narrow", &narrow, NULL);
  return narrow;
}

/* The label of the row's "Use for Sign-In Codes". */
static GtkLabel *
use_button_label (MfaWindow *window)
{
  GtkWidget *view = mfa_test_window_page (window, "manage");
  MfaPhoneRow *row = mfa_test_find_phone_row (view, "+12015550124");
  GtkWidget *button = mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes");

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (button))));
  return GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));
}

/* The narrow layout. Where libadwaita has breakpoints, a window 360 px
 * wide tells its pages that it is narrow, and a row's button may then
 * wrap its label; at 1000 px it may not. Without breakpoints nothing
 * tells them, and the label may wrap at any width, on one line while it
 * fits.
 */
static void
test_narrow (void)
{
  g_autoptr(MfaTestServer) server = NULL;
  g_autofree char *id = NULL;
  MfaWindow *window;
  gboolean breakpoints = mfa_breakpoints_available ();

  reset_settings ();
  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);
  id = mfa_test_add_user (server, &narrow_user, NULL);
  g_assert_nonnull (id);

  window = open_numbers (server, 360);
  if (breakpoints)
    {
      mfa_test_wait_until (window_is_narrow (window));
      g_assert_true (gtk_label_get_wrap (use_button_label (window)));
    }
  else
    {
      g_test_message ("libadwaita %u.%u has no breakpoints: the label may always wrap",
                      adw_get_major_version (), adw_get_minor_version ());
      g_assert_false (window_is_narrow (window));
      g_assert_true (gtk_label_get_wrap (use_button_label (window)));
    }
  mfa_test_assert_nothing_cut (GTK_WIDGET (window));
  destroy_window (window);

  window = open_numbers (server, 1000);
  g_assert_false (window_is_narrow (window));
  g_assert_true (gtk_label_get_wrap (use_button_label (window)) == !breakpoints);
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (use_button_label (window))), ==, 1);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mfa/window/connect-page", test_connect_page_flow);
  g_test_add_func ("/mfa/window/remembered-service", test_remembered_service);
  g_test_add_func ("/mfa/window/command-line-not-remembered", test_command_line_not_remembered);
  g_test_add_func ("/mfa/window/close-while-connecting", test_close_while_connecting);
  g_test_add_func ("/mfa/window/instance-configurations", test_instance_configurations);
  g_test_add_func ("/mfa/window/narrow", test_narrow);

  return g_test_run ();
}
