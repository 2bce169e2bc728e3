/* mfa-manage-view.c
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

#define G_LOG_DOMAIN "mfa-manage-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-manage-view-private.h"
#include "mfa-compat.h"
#include "mfa-error-toast.h"
#include "mfa-narrow.h"
#include "mfa-phone-display.h"
#include "mfa-phone-row.h"
#include "mfa-tooltip.h"
#include "mfa-transforms.h"

/**
 * MfaManageView:
 *
 * The main page: the user's phone numbers in three lists (reserved for
 * two-step verification, other verified numbers, unverified numbers),
 * each a filtered and sorted view of the #MfaUser the client keeps up to
 * date. The view only starts requests; every change it shows comes from
 * the model the client rebuilds after each answer.
 *
 * The view loads itself (`GET /v1/me`) the first time it is shown with a
 * client; mfa_manage_view_reload() loads again.
 *
 * Gated changes go through step-up in the client, which sends them again
 * once the person confirmed it is them. While the account shows its last
 * snapshot (#MfaAccount:read-only: the service cannot be reached, or the
 * session is being checked) the view shows it read-only, offline under a
 * banner. After a 429 with `Retry-After` the
 * row it was about waits until the view's clock has passed it.
 *
 * Each list box follows its filter model: a row is made when a number
 * enters the list and dropped when it leaves; in between the row follows
 * its #MfaPhoneNumber (the user keeps the same objects and updates them
 * in place), so nothing here redraws a row. The list box sorts its rows
 * itself: a sort model would tell a bound list box of every move as the
 * removal and insertion of all rows in between, and rebuild rows that
 * did not change. Rows ask for changes through their `phone.*` actions
 * (see #MfaPhoneRow), which pass them on to the view's `manage.*`
 * actions, targeted with the number's id.
 */

G_DEFINE_FINAL_TYPE (MfaManageView, mfa_manage_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint _mfa_manage_view_signals[N_SIGNALS];

/**
 * mfa_manage_view_new:
 *
 * Returns: (transfer floating): a new view, without a client
 */
GtkWidget *
mfa_manage_view_new (void)
{
  return g_object_new (MFA_TYPE_MANAGE_VIEW, NULL);
}

/* The number as people know it, to be put into a sentence: kept in one
 * piece and, in a right-to-left locale, left to right.
 */
MfaPhoneDisplayFlags
_mfa_manage_view_display_flags (MfaManageView *self)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return MFA_PHONE_DISPLAY_ISOLATE;

  return MFA_PHONE_DISPLAY_DEFAULT;
}

void
_mfa_manage_view_emit_toast (MfaManageView *self,
                             AdwToast      *toast)
{
  mfa_toast_show (GTK_WIDGET (self), toast);
}

/* A failure is shown above the lists when too long for a toast. */
static gboolean
message_to_visible (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_boolean (to, text != NULL && !_mfa_manage_view_fits_toast (text));
  return TRUE;
}

/* What no property of a widget holds: the details of an answer of the
 * service (none where Retry is offered), and the message as the box's
 * accessible label. */
static void
message_changed_cb (MfaManageView *self)
{
  const char *text = mfa_changes_get_message (self->changes);

  if (self->message_details_button == NULL)
    return;

  mfa_error_details_button_set_error (self->message_details_button,
                                      mfa_changes_get_message_can_retry (self->changes)
                                      ? NULL : mfa_changes_get_message_error (self->changes));
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                    -1);
}

/* The confirmation asked, answered: another may be asked at once, even
 * while this one still fades out. */
