/* test-backup-codes-print.c
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

#define G_LOG_DOMAIN "test-backup-codes-print"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mfa-backup-codes-print-private.h"
#include "mfa-test-utils.h"

#define HOST "clerk.example.test"
#define ACCOUNT "ann@example.com"

typedef struct {
  char                *tmpdir;
  GDateTime           *created;
  char                *path;       /* codes.pdf in tmpdir, not there yet */
  MfaBackupCodes      *codes;
  MfaBackupCodesPrint *operation;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->tmpdir = mfa_test_make_tmpdir ("mfa-backup-codes-print-XXXXXX");
  f->created = g_date_time_new_utc (2026, 5, 12, 10, 0, 0);
  f->path = g_build_filename (f->tmpdir, "codes.pdf", NULL);
}

/* The ten codes, ready to print for the account on the service. */
static void
setup_operation (Fixture       *f,
                 gconstpointer  data)
{
  setup (f, data);
  f->codes = mfa_backup_codes_new ("bcode_test", mfa_test_backup_codes, 0);
  f->operation = mfa_backup_codes_print_new (f->codes, HOST, ACCOUNT, f->created);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->operation);
  g_clear_object (&f->codes);
  mfa_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->path);
  g_date_time_unref (f->created);
}

/* The number of pages of a PDF, as a PDF reader counts them (poppler's
 * pdfinfo), whichever way the writer laid out its objects: cairo 1.18
 * puts the page tree in compressed object streams.
 */
static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *info = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  gsize length = 0;
  int wait_status = 0;
  guint64 n = 0;
  gboolean found = FALSE;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &info, &errors, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_error ("pdfinfo cannot read %s: %s\n%s", path, error->message, errors);

  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        {
          g_assert_true (g_ascii_string_to_unsigned (g_strstrip (lines[i] + strlen ("Pages:")),
                                                     10, 1, G_MAXUINT, &n, &error));
          g_assert_no_error (error);
          found = TRUE;
        }
    }
  if (!found)
    g_error ("pdfinfo gave no page count for %s:\n%s", path, info);

  return (guint) n;
}

static void
assert_lines_contain (const char *printed,
                      const char *line)
{
  g_auto(GStrv) lines = g_strsplit (printed, "\n", -1);

  if (!g_strv_contains ((const char * const *)lines, line))
    g_error ("“%s” was not printed; the page said:\n%s", line, printed);
}

/* Run as GTK runs any export: the action and the file name, no dialog. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  MfaBackupCodesPrint *operation = f->operation;
  const char *path = f->path;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) printed = NULL;
  GtkPrintOperationResult result;
  guint found = 0;
  int n_pages = 0;

  g_assert_true (GTK_IS_PRINT_OPERATION (operation));
  g_assert_cmpstr (mfa_backup_codes_print_get_printed_text (operation), ==, "");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_object_set (operation, "export-filename", path, NULL);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  /* Produced, a PDF, one page. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_pdf_pages (path), ==, 1);
  g_object_get (operation, "n-pages", &n_pages, NULL);
  g_assert_cmpint (n_pages, ==, 1);

  /* The header, then every code in order; no page numbers on one page. */
  printed = g_strsplit (mfa_backup_codes_print_get_printed_text (operation), "\n", -1);
  g_assert_cmpstr (printed[0], ==, "Backup Codes");
  assert_lines_contain (mfa_backup_codes_print_get_printed_text (operation), "Service: " HOST);
  assert_lines_contain (mfa_backup_codes_print_get_printed_text (operation), "Account: " ACCOUNT);
  assert_lines_contain (mfa_backup_codes_print_get_printed_text (operation),
                        "Created: 2026-05-12");
  for (guint i = 0; printed[i] != NULL; i++)
    {
      if (g_strv_contains (mfa_test_backup_codes, printed[i]))
        {
          g_assert_cmpstr (printed[i], ==, mfa_test_backup_codes[found]);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, g_strv_length ((char **)mfa_test_backup_codes));
  g_assert_null (strstr (mfa_backup_codes_print_get_printed_text (operation), "Page "));
}

/* A set longer than a page goes on over several, numbered. */
static void
test_export_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "many.pdf", NULL);
  g_autoptr(MfaBackupCodes) codes = mfa_test_numbered_backup_codes (120);
  const char * const *many = mfa_backup_codes_get_codes (codes);
  g_autoptr(MfaBackupCodesPrint) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_footer = NULL;
  const char *printed;
  guint n_pages;
  int operation_pages = 0;

  operation = mfa_backup_codes_print_new (codes, NULL, NULL, f->created);
  g_assert_cmpint (mfa_backup_codes_print_export_pdf (operation, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  n_pages = count_pdf_pages (path);
  g_assert_cmpuint (n_pages, >, 1);
  g_object_get (operation, "n-pages", &operation_pages, NULL);
  g_assert_cmpint (operation_pages, ==, (int)n_pages);

  printed = mfa_backup_codes_print_get_printed_text (operation);
  for (guint i = 0; i < 120; i++)
    g_assert_nonnull (strstr (printed, many[i]));
  last_footer = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  assert_lines_contain (printed, last_footer);
  g_assert_nonnull (strstr (printed, "Page 1 of "));
  g_assert_null (strstr (printed, "Service: "));
  g_assert_null (strstr (printed, "Account: "));
}

/* The PDF holds the codes: private, also over a file readable by all. */
static void
test_export_private (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (f->path, "not a PDF yet", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);

  g_assert_cmpint (mfa_backup_codes_print_export_pdf (f->operation, f->path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpuint (mfa_test_file_mode (f->path), ==, 0600);
  g_assert_cmpuint (count_pdf_pages (f->path), ==, 1);
}

static void
test_export_unwritable (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "no-such-dir", "codes.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mfa_backup_codes_print_export_pdf (f->operation, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (mfa_backup_codes_print_get_printed_text (f->operation), ==, "");
}

/* The operation keeps the codes for itself while it runs. */
static void
test_keeps_codes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gpointer weak = f->codes;

  g_object_add_weak_pointer (G_OBJECT (f->codes), &weak);
  g_clear_object (&f->codes);
  g_assert_nonnull (weak);
  g_assert_true (mfa_backup_codes_print_get_codes (f->operation) == weak);

  g_assert_cmpint (mfa_backup_codes_print_export_pdf (f->operation, f->path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (mfa_backup_codes_print_get_printed_text (f->operation), "c6izq6dv"));

  g_assert_finalize_object (g_steal_pointer (&f->operation));
  g_assert_null (weak);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, set_up, fn) \
  g_test_add ("/mfa/backup-codes-print/" path, Fixture, NULL, set_up, fn, teardown)

  ADD ("export", setup_operation, test_export);
  ADD ("export-pages", setup, test_export_pages);
  ADD ("export-private", setup_operation, test_export_private);
  ADD ("export-unwritable", setup_operation, test_export_unwritable);
  ADD ("keeps-codes", setup_operation, test_keeps_codes);

#undef ADD

  return g_test_run ();
}
