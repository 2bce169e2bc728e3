/* mfa-backup-codes-view.c
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

#define G_LOG_DOMAIN "mfa-backup-codes-view"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mfa-backup-codes-view.h"

/* Space between the rows of codes on paper, as a share of a code's height. */
#define PRINT_ROW_FACTOR 1.9
/* Gap between blocks of text on paper, in points. */
#define PRINT_GAP 14.0
/* Page margins, in points: three quarters of an inch. */
#define PRINT_MARGIN 54.0

/* Backup codes (B1–B3): shows a freshly generated set once, lets the
 * person copy, save or print it, and only lets them go on (::done) when
 * they did one of those or said they stored the codes. The codes are
 * dropped as soon as the view is done with them.
 */
struct _MfaBackupCodesView
{
  AdwBin                parent_instance;

  MfaBackupCodes       *codes;
  char                 *service_host;
  char                 *account;
  GDateTime            *created;

  /* Copied, saved or printed since the codes were shown. */
  gboolean              kept;
  gboolean              stored;

  GString              *printed_text;
  GtkFileChooserNative *chooser;
  GtkPrintOperation    *print_operation;
  AdwMessageDialog     *confirm_dialog;

  GtkScrolledWindow    *scrolled_window;
  GtkLabel             *account_label;
  GtkGrid              *codes_grid;
  GtkButton            *copy_button;
  GtkCheckButton       *stored_check;
  GtkButton            *done_button;
};

G_DEFINE_FINAL_TYPE (MfaBackupCodesView, mfa_backup_codes_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORED,
  N_PROPS
};

enum {
  SIGNAL_ADD_TOAST,
  SIGNAL_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What one print run needs, copied so that the view may forget the codes
 * while a print dialog is still open.
 */
typedef struct {
  MfaBackupCodesView *view;
  MfaBackupCodes     *codes;
  char               *service_host;
  char               *account;
  char               *date;
  gboolean            is_export;
  gboolean            finished;
  int                 codes_per_page;
  double              header_height;
  double              row_height;
} PrintJob;

GtkWidget *
mfa_backup_codes_view_new (void)
{
  return g_object_new (MFA_TYPE_BACKUP_CODES_VIEW, NULL);
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
}

static void
wipe_gstring (GString *string)
{
  memset (string->str, 0, string->allocated_len);
  g_string_truncate (string, 0);
}

/* Takes @toast; whoever shows it takes a reference of its own. */
static void
add_toast (MfaBackupCodesView *self,
           AdwToast           *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, owned);
}

/* Toast titles are markup. */
static char *
escape_error (const GError *error)
{
  return g_markup_escape_text (error->message, -1);
}

static void
update_state (MfaBackupCodesView *self)
{
  gboolean has_codes = self->codes != NULL;
  gboolean stored;

  stored = has_codes && (self->kept || gtk_check_button_get_active (self->stored_check));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.copy", has_codes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.save", has_codes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.print", has_codes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.done", stored);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stored_check), has_codes);

  if (stored == self->stored)
    return;

  self->stored = stored;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORED]);
}

static void
mark_kept (MfaBackupCodesView *self)
{
  self->kept = TRUE;
  update_state (self);
}

static void
stored_check_toggled_cb (MfaBackupCodesView *self)
{
  update_state (self);
}

static char *
format_date (GDateTime *date)
{
  /* Translators: how the date the codes were made is written in the saved
   * file and on paper; see g_date_time_format() for the fields. */
  return g_date_time_format (date, _("%Y-%m-%d"));
}

/* "a 1 b 2" for "a1b2", so that screen readers spell a code out. */
static char *
spell_out (const char *code)
{
  GString *spelled = g_string_new (NULL);

  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (spelled->len > 0)
        g_string_append_c (spelled, ' ');
      g_string_append_unichar (spelled, g_utf8_get_char (p));
    }

  return g_string_free (spelled, FALSE);
}

