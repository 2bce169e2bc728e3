/* test-changes.c
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

#define G_LOG_DOMAIN "test-changes"

#include "config.h"

#include "mfa-account.h"
#include "mfa-changes.h"
#include "mfa-client-error.h"
#include "mfa-test-utils.h"

/* MfaChanges, the account's changes of numbers and codes and the state
 * pages bind to, against mfa-fapi-server over loopback HTTP, without a
 * display. Waits read a manual clock; every test makes its own user.
 */

static MfaTestServer *server;
static guint n_users;

typedef struct
{
  MfaClock   *clock;
  MfaAccount *account;
  MfaChanges *changes;
  MfaClient  *client;
  char        e164[4][16];
} Fixture;

#define A fx->e164[0]
#define B fx->e164[1]
#define C fx->e164[2]
#define D fx->e164[3]

/* A (default) and B receive codes, C is verified, D is not. */
static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  static const char * const areas[] = { "301", "302", "303", "304", "305", "307", "308" };
  const char *identifier = data;
  g_autofree char *id = NULL;

  g_assert_cmpuint (n_users, <, G_N_ELEMENTS (areas));
  for (guint i = 0; i < G_N_ELEMENTS (fx->e164); i++)
    g_snprintf (fx->e164[i], sizeof fx->e164[i], "+1%s55501%02u", areas[n_users], i + 1);
  n_users++;

  {
    MfaTestUser user = {
      .identifier = identifier,
      .password = MFA_TEST_PASSWORD,
      .backup_codes = TRUE,
      .totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      .phones = {
        { A, MFA_TEST_PHONE_DEFAULT },
        { B, MFA_TEST_PHONE_RESERVED },
        { C, MFA_TEST_PHONE_VERIFIED },
        { D, MFA_TEST_PHONE_UNVERIFIED },
      },
    };

    id = mfa_test_add_user (server, &user, NULL);
  }

  g_assert_true (g_str_has_prefix (id, "user_"));

  fx->clock = mfa_clock_new ();
  mfa_clock_set_manual (fx->clock, TRUE);
  mfa_clock_set_now_us (fx->clock, g_get_real_time ());
  fx->account = mfa_test_signed_in_account (server, identifier, MFA_TEST_PASSWORD, fx->clock);
  fx->changes = mfa_account_get_changes (fx->account);
  fx->client = mfa_account_get_client (fx->account);
  g_assert_nonnull (mfa_client_get_user (fx->client));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
  mfa_test_finalize_account (g_steal_pointer (&fx->account));
  g_clear_object (&fx->clock);
}

static MfaPhoneNumber *
find_phone (Fixture    *fx,
            const char *e164)
{
  GListModel *phones = mfa_user_get_phone_numbers (mfa_client_get_user (fx->client));

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      if (g_str_equal (mfa_phone_number_get_phone_number (phone), e164))
        return phone;
    }
  return NULL;
}

typedef struct
{
  gboolean        done;
  gboolean        ok;
  MfaBackupCodes *codes;
  GError         *error;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->codes);
  g_clear_error (&outcome->error);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = mfa_changes_start_finish (MFA_CHANGES (object), result,
                                          &outcome->codes, &outcome->error);
  outcome->done = TRUE;
}

static void
run_change (Fixture    *fx,
            MfaChange   change,
            const char *e164,
            Outcome    *outcome)
{
  MfaPhoneNumber *phone = e164 != NULL ? find_phone (fx, e164) : NULL;

  g_assert_true (e164 == NULL || phone != NULL);
  mfa_changes_start_async (fx->changes, change,
                           phone != NULL ? mfa_phone_number_get_id (phone) : NULL,
                           MFA_PHONE_DISPLAY_DEFAULT, NULL, change_cb, outcome);
  mfa_test_wait_until (outcome->done);
}

/* A change: the number is busy until the answer, which the user shows;
 * nothing to say after. */
static void
test_make_default (Fixture       *fx,
                   gconstpointer  data)
{
  MfaPhoneNumber *phone = find_phone (fx, B);
  Outcome outcome = { 0 };

  g_assert_false (mfa_phone_number_get_default (phone));
  mfa_changes_start_async (fx->changes, MFA_CHANGE_MAKE_DEFAULT, mfa_phone_number_get_id (phone),
                           MFA_PHONE_DISPLAY_DEFAULT, NULL, change_cb, &outcome);
  g_assert_true (mfa_phone_number_get_busy (phone));
  /* One at a time per number. */
  g_assert_false (mfa_changes_can_start (fx->changes, MFA_CHANGE_UNRESERVE,
                                         mfa_phone_number_get_id (phone)));
  mfa_test_wait_until (outcome.done);

  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_false (mfa_phone_number_get_busy (phone));
  g_assert_true (mfa_phone_number_get_default (find_phone (fx, B)));
  g_assert_false (mfa_phone_number_get_default (find_phone (fx, A)));
  g_assert_null (mfa_changes_get_message (fx->changes));
  outcome_clear (&outcome);
}

