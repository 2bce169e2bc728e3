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

#include <glib/gi18n.h>
#include <string.h>

#include "mfa-backup-codes-view-private.h"
#include "mfa-button-row.h"
#include "mfa-compat.h"
#include "mfa-error-toast.h"
#include "mfa-narrow.h"

/* Backup codes: shows a freshly generated set once, lets the
 * person copy, save or print it, and only lets them go on (::done) when
 * they did one of those or said they stored the codes. The codes are
 * dropped as soon as the view is done with them.
 */
G_DEFINE_FINAL_TYPE (MfaBackupCodesView, mfa_backup_codes_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORED,
  N_PROPS
};

enum {
  SIGNAL_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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

/* Takes @toast; the overlay that shows it takes a reference of its own. */
static void
add_toast (MfaBackupCodesView *self,
           AdwToast           *toast)
{
  g_autoptr(AdwToast) owned = toast;

  mfa_toast_show (GTK_WIDGET (self), owned);
}

/* For the save and print handling: their toasts go the page's way. */
void
mfa_backup_codes_view_add_toast (MfaBackupCodesView *self,
                                 AdwToast           *toast)
{
  add_toast (self, toast);
}

/* Toast titles are markup. */
char *
mfa_backup_codes_view_escape_error (const GError *error)
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

void
mfa_backup_codes_view_mark_kept (MfaBackupCodesView *self)
{
  self->kept = TRUE;
  update_state (self);
}

static void
stored_check_toggled_cb (MfaBackupCodesView *self)
{
  update_state (self);
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

  /* Row by row, left to right: the order Tab and a screen reader follow
   * is the order of the numbers. */
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

      gtk_grid_attach (self->codes_grid, label, i % 2, i / 2, 1, 1);
    }
}

/* The save dialog and the question go with the codes, unanswered. */
static void
close_dialogs (MfaBackupCodesView *self)
{
  if (self->save_cancellable != NULL)
    {
      g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->save_cancellable);

      g_cancellable_cancel (cancellable);
    }

  if (self->confirm_dialog != NULL)
    {
      GtkWidget *dialog = self->confirm_dialog;

      g_clear_weak_pointer (&self->confirm_dialog);
      g_signal_handlers_disconnect_by_data (dialog, self);
      mfa_alert_close (dialog);
    }
}

static void
forget_codes (MfaBackupCodesView *self)
{
  close_dialogs (self);

  clear_grid (self);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->service_host, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  /* Its finalization wipes what it laid out. */
  g_clear_object (&self->last_print);

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
 * Returns: whether the codes shown were saved or printed, or the
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
  /* Copied is not kept: the clipboard forgets. Saving, printing or the
   * person's own word count.
   */

  add_toast (self, adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u code copied",
                                                      "%u codes copied",
                                                      n_codes),
                                         n_codes));
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
  GtkWidget *over;
  GtkWidget *dialog;

  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);

  if (self->codes == NULL || self->stored)
    return FALSE;

  over = parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self);

  if (self->confirm_dialog != NULL)
    {
      mfa_alert_present (self->confirm_dialog, over);
      return TRUE;
    }

  dialog = mfa_alert_new (_("Leave Without Saving Your Codes?"),
                          _("These backup codes cannot be shown again. Without them, "
                            "losing your phone can lock you out of your account."));
  mfa_alert_add_responses (dialog,
                           "cancel", _("_Cancel"),
                           "leave", _("_Leave"),
                           NULL);
  mfa_alert_set_response_appearance (dialog, "leave", ADW_RESPONSE_DESTRUCTIVE);
  mfa_alert_set_default_response (dialog, "cancel");
  mfa_alert_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response::leave",
                           G_CALLBACK (leave_confirmed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response::cancel",
                           G_CALLBACK (leave_cancelled_cb), self, G_CONNECT_SWAPPED);

  g_set_weak_pointer (&self->confirm_dialog, dialog);
  mfa_alert_present (dialog, over);

  return TRUE;
}

/* GObject */

static void
mfa_backup_codes_view_dispose (GObject *object)
{
  MfaBackupCodesView *self = (MfaBackupCodesView *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->print_operation != NULL)
    {
      gtk_print_operation_cancel (GTK_PRINT_OPERATION (self->print_operation));
      g_clear_object (&self->print_operation);
    }
  g_clear_object (&self->last_print);

  close_dialogs (self);

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

  g_clear_object (&self->cancellable);
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
   * Whether the codes shown were saved or printed, or the person
   * ticked that they stored them. *Done* is enabled only then.
   */
  properties[PROP_STORED] =
    g_param_spec_boolean ("stored", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);


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
  gtk_widget_class_install_action (widget_class, "backup-codes.save", NULL,
                                   mfa_backup_codes_view_save_action);
  gtk_widget_class_install_action (widget_class, "backup-codes.print", NULL,
                                   mfa_backup_codes_view_print_action);
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
  self->cancellable = g_cancellable_new ();

  g_type_ensure (MFA_TYPE_BUTTON_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_lay_out_text (GTK_WIDGET (self));

  gtk_widget_set_direction (GTK_WIDGET (self->codes_grid), GTK_TEXT_DIR_LTR);
  update_state (self);
}
