/* test-account.c
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

#include "mfa-clock-private.h"
#include "mfa-account.h"
#include "mfa-snapshot.h"
#include "mfa-test-utils.h"

/* MfaAccount without a display, against the local server and the
 * session's real keyring.
 */

static MfaTestServer *server;

#define ANN       "ann@example.com"
#define ANN_PHONE "+12015550111"
#define ANN_OTHER "+12015550112"

static void
wait_for_state (MfaAccount      *account,
                MfaAccountState  state)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (mfa_account_get_state (account) != state)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for state %d (now %d)", state,
                 mfa_account_get_state (account));
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
keyring_token (const char *base_url)
{
  g_autoptr(MfaSessionStore) store = mfa_session_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  mfa_session_store_lookup_async (store, base_url, NULL, mfa_test_result_cb, &result);
  token = mfa_session_store_lookup_finish (store, mfa_test_wait (&result), &error);
  g_assert_no_error (error);

  return token;
}

/* Waits until the keyring holds @expected for @base_url (%NULL: no item). */
static void
wait_for_keyring_token (const char *base_url,
                        const char *expected)
{
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;;)
    {
      g_autofree char *stored = keyring_token (base_url);

      if (g_strcmp0 (stored, expected) == 0)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
wait_for_snapshot (const char *base_url)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(MfaUser) snapshot = mfa_snapshot_load (base_url, NULL, NULL, NULL);

      if (snapshot != NULL)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
clear_keyring (const char *base_url)
{
  g_autoptr(MfaSessionStore) store = mfa_session_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfa_session_store_clear_async (store, base_url, NULL, mfa_test_result_cb, &result);
  g_assert_true (mfa_session_store_clear_finish (store, mfa_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
reset_server (void)
{
  g_autoptr(JsonNode) reset = mfa_test_dev_json (server, "POST", "/__dev/reset", "{}", 200);
  g_autofree char *user_id = NULL;

  user_id = mfa_test_create_user (server,
                                   "{\"identifier\": \"" ANN "\","
                                   " \"password\": \"" MFA_TEST_PASSWORD "\","
                                   " \"phones\": [{\"phone_number\": \"" ANN_PHONE "\","
                                   "               \"verified\": true, \"reserved\": true,"
                                   "               \"default\": true},"
                                   "              {\"phone_number\": \"" ANN_OTHER "\","
                                   "               \"verified\": true, \"reserved\": false,"
                                   "               \"default\": false}]}");
  clear_keyring (mfa_test_server_get_base_url (server));
  mfa_snapshot_delete (mfa_test_server_get_base_url (server), NULL);
  mfa_test_clear_requests (server);
}

/* A signed-in account, started from nothing. */
static MfaAccount *
signed_in_account (MfaClock *clock)
{
  MfaAccount *account = mfa_account_new (mfa_test_server_get_base_url (server), NULL, clock);

  mfa_account_start (account);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_RESTORING);
  wait_for_state (account, MFA_ACCOUNT_STATE_SIGNED_OUT);
  g_assert_null (mfa_account_get_user (account));

  mfa_test_sign_in (server, mfa_account_get_client (account), ANN, MFA_TEST_PASSWORD, ANN_PHONE);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SIGNED_IN);
  g_assert_true (mfa_account_get_user (account) == mfa_client_get_user (mfa_account_get_client (account)));

  return account;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* The account is called by its host until the service names itself. */
static void
test_title (void)
{
  g_autoptr(MfaTestServer) named = mfa_test_server_new ("--application-name", "Example Shop", NULL);
  const char *base_url = mfa_test_server_get_base_url (named);
  g_autoptr(MfaAccount) account = mfa_account_new (base_url, NULL, NULL);
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", mfa_test_server_get_port (named));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *property = NULL;
  guint title_notifies = 0;

  clear_keyring (base_url);
  g_signal_connect (account, "notify::title", G_CALLBACK (count_cb), &title_notifies);
  before = mfa_account_dup_title (account);
  g_assert_cmpstr (before, ==, host);

  /* Signed out, the start asks for the environment, which names it. */
  mfa_account_start (account);
  wait_for_state (account, MFA_ACCOUNT_STATE_SIGNED_OUT);
  while (mfa_client_get_environment (mfa_account_get_client (account)) == NULL)
    spin ();
  after = mfa_account_dup_title (account);
  g_assert_cmpstr (after, ==, "Example Shop");
  g_object_get (account, "title", &property, NULL);
  g_assert_cmpstr (property, ==, "Example Shop");
  g_assert_cmpuint (title_notifies, >=, 1);
}

/* A restored session knows what the instance allows (backup codes off
 * here) and its name from the last run's snapshot: no request more than
 * the session's own. */
static void
test_restore_knows_instance (void)
{
  g_autoptr(MfaTestServer) limited = mfa_test_server_new ("--dev-routes", "--backup-codes", "off",
                                                          "--application-name", "Example Shop", NULL);
  const char *base_url = mfa_test_server_get_base_url (limited);
  g_autoptr(MfaAccount) account = mfa_account_new (base_url, NULL, NULL);
  g_autoptr(MfaAccount) again = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) requests = NULL;
  MfaEnvironment *environment;

  clear_keyring (base_url);
  mfa_snapshot_delete (base_url, NULL);
  user_id = mfa_test_create_user (limited,
                                   "{\"identifier\": \"bea@example.com\","
                                   " \"password\": \"" MFA_TEST_PASSWORD "\","
                                   " \"phones\": [{\"phone_number\": \"" ANN_PHONE "\","
                                   "               \"verified\": true, \"reserved\": true,"
                                   "               \"default\": true}]}");

  /* Signed out, the start asked the instance; then a sign-in. */
  mfa_account_start (account);
  wait_for_state (account, MFA_ACCOUNT_STATE_SIGNED_OUT);
  while (mfa_client_get_environment (mfa_account_get_client (account)) == NULL)
    spin ();
  mfa_test_sign_in (limited, mfa_account_get_client (account), "bea@example.com",
                    MFA_TEST_PASSWORD, ANN_PHONE);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SIGNED_IN);
  wait_for_snapshot (base_url);
  wait_for_keyring_token (base_url, mfa_client_get_token (mfa_account_get_client (account)));
  g_clear_object (&account);

  /* The next run: one request, and the instance's settings already. */
  mfa_test_clear_requests (limited);
  again = mfa_account_new (base_url, NULL, NULL);
  mfa_account_start (again);
  environment = mfa_client_get_environment (mfa_account_get_client (again));
  g_assert_nonnull (environment);
  g_assert_false (mfa_environment_get_backup_codes (environment));
  g_assert_true (mfa_environment_get_sms_mfa (environment));
  title = mfa_account_dup_title (again);
  g_assert_cmpstr (title, ==, "Example Shop");
  wait_for_state (again, MFA_ACCOUNT_STATE_SIGNED_IN);
  requests = mfa_test_requests (limited, MFA_TEST_REQUEST_STATUS);
  g_assert_cmpuint (g_strv_length (requests), ==, 1);
  g_assert_cmpstr (requests[0], ==, "GET /v1/client 200");

  mfa_account_forget (again);
  wait_for_keyring_token (base_url, NULL);
}

/* Tokens that change faster than the keyring writes: the last one is
 * what the keyring keeps, whatever order the writes would end in. */
static void
test_newest_token_kept (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(MfaAccount) account = NULL;
  g_autofree char *stored = NULL;
  MfaClient *client;

  reset_server ();
  account = signed_in_account (NULL);
  client = mfa_account_get_client (account);

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *token = g_strdup_printf ("Bearer test-token-%u", i);

      mfa_client_set_token (client, token);
    }

  wait_for_keyring_token (base_url, "Bearer test-token-5");

  /* And it stays so: no older write lands after it. */
  for (guint i = 0; i < 20; i++)
    spin ();
  g_clear_pointer (&stored, g_free);
  stored = keyring_token (base_url);
  g_assert_cmpstr (stored, ==, "Bearer test-token-5");

  mfa_account_forget (account);
  wait_for_keyring_token (base_url, NULL);
}

