/* test-secret-hygiene.c
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

#define G_LOG_DOMAIN "test-secret-hygiene"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mfa-account.h"
#include "mfa-add-phone-view.h"
#include "mfa-backup-codes-view.h"
#include "mfa-code-entry.h"
#include "mfa-country-chooser.h"
#include "mfa-instance.h"
#include "mfa-manage-view.h"
#include "mfa-totp-view.h"
#include "mfa-ui-test-utils.h"
#include "mfa-window.h"

/* The whole flow with every debug message on: sign in with a password
 * and a text message, add and verify a number, use it for two-step
 * verification, set up an authenticator app, get new backup codes, save
 * them, sign out. No secret is
 * in anything the process logs, nor in any file under the test's home
 * but the codes file the person asked for, which only they can read.
 *
 * The flow runs in a child process, outside the test framework, which
 * logs every message to a file (mfa_test_run_child()) and tells on
 * standard output the secrets it met; the test reads both.
 */

#define IDENTIFIER "ann@example.com"
#define PASSWORD "correct horse battery"
#define PHONE "+12015550123"
/* Not one of the test numbers: its code is random. */
#define PHONE_NEW "+12025550147"

static const MfaTestUser user = {
  .identifier   = IDENTIFIER,
  .password     = PASSWORD,
  .backup_codes = TRUE,
  .phones = {
    { PHONE, MFA_TEST_PHONE_DEFAULT },
  },
};

static void
assert_not_logged (const char *log,
                   const char *what,
                   const char *secret)
{
  g_assert_nonnull (secret);
  g_assert_cmpuint (strlen (secret), >=, 6);
  if (strstr (log, secret) != NULL)
    g_error ("%s “%s” is in the log", what, secret);
}

/* Every regular file under @dir, recursively. */
static void
collect_files (const char *dir,
               GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, files);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