/* New backup codes: the codes are busy meanwhile, and the new set comes
 * back once. */
static void
test_new_backup_codes (Fixture       *fx,
                       gconstpointer  data)
{
  Outcome outcome = { 0 };

  mfa_changes_start_async (fx->changes, MFA_CHANGE_NEW_BACKUP_CODES, NULL,
                           MFA_PHONE_DISPLAY_DEFAULT, NULL, change_cb, &outcome);
  g_assert_true (mfa_changes_get_codes_busy (fx->changes));
  g_assert_false (mfa_changes_can_start (fx->changes, MFA_CHANGE_NEW_BACKUP_CODES, NULL));
  mfa_test_wait_until (outcome.done);

  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.codes);
  g_assert_cmpuint (mfa_backup_codes_get_n_codes (outcome.codes), >, 0);
  g_assert_false (mfa_changes_get_codes_busy (fx->changes));
  g_assert_true (mfa_changes_can_start (fx->changes, MFA_CHANGE_NEW_BACKUP_CODES, NULL));
  outcome_clear (&outcome);
}

/* Too many requests: the message says how long, the number waits until
 * the clock passed the service's Retry-After, then may be asked again.
 * The backup codes wait on their own. */
static void
test_rate_limited (Fixture       *fx,
                   gconstpointer  data)
{
  MfaPhoneNumber *phone = find_phone (fx, C);
  const char *id = mfa_phone_number_get_id (phone);
  gint64 now_ms = mfa_clock_get_now_ms (fx->clock);
  Outcome outcome = { 0 };

  mfa_test_add_fault (server, "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"status\",\"status\":429}");
  run_change (fx, MFA_CHANGE_RESERVE, C, &outcome);

  g_assert_error (outcome.error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED);
  g_assert_true (g_str_has_suffix (mfa_changes_get_message (fx->changes), "Try again in 1 second."));
  g_assert_false (mfa_changes_get_message_can_retry (fx->changes));
  g_assert_cmpint (mfa_changes_get_message_change (fx->changes), ==, MFA_CHANGE_RESERVE);
  g_assert_cmpstr (mfa_changes_get_message_phone_id (fx->changes), ==, id);
  g_assert_cmpint (mfa_phone_number_get_retry_at_ms (phone), ==, now_ms + 1000);
  g_assert_false (mfa_changes_can_start (fx->changes, MFA_CHANGE_RESERVE, id));
  /* Another number does not wait. */
  g_assert_true (mfa_changes_can_start (fx->changes, MFA_CHANGE_UNRESERVE,
                                        mfa_phone_number_get_id (find_phone (fx, B))));
  g_assert_true (mfa_changes_can_start (fx->changes, MFA_CHANGE_NEW_BACKUP_CODES, NULL));
  outcome_clear (&outcome);

  mfa_clock_advance_us (fx->clock, 1000 * 1000);
  mfa_test_iterate (20);
  g_assert_cmpint (mfa_phone_number_get_retry_at_ms (phone), ==, 0);
  g_assert_true (mfa_changes_can_start (fx->changes, MFA_CHANGE_RESERVE, id));

  mfa_test_add_fault (server, "{\"path\":\"/v1/me/backup_codes\",\"kind\":\"status\",\"status\":429}");
  now_ms = mfa_clock_get_now_ms (fx->clock);
  memset (&outcome, 0, sizeof outcome);
  run_change (fx, MFA_CHANGE_NEW_BACKUP_CODES, NULL, &outcome);
  g_assert_error (outcome.error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpint (mfa_changes_get_codes_retry_at_ms (fx->changes), ==, now_ms + 1000);
  g_assert_false (mfa_changes_can_start (fx->changes, MFA_CHANGE_NEW_BACKUP_CODES, NULL));
  g_assert_true (mfa_changes_can_start (fx->changes, MFA_CHANGE_RESERVE, id));
  outcome_clear (&outcome);
}

/* The service could not be reached: the message offers Retry and no
 * details; the next change clears it, as does dismissing it. A failed
 * reload is kept the same way. */
static void
test_unreachable (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };
  guint notifies = 0;

  g_signal_connect_swapped (fx->changes, "notify::message", G_CALLBACK (count_cb), &notifies);
  mfa_test_add_fault (server, "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"drop\"}");
  run_change (fx, MFA_CHANGE_REMOVE, D, &outcome);

  g_assert_false (outcome.ok);
  g_assert_true (mfa_client_error_is_transport (outcome.error));
  g_assert_nonnull (mfa_changes_get_message (fx->changes));
  g_assert_true (mfa_changes_get_message_can_retry (fx->changes));
  g_assert_nonnull (mfa_changes_get_message_error (fx->changes));
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_nonnull (find_phone (fx, D));
  outcome_clear (&outcome);

  /* Asked again, it goes through; what went wrong is old news. */
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
  memset (&outcome, 0, sizeof outcome);
  run_change (fx, MFA_CHANGE_REMOVE, D, &outcome);
  g_assert_true (outcome.ok);
  g_assert_null (mfa_changes_get_message (fx->changes));
  g_assert_null (find_phone (fx, D));
  g_assert_cmpuint (notifies, ==, 2);
  outcome_clear (&outcome);

  error = g_error_new (MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_NETWORK, "connection refused");
  mfa_changes_report_reload_failure (fx->changes, error);
  g_assert_nonnull (mfa_changes_get_message (fx->changes));
  g_assert_cmpint (mfa_changes_get_message_change (fx->changes), ==, MFA_CHANGE_RELOAD);
  g_assert_null (mfa_changes_get_message_phone_id (fx->changes));
  mfa_changes_dismiss_message (fx->changes);
  g_assert_null (mfa_changes_get_message (fx->changes));
  g_assert_null (mfa_changes_get_message_error (fx->changes));
  g_assert_cmpuint (notifies, ==, 4);
}