static void wait_for_snapshot (const char *base_url);

typedef struct {
  MfaAccount *account;
  gboolean    saving_in_activate;
} HoldCheck;

static void
hold_check_activate_cb (GApplication *app,
                        HoldCheck    *check)
{
  /* A new token, and nothing else keeps the application running. */
  mfa_client_set_token (mfa_account_get_client (check->account), "Bearer test-token-held");
  check->saving_in_activate = mfa_account_get_saving (check->account);
}

/* The application does not end while the keyring is being written. */
static void
test_write_holds_application (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(GApplication) app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr(MfaAccount) account = NULL;
  g_autofree char *stored = NULL;
  HoldCheck check = { NULL, FALSE };

  reset_server ();
  account = signed_in_account (NULL);
  while (mfa_account_get_saving (account))
    spin ();
  check.account = account;

  g_application_set_default (app);
  g_signal_connect (app, "activate", G_CALLBACK (hold_check_activate_cb), &check);
  g_assert_cmpint (g_application_run (app, 0, NULL), ==, 0);
  g_application_set_default (NULL);

  g_assert_true (check.saving_in_activate);
  g_assert_false (mfa_account_get_saving (account));
  stored = keyring_token (base_url);
  g_assert_cmpstr (stored, ==, "Bearer test-token-held");

  mfa_account_forget (account);
  wait_for_keyring_token (base_url, NULL);
}

