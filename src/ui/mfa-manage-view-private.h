/* mfa-manage-view-private.h
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

#pragma once

#include "mfa-manage-view.h"
#include "mfa-phone-display.h"
#include "mfa-phone-row.h"

G_BEGIN_DECLS

/* The numbers page in three files: the page and its loading
 * (mfa-manage-view.c), the sections of numbers and what they show
 * (mfa-manage-sections.c), and the changes a person asks for
 * (mfa-manage-actions.c). */

#define N_LISTS 3

typedef struct
{
  MfaManageView      *self;
  MfaPhoneList        kind;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
} PhoneList;

struct _MfaManageView
{
  AdwBin               parent_instance;

  MfaAccount          *account;
  /* The account's: what is on its way, waits, the last failure. */
  MfaChanges          *changes;
  MfaClient           *client;
  MfaClock            *clock;
  MfaUser             *user;
  GCancellable        *cancellable;
  GCancellable        *load_cancellable;
  PhoneList            lists[N_LISTS];
  GtkWidget           *dialog;
  MfaUser             *offline_user;
  GSignalGroup        *account_signals;
  GBindingGroup       *account_bindings;
  GSignalGroup        *changes_signals;
  GBindingGroup       *changes_bindings;
  /* The snapshot is shown while the session is checked, not offline. */
  gint64               synced_at_ms;
  guint                loaded : 1;
  /* The window is narrow: the rows' buttons may wrap. */
  guint                narrow : 1;
  guint                loading : 1;

  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *offline_group;
  GtkLabel            *offline_title;
  AdwPreferencesGroup *message_group;
  GtkBox              *message_box;
  GtkWidget           *message_column;
  GtkLabel            *message_label;
  GtkWidget           *message_details_button;
  GtkButton           *message_retry_button;
  AdwPreferencesGroup *reserved_group;
  GtkButton           *add_button;
  GtkListBox          *reserved_list;
  GtkListBox          *verified_list;
  GtkListBox          *unverified_list;
  AdwPreferencesGroup *totp_group;
  AdwActionRow        *totp_row;
  GtkSpinner          *totp_spinner;
  GtkButton           *totp_setup_button;
  GtkButton           *totp_remove_button;
  AdwPreferencesGroup *backup_group;
  GtkSpinner          *codes_spinner;
  GtkButton           *codes_button;
};


enum {
  SIGNAL_VERIFY_PHONE,
  SIGNAL_BACKUP_CODES,
  N_SIGNALS
};

extern guint _mfa_manage_view_signals[N_SIGNALS];

void        _mfa_manage_view_account_read_only_cb (MfaManageView *self);
void        _mfa_manage_view_bind_user (MfaManageView *self,
                                        MfaUser       *user);
void        _mfa_manage_view_client_user_cb (MfaManageView *self);
void        _mfa_manage_view_close_dialog (MfaManageView *self);
void        _mfa_manage_view_forget_dialog (MfaManageView *self);
MfaPhoneDisplayFlags _mfa_manage_view_display_flags (MfaManageView *self);
void        _mfa_manage_view_emit_toast (MfaManageView *self,
                                         AdwToast      *toast);
MfaPhoneRow * _mfa_manage_view_find_row (MfaManageView *self,
                                         const char    *phone_id);
gboolean    _mfa_manage_view_fits_toast (const char *text);
void        _mfa_manage_view_generate_codes_clicked_cb (MfaManageView *self);
GtkListBox * _mfa_manage_view_get_list_box (MfaManageView *self,
                                            MfaPhoneList   kind);
void        _mfa_manage_view_list_items_changed_cb (GListModel *model,
                                                    guint       position,
                                                    guint       removed,
                                                    guint       added,
                                                    PhoneList  *list);
void        _mfa_manage_view_load (MfaManageView *self);
void        _mfa_manage_view_make_default_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);
void        _mfa_manage_view_message_close_clicked_cb (MfaManageView *self);
void        _mfa_manage_view_message_retry_clicked_cb (MfaManageView *self);
void        _mfa_manage_view_remove_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void        _mfa_manage_view_reserve_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
void        _mfa_manage_view_show_page (MfaManageView *self,
                                        const char    *name);
int         _mfa_manage_view_sort_rows_cb (GtkListBoxRow *row1,
                                           GtkListBoxRow *row2,
                                           gpointer       user_data);
void        _mfa_manage_view_unreserve_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void        _mfa_manage_view_update_codes (MfaManageView *self);
void        _mfa_manage_view_update_totp (MfaManageView *self);
void        _mfa_manage_view_remove_totp_clicked_cb (MfaManageView *self);
void        _mfa_manage_view_update_offline (MfaManageView *self);
void        _mfa_manage_view_update_reserved_description (MfaManageView *self);
void        _mfa_manage_view_update_row (MfaManageView *self,
                                         MfaPhoneRow   *row);
void        _mfa_manage_view_update_rows (MfaManageView *self);
void        _mfa_manage_view_verify_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);

G_END_DECLS