void
_mfa_manage_view_forget_dialog (MfaManageView *self)
{
  if (self->dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
}

/* A confirmation that can no longer be answered goes, answering nothing. */
void
_mfa_manage_view_close_dialog (MfaManageView *self)
{
  GtkWidget *dialog = self->dialog;

  if (dialog == NULL)
    return;

  _mfa_manage_view_forget_dialog (self);
  g_signal_handlers_disconnect_matched (dialog, G_SIGNAL_MATCH_ID,
                                        g_signal_lookup ("response", G_OBJECT_TYPE (dialog)),
                                        0, NULL, NULL, NULL);
  mfa_alert_close (dialog);
}

/* Coming back from another page (adding a number, new codes) whose
 * control had the focus when it went away: the focus goes to Add rather
 * than nowhere.
 */
static void
claim_lost_focus (MfaManageView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus;

  if (!GTK_IS_WINDOW (root) || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lists") != 0)
    return;

  focus = gtk_window_get_focus (GTK_WINDOW (root));
  if (focus != NULL && gtk_widget_get_mapped (focus))
    return;

  if (!gtk_widget_grab_focus (GTK_WIDGET (self->add_button)))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void retry_clicked_cb (MfaManageView *self);

/* The loading and error pages are made when first shown: a start with
 * numbers to show never needs them. */
static void
ensure_page (MfaManageView *self,
             const char    *name)
{
  GtkWidget *page;

  if (g_str_equal (name, "loading") && self->loading_spinner == NULL)
    {
      page = adw_status_page_new ();
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Loading Phone Numbers…"));
      self->loading_spinner = GTK_SPINNER (gtk_spinner_new ());
      gtk_widget_set_size_request (GTK_WIDGET (self->loading_spinner), 32, 32);
      gtk_widget_set_halign (GTK_WIDGET (self->loading_spinner), GTK_ALIGN_CENTER);
      adw_status_page_set_child (ADW_STATUS_PAGE (page), GTK_WIDGET (self->loading_spinner));
    }
  else if (g_str_equal (name, "error") && self->error_page == NULL)
    {
      GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Retry"));

      page = adw_status_page_new ();
      self->error_page = ADW_STATUS_PAGE (page);
      adw_status_page_set_title (self->error_page, _("Could Not Load Your Phone Numbers"));
      gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (retry, "suggested-action");
      gtk_widget_add_css_class (retry, "pill");
      g_signal_connect_object (retry, "clicked", G_CALLBACK (retry_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_status_page_set_child (self->error_page, retry);
    }
  else
    return;

  mfa_narrow_lay_out_text (page);
  gtk_stack_add_named (self->stack, page, name);
}

void
_mfa_manage_view_show_page (MfaManageView *self,
                            const char    *name)
{
  ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->stack, name);
  claim_lost_focus (self);

  if (self->loading_spinner != NULL)
    gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
}

/* Loading */

static void
get_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MfaManageView) self = user_data;
  g_autoptr(MfaUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = mfa_client_get_me_finish (MFA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;

  /* Offline the snapshot is shown, whatever the answer. */
  if (self->offline_user != NULL)
    {
      self->loaded = user != NULL;
      return;
    }

  if (user == NULL)
    {
      /* The error page and the toast both offer Retry. */
      g_autofree char *text = mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY,
                                                  mfa_client_get_base_url (self->client), NULL);

      if (!self->loaded)
        {
          g_autofree char *escaped = g_markup_escape_text (text, -1);

          ensure_page (self, "error");
          adw_status_page_set_description (self->error_page, escaped);
          /* Set here: its icon would cost the start that shows the lists. */
          adw_status_page_set_icon_name (self->error_page, "network-error-symbolic");
          _mfa_manage_view_show_page (self, "error");
        }
      else if (!_mfa_manage_view_fits_toast (text))
        {
          mfa_changes_report_reload_failure (self->changes, error);
        }
      else
        {
          g_autoptr(AdwToast) toast = mfa_error_toast_new (text, error);

          _mfa_manage_view_emit_toast (self, toast);
        }
      return;
    }

  self->loaded = TRUE;
  _mfa_manage_view_bind_user (self, mfa_client_get_user (self->client));
  _mfa_manage_view_show_page (self, "lists");
}

/**
 * mfa_manage_view_reload:
 * @self: a #MfaManageView
 *
 * Loads the user again (`GET /v1/me`). Until a first load succeeded the
 * view shows a spinner, then either the lists or the error with Retry;
 * later failures leave the lists and show a toast.
 */
void
mfa_manage_view_reload (MfaManageView *self)
{
  g_return_if_fail (MFA_IS_MANAGE_VIEW (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->client == NULL)
    {
      self->loading = FALSE;
      _mfa_manage_view_show_page (self, "none");
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  self->loading = TRUE;
  if (!self->loaded)
    _mfa_manage_view_show_page (self, "loading");

  mfa_client_get_me_async (self->client, self->load_cancellable,
                           get_me_cb, g_object_ref (self));
}

/* Shows what the client already knows (every response carries the whole
 * user), and asks the server only when it knows nothing yet.
 */
void
_mfa_manage_view_load (MfaManageView *self)
{
  MfaUser *user = self->client != NULL ? mfa_client_get_user (self->client) : NULL;

  if (self->offline_user != NULL)
    return;

  if (user == NULL)
    {
      mfa_manage_view_reload (self);
      return;
    }

  self->loaded = TRUE;
  _mfa_manage_view_bind_user (self, user);
  _mfa_manage_view_show_page (self, "lists");
}

static void
retry_clicked_cb (MfaManageView *self)
{
  mfa_manage_view_reload (self);
}

/* F5 and Ctrl+R: load again, or offline, try to reach the service. */
static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);

  if (self->offline_user != NULL)
    gtk_widget_activate_action (widget, "win.retry-connection", NULL);
  else
    mfa_manage_view_reload (self);
}

/* Properties */

static void
cancel_all (MfaManageView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->loading = FALSE;

  _mfa_manage_view_close_dialog (self);
}

static void
update_environment (MfaManageView *self)
{
  if (self->reserved_group == NULL)
    return;

  _mfa_manage_view_update_reserved_description (self);
  _mfa_manage_view_update_rows (self);
  _mfa_manage_view_update_codes (self);
  _mfa_manage_view_update_totp (self);
}

static void
environment_changed_cb (MfaManageView *self)
{
  update_environment (self);
}

/*
 * set_client:
 * @self: a #MfaManageView
 * @client: (nullable): the client of the signed-in session
 *
 * Forgets what the previous client showed; the new one is loaded when
 * the view is shown, or at once if it is shown already.
 */
static void
set_client (MfaManageView *self,
            MfaClient     *client)
{
  g_return_if_fail (MFA_IS_MANAGE_VIEW (self));
  g_return_if_fail (client == NULL || MFA_IS_CLIENT (client));

  if (self->client == client)
    return;

  cancel_all (self);
  self->cancellable = g_cancellable_new ();

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);

  self->loaded = FALSE;

  if (self->offline_user != NULL)
    {
      /* The snapshot stays shown until the window says otherwise. */
      _mfa_manage_view_update_offline (self);
    }
  else
    {
      _mfa_manage_view_bind_user (self, NULL);
      _mfa_manage_view_show_page (self, "none");
    }

  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::user",
                               G_CALLBACK (_mfa_manage_view_client_user_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::environment",
                               G_CALLBACK (environment_changed_cb), self, G_CONNECT_SWAPPED);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        _mfa_manage_view_load (self);
    }

  update_environment (self);

}

/*
 * set_clock:
 * @self: a #MfaManageView
 * @clock: (nullable): a clock, or %NULL for the default one
 */
static void
set_clock (MfaManageView *self,
           MfaClock      *clock)
{
  g_return_if_fail (MFA_IS_MANAGE_VIEW (self));
  g_return_if_fail (clock == NULL || MFA_IS_CLOCK (clock));

  if (clock == NULL)
    clock = mfa_clock_get_default ();

  if (self->clock == clock)
    return;

  g_set_object (&self->clock, clock);

  if (self->offline_user != NULL)
    _mfa_manage_view_update_offline (self);

}

/**
 * mfa_manage_view_get_account:
 * @self: a #MfaManageView
 *
 * Returns: (transfer none) (nullable): the account shown
 */
MfaAccount *
mfa_manage_view_get_account (MfaManageView *self)
{
  g_return_val_if_fail (MFA_IS_MANAGE_VIEW (self), NULL);

  return self->account;
}

/**
 * mfa_manage_view_set_account:
 * @self: a #MfaManageView
 * @account: (nullable): the account to show
 *
 * The view works with @account's client and counts down on its clock.
 */
void
mfa_manage_view_set_account (MfaManageView *self,
                             MfaAccount    *account)
{
  g_return_if_fail (MFA_IS_MANAGE_VIEW (self));
  g_return_if_fail (account == NULL || MFA_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  self->changes = account != NULL ? mfa_account_get_changes (account) : NULL;
  g_signal_group_set_target (self->changes_signals, self->changes);
  g_binding_group_set_source (self->changes_bindings, self->changes);
  set_clock (self, account != NULL ? mfa_account_get_clock (account) : NULL);
  set_client (self, account != NULL ? mfa_account_get_client (account) : NULL);
  g_signal_group_set_target (self->account_signals, account);
  g_binding_group_set_source (self->account_bindings, account);
  _mfa_manage_view_account_read_only_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* GObject */

static void
mfa_manage_view_map (GtkWidget *widget)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);

  GTK_WIDGET_CLASS (mfa_manage_view_parent_class)->map (widget);

  if (self->client != NULL && !self->loaded && !self->loading)
    _mfa_manage_view_load (self);
  claim_lost_focus (self);
}

/* The window is going away (or the view leaves it): nothing that was
 * asked for may land on it any more.
 */
static void
mfa_manage_view_unroot (GtkWidget *widget)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);

  cancel_all (self);
  self->cancellable = g_cancellable_new ();

  GTK_WIDGET_CLASS (mfa_manage_view_parent_class)->unroot (widget);
}

