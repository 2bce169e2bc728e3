/* test-client-log.c
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

#define G_LOG_DOMAIN "test-client-log"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"
#include "mfa-client.h"

/* What MfaClient writes to the debug log with G_MESSAGES_DEBUG=all: the
 * requests are there, the sign-in identifier and the password are not.
 * Each sign-in runs in a child process, outside the test framework, whose
 * log the test reads (mfa_test_run_child()). */

static MfaTestServer *server;

/* The child: one sign-in to the server at @base_url, every message it
 * logs meanwhile written to the log its parent reads. Right or wrong, the request
 * goes out and is logged. */
static int
sign_in_child (const char *base_url,
               const char *identifier,
               const char *password)
{
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  mfa_test_child_log ();
  client = mfa_client_new (base_url);
  mfa_client_sign_in_async (client, identifier, password, NULL, mfa_test_result_cb, &result);
  sign_in = mfa_client_sign_in_finish (client, mfa_test_wait (&result), &error);
  g_assert_true (sign_in != NULL || error != NULL);

  return 0;
}

/* What a new client logs while it sends a sign-in for @identifier, read
 * from a child process: a custom log writer is not called for messages
 * logged inside a test on every GLib. */
static char *
log_of_sign_in (const char *identifier,
                const char *password)
{
  const char *args[] = { mfa_test_server_get_base_url (server), identifier, password, NULL };

  return mfa_test_run_child ("sign-in", args, NULL);
}

static void
test_identifier_masked (void)
{
  g_autofree char *id = NULL;
  const struct {
    const char *identifier;
    const char *logged;
  } cases[] = {
    { "dana.scully@example.com", "identifier=d***@example.com" },
    { "dana", "identifier=d***" },
    { "+12015550123", "identifier=***0123" },
    { "+1 (201) 555-0199", "identifier=***0199" },
    { "x", "identifier=***" },
    { "Ülrike", "identifier=Ü***" },
  };

  id = mfa_test_create_user (server, "{\"identifier\":\"dana.scully@example.com\","
                                     "\"username\":\"dana\","
                                     "\"password\":\"" MFA_TEST_PASSWORD "\","
                                     "\"phones\":[]}");
  g_assert_true (g_str_has_prefix (id, "user_"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* A new client each time: one signed in cannot sign in again. */
      g_autofree char *log = log_of_sign_in (cases[i].identifier, MFA_TEST_PASSWORD);

      /* The request is in the log, with the identifier masked... */
      if (strstr (log, "POST /v1/client/sign_ins") == NULL ||
          strstr (log, cases[i].logged) == NULL)
        g_error ("expected “%s” in the log of a sign-in as “%s”:\n%s",
                 cases[i].logged, cases[i].identifier, log);
      /* ...never in full, and neither is the password. */
      if (strlen (cases[i].identifier) > 1)
        g_assert_null (strstr (log, cases[i].identifier));
      g_assert_null (strstr (log, MFA_TEST_PASSWORD));
      g_assert_nonnull (strstr (log, "password=(hidden)"));

    }
}

int
main (int   argc,
      char *argv[])
{
  const char *role = mfa_test_child_role (argc, argv);
  int status;

  /* Loopback only: no desktop proxy settings (their schema is not in
   * the test's GSETTINGS_SCHEMA_DIR). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  if (g_strcmp0 (role, "sign-in") == 0 && argc == 6)
    return sign_in_child (argv[3], argv[4], argv[5]);
  g_assert_null (role);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/client-log/identifier-masked", test_identifier_masked);

  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);
  status = g_test_run ();
  mfa_test_server_free (server);
  return status;
}
