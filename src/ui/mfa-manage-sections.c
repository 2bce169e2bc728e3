/* mfa-manage-sections.c
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
#include "mfa-error-toast.h"
#include "mfa-phone-display.h"
#include "mfa-phone-row.h"
#include "mfa-tooltip.h"
#include "mfa-transforms.h"

/* The sections of the numbers page: a list box per kind of number, each
 * following a filtered model of the user's numbers; the backup codes row;
 * the offline banner.
 */

/* Rows */

/* Why a change cannot be made while the snapshot is shown. */
static const char *
describe_read_only (MfaManageView *self)
{
  /* Only asked while the account shows its snapshot. */
  return mfa_account_get_read_only_reason (self->account);
}

/* What instance allows, bound from the account; everything, as long as
 * it did not say.
 */
static gboolean
instance_allows (MfaManageView *self,
                 gboolean     (*allows) (MfaEnvironment *))
{
  MfaEnvironment *environment = self->client != NULL ? mfa_client_get_environment (self->client)
                                                     : NULL;

  return environment == NULL || allows (environment);
}

/* A new row binds to the account: why nothing can be changed now, and
 * whether numbers may receive sign-in codes. What it shows of the
 * number itself, including its busy state and wait, the row follows on
 * its own.
 */
static void
bind_row (MfaManageView *self,
          MfaPhoneRow   *row)
{
  g_object_bind_property (self, "narrow", row, "narrow", G_BINDING_SYNC_CREATE);

  if (self->account == NULL)
    return;

  g_object_bind_property (self->account, "read-only-reason", row, "read-only-reason",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->account, "environment", row, "sms-mfa",
                               G_BINDING_SYNC_CREATE,
                               mfa_transform_environment_allows, NULL, (gpointer) "sms-mfa", NULL);
}

/* What the row cannot know from its number: whether it is the user's
 * only way to sign in, and whether an authenticator app comes first.
 */
void
_mfa_manage_view_update_row (MfaManageView *self,
                             MfaPhoneRow   *row)
{
  MfaPhoneNumber *phone = mfa_phone_row_get_number (row);

  /* The saved copy knows no email addresses: say nothing offline. */
  mfa_phone_row_set_last_identifier (row, self->user != NULL && self->offline_user == NULL &&
                                          mfa_user_is_last_identifier (self->user, phone));
  mfa_phone_row_set_totp (row, self->user != NULL && mfa_user_get_totp_enabled (self->user));
}

GtkListBox *
_mfa_manage_view_get_list_box (MfaManageView *self,
                               MfaPhoneList   kind)
{
  switch (kind)
    {
    case MFA_PHONE_LIST_RESERVED:
      return self->reserved_list;

    case MFA_PHONE_LIST_VERIFIED:
      return self->verified_list;

    case MFA_PHONE_LIST_UNVERIFIED:
      return self->unverified_list;

    default:
      g_assert_not_reached ();
    }
}

/* The shown row of a number, if any. */
MfaPhoneRow *
_mfa_manage_view_find_row (MfaManageView *self,
                           const char    *phone_id)
{
  for (guint i = 0; i < N_LISTS && self->stack != NULL; i++)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (_mfa_manage_view_get_list_box (self, i)));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (MFA_IS_PHONE_ROW (child) &&
              g_strcmp0 (mfa_phone_number_get_id (mfa_phone_row_get_number (MFA_PHONE_ROW (child))),
                         phone_id) == 0)
            return MFA_PHONE_ROW (child);
        }
    }

  return NULL;
}

void
_mfa_manage_view_update_rows (MfaManageView *self)
{
  /* A request that ends after dispose finds no widgets. */
  for (guint i = 0; i < N_LISTS && self->stack != NULL; i++)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (_mfa_manage_view_get_list_box (self, i)));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (MFA_IS_PHONE_ROW (child))
            _mfa_manage_view_update_row (self, MFA_PHONE_ROW (child));
        }
    }
}

/* The codes row: shown where the instance makes backup codes and the
 * user has two-step verification; its button waits for a change on its
 * way (its spinner is bound to MfaChanges:codes-busy), for the service
 * and for the snapshot to be live.
 */
