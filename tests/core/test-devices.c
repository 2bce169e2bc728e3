/* test-devices.c
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

#define G_LOG_DOMAIN "test-devices"

#include "config.h"

#include <string.h>

#include "mfa-client-error.h"
#include "mfa-devices.h"
#include "mfa-password-change.h"
#include "mfa-test-utils.h"

/* The devices signed in to the account and the password, against
 * mfa-fapi-server over loopback HTTP, without a display: other devices
 * are other clients that sign in with a browser's User-Agent.
 */

#define FIREFOX_WINDOWS "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"
#define SAFARI_IPHONE "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 " \
                      "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"

static MfaTestServer *server;

static TestClient *
other_device (const char *identifier,
              const char *password,
              const char *user_agent)
{
  TestClient *client = test_client_new (server);

  g_object_set (client->session, "user-agent", user_agent, NULL);
  test_client_sign_in (client, identifier, password);
  return client;
}

static void
make_user (const char *identifier,
           const char *password)
{
  MfaTestUser user = {
    .identifier = identifier,
    .password = password,
  };
  g_autofree char *id = mfa_test_add_user (server, &user, NULL);

  g_assert_true (g_str_has_prefix (id, "user_"));
}

static void
wait_loaded (MfaDevices *devices)
{
  mfa_test_wait_until (mfa_devices_get_state (devices) != MFA_DEVICES_STATE_LOADING);
  g_assert_cmpint (mfa_devices_get_state (devices), ==, MFA_DEVICES_STATE_LOADED);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     n_failed;
  GError   *error;
} Outcome;

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = mfa_devices_sign_out_finish (MFA_DEVICES (object), result, &outcome->n_failed,
                                             &outcome->error);
  outcome->done = TRUE;
}

static MfaDevice *
device_at (MfaDevices *devices,
           guint       position)
{
  g_autoptr(MfaDevice) device = g_list_model_get_item (mfa_devices_get_model (devices), position);

  return device;
}

/* Three devices, this app's first and marked, then the one used last;
 * one signed out, then all the others: their sessions end. */
static void
test_list_and_sign_out (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaDevices) devices = NULL;
  g_autoptr(TestClient) browser = NULL;
  g_autoptr(TestClient) phone = NULL;
  g_autoptr(Reply) reply = NULL;
  Outcome outcome = { 0 };
  MfaDevice *device;

  make_user ("devices@example.com", "a good long password");
  browser = other_device ("devices@example.com", "a good long password", FIREFOX_WINDOWS);
  dev_clock_advance (server, 60 * 1000);
  phone = other_device ("devices@example.com", "a good long password", SAFARI_IPHONE);
  dev_clock_advance (server, 5 * 60 * 1000);
  client = mfa_test_signed_in_client (server, "devices@example.com", "a good long password");

  devices = mfa_devices_new (client);
  g_assert_cmpint (mfa_devices_get_state (devices), ==, MFA_DEVICES_STATE_NONE);
  mfa_devices_load (devices);
  g_assert_cmpint (mfa_devices_get_state (devices), ==, MFA_DEVICES_STATE_LOADING);
  wait_loaded (devices);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_devices_get_model (devices)), ==, 3);
  g_assert_cmpuint (mfa_devices_get_n_others (devices), ==, 2);

  device = device_at (devices, 0);
  g_assert_true (mfa_device_get_current (device));
  g_assert_cmpstr (mfa_device_get_session_id (device), ==, mfa_client_get_session_id (client));

  /* The phone was used after the browser. */
  device = device_at (devices, 1);
  g_assert_false (mfa_device_get_current (device));
  g_assert_true (mfa_device_get_is_mobile (device));
  g_assert_cmpstr (mfa_device_get_browser_name (device), ==, "Safari");
  device = device_at (devices, 2);
  g_assert_false (mfa_device_get_is_mobile (device));
  g_assert_cmpstr (mfa_device_get_browser_name (device), ==, "Firefox");
  g_assert_nonnull (mfa_device_get_device_type (device));
  g_assert_cmpint (mfa_device_get_last_active_at (device_at (devices, 1)), >,
                   mfa_device_get_last_active_at (device));

  /* The browser goes: its session ends, the list says so. */
  mfa_devices_sign_out_async (devices, device, NULL, signed_out_cb, &outcome);
  g_assert_true (mfa_device_get_busy (device));
  g_assert_true (mfa_devices_get_busy (devices));
  mfa_test_wait_until (outcome.done);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_devices_get_model (devices)), ==, 2);
  g_assert_false (mfa_devices_get_busy (devices));
  reply = test_call (browser, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_clear_pointer (&reply, reply_free);

  /* Every other one: this device alone is left, and still works. */
  memset (&outcome, 0, sizeof outcome);
  mfa_devices_sign_out_async (devices, NULL, NULL, signed_out_cb, &outcome);
  mfa_test_wait_until (outcome.done);
  g_assert_true (outcome.ok);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_devices_get_model (devices)), ==, 1);
  g_assert_true (mfa_device_get_current (device_at (devices, 0)));
  reply = test_call (phone, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 401);

  mfa_devices_load (devices);
  wait_loaded (devices);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_devices_get_model (devices)), ==, 1);
}