/* Binary files too: NUL bytes do not end the search. */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n > 0 && i + n <= len; i++)
    {
      if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct {
  MfaTestServer *server;
  MfaWindow     *window;
} Fixture;

static const char *
page (Fixture *fx)
{
  return mfa_window_get_page_name (fx->window);
}

/* Tells the test a secret the flow met: "KIND VALUE" on a line. */
static void
tell (const char *kind,
      const char *value)
{
  printf ("%s %s\n", kind, value);
  fflush (stdout);
}

static void
flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static char *
wait_for_code (Fixture    *fx,
               const char *e164)
{
  char *code = NULL;

  mfa_test_wait_until ((code = mfa_test_server_last_sms_code (fx->server, e164)) != NULL);
  tell ("code", code);

  return code;
}

static void
type_code (GtkWidget  *root,
           const char *code)
{
  MfaCodeEntry *entry = MFA_CODE_ENTRY (mfa_test_find_widget (root, MFA_TYPE_CODE_ENTRY, NULL));
  int position = 0;

  g_assert_nonnull (entry);
  mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (entry)));
  gtk_editable_insert_text (mfa_code_entry_get_editable (entry), code, -1, &position);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mfa_backup_codes_view_save_finish (MFA_BACKUP_CODES_VIEW (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The child: the whole flow, every secret met told on standard output. */
static int
full_flow_child (void)
{
  Fixture fx = { 0 };
  g_autofree char *user_id = NULL;
  g_auto(GStrv) initial_codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *codes_path = NULL;
  g_autofree char *refused = NULL;
  MfaBackupCodesView *codes_view;
  MfaBackupCodes *codes;
  GtkWidget *view;
  GtkWidget *add_view;
  AdwPreferencesRow *row;
  GtkWidget *dialog;
  GStatBuf st;
  gboolean saved = FALSE;

  mfa_test_child_log ();
  /* As gtk_test_init() sets GTK up, the test framework aside. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "en_US.UTF-8");
  gtk_init ();
  adw_init ();

  fx.server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                   "--rate-limits", "off", NULL);
  user_id = mfa_test_add_user (fx.server, &user, &initial_codes);
  for (guint i = 0; initial_codes[i] != NULL; i++)
    tell ("code", initial_codes[i]);

  /* Sign in: the password, then the code sent to the default phone. */
  fx.window = mfa_window_new (NULL, mfa_test_server_get_base_url (fx.server));
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fx.window));
  mfa_test_wait_until (g_strcmp0 (page (&fx), "sign-in") == 0);
  view = mfa_test_window_page (fx.window, "sign-in");
  gtk_editable_set_text (GTK_EDITABLE (mfa_test_find_row (view, "_Email, Phone or Username")),
                         IDENTIFIER);
  row = mfa_test_find_row (view, "_Password");
  gtk_editable_set_text (GTK_EDITABLE (row), PASSWORD);
  g_signal_emit_by_name (row, "entry-activated");
  code = wait_for_code (&fx, PHONE);
  type_code (view, code);
  mfa_test_wait_until (g_strcmp0 (page (&fx), "manage") == 0);
  g_clear_pointer (&code, g_free);

  /* Add a number and verify it. */
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.show-add-phone", NULL);
  mfa_test_wait_until (g_strcmp0 (page (&fx), "add-phone") == 0);
  add_view = mfa_test_window_page (fx.window, "add-phone");
  g_assert_true (mfa_country_chooser_set_region (MFA_COUNTRY_CHOOSER (
                   mfa_test_find_widget (add_view, MFA_TYPE_COUNTRY_CHOOSER, NULL)), "US"));
  gtk_editable_set_text (GTK_EDITABLE (mfa_test_find_row (add_view, "_Phone Number")), "2025550147");
  flush ();
  mfa_test_click (mfa_test_find_labelled_button (add_view, "_Continue"));
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (MFA_ADD_PHONE_VIEW (add_view)),
                                  "code") == 0 &&
                       gtk_widget_is_sensitive (mfa_test_find_labelled_button (add_view,
                                                                               "Change _Number")));
  code = wait_for_code (&fx, PHONE_NEW);
  type_code (add_view, code);
  g_clear_pointer (&code, g_free);

  /* Use it for two-step verification. */
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (MFA_ADD_PHONE_VIEW (add_view)),
                                  "done") == 0);
  mfa_test_wait_until (gtk_widget_is_sensitive (mfa_test_find_labelled_button (add_view,
                                                                               "_Use for Sign-In Codes")));
  mfa_test_click (mfa_test_find_labelled_button (add_view, "_Use for Sign-In Codes"));
  mfa_test_wait_until (g_strcmp0 (page (&fx), "manage") == 0);

  /* An authenticator app: its secret is told like a code, the link
   * holding it too. */
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.set-up-totp", NULL);
  mfa_test_wait_until (g_strcmp0 (page (&fx), "totp") == 0);
  {
    MfaVerification *totp_setup = mfa_totp_view_get_verification (MFA_TOTP_VIEW (mfa_test_window_page (fx.window, "totp")));
    g_autofree char *secret = NULL;

    mfa_test_wait_until (mfa_verification_get_stage (totp_setup) == MFA_VERIFICATION_STAGE_FACTOR);
    secret = g_strdup (mfa_totp_get_secret (mfa_verification_get_totp (totp_setup)));
    tell ("code", secret);
    code = test_totp_now (fx.server, secret);
    type_code (mfa_test_window_page (fx.window, "totp"), code);
    g_clear_pointer (&code, g_free);
    mfa_test_wait_until (g_strcmp0 (page (&fx), "manage") == 0);
  }

  /* New backup codes, shown at once. */
  view = mfa_test_window_page (fx.window, "manage");
  row = mfa_test_find_row (view, "Backup Codes");
  mfa_test_wait_until (mfa_test_widget_is_shown (GTK_WIDGET (row)));
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row), "_Generate New Codes…"));
  dialog = mfa_test_wait_for_alert ();
  mfa_test_click (mfa_test_find_button (dialog, "_Generate"));
  mfa_test_wait_until (g_strcmp0 (page (&fx), "backup-codes") == 0);
  codes_view = MFA_BACKUP_CODES_VIEW (mfa_test_window_page (fx.window, "backup-codes"));
  codes = mfa_backup_codes_view_get_codes (codes_view);
  g_assert_nonnull (codes);
  g_assert_cmpuint (mfa_backup_codes_get_n_codes (codes), >, 0);
  for (guint i = 0; i < mfa_backup_codes_get_n_codes (codes); i++)
    tell ("code", mfa_backup_codes_get_codes (codes)[i]);

  /* Saved to a file: only its owner may read it. */
  codes_path = g_build_filename (g_get_home_dir (), "mfa-secret-hygiene-codes.txt", NULL);
  g_unlink (codes_path);
  {
    g_autoptr(GFile) file = g_file_new_for_path (codes_path);

    mfa_backup_codes_view_save_async (codes_view, file, NULL, save_cb, &saved);
    mfa_test_wait_until (saved);
  }
  g_assert_cmpint (g_stat (codes_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  tell ("codes-file", codes_path);

  /* The token, as the client holds it, before it goes. */
  token = g_strdup (mfa_client_get_token (mfa_account_get_client (mfa_window_get_account (fx.window))));
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >, 20);
  tell ("token", token);

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.sign-out", NULL);
  mfa_test_wait_until (g_strcmp0 (page (&fx), "sign-in") == 0);
  mfa_test_iterate (100);

  /* No plain HTTP but to this computer. */
  refused = mfa_instance_normalize_frontend_api ("http://example.com", &error);
  g_assert_null (refused);
  g_assert_error (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_INSECURE);

  g_object_ref (fx.window);
  gtk_window_destroy (GTK_WINDOW (fx.window));
  mfa_test_wait_until (G_OBJECT (fx.window)->ref_count == 1);
  g_assert_finalize_object (fx.window);
  mfa_test_server_free (fx.server);

  return 0;
}