static void
clear_grid (MfaBackupCodesView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->codes_grid))) != NULL)
    {
      if (GTK_IS_LABEL (child))
        gtk_label_set_label (GTK_LABEL (child), "");
      gtk_grid_remove (self->codes_grid, child);
    }
}

static void
fill_grid (MfaBackupCodesView *self)
{
  const char * const *codes = mfa_backup_codes_get_codes (self->codes);
  guint n_codes = mfa_backup_codes_get_n_codes (self->codes);
  guint rows = (n_codes + 1) / 2;

  /* Down the first column, then down the second, as on paper. */
  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *spelled = spell_out (codes[i]);
      g_autofree char *accessible = NULL;
      GtkWidget *label;

      label = gtk_label_new (codes[i]);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_direction (label, GTK_TEXT_DIR_LTR);
      gtk_widget_add_css_class (label, "backup-code");

      /* Translators: the accessible name of one code; %u is its number in
       * the list, %s the code spelled out character by character. */
      accessible = g_strdup_printf (_("Backup code %u: %s"), i + 1, spelled);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);

      gtk_grid_attach (self->codes_grid, label, i / MAX (rows, 1), i % MAX (rows, 1), 1, 1);
    }
}

static void
forget_codes (MfaBackupCodesView *self)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->confirm_dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->confirm_dialog);

      g_clear_weak_pointer (&self->confirm_dialog);
      gtk_window_destroy (dialog);
    }

  clear_grid (self);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->service_host, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  wipe_gstring (self->printed_text);

  gtk_label_set_label (self->account_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), FALSE);

  self->kept = FALSE;
  gtk_check_button_set_active (self->stored_check, FALSE);
  update_state (self);
}

static void
finish (MfaBackupCodesView *self)
{
  forget_codes (self);
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

/**
 * mfa_backup_codes_view_show_codes:
 * @self: a #MfaBackupCodesView
 * @codes: the set to show
 * @service_host: (nullable): the service the codes belong to, as people
 *   know it
 * @account: (nullable): the account's identifier
 *
 * Shows @codes until ::done. The person has not stored them yet.
 */
void
mfa_backup_codes_view_show_codes (MfaBackupCodesView *self,
                                  MfaBackupCodes     *codes,
                                  const char         *service_host,
                                  const char         *account)
{
  gboolean has_host, has_account;
  g_autofree char *description = NULL;
  gint64 created_at;

  g_return_if_fail (MFA_IS_BACKUP_CODES_VIEW (self));
  g_return_if_fail (MFA_IS_BACKUP_CODES (codes));

  g_object_ref (codes);
  forget_codes (self);

  self->codes = codes;
  self->service_host = g_strdup (service_host);
  self->account = g_strdup (account);

  created_at = mfa_backup_codes_get_created_at (codes);
  if (created_at > 0)
    self->created = g_date_time_new_from_unix_local (created_at / 1000);
  else
    self->created = g_date_time_new_now_local ();

  has_host = service_host != NULL && service_host[0] != '\0';
  has_account = account != NULL && account[0] != '\0';
  if (has_host && has_account)
    /* Translators: the first %s is an account (an email address or a
     * user name), the second the service it belongs to, such as example.com */
    description = g_strdup_printf (_("For %s on %s"), account, service_host);
  else if (has_account || has_host)
    /* Translators: %s is an account or the service it belongs to */
    description = g_strdup_printf (_("For %s"), has_account ? account : service_host);

  gtk_label_set_label (self->account_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), description != NULL);

  fill_grid (self);
  update_state (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  /* Not on a code: a focused selectable label selects all of its text. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
}

/**
 * mfa_backup_codes_view_get_codes:
 *
 * Returns: (transfer none) (nullable): the codes shown, if any
 */
MfaBackupCodes *
mfa_backup_codes_view_get_codes (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), NULL);

  return self->codes;
}

/**
 * mfa_backup_codes_view_get_stored:
 *
 * Returns: whether the codes shown were copied, saved or printed, or the
 *   person ticked that they stored them
 */