/* Signing every other device out when one of them fails: the others go,
 * the one that failed stays, with its reason, and the count says so. */
static void
test_partial_failure (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaDevices) devices = NULL;
  g_autoptr(TestClient) browser = NULL;
  g_autoptr(TestClient) phone = NULL;
  Outcome outcome = { 0 };
  MfaDevice *left;

  make_user ("devices-partial@example.com", "a good long password");
  browser = other_device ("devices-partial@example.com", "a good long password", FIREFOX_WINDOWS);
  dev_clock_advance (server, 60 * 1000);
  phone = other_device ("devices-partial@example.com", "a good long password", SAFARI_IPHONE);
  client = mfa_test_signed_in_client (server, "devices-partial@example.com", "a good long password");
  devices = mfa_devices_new (client);
  mfa_devices_load (devices);
  wait_loaded (devices);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_devices_get_model (devices)), ==, 3);

  /* The first asked (the phone, used last) fails once. */
  mfa_test_add_fault (server, "{\"path\":\"/v1/me/sessions/*\",\"kind\":\"status\",\"status\":500,\"times\":1}");
  mfa_devices_sign_out_async (devices, NULL, NULL, signed_out_cb, &outcome);
  mfa_test_wait_until (outcome.done);
  g_assert_false (outcome.ok);
  g_assert_cmpuint (outcome.n_failed, ==, 1);
  g_assert_nonnull (outcome.error);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_devices_get_model (devices)), ==, 2);
  left = device_at (devices, 1);
  g_assert_true (mfa_device_get_is_mobile (left));
  g_assert_nonnull (mfa_device_get_message (left));
  g_assert_false (mfa_device_get_busy (left));
  g_clear_error (&outcome.error);
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
}

/* A failed load is a failure in words, never an empty list. */
static void
test_load_failure (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaDevices) devices = NULL;

  make_user ("devices-failure@example.com", "a good long password");
  client = mfa_test_signed_in_client (server, "devices-failure@example.com", "a good long password");
  mfa_test_add_fault (server, "{\"path\":\"/v1/me/sessions/active\",\"kind\":\"status\",\"status\":500}");

  devices = mfa_devices_new (client);
  mfa_devices_load (devices);
  mfa_test_wait_until (mfa_devices_get_state (devices) != MFA_DEVICES_STATE_LOADING);
  g_assert_cmpint (mfa_devices_get_state (devices), ==, MFA_DEVICES_STATE_FAILED);
  g_assert_nonnull (mfa_devices_get_message (devices));
  g_assert_nonnull (mfa_devices_get_error (devices));
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
}

static void
environment_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (mfa_client_get_environment_finish (MFA_CLIENT (object), result, NULL));
  *done = TRUE;
}

/* The rules said as the person types, refusals on their field, then the
 * change: this device stays signed in, another is signed out. */