static void
test_full_flow (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *told = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  const char *token = NULL;
  const char *codes_path = NULL;
  const char * const formatted[] = {
    PHONE, PHONE_NEW, "201-555-0123", "202-555-0147", "(201) 555-0123", "(202) 555-0147",
    "2015550123", "2025550147",
  };
  const char *dirs[] = {
    g_get_home_dir (), g_get_user_data_dir (), g_get_user_cache_dir (), g_get_user_config_dir (),
  };

  log = mfa_test_run_child ("full-flow", NULL, &told);
  lines = g_strsplit (told, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *value = strchr (lines[i], ' ');

      if (value == NULL)
        continue;
      *value++ = '\0';
      if (g_str_equal (lines[i], "code"))
        g_ptr_array_add (codes, value);
      else if (g_str_equal (lines[i], "token"))
        token = value;
      else if (g_str_equal (lines[i], "codes-file"))
        codes_path = value;
    }
  g_assert_nonnull (token);
  g_assert_nonnull (codes_path);
  g_assert_cmpuint (codes->len, >, 0);

  /* Nothing logged holds a secret or a whole number... */
  g_assert_nonnull (strstr (log, "POST /v1/client/sign_ins"));
  assert_not_logged (log, "the token", token);
  if (g_str_has_prefix (token, "Bearer "))
    assert_not_logged (log, "the token", token + strlen ("Bearer "));
  assert_not_logged (log, "the password", PASSWORD);
  assert_not_logged (log, "the identifier", IDENTIFIER);
  for (guint i = 0; i < codes->len; i++)
    assert_not_logged (log, "a code", g_ptr_array_index (codes, i));
  for (guint i = 0; i < G_N_ELEMENTS (formatted); i++)
    assert_not_logged (log, "a phone number", formatted[i]);

  /* ...nor does any file under the home and the XDG folders but the
   * codes file (the keyring file is encrypted). */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    collect_files (dirs[i], files);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_str_equal (path, codes_path) || !g_file_get_contents (path, &data, &len, NULL))
        continue;

      if (contains (data, len, token + (g_str_has_prefix (token, "Bearer ") ? 7 : 0)))
        g_error ("%s holds the token", path);
      for (guint j = 0; j < codes->len; j++)
        {
          if (contains (data, len, g_ptr_array_index (codes, j)))
            g_error ("%s holds the code %s", path, (char *) g_ptr_array_index (codes, j));
        }
    }
  g_assert_cmpint (g_unlink (codes_path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  const char *role = mfa_test_child_role (argc, argv);

  if (g_strcmp0 (role, "full-flow") == 0)
    return full_flow_child ();
  g_assert_null (role);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mfa/secret-hygiene/full-flow", test_full_flow);

  return g_test_run ();
}
