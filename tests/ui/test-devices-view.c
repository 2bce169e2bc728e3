/* test-devices-view.c
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

#define G_LOG_DOMAIN "test-devices-view"

#include "config.h"

#include "mfa-compat.h"
#include "mfa-devices-view.h"
#include "mfa-password-view.h"
#include "mfa-step-up-dialog.h"
#include "mfa-step-up-interaction.h"
#include "mfa-ui-test-utils.h"

/* The Devices and Password pages, real widgets under Xvfb against
 * mfa-fapi-server: another device is another client that signed in with
 * a browser's User-Agent.
 */

#define ANN "ann@example.com"
#define ANN_PASSWORD "Ann's old password 1"
#define FIREFOX_WINDOWS "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"

typedef struct {
  MfaTestServer *server;
  MfaAccount    *account;
  TestClient    *browser;
  GtkWindow     *window;
  GtkWidget     *view;
  GPtrArray     *toasts;
} Fixture;

static void
setup (Fixture       *f,
       GType          view_type,
       MfaClock      *clock,
       gboolean       step_up)
{
  g_autoptr(MfaInteraction) interaction = NULL;
  GtkWidget *overlay;
  g_autofree char *id = NULL;
  MfaTestUser user = { .identifier = ANN, .password = ANN_PASSWORD };

  /* With @step_up, changes need a confirmation of the last ten minutes;
   * else none is asked for. */
  if (step_up)
    f->server = mfa_test_server_new ("--dev-routes", "--reverification", "on",
                                     "--reverification-window", "600",
                                     "--rate-limits", "off", NULL);
  else
    f->server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                     "--rate-limits", "off", NULL);
  id = mfa_test_add_user (f->server, &user, NULL);
  f->browser = test_client_new (f->server);
  g_object_set (f->browser->session, "user-agent", FIREFOX_WINDOWS, NULL);
  test_client_sign_in (f->browser, ANN, ANN_PASSWORD);
  if (clock != NULL)
    mfa_clock_set_now_us (clock, dev_clock_now (f->server) * 1000);
  f->account = mfa_test_signed_in_account (f->server, ANN, ANN_PASSWORD, clock);

  f->view = g_object_new (view_type, "account", f->account, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->view);
  f->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  mfa_test_record_toasts (ADW_TOAST_OVERLAY (overlay), f->toasts);
  gtk_window_set_child (f->window, overlay);
  mfa_test_present_active (f->window);

  /* Step-up as the app answers it: the dialog over this window. */
  interaction = mfa_step_up_interaction_new (f->window, clock);
  mfa_client_set_interaction (mfa_account_get_client (f->account), interaction);
}

static void
teardown (Fixture *f)
{
  g_object_ref (f->view);
  g_object_ref (f->window);
  gtk_window_destroy (f->window);
  mfa_test_wait_until (G_OBJECT (f->window)->ref_count == 1);
  g_assert_finalize_object (f->window);
  mfa_test_wait_until (G_OBJECT (f->view)->ref_count == 1);
  g_assert_finalize_object (f->view);

  mfa_test_finalize_account (f->account);
  test_client_free (f->browser);
  mfa_test_server_free (f->server);
  g_ptr_array_unref (f->toasts);
}

static guint
count_rows (GtkWidget *root)
{
  guint n = ADW_IS_ACTION_ROW (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

/* This device first, marked; the browser with its name; its Sign Out
 * asks first, then the row goes and its session ends. */
static void
test_devices (void)
{
  Fixture f = { 0 };
  g_autoptr(Reply) reply = NULL;
  AdwPreferencesRow *row;
  GtkWidget *alert;

  setup (&f, MFA_TYPE_DEVICES_VIEW, NULL, FALSE);
  mfa_devices_view_reload (MFA_DEVICES_VIEW (f.view));
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (f.view), "list") == 0);
  mfa_test_wait_until (count_rows (f.view) == 2);

  row = mfa_test_find_row (f.view, "This Device");
  g_assert_nonnull (row);
  g_assert_nonnull (mfa_test_find_label_containing (GTK_WIDGET (row), "Current", FALSE));
  row = mfa_test_find_row (f.view, "Firefox 121.0 on Windows");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "active"));

  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row), "_Sign Out…"));
  alert = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_test_alert_heading (alert), ==, "Sign Out Firefox 121.0 on Windows?");
  mfa_test_answer_alert (alert, "sign-out");
  mfa_test_wait_until (count_rows (f.view) == 1);
  mfa_test_wait_until (f.toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (f.toasts, 0)), ==,
                   "Firefox 121.0 on Windows is signed out");
  g_assert_false (gtk_widget_get_sensitive (mfa_test_find_button (f.view, "Sign Out _All Other Devices…")));

  reply = test_call (f.browser, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 401);

  teardown (&f);
}