void
_mfa_manage_view_update_codes (MfaManageView *self)
{
  g_autofree char *reason = NULL;
  gboolean busy = self->changes != NULL && mfa_changes_get_codes_busy (self->changes);
  gint64 retry_at_ms = self->changes != NULL ? mfa_changes_get_codes_retry_at_ms (self->changes) : 0;
  gboolean show;

  /* A request that ends after dispose finds no widgets. */
  if (self->backup_group == NULL)
    return;

  reason = mfa_dup_disabled_reason (self->offline_user != NULL ? describe_read_only (self) : NULL,
                                    retry_at_ms);

  show = self->offline_user == NULL && self->user != NULL &&
         mfa_user_get_two_factor_enabled (self->user) &&
         instance_allows (self, mfa_environment_get_backup_codes);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_group), show);

  gtk_widget_set_sensitive (GTK_WIDGET (self->codes_button),
                            self->client != NULL && !busy && reason == NULL);
  mfa_tooltip_set_text (GTK_WIDGET (self->codes_button), reason);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->backup_group),
                               GTK_ACCESSIBLE_STATE_BUSY, busy,
                               -1);
}

/* The authenticator app's row: shown where the instance knows such apps,
 * or while the user has one (it can always be removed). Set Up or
 * Remove, waiting like the codes' button.
 */
void
_mfa_manage_view_update_totp (MfaManageView *self)
{
  g_autofree char *reason = NULL;
  gboolean busy = self->changes != NULL && mfa_changes_get_totp_busy (self->changes);
  gint64 retry_at_ms = self->changes != NULL ? mfa_changes_get_totp_retry_at_ms (self->changes) : 0;
  gboolean enabled = self->user != NULL && mfa_user_get_totp_enabled (self->user);

  /* A request that ends after dispose finds no widgets. */
  if (self->totp_group == NULL)
    return;

  reason = mfa_dup_disabled_reason (self->offline_user != NULL ? describe_read_only (self) : NULL,
                                    retry_at_ms);

  gtk_widget_set_visible (GTK_WIDGET (self->totp_group),
                          self->user != NULL &&
                          (enabled || instance_allows (self, mfa_environment_get_totp)));

  if (enabled)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->totp_row), _("Set up"));
      adw_action_row_set_subtitle (self->totp_row,
                                   _("Its codes are asked for first when you sign in"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->totp_row), _("Not set up"));
      adw_action_row_set_subtitle (self->totp_row,
                                   _("Sign in with codes from an app such as GNOME Authenticator, "
                                     "even without a phone signal"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->totp_setup_button), !enabled);
  gtk_widget_set_visible (GTK_WIDGET (self->totp_remove_button), enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->totp_setup_button), reason == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->totp_remove_button), reason == NULL && !busy);
  mfa_tooltip_set_text (GTK_WIDGET (self->totp_setup_button), reason);
  mfa_tooltip_set_text (GTK_WIDGET (self->totp_remove_button), reason);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->totp_group),
                               GTK_ACCESSIBLE_STATE_BUSY, busy,
                               -1);
}

int
_mfa_manage_view_sort_rows_cb (GtkListBoxRow *row1,
                               GtkListBoxRow *row2,
                               gpointer       user_data)
{
  return mfa_phone_number_compare (mfa_phone_row_get_number (MFA_PHONE_ROW (row1)),
                                   mfa_phone_row_get_number (MFA_PHONE_ROW (row2)),
                                   NULL);
}

/* A row for each number that entered the list, none any more for those
 * that left it; the rows of the others stay as they are.
 */
