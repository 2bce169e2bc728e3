/* test-session-store-nobus.c
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

#define G_LOG_DOMAIN "test-session-store-nobus"

#include "config.h"

#include <libsecret/secret.h>

#include "mfa-session-store.h"

/* A private session bus with no services on it: no Secret Service. */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_files (child) : 1;
    }
  return n;
}

static void
test_no_service (void)
{
  g_autoptr(MfaSessionStore) self = mfa_session_store_new ();
  g_autoptr(GError) error = NULL;
  const char *url = "http://127.0.0.1:8787";

  {
    g_autoptr(GAsyncResult) result = NULL;

    mfa_session_store_store_async (self, url, "Bearer secret-token", NULL, result_cb, &result);
    g_assert_false (mfa_session_store_store_finish (self, wait_for (&result), &error));
    g_assert_error (error, MFA_SESSION_STORE_ERROR, MFA_SESSION_STORE_ERROR_NO_SERVICE);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *token = NULL;

    mfa_session_store_lookup_async (self, url, NULL, result_cb, &result);
    token = mfa_session_store_lookup_finish (self, wait_for (&result), &error);
    g_assert_null (token);
    g_assert_error (error, MFA_SESSION_STORE_ERROR, MFA_SESSION_STORE_ERROR_NO_SERVICE);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    mfa_session_store_clear_async (self, url, NULL, result_cb, &result);
    g_assert_false (mfa_session_store_clear_finish (self, wait_for (&result), &error));
    g_assert_error (error, MFA_SESSION_STORE_ERROR, MFA_SESSION_STORE_ERROR_NO_SERVICE);
    g_clear_error (&error);
  }

  /* No plain-text fallback: nothing was written anywhere of ours. */
  g_assert_cmpuint (count_files (g_get_user_data_dir ()), ==, 0);
  g_assert_cmpuint (count_files (g_get_user_config_dir ()), ==, 0);
  g_assert_cmpuint (count_files (g_get_user_cache_dir ()), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  g_test_add_func ("/core/session-store-nobus/no-service", test_no_service);
  status = g_test_run ();

  secret_service_disconnect ();
  g_test_dbus_stop (bus);
  return status;
}