gboolean
mfa_backup_codes_view_get_stored (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), FALSE);

  return self->stored;
}

/**
 * mfa_backup_codes_view_dup_text:
 *
 * Returns: (transfer full) (nullable): the codes, one per line, as Copy
 *   All puts them on the clipboard
 */
char *
mfa_backup_codes_view_dup_text (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), NULL);

  if (self->codes == NULL)
    return NULL;

  return g_strjoinv ("\n", (char **)mfa_backup_codes_get_codes (self->codes));
}

/* Copy */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);
  g_autofree char *text = NULL;
  guint n_codes;

  text = mfa_backup_codes_view_dup_text (self);
  if (text == NULL)
    return;

  n_codes = mfa_backup_codes_get_n_codes (self->codes);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  wipe_string (text);
  mark_kept (self);

  add_toast (self, adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u code copied",
                                                      "%u codes copied",
                                                      n_codes),
                                         n_codes));
}

/* Save */

static char *
build_file_text (MfaBackupCodesView *self)
{
  const char * const *codes = mfa_backup_codes_get_codes (self->codes);
  g_autofree char *date = format_date (self->created);
  GString *text = g_string_new (NULL);

  if (self->service_host != NULL)
    /* Translators: the first line of a saved file; %s is the service host */
    g_string_append_printf (text, _("Backup codes for %s"), self->service_host);
  else
    g_string_append (text, _("Backup codes"));
  g_string_append_c (text, '\n');

  if (self->account != NULL)
    {
      /* Translators: %s is the account, such as an email address */
      g_string_append_printf (text, _("Account: %s"), self->account);
      g_string_append_c (text, '\n');
    }

  /* Translators: %s is a date */
  g_string_append_printf (text, _("Created: %s"), date);
  g_string_append (text, "\n\n");
  g_string_append (text, _("Each code works once. Keep this file private."));
  g_string_append (text, "\n\n");

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_string_append (text, codes[i]);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: the first %s is a file, the second the reason */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           const char  *path,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          return set_errno_error (error, saved_errno, path);
        }

      data += written;
      length -= written;
    }

  return TRUE;
}

/* Only the owner may read the codes, whatever the umask or filesystem. */
static gboolean
ensure_private (int          fd,
                const char  *path,
                GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    return set_errno_error (error, errno, path);

  if ((st.st_mode & 0077) == 0)
    return TRUE;

  if (fchmod (fd, 0600) != 0)
    return set_errno_error (error, errno, path);

  return TRUE;
}

static void
sync_directory (const char *directory)
{
  int fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Best effort: the rename is already visible. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * mfa_backup_codes_view_save_to_file:
 * @self: a #MfaBackupCodesView showing codes
 * @file: where to save them; a local file
 * @error: return location for an error
 *
 * Writes the codes shown, under a header with the service host, the
 * account and the date, to @file. The file can only be read by its owner
 * (mode 0600) from the moment it exists: the text goes to a new private
 * file beside @file, which is synced and then renamed over @file, so a
 * file that was there is replaced whole or not at all.
 *
 * Returns: %TRUE when the file was written; the codes then count as stored
 */
gboolean
mfa_backup_codes_view_save_to_file (MfaBackupCodesView  *self,
                                    GFile               *file,
                                    GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *text = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->codes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There are no codes to save."));
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Backup codes can only be saved to a file on this computer."));
      return FALSE;
    }

  directory = g_path_get_dirname (path);
  temp_path = g_build_filename (directory, ".backup-codes-XXXXXX", NULL);

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, path);

  text = build_file_text (self);

  if (ensure_private (fd, path, error) &&
      write_all (fd, text, strlen (text), path, error))
    {
      if (fsync (fd) != 0 && errno != EINVAL && errno != ENOTSUP && errno != ENOSYS)
        set_errno_error (error, errno, path);
      else
        ok = TRUE;
    }

  wipe_string (text);

  if (close (fd) != 0 && ok)
    ok = set_errno_error (error, errno, path);

  if (ok && g_rename (temp_path, path) != 0)
    ok = set_errno_error (error, errno, path);

  if (!ok)
    {
      g_unlink (temp_path);
      return FALSE;
    }

  sync_directory (directory);
  mark_kept (self);

  return TRUE;
}

