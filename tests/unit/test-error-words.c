/* test-error-words.c
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

#include <string.h>

#include "mfa-client-error.h"
#include "mfa-error-words.h"

/* mfa_error_describe(): one sentence per error and what the person was
 * doing; never the service's own text. */

#define BASE_URL "https://clerk.example.com"

static GError *
clerk_error (MfaClientError  code,
             const char     *clerk_code,
             const char     *param,
             gint64          retry_after)
{
  guint status = 422;
  GError *error;

  /* As the client has them: no status without an answer, 200 for an
   * answer that is not the protocol's. */
  if (code == MFA_CLIENT_ERROR_RATE_LIMITED)
    status = 429;
  else if (code == MFA_CLIENT_ERROR_CONNECTION_REFUSED)
    status = 0;
  else if (code == MFA_CLIENT_ERROR_BAD_RESPONSE || code == MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE)
    status = 200;

  error = mfa_client_error_new (code, "the app's sentence for it", clerk_code, param, "trace",
                                status, retry_after);

  mfa_client_error_set_server_message (error, "what the service said, in English");
  return error;
}

static void
assert_describes (const GError    *error,
                  MfaErrorContext  context,
                  const char      *subject,
                  const char      *expected)
{
  g_autofree char *text = mfa_error_describe (error, context, BASE_URL, subject);

  g_assert_cmpstr (text, ==, expected);
  g_assert_null (strstr (text, "in English"));
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = clerk_error (MFA_CLIENT_ERROR_CONNECTION_REFUSED, NULL, NULL, -1);

  assert_describes (error, MFA_ERROR_CONTEXT_CHANGE, NULL,
                    "Could not reach clerk.example.com. Check your connection and try again.");
  assert_describes (error, MFA_ERROR_CONTEXT_SEND_CODE, NULL,
                    "Could not reach clerk.example.com. No code was sent: check the connection and send the code again.");
  assert_describes (error, MFA_ERROR_CONTEXT_CHECK_SENT_CODE, NULL,
                    "Could not reach clerk.example.com. Your code is kept: check the connection and try again.");
  /* Beside a Retry button, the service is only named. */
  assert_describes (error, MFA_ERROR_CONTEXT_REMOVE_NUMBER, "+1 201-555-0101",
                    "Could not reach clerk.example.com");
}

static void
test_rate_limit (void)
{
  g_autoptr(GError) waited = clerk_error (MFA_CLIENT_ERROR_RATE_LIMITED, "too_many_requests", NULL, 12);
  g_autoptr(GError) unsaid = clerk_error (MFA_CLIENT_ERROR_RATE_LIMITED, "too_many_requests", NULL, -1);

  assert_describes (waited, MFA_ERROR_CONTEXT_CHECK_CODE, NULL,
                    "Too many attempts. Try again in 12 seconds.");
  assert_describes (waited, MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY, NULL,
                    "Too many attempts. Try again in 12 seconds.");
  assert_describes (unsaid, MFA_ERROR_CONTEXT_CHANGE, NULL,
                    "Too many attempts. Wait a moment and try again.");
  /* A code asked for too soon: the countdown on the button says when. */
  assert_describes (waited, MFA_ERROR_CONTEXT_SEND_CODE, NULL,
                    "A code was sent a moment ago. You can ask for another when the countdown ends.");
}

static void
test_codes (void)
{
  g_autoptr(GError) wrong = clerk_error (MFA_CLIENT_ERROR_CODE_INCORRECT, "form_code_incorrect", "code", -1);
  g_autoptr(GError) expired = clerk_error (MFA_CLIENT_ERROR_VERIFICATION_EXPIRED, "verification_expired", NULL, -1);
  g_autoptr(GError) failed = clerk_error (MFA_CLIENT_ERROR_VERIFICATION_FAILED, "verification_failed", NULL, -1);

  assert_describes (wrong, MFA_ERROR_CONTEXT_CHECK_SENT_CODE, NULL,
                    "Wrong code. Check it and try again, or send a new code.");
  /* An authenticator's code cannot be sent again: the client's sentence. */
  assert_describes (wrong, MFA_ERROR_CONTEXT_CHECK_CODE, NULL, "the app's sentence for it");
  assert_describes (expired, MFA_ERROR_CONTEXT_CHECK_SENT_CODE, NULL,
                    "This code has expired. Send a new one.");
  assert_describes (failed, MFA_ERROR_CONTEXT_CHECK_SENT_CODE, NULL,
                    "Too many wrong codes. Send a new code and try again.");
}

