/* test-verification.c
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

#define G_LOG_DOMAIN "test-verification"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"
#include "mfa-verification.h"

/* MfaVerification, the one code controller, against mfa-fapi-server
 * over loopback HTTP, without a display. Countdowns read a manual
 * clock; every test makes its own user.
 */

static MfaTestServer *server;
static guint n_users;

typedef struct
{
  char e164[4][16];
} Numbers;

static void
next_numbers (Numbers *numbers)
{
  static const char * const areas[] = { "301", "302", "303", "304", "305", "307", "308", "309" };

  g_assert_cmpuint (n_users, <, G_N_ELEMENTS (areas));
  for (guint i = 0; i < G_N_ELEMENTS (numbers->e164); i++)
    g_snprintf (numbers->e164[i], sizeof numbers->e164[i], "+1%s55501%02u", areas[n_users], i + 1);
  n_users++;
}

/* Two-step verification on: A (default) and B receive codes; backup
 * codes too. */
static void
make_mfa_user (const char *identifier,
               Numbers    *numbers)
{
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  next_numbers (numbers);
  body = g_strdup_printf ("{\"identifier\":\"%s\",\"password\":\"" MFA_TEST_PASSWORD "\","
                          "\"phones\":["
                          "{\"phone_number\":\"%s\",\"verified\":true,\"reserved\":true,\"default\":true},"
                          "{\"phone_number\":\"%s\",\"verified\":true,\"reserved\":true}],"
                          "\"backup_codes\":true}",
                          identifier, numbers->e164[0], numbers->e164[1]);
  id = mfa_test_create_user (server, body);
  g_assert_true (g_str_has_prefix (id, "user_"));
}

static MfaClock *
manual_clock (void)
{
  MfaClock *clock = mfa_clock_new ();

  mfa_clock_set_manual (clock, TRUE);
  mfa_clock_set_now_us (clock, g_get_real_time ());
  return clock;
}