static char *
default_file_name (MfaBackupCodesView *self)
{
  g_autofree char *host = NULL;

  if (self->service_host == NULL || self->service_host[0] == '\0')
    return g_strdup ("backup-codes.txt");

  host = g_strdup (self->service_host);
  for (char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
        *p = '-';
    }

  return g_strdup_printf ("backup-codes-%s.txt", host);
}

static void
chooser_response_cb (MfaBackupCodesView   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (!mfa_backup_codes_view_save_to_file (self, file, &error))
    {
      g_autofree char *reason = escape_error (error);

      /* Translators: %s says why */
      add_toast (self, adw_toast_new_format (_("Could not save the codes: %s"), reason));
      return;
    }

  name = g_file_get_basename (file);
  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is a file name */
  add_toast (self, adw_toast_new_format (_("Codes saved to “%s”"), escaped));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root;

  if (self->codes == NULL)
    return;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  root = gtk_widget_get_root (widget);
  self->chooser = gtk_file_chooser_native_new (_("Save Backup Codes"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  name = default_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Print */

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_weak_pointer (&job->view);
  g_clear_object (&job->codes);
  g_free (job->service_host);
  g_free (job->account);
  g_free (job->date);
  g_free (job);
}

static void
record_printed (PrintJob   *job,
                const char *text)
{
  if (job->view == NULL)
    return;

  g_string_append (job->view->printed_text, text);
  g_string_append_c (job->view->printed_text, '\n');
}

/* Lays @text out at @y across the page, centred, and draws it when @cr is
 * given. Returns its height.
 */
static double
put_text (PrintJob        *job,
          GtkPrintContext *context,
          cairo_t         *cr,
          const char      *font,
          const char      *text,
          double           y)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int)(gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);

  if (cr != NULL)
    {
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, layout);
      record_printed (job, text);
    }

  return (double)height / PANGO_SCALE;
}

