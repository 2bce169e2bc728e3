/* bench-seed-session.c
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

/* Signs in to a local server's demo account as the app would and leaves
 * the session in the keyring, so a benchmark can time a start that
 * restores it.
 *
 *   bench-seed-session BASE-URL IDENTIFIER PASSWORD [--print-token]
 *
 * With --print-token it prints the session's token too, for a load test
 * of that throwaway local server.
 */

#include "config.h"

#include "mfa-client.h"
#include "mfa-session-store.h"

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaSessionStore) store = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const char *phone_id = NULL;
  GListModel *factors;

  if (argc != 4 && (argc != 5 || g_strcmp0 (argv[4], "--print-token") != 0))
    {
      g_printerr ("usage: %s BASE-URL IDENTIFIER PASSWORD [--print-token]\n", argv[0]);
      return 2;
    }

  client = mfa_client_new (argv[1]);
  mfa_client_sign_in_async (client, argv[2], argv[3], NULL, done_cb, NULL);
  res = wait_for_result ();
  sign_in = mfa_client_sign_in_finish (client, res, &error);
  if (sign_in == NULL)
    g_error ("sign-in: %s", error->message);
  g_clear_object (&res);

  if (mfa_sign_in_get_status (sign_in) == MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR)
    {
      g_autoptr(MfaSignIn) prepared = NULL;
      g_autoptr(MfaSignIn) complete = NULL;

      factors = mfa_sign_in_get_second_factors (sign_in);
      for (guint i = 0; i < g_list_model_get_n_items (factors); i++)
        {
          g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

          if (g_strcmp0 (mfa_factor_get_strategy (factor), "phone_code") == 0 &&
              mfa_factor_get_default (factor))
            phone_id = mfa_factor_get_phone_number_id (factor);
        }
      if (phone_id == NULL)
        g_error ("the account has no default phone");

      mfa_client_prepare_second_factor_async (client, mfa_sign_in_get_id (sign_in), phone_id,
                                              NULL, done_cb, NULL);
      res = wait_for_result ();
      prepared = mfa_client_prepare_second_factor_finish (client, res, &error);
      if (prepared == NULL)
        g_error ("prepare: %s", error->message);
      g_clear_object (&res);

      /* The demo's numbers are test numbers: their code is always 424242. */
      mfa_client_attempt_second_factor_async (client, mfa_sign_in_get_id (sign_in), "phone_code",
                                              "424242", NULL, done_cb, NULL);
      res = wait_for_result ();
      complete = mfa_client_attempt_second_factor_finish (client, res, &error);
      if (complete == NULL)
        g_error ("attempt: %s", error->message);
      g_clear_object (&res);
    }

  store = mfa_session_store_new ();
  mfa_session_store_store_async (store, argv[1], mfa_client_get_token (client), NULL, done_cb, NULL);
  res = wait_for_result ();
  if (!mfa_session_store_store_finish (store, res, &error))
    g_error ("keyring: %s", error->message);

  if (argc == 5)
    g_print ("%s\n", mfa_client_get_token (client));

  return 0;
}