static void
wait_not_busy (MfaVerification *verification)
{
  for (guint i = 0; i < 500 && mfa_verification_get_busy (verification); i++)
    mfa_test_iterate (10);
  g_assert_false (mfa_verification_get_busy (verification));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static MfaFactor *
find_offered (MfaVerification *verification,
              const char      *strategy)
{
  GListModel *factors = mfa_verification_get_factors (verification);

  for (guint i = 0; i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

      if (g_str_equal (mfa_factor_get_strategy (factor), strategy))
        return factor;
    }
  return NULL;
}

/* Sign-in: what is missing is said without a request; a wrong password
 * blames the password; then the default phone's code goes out at once,
 * a wrong code is marked, resending waits out the cooldown, a backup
 * code sends nothing, and the right code completes the sign-in. */
static void
test_sign_in (void)
{
  g_autoptr(MfaClient) client = mfa_client_new (mfa_test_server_get_base_url (server));
  g_autoptr(MfaClock) clock = manual_clock ();
  g_autoptr(MfaVerification) verification = mfa_verification_new_sign_in (client, clock);
  g_autofree char *code = NULL;
  MfaFactor *factor;
  Numbers numbers;
  guint stage_notifies = 0;

  make_mfa_user ("sign-in@example.com", &numbers);
  g_signal_connect (verification, "notify::stage", G_CALLBACK (count_notify_cb), &stage_notifies);

  mfa_test_clear_requests (server);
  mfa_verification_sign_in (verification, "  ", MFA_TEST_PASSWORD);
  g_assert_cmpstr (mfa_verification_get_invalid_field (verification), ==, "identifier");
  g_assert_nonnull (mfa_verification_get_message (verification));
  mfa_verification_sign_in (verification, "sign-in@example.com", "");
  g_assert_cmpstr (mfa_verification_get_invalid_field (verification), ==, "password");
  g_assert_cmpstr (mfa_verification_get_message (verification), ==, "Enter your password.");
  g_assert_false (mfa_verification_get_busy (verification));
  g_assert_cmpuint (mfa_test_count_requests (server, "POST /v1/client/sign_ins"), ==, 0);

  mfa_verification_sign_in (verification, "sign-in@example.com", "not the password");
  g_assert_true (mfa_verification_get_busy (verification));
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_IDLE);
  g_assert_cmpstr (mfa_verification_get_invalid_field (verification), ==, "password");
  g_assert_cmpstr (mfa_verification_get_message (verification), ==, "The password is not right.");
  g_assert_nonnull (mfa_verification_get_error (verification));

  mfa_verification_sign_in (verification, "sign-in@example.com", MFA_TEST_PASSWORD);
  g_assert_null (mfa_verification_get_message (verification));
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);
  g_assert_cmpuint (stage_notifies, ==, 1);
  g_assert_false (mfa_verification_get_new_device (verification));

  /* The default phone, its code sent at once; a backup code on offer. */
  factor = mfa_verification_get_factor (verification);
  g_assert_cmpstr (mfa_factor_get_strategy (factor), ==, "phone_code");
  g_assert_true (mfa_factor_get_default (factor));
  g_assert_nonnull (find_offered (verification, "backup_code"));
  g_assert_cmpuint (mfa_verification_get_codes_sent (verification), ==, 1);
  g_assert_cmpuint (mfa_verification_get_resend_seconds (verification), ==, MFA_RESEND_COOLDOWN_SECONDS);
  g_assert_false (mfa_verification_get_can_resend (verification));
  g_assert_cmpint (mfa_verification_get_expires_in (verification), >, 0);
  code = mfa_test_server_last_sms_code (server, numbers.e164[0]);
  g_assert_nonnull (code);

  /* A wrong code is marked and worded as one the service sent. */
  mfa_verification_attempt (verification, code[0] == '1' ? "200000" : "100000");
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);
  g_assert_true (mfa_verification_get_input_invalid (verification));
  g_assert_cmpstr (mfa_verification_get_message (verification), ==,
                   "Wrong code. Check it and try again, or send a new code.");
  mfa_verification_clear_message (verification);
  g_assert_null (mfa_verification_get_message (verification));
  g_assert_false (mfa_verification_get_input_invalid (verification));

  /* No resend before the cooldown ends; one after. */
  mfa_verification_resend (verification);
  g_assert_false (mfa_verification_get_busy (verification));
  mfa_clock_advance_us (clock, 12 * G_USEC_PER_SEC);
  mfa_test_iterate (20);
  g_assert_cmpuint (mfa_verification_get_resend_seconds (verification), ==, MFA_RESEND_COOLDOWN_SECONDS - 12);
  mfa_clock_advance_us (clock, (MFA_RESEND_COOLDOWN_SECONDS - 12) * G_USEC_PER_SEC);
  dev_clock_advance (server, MFA_RESEND_COOLDOWN_SECONDS * 1000);
  mfa_test_iterate (20);
  g_assert_true (mfa_verification_get_can_resend (verification));
  mfa_verification_resend (verification);
  wait_not_busy (verification);
  g_assert_cmpuint (mfa_verification_get_codes_sent (verification), ==, 2);
  g_free (code);
  code = mfa_test_server_last_sms_code (server, numbers.e164[0]);

  /* A backup code sends nothing; back to the phone, nothing is sent
   * again while its cooldown runs. */
  mfa_verification_set_factor (verification, find_offered (verification, "backup_code"));
  g_assert_cmpstr (mfa_verification_get_strategy (verification), ==, "backup_code");
  g_assert_false (mfa_verification_get_busy (verification));
  g_assert_cmpuint (mfa_verification_get_resend_seconds (verification), ==, 0);
  mfa_verification_attempt (verification, "   ");
  g_assert_cmpstr (mfa_verification_get_message (verification), ==, "Enter one of your backup codes.");
  mfa_verification_set_factor (verification, find_offered (verification, "phone_code"));
  g_assert_false (mfa_verification_get_busy (verification));
  g_assert_cmpuint (mfa_verification_get_codes_sent (verification), ==, 2);
  g_assert_cmpuint (mfa_verification_get_resend_seconds (verification), >, 0);

  mfa_verification_attempt (verification, code);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_COMPLETE);
  g_assert_nonnull (mfa_client_get_session_id (client));
}