static double
put_header (PrintJob        *job,
            GtkPrintContext *context,
            cairo_t         *cr)
{
  g_autofree char *line = NULL;
  double y = 0;

  y += put_text (job, context, cr, "Sans Bold 22", _("Backup Codes"), y);
  y += PRINT_GAP / 2;

  if (job->service_host != NULL)
    {
      g_clear_pointer (&line, g_free);
      /* Translators: on the printed page; %s is the service host */
      line = g_strdup_printf (_("Service: %s"), job->service_host);
      y += put_text (job, context, cr, "Sans 12", line, y);
    }

  if (job->account != NULL)
    {
      g_clear_pointer (&line, g_free);
      /* Translators: on the printed page; %s is the account */
      line = g_strdup_printf (_("Account: %s"), job->account);
      y += put_text (job, context, cr, "Sans 12", line, y);
    }

  g_clear_pointer (&line, g_free);
  /* Translators: on the printed page; %s is a date */
  line = g_strdup_printf (_("Created: %s"), job->date);
  y += put_text (job, context, cr, "Sans 12", line, y);
  y += PRINT_GAP;

  y += put_text (job, context, cr, "Sans 11",
                 _("Each code works once. Tick a code off when you have used it, "
                   "and keep this page somewhere safe."),
                 y);
  y += PRINT_GAP;

  if (cr != NULL)
    {
      double width = gtk_print_context_get_width (context);

      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, width * 0.15, y);
      cairo_line_to (cr, width * 0.85, y);
      cairo_stroke (cr);
    }
  y += 2 * PRINT_GAP;

  return y;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *description = pango_font_description_from_string ("Monospace 20");
  double available;
  guint n_codes = mfa_backup_codes_get_n_codes (job->codes);
  int rows, height, n_pages;

  if (job->view != NULL)
    wipe_gstring (job->view->printed_text);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_text (layout, "0", -1);
  pango_layout_get_size (layout, NULL, &height);
  job->row_height = PRINT_ROW_FACTOR * height / PANGO_SCALE;

  job->header_height = put_header (job, context, NULL);
  /* Room for a page number at the bottom. */
  available = gtk_print_context_get_height (context) - job->header_height - 2 * PRINT_GAP;
  rows = MAX (1, (int)(available / job->row_height));
  job->codes_per_page = 2 * rows;

  n_pages = (n_codes + job->codes_per_page - 1) / job->codes_per_page;
  gtk_print_operation_set_n_pages (operation, MAX (1, n_pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  const char * const *codes = mfa_backup_codes_get_codes (job->codes);
  guint n_codes = mfa_backup_codes_get_n_codes (job->codes);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *description = pango_font_description_from_string ("Monospace 20");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double code_width = 0, column_width, box, left, y;
  guint first, count, rows;
  int n_pages = 1;

  first = (guint)page_nr * job->codes_per_page;
  count = first < n_codes ? MIN ((guint)job->codes_per_page, n_codes - first) : 0;
  rows = (count + 1) / 2;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = put_header (job, context, cr);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_auto_dir (layout, FALSE);

  for (guint i = 0; i < n_codes; i++)
    {
      int w;

      pango_layout_set_text (layout, codes[i], -1);
      pango_layout_get_size (layout, &w, NULL);
      code_width = MAX (code_width, (double)w / PANGO_SCALE);
    }

  /* Two columns of a tick box and a code, centred on the page. */
  box = job->row_height / PRINT_ROW_FACTOR * 0.6;
  column_width = MIN (width / 2, box * 2.5 + code_width + 48);
  left = (width - 2 * column_width) / 2;
  cairo_set_line_width (cr, 0.8);

  for (guint i = 0; i < count; i++)
    {
      const char *code = codes[first + i];
      double x = left + (i / rows) * column_width;
      double row_y = y + (i % rows) * job->row_height;
      double text_height;
      int h;

      pango_layout_set_text (layout, code, -1);
      pango_layout_get_size (layout, NULL, &h);
      text_height = (double)h / PANGO_SCALE;

      cairo_rectangle (cr, x, row_y + (text_height - box) / 2, box, box);
      cairo_stroke (cr);

      cairo_move_to (cr, x + box * 2, row_y);
      pango_cairo_show_layout (cr, layout);
      record_printed (job, code);
    }

  g_object_get (operation, "n-pages", &n_pages, NULL);
  if (n_pages > 1)
    {
      g_autofree char *footer = NULL;
      g_autoptr(PangoLayout) footer_layout = gtk_print_context_create_pango_layout (context);
      PangoFontDescription *footer_font = pango_font_description_from_string ("Sans 9");
      int h;

      /* Translators: at the bottom of a printed page */
      footer = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);
      pango_layout_set_font_description (footer_layout, footer_font);
      pango_font_description_free (footer_font);
      pango_layout_set_width (footer_layout, (int)(width * PANGO_SCALE));
      pango_layout_set_alignment (footer_layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (footer_layout, footer, -1);
      pango_layout_get_size (footer_layout, NULL, &h);
      cairo_move_to (cr, 0, height - (double)h / PANGO_SCALE);
      pango_cairo_show_layout (cr, footer_layout);
      record_printed (job, footer);
    }
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PrintJob                *job)
{
  MfaBackupCodesView *self = job->view;
  g_autoptr(GError) error = NULL;

  /* An export reports its result to its caller. */
  if (job->is_export || job->finished)
    return;

  job->finished = TRUE;

  if (self == NULL)
    return;

  if (self->print_operation == operation)
    g_clear_object (&self->print_operation);

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      mark_kept (self);
      add_toast (self, adw_toast_new (_("Codes sent to the printer")));
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        {
          g_autofree char *reason = escape_error (error);

          /* Translators: %s says why */
          add_toast (self, adw_toast_new_format (_("Could not print the codes: %s"), reason));
        }
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      break;
    }
}

