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

#include "mfa-manage-view.h"
#include "mfa-cooldown.h"
#include "mfa-error-toast.h"
#include "mfa-narrow.h"
#include "mfa-width-layout.h"
#include "mfa-phone-display.h"
#include "mfa-phone-row.h"
#include "mfa-tooltip.h"

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

#define N_LISTS 3

/* The key of the backup-codes action in the cooldown (phone ids). */
#define CODES_KEY "backup-codes"

typedef struct
{
  MfaManageView      *self;
  MfaPhoneList        kind;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
} PhoneList;

typedef enum {
  OP_MAKE_DEFAULT,
  OP_RESERVE,
  OP_UNRESERVE,
  OP_REMOVE,
  OP_CREATE_CODES,
} Op;

typedef struct
{
  MfaManageView  *self;
  MfaPhoneNumber *phone;     /* NULL for OP_CREATE_CODES */
  Op              op;
} Request;

/* What a toast's button or a confirmation acts on once answered. */
typedef struct
{
  GWeakRef  view;
  char     *phone_id;  /* NULL for OP_CREATE_CODES */
  Op        op;
} Target;

struct _MfaManageView
{
  AdwBin               parent_instance;

  MfaAccount          *account;
  MfaClient           *client;
  MfaClock            *clock;
  MfaUser             *user;
  GCancellable        *cancellable;
  GCancellable        *load_cancellable;
  PhoneList            lists[N_LISTS];
  GtkWidget           *dialog;
  /* What the service asked to wait with (429 and `Retry-After`), by
   * phone id or CODES_KEY. */
  MfaCooldown         *cooldown;
  MfaUser             *offline_user;
  GSignalGroup        *account_signals;
  GBindingGroup       *account_bindings;
  /* The snapshot is shown while the session is checked, not offline. */
  gint64               synced_at_ms;
  guint                loaded : 1;
  guint                loading : 1;
  guint                codes_busy : 1;

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
  char                *message_phone_id;
  Op                   message_op;
  AdwPreferencesGroup *reserved_group;
  GtkButton           *add_button;
  GtkListBox          *reserved_list;
  GtkListBox          *verified_list;
  GtkListBox          *unverified_list;
  AdwPreferencesGroup *backup_group;
  GtkSpinner          *codes_spinner;
  GtkButton           *codes_button;
};

G_DEFINE_FINAL_TYPE (MfaManageView, mfa_manage_view, ADW_TYPE_BIN)

static void load (MfaManageView *self);

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  SIGNAL_ADD_TOAST,
  SIGNAL_VERIFY_PHONE,
  SIGNAL_BACKUP_CODES,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_request (MfaManageView *self,
                           const char    *phone_id,
                           Op             op);
static gboolean fits_toast (const char *text);
static void show_message (MfaManageView *self,
                          const char    *text,
                          Request       *request,
                          const GError  *error);

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

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->phone);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Target *
target_new (MfaManageView *self,
            const char    *phone_id,
            Op             op)
{
  Target *target = g_new0 (Target, 1);

  g_weak_ref_init (&target->view, self);
  target->phone_id = g_strdup (phone_id);
  target->op = op;

  return target;
}

static void
target_free (gpointer  data,
             GClosure *closure)
{
  Target *target = data;

  g_weak_ref_clear (&target->view);
  g_free (target->phone_id);
  g_free (target);
}

/* The number as people know it, to be put into a sentence: kept in one
 * piece and, in a right-to-left locale, left to right.
 */
static MfaPhoneDisplayFlags
display_flags (MfaManageView *self)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return MFA_PHONE_DISPLAY_ISOLATE;

  return MFA_PHONE_DISPLAY_DEFAULT;
}

static void
emit_toast (MfaManageView *self,
            AdwToast      *toast)
{
  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
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

  mfa_width_layout_install_in (page);
  gtk_stack_add_named (self->stack, page, name);
}

static void
show_page (MfaManageView *self,
           const char    *name)
{
  ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->stack, name);
  claim_lost_focus (self);

  if (self->loading_spinner != NULL)
    gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
}

/* Rows */

static gboolean
is_phone_busy (MfaManageView  *self,
               MfaPhoneNumber *phone)
{
  return mfa_phone_number_get_busy (phone);
}