static void
test_password (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaPasswordChange) change = NULL;
  g_autoptr(TestClient) browser = NULL;
  g_autoptr(TestClient) again = NULL;
  g_autoptr(Reply) reply = NULL;
  gboolean done = FALSE;

  mfa_test_dev (server, "POST", "/__dev/settings",
                "{\"password_settings\": {\"min_length\": 10, \"require_numbers\": true,"
                " \"require_uppercase\": true}}");
  make_user ("password@example.com", "Old password 1");
  browser = other_device ("password@example.com", "Old password 1", FIREFOX_WINDOWS);
  client = mfa_test_signed_in_client (server, "password@example.com", "Old password 1");
  mfa_client_get_environment_async (client, NULL, environment_cb, &done);
  mfa_test_wait_until (done);

  change = mfa_password_change_new (client);
  g_assert_true (mfa_password_change_get_sign_out_others (change));
  g_assert_cmpstr (mfa_password_change_get_requirements (change), ==,
                   "Use at least 10 characters, a capital letter, a digit.");
  mfa_password_change_set_new (change, "short");
  g_assert_cmpstr (mfa_password_change_get_requirements (change), ==,
                   "Still needed: at least 10 characters, a capital letter, a digit.");
  mfa_password_change_set_new (change, "Longer password 2");
  g_assert_null (mfa_password_change_get_requirements (change));
  mfa_password_change_set_confirmation (change, "Longer password 3");
  g_assert_true (mfa_password_change_get_mismatch (change));
  g_assert_false (mfa_password_change_get_can_submit (change));
  mfa_password_change_set_confirmation (change, "Longer password 2");
  g_assert_false (mfa_password_change_get_mismatch (change));
  g_assert_false (mfa_password_change_get_can_submit (change));

  /* The wrong current password: said on its field, nothing changed. */
  mfa_password_change_set_current (change, "not it");
  g_assert_true (mfa_password_change_get_can_submit (change));
  mfa_password_change_submit (change);
  g_assert_true (mfa_password_change_get_busy (change));
  mfa_test_wait_until (!mfa_password_change_get_busy (change));
  g_assert_cmpstr (mfa_password_change_get_message (change), ==, "The password is not right.");
  g_assert_cmpstr (mfa_password_change_get_invalid_field (change), ==, "current_password");
  g_assert_false (mfa_password_change_get_done (change));

  /* The right one: changed; this device stays, the browser goes. */
  mfa_password_change_set_current (change, "Old password 1");
  g_assert_null (mfa_password_change_get_message (change));
  mfa_password_change_submit (change);
  mfa_test_wait_until (!mfa_password_change_get_busy (change));
  g_assert_null (mfa_password_change_get_message (change));
  g_assert_true (mfa_password_change_get_done (change));

  reply = test_call (browser, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_clear_pointer (&reply, reply_free);

  /* This device is still signed in, with the same token. */
  {
    g_autofree char *token = g_strdup (mfa_client_get_token (client));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(MfaUser) user = NULL;
    g_autoptr(GError) error = NULL;

    mfa_client_get_me_async (client, NULL, mfa_test_result_cb, &result);
    user = mfa_client_get_me_finish (client, mfa_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (user);
    g_assert_cmpstr (mfa_client_get_token (client), ==, token);
  }

  again = test_client_new (server);
  test_client_sign_in (again, "password@example.com", "Longer password 2");

  mfa_test_dev (server, "POST", "/__dev/settings",
                "{\"password_settings\": {\"min_length\": 8, \"require_numbers\": false,"
                " \"require_uppercase\": false}}");
}

/* A password too easy to guess: our sentence, with the service's
 * suggestions in our words. */
static void
test_password_strength (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaPasswordChange) change = NULL;
  const char *message;

  mfa_test_dev (server, "POST", "/__dev/settings",
                "{\"password_settings\": {\"min_zxcvbn_strength\": 4}}");
  make_user ("strength@example.com", "Old password 1");
  client = mfa_test_signed_in_client (server, "strength@example.com", "Old password 1");

  change = mfa_password_change_new (client);
  mfa_password_change_set_current (change, "Old password 1");
  mfa_password_change_set_new (change, "Summer2024");
  mfa_password_change_set_confirmation (change, "Summer2024");
  mfa_password_change_submit (change);
  mfa_test_wait_until (!mfa_password_change_get_busy (change));

  message = mfa_password_change_get_message (change);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "The new password is too easy to guess."));
  g_assert_true (strlen (message) > strlen ("The new password is too easy to guess. Make it longer, "
                                            "or less like a word, a name or a pattern."));
  g_assert_cmpstr (mfa_password_change_get_invalid_field (change), ==, "new_password");
  g_assert_false (mfa_password_change_get_done (change));

  mfa_test_dev (server, "POST", "/__dev/settings",
                "{\"password_settings\": {\"min_zxcvbn_strength\": 0}}");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Loopback only: no desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                "--reverification", "off", NULL);

  g_test_add_func ("/core/devices/list-and-sign-out", test_list_and_sign_out);
  g_test_add_func ("/core/devices/partial-failure", test_partial_failure);
  g_test_add_func ("/core/devices/load-failure", test_load_failure);
  g_test_add_func ("/core/devices/password", test_password);
  g_test_add_func ("/core/devices/password-strength", test_password_strength);

  status = g_test_run ();
  mfa_test_server_free (server);
  return status;
}
