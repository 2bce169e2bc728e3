/* test-backup-codes-view.c
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

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mfa-backup-codes-view-private.h"
#include "mfa-instance.h"
#include "mfa-ui-test-utils.h"

#define HOST "clerk.example.test"
#define ACCOUNT "ann@example.com"
#define PASSWORD "correct horse battery"
#define PHONE "+12015550123"
/* 2026-05-12 10:00 UTC, in ms */
#define CREATED_AT G_GINT64_CONSTANT (1778580000000)

/* Two-step verification on, with backup codes. */
static const MfaTestUser ann = {
  .identifier   = ACCOUNT,
  .password     = PASSWORD,
  .backup_codes = TRUE,
  .phones = {
    { PHONE, MFA_TEST_PHONE_DEFAULT },
  },
};

typedef struct {
  GtkWindow          *window;
  MfaBackupCodesView *view;
  MfaBackupCodes     *codes;
  char               *tmpdir;
  guint               done;
  guint               stored_notifies;
  GPtrArray          *toasts;
} Fixture;

static void
done_cb (MfaBackupCodesView *view,
         Fixture            *fixture)
{
  fixture->done++;
}

static void
stored_notify_cb (MfaBackupCodesView *view,
                  GParamSpec         *pspec,
                  Fixture            *fixture)
{
  fixture->stored_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay;

  fixture->tmpdir = mfa_test_make_tmpdir ("mfa-backup-codes-XXXXXX");
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->view = MFA_BACKUP_CODES_VIEW (mfa_backup_codes_view_new ());
  g_object_ref_sink (fixture->view);
  g_signal_connect (fixture->view, "done", G_CALLBACK (done_cb), fixture);
  g_signal_connect (fixture->view, "notify::stored", G_CALLBACK (stored_notify_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  gtk_window_set_default_size (fixture->window, 1000, 700);
  /* In a toast overlay, as the app has it. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->view));
  mfa_test_record_toasts (ADW_TOAST_OVERLAY (overlay), fixture->toasts);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);

  fixture->codes = mfa_backup_codes_new ("bcode_test", mfa_test_backup_codes, CREATED_AT);
  mfa_backup_codes_view_show_codes (fixture->view, fixture->codes, HOST, ACCOUNT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      g_assert_finalize_object (fixture->window);
    }
  if (fixture->view != NULL)
    g_assert_finalize_object (fixture->view);
  if (fixture->codes != NULL)
    g_assert_finalize_object (fixture->codes);

  mfa_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_ptr_array_unref (fixture->toasts);
}

/* The line of a saved or printed set that says when it was made. */
static char *
created_line (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (CREATED_AT / 1000);
  g_autofree char *date = g_date_time_format (created, "%Y-%m-%d");

  return g_strdup_printf ("Created: %s\n", date);
}

static GtkWidget *
root (Fixture *fixture)
{
  return GTK_WIDGET (fixture->view);
}

static GtkWidget *
done_button (Fixture *fixture)
{
  GtkWidget *button = mfa_test_find_button (root (fixture), "_Done");

  g_assert_nonnull (button);
  return button;
}

static GtkGrid *
codes_grid (Fixture *fixture)
{
  GtkWidget *grid = mfa_test_find_widget (root (fixture), GTK_TYPE_GRID, NULL);

  g_assert_nonnull (grid);
  return GTK_GRID (grid);
}

static GtkWidget *
stored_check (Fixture *fixture)
{
  GtkWidget *check = mfa_test_find_widget (root (fixture), GTK_TYPE_CHECK_BUTTON, NULL);

  g_assert_nonnull (check);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)),
                   ==, "I _have stored these codes");
  return check;
}