/* Why an action cannot be used now, or NULL. */
/* Why a change cannot be made while the snapshot is shown. */
static const char *
describe_read_only (MfaManageView *self)
{
  const char *reason = self->account != NULL ? mfa_account_get_read_only_reason (self->account) : NULL;

  return reason != NULL ? reason : _("Not available offline");
}

static char *
dup_disabled_reason (MfaManageView *self,
                     const char    *key)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *at = NULL;
  gint64 remaining_ms;
  gint64 deadline_ms;

  if (self->offline_user != NULL)
    return g_strdup (describe_read_only (self));

  remaining_ms = mfa_cooldown_remaining_ms (self->cooldown, key);
  if (remaining_ms <= 0)
    return NULL;

  deadline_ms = mfa_clock_get_now_ms (self->clock) + remaining_ms;
  when = g_date_time_new_from_unix_local (deadline_ms / 1000 + (deadline_ms % 1000 != 0));
  at = when != NULL ? g_date_time_format (when, "%X") : NULL;
  if (at != NULL)
    /* Translators: tooltip of a disabled button; %s is a time of day */
    return g_strdup_printf (_("The service received too many requests. "
                              "Try again after %s."), at);

  return g_strdup (_("The service received too many requests. Try again later."));
}

/* What the instance has switched on; everything, as long as it did not
 * say.
 */
static gboolean
instance_allows (MfaManageView *self,
                 gboolean     (*allows) (MfaEnvironment *))
{
  MfaEnvironment *environment = self->client != NULL ? mfa_client_get_environment (self->client)
                                                     : NULL;

  return environment == NULL || allows (environment);
}

static void
update_row (MfaManageView *self,
            MfaPhoneRow   *row)
{
  MfaPhoneNumber *phone = mfa_phone_row_get_number (row);
  g_autofree char *reason = dup_disabled_reason (self, mfa_phone_number_get_id (phone));

  mfa_phone_row_set_disabled_reason (row, reason);
  mfa_phone_row_set_sms_mfa (row, instance_allows (self, mfa_environment_get_sms_mfa));
  /* The saved copy knows no email addresses: say nothing offline. */
  mfa_phone_row_set_last_identifier (row, self->user != NULL && self->offline_user == NULL &&
                                          mfa_user_is_last_identifier (self->user, phone));
  mfa_phone_row_set_totp (row, self->user != NULL && mfa_user_get_totp_enabled (self->user));
}

static GtkListBox *
get_list_box (MfaManageView *self,
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

/* The shown row of a number, if any. Busy state and waits are kept by
 * the number's id, which outlives a model rebuilt from another account
 * or from the offline snapshot.
 */
static MfaPhoneRow *
find_row (MfaManageView *self,
          const char    *phone_id)
{
  for (guint i = 0; i < N_LISTS && self->stack != NULL; i++)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (get_list_box (self, i)));
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

static void
update_rows (MfaManageView *self)
{
  /* A request that ends after dispose finds no widgets. */
  for (guint i = 0; i < N_LISTS && self->stack != NULL; i++)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (get_list_box (self, i)));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (MFA_IS_PHONE_ROW (child))
            update_row (self, MFA_PHONE_ROW (child));
        }
    }
}

static void
update_codes (MfaManageView *self)
{
  g_autofree char *reason = NULL;
  gboolean show;

  /* A request that ends after dispose finds no widgets. */
  if (self->backup_group == NULL)
    return;

  reason = dup_disabled_reason (self, CODES_KEY);

  show = self->offline_user == NULL && self->user != NULL &&
         mfa_user_get_two_factor_enabled (self->user) &&
         instance_allows (self, mfa_environment_get_backup_codes);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_group), show);

  gtk_widget_set_sensitive (GTK_WIDGET (self->codes_button),
                            self->client != NULL && !self->codes_busy && reason == NULL);
  mfa_tooltip_set_text (GTK_WIDGET (self->codes_button), reason);
  gtk_widget_set_visible (GTK_WIDGET (self->codes_spinner), self->codes_busy);
  gtk_spinner_set_spinning (self->codes_spinner, self->codes_busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->backup_group),
                               GTK_ACCESSIBLE_STATE_BUSY, (gboolean) self->codes_busy,
                               -1);
}