/* Attempts refused as too many wait as long as the service says,
 * counting down in the message, and send nothing meanwhile. */
static void
test_rate_limited_attempt (void)
{
  g_autoptr(MfaClient) client = mfa_client_new (mfa_test_server_get_base_url (server));
  g_autoptr(MfaClock) clock = manual_clock ();
  g_autoptr(MfaVerification) verification = mfa_verification_new_sign_in (client, clock);
  g_autofree char *code = NULL;
  Numbers numbers;

  make_mfa_user ("rate@example.com", &numbers);
  mfa_verification_sign_in (verification, "rate@example.com", MFA_TEST_PASSWORD);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);
  code = mfa_test_server_last_sms_code (server, numbers.e164[0]);

  mfa_test_add_fault (server, "{\"path\": \"/v1/client/sign_ins/*/attempt_second_factor\","
                              " \"kind\": \"status\", \"status\": 429, \"times\": 1}");
  mfa_verification_attempt (verification, code);
  wait_not_busy (verification);
  g_assert_cmpuint (mfa_verification_get_retry_seconds (verification), ==, 1);
  g_assert_cmpstr (mfa_verification_get_message (verification), ==,
                   "Too many attempts. Try again in 1 second.");
  g_assert_false (mfa_verification_get_input_invalid (verification));

  /* Typing does not hide the countdown, and nothing is sent. */
  mfa_verification_clear_message (verification);
  g_assert_nonnull (mfa_verification_get_message (verification));
  mfa_verification_attempt (verification, code);
  g_assert_false (mfa_verification_get_busy (verification));

  mfa_clock_advance_us (clock, 1 * G_USEC_PER_SEC);
  mfa_test_iterate (20);
  g_assert_cmpuint (mfa_verification_get_retry_seconds (verification), ==, 0);
  g_assert_null (mfa_verification_get_message (verification));

  mfa_verification_attempt (verification, code);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_COMPLETE);
}

/* Step-up at level multi_factor: the password first, then the default
 * phone, shown as the list shows it, its code sent at once. */
static void
test_reverification (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaClock) clock = manual_clock ();
  g_autoptr(MfaVerification) verification = NULL;
  g_autofree char *code = NULL;
  MfaFactor *factor;
  Numbers numbers;

  make_mfa_user ("step-up@example.com", &numbers);
  client = mfa_test_signed_in_client (server, "step-up@example.com", MFA_TEST_PASSWORD);
  verification = mfa_verification_new_reverification (client, clock, "multi_factor");

  mfa_verification_start (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_LOADING);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);
  g_assert_cmpint (mfa_verification_get_step (verification), ==, MFA_FACTOR_STEP_FIRST);
  g_assert_cmpstr (mfa_verification_get_strategy (verification), ==, "password");
  g_assert_cmpuint (mfa_verification_get_codes_sent (verification), ==, 0);

  mfa_verification_attempt (verification, "not the password");
  wait_not_busy (verification);
  g_assert_cmpstr (mfa_verification_get_message (verification), ==, "The password is not right.");
  g_assert_true (mfa_verification_get_input_invalid (verification));
  g_assert_cmpint (mfa_verification_get_step (verification), ==, MFA_FACTOR_STEP_FIRST);

  mfa_verification_attempt (verification, MFA_TEST_PASSWORD);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);
  g_assert_cmpint (mfa_verification_get_step (verification), ==, MFA_FACTOR_STEP_SECOND);
  factor = mfa_verification_get_factor (verification);
  g_assert_cmpstr (mfa_factor_get_strategy (factor), ==, "phone_code");
  g_assert_cmpstr (mfa_factor_get_safe_identifier (factor), ==, numbers.e164[0]);
  g_assert_cmpuint (mfa_verification_get_codes_sent (verification), ==, 1);

  code = mfa_test_server_last_sms_code (server, numbers.e164[0]);
  mfa_verification_attempt (verification, code);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_COMPLETE);
}