static guint
count_code_labels (Fixture *fixture)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (codes_grid (fixture)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Saves through the view and waits for the file to be written. */
static gboolean
save_to_file (Fixture  *fixture,
              GFile    *file,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfa_backup_codes_view_save_async (fixture->view, file, NULL, store_result_cb, &result);
  mfa_test_wait_until (result != NULL);

  return mfa_backup_codes_view_save_finish (fixture->view, result, error);
}

static void
assert_not_stored (Fixture *fixture)
{
  g_assert_false (mfa_backup_codes_view_get_stored (fixture->view));
  g_assert_false (gtk_widget_is_sensitive (done_button (fixture)));
}

static void
assert_stored (Fixture *fixture)
{
  g_assert_true (mfa_backup_codes_view_get_stored (fixture->view));
  g_assert_true (gtk_widget_is_sensitive (done_button (fixture)));
  g_assert_cmpuint (fixture->stored_notifies, ==, 1);
}

/* The codes are listed */
static void
test_codes_listed (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkGrid *grid = codes_grid (fixture);
  GtkWidget *account;
  guint n = g_strv_length ((char **)mfa_test_backup_codes);

  g_assert_cmpuint (count_code_labels (fixture), ==, n);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (grid)), ==, GTK_TEXT_DIR_LTR);

  /* Two columns, row by row. */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = gtk_grid_get_child_at (grid, i % 2, i / 2);

      g_assert_true (GTK_IS_LABEL (label));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, mfa_test_backup_codes[i]);
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
      g_assert_true (gtk_widget_has_css_class (label, "backup-code"));
      g_assert_cmpint (gtk_widget_get_direction (label), ==, GTK_TEXT_DIR_LTR);
      g_assert_true (gtk_widget_get_mapped (label));
    }
  g_assert_null (gtk_grid_get_child_at (grid, 2, 0));

  g_assert_nonnull (mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL,
                                          "Save Your Backup Codes"));
  account = mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL, "For " ACCOUNT " on " HOST);
  g_assert_nonnull (account);
  g_assert_true (mfa_test_widget_is_shown (account));

  g_assert_true (mfa_backup_codes_view_get_codes (fixture->view) == fixture->codes);
  assert_not_stored (fixture);
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button (root (fixture), "_Copy All")));
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button (root (fixture),
                                                                "_Save to File…")));
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button (root (fixture), "_Print…")));
  g_assert_cmpuint (fixture->stored_notifies, ==, 0);
}

/* Tab goes through the codes in their order, 1, 2, 3 …, as they read. */
static void
test_tab_order (Fixture       *fixture,
                gconstpointer  data)
{
  guint n = g_strv_length ((char **)mfa_test_backup_codes);
  GtkWidget *first = gtk_grid_get_child_at (codes_grid (fixture), 0, 0);
  GtkWidget *focus;

  /* Tab goes by where the widgets are: they must be laid out. */
  mfa_test_wait_for_layout (GTK_WIDGET (codes_grid (fixture)));
  g_assert_true (gtk_widget_grab_focus (first));
  g_assert_true (gtk_window_get_focus (fixture->window) == first);
  for (guint i = 1; i < n; i++)
    {
      /* What Tab does: the window's move-focus binding. */
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (fixture->window);
      g_assert_true (GTK_IS_LABEL (focus));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (focus)), ==, mfa_test_backup_codes[i]);
    }
  /* After the last code, on to the buttons. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_widget_get_parent (gtk_window_get_focus (fixture->window)) ==
                  GTK_WIDGET (codes_grid (fixture)));

  /* And Shift+Tab back up. */
  for (guint i = n; i > 0; i--)
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
      focus = gtk_window_get_focus (fixture->window);
      g_assert_true (GTK_IS_LABEL (focus));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (focus)), ==, mfa_test_backup_codes[i - 1]);
    }
}

/* The save dialog opens in the Documents folder, else in the home
 * folder; never in the folder the app was started in. The Documents
 * folder is named in user-dirs.dirs in the user's configuration folder,
 * which GLib reads again when asked to; what was there is put back.
 */
static void
test_save_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *documents = g_build_filename (fixture->tmpdir, "Dokumente", NULL);
  g_autofree char *dirs_file = g_build_filename (g_get_user_config_dir (), "user-dirs.dirs", NULL);
  g_autofree char *dirs = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  g_autofree char *old_dirs = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  gsize old_len = 0;
  GtkFileChooser *chooser;