static void
set_phone_busy (MfaManageView  *self,
                MfaPhoneNumber *phone,
                gboolean        busy)
{
  /* The row binds to it. */
  mfa_phone_number_set_busy (phone, busy);
}

static void
set_request_busy (MfaManageView *self,
                  Request       *request,
                  gboolean       busy)
{
  if (request->phone != NULL)
    {
      set_phone_busy (self, request->phone, busy);
    }
  else
    {
      self->codes_busy = !!busy;
      update_codes (self);
    }
}

/* Waits */

static void
cooldown_changed_cb (MfaManageView *self,
                     const char    *key)
{
  MfaPhoneRow *row;

  if (g_str_equal (key, CODES_KEY))
    update_codes (self);
  else if ((row = find_row (self, key)) != NULL)
    update_row (self, row);
}

/* The service asked to wait @retry_after seconds before asking about
 * @key again: its actions stay disabled until the view's clock is there.
 */
static void
wait_for_retry (MfaManageView *self,
                const char    *key,
                gint64         retry_after)
{
  MfaPhoneRow *row;

  mfa_cooldown_start (self->cooldown, key, MAX (1, retry_after) * 1000);

  if (g_str_equal (key, CODES_KEY))
    update_codes (self);
  else if ((row = find_row (self, key)) != NULL)
    update_row (self, row);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Target           *target)
{
  g_autoptr(MfaManageView) self = g_weak_ref_get (&target->view);
  MfaPhoneRow *row;

  if (self == NULL)
    return;

  if (g_str_equal (response, "remove"))
    start_request (self, target->phone_id, OP_REMOVE);

  /* Back to where the person was, as long as the row is still shown. */
  if ((row = find_row (self, target->phone_id)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
confirm_remove (MfaManageView  *self,
                MfaPhoneNumber *phone)
{
  g_autofree char *display = mfa_phone_display_for (phone, display_flags (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *body;
  GtkWidget *dialog;

  if (self->dialog != NULL)
    return;

  switch (mfa_phone_number_get_list (phone))
    {
    case MFA_PHONE_LIST_RESERVED:
      body = _("Sign-in codes will no longer be sent to this number. "
               "To use it again, you will have to add and verify it again.");
      break;

    case MFA_PHONE_LIST_VERIFIED:
      body = _("You will no longer be able to sign in with this number. "
               "To use it again, you will have to add and verify it again.");
      break;

    case MFA_PHONE_LIST_UNVERIFIED:
      body = _("The number was never verified. You can add it again at any time.");
      break;

    default:
      g_assert_not_reached ();
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, body);
  /* Translators: %s is a phone number */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s?"), display);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", C_("remove a phone number", "_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (dialog_response_cb),
                         target_new (self, mfa_phone_number_get_id (phone), OP_REMOVE),
                         target_free, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The phone of the user shown live, or NULL: nothing is changed offline
 * or on a number no longer there.
 */
static MfaPhoneNumber *
lookup_phone (MfaManageView *self,
              GVariant      *parameter)
{
  if (self->offline_user != NULL || self->user == NULL || parameter == NULL)
    return NULL;

  return mfa_user_find_phone_number (self->user, g_variant_get_string (parameter, NULL));
}

static void
make_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_RESERVED &&
      !mfa_phone_number_get_default (phone))
    start_request (self, mfa_phone_number_get_id (phone), OP_MAKE_DEFAULT);
}

static void
reserve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_VERIFIED)
    start_request (self, mfa_phone_number_get_id (phone), OP_RESERVE);
}

static void
unreserve_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_RESERVED)
    start_request (self, mfa_phone_number_get_id (phone), OP_UNRESERVE);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_UNVERIFIED)
    g_signal_emit (self, signals[SIGNAL_VERIFY_PHONE], 0, phone);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && !is_phone_busy (self, phone))
    confirm_remove (self, phone);
}

static int
sort_rows_cb (GtkListBoxRow *row1,
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
static void
list_items_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       PhoneList  *list)
{
  MfaManageView *self = list->self;
  GtkListBox *box = get_list_box (self, list->kind);
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
      update_row (self, MFA_PHONE_ROW (row));
      gtk_list_box_append (box, row);
    }
}

/* User */

static void
update_reserved_description (MfaManageView *self)
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
    gtk_list_box_invalidate_sort (get_list_box (self, i));

  update_reserved_description (self);
  update_codes (self);
  update_rows (self);
}