/* The authenticator app: busy while it goes, then the user has none. */
static void
test_remove_totp (Fixture       *fx,
                  gconstpointer  data)
{
  MfaUser *user = mfa_client_get_user (fx->client);
  Outcome outcome = { 0 };

  g_assert_true (mfa_user_get_totp_enabled (user));
  mfa_changes_start_async (fx->changes, MFA_CHANGE_REMOVE_TOTP, NULL,
                           MFA_PHONE_DISPLAY_DEFAULT, NULL, change_cb, &outcome);
  g_assert_true (mfa_changes_get_totp_busy (fx->changes));
  g_assert_false (mfa_changes_can_start (fx->changes, MFA_CHANGE_REMOVE_TOTP, NULL));
  /* The codes are not busy for it. */
  g_assert_true (mfa_changes_can_start (fx->changes, MFA_CHANGE_NEW_BACKUP_CODES, NULL));
  mfa_test_wait_until (outcome.done);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_false (mfa_changes_get_totp_busy (fx->changes));
  g_assert_false (mfa_user_get_totp_enabled (mfa_client_get_user (fx->client)));
  outcome_clear (&outcome);

  /* Gone already: said, not shown as done. */
  memset (&outcome, 0, sizeof outcome);
  run_change (fx, MFA_CHANGE_REMOVE_TOTP, NULL, &outcome);
  g_assert_false (outcome.ok);
  g_assert_nonnull (mfa_changes_get_message (fx->changes));
  g_assert_cmpint (mfa_changes_get_message_change (fx->changes), ==, MFA_CHANGE_REMOVE_TOTP);
  outcome_clear (&outcome);
}

/* A number that is gone, or busy, is not asked about: the call fails at
 * once, sends nothing and says nothing. */
static void
test_not_started (Fixture       *fx,
                  gconstpointer  data)
{
  Outcome outcome = { 0 };

  mfa_test_clear_requests (server);
  mfa_changes_start_async (fx->changes, MFA_CHANGE_REMOVE, "idn_not_a_number",
                           MFA_PHONE_DISPLAY_DEFAULT, NULL, change_cb, &outcome);
  mfa_test_wait_until (outcome.done);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_null (mfa_changes_get_message (fx->changes));
  g_assert_cmpuint (mfa_test_count_requests (server, "DELETE"), ==, 0);
  outcome_clear (&outcome);
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

  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);

  g_test_add ("/core/changes/make-default", Fixture, "make-default@example.com",
              fixture_set_up, test_make_default, fixture_tear_down);
  g_test_add ("/core/changes/new-backup-codes", Fixture, "new-codes@example.com",
              fixture_set_up, test_new_backup_codes, fixture_tear_down);
  g_test_add ("/core/changes/rate-limited", Fixture, "rate-limited@example.com",
              fixture_set_up, test_rate_limited, fixture_tear_down);
  g_test_add ("/core/changes/unreachable", Fixture, "unreachable@example.com",
              fixture_set_up, test_unreachable, fixture_tear_down);
  g_test_add ("/core/changes/not-started", Fixture, "not-started@example.com",
              fixture_set_up, test_not_started, fixture_tear_down);
  g_test_add ("/core/changes/remove-totp", Fixture, "remove-totp@example.com",
              fixture_set_up, test_remove_totp, fixture_tear_down);

  status = g_test_run ();
  mfa_test_server_free (server);
  return status;
}
