/* test-snapshot.c
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

#define G_LOG_DOMAIN "test-snapshot"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mfa-snapshot.h"

static MfaUser *
make_user (void)
{
  MfaUser *user = mfa_user_new ("user_1");
  g_autoptr(MfaPhoneNumber) a = mfa_phone_number_new ("idn_a", "+12015550101");
  g_autoptr(MfaPhoneNumber) b = mfa_phone_number_new ("idn_b", "+12015550102");

  mfa_user_set_identifier (user, "jane@example.com");
  mfa_user_set_two_factor_enabled (user, TRUE);
  mfa_user_set_backup_code_enabled (user, TRUE);
  mfa_phone_number_set_verification_status (a, MFA_VERIFICATION_STATUS_VERIFIED);
  mfa_phone_number_set_reserved (a, TRUE);
  mfa_phone_number_set_default (a, TRUE);
  mfa_phone_number_set_created_at (a, 100);
  mfa_phone_number_set_expire_at (a, 999);
  mfa_phone_number_set_attempts (a, 2);
  mfa_phone_number_set_verification_status (b, MFA_VERIFICATION_STATUS_UNVERIFIED);
  mfa_phone_number_set_created_at (b, 200);
  mfa_user_append_phone_number (user, a);
  mfa_user_append_phone_number (user, b);
  return user;
}

static void
test_round_trip (void)
{
  g_autoptr(MfaUser) user = make_user ();
  g_autoptr(MfaUser) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mfa_snapshot_get_path ("http://127.0.0.1:8787");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "mfa-manager", NULL);
  MfaPhoneNumber *a;
  GStatBuf st;
  gint64 synced = 0;

  /* Under the (isolated) XDG cache directory. */
  g_assert_cmpstr (dir, ==, cache);

  g_assert_true (mfa_snapshot_save (user, NULL, "http://127.0.0.1:8787", 1767225000000, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* Numbers and flags only: nothing of a token or codes, no expiry. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "Bearer"));
  g_assert_null (strstr (text, "token"));
  g_assert_null (strstr (text, "codes\""));
  g_assert_null (strstr (text, "expire"));

  /* The same server under another spelling finds it. */
  loaded = mfa_snapshot_load ("http://127.0.0.1:8787/", &synced, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (synced, ==, 1767225000000);
  g_assert_cmpstr (mfa_user_get_id (loaded), ==, "user_1");
  g_assert_cmpstr (mfa_user_get_identifier (loaded), ==, "jane@example.com");
  g_assert_true (mfa_user_get_two_factor_enabled (loaded));
  g_assert_true (mfa_user_get_backup_code_enabled (loaded));
  g_assert_false (mfa_user_get_totp_enabled (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (mfa_user_get_phone_numbers (loaded)), ==, 2);
  a = mfa_user_find_phone_number (loaded, "idn_a");
  g_assert_cmpstr (mfa_phone_number_get_phone_number (a), ==, "+12015550101");
  g_assert_true (mfa_phone_number_is_verified (a));
  g_assert_true (mfa_phone_number_get_reserved (a));
  g_assert_true (mfa_phone_number_get_default (a));
  g_assert_cmpint (mfa_phone_number_get_created_at (a), ==, 100);
  g_assert_cmpint (mfa_phone_number_get_list (mfa_user_find_phone_number (loaded, "idn_b")), ==,
                   MFA_PHONE_LIST_UNVERIFIED);

  /* Another port is another server. */
  g_clear_object (&loaded);
  loaded = mfa_snapshot_load ("http://127.0.0.1:8788", NULL, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving again replaces it atomically (no temporary left behind). */
  mfa_user_set_two_factor_enabled (user, FALSE);
  g_assert_true (mfa_snapshot_save (user, NULL, "http://127.0.0.1:8787", 1767225005000, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  loaded = mfa_snapshot_load ("http://127.0.0.1:8787", &synced, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mfa_user_get_two_factor_enabled (loaded));
  g_assert_cmpint (synced, ==, 1767225005000);

  g_assert_true (mfa_snapshot_delete ("http://127.0.0.1:8787", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (mfa_snapshot_delete ("http://127.0.0.1:8787", &error));
  g_assert_no_error (error);
}

static void
test_corrupt (void)
{
  g_autoptr(MfaUser) user = make_user ();
  g_autoptr(MfaUser) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mfa_snapshot_get_path ("https://clerk.example.test");

  g_assert_true (mfa_snapshot_save (user, NULL, "https://clerk.example.test", 1, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (path, "{\"version\":1,\"user\":{\"id\":", -1, NULL));
  loaded = mfa_snapshot_load ("https://clerk.example.test", NULL, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path,
                                      "{\"version\":1,\"base_url\":\"https://clerk.example.test:443\","
                                      "\"synced_at\":1,\"user\":{\"id\":\"u\",\"two_factor_enabled\":\"yes\","
                                      "\"backup_code_enabled\":true,\"totp_enabled\":false,"
                                      "\"phone_numbers\":[]}}", -1, NULL));
  loaded = mfa_snapshot_load ("https://clerk.example.test", NULL, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* What the instance allows goes with the numbers, when it is known. */
static void
test_instance (void)
{
  const char *url = "https://clerk.instance.test";
  g_autoptr(MfaUser) user = make_user ();
  g_autoptr(MfaEnvironment) environment = mfa_environment_new (TRUE, FALSE, TRUE, FALSE, "Example Shop");
  g_autoptr(MfaEnvironment) loaded_environment = NULL;
  g_autoptr(MfaUser) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mfa_snapshot_get_path (url);
  g_autofree char *text = NULL;

  g_assert_true (mfa_snapshot_save (user, environment, url, 1, &error));
  g_assert_no_error (error);
  loaded = mfa_snapshot_load (url, NULL, &loaded_environment, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_nonnull (loaded_environment);
  g_assert_true (mfa_environment_get_sms_mfa (loaded_environment));
  g_assert_false (mfa_environment_get_backup_codes (loaded_environment));
  g_assert_true (mfa_environment_get_password (loaded_environment));
  g_assert_false (mfa_environment_get_totp (loaded_environment));
  g_assert_cmpstr (mfa_environment_get_application_name (loaded_environment), ==, "Example Shop");
  g_clear_object (&loaded);
  g_clear_object (&loaded_environment);

  /* Not known when it was saved: not known when it is read. */
  g_assert_true (mfa_snapshot_save (user, NULL, url, 2, &error));
  loaded = mfa_snapshot_load (url, NULL, &loaded_environment, &error);
  g_assert_nonnull (loaded);
  g_assert_null (loaded_environment);
  g_clear_object (&loaded);

  /* Settings that cannot be read are as if unknown; the numbers stay. */
  g_assert_true (mfa_snapshot_save (user, environment, url, 3, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"backup_codes\":false"));
  {
    g_autoptr(GString) broken = g_string_new (text);

    g_string_replace (broken, "\"backup_codes\":false", "\"backup_codes\":\"no\"", 1);
    g_assert_true (g_file_set_contents (path, broken->str, -1, NULL));
  }
  loaded = mfa_snapshot_load (url, NULL, &loaded_environment, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_null (loaded_environment);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/snapshot/round-trip", test_round_trip);
  g_test_add_func ("/core/snapshot/corrupt", test_corrupt);
  g_test_add_func ("/core/snapshot/instance", test_instance);

  return g_test_run ();
}