static void
bind_user (MfaManageView *self,
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
                               G_CALLBACK (update_reserved_description), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (user, "notify::two-factor-enabled",
                               G_CALLBACK (update_codes), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < N_LISTS; i++)
    gtk_filter_list_model_set_model (self->lists[i].filtered, phones);

  update_reserved_description (self);
  update_codes (self);
}

static void
client_user_cb (MfaManageView *self)
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
  bind_user (self, NULL);
  if (self->loading)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    show_page (self, "none");
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
      if (!self->loaded)
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);

          ensure_page (self, "error");
          adw_status_page_set_description (self->error_page, escaped);
          /* Set here: its icon would cost the start that shows the lists. */
          adw_status_page_set_icon_name (self->error_page, "network-error-symbolic");
          show_page (self, "error");
        }
      else if (!fits_toast (error->message))
        {
          show_message (self, error->message, NULL, error);
        }
      else
        {
          g_autoptr(AdwToast) toast = mfa_error_toast_new (error->message, error);

          emit_toast (self, toast);
        }
      return;
    }

  self->loaded = TRUE;
  bind_user (self, mfa_client_get_user (self->client));
  show_page (self, "lists");
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
      show_page (self, "none");
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  self->loading = TRUE;
  if (!self->loaded)
    show_page (self, "loading");

  mfa_client_get_me_async (self->client, self->load_cancellable,
                           get_me_cb, g_object_ref (self));
}

/* Shows what the client already knows (every response carries the whole
 * user), and asks the server only when it knows nothing yet.
 */
static void
load (MfaManageView *self)
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
  bind_user (self, user);
  show_page (self, "lists");
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

/* Actions */

static char *
describe_error (Request      *request,
                const GError *error)
{
  g_autofree char *display = mfa_phone_display_for (request->phone, display_flags (request->self));
  const char *clerk_code = NULL;

  if (error->domain != MFA_CLIENT_ERROR)
    return g_strdup (error->message);

  clerk_code = mfa_client_error_get_clerk_code (error);

  if (g_strcmp0 (clerk_code, "identification_update_failed") == 0 &&
      request->op == OP_RESERVE)
    /* Translators: %s is a phone number */
    return g_strdup_printf (_("%s is the only way to sign in to your account, so it cannot "
                              "receive sign-in codes. Add another way to sign in first."),
                            display);

  if (g_strcmp0 (clerk_code, "identification_deletion_failed") == 0)
    /* Translators: %s is a phone number */
    return g_strdup_printf (_("%s is the only way to sign in to your account, so it cannot "
                              "be removed."),
                            display);

  /* The one sentence for a rate limit, with the wait when it is known. */
  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
    return mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE, NULL);

  return g_strdup (error->message);
}

/* Undo, or Retry: the same request again, on what the view shows now. */
static void
toast_button_cb (AdwToast *toast,
                 Target   *target)
{
  g_autoptr(MfaManageView) self = g_weak_ref_get (&target->view);

  if (self != NULL)
    start_request (self, target->phone_id, target->op);
}

static void
set_toast_request (AdwToast       *toast,
                   MfaManageView  *self,
                   const char     *label,
                   MfaPhoneNumber *phone,
                   Op              op)
{
  adw_toast_set_button_label (toast, label);
  g_signal_connect_data (toast, "button-clicked",
                         G_CALLBACK (toast_button_cb),
                         target_new (self, phone != NULL ? mfa_phone_number_get_id (phone) : NULL, op),
                         target_free, 0);
}

/* What a toast shows in full; anything longer goes to the message at the
 * top of the lists, which wraps.
 */
#define TOAST_MAX_CHARS 60

static void
hide_message (MfaManageView *self)
{
  /* A request that ends after dispose finds no widgets. */
  if (self->message_group == NULL)
    return;

  g_clear_pointer (&self->message_phone_id, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), FALSE);
}

/* The button went away under the focus: on to the row the message was
 * about, else to Add.
 */