static GtkPrintOperation *
create_print_operation (MfaBackupCodesView *self,
                        gboolean            is_export)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  PrintJob *job = g_new0 (PrintJob, 1);
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autofree char *job_name = NULL;

  g_set_weak_pointer (&job->view, self);
  job->codes = g_object_ref (self->codes);
  job->service_host = g_strdup (self->service_host);
  job->account = g_strdup (self->account);
  job->date = format_date (self->created);
  job->is_export = is_export;
  g_object_set_data_full (G_OBJECT (operation), "mfa-print-job", job, print_job_free);

  if (self->service_host != NULL)
    /* Translators: the name of the print job; %s is the service host */
    job_name = g_strdup_printf (_("Backup Codes for %s"), self->service_host);
  else
    job_name = g_strdup (_("Backup Codes"));

  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_top_margin (page_setup, PRINT_MARGIN, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (page_setup, PRINT_MARGIN, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (page_setup, PRINT_MARGIN, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (page_setup, PRINT_MARGIN, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, page_setup);

  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, 1);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), job);

  return operation;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  GtkRoot *root;
  PrintJob *job;

  if (self->codes == NULL || self->print_operation != NULL)
    return;

  operation = create_print_operation (self, FALSE);
  job = g_object_get_data (G_OBJECT (operation), "mfa-print-job");
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_set_object (&self->print_operation, operation);

  root = gtk_widget_get_root (widget);
  result = gtk_print_operation_run (operation,
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    &error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !job->finished)
    {
      g_autofree char *reason = error != NULL ? escape_error (error) : g_strdup ("");

      job->finished = TRUE;
      g_clear_object (&self->print_operation);
      /* Translators: %s says why */
      add_toast (self, adw_toast_new_format (_("Could not print the codes: %s"), reason));
    }
  else if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      /* Done synchronously; ::done has said how it went. */
      g_clear_object (&self->print_operation);
    }
}

/**
 * mfa_backup_codes_view_print_to_pdf:
 * @self: a #MfaBackupCodesView showing codes
 * @pdf_path: the PDF file to write
 * @error: return location for an error
 *
 * Runs the print operation of *Print…* without a dialog, exporting the
 * pages to @pdf_path, which only its owner can read.
 *
 * Returns: %GTK_PRINT_OPERATION_RESULT_APPLY when the file was written;
 *   the codes then count as stored
 */
GtkPrintOperationResult
mfa_backup_codes_view_print_to_pdf (MfaBackupCodesView  *self,
                                    const char          *pdf_path,
                                    GError             **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  int fd;

  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (pdf_path != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  if (self->codes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There are no codes to print."));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  /* The PDF holds the codes too: make it private before anything is
   * written to it; cairo keeps the mode of a file that exists. */
  fd = g_open (pdf_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, pdf_path);
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  if (!ensure_private (fd, pdf_path, error))
    {
      close (fd);
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  close (fd);

  operation = create_print_operation (self, TRUE);
  gtk_print_operation_set_export_filename (operation, pdf_path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    mark_kept (self);

  return result;
}

/**
 * mfa_backup_codes_view_get_printed_text:
 *
 * The text the last print run laid out, one piece per line, for tests:
 * PDF output holds glyphs, not text. Forgotten with the codes.
 *
 * Returns: (transfer none): the text, or ""
 */
const char *
mfa_backup_codes_view_get_printed_text (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), NULL);

  return self->printed_text->str;
}

/* Done and leaving */

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);

  if (!self->stored)
    return;

  finish (self);
}

static void
leave_cancelled_cb (MfaBackupCodesView *self)
{
  g_clear_weak_pointer (&self->confirm_dialog);
}

