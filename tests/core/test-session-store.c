/* test-session-store.c
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

#define G_LOG_DOMAIN "test-session-store"

#include "config.h"

#include <unistd.h>

#include "mfa-session-store.h"

/* Against the real keyring of the test session (gnome-keyring, unlocked
 * by build-aux/run-tests). Every URL carries this process's id so that
 * parallel runs never share an item. */

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
store (MfaSessionStore  *self,
       const char       *url,
       const char       *token,
       GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfa_session_store_store_async (self, url, token, NULL, result_cb, &result);
  return mfa_session_store_store_finish (self, wait_for (&result), error);
}

static char *
lookup (MfaSessionStore  *self,
        const char       *url,
        GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfa_session_store_lookup_async (self, url, NULL, result_cb, &result);
  return mfa_session_store_lookup_finish (self, wait_for (&result), error);
}

static gboolean
clear (MfaSessionStore  *self,
       const char       *url,
       GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfa_session_store_clear_async (self, url, NULL, result_cb, &result);
  return mfa_session_store_clear_finish (self, wait_for (&result), error);
}

static char *
url_for (int pid,
         int offset)
{
  return g_strdup_printf ("http://127.0.0.1:%d", 1024 + (pid % 8000) + offset);
}

static void
test_key_for_url (void)
{
  static const struct {
    const char *url;
    const char *key;
  } cases[] = {
    { "https://Clerk.Example.com", "https://clerk.example.com:443" },
    { "https://clerk.example.com:443/", "https://clerk.example.com:443" },
    { "http://127.0.0.1:8787", "http://127.0.0.1:8787" },
    { "http://localhost", "http://localhost:80" },
    { "http://[::1]:9000", "http://[::1]:9000" },
    /* Two proxies on one host are two services. */
    { "https://example.com/__clerk", "https://example.com:443/__clerk" },
    { "https://example.com/auth/clerk", "https://example.com:443/auth/clerk" },
    { "not a url", NULL },
    { "mailto:someone", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = mfa_session_store_key_for_url (cases[i].url);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(MfaSessionStore) self = mfa_session_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for (getpid (), 0);
  g_autofree char *token = NULL;
  g_autofree char *slash = g_strconcat (url, "/", NULL);

  /* Nothing yet: NULL and no error. */
  token = lookup (self, url, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_assert_true (store (self, url, "Bearer first-token", &error));
  g_assert_no_error (error);
  token = lookup (self, url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "Bearer first-token");
  g_clear_pointer (&token, g_free);

  /* Storing again replaces it; a trailing slash is the same server. */
  g_assert_true (store (self, slash, "Bearer second-token", &error));
  g_assert_no_error (error);
  token = lookup (self, url, &error);
  g_assert_cmpstr (token, ==, "Bearer second-token");
  g_clear_pointer (&token, g_free);

  g_assert_true (clear (self, url, &error));
  g_assert_no_error (error);
  token = lookup (self, url, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  /* Clearing what is not there is fine. */
  g_assert_true (clear (self, url, &error));
  g_assert_no_error (error);

  /* A URL without a host is refused before the keyring is asked. */
  g_assert_false (store (self, "nonsense", "Bearer x", &error));
  g_assert_error (error, MFA_SESSION_STORE_ERROR, MFA_SESSION_STORE_ERROR_BAD_URL);

  g_assert_finalize_object (g_steal_pointer (&self));
}

/* Runs in a fresh process: finds what the parent stored. */
static void
test_lookup_child (void)
{
  g_autoptr(MfaSessionStore) self = mfa_session_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only run as a subprocess");
      return;
    }
  url = g_strdup_printf ("http://127.0.0.1:%d", 40000 + getppid () % 20000);
  token = lookup (self, url, &error);
  g_assert_no_error (error);
  g_print ("token=[%s]\n", token != NULL ? token : "(none)");
}

static void
test_fresh_process (void)
{
  g_autoptr(MfaSessionStore) self = mfa_session_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d", 40000 + getpid () % 20000);

  g_assert_true (store (self, url, "Bearer from-the-parent", &error));
  g_assert_no_error (error);

  g_test_trap_subprocess ("/core/session-store/lookup-child", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*token=[Bearer from-the-parent]*");

  g_assert_true (clear (self, url, &error));
  g_assert_no_error (error);

  g_test_trap_subprocess ("/core/session-store/lookup-child", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*token=[(none)]*");
}

static void
test_two_servers (void)
{
  g_autoptr(MfaSessionStore) self = mfa_session_store_new ();
  g_autoptr(GError) error = NULL;
  int base = 10000 + getpid () % 20000;
  g_autofree char *one = g_strdup_printf ("http://127.0.0.1:%d", base);
  g_autofree char *two = g_strdup_printf ("http://127.0.0.1:%d", base + 30000);
  g_autofree char *token = NULL;

  g_assert_true (store (self, one, "Bearer one", &error));
  g_assert_true (store (self, two, "Bearer two", &error));
  g_assert_no_error (error);

  token = lookup (self, one, &error);
  g_assert_cmpstr (token, ==, "Bearer one");
  g_clear_pointer (&token, g_free);
  token = lookup (self, two, &error);
  g_assert_cmpstr (token, ==, "Bearer two");
  g_clear_pointer (&token, g_free);

  g_assert_true (clear (self, one, &error));
  token = lookup (self, one, &error);
  g_assert_null (token);
  token = lookup (self, two, &error);
  g_assert_cmpstr (token, ==, "Bearer two");
  g_clear_pointer (&token, g_free);
  g_assert_true (clear (self, two, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/session-store/key-for-url", test_key_for_url);
  g_test_add_func ("/core/session-store/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/core/session-store/fresh-process", test_fresh_process);
  g_test_add_func ("/core/session-store/lookup-child", test_lookup_child);
  g_test_add_func ("/core/session-store/two-servers", test_two_servers);

  return g_test_run ();
}