static void
test_sign_in_and_restore (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(MfaAccount) again = NULL;
  g_auto(GStrv) requests = NULL;
  g_autofree char *stored = NULL;
  guint user_notifies = 0;
  MfaUser *shown_first = NULL;

  reset_server ();
  account = signed_in_account (NULL);

  /* The keyring follows the client's token. */
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;;)
    {
      g_clear_pointer (&stored, g_free);
      stored = keyring_token (base_url);
      if (stored != NULL &&
          g_strcmp0 (stored, mfa_client_get_token (mfa_account_get_client (account))) == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin ();
    }

  /* A second start (another run of the app) restores it with one request. */
  wait_for_snapshot (base_url);
  mfa_test_clear_requests (server);
  again = mfa_account_new (base_url, NULL, NULL);
  g_signal_connect (again, "notify::user", G_CALLBACK (count_cb), &user_notifies);
  mfa_account_start (again);
  /* The snapshot's user at once; the service's answer updates that very
   * object, so what shows it is not rebuilt. */
  shown_first = mfa_account_get_user (again);
  g_assert_nonnull (shown_first);
  g_object_add_weak_pointer (G_OBJECT (shown_first), (gpointer *) &shown_first);
  wait_for_state (again, MFA_ACCOUNT_STATE_SIGNED_IN);
  g_assert_true (mfa_account_get_user (again) == shown_first);
  g_assert_true (mfa_client_get_user (mfa_account_get_client (again)) == shown_first);
  g_object_remove_weak_pointer (G_OBJECT (shown_first), (gpointer *) &shown_first);

  requests = mfa_test_requests (server, MFA_TEST_REQUEST_QUERY | MFA_TEST_REQUEST_STATUS);
  g_assert_cmpuint (g_strv_length (requests), ==, 1);
  g_assert_true (g_str_has_prefix (requests[0], "GET /v1/client?"));
  g_assert_true (g_str_has_suffix (requests[0], " 200"));

  g_assert_cmpuint (user_notifies, >=, 1);
  g_assert_nonnull (mfa_account_get_user (again));
  g_assert_cmpstr (mfa_user_get_identifier (mfa_account_get_user (again)), ==, ANN);
  g_assert_true (mfa_account_get_keyring_available (again));
  g_assert_null (mfa_account_get_error (again));
}

static void
refresh_now (MfaClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfa_client_refresh_async (client, NULL, mfa_test_result_cb, &result);
  mfa_client_refresh_finish (client, mfa_test_wait (&result), &error);
}

/* A start with a snapshot shows it at once, read-only, while the session
 * is checked; a second start meanwhile joins the first.
 */