/* Sign Out All Other Devices asks first; then this device alone is
 * left, and the button has nothing more to do. */
static void
test_devices_all_others (void)
{
  Fixture f = { 0 };
  g_autoptr(Reply) reply = NULL;
  GtkWidget *button;
  GtkWidget *alert;

  setup (&f, MFA_TYPE_DEVICES_VIEW, NULL, FALSE);
  mfa_devices_view_reload (MFA_DEVICES_VIEW (f.view));
  mfa_test_wait_until (count_rows (f.view) == 2);

  button = mfa_test_find_labelled_button (f.view, "Sign Out _All Other Devices…");
  g_assert_true (gtk_widget_get_sensitive (button));
  mfa_test_click (button);
  alert = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_test_alert_heading (alert), ==, "Sign Out All Other Devices?");
  mfa_test_answer_alert (alert, "sign-out");

  mfa_test_wait_until (count_rows (f.view) == 1);
  mfa_test_wait_until (f.toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (f.toasts, 0)), ==,
                   "Every other device is signed out");
  g_assert_false (gtk_widget_get_sensitive (button));
  reply = test_call (f.browser, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 401);

  teardown (&f);
}

/* "active … ago" follows the account's clock while the page is shown. */
static void
test_devices_active_time (void)
{
  Fixture f = { 0 };
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  AdwPreferencesRow *row;

  mfa_clock_set_manual (clock, TRUE);
  setup (&f, MFA_TYPE_DEVICES_VIEW, clock, FALSE);
  mfa_devices_view_reload (MFA_DEVICES_VIEW (f.view));
  mfa_test_wait_until (count_rows (f.view) == 2);
  row = mfa_test_find_row (f.view, "Firefox 121.0 on Windows");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "active just now"));

  mfa_clock_advance_us (clock, 5 * 60 * G_USEC_PER_SEC);
  mfa_test_wait_until (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                               "active 5 minutes ago") != NULL);

  teardown (&f);
}

/* Past the confirmation's ten minutes, signing a device out asks who it
 * is first, then goes on. */
static void
test_devices_step_up (void)
{
  Fixture f = { 0 };
  MfaStepUpDialog *dialog;
  AdwPreferencesRow *row;
  AdwPreferencesRow *password_row;
  GtkWidget *alert;

  setup (&f, MFA_TYPE_DEVICES_VIEW, NULL, TRUE);
  mfa_devices_view_reload (MFA_DEVICES_VIEW (f.view));
  mfa_test_wait_until (count_rows (f.view) == 2);
  mfa_test_dev (f.server, "POST", "/__dev/clock", "{\"advance_ms\": 660000}");

  row = mfa_test_find_row (f.view, "Firefox 121.0 on Windows");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row), "_Sign Out…"));
  alert = mfa_test_wait_for_alert ();
  mfa_test_answer_alert (alert, "sign-out");

  mfa_test_wait_until ((dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL);
  mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (dialog), "password") == 0);
  password_row = mfa_test_find_row (GTK_WIDGET (dialog), "_Password");
  gtk_editable_set_text (GTK_EDITABLE (password_row), ANN_PASSWORD);
  g_signal_emit_by_name (password_row, "entry-activated");

  mfa_test_wait_until (count_rows (f.view) == 1);
  mfa_test_wait_until (f.toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (f.toasts, 0)), ==,
                   "Firefox 121.0 on Windows is signed out");

  teardown (&f);
}

/* Offline, the account shows its snapshot: no device can be listed and
 * the page says why; the password cannot be changed either. */
