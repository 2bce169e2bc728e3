/* bench-flows.c
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

/* Runs each flow of the app through its own MfaClient against a local
 * server's demo account, so that the benchmark can count the requests
 * of each in the server's log. Before and after each flow it prints
 * `flow-start NAME` / `flow-end NAME` and waits for a line on standard
 * input, while the benchmark clears and reads the log.
 *
 *   bench-flows BASE-URL IDENTIFIER PASSWORD
 */

#include "config.h"

#include <stdio.h>

#include "mfa-client.h"

/* The demo's and this number are test numbers: their code is 424242. */
#define TEST_CODE  "424242"
#define NEW_NUMBER "+12015550150"

static GAsyncResult *result;

static void
done_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  result = g_object_ref (res);
}

static GAsyncResult *
wait_for_result (void)
{
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&result);
}

static void
step (const char *what,
      const char *name)
{
  char line[64];

  g_print ("%s %s\n", what, name);
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    exit (1);
}

#define CHECK(expr) G_STMT_START { if (!(expr)) g_error ("%s: %s", #expr, error->message); } G_STMT_END

static MfaPhoneNumber *
find_phone (MfaClient  *client,
            const char *e164)
{
  GListModel *phones = mfa_user_get_phone_numbers (mfa_client_get_user (client));

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      if (g_strcmp0 (mfa_phone_number_get_phone_number (phone), e164) == 0)
        return phone;
    }

  g_error ("no number %s", e164);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(MfaSignIn) prepared = NULL;
  g_autoptr(MfaSignIn) complete = NULL;
  g_autoptr(MfaPhoneNumber) added = NULL;
  g_autoptr(MfaPhoneNumber) verified = NULL;
  g_autoptr(MfaPhoneNumber) changed = NULL;
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const char *phone_id = NULL;
  GListModel *factors;

  if (argc != 4)
    {
      g_printerr ("usage: %s BASE-URL IDENTIFIER PASSWORD\n", argv[0]);
      return 2;
    }

  client = mfa_client_new (argv[1]);

  step ("flow-start", "sign-in");
  mfa_client_sign_in_async (client, argv[2], argv[3], NULL, done_cb, NULL);
  res = wait_for_result ();
  sign_in = mfa_client_sign_in_finish (client, res, &error);
  CHECK (sign_in != NULL);
  g_clear_object (&res);
  factors = mfa_sign_in_get_second_factors (sign_in);
  for (guint i = 0; i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

      if (g_strcmp0 (mfa_factor_get_strategy (factor), "phone_code") == 0 &&
          mfa_factor_get_default (factor))
        phone_id = mfa_factor_get_phone_number_id (factor);
    }
  g_assert (phone_id != NULL);
  mfa_client_prepare_second_factor_async (client, mfa_sign_in_get_id (sign_in), phone_id,
                                          NULL, done_cb, NULL);
  res = wait_for_result ();
  prepared = mfa_client_prepare_second_factor_finish (client, res, &error);
  CHECK (prepared != NULL);
  g_clear_object (&res);
  mfa_client_attempt_second_factor_async (client, mfa_sign_in_get_id (sign_in), "phone_code",
                                          TEST_CODE, NULL, done_cb, NULL);
  res = wait_for_result ();
  complete = mfa_client_attempt_second_factor_finish (client, res, &error);
  CHECK (complete != NULL);
  g_clear_object (&res);
  step ("flow-end", "sign-in");

  step ("flow-start", "add-verify");
  mfa_client_create_phone_number_async (client, NEW_NUMBER, NULL, done_cb, NULL);
  res = wait_for_result ();
  added = mfa_client_create_phone_number_finish (client, res, &error);
  CHECK (added != NULL);
  g_clear_object (&res);
  mfa_client_prepare_phone_verification_async (client, mfa_phone_number_get_id (added), NULL,
                                               done_cb, NULL);
  res = wait_for_result ();
  g_clear_object (&verified);
  verified = mfa_client_prepare_phone_verification_finish (client, res, &error);
  CHECK (verified != NULL);
  g_clear_object (&res);
  mfa_client_attempt_phone_verification_async (client, mfa_phone_number_get_id (added), TEST_CODE,
                                               NULL, done_cb, NULL);
  res = wait_for_result ();
  g_clear_object (&verified);
  verified = mfa_client_attempt_phone_verification_finish (client, res, &error);
  CHECK (verified != NULL);
  g_clear_object (&res);
  step ("flow-end", "add-verify");

  step ("flow-start", "reserve");
  mfa_client_set_phone_reserved_async (client, mfa_phone_number_get_id (added), TRUE, NULL,
                                       done_cb, NULL);
  res = wait_for_result ();
  changed = mfa_client_set_phone_reserved_finish (client, res, NULL, &error);
  CHECK (changed != NULL);
  g_clear_object (&res);
  g_clear_object (&changed);
  step ("flow-end", "reserve");

  step ("flow-start", "make-default");
  mfa_client_make_phone_default_async (client, mfa_phone_number_get_id (added), NULL,
                                       done_cb, NULL);
  res = wait_for_result ();
  changed = mfa_client_make_phone_default_finish (client, res, &error);
  CHECK (changed != NULL);
  g_clear_object (&res);
  step ("flow-end", "make-default");

  step ("flow-start", "regenerate-codes");
  mfa_client_create_backup_codes_async (client, NULL, done_cb, NULL);
  res = wait_for_result ();
  codes = mfa_client_create_backup_codes_finish (client, res, &error);
  CHECK (codes != NULL);
  g_clear_object (&res);
  step ("flow-end", "regenerate-codes");

  /* The demo's second number: verified, neither default nor reserved. */
  step ("flow-start", "remove");
  mfa_client_delete_phone_number_async (client,
                                        mfa_phone_number_get_id (find_phone (client, "+12015550124")),
                                        NULL, done_cb, NULL);
  res = wait_for_result ();
  CHECK (mfa_client_delete_phone_number_finish (client, res, &error));
  g_clear_object (&res);
  step ("flow-end", "remove");

  return 0;
}