/* A new number: its code goes out on start, with its expiry counting
 * down; an expired code says so; the right one verifies the number. */
static void
test_phone (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaClock) clock = manual_clock ();
  g_autoptr(MfaVerification) verification = NULL;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  Numbers numbers;
  int expires_in;

  make_mfa_user ("phone@example.com", &numbers);
  client = mfa_test_signed_in_client (server, "phone@example.com", MFA_TEST_PASSWORD);
  mfa_client_create_phone_number_async (client, numbers.e164[2], NULL, mfa_test_result_cb, &result);
  phone = mfa_client_create_phone_number_finish (client, mfa_test_wait (&result), &error);
  g_assert_no_error (error);

  verification = mfa_verification_new_phone (client, clock, NULL, phone);
  mfa_verification_start (verification);
  g_assert_true (mfa_verification_get_busy (verification));
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);
  g_assert_cmpuint (g_list_model_get_n_items (mfa_verification_get_factors (verification)), ==, 1);
  g_assert_cmpuint (mfa_verification_get_codes_sent (verification), ==, 1);
  g_assert_true (mfa_verification_get_phone (verification) == phone);
  expires_in = mfa_verification_get_expires_in (verification);
  g_assert_cmpint (expires_in, >, 60);

  mfa_clock_advance_us (clock, 60 * G_USEC_PER_SEC);
  mfa_test_iterate (20);
  g_assert_cmpint (mfa_verification_get_expires_in (verification), ==, expires_in - 60);

  code = mfa_test_server_last_sms_code (server, numbers.e164[2]);
  mfa_verification_attempt (verification, code[0] == '1' ? "200000" : "100000");
  wait_not_busy (verification);
  g_assert_true (mfa_verification_get_input_invalid (verification));
  g_assert_false (mfa_phone_number_is_verified (phone));

  mfa_verification_attempt (verification, code);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_COMPLETE);
  g_assert_true (mfa_phone_number_is_verified (phone));
  g_assert_cmpint (mfa_verification_get_expires_in (verification), ==, -1);
}

/* An authenticator app: a new secret with its link, no code sent; a
 * wrong code is marked, the app's code sets it up and, as the first way
 * to receive codes, brings backup codes; the secret is gone once set up.
 * Leaving before that forgets the secret too. */
