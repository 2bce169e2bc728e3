/* mfa-backup-codes-print.c
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

#define G_LOG_DOMAIN "mfa-backup-codes-print"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mfa-backup-codes-file.h"
#include "mfa-backup-codes-print-private.h"

/* Space between the rows of codes on paper, as a share of a code's height. */
#define PRINT_ROW_FACTOR 1.9
/* Gap between blocks of text on paper, in points. */
#define PRINT_GAP 14.0
/* Page margins, in points: three quarters of an inch. */
#define PRINT_MARGIN 54.0

/**
 * MfaBackupCodesPrint:
 *
 * Prints a set of backup codes: a header with the service, the account
 * and the date, then the codes in two columns, each with a box to tick
 * off, over as many pages as they need.
 *
 * The operation keeps its own reference to the codes, so whoever showed
 * them may forget them while a print dialog is still open. The text it
 * laid out is kept for mfa_backup_codes_print_get_printed_text() and
 * wiped when the operation goes away.
 */
struct _MfaBackupCodesPrint
{
  GtkPrintOperation  parent_instance;

  MfaBackupCodes    *codes;
  char              *service_host;
  char              *account;
  GDateTime         *created;
  char              *date;

  int                codes_per_page;
  double             header_height;
  double             row_height;
  GString           *printed_text;
};

G_DEFINE_FINAL_TYPE (MfaBackupCodesPrint, mfa_backup_codes_print, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_CODES,
  PROP_SERVICE_HOST,
  PROP_ACCOUNT,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mfa_backup_codes_print_new:
 * @codes: the codes to print
 * @service_host: (nullable): the service the codes belong to
 * @account: (nullable): the account's identifier
 * @created: when the codes were made
 *
 * Returns: (transfer full): a print operation for @codes
 */
MfaBackupCodesPrint *
mfa_backup_codes_print_new (MfaBackupCodes *codes,
                            const char     *service_host,
                            const char     *account,
                            GDateTime      *created)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES (codes), NULL);
  g_return_val_if_fail (created != NULL, NULL);

  return g_object_new (MFA_TYPE_BACKUP_CODES_PRINT,
                       "codes", codes,
                       "service-host", service_host,
                       "account", account,
                       "created", created,
                       NULL);
}

static void
wipe_printed_text (MfaBackupCodesPrint *self)
{
  memset (self->printed_text->str, 0, self->printed_text->allocated_len);
  g_string_truncate (self->printed_text, 0);
}

static void
record_printed (MfaBackupCodesPrint *self,
                const char          *text)
{
  g_string_append (self->printed_text, text);
  g_string_append_c (self->printed_text, '\n');
}

/* Lays @text out at @y across the page, centred, and draws it when @cr is
 * given. Returns its height.
 */
static double
put_text (MfaBackupCodesPrint *self,
          GtkPrintContext     *context,
          cairo_t             *cr,
          const char          *font,
          const char          *text,
          double               y)
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
      record_printed (self, text);
    }

  return (double)height / PANGO_SCALE;
}