static void
message_close_clicked_cb (MfaManageView *self)
{
  MfaPhoneRow *row = self->message_phone_id != NULL ? find_row (self, self->message_phone_id)
                                                    : NULL;

  hide_message (self);
  if (row == NULL || !gtk_widget_grab_focus (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
message_retry_clicked_cb (MfaManageView *self)
{
  g_autofree char *phone_id = g_strdup (self->message_phone_id);
  Op op = self->message_op;

  message_close_clicked_cb (self);
  start_request (self, phone_id, op);
}

/* A sentence too long for a toast, with Retry when the service could
 * not be reached, else Copy Details for an answer of the service.
 */
static void
show_message (MfaManageView *self,
              const char    *text,
              Request       *request,
              const GError  *error)
{
  gboolean retry = request != NULL &&
                   error->domain == MFA_CLIENT_ERROR && mfa_client_error_is_transport (error);

  if (self->message_group == NULL)
    return;

  g_clear_pointer (&self->message_phone_id, g_free);
  if (request != NULL)
    {
      self->message_phone_id = request->phone != NULL
                               ? g_strdup (mfa_phone_number_get_id (request->phone)) : NULL;
      self->message_op = request->op;
    }
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_retry_button), retry);
  mfa_error_details_button_set_error (self->message_details_button, retry ? NULL : error);
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static gboolean
fits_toast (const char *text)
{
  return g_utf8_strlen (text, -1) <= TOAST_MAX_CHARS;
}

/* A toast has one button: Retry when the service could not be reached,
 * else Copy Details for an answer of the service.
 */
static void
show_error (MfaManageView *self,
            Request       *request,
            const GError  *error)
{
  g_autofree char *text = describe_error (request, error);
  g_autoptr(AdwToast) toast = NULL;

  if (!fits_toast (text))
    {
      show_message (self, text, request, error);
      return;
    }

  if (error->domain == MFA_CLIENT_ERROR && mfa_client_error_is_transport (error))
    {
      toast = mfa_toast_new_plain (text);
      set_toast_request (toast, self, _("_Retry"), request->phone, request->op);
    }
  else
    {
      toast = mfa_error_toast_new (text, error);
    }

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  emit_toast (self, toast);
}

static void
show_success (MfaManageView *self,
              Request       *request)
{
  g_autofree char *display = mfa_phone_display_for (request->phone, display_flags (self));
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;

  switch (request->op)
    {
    case OP_UNRESERVE:
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("%s no longer receives sign-in codes"), display);
      toast = mfa_toast_new_plain (text);
      set_toast_request (toast, self, _("_Undo"), request->phone, OP_RESERVE);
      break;

    case OP_REMOVE:
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("%s was removed"), display);
      toast = mfa_toast_new_plain (text);
      break;

    case OP_MAKE_DEFAULT:
    case OP_RESERVE:
    case OP_CREATE_CODES:
    default:
      return;
    }

  emit_toast (self, toast);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MfaClient *client = MFA_CLIENT (object);
  MfaManageView *self = request->self;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  gint64 retry_after;

  switch (request->op)
    {
    case OP_MAKE_DEFAULT:
      phone = mfa_client_make_phone_default_finish (client, result, &error);
      ok = phone != NULL;
      break;

    case OP_RESERVE:
    case OP_UNRESERVE:
      phone = mfa_client_set_phone_reserved_finish (client, result, &codes, &error);
      ok = phone != NULL;
      break;

    case OP_REMOVE:
      ok = mfa_client_delete_phone_number_finish (client, result, &error);
      break;

    case OP_CREATE_CODES:
      codes = mfa_client_create_backup_codes_finish (client, result, &error);
      ok = codes != NULL;
      break;

    default:
      g_assert_not_reached ();
    }

  set_request_busy (self, request, FALSE);

  /* Cancelled, or the person did not confirm it was them: nothing
   * changed, and there is nothing to say.
   */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    return;

  if (!ok)
    {
      retry_after = mfa_client_error_get_retry_after (error);
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED) &&
          retry_after > 0)
        wait_for_retry (self,
                        request->phone != NULL ? mfa_phone_number_get_id (request->phone) : CODES_KEY,
                        retry_after);

      show_error (self, request, error);
      return;
    }

  show_success (self, request);

  if (codes != NULL)
    g_signal_emit (self, signals[SIGNAL_BACKUP_CODES], 0, codes);

  /* The removed row took the focus with it. */
  if (request->op == OP_REMOVE)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root) && gtk_window_get_focus (GTK_WINDOW (root)) == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
    }
}