void
_mfa_manage_view_list_items_changed_cb (GListModel *model,
                                        guint       position,
                                        guint       removed,
                                        guint       added,
                                        PhoneList  *list)
{
  MfaManageView *self = list->self;
  GtkListBox *box = _mfa_manage_view_get_list_box (self, list->kind);
  g_autoptr(GHashTable) without_row = g_hash_table_new (NULL, NULL);
  guint n_items = g_list_model_get_n_items (model);
  GtkWidget *child;
  GtkWidget *next;

  /* The user's store keeps the numbers alive. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (model, i);

      g_hash_table_add (without_row, phone);
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);

      if (MFA_IS_PHONE_ROW (child) &&
          !g_hash_table_remove (without_row, mfa_phone_row_get_number (MFA_PHONE_ROW (child))))
        gtk_list_box_remove (box, child);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (model, i);
      GtkWidget *row;

      if (!g_hash_table_contains (without_row, phone))
        continue;

      row = mfa_phone_row_new (phone);
      bind_row (self, MFA_PHONE_ROW (row));
      _mfa_manage_view_update_row (self, MFA_PHONE_ROW (row));
      gtk_list_box_append (box, row);
    }
}

/* User */

void
_mfa_manage_view_update_reserved_description (MfaManageView *self)
{
  /* The instance without sign-in codes by text message: the numbers are
   * still shown and can be removed, but none can be used for two-step
   * verification, and the list says why.
   */
  if (!instance_allows (self, mfa_environment_get_sms_mfa))
    adw_preferences_group_set_description (self->reserved_group,
                                           _("This service does not send sign-in codes by text "
                                             "message, so phone numbers cannot be used for "
                                             "two-step verification here."));
  else if (self->user != NULL && mfa_user_get_totp_enabled (self->user))
    adw_preferences_group_set_description (self->reserved_group,
                                           _("Your authenticator app takes precedence: the default "
                                             "number is used only when you choose a text message."));
  else
    adw_preferences_group_set_description (self->reserved_group,
                                           _("When you sign in, a code is sent to the default number."));
}

static void
user_changed_cb (MfaManageView *self,
                 MfaUser       *user)
{
  /* The numbers changed in place: sort them into their lists again. */
  for (guint i = 0; i < N_LISTS; i++)
    gtk_filter_changed (GTK_FILTER (self->lists[i].filter), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < N_LISTS; i++)
    gtk_list_box_invalidate_sort (_mfa_manage_view_get_list_box (self, i));

  _mfa_manage_view_update_reserved_description (self);
  _mfa_manage_view_update_codes (self);
  _mfa_manage_view_update_totp (self);
  _mfa_manage_view_update_rows (self);
}

void
_mfa_manage_view_bind_user (MfaManageView *self,
                            MfaUser       *user)
{
  GListModel *phones = NULL;

  if (self->user == user)
    return;

  if (self->user != NULL)
    g_signal_handlers_disconnect_by_data (self->user, self);
  g_set_object (&self->user, user);

  if (user != NULL)
    {
      phones = mfa_user_get_phone_numbers (user);
      g_signal_connect_object (user, "changed",
                               G_CALLBACK (user_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (user, "notify::totp-enabled",
                               G_CALLBACK (_mfa_manage_view_update_reserved_description), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (user, "notify::totp-enabled",
                               G_CALLBACK (_mfa_manage_view_update_totp), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (user, "notify::two-factor-enabled",
                               G_CALLBACK (_mfa_manage_view_update_codes), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < N_LISTS; i++)
    gtk_filter_list_model_set_model (self->lists[i].filtered, phones);

  _mfa_manage_view_update_reserved_description (self);
  _mfa_manage_view_update_codes (self);
  _mfa_manage_view_update_totp (self);
}

void
_mfa_manage_view_client_user_cb (MfaManageView *self)
{
  MfaUser *user = mfa_client_get_user (self->client);

  if (user == self->user)
    return;

  self->loaded = FALSE;

  /* Offline the snapshot stays; live mode loads again. */
  if (self->offline_user != NULL)
    return;

  /* Session gone: the window takes over; what is shown stays until then. */
  if (user == NULL)
    return;

  /* Another account: nothing of the old one stays shown. */
  _mfa_manage_view_bind_user (self, NULL);
  if (self->loading)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _mfa_manage_view_load (self);
  else
    _mfa_manage_view_show_page (self, "none");
}

/* Offline */

static char *
dup_synced_text (MfaManageView *self)
{
  g_autoptr(GDateTime) synced = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  if (self->synced_at_ms <= 0)
    return g_strdup (_("Offline"));

  synced = g_date_time_new_from_unix_local (self->synced_at_ms / 1000);
  now = g_date_time_new_from_unix_local (mfa_clock_get_now_ms (self->clock) / 1000);
  if (synced == NULL || now == NULL)
    return g_strdup (_("Offline"));

  if (g_date_time_get_year (synced) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (synced) == g_date_time_get_day_of_year (now))
    {
      /* Translators: a time of day, see the GDateTime format codes */
      when = g_date_time_format (synced, _("%H:%M"));
      /* Translators: %s is a time of day, such as 14:05 */
      return g_strdup_printf (_("Offline · last synced at %s"), when);
    }

  /* Translators: a date and a time of day, see the GDateTime format codes */
  when = g_date_time_format (synced, _("%x %H:%M"));
  /* Translators: %s is a date and a time of day */
  return g_strdup_printf (_("Offline · last synced on %s"), when);
}

void
_mfa_manage_view_update_offline (MfaManageView *self)
{
  gboolean offline = self->offline_user != NULL;

  /* The banner follows MfaAccount:offline: none for the moment a start
   * takes to check the session; the numbers are simply there, and come
   * alive. */
  if (offline)
    {
      g_autofree char *text = dup_synced_text (self);

      gtk_label_set_label (self->offline_title, text);
    }

  /* The window owns win.show-add-phone: only this button is ours. */
  if (offline)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
      mfa_tooltip_set_text (GTK_WIDGET (self->add_button), describe_read_only (self));
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "win.show-add-phone");
      mfa_tooltip_set_text (GTK_WIDGET (self->add_button), _("Add Phone Number"));
    }

  _mfa_manage_view_update_rows (self);
  _mfa_manage_view_update_codes (self);
  _mfa_manage_view_update_totp (self);
}

/*
 * set_offline:
 * @self: a #MfaManageView
 * @snapshot: (nullable): the user as last saved, or %NULL for live mode
 * @synced_at_ms: when @snapshot was saved, in ms since the epoch, or 0
 *   when unknown
 *
 * With a @snapshot the view shows its numbers read-only: a banner
 * says since when, with *Retry* (`win.retry-connection`), every action
 * that would change something is disabled and says why, and backup codes
 * are not offered. No request is sent. With %NULL the view shows the
 * client's user again.
 */
static void
set_offline (MfaManageView *self,
             MfaUser       *snapshot,
             gint64         synced_at_ms)
{
  gboolean changed;

  self->synced_at_ms = snapshot != NULL ? synced_at_ms : 0;
  changed = g_set_object (&self->offline_user, snapshot);

  if (changed && snapshot != NULL)
    {
      /* A confirmation asked for online cannot be answered now. */
      _mfa_manage_view_close_dialog (self);

      _mfa_manage_view_bind_user (self, snapshot);
      _mfa_manage_view_show_page (self, "lists");
    }
  else if (changed && self->client != NULL && self->user != NULL &&
           mfa_client_get_user (self->client) == self->user)
    {
      /* The service's answer updated the snapshot's user in place: its
       * rows stay, live now. */
      self->loaded = TRUE;
      _mfa_manage_view_show_page (self, "lists");
    }
  else if (changed)
    {
      _mfa_manage_view_bind_user (self, NULL);
      self->loaded = FALSE;

      if (self->client != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        _mfa_manage_view_load (self);
      else
        _mfa_manage_view_show_page (self, "none");
    }

  _mfa_manage_view_update_offline (self);
}

/* The account shows its snapshot, or live numbers again. */
void
_mfa_manage_view_account_read_only_cb (MfaManageView *self)
{
  gboolean read_only = self->account != NULL && mfa_account_get_read_only (self->account);

  set_offline (self,
               read_only ? mfa_account_get_user (self->account) : NULL,
               read_only ? mfa_account_get_synced_at_ms (self->account) : 0);
}

