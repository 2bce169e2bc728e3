/* test-second-launch.c
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

/* The app started a second time, with --frontend-api, while it runs:
 * this process is the running instance (registered on a session bus of
 * its own), the real mfa-manager binary the second start. The second
 * start hands the service over and says so; the running one asks
 * before it switches, and switches only when told to.
 */

#include "config.h"

#include <string.h>

#include "mfa-application.h"
#include "mfa-ui-test-utils.h"
#include "mfa-window.h"

/* Starts the app with --frontend-api @url and waits for it to end,
 * serving this instance's bus meanwhile: what it printed. */
static char *
start_again (const char *url)
{
  const char *binary = g_getenv ("MFA_APP_BINARY");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  g_assert_nonnull (binary);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              binary, "--frontend-api", url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, mfa_test_result_cb, &result);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, mfa_test_wait (&result),
                                                       &output, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return output;
}

static void
test_second_launch (void)
{
  g_autoptr(MfaTestServer) first = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(MfaTestServer) second = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(MfaApplication) app = mfa_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *second_host = g_strdup_printf ("127.0.0.1:%u", mfa_test_server_get_port (second));
  g_autofree char *first_host = g_strdup_printf ("127.0.0.1:%u", mfa_test_server_get_port (first));
  g_autofree char *heading = g_strdup_printf ("Switch to %s?", second_host);
  g_autofree char *said = NULL;
  g_autofree char *said_again = NULL;
  g_autofree char *said_same = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *dialog;
  MfaWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));

  window = mfa_window_new (app, mfa_test_server_get_base_url (first));
  gtk_window_present (GTK_WINDOW (window));
  mfa_test_wait_until (g_strcmp0 (mfa_window_get_page_name (window), "sign-in") == 0);

  /* The second start says where its service went, and ends. */
  said = start_again (mfa_test_server_get_base_url (second));
  expected = g_strdup_printf ("MFA Manager is already running: it asks there whether to switch to %s.",
                              second_host);
  g_assert_nonnull (strstr (said, expected));

  /* Asked, with what is shown now; staying changes nothing. */
  dialog = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_alert_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (mfa_alert_get_body (dialog), first_host));
  g_assert_cmpstr (mfa_alert_get_close_response (dialog), ==, "stay");
  g_assert_true (mfa_test_dialog_parent (dialog) == GTK_WINDOW (window));
  mfa_test_click (mfa_test_find_button (dialog, "_Stay"));
  mfa_test_wait_until (mfa_test_find_alert () == NULL);
  g_assert_cmpstr (mfa_window_get_frontend_api (window), ==, mfa_test_server_get_base_url (first));

  /* Asked again; switching shows the other service. */
  said_again = start_again (mfa_test_server_get_base_url (second));
  g_assert_nonnull (strstr (said_again, expected));
  dialog = mfa_test_wait_for_alert ();
  mfa_test_click (mfa_test_find_button (dialog, "_Switch"));
  mfa_test_wait_until (mfa_test_find_alert () == NULL);
  mfa_test_wait_until (g_strcmp0 (mfa_window_get_frontend_api (window),
                                  mfa_test_server_get_base_url (second)) == 0);
  mfa_test_wait_until (mfa_test_count_requests (second, "GET /v1/environment") > 0);

  /* The service already shown: nothing to ask. */
  said_same = start_again (mfa_test_server_get_base_url (second));
  g_assert_nonnull (strstr (said_same, "already running"));
  mfa_test_iterate (300);
  g_assert_null (mfa_test_find_alert ());
  g_assert_cmpstr (mfa_window_get_frontend_api (window), ==, mfa_test_server_get_base_url (second));

  gtk_window_destroy (GTK_WINDOW (window));
  mfa_test_iterate (100);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mfa/second-launch/asks-then-switches", test_second_launch);

  return g_test_run ();
}