static void
mfa_manage_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MfaManageView *self = MFA_MANAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_manage_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MfaManageView *self = MFA_MANAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      mfa_manage_view_set_account (self, g_value_get_object (value));
      break;

    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_manage_view_dispose (GObject *object)
{
  MfaManageView *self = (MfaManageView *)object;

  cancel_all (self);

  for (guint i = 0; i < N_LISTS; i++)
    {
      if (self->lists[i].filtered != NULL)
        g_signal_handlers_disconnect_by_data (self->lists[i].filtered, &self->lists[i]);
    }

  if (self->user != NULL)
    g_signal_handlers_disconnect_by_data (self->user, self);
  g_clear_object (&self->user);
  g_clear_object (&self->offline_user);
  if (self->account_signals != NULL)
    g_signal_group_set_target (self->account_signals, NULL);
  if (self->account_bindings != NULL)
    g_binding_group_set_source (self->account_bindings, NULL);
  g_clear_object (&self->account_signals);
  g_clear_object (&self->account_bindings);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  if (self->changes_signals != NULL)
    g_signal_group_set_target (self->changes_signals, NULL);
  if (self->changes_bindings != NULL)
    g_binding_group_set_source (self->changes_bindings, NULL);
  g_clear_object (&self->changes_signals);
  g_clear_object (&self->changes_bindings);
  self->changes = NULL;
  g_clear_object (&self->clock);

  for (guint i = 0; i < N_LISTS; i++)
    {
      g_clear_object (&self->lists[i].filtered);
      g_clear_object (&self->lists[i].filter);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_MANAGE_VIEW);
  self->stack = NULL;
  self->message_details_button = NULL;

  G_OBJECT_CLASS (mfa_manage_view_parent_class)->dispose (object);
}