#ifdef __SANITIZE_ADDRESS__
  /* GTK 4.8's file chooser dialog, closed while it still reads its
   * folder, drops the file infos its worker threads made and the errors
   * of the reads it cancelled, and its sidebar keeps libcloudproviders'
   * collector; Debian's GTK and GIO name none of the functions involved,
   * so no suppression could tell them from a leak of ours. */
  g_test_skip ("the file chooser's own leaks would fail LeakSanitizer's check");
  return;
#endif

  g_file_get_contents (dirs_file, &old_dirs, &old_len, NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_file_set_contents (dirs_file, dirs, -1, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GFile) folder = NULL;
      g_autofree char *path = NULL;

      /* First without the folder on disk, then with it. */
      if (round == 1)
        g_assert_cmpint (g_mkdir (documents, 0700), ==, 0);
      g_reload_user_special_dirs_cache ();
      g_assert_cmpstr (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS), ==, documents);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "backup-codes.save", NULL));
      mfa_test_wait_until ((chooser = mfa_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL &&
                           gtk_widget_get_visible (GTK_WIDGET (chooser)));
      /* The dialog reads the folder once it shows. */
      mfa_test_wait_until ((folder = gtk_file_chooser_get_current_folder (chooser)) != NULL);
      path = g_file_get_path (folder);
      g_assert_cmpstr (path, ==, round == 0 ? g_get_home_dir () : documents);
      g_assert_cmpstr (path, !=, cwd);

      /* GTK's own file chooser (4.24, where no portal answers), closed
       * while its path bar still reads the folder, frees the path bar
       * under that read, and a later test crashes in it; a person takes
       * longer than this. */
      mfa_test_iterate (500);

      /* Cancelled, and asked for again: a new dialog. */
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      mfa_test_wait_until (mfa_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
    }

  if (old_dirs != NULL)
    g_file_set_contents (dirs_file, old_dirs, old_len, &error);
  else
    g_unlink (dirs_file);
  g_assert_no_error (error);
  g_reload_user_special_dirs_cache ();
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

/* Copy All */
static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (root (fixture));
  g_autofree char *expected = g_strjoinv ("\n", (char **)mfa_test_backup_codes);
  g_autofree char *text = NULL;

  assert_not_stored (fixture);
  mfa_test_click (mfa_test_find_button (root (fixture), "_Copy All"));
  /* Copied is not kept: the clipboard forgets. */
  assert_not_stored (fixture);

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  mfa_test_wait_until (text != NULL);
  g_assert_cmpstr (text, ==, expected);

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, 0)), ==, "10 codes copied");

  /* The person still decides when to go on. */
  g_assert_cmpuint (fixture->done, ==, 0);
  g_assert_nonnull (mfa_backup_codes_view_get_codes (fixture->view));
}

/* Save to File */
static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "backup-codes-" HOST ".txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *date_line = created_line ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *codes_start;
  guint old_umask;

  assert_not_stored (fixture);

  /* The file is private even when the umask would allow more. */
  old_umask = umask (0);
  g_assert_true (save_to_file (fixture, file, &error));
  umask (old_umask);
  g_assert_no_error (error);
  assert_stored (fixture);

  g_assert_cmpuint (mfa_test_file_mode (path), ==, 0600);
  g_assert_cmpuint (mfa_test_count_dir_entries (fixture->tmpdir), ==, 1);

  contents = mfa_test_read_file (path);
  g_assert_true (g_str_has_prefix (contents, "Backup codes for " HOST "\n"));
  g_assert_nonnull (strstr (contents, "Account: " ACCOUNT "\n"));
  g_assert_nonnull (strstr (contents, date_line));

  /* The header, then the codes one per line. */
  codes_start = strstr (contents, "\n\n93t3vd7y\n");
  g_assert_nonnull (codes_start);
  lines = g_strsplit (codes_start + 2, "\n", -1);
  for (guint i = 0; mfa_test_backup_codes[i] != NULL; i++)
    g_assert_cmpstr (lines[i], ==, mfa_test_backup_codes[i]);
  g_assert_cmpstr (lines[g_strv_length ((char **)mfa_test_backup_codes)], ==, "");
}