static void
test_totp (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaClock) clock = manual_clock ();
  g_autoptr(MfaVerification) verification = NULL;
  g_autoptr(MfaVerification) left = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *grouped = NULL;
  g_autofree char *code = NULL;
  g_autofree char *id = NULL;
  MfaTotp *totp;

  id = mfa_test_create_user (server, "{\"identifier\":\"totp@example.com\",\"password\":\""
                             MFA_TEST_PASSWORD "\"}");
  g_assert_true (g_str_has_prefix (id, "user_"));
  client = mfa_test_signed_in_client (server, "totp@example.com", MFA_TEST_PASSWORD);
  g_assert_false (mfa_user_get_totp_enabled (mfa_client_get_user (client)));

  /* Left before a code: the secret goes with the set-up. */
  left = mfa_verification_new_totp (client, clock);
  mfa_verification_start (left);
  wait_not_busy (left);
  g_assert_nonnull (mfa_verification_get_totp (left));
  mfa_verification_cancel (left);
  g_assert_null (mfa_verification_get_totp (left));
  g_assert_cmpint (mfa_verification_get_stage (left), ==, MFA_VERIFICATION_STAGE_IDLE);

  verification = mfa_verification_new_totp (client, clock);
  g_assert_cmpint (mfa_verification_get_kind (verification), ==, MFA_VERIFICATION_KIND_TOTP);
  mfa_test_clear_requests (server);
  mfa_verification_start (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_LOADING);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);
  g_assert_cmpstr (mfa_verification_get_strategy (verification), ==, "totp");
  g_assert_cmpuint (mfa_verification_get_codes_sent (verification), ==, 0);
  g_assert_cmpuint (mfa_test_count_requests (server, "POST /v1/me/totp"), ==, 1);

  totp = mfa_verification_get_totp (verification);
  g_assert_nonnull (totp);
  g_assert_false (mfa_totp_get_verified (totp));
  secret = g_strdup (mfa_totp_get_secret (totp));
  g_assert_cmpuint (strlen (secret), >=, 16);
  g_assert_true (g_str_has_prefix (mfa_totp_get_uri (totp), "otpauth://totp/"));
  g_assert_nonnull (strstr (mfa_totp_get_uri (totp), secret));
  /* Groups of four, as people read and type it. */
  grouped = mfa_totp_dup_grouped_secret (totp);
  g_assert_cmpuint (strlen (grouped), ==, strlen (secret) + (strlen (secret) - 1) / 4);
  g_assert_cmpint (grouped[4], ==, ' ');

  code = test_totp_now (server, secret);
  mfa_verification_attempt (verification, code[0] == '1' ? "200000" : "100000");
  wait_not_busy (verification);
  g_assert_true (mfa_verification_get_input_invalid (verification));
  g_assert_cmpstr (mfa_verification_get_message (verification), ==,
                   "The code is not right. Check it and try again.");
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FACTOR);

  mfa_verification_attempt (verification, code);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_COMPLETE);
  g_assert_null (mfa_verification_get_totp (verification));
  g_assert_nonnull (mfa_verification_get_backup_codes (verification));
  g_assert_cmpuint (mfa_backup_codes_get_n_codes (mfa_verification_get_backup_codes (verification)), >, 0);
  g_assert_true (mfa_user_get_totp_enabled (mfa_client_get_user (client)));
  g_assert_true (mfa_user_get_two_factor_enabled (mfa_client_get_user (client)));

  /* Set up already: a second set-up says so in our words. */
  g_clear_object (&left);
  left = mfa_verification_new_totp (client, clock);
  mfa_verification_start (left);
  wait_not_busy (left);
  g_assert_cmpint (mfa_verification_get_stage (left), ==, MFA_VERIFICATION_STAGE_PROBLEM);
  g_assert_cmpstr (mfa_verification_get_message (left), ==,
                   "An authenticator app is set up already. Remove it first to set up another.");
}

/* A session that ends during a step-up ends the verification. */
static void
test_session_gone (void)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaClient) other = NULL;
  g_autoptr(MfaVerification) verification = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Numbers numbers;

  make_mfa_user ("gone@example.com", &numbers);
  client = mfa_test_signed_in_client (server, "gone@example.com", MFA_TEST_PASSWORD);
  verification = mfa_verification_new_reverification (client, NULL, "first_factor");

  /* Signed out elsewhere with the same client token. */
  other = mfa_client_new (mfa_test_server_get_base_url (server));
  mfa_client_set_token (other, mfa_client_get_token (client));
  mfa_client_refresh_async (other, NULL, mfa_test_result_cb, &result);
  g_assert_true (mfa_client_refresh_finish (other, mfa_test_wait (&result), &error));
  g_clear_object (&result);
  mfa_client_remove_session_async (other, NULL, NULL, mfa_test_result_cb, &result);
  g_assert_true (mfa_client_remove_session_finish (other, mfa_test_wait (&result), &error));
  g_assert_no_error (error);

  mfa_verification_start (verification);
  wait_not_busy (verification);
  g_assert_cmpint (mfa_verification_get_stage (verification), ==, MFA_VERIFICATION_STAGE_FAILED);
  g_assert_error (mfa_verification_get_error (verification), MFA_CLIENT_ERROR,
                  MFA_CLIENT_ERROR_SESSION_GONE);
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

  g_test_add_func ("/core/verification/sign-in", test_sign_in);
  g_test_add_func ("/core/verification/rate-limited-attempt", test_rate_limited_attempt);
  g_test_add_func ("/core/verification/reverification", test_reverification);
  g_test_add_func ("/core/verification/phone", test_phone);
  g_test_add_func ("/core/verification/session-gone", test_session_gone);
  g_test_add_func ("/core/verification/totp", test_totp);

  status = g_test_run ();
  mfa_test_server_free (server);
  return status;
}