static void
test_snapshot_while_restoring (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(MfaAccount) again = NULL;
  g_auto(GStrv) requests = NULL;
  MfaUser *shown;

  reset_server ();
  account = signed_in_account (NULL);
  wait_for_snapshot (base_url);
  /* The keyring holds the token before the next run starts. */
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;;)
    {
      g_autofree char *stored = keyring_token (base_url);

      if (g_strcmp0 (stored, mfa_client_get_token (mfa_account_get_client (account))) == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin ();
    }
  g_clear_object (&account);

  mfa_test_clear_requests (server);
  again = mfa_account_new (base_url, NULL, NULL);
  g_assert_null (mfa_account_get_user (again));
  mfa_account_start (again);

  g_assert_cmpint (mfa_account_get_state (again), ==, MFA_ACCOUNT_STATE_RESTORING);
  shown = mfa_account_get_user (again);
  g_assert_nonnull (shown);
  g_assert_false (shown == mfa_client_get_user (mfa_account_get_client (again)));
  g_assert_cmpstr (mfa_user_get_identifier (shown), ==, ANN);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_user_get_phone_numbers (shown)), ==, 2);
  g_assert_cmpint (mfa_account_get_synced_at_ms (again), >, 0);

  mfa_account_start (again);
  g_assert_true (mfa_account_get_user (again) == shown);
  wait_for_state (again, MFA_ACCOUNT_STATE_SIGNED_IN);

  /* The service's user replaces the snapshot; one start, one request. */
  g_assert_true (mfa_account_get_user (again) == mfa_client_get_user (mfa_account_get_client (again)));
  g_assert_cmpint (mfa_account_get_synced_at_ms (again), ==, 0);
  requests = mfa_test_requests (server, MFA_TEST_REQUEST_STATUS);
  g_assert_cmpuint (g_strv_length (requests), ==, 1);
  g_assert_cmpstr (requests[0], ==, "GET /v1/client 200");
}

/* A change is written to the snapshot once the main loop is idle; an
 * account flushed, or closed, before that writes it at once.
 */
static void
test_snapshot_flushed (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(MfaUser) saved = NULL;
  g_autoptr(MfaUser) at_close = NULL;

  reset_server ();
  account = signed_in_account (NULL);
  wait_for_snapshot (base_url);

  g_assert_true (mfa_snapshot_delete (base_url, NULL));
  g_signal_emit_by_name (mfa_account_get_user (account), "changed");
  g_assert_null (mfa_snapshot_load (base_url, NULL, NULL, NULL));
  mfa_account_flush (account);
  saved = mfa_snapshot_load (base_url, NULL, NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (mfa_user_get_identifier (saved), ==, ANN);

  /* Nothing waits now: flushing again writes nothing. */
  g_assert_true (mfa_snapshot_delete (base_url, NULL));
  mfa_account_flush (account);
  g_assert_null (mfa_snapshot_load (base_url, NULL, NULL, NULL));

  /* Closed with a change waiting, as a window closed at once. */
  g_signal_emit_by_name (mfa_account_get_user (account), "changed");
  g_object_run_dispose (G_OBJECT (account));
  at_close = mfa_snapshot_load (base_url, NULL, NULL, NULL);
  g_assert_nonnull (at_close);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_user_get_phone_numbers (at_close)), ==, 2);
}

/* A refresh while the server drops every connection, a kept-alive one
 * included; libsoup 3.2 keeps what it held for a connection closed that
 * way (build-aux/lsan.supp names this function for it). */
static void
refresh_while_dropped (MfaClient *client)
{
  refresh_now (client);
}

static void
test_offline_and_back (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(JsonNode) cleared = NULL;
  MfaUser *offline_user;

  mfa_clock_set_manual (clock, TRUE);
  reset_server ();
  account = signed_in_account (clock);
  wait_for_snapshot (base_url);

  /* The service stops answering: the snapshot, read-only. */
  mfa_test_add_fault (server, "{\"path\": \"/v1/*\", \"kind\": \"drop\"}");
  refresh_while_dropped (mfa_account_get_client (account));
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_OFFLINE);
  offline_user = mfa_account_get_user (account);
  g_assert_nonnull (offline_user);
  g_assert_true (offline_user != mfa_client_get_user (mfa_account_get_client (account)));
  g_assert_cmpuint (g_list_model_get_n_items (mfa_user_get_phone_numbers (offline_user)), ==, 2);
  g_assert_cmpint (mfa_account_get_synced_at_ms (account), >, 0);
  g_assert_cmpuint (mfa_account_get_retry_delay_s (account), ==, 5);

  /* Retries back off on the account's clock: 5 s, then 10 s. */
  mfa_test_clear_requests (server);
  mfa_clock_advance_us (clock, 5 * G_USEC_PER_SEC);
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       mfa_account_get_retry_delay_s (account) != 10;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_OFFLINE);

  /* The service is back: the next retry finds it. */
  cleared = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  mfa_clock_advance_us (clock, 10 * G_USEC_PER_SEC);
  wait_for_state (account, MFA_ACCOUNT_STATE_SIGNED_IN);
  g_assert_true (mfa_account_get_user (account) == mfa_client_get_user (mfa_account_get_client (account)));
  g_assert_cmpuint (mfa_account_get_retry_delay_s (account), ==, 0);
  g_assert_cmpuint (mfa_clock_get_n_pending (clock), ==, 0);

  /* Retry now, without waiting for the timer. */
  mfa_test_add_fault (server, "{\"path\": \"/v1/*\", \"kind\": \"drop\"}");
  refresh_while_dropped (mfa_account_get_client (account));
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_OFFLINE);
  g_clear_pointer (&cleared, json_node_unref);
  cleared = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  mfa_account_retry (account);
  wait_for_state (account, MFA_ACCOUNT_STATE_SIGNED_IN);
}

