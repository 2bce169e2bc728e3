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
 * requests are there, the sign-in identifier and the password are not. */

static MfaTestServer *server;
static GString *captured;

/* Everything the process logs, at every level, is kept; the default
 * writer prints all but debug and informational messages (and warnings
 * stay fatal). */
static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        {
          if (fields[i].length < 0)
            g_string_append (captured, fields[i].value);
          else
            g_string_append_len (captured, fields[i].value, fields[i].length);
          g_string_append_c (captured, ' ');
        }
    }
  g_string_append_c (captured, '\n');

  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Sends a sign-in for @identifier and returns what was logged meanwhile. */
static char *
log_of_sign_in (MfaClient  *client,
                const char *identifier,
                const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  g_string_truncate (captured, 0);
  mfa_client_sign_in_async (client, identifier, password, NULL, mfa_test_result_cb, &result);
  sign_in = mfa_client_sign_in_finish (client, mfa_test_wait (&result), &error);

  /* Right or wrong, the request went out and was logged. */
  g_assert_true (sign_in != NULL || error != NULL);

  return g_strdup (captured->str);
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
      g_autoptr(MfaClient) client = mfa_client_new (mfa_test_server_get_base_url (server));
      g_autofree char *log = log_of_sign_in (client, cases[i].identifier, MFA_TEST_PASSWORD);

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
  int status;

  /* Before GLib reads it: every debug message is written. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  /* Loopback only: no desktop proxy settings (their schema is not in
   * the test's GSETTINGS_SCHEMA_DIR). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  captured = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/client-log/identifier-masked", test_identifier_masked);

  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);
  status = g_test_run ();
  mfa_test_server_free (server);
  g_string_free (captured, TRUE);
  return status;
}