static void
test_numbers (void)
{
  g_autoptr(GError) taken = clerk_error (MFA_CLIENT_ERROR_FAILED, "form_identifier_exists", "phone_number", -1);
  g_autoptr(GError) country = clerk_error (MFA_CLIENT_ERROR_FAILED, "unsupported_country_code", NULL, -1);
  g_autoptr(GError) only_way = clerk_error (MFA_CLIENT_ERROR_FAILED, "identification_update_failed", NULL, -1);
  g_autoptr(GError) last = clerk_error (MFA_CLIENT_ERROR_FAILED, "identification_deletion_failed", NULL, -1);

  assert_describes (taken, MFA_ERROR_CONTEXT_ADD_NUMBER, NULL,
                    "This number is already in use by another account. Enter a different number.");
  assert_describes (country, MFA_ERROR_CONTEXT_ADD_NUMBER, NULL,
                    "The service cannot send text messages to numbers in this country. Use a number from another country.");
  /* Elsewhere, the client's sentence for the code. */
  assert_describes (taken, MFA_ERROR_CONTEXT_CHANGE, NULL, "the app's sentence for it");

  /* A toast, away from the row, names the number. */
  assert_describes (only_way, MFA_ERROR_CONTEXT_USE_NUMBER, "+1 201-555-0101",
                    "+1 201-555-0101 is the only way to sign in to your account, so it cannot receive sign-in codes. Add another way to sign in first.");
  assert_describes (only_way, MFA_ERROR_CONTEXT_CHANGE, "+1 201-555-0101", "the app's sentence for it");
  assert_describes (last, MFA_ERROR_CONTEXT_REMOVE_NUMBER, "+1 201-555-0101",
                    "+1 201-555-0101 is the only way to sign in to your account, so it cannot be removed.");
}

/* A service that will not do at start: what to check. */
static void
test_connect (void)
{
  g_autoptr(GError) refused = clerk_error (MFA_CLIENT_ERROR_CONNECTION_REFUSED, NULL, NULL, -1);
  g_autoptr(GError) native = clerk_error (MFA_CLIENT_ERROR_FAILED, "native_api_disabled", NULL, -1);
  g_autoptr(GError) not_clerk = clerk_error (MFA_CLIENT_ERROR_BAD_RESPONSE, NULL, NULL, -1);
  g_autoptr(GError) too_large = clerk_error (MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE, NULL, NULL, -1);
  g_autofree char *native_text = mfa_error_describe (native, MFA_ERROR_CONTEXT_CONNECT, BASE_URL, NULL);
  g_autofree char *none = mfa_error_describe (NULL, MFA_ERROR_CONTEXT_CONNECT_NEW, BASE_URL, NULL);

  assert_describes (refused, MFA_ERROR_CONTEXT_CONNECT, NULL,
                    "The service did not answer. Check that this computer is online.");
  assert_describes (refused, MFA_ERROR_CONTEXT_CONNECT_NEW, NULL,
                    "The service did not answer. Check that this computer is online and that the key is right.");
  g_assert_cmpstr (none, ==,
                   "The service did not answer. Check that this computer is online and that the key is right.");
  /* The client's own sentence for Clerk's code. */
  g_assert_cmpstr (native_text, ==, native->message);
  assert_describes (not_clerk, MFA_ERROR_CONTEXT_CONNECT, NULL,
                    "clerk.example.com answers, but not as a Clerk Frontend API. Check that the key or the address is your service’s.");
  assert_describes (too_large, MFA_ERROR_CONTEXT_CONNECT_NEW, NULL,
                    "clerk.example.com answers, but not as a Clerk Frontend API. Check that the key or the address is your service’s.");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/error-words/unreachable", test_unreachable);
  g_test_add_func ("/unit/error-words/rate-limit", test_rate_limit);
  g_test_add_func ("/unit/error-words/codes", test_codes);
  g_test_add_func ("/unit/error-words/numbers", test_numbers);
  g_test_add_func ("/unit/error-words/connect", test_connect);

  return g_test_run ();
}