static void
leave_confirmed_cb (MfaBackupCodesView *self)
{
  g_clear_weak_pointer (&self->confirm_dialog);
  finish (self);
}

/**
 * mfa_backup_codes_view_confirm_close:
 * @self: a #MfaBackupCodesView
 * @parent: (nullable): the window the question belongs to
 *
 * Asks before the person leaves codes they have not stored: they cannot
 * be shown again. When they choose to leave, the view forgets the codes
 * and emits ::done.
 *
 * Returns: %TRUE when a question is asked and the caller should wait for
 *   ::done; %FALSE when leaving is fine now
 */
gboolean
mfa_backup_codes_view_confirm_close (MfaBackupCodesView *self,
                                     GtkWindow          *parent)
{
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);

  if (self->codes == NULL || self->stored)
    return FALSE;

  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      return TRUE;
    }

  if (parent == NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      if (GTK_IS_WINDOW (root))
        parent = GTK_WINDOW (root);
    }

  dialog = adw_message_dialog_new (parent, _("Leave Without Saving Your Codes?"),
                                   _("These backup codes cannot be shown again. Without them, "
                                     "losing your phone can lock you out of your account."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "leave", _("_Leave"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "leave", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::leave",
                           G_CALLBACK (leave_confirmed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response::cancel",
                           G_CALLBACK (leave_cancelled_cb), self, G_CONNECT_SWAPPED);

  g_set_weak_pointer (&self->confirm_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* GObject */

static void
mfa_backup_codes_view_dispose (GObject *object)
{
  MfaBackupCodesView *self = (MfaBackupCodesView *)object;

  if (self->print_operation != NULL)
    {
      gtk_print_operation_cancel (self->print_operation);
      g_clear_object (&self->print_operation);
    }

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->confirm_dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->confirm_dialog);

      g_clear_weak_pointer (&self->confirm_dialog);
      gtk_window_destroy (dialog);
    }

  if (self->codes_grid != NULL)
    clear_grid (self);
  g_clear_object (&self->codes);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_BACKUP_CODES_VIEW);

  G_OBJECT_CLASS (mfa_backup_codes_view_parent_class)->dispose (object);
}

static void
mfa_backup_codes_view_finalize (GObject *object)
{
  MfaBackupCodesView *self = (MfaBackupCodesView *)object;

  wipe_gstring (self->printed_text);
  g_string_free (self->printed_text, TRUE);
  g_clear_pointer (&self->service_host, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (mfa_backup_codes_view_parent_class)->finalize (object);
}

static void
mfa_backup_codes_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORED:
      g_value_set_boolean (value, self->stored);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_backup_codes_view_class_init (MfaBackupCodesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_backup_codes_view_get_property;
  object_class->dispose = mfa_backup_codes_view_dispose;
  object_class->finalize = mfa_backup_codes_view_finalize;

  /**
   * MfaBackupCodesView:stored:
   *
   * Whether the codes shown were copied, saved or printed, or the person
   * ticked that they stored them. *Done* is enabled only then.
   */
  properties[PROP_STORED] =
    g_param_spec_boolean ("stored", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaBackupCodesView::add-toast:
   * @toast: the toast to show
   */
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * MfaBackupCodesView::done:
   *
   * The person is finished with the codes (stored them, or chose to
   * leave without); the view has forgotten them.
   */
  signals[SIGNAL_DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "backup-codes.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "backup-codes.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "backup-codes.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "backup-codes.done", NULL, done_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "backup-codes.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "backup-codes.print", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfa-backup-codes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, account_label);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, codes_grid);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, stored_check);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, done_button);
  gtk_widget_class_bind_template_callback (widget_class, stored_check_toggled_cb);
}

static void
mfa_backup_codes_view_init (MfaBackupCodesView *self)
{
  self->printed_text = g_string_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_direction (GTK_WIDGET (self->codes_grid), GTK_TEXT_DIR_LTR);
  update_state (self);
}