/* Saving over a file replaces it whole and keeps it private. */
static void
test_save_replaces (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "codes.txt", NULL);
  g_autofree char *missing_path = g_build_filename (fixture->tmpdir, "no-such-dir",
                                                    "codes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf before, after;

  /* A directory that does not exist: an error, nothing stored. */
  g_assert_false (save_to_file (fixture, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_not_stored (fixture);
  g_assert_cmpuint (mfa_test_count_dir_entries (fixture->tmpdir), ==, 0);

  g_file_set_contents (path, "old codes\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  g_assert_true (save_to_file (fixture, file, &error));
  g_assert_no_error (error);
  assert_stored (fixture);

  /* A new file was renamed over the old one: another inode, no leftovers. */
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  g_assert_cmpuint (after.st_mode & 07777, ==, 0600);
  g_assert_cmpuint (mfa_test_count_dir_entries (fixture->tmpdir), ==, 1);

  contents = mfa_test_read_file (path);
  g_assert_null (strstr (contents, "old codes"));
  for (guint i = 0; mfa_test_backup_codes[i] != NULL; i++)
    g_assert_nonnull (strstr (contents, mfa_test_backup_codes[i]));

  /* Saving again replaces the file again. */
  g_assert_true (save_to_file (fixture, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mfa_test_file_mode (path), ==, 0600);
  g_assert_cmpuint (mfa_test_count_dir_entries (fixture->tmpdir), ==, 1);
  g_assert_cmpuint (fixture->stored_notifies, ==, 1);
}

/* With Ghostscript at hand, read the PDF's text back too. */
static void
assert_pdf_text (const char *pdf_path)
{
  g_autofree char *gs = g_find_program_in_path ("gs");
  g_autofree char *out = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (gs == NULL)
    {
      g_test_message ("gs not found: the PDF's text is not read back");
      return;
    }

  out = g_strconcat (pdf_path, ".txt", NULL);
  output_arg = g_strconcat ("-sOutputFile=", out, NULL);
  {
    const char *argv[] = { gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER",
                           "-sDEVICE=txtwrite", output_arg, pdf_path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* As a person reads it: the fonts of newer systems join letters such
   * as "fl" in one ligature glyph, which Ghostscript gives as one
   * character (U+FB02). */
  raw = mfa_test_read_file (out);
  text = g_utf8_normalize (raw, -1, G_NORMALIZE_NFKC);
  g_assert_nonnull (text);
  for (guint i = 0; mfa_test_backup_codes[i] != NULL; i++)
    {
      if (strstr (text, mfa_test_backup_codes[i]) == NULL)
        g_error ("“%s” is not in the PDF's text:\n%s", mfa_test_backup_codes[i], text);
    }
  g_assert_nonnull (strstr (text, HOST));
  g_assert_nonnull (strstr (text, ACCOUNT));
  g_unlink (out);
}

/* Print */
static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "codes.pdf", NULL);
  g_autofree char *date_line = created_line ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) printed = NULL;
  gsize length = 0;
  guint found = 0;

  assert_not_stored (fixture);
  g_assert_cmpstr (mfa_backup_codes_view_get_printed_text (fixture->view), ==, "");

  g_assert_cmpint (mfa_backup_codes_view_print_to_pdf (fixture->view, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_stored (fixture);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (mfa_test_file_mode (path), ==, 0600);

  /* What the page said, as laid out. */
  printed = g_strsplit (mfa_backup_codes_view_get_printed_text (fixture->view), "\n", -1);
  g_assert_cmpstr (printed[0], ==, "Backup Codes");
  g_assert_true (g_strv_contains ((const char * const *)printed, "Service: " HOST));
  g_assert_true (g_strv_contains ((const char * const *)printed, "Account: " ACCOUNT));
  g_assert_nonnull (strstr (mfa_backup_codes_view_get_printed_text (fixture->view), date_line));
  for (guint i = 0; printed[i] != NULL; i++)
    {
      if (g_strv_contains (mfa_test_backup_codes, printed[i]))
        {
          g_assert_cmpstr (printed[i], ==, mfa_test_backup_codes[found]);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, g_strv_length ((char **)mfa_test_backup_codes));
  /* Ten codes fit one page: no page numbers. */
  g_assert_null (strstr (mfa_backup_codes_view_get_printed_text (fixture->view), "Page "));

  assert_pdf_text (path);
}

/* A set longer than a page goes on over several. */
static void
test_print_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "many.pdf", NULL);
  g_autoptr(MfaBackupCodes) codes = mfa_test_numbered_backup_codes (120);
  const char * const *many = mfa_backup_codes_get_codes (codes);
  g_autoptr(GError) error = NULL;
  const char *printed;

  mfa_backup_codes_view_show_codes (fixture->view, codes, NULL, NULL);
  g_assert_cmpuint (count_code_labels (fixture), ==, 120);

  g_assert_cmpint (mfa_backup_codes_view_print_to_pdf (fixture->view, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  printed = mfa_backup_codes_view_get_printed_text (fixture->view);
  for (guint i = 0; i < 120; i++)
    g_assert_nonnull (strstr (printed, many[i]));
  g_assert_nonnull (strstr (printed, "Page 1 of "));
  g_assert_null (strstr (printed, "Service: "));
  g_assert_null (strstr (printed, "Account: "));

  mfa_backup_codes_view_show_codes (fixture->view, fixture->codes, HOST, ACCOUNT);
  g_assert_cmpstr (mfa_backup_codes_view_get_printed_text (fixture->view), ==, "");
  g_clear_object (&codes);
}

/* The box that says the codes are stored */
static void
test_tick (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *check = stored_check (fixture);

  assert_not_stored (fixture);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  assert_stored (fixture);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  assert_not_stored (fixture);
  g_assert_cmpuint (fixture->stored_notifies, ==, 2);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  mfa_test_click (done_button (fixture));
  g_assert_cmpuint (fixture->done, ==, 1);
}

/* Done forgets the codes; showing a new set starts over. */
static void
test_done_forgets (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *check = stored_check (fixture);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "codes.pdf", NULL);
  g_autoptr(GError) error = NULL;
  gpointer weak = fixture->codes;

  g_object_add_weak_pointer (G_OBJECT (fixture->codes), &weak);
  g_clear_object (&fixture->codes);
  g_assert_nonnull (weak);

  g_assert_cmpint (mfa_backup_codes_view_print_to_pdf (fixture->view, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpstr (mfa_backup_codes_view_get_printed_text (fixture->view), !=, "");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);

  mfa_test_click (done_button (fixture));
  g_assert_cmpuint (fixture->done, ==, 1);

  /* Nothing of the codes is left. */
  g_assert_null (weak);
  g_assert_null (mfa_backup_codes_view_get_codes (fixture->view));
  g_assert_cmpuint (count_code_labels (fixture), ==, 0);
  g_assert_cmpstr (mfa_backup_codes_view_get_printed_text (fixture->view), ==, "");
  g_assert_null (mfa_backup_codes_view_dup_text (fixture->view));
  g_assert_false (mfa_backup_codes_view_get_stored (fixture->view));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_false (gtk_widget_is_sensitive (mfa_test_find_button (root (fixture), "_Copy All")));
  g_assert_false (gtk_widget_is_sensitive (mfa_test_find_button (root (fixture), "_Print…")));
  g_assert_false (gtk_widget_is_sensitive (done_button (fixture)));
  g_assert_false (mfa_backup_codes_view_confirm_close (fixture->view, fixture->window));

  g_assert_cmpint (mfa_backup_codes_view_print_to_pdf (fixture->view, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  /* A new set: not stored yet, whatever happened before. */
  fixture->codes = mfa_backup_codes_new ("bcode_again", mfa_test_backup_codes, CREATED_AT);
  mfa_backup_codes_view_show_codes (fixture->view, fixture->codes, HOST, ACCOUNT);
  g_assert_cmpuint (count_code_labels (fixture), ==, 10);
  g_assert_false (mfa_backup_codes_view_get_stored (fixture->view));
  g_assert_false (gtk_widget_is_sensitive (done_button (fixture)));
}

/* Closing before the codes are stored asks first */
static void
test_confirm_close (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *dialog;
  gpointer weak;

  g_assert_true (mfa_backup_codes_view_confirm_close (fixture->view, fixture->window));
  dialog = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_alert_get_heading (dialog), ==, "Leave Without Saving Your Codes?");
  g_assert_true (mfa_test_dialog_parent (dialog) == fixture->window);
  g_assert_cmpint (mfa_alert_get_response_appearance (dialog, "leave"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);

  /* Asking again shows the same question. */
  g_assert_true (mfa_backup_codes_view_confirm_close (fixture->view, fixture->window));
  g_assert_true (mfa_test_find_alert () == dialog);

  /* Cancel: nothing changes. */
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  mfa_test_answer_alert (dialog, "cancel");
  mfa_test_wait_until (weak == NULL);
  g_assert_null (mfa_test_find_alert ());
  g_assert_cmpuint (fixture->done, ==, 0);
  g_assert_true (mfa_backup_codes_view_get_codes (fixture->view) == fixture->codes);
  g_assert_cmpuint (count_code_labels (fixture), ==, 10);

  /* Leave: done, and the codes are gone. */
  g_assert_true (mfa_backup_codes_view_confirm_close (fixture->view, NULL));
  dialog = mfa_test_wait_for_alert ();
  g_assert_true (mfa_test_dialog_parent (dialog) == fixture->window);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  mfa_test_answer_alert (dialog, "leave");
  mfa_test_wait_until (weak == NULL);
  g_assert_cmpuint (fixture->done, ==, 1);
  g_assert_null (mfa_backup_codes_view_get_codes (fixture->view));
  g_assert_cmpuint (count_code_labels (fixture), ==, 0);

  /* Nothing left to lose: no question. */
  g_assert_false (mfa_backup_codes_view_confirm_close (fixture->view, fixture->window));
  g_assert_null (mfa_test_find_alert ());
}

/* Stored codes, or none: closing is fine at once. */
static void
test_confirm_close_stored (Fixture       *fixture,
                           gconstpointer  data)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (stored_check (fixture)), TRUE);
  g_assert_false (mfa_backup_codes_view_confirm_close (fixture->view, fixture->window));
  g_assert_null (mfa_test_find_alert ());
  g_assert_cmpuint (fixture->done, ==, 0);
  g_assert_nonnull (mfa_backup_codes_view_get_codes (fixture->view));
}

/* A view still asking when its window goes away takes its question along. */
static void
test_confirm_close_destroyed (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *dialog;
  gpointer weak;

  g_assert_true (mfa_backup_codes_view_confirm_close (fixture->view, fixture->window));
  dialog = mfa_test_wait_for_alert ();
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);

  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->view));
  mfa_test_wait_until (weak == NULL);
  g_assert_null (mfa_test_find_alert ());
  g_assert_cmpuint (fixture->done, ==, 0);
}

/* Against the server: regenerated codes replace the old set. */

static MfaSignIn *
start_sign_in (MfaClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MfaSignIn *sign_in;

  mfa_client_sign_in_async (client, ACCOUNT, PASSWORD, NULL, mfa_test_result_cb, &result);
  mfa_test_wait (&result);
  sign_in = mfa_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mfa_sign_in_get_status (sign_in), ==, MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR);

  return sign_in;
}

static MfaSignIn *
attempt_backup_code (MfaClient   *client,
                     MfaSignIn   *sign_in,
                     const char  *code,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfa_client_attempt_second_factor_async (client, mfa_sign_in_get_id (sign_in), "backup_code",
                                          code, NULL, mfa_test_result_cb, &result);
  mfa_test_wait (&result);
  return mfa_client_attempt_second_factor_finish (client, result, error);
}

static void
test_regenerated (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MfaTestServer) server = NULL;
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(MfaClient) other = NULL;
  g_autoptr(MfaBackupCodes) fresh = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(MfaSignIn) refused = NULL;
  g_autoptr(MfaSignIn) accepted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) old_codes = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *host = NULL;
  const char * const *new_codes;
  GtkGrid *grid;
  guint n;

  server = mfa_test_server_new ("--dev-routes", "--reverification", "off", NULL);
  user_id = mfa_test_add_user (server, &ann, &old_codes);
  g_assert_cmpuint (g_strv_length (old_codes), >, 0);

  client = mfa_test_signed_in_client (server, ACCOUNT, PASSWORD);
  mfa_client_create_backup_codes_async (client, NULL, mfa_test_result_cb, &result);
  mfa_test_wait (&result);
  fresh = mfa_client_create_backup_codes_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fresh);
  new_codes = mfa_backup_codes_get_codes (fresh);
  n = mfa_backup_codes_get_n_codes (fresh);
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 0; i < n; i++)
    g_assert_false (g_strv_contains ((const char * const *)old_codes, new_codes[i]));

  host = mfa_instance_get_display_host (mfa_client_get_base_url (client));
  mfa_backup_codes_view_show_codes (fixture->view, fresh,
                                    host, mfa_user_get_identifier (mfa_client_get_user (client)));

  /* The view shows the new set. */
  grid = codes_grid (fixture);
  g_assert_cmpuint (count_code_labels (fixture), ==, n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = gtk_grid_get_child_at (grid, i % 2, i / 2);

      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, new_codes[i]);
    }
  {
    g_autofree char *expected = g_strdup_printf ("For %s on %s", ACCOUNT, host);

    g_assert_nonnull (mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL, expected));
  }
  assert_not_stored (fixture);

  /* Signing in elsewhere: an old code is refused, a new one works. */
  other = mfa_client_new (mfa_test_server_get_base_url (server));
  sign_in = start_sign_in (other);
  refused = attempt_backup_code (other, sign_in, old_codes[0], &error);
  g_assert_null (refused);
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_CODE_INCORRECT);
  g_clear_error (&error);

  accepted = attempt_backup_code (other, sign_in, new_codes[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (mfa_sign_in_get_status (accepted), ==, MFA_SIGN_IN_STATUS_COMPLETE);
  g_assert_nonnull (mfa_client_get_session_id (other));

  mfa_test_click (mfa_test_find_button (root (fixture), "_Copy All"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (stored_check (fixture)), TRUE);
  mfa_test_click (done_button (fixture));
  g_assert_cmpuint (fixture->done, ==, 1);
  g_assert_null (mfa_backup_codes_view_get_codes (fixture->view));

  g_clear_object (&accepted);
  g_clear_object (&refused);
  g_clear_object (&sign_in);
  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&fresh));
  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK checks that the template's children go with the view. */
  g_setenv ("GTK_WIDGET_ASSERT_COMPONENTS", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) \
  g_test_add ("/mfa/backup-codes-view/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("codes-listed", test_codes_listed);
  ADD ("tab-order", test_tab_order);
  ADD ("save-folder", test_save_folder);
  ADD ("copy", test_copy);
  ADD ("save", test_save);
  ADD ("save-replaces", test_save_replaces);
  ADD ("print", test_print);
  ADD ("print-pages", test_print_pages);
  ADD ("tick", test_tick);
  ADD ("done-forgets", test_done_forgets);
  ADD ("confirm-close", test_confirm_close);
  ADD ("confirm-close-stored", test_confirm_close_stored);
  ADD ("confirm-close-destroyed", test_confirm_close_destroyed);
  ADD ("regenerated", test_regenerated);

#undef ADD

  return g_test_run ();
}