static double
put_header (MfaBackupCodesPrint *self,
            GtkPrintContext     *context,
            cairo_t             *cr)
{
  g_autofree char *line = NULL;
  double y = 0;

  y += put_text (self, context, cr, "Sans Bold 22", _("Backup Codes"), y);
  y += PRINT_GAP / 2;

  if (self->service_host != NULL)
    {
      g_clear_pointer (&line, g_free);
      /* Translators: on the printed page; %s is the service host */
      line = g_strdup_printf (_("Service: %s"), self->service_host);
      y += put_text (self, context, cr, "Sans 12", line, y);
    }

  if (self->account != NULL)
    {
      g_clear_pointer (&line, g_free);
      /* Translators: on the printed page; %s is the account */
      line = g_strdup_printf (_("Account: %s"), self->account);
      y += put_text (self, context, cr, "Sans 12", line, y);
    }

  g_clear_pointer (&line, g_free);
  /* Translators: on the printed page; %s is a date */
  line = g_strdup_printf (_("Created: %s"), self->date);
  y += put_text (self, context, cr, "Sans 12", line, y);
  y += PRINT_GAP;

  y += put_text (self, context, cr, "Sans 11",
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
mfa_backup_codes_print_begin_print (GtkPrintOperation *operation,
                                    GtkPrintContext   *context)
{
  MfaBackupCodesPrint *self = MFA_BACKUP_CODES_PRINT (operation);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *description = pango_font_description_from_string ("Monospace 20");
  guint n_codes = mfa_backup_codes_get_n_codes (self->codes);
  double available;
  int rows, height, n_pages;

  wipe_printed_text (self);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_text (layout, "0", -1);
  pango_layout_get_size (layout, NULL, &height);
  self->row_height = PRINT_ROW_FACTOR * height / PANGO_SCALE;

  self->header_height = put_header (self, context, NULL);
  /* Room for a page number at the bottom. */
  available = gtk_print_context_get_height (context) - self->header_height - 2 * PRINT_GAP;
  rows = MAX (1, (int)(available / self->row_height));
  self->codes_per_page = 2 * rows;

  n_pages = (n_codes + self->codes_per_page - 1) / self->codes_per_page;
  gtk_print_operation_set_n_pages (operation, MAX (1, n_pages));
}

static void
put_footer (MfaBackupCodesPrint *self,
            GtkPrintContext     *context,
            cairo_t             *cr,
            int                  page_nr,
            int                  n_pages)
{
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  int h;

  /* Translators: at the bottom of a printed page */
  footer = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, footer, -1);
  pango_layout_get_size (layout, NULL, &h);
  cairo_move_to (cr, 0, height - (double)h / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  record_printed (self, footer);
}

static void
mfa_backup_codes_print_draw_page (GtkPrintOperation *operation,
                                  GtkPrintContext   *context,
                                  int                page_nr)
{
  MfaBackupCodesPrint *self = MFA_BACKUP_CODES_PRINT (operation);
  const char * const *codes = mfa_backup_codes_get_codes (self->codes);
  guint n_codes = mfa_backup_codes_get_n_codes (self->codes);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoAttrList) attributes = NULL;
  PangoFontDescription *description = pango_font_description_from_string ("Monospace 20");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double code_width = 0, column_width, box, left, y;
  guint first, count, rows;
  int n_pages = 1;

  first = (guint)page_nr * self->codes_per_page;
  count = first < n_codes ? MIN ((guint)self->codes_per_page, n_codes - first) : 0;
  rows = (count + 1) / 2;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = put_header (self, context, cr);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_auto_dir (layout, FALSE);
  /* A code is letters a person types or copies: no ligature joins two
   * of them into one character (some monospace fonts join "fl"). */
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("liga 0, clig 0, dlig 0"));
  pango_layout_set_attributes (layout, attributes);

  for (guint i = 0; i < n_codes; i++)
    {
      int w;

      pango_layout_set_text (layout, codes[i], -1);
      pango_layout_get_size (layout, &w, NULL);
      code_width = MAX (code_width, (double)w / PANGO_SCALE);
    }

  /* Two columns of a tick box and a code, centred on the page. */
  box = self->row_height / PRINT_ROW_FACTOR * 0.6;
  column_width = MIN (width / 2, box * 2.5 + code_width + 48);
  left = (width - 2 * column_width) / 2;
  cairo_set_line_width (cr, 0.8);

  for (guint i = 0; i < count; i++)
    {
      const char *code = codes[first + i];
      double x = left + (i / rows) * column_width;
      double row_y = y + (i % rows) * self->row_height;
      double text_height;
      int h;

      pango_layout_set_text (layout, code, -1);
      pango_layout_get_size (layout, NULL, &h);
      text_height = (double)h / PANGO_SCALE;

      cairo_rectangle (cr, x, row_y + (text_height - box) / 2, box, box);
      cairo_stroke (cr);

      cairo_move_to (cr, x + box * 2, row_y);
      pango_cairo_show_layout (cr, layout);
      record_printed (self, code);
    }

  g_object_get (operation, "n-pages", &n_pages, NULL);
  if (n_pages > 1)
    put_footer (self, context, cr, page_nr, n_pages);
}

/* Only the owner may read the codes, whatever the umask or filesystem. */
static gboolean
make_private (const char  *path,
              GError     **error)
{
  struct stat st;
  int saved_errno = 0;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    saved_errno = errno;
  else if (fstat (fd, &st) != 0)
    saved_errno = errno;
  else if ((st.st_mode & 0077) != 0 && fchmod (fd, 0600) != 0)
    saved_errno = errno;

  if (fd >= 0)
    close (fd);

  if (saved_errno != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      /* Translators: the first %s is a file, the second the reason */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * mfa_backup_codes_print_export_pdf:
 * @self: a #MfaBackupCodesPrint
 * @pdf_path: the PDF file to write
 * @error: return location for an error
 *
 * Runs the operation without a dialog, exporting the pages to @pdf_path.
 * The PDF holds the codes too: it is made private (mode 0600) before
 * anything is written to it, as cairo keeps the mode of a file that
 * exists.
 *
 * Returns: %GTK_PRINT_OPERATION_RESULT_APPLY when the file was written
 */
GtkPrintOperationResult
mfa_backup_codes_print_export_pdf (MfaBackupCodesPrint  *self,
                                   const char           *pdf_path,
                                   GError              **error)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_PRINT (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (pdf_path != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  if (!make_private (pdf_path, error))
    return GTK_PRINT_OPERATION_RESULT_ERROR;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (self), pdf_path);
  return gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                  GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
}

/**
 * mfa_backup_codes_print_get_printed_text:
 * @self: a #MfaBackupCodesPrint
 *
 * The text the last run laid out, one piece per line, for tests: PDF
 * output holds glyphs, not text.
 *
 * Returns: (transfer none): the text, or ""
 */
const char *
mfa_backup_codes_print_get_printed_text (MfaBackupCodesPrint *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_PRINT (self), NULL);

  return self->printed_text->str;
}

/**
 * mfa_backup_codes_print_get_codes:
 *
 * Returns: (transfer none): the codes printed
 */
MfaBackupCodes *
mfa_backup_codes_print_get_codes (MfaBackupCodesPrint *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_PRINT (self), NULL);

  return self->codes;
}