static void
test_offline (void)
{
  g_autoptr(MfaTestServer) server = NULL;
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaAccount) account = NULL;
  g_autofree char *id = NULL;
  MfaTestUser user = { .identifier = ANN, .password = ANN_PASSWORD, .backup_codes = TRUE,
                       .phones = { { "+12015550171", MFA_TEST_PHONE_DEFAULT } } };
  GtkWidget *devices;
  GtkWidget *password;
  GtkWidget *box;
  GtkWindow *window;

  mfa_clock_set_manual (clock, TRUE);
  server = mfa_test_server_new ("--dev-routes", "--reverification", "off", "--rate-limits", "off", NULL);
  id = mfa_test_add_user (server, &user, NULL);
  account = mfa_test_started_account (server, ANN, ANN_PASSWORD, clock);
  /* A snapshot to show, once saved. */
  mfa_test_wait_until (mfa_account_get_saving (account) == FALSE);
  mfa_test_iterate (200);

  mfa_test_add_fault (server, "{\"path\": \"/v1/*\", \"kind\": \"drop\"}");
  mfa_client_refresh_async (mfa_account_get_client (account), NULL, mfa_test_result_cb, &result);
  mfa_client_refresh_finish (mfa_account_get_client (account), mfa_test_wait (&result), NULL);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_OFFLINE);

  devices = g_object_new (MFA_TYPE_DEVICES_VIEW, "account", account, NULL);
  password = g_object_new (MFA_TYPE_PASSWORD_VIEW, "account", account, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), devices);
  gtk_box_append (GTK_BOX (box), password);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, box);
  mfa_test_present_active (window);

  mfa_devices_view_reload (MFA_DEVICES_VIEW (devices));
  g_assert_cmpstr (mfa_test_page_name (devices), ==, "error");
  g_assert_nonnull (mfa_test_find_label_containing (devices, "Not available offline", FALSE));
  mfa_password_view_start (MFA_PASSWORD_VIEW (password));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (mfa_test_find_row (password, "C_urrent Password"))));

  gtk_window_destroy (window);
  mfa_test_iterate (100);
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
  g_clear_object (&account);
}

/* A list that cannot be had is an error page with Retry. */
static void
test_devices_failure (void)
{
  Fixture f = { 0 };

  setup (&f, MFA_TYPE_DEVICES_VIEW, NULL, FALSE);
  mfa_test_add_fault (f.server, "{\"path\":\"/v1/me/sessions/active\",\"kind\":\"status\",\"status\":500,\"times\":1}");
  mfa_devices_view_reload (MFA_DEVICES_VIEW (f.view));
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (f.view), "error") == 0);
  mfa_test_click (mfa_test_find_button (f.view, "_Retry"));
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (f.view), "list") == 0);
  g_assert_cmpuint (count_rows (f.view), ==, 2);

  teardown (&f);
}

static void
type_into (GtkWidget  *view,
           const char *row_title,
           const char *text)
{
  AdwPreferencesRow *row = mfa_test_find_row (view, row_title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The rules said before anything is sent; a wrong current password on
 * its field; then changed, the browser signed out. */
static void
test_password (void)
{
  Fixture f = { 0 };
  g_autoptr(Reply) reply = NULL;
  MfaPasswordChange *change;
  GtkWidget *submit;

  setup (&f, MFA_TYPE_PASSWORD_VIEW, NULL, FALSE);
  mfa_password_view_start (MFA_PASSWORD_VIEW (f.view));
  change = mfa_password_view_get_change (MFA_PASSWORD_VIEW (f.view));
  submit = mfa_test_find_labelled_button (f.view, "_Change Password");
  g_assert_nonnull (submit);
  g_assert_false (gtk_widget_get_sensitive (submit));
  g_assert_nonnull (mfa_test_find_label_containing (f.view, "Use at least 8 characters", FALSE));

  type_into (f.view, "_New Password", "short");
  g_assert_nonnull (mfa_test_find_label_containing (f.view, "Still needed: at least 8 characters", FALSE));
  type_into (f.view, "_New Password", "A new long password 2");
  type_into (f.view, "_Type It Again", "A new long password 3");
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (
    mfa_test_find_label_containing (f.view, "The two new passwords are not the same.", FALSE))));
  type_into (f.view, "_Type It Again", "A new long password 2");
  type_into (f.view, "C_urrent Password", "not it");
  g_assert_true (gtk_widget_get_sensitive (submit));

  mfa_test_click (submit);
  mfa_test_wait_until (mfa_password_change_get_message (change) != NULL);
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (
    mfa_test_find_label_containing (f.view, "The password is not right.", FALSE))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (mfa_test_find_row (f.view, "C_urrent Password")),
                                           "error"));

  type_into (f.view, "C_urrent Password", ANN_PASSWORD);
  mfa_test_click (submit);
  mfa_test_wait_until (mfa_password_change_get_done (change));
  mfa_test_wait_until (f.toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (f.toasts, 0)), ==, "Password changed");

  reply = test_call (f.browser, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 401);

  teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  mfa_test_load_app_style ();

  g_test_add_func ("/mfa/devices-view/devices", test_devices);
  g_test_add_func ("/mfa/devices-view/devices-failure", test_devices_failure);
  g_test_add_func ("/mfa/devices-view/all-others", test_devices_all_others);
  g_test_add_func ("/mfa/devices-view/active-time", test_devices_active_time);
  g_test_add_func ("/mfa/devices-view/step-up", test_devices_step_up);
  g_test_add_func ("/mfa/devices-view/offline", test_offline);
  g_test_add_func ("/mfa/devices-view/password", test_password);

  return g_test_run ();
}
