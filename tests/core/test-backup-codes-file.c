/* test-backup-codes-file.c
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

#define G_LOG_DOMAIN "test-backup-codes-file"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mfa-backup-codes-file.h"
#include "mfa-test-utils.h"

#define HOST "clerk.example.test"
#define ACCOUNT "ann@example.com"

typedef struct {
  char           *tmpdir;
  MfaBackupCodes *codes;
  GDateTime      *created;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->tmpdir = mfa_test_make_tmpdir ("mfa-backup-codes-file-XXXXXX");
  f->codes = mfa_backup_codes_new ("bcode_test", mfa_test_backup_codes, 0);
  /* 2026-05-12 10:00 UTC */
  f->created = g_date_time_new_utc (2026, 5, 12, 10, 0, 0);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  mfa_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_assert_finalize_object (f->codes);
  g_date_time_unref (f->created);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

/* Runs the save to its end on the default main context. */
static gboolean
save (Fixture     *f,
      const char  *path,
      const char  *host,
      const char  *account,
      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  mfa_backup_codes_save_async (f->codes, file, host, account, f->created, NULL,
                               store_result_cb, &result);
  /* Nothing is written before the main loop runs. */
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return mfa_backup_codes_save_finish (result, error);
}

static void
test_contents (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "codes.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *joined = g_strjoinv ("\n", (char **)mfa_test_backup_codes);
  g_autoptr(GError) error = NULL;

  g_assert_true (save (f, path, HOST, ACCOUNT, &error));
  g_assert_no_error (error);

  contents = mfa_test_read_file (path);
  expected = g_strdup_printf ("Backup codes for " HOST "\n"
                              "Account: " ACCOUNT "\n"
                              "Created: 2026-05-12\n"
                              "\n"
                              "Each code works once. Keep this file private.\n"
                              "\n"
                              "%s\n",
                              joined);
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpuint (mfa_test_count_dir_entries (f->tmpdir), ==, 1);
}

/* Without a host or an account, the header says less. */
static void
test_contents_anonymous (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "codes.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save (f, path, NULL, NULL, &error));
  g_assert_no_error (error);

  contents = mfa_test_read_file (path);
  g_assert_true (g_str_has_prefix (contents, "Backup codes\nCreated: 2026-05-12\n\n"));
  g_assert_null (strstr (contents, "Account:"));
  g_assert_true (g_str_has_suffix (contents, "\nwq49whhy\nv7trtflr\nc6izq6dv\n"));
}

/* Private from the start, whatever the umask allows. */
static void
test_mode (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "codes.txt", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old_umask;
  gboolean ok;

  old_umask = umask (0);
  ok = save (f, path, HOST, ACCOUNT, &error);
  umask (old_umask);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (mfa_test_file_mode (path), ==, 0600);
}

/* A file that was there, readable by all, is replaced by a new private
 * one: another inode, nothing of the old text, nothing left beside it. */
static void
test_replaces (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "codes.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;

  g_file_set_contents (path, "old codes\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpuint (mfa_test_file_mode (path), ==, 0644);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  g_assert_true (save (f, path, HOST, ACCOUNT, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  g_assert_cmpuint (after.st_mode & 07777, ==, 0600);
  g_assert_cmpuint (mfa_test_count_dir_entries (f->tmpdir), ==, 1);

  contents = mfa_test_read_file (path);
  g_assert_null (strstr (contents, "old codes"));
  for (guint i = 0; mfa_test_backup_codes[i] != NULL; i++)
    g_assert_nonnull (strstr (contents, mfa_test_backup_codes[i]));

  /* And again over its own earlier copy. */
  g_assert_true (save (f, path, HOST, ACCOUNT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mfa_test_file_mode (path), ==, 0600);
  g_assert_cmpuint (mfa_test_count_dir_entries (f->tmpdir), ==, 1);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->tmpdir, "no-such-dir", "codes.txt", NULL);
  g_autofree char *plain = g_build_filename (f->tmpdir, "plain", NULL);
  g_autofree char *below_plain = g_build_filename (plain, "codes.txt", NULL);
  g_autofree char *directory = g_build_filename (f->tmpdir, "a-directory", NULL);
  g_autofree char *inside = g_build_filename (directory, "keep", NULL);
  g_autoptr(GError) error = NULL;

  /* A folder that does not exist. */
  g_assert_false (save (f, missing, HOST, ACCOUNT, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-dir"));
  g_clear_error (&error);
  g_assert_cmpuint (mfa_test_count_dir_entries (f->tmpdir), ==, 0);

  /* A "folder" that is a file: no one may write there, not even root. */
  g_file_set_contents (plain, "", -1, &error);
  g_assert_no_error (error);
  g_assert_false (save (f, below_plain, HOST, ACCOUNT, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (mfa_test_count_dir_entries (f->tmpdir), ==, 1);

  /* The name is taken by a folder: the copy written beside it goes. */
  g_assert_cmpint (g_mkdir (directory, 0700), ==, 0);
  g_file_set_contents (inside, "", -1, &error);
  g_assert_no_error (error);
  g_assert_false (save (f, directory, HOST, ACCOUNT, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (mfa_test_count_dir_entries (f->tmpdir), ==, 2);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
}

static void
test_not_local (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("resource:///nowhere/codes.txt");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfa_backup_codes_save_async (f->codes, file, HOST, ACCOUNT, f->created, NULL,
                               store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (mfa_backup_codes_save_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "codes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfa_backup_codes_save_async (f->codes, file, HOST, ACCOUNT, f->created, cancellable,
                               store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (mfa_backup_codes_save_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (mfa_test_count_dir_entries (f->tmpdir), ==, 0);
}

static void
test_default_name (void)
{
  g_autofree char *none = mfa_backup_codes_default_file_name (NULL);
  g_autofree char *host = mfa_backup_codes_default_file_name ("clerk.example.com");
  g_autofree char *odd = mfa_backup_codes_default_file_name ("a/b c");

  g_assert_cmpstr (none, ==, "backup-codes.txt");
  g_assert_cmpstr (host, ==, "backup-codes-clerk.example.com.txt");
  g_assert_cmpstr (odd, ==, "backup-codes-a-b-c.txt");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/mfa/backup-codes-file/" path, Fixture, NULL, setup, fn, teardown)

  ADD ("contents", test_contents);
  ADD ("contents-anonymous", test_contents_anonymous);
  ADD ("mode", test_mode);
  ADD ("replaces", test_replaces);
  ADD ("unwritable", test_unwritable);
  ADD ("not-local", test_not_local);
  ADD ("cancelled", test_cancelled);

#undef ADD

  g_test_add_func ("/mfa/backup-codes-file/default-name", test_default_name);

  return g_test_run ();
}