/**
 * mfa_backup_codes_print_get_service_host:
 *
 * Returns: (nullable): the service named on the page
 */
const char *
mfa_backup_codes_print_get_service_host (MfaBackupCodesPrint *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_PRINT (self), NULL);

  return self->service_host;
}

/**
 * mfa_backup_codes_print_get_account:
 *
 * Returns: (nullable): the account named on the page
 */
const char *
mfa_backup_codes_print_get_account (MfaBackupCodesPrint *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_PRINT (self), NULL);

  return self->account;
}

/**
 * mfa_backup_codes_print_get_created:
 *
 * Returns: (transfer none): when the codes were made
 */
GDateTime *
mfa_backup_codes_print_get_created (MfaBackupCodesPrint *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_PRINT (self), NULL);

  return self->created;
}

/* GObject */

static void
mfa_backup_codes_print_constructed (GObject *object)
{
  MfaBackupCodesPrint *self = MFA_BACKUP_CODES_PRINT (object);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (object);
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autofree char *job_name = NULL;

  G_OBJECT_CLASS (mfa_backup_codes_print_parent_class)->constructed (object);

  g_assert (self->codes != NULL);
  if (self->created == NULL)
    self->created = g_date_time_new_now_local ();
  self->date = mfa_backup_codes_format_date (self->created);

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
}

static void
mfa_backup_codes_print_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MfaBackupCodesPrint *self = MFA_BACKUP_CODES_PRINT (object);

  switch (prop_id)
    {
    case PROP_CODES:
      g_value_set_object (value, self->codes);
      break;

    case PROP_SERVICE_HOST:
      g_value_set_string (value, self->service_host);
      break;

    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_backup_codes_print_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MfaBackupCodesPrint *self = MFA_BACKUP_CODES_PRINT (object);

  switch (prop_id)
    {
    case PROP_CODES:
      self->codes = g_value_dup_object (value);
      break;

    case PROP_SERVICE_HOST:
      self->service_host = g_value_dup_string (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_string (value);
      break;

    case PROP_CREATED:
      self->created = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_backup_codes_print_finalize (GObject *object)
{
  MfaBackupCodesPrint *self = MFA_BACKUP_CODES_PRINT (object);

  wipe_printed_text (self);
  g_string_free (self->printed_text, TRUE);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->service_host, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (mfa_backup_codes_print_parent_class)->finalize (object);
}

static void
mfa_backup_codes_print_class_init (MfaBackupCodesPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->constructed = mfa_backup_codes_print_constructed;
  object_class->get_property = mfa_backup_codes_print_get_property;
  object_class->set_property = mfa_backup_codes_print_set_property;
  object_class->finalize = mfa_backup_codes_print_finalize;

  operation_class->begin_print = mfa_backup_codes_print_begin_print;
  operation_class->draw_page = mfa_backup_codes_print_draw_page;

  /**
   * MfaBackupCodesPrint:codes:
   *
   * The codes to print.
   */
  properties[PROP_CODES] =
    g_param_spec_object ("codes", NULL, NULL,
                         MFA_TYPE_BACKUP_CODES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaBackupCodesPrint:service-host:
   *
   * The service the codes belong to, as people know it, or %NULL.
   */
  properties[PROP_SERVICE_HOST] =
    g_param_spec_string ("service-host", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaBackupCodesPrint:account:
   *
   * The account's identifier, or %NULL.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaBackupCodesPrint:created:
   *
   * When the codes were made; now when not given.
   */
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_backup_codes_print_init (MfaBackupCodesPrint *self)
{
  self->printed_text = g_string_new (NULL);
}