static void
test_offline_at_start (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(MfaAccount) again = NULL;
  g_autoptr(MfaAccount) fresh = NULL;
  g_autoptr(JsonNode) cleared = NULL;

  reset_server ();
  account = signed_in_account (NULL);
  wait_for_snapshot (base_url);
  g_clear_object (&account);

  /* Kept session, service down, a snapshot: offline. */
  mfa_test_add_fault (server, "{\"path\": \"/v1/*\", \"kind\": \"status\", \"status\": 503}");
  again = mfa_account_new (base_url, NULL, NULL);
  mfa_account_start (again);
  wait_for_state (again, MFA_ACCOUNT_STATE_UNREACHABLE);
  /* A 503 is an answer, not an unreachable service: no offline copy. */
  g_assert_error (mfa_account_get_error (again), MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SERVER);
  g_clear_object (&again);

  cleared = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  mfa_test_add_fault (server, "{\"path\": \"/v1/*\", \"kind\": \"drop\"}");
  again = mfa_account_new (base_url, NULL, NULL);
  mfa_account_start (again);
  wait_for_state (again, MFA_ACCOUNT_STATE_OFFLINE);
  g_assert_nonnull (mfa_account_get_user (again));
  g_assert_cmpstr (mfa_user_get_identifier (mfa_account_get_user (again)), ==, ANN);

  /* Without a snapshot the same failure leaves nothing to show. */
  mfa_snapshot_delete (base_url, NULL);
  fresh = mfa_account_new (base_url, NULL, NULL);
  mfa_account_start (fresh);
  wait_for_state (fresh, MFA_ACCOUNT_STATE_UNREACHABLE);
  g_assert_true (mfa_client_error_is_transport (mfa_account_get_error (fresh)));
  g_assert_null (mfa_account_get_user (fresh));

  g_clear_pointer (&cleared, json_node_unref);
  cleared = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  mfa_account_retry (fresh);
  wait_for_state (fresh, MFA_ACCOUNT_STATE_SIGNED_IN);
}

static void
test_session_lost (void)
{
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(MfaClient) other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MfaClient *client;

  reset_server ();
  account = signed_in_account (NULL);
  client = mfa_account_get_client (account);

  /* The session ends elsewhere (the same client signed out). */
  other = mfa_client_new (mfa_test_server_get_base_url (server));
  mfa_client_set_token (other, mfa_client_get_token (client));
  mfa_client_remove_session_async (other, mfa_client_get_session_id (client), NULL,
                                   mfa_test_result_cb, &result);
  g_assert_true (mfa_client_remove_session_finish (other, mfa_test_wait (&result), &error));
  g_assert_no_error (error);

  refresh_now (client);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SESSION_LOST);
  g_assert_null (mfa_account_get_user (account));

  /* Signing in again makes it live. */
  mfa_test_sign_in (server, client, ANN, MFA_TEST_PASSWORD, ANN_PHONE);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SIGNED_IN);
}