static void
mfa_manage_view_class_init (MfaManageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_manage_view_get_property;
  object_class->set_property = mfa_manage_view_set_property;
  object_class->dispose = mfa_manage_view_dispose;

  widget_class->map = mfa_manage_view_map;
  widget_class->unroot = mfa_manage_view_unroot;

  /**
   * MfaManageView:account:
   *
   * The account shown: its client, clock and state.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MFA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaManageView:narrow:
   *
   * Whether the window is narrow; the rows follow it.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);


  /**
   * MfaManageView::verify-phone:
   * @self: the view
   * @phone: the unverified number the person wants to verify
   */
  _mfa_manage_view_signals[SIGNAL_VERIFY_PHONE] =
    g_signal_new ("verify-phone",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MFA_TYPE_PHONE_NUMBER);

  /**
   * MfaManageView::backup-codes:
   * @self: the view
   * @codes: the backup codes the server handed out when reserving a
   *   number turned two-step verification on, or the new set the person
   *   asked for; shown only this once
   */
  _mfa_manage_view_signals[SIGNAL_BACKUP_CODES] =
    g_signal_new ("backup-codes",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MFA_TYPE_BACKUP_CODES);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-manage-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, offline_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, offline_title);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, message_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, message_box);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, message_column);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, message_label);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, message_retry_button);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, reserved_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, add_button);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, reserved_list);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, verified_list);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, unverified_list);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, totp_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, totp_row);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, totp_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, totp_setup_button);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, totp_remove_button);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, backup_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, codes_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, codes_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "generate_codes_clicked_cb",
                                                G_CALLBACK (_mfa_manage_view_generate_codes_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "remove_totp_clicked_cb",
                                                G_CALLBACK (_mfa_manage_view_remove_totp_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "message_retry_clicked_cb",
                                                G_CALLBACK (_mfa_manage_view_message_retry_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "message_close_clicked_cb",
                                                G_CALLBACK (_mfa_manage_view_message_close_clicked_cb));

  /* What the rows' `phone.*` actions pass on, with the number's id. */
  gtk_widget_class_install_action (widget_class, "manage.make-default", "s", _mfa_manage_view_make_default_action);
  gtk_widget_class_install_action (widget_class, "manage.reserve", "s", _mfa_manage_view_reserve_action);
  gtk_widget_class_install_action (widget_class, "manage.unreserve", "s", _mfa_manage_view_unreserve_action);
  gtk_widget_class_install_action (widget_class, "manage.verify", "s", _mfa_manage_view_verify_action);
  gtk_widget_class_install_action (widget_class, "manage.remove", "s", _mfa_manage_view_remove_action);
  gtk_widget_class_install_action (widget_class, "manage.reload", NULL, reload_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "manage.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "manage.reload", NULL);
}

static void
mfa_manage_view_init (MfaManageView *self)
{
  g_type_ensure (MFA_TYPE_PHONE_ROW);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child: not a bound template child, which the template
   * would unparent behind the bin's back on dispose.
   */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  mfa_narrow_wrap_group_titles (GTK_WIDGET (self->stack));
  mfa_narrow_lay_out_text (GTK_WIDGET (self->stack));

  self->message_details_button = mfa_error_details_button_new ();
  gtk_widget_set_valign (self->message_details_button, GTK_ALIGN_CENTER);
  gtk_box_insert_child_after (self->message_box, self->message_details_button,
                              GTK_WIDGET (self->message_column));

  self->cancellable = g_cancellable_new ();
  self->clock = g_object_ref (mfa_clock_get_default ());

  for (guint i = 0; i < N_LISTS; i++)
    {
      PhoneList *list = &self->lists[i];

      list->self = self;
      list->kind = i;
      list->filter = gtk_custom_filter_new (mfa_phone_number_filter_func,
                                            GINT_TO_POINTER (i), NULL);
      list->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (list->filter)));
      g_signal_connect (list->filtered, "items-changed",
                        G_CALLBACK (_mfa_manage_view_list_items_changed_cb), list);
      gtk_list_box_set_sort_func (_mfa_manage_view_get_list_box (self, i), _mfa_manage_view_sort_rows_cb, NULL, NULL);
    }

  /* The account's snapshot shows read-only; offline, under a banner. */
  self->account_bindings = g_binding_group_new ();
  g_binding_group_bind (self->account_bindings, "offline", self->offline_group, "visible",
                        G_BINDING_SYNC_CREATE);
  self->account_signals = g_signal_group_new (MFA_TYPE_ACCOUNT);
  g_signal_group_connect_swapped (self->account_signals, "notify::read-only",
                                  G_CALLBACK (_mfa_manage_view_account_read_only_cb), self);
  /* Each notified only when it changes: the reason the actions give, the
   * snapshot shown and since when. */
  g_signal_group_connect_swapped (self->account_signals, "notify::read-only-reason",
                                  G_CALLBACK (_mfa_manage_view_account_read_only_cb), self);
  g_signal_group_connect_swapped (self->account_signals, "notify::user",
                                  G_CALLBACK (_mfa_manage_view_account_read_only_cb), self);
  g_signal_group_connect_swapped (self->account_signals, "notify::synced-at-ms",
                                  G_CALLBACK (_mfa_manage_view_account_read_only_cb), self);

  /* The account's changes: the codes' spinner, and above the lists a
   * failure too long for a toast, with Retry where the service could not
   * be reached. */
  self->changes_bindings = g_binding_group_new ();
  g_binding_group_bind (self->changes_bindings, "codes-busy", self->codes_spinner, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->changes_bindings, "codes-busy", self->codes_spinner, "spinning",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->changes_bindings, "totp-busy", self->totp_spinner, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->changes_bindings, "totp-busy", self->totp_spinner, "spinning",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->changes_bindings, "message", self->message_label, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->changes_bindings, "message", self->message_group, "visible",
                             G_BINDING_SYNC_CREATE, message_to_visible, NULL, NULL, NULL);
  g_binding_group_bind (self->changes_bindings, "message-can-retry", self->message_retry_button,
                        "visible", G_BINDING_SYNC_CREATE);
  self->changes_signals = g_signal_group_new (MFA_TYPE_CHANGES);
  g_signal_group_connect_swapped (self->changes_signals, "notify::message",
                                  G_CALLBACK (message_changed_cb), self);
  g_signal_group_connect_swapped (self->changes_signals, "notify::codes-busy",
                                  G_CALLBACK (_mfa_manage_view_update_codes), self);
  g_signal_group_connect_swapped (self->changes_signals, "notify::codes-retry-at-ms",
                                  G_CALLBACK (_mfa_manage_view_update_codes), self);
  g_signal_group_connect_swapped (self->changes_signals, "notify::totp-busy",
                                  G_CALLBACK (_mfa_manage_view_update_totp), self);
  g_signal_group_connect_swapped (self->changes_signals, "notify::totp-retry-at-ms",
                                  G_CALLBACK (_mfa_manage_view_update_totp), self);

  _mfa_manage_view_update_reserved_description (self);
  _mfa_manage_view_update_codes (self);
  _mfa_manage_view_update_totp (self);
}