/* Sends @op about the number @phone_id of the user shown, unless it is
 * not there any more or cannot be changed now.
 */
static void
start_request (MfaManageView *self,
               const char    *phone_id,
               Op             op)
{
  g_autofree char *reason = NULL;
  MfaPhoneNumber *phone = NULL;
  const char *id = NULL;
  Request *request;

  g_assert ((phone_id == NULL) == (op == OP_CREATE_CODES));

  if (self->client == NULL || self->offline_user != NULL)
    return;
  if (phone_id != NULL)
    {
      phone = self->user != NULL ? mfa_user_find_phone_number (self->user, phone_id) : NULL;
      if (phone == NULL || is_phone_busy (self, phone))
        return;
      id = mfa_phone_number_get_id (phone);
    }
  if (phone == NULL && self->codes_busy)
    return;
  reason = dup_disabled_reason (self, phone != NULL ? id : CODES_KEY);
  if (reason != NULL)
    return;

  /* What went wrong before is old news now. */
  hide_message (self);

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->phone = phone != NULL ? g_object_ref (phone) : NULL;
  request->op = op;

  set_request_busy (self, request, TRUE);

  switch (op)
    {
    case OP_MAKE_DEFAULT:
      mfa_client_make_phone_default_async (self->client, id, self->cancellable,
                                           request_cb, request);
      break;

    case OP_RESERVE:
    case OP_UNRESERVE:
      mfa_client_set_phone_reserved_async (self->client, id, op == OP_RESERVE,
                                           self->cancellable, request_cb, request);
      break;

    case OP_REMOVE:
      mfa_client_delete_phone_number_async (self->client, id, self->cancellable,
                                            request_cb, request);
      break;

    case OP_CREATE_CODES:
      mfa_client_create_backup_codes_async (self->client, self->cancellable,
                                            request_cb, request);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* New backup codes */

static void
codes_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          MfaManageView    *self)
{
  if (g_str_equal (response, "generate"))
    start_request (self, NULL, OP_CREATE_CODES);

  if (gtk_widget_get_visible (GTK_WIDGET (self->codes_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->codes_button));
}

static void
generate_codes_clicked_cb (MfaManageView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->dialog != NULL || self->codes_busy || self->client == NULL ||
      self->offline_user != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Generate New Backup Codes?"),
                                   _("Your current codes stop working at once. Keep the new "
                                     "ones somewhere safe."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "generate", _("_Generate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "generate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (codes_dialog_response_cb), self, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (GTK_WINDOW (dialog));
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

static void
update_offline (MfaManageView *self)
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

  update_rows (self);
  update_codes (self);
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
      if (self->dialog != NULL)
        gtk_window_destroy (GTK_WINDOW (self->dialog));

      bind_user (self, snapshot);
      show_page (self, "lists");
    }
  else if (changed && self->client != NULL && self->user != NULL &&
           mfa_client_get_user (self->client) == self->user)
    {
      /* The service's answer updated the snapshot's user in place: its
       * rows stay, live now. */
      self->loaded = TRUE;
      show_page (self, "lists");
    }
  else if (changed)
    {
      bind_user (self, NULL);
      self->loaded = FALSE;

      if (self->client != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        load (self);
      else
        show_page (self, "none");
    }

  update_offline (self);
}

/* The account shows its snapshot, or live numbers again. */
static void
account_read_only_cb (MfaManageView *self)
{
  gboolean read_only = self->account != NULL && mfa_account_get_read_only (self->account);

  set_offline (self,
               read_only ? mfa_account_get_user (self->account) : NULL,
               read_only ? mfa_account_get_synced_at_ms (self->account) : 0);
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

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
}

static void
update_environment (MfaManageView *self)
{
  if (self->reserved_group == NULL)
    return;

  update_reserved_description (self);
  update_rows (self);
  update_codes (self);
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
  self->codes_busy = FALSE;
  mfa_cooldown_clear_all (self->cooldown);

  if (self->offline_user != NULL)
    {
      /* The snapshot stays shown until the window says otherwise. */
      update_offline (self);
    }
  else
    {
      bind_user (self, NULL);
      show_page (self, "none");
    }

  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::user",
                               G_CALLBACK (client_user_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::environment",
                               G_CALLBACK (environment_changed_cb), self, G_CONNECT_SWAPPED);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        load (self);
    }

  update_codes (self);
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

  /* Waits keep their deadlines and move to the new clock's timers. */
  mfa_cooldown_set_clock (self->cooldown, clock);

  if (self->offline_user != NULL)
    update_offline (self);

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

  set_clock (self, account != NULL ? mfa_account_get_clock (account) : NULL);
  set_client (self, account != NULL ? mfa_account_get_client (account) : NULL);
  g_signal_group_set_target (self->account_signals, account);
  g_binding_group_set_source (self->account_bindings, account);
  account_read_only_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* GObject */

static void
mfa_manage_view_map (GtkWidget *widget)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);

  GTK_WIDGET_CLASS (mfa_manage_view_parent_class)->map (widget);

  if (self->client != NULL && !self->loaded && !self->loading)
    load (self);
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
  /* Its timers are the clock's: gone before the view is. */
  if (self->cooldown != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cooldown, self);
      mfa_cooldown_clear_all (self->cooldown);
    }
  g_clear_object (&self->cooldown);
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
mfa_manage_view_finalize (GObject *object)
{
  MfaManageView *self = (MfaManageView *)object;

  g_clear_pointer (&self->message_phone_id, g_free);

  G_OBJECT_CLASS (mfa_manage_view_parent_class)->finalize (object);
}

static void
mfa_manage_view_class_init (MfaManageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_manage_view_get_property;
  object_class->set_property = mfa_manage_view_set_property;
  object_class->dispose = mfa_manage_view_dispose;
  object_class->finalize = mfa_manage_view_finalize;

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


  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaManageView::add-toast:
   * @self: the view
   * @toast: the toast to show
   */
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * MfaManageView::verify-phone:
   * @self: the view
   * @phone: the unverified number the person wants to verify
   */
  signals[SIGNAL_VERIFY_PHONE] =
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
  signals[SIGNAL_BACKUP_CODES] =
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
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, backup_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, codes_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, codes_button);
  gtk_widget_class_bind_template_callback (widget_class, generate_codes_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_close_clicked_cb);

  /* What the rows' `phone.*` actions pass on, with the number's id. */
  gtk_widget_class_install_action (widget_class, "manage.make-default", "s", make_default_action);
  gtk_widget_class_install_action (widget_class, "manage.reserve", "s", reserve_action);
  gtk_widget_class_install_action (widget_class, "manage.unreserve", "s", unreserve_action);
  gtk_widget_class_install_action (widget_class, "manage.verify", "s", verify_action);
  gtk_widget_class_install_action (widget_class, "manage.remove", "s", remove_action);
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
  mfa_width_layout_install_in (GTK_WIDGET (self->stack));

  self->message_details_button = mfa_error_details_button_new ();
  gtk_widget_set_valign (self->message_details_button, GTK_ALIGN_CENTER);
  gtk_box_insert_child_after (self->message_box, self->message_details_button,
                              GTK_WIDGET (self->message_column));

  self->cancellable = g_cancellable_new ();
  self->clock = g_object_ref (mfa_clock_get_default ());
  self->cooldown = mfa_cooldown_new (self->clock);
  g_signal_connect_object (self->cooldown, "changed",
                           G_CALLBACK (cooldown_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < N_LISTS; i++)
    {
      PhoneList *list = &self->lists[i];

      list->self = self;
      list->kind = i;
      list->filter = gtk_custom_filter_new (mfa_phone_number_filter_func,
                                            GINT_TO_POINTER (i), NULL);
      list->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (list->filter)));
      g_signal_connect (list->filtered, "items-changed",
                        G_CALLBACK (list_items_changed_cb), list);
      gtk_list_box_set_sort_func (get_list_box (self, i), sort_rows_cb, NULL, NULL);
    }

  /* The account's snapshot shows read-only; offline, under a banner. */
  self->account_bindings = g_binding_group_new ();
  g_binding_group_bind (self->account_bindings, "offline", self->offline_group, "visible",
                        G_BINDING_SYNC_CREATE);
  self->account_signals = g_signal_group_new (MFA_TYPE_ACCOUNT);
  g_signal_group_connect_swapped (self->account_signals, "notify::read-only",
                                  G_CALLBACK (account_read_only_cb), self);

  update_reserved_description (self);
  update_codes (self);
}