static void
test_sign_out_and_forget (void)
{
  const char *base_url = mfa_test_server_get_base_url (server);
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfaUser) snapshot = NULL;
  g_autofree char *stored = NULL;
  g_auto(GStrv) requests = NULL;

  reset_server ();
  account = signed_in_account (NULL);
  wait_for_snapshot (base_url);

  mfa_test_clear_requests (server);
  mfa_account_sign_out_async (account, NULL, mfa_test_result_cb, &result);
  g_assert_true (mfa_account_sign_out_finish (account, mfa_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SIGNED_OUT);
  requests = mfa_test_requests (server, MFA_TEST_REQUEST_QUERY | MFA_TEST_REQUEST_STATUS);
  g_assert_cmpuint (g_strv_length (requests), ==, 1);
  g_assert_true (g_str_has_prefix (requests[0], "POST /v1/client/sessions/"));

  /* Nothing of the session stays on this computer. */
  spin ();
  snapshot = mfa_snapshot_load (base_url, NULL, NULL, NULL);
  g_assert_null (snapshot);
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;;)
    {
      g_clear_pointer (&stored, g_free);
      stored = keyring_token (base_url);
      if (stored == NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin ();
    }
  g_assert_null (mfa_client_get_token (mfa_account_get_client (account)));

  /* Forgetting needs no service: nothing is sent. */
  mfa_test_sign_in (server, mfa_account_get_client (account), ANN, MFA_TEST_PASSWORD, ANN_PHONE);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SIGNED_IN);
  wait_for_snapshot (base_url);
  mfa_test_clear_requests (server);
  mfa_account_forget (account);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SIGNED_OUT);
  g_assert_null (mfa_client_get_session_id (mfa_account_get_client (account)));
  g_assert_null (mfa_account_get_user (account));
  g_clear_object (&snapshot);
  snapshot = mfa_snapshot_load (base_url, NULL, NULL, NULL);
  g_assert_null (snapshot);
  g_clear_pointer (&requests, g_strfreev);
  requests = mfa_test_requests (server, MFA_TEST_REQUEST_QUERY | MFA_TEST_REQUEST_STATUS);
  g_assert_cmpuint (g_strv_length (requests), ==, 0);
}

/* An interaction that answers as a person would, with the password. */

typedef struct
{
  MfaInteraction parent_instance;
  gboolean       accept;
  guint          asked;
} TestInteraction;

typedef struct
{
  MfaInteractionClass parent_class;
} TestInteractionClass;

static GType test_interaction_get_type (void);
G_DEFINE_TYPE (TestInteraction, test_interaction, MFA_TYPE_INTERACTION)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestInteraction, g_object_unref)

static void
attempt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MfaReverification) reverification = NULL;
  GError *error = NULL;

  reverification = mfa_client_attempt_reverification_finish (MFA_CLIENT (object), result, &error);
  if (reverification == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, mfa_reverification_get_status (reverification) ==
                                 MFA_REVERIFICATION_STATUS_COMPLETE);
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MfaReverification) reverification = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  reverification = mfa_client_verify_session_finish (MFA_CLIENT (object), result, &error);
  if (reverification == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  mfa_client_attempt_reverification_async (MFA_CLIENT (object), MFA_FACTOR_STEP_FIRST,
                                           "password", MFA_TEST_PASSWORD, cancellable,
                                           attempt_cb, g_steal_pointer (&task));
}

static void
test_interaction_reverify_async (MfaInteraction      *interaction,
                                 GObject             *client,
                                 const GError        *error,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  TestInteraction *self = (TestInteraction *)interaction;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED);
  self->asked++;

  if (!self->accept)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "declined");
      return;
    }

  mfa_client_verify_session_async (MFA_CLIENT (client), "first_factor", cancellable,
                                   verify_cb, g_steal_pointer (&task));
}

static gboolean
test_interaction_reverify_finish (MfaInteraction  *interaction,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_interaction_class_init (TestInteractionClass *klass)
{
  MfaInteractionClass *interaction_class = MFA_INTERACTION_CLASS (klass);

  interaction_class->reverify_async = test_interaction_reverify_async;
  interaction_class->reverify_finish = test_interaction_reverify_finish;
}

static void
test_interaction_init (TestInteraction *self)
{
}

static void
test_step_up (void)
{
  g_autoptr(MfaTestServer) gated = NULL;
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(TestInteraction) interaction = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(JsonNode) clock = NULL;
  g_autofree char *user_id = NULL;
  MfaUser *user;
  guint n_phones;

  gated = mfa_test_server_new ("--dev-routes", "--reverification", "on",
                               "--reverification-window", "600", "--rate-limits", "off", NULL);
  user_id = mfa_test_create_user (gated,
                                   "{\"identifier\": \"bo@example.com\","
                                   " \"password\": \"" MFA_TEST_PASSWORD "\", \"phones\": []}");
  client = mfa_client_new (mfa_test_server_get_base_url (gated));
  mfa_test_sign_in (gated, client, "bo@example.com", MFA_TEST_PASSWORD, NULL);
  interaction = g_object_new (test_interaction_get_type (), NULL);
  mfa_client_set_interaction (client, MFA_INTERACTION (interaction));
  g_assert_true (mfa_client_get_interaction (client) == MFA_INTERACTION (interaction));

  /* Eleven minutes on, the sign-in no longer counts as fresh. */
  clock = mfa_test_dev_json (gated, "POST", "/__dev/clock", "{\"advance_ms\":660000}", 200);
  user = mfa_client_get_user (client);
  n_phones = g_list_model_get_n_items (mfa_user_get_phone_numbers (user));

  /* Declined: the caller hears so, and nothing changed. */
  mfa_client_create_phone_number_async (client, "+12015550188", NULL, mfa_test_result_cb, &result);
  phone = mfa_client_create_phone_number_finish (client, mfa_test_wait (&result), &error);
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED);
  g_assert_null (phone);
  g_assert_cmpuint (interaction->asked, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_user_get_phone_numbers (user)), ==, n_phones);

  /* Confirmed: the same request goes out again by itself and succeeds. */
  g_clear_error (&error);
  g_clear_object (&result);
  interaction->accept = TRUE;
  mfa_test_clear_requests (gated);
  mfa_client_create_phone_number_async (client, "+12015550188", NULL, mfa_test_result_cb, &result);
  phone = mfa_client_create_phone_number_finish (client, mfa_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (phone);
  g_assert_cmpstr (mfa_phone_number_get_phone_number (phone), ==, "+12015550188");
  g_assert_cmpuint (interaction->asked, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_user_get_phone_numbers (user)), ==, n_phones + 1);

  {
    g_auto(GStrv) requests = mfa_test_requests (gated, MFA_TEST_REQUEST_QUERY | MFA_TEST_REQUEST_STATUS);

    /* Refused, verify, password, the same request again. */
    g_assert_cmpuint (g_strv_length (requests), ==, 4);
    g_assert_true (g_str_has_prefix (requests[0], "POST /v1/me/phone_numbers?"));
    g_assert_true (g_str_has_suffix (requests[0], " 403"));
    g_assert_true (g_str_has_prefix (requests[3], "POST /v1/me/phone_numbers?"));
    g_assert_true (g_str_has_suffix (requests[3], " 200"));
  }

  /* Without an interaction the caller gets the refusal, as before. */
  g_clear_object (&phone);
  g_clear_object (&result);
  g_clear_pointer (&clock, json_node_unref);
  clock = mfa_test_dev_json (gated, "POST", "/__dev/clock", "{\"advance_ms\":660000}", 200);
  mfa_client_set_interaction (client, NULL);
  mfa_client_create_phone_number_async (client, "+12015550189", NULL, mfa_test_result_cb, &result);
  phone = mfa_client_create_phone_number_finish (client, mfa_test_wait (&result), &error);
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED);
  g_assert_cmpuint (interaction->asked, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);

  g_test_add_func ("/core/account/title", test_title);
  g_test_add_func ("/core/account/newest-token-kept", test_newest_token_kept);
  g_test_add_func ("/core/account/write-holds-application", test_write_holds_application);
  g_test_add_func ("/core/account/restore-knows-instance", test_restore_knows_instance);
  g_test_add_func ("/core/account/sign-in-and-restore", test_sign_in_and_restore);
  g_test_add_func ("/core/account/snapshot-while-restoring", test_snapshot_while_restoring);
  g_test_add_func ("/core/account/snapshot-flushed", test_snapshot_flushed);
  g_test_add_func ("/core/account/offline-and-back", test_offline_and_back);
  g_test_add_func ("/core/account/offline-at-start", test_offline_at_start);
  g_test_add_func ("/core/account/session-lost", test_session_lost);
  g_test_add_func ("/core/account/sign-out-and-forget", test_sign_out_and_forget);
  g_test_add_func ("/core/account/step-up", test_step_up);

  status = g_test_run ();

  mfa_test_server_free (server);

  return status;
}
