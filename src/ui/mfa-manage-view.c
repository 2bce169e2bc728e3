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
#include "mfa-error-toast.h"
#include "mfa-phone-row.h"
#include "mfa-step-up.h"

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
 * Gated changes go through step-up (R1) and are sent again once the
 * person confirmed it is them. While the service cannot be reached the
 * window hands the view a snapshot (mfa_manage_view_set_offline()): it
 * is shown read-only under a banner. After a 429 with `Retry-After` the
 * row it was about waits until the view's clock has passed it.
 */

#define N_LISTS 3

/* The key of the backup-codes action among the holds (phone ids). */
#define CODES_KEY "backup-codes"

typedef struct
{
  MfaManageView      *self;
  MfaPhoneList        kind;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  /* MfaPhoneNumber → MfaPhoneRow, both owned: a row keeps its identity
   * when its number only moves within the list. */
  GHashTable         *rows;
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
  gboolean        replayed;
} Request;

/* An action the service asked to wait with (429 and `Retry-After`). */
typedef struct
{
  MfaManageView *self;
  char          *key;
  MfaClock      *clock;
  guint          timer_id;
  gint64         deadline_ms;
  char          *reason;
} Hold;

struct _MfaManageView
{
  AdwBin               parent_instance;

  MfaClient           *client;
  MfaClock            *clock;
  MfaUser             *user;
  GCancellable        *cancellable;
  GCancellable        *load_cancellable;
  GHashTable          *busy;
  GtkCustomSorter     *sorter;
  PhoneList            lists[N_LISTS];
  GtkWidget           *dialog;
  GHashTable          *holds;          /* phone id or CODES_KEY → Hold */
  MfaUser             *offline_user;
  gint64               synced_at_ms;
  guint                loaded : 1;
  guint                loading : 1;
  guint                codes_busy : 1;

  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *offline_group;
  GtkLabel            *offline_title;
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
  PROP_CLIENT,
  PROP_CLOCK,
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

static void start_request (MfaManageView  *self,
                           MfaPhoneNumber *phone,
                           Op              op);

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

static void
hold_free (Hold *hold)
{
  if (hold->timer_id != 0)
    mfa_clock_remove (hold->clock, hold->timer_id);
  g_clear_object (&hold->clock);
  g_free (hold->key);
  g_free (hold->reason);
  g_free (hold);
}

/* The number as people know it, to be put into a sentence: kept in one
 * piece and, in a right-to-left locale, left to right.
 */
static char *
dup_display (MfaManageView  *self,
             MfaPhoneNumber *phone)
{
  const char *display = phone != NULL ? mfa_phone_number_get_display (phone) : NULL;
  g_autoptr(GString) text = NULL;

  if (phone == NULL)
    return g_strdup ("");

  if (display == NULL)
    display = mfa_phone_number_get_phone_number (phone);

  text = g_string_new (display != NULL ? display : "");
  g_string_replace (text, " ", "\u00a0", 0);

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    {
      g_string_prepend (text, "\u2066");
      g_string_append (text, "\u2069");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
emit_toast (MfaManageView *self,
            AdwToast      *toast)
{
  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static void
show_page (MfaManageView *self,
           const char    *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);

  if (g_str_equal (name, "loading"))
    gtk_spinner_start (self->loading_spinner);
  else
    gtk_spinner_stop (self->loading_spinner);
}

/* Rows */

static gboolean
is_phone_busy (MfaManageView  *self,
               MfaPhoneNumber *phone)
{
  return g_hash_table_contains (self->busy, mfa_phone_number_get_id (phone));
}

/* Why an action cannot be used now, or NULL. */
static const char *
get_disabled_reason (MfaManageView *self,
                     const char    *key)
{
  Hold *hold;

  if (self->offline_user != NULL)
    return _("Not available offline");

  hold = key != NULL ? g_hash_table_lookup (self->holds, key) : NULL;
  if (hold != NULL)
    return hold->reason;

  return NULL;
}

static void
update_row (MfaManageView *self,
            MfaPhoneRow   *row)
{
  MfaPhoneNumber *phone = mfa_phone_row_get_number (row);

  mfa_phone_row_set_busy (row, is_phone_busy (self, phone));
  mfa_phone_row_set_disabled_reason (row,
                                     get_disabled_reason (self, mfa_phone_number_get_id (phone)));
}

/* Rows are keyed by their number object; busy state and holds by the
 * number's id, which outlives a model rebuilt from another answer or
 * from the offline snapshot.
 */
static void
update_rows (MfaManageView *self)
{
  for (guint i = 0; i < N_LISTS; i++)
    {
      GHashTableIter iter;
      gpointer row;

      if (self->lists[i].rows == NULL)
        continue;

      g_hash_table_iter_init (&iter, self->lists[i].rows);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        update_row (self, row);
    }
}

static void
update_codes (MfaManageView *self)
{
  const char *reason = get_disabled_reason (self, CODES_KEY);
  gboolean show;

  /* A request that ends after dispose finds no widgets. */
  if (self->backup_group == NULL)
    return;

  show = self->offline_user == NULL && self->user != NULL &&
         mfa_user_get_two_factor_enabled (self->user);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_group), show);

  gtk_widget_set_sensitive (GTK_WIDGET (self->codes_button),
                            self->client != NULL && !self->codes_busy && reason == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->codes_button), reason);
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
  const char *id = mfa_phone_number_get_id (phone);

  if (busy)
    g_hash_table_add (self->busy, g_strdup (id));
  else
    g_hash_table_remove (self->busy, id);

  update_rows (self);
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

/* Holds */

static gboolean
hold_done_cb (gpointer user_data)
{
  Hold *hold = user_data;
  MfaManageView *self = hold->self;

  hold->timer_id = 0;
  g_hash_table_remove (self->holds, hold->key);

  update_rows (self);
  update_codes (self);

  return G_SOURCE_REMOVE;
}

static void
hold_start_timer (MfaManageView *self,
                  Hold          *hold)
{
  g_set_object (&hold->clock, self->clock);
  hold->timer_id = mfa_clock_add_timeout_ms (self->clock,
                                             mfa_clock_remaining_ms (self->clock, hold->deadline_ms),
                                             hold_done_cb, hold, NULL);
}

/* The service asked to wait @retry_after seconds before asking about
 * @key again: its actions stay disabled until the view's clock is there.
 */
static void
hold_action (MfaManageView *self,
             const char    *key,
             gint64         retry_after)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *at = NULL;
  Hold *hold;

  hold = g_new0 (Hold, 1);
  hold->self = self;
  hold->key = g_strdup (key);
  hold->deadline_ms = mfa_clock_get_now_ms (self->clock) + MAX (1, retry_after) * 1000;

  when = g_date_time_new_from_unix_local (hold->deadline_ms / 1000 + (hold->deadline_ms % 1000 != 0));
  at = when != NULL ? g_date_time_format (when, "%X") : NULL;
  if (at != NULL)
    /* Translators: tooltip of a disabled button; %s is a time of day */
    hold->reason = g_strdup_printf (_("The service received too many requests. "
                                      "Try again after %s."), at);
  else
    hold->reason = g_strdup (_("The service received too many requests. Try again later."));

  hold_start_timer (self, hold);
  g_hash_table_replace (self->holds, hold->key, hold);

  update_rows (self);
  update_codes (self);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MfaManageView    *self)
{
  MfaPhoneRow *row = g_object_get_data (G_OBJECT (dialog), "mfa-row");

  if (g_str_equal (response, "remove"))
    start_request (self, mfa_phone_row_get_number (row), OP_REMOVE);

  /* Back to where the person was, as long as the row is still shown. */
  if (gtk_widget_get_parent (GTK_WIDGET (row)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
confirm_remove (MfaManageView *self,
                MfaPhoneRow   *row)
{
  MfaPhoneNumber *phone = mfa_phone_row_get_number (row);
  g_autofree char *display = dup_display (self, phone);
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
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "mfa-row", g_object_ref (row), g_object_unref);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (dialog_response_cb), self, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_action_cb (MfaManageView *self,
               const char    *name,
               MfaPhoneRow   *row)
{
  MfaPhoneNumber *phone = mfa_phone_row_get_number (row);

  if (g_str_equal (name, "make-default"))
    start_request (self, phone, OP_MAKE_DEFAULT);
  else if (g_str_equal (name, "reserve"))
    start_request (self, phone, OP_RESERVE);
  else if (g_str_equal (name, "unreserve"))
    start_request (self, phone, OP_UNRESERVE);
  else if (g_str_equal (name, "verify"))
    g_signal_emit (self, signals[SIGNAL_VERIFY_PHONE], 0, phone);
  else if (g_str_equal (name, "remove"))
    confirm_remove (self, row);
  else
    g_warn_if_reached ();
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PhoneList *list = user_data;
  MfaManageView *self = list->self;
  MfaPhoneNumber *phone = item;
  GtkWidget *row;

  row = g_hash_table_lookup (list->rows, phone);
  if (row != NULL && gtk_widget_get_parent (row) == NULL)
    return g_object_ref (row);

  row = mfa_phone_row_new (phone);
  g_object_ref_sink (row);
  update_row (self, MFA_PHONE_ROW (row));
  g_signal_connect_object (row, "action", G_CALLBACK (row_action_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_replace (list->rows, g_object_ref (phone), row);

  return g_object_ref (row);
}

/* Rows whose number left the list are no longer in their list box. */
static void
prune_rows (MfaManageView *self)
{
  for (guint i = 0; i < N_LISTS; i++)
    {
      GHashTableIter iter;
      gpointer row;

      g_hash_table_iter_init (&iter, self->lists[i].rows);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        {
          if (gtk_widget_get_parent (row) == NULL)
            g_hash_table_iter_remove (&iter);
        }
    }
}

/* User */

static void
update_reserved_description (MfaManageView *self)
{
  if (self->user != NULL && mfa_user_get_totp_enabled (self->user))
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
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);

  prune_rows (self);
  update_reserved_description (self);
  update_codes (self);
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

  prune_rows (self);
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

          adw_status_page_set_description (self->error_page, escaped);
          /* Set here: its icon would cost the start that shows the lists. */
          adw_status_page_set_icon_name (self->error_page, "network-error-symbolic");
          show_page (self, "error");
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

/* Actions */

static char *
describe_error (Request      *request,
                const GError *error)
{
  g_autofree char *display = dup_display (request->self, request->phone);
  const char *clerk_code = NULL;
  gint64 retry_after;

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

  retry_after = mfa_client_error_get_retry_after (error);
  if (error->code == MFA_CLIENT_ERROR_RATE_LIMITED && retry_after > 0)
    {
      g_autofree char *when = NULL;

      when = g_strdup_printf (ngettext ("Try again in %d second.",
                                        "Try again in %d seconds.",
                                        (int) MIN (retry_after, G_MAXINT)),
                              (int) MIN (retry_after, G_MAXINT));
      /* Translators: the server's message, then when to try again */
      return g_strdup_printf (_("%s %s"), error->message, when);
    }

  return g_strdup (error->message);
}

static void
undo_clicked_cb (AdwToast      *toast,
                 MfaManageView *self)
{
  MfaPhoneNumber *phone = g_object_get_data (G_OBJECT (toast), "mfa-phone");

  start_request (self, phone, OP_RESERVE);
}

static void
retry_request_cb (AdwToast      *toast,
                  MfaManageView *self)
{
  MfaPhoneNumber *phone = g_object_get_data (G_OBJECT (toast), "mfa-phone");
  Op op = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "mfa-op"));

  start_request (self, phone, op);
}

/* A toast has one button: Retry when the service could not be reached,
 * else Copy Details for an answer of the service (X1).
 */
static void
show_error (MfaManageView *self,
            Request       *request,
            const GError  *error)
{
  g_autofree char *text = describe_error (request, error);
  g_autoptr(AdwToast) toast = NULL;

  if (error->domain == MFA_CLIENT_ERROR && mfa_client_error_is_transport (error))
    {
      toast = mfa_toast_new_plain (text);
      adw_toast_set_button_label (toast, _("_Retry"));
      if (request->phone != NULL)
        g_object_set_data_full (G_OBJECT (toast), "mfa-phone",
                                g_object_ref (request->phone), g_object_unref);
      g_object_set_data (G_OBJECT (toast), "mfa-op", GINT_TO_POINTER (request->op));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (retry_request_cb), self, 0);
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
  g_autofree char *display = dup_display (request->self, request->phone);
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;

  switch (request->op)
    {
    case OP_UNRESERVE:
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("%s no longer receives sign-in codes"), display);
      toast = mfa_toast_new_plain (text);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "mfa-phone",
                              g_object_ref (request->phone), g_object_unref);
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (undo_clicked_cb), self, 0);
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

static void request_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

/* The step-up did not happen: everything stays as it was. */
static void
step_up_failed_cb (gpointer      user_data,
                   const GError *error)
{
  g_autoptr(Request) request = user_data;
  MfaManageView *self = request->self;

  set_request_busy (self, request, FALSE);

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_error (self, request, error);
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

  /* R1: the row stays busy while the person confirms it is them; then
   * the same request comes back here, once.
   */
  if (!ok && self->cancellable != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      mfa_step_up_try (GTK_WIDGET (self), client, self->clock, error, &request->replayed,
                       self->cancellable, request_cb, request, step_up_failed_cb))
    {
      g_steal_pointer (&request);
      return;
    }

  set_request_busy (self, request, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (!ok)
    {
      retry_after = mfa_client_error_get_retry_after (error);
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED) &&
          retry_after > 0)
        hold_action (self,
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

static void
start_request (MfaManageView  *self,
               MfaPhoneNumber *phone,
               Op              op)
{
  const char *id = phone != NULL ? mfa_phone_number_get_id (phone) : NULL;
  Request *request;

  g_assert ((phone == NULL) == (op == OP_CREATE_CODES));

  if (self->client == NULL || self->offline_user != NULL)
    return;
  if (phone != NULL && is_phone_busy (self, phone))
    return;
  if (phone == NULL && self->codes_busy)
    return;
  if (get_disabled_reason (self, phone != NULL ? id : CODES_KEY) != NULL)
    return;

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

/* M6: new backup codes */

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

/* X2: offline */

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

  gtk_widget_set_visible (GTK_WIDGET (self->offline_group), offline);
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
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Not available offline"));
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "win.show-add-phone");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Add Phone Number"));
    }

  update_rows (self);
  update_codes (self);
}

/**
 * mfa_manage_view_set_offline:
 * @self: a #MfaManageView
 * @snapshot: (nullable): the user as last saved, or %NULL for live mode
 * @synced_at_ms: when @snapshot was saved, in ms since the epoch, or 0
 *   when unknown
 *
 * With a @snapshot the view shows its numbers read-only (X2): a banner
 * says since when, with *Retry* (`win.retry-connection`), every action
 * that would change something is disabled and says why, and backup codes
 * are not offered. No request is sent. With %NULL the view shows the
 * client's user again.
 */
void
mfa_manage_view_set_offline (MfaManageView *self,
                             MfaUser       *snapshot,
                             gint64         synced_at_ms)
{
  gboolean changed;

  g_return_if_fail (MFA_IS_MANAGE_VIEW (self));
  g_return_if_fail (snapshot == NULL || MFA_IS_USER (snapshot));

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

/**
 * mfa_manage_view_get_offline:
 * @self: a #MfaManageView
 *
 * Returns: whether the view shows an offline snapshot
 */
gboolean
mfa_manage_view_get_offline (MfaManageView *self)
{
  g_return_val_if_fail (MFA_IS_MANAGE_VIEW (self), FALSE);

  return self->offline_user != NULL;
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

/**
 * mfa_manage_view_get_client:
 * @self: a #MfaManageView
 *
 * Returns: (transfer none) (nullable): the client
 */
MfaClient *
mfa_manage_view_get_client (MfaManageView *self)
{
  g_return_val_if_fail (MFA_IS_MANAGE_VIEW (self), NULL);

  return self->client;
}

/**
 * mfa_manage_view_set_client:
 * @self: a #MfaManageView
 * @client: (nullable): the client of the signed-in session
 *
 * Forgets what the previous client showed; the new one is loaded when
 * the view is shown, or at once if it is shown already.
 */
void
mfa_manage_view_set_client (MfaManageView *self,
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
  g_hash_table_remove_all (self->busy);
  g_hash_table_remove_all (self->holds);

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
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        load (self);
    }

  update_codes (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * mfa_manage_view_get_clock:
 * @self: a #MfaManageView
 *
 * Returns: (transfer none): the clock
 */
MfaClock *
mfa_manage_view_get_clock (MfaManageView *self)
{
  g_return_val_if_fail (MFA_IS_MANAGE_VIEW (self), NULL);

  return self->clock;
}

/**
 * mfa_manage_view_set_clock:
 * @self: a #MfaManageView
 * @clock: (nullable): a clock, or %NULL for the default one
 */
void
mfa_manage_view_set_clock (MfaManageView *self,
                           MfaClock      *clock)
{
  g_return_if_fail (MFA_IS_MANAGE_VIEW (self));
  g_return_if_fail (clock == NULL || MFA_IS_CLOCK (clock));

  if (clock == NULL)
    clock = mfa_clock_get_default ();

  if (self->clock == clock)
    return;

  g_set_object (&self->clock, clock);

  /* Holds keep their deadlines and move to the new clock's timers. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->holds);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        Hold *hold = value;

        if (hold->timer_id != 0)
          mfa_clock_remove (hold->clock, hold->timer_id);
        hold_start_timer (self, hold);
      }
  }

  if (self->offline_user != NULL)
    update_offline (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

/* GObject */

static void
mfa_manage_view_map (GtkWidget *widget)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);

  GTK_WIDGET_CLASS (mfa_manage_view_parent_class)->map (widget);

  if (self->client != NULL && !self->loaded && !self->loading)
    load (self);
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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
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
    case PROP_CLIENT:
      mfa_manage_view_set_client (self, g_value_get_object (value));
      break;

    case PROP_CLOCK:
      mfa_manage_view_set_clock (self, g_value_get_object (value));
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

  gtk_list_box_bind_model (self->reserved_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->verified_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->unverified_list, NULL, NULL, NULL, NULL);

  if (self->user != NULL)
    g_signal_handlers_disconnect_by_data (self->user, self);
  g_clear_object (&self->user);
  g_clear_object (&self->offline_user);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  /* Their timers are the clock's: gone before the view is. */
  if (self->holds != NULL)
    g_hash_table_remove_all (self->holds);
  g_clear_object (&self->clock);

  for (guint i = 0; i < N_LISTS; i++)
    {
      g_clear_pointer (&self->lists[i].rows, g_hash_table_unref);
      g_clear_object (&self->lists[i].sorted);
      g_clear_object (&self->lists[i].filtered);
      g_clear_object (&self->lists[i].filter);
    }
  g_clear_object (&self->sorter);

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_MANAGE_VIEW);
  self->stack = NULL;

  G_OBJECT_CLASS (mfa_manage_view_parent_class)->dispose (object);
}

static void
mfa_manage_view_finalize (GObject *object)
{
  MfaManageView *self = (MfaManageView *)object;

  g_clear_pointer (&self->busy, g_hash_table_unref);
  g_clear_pointer (&self->holds, g_hash_table_unref);

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
   * MfaManageView:client:
   *
   * The client of the signed-in session, or %NULL.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MFA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MfaManageView:clock:
   *
   * The clock that times are read from; the default clock unless set.
   */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         MFA_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

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
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, offline_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, offline_title);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, reserved_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, add_button);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, reserved_list);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, verified_list);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, unverified_list);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, backup_group);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, codes_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaManageView, codes_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, generate_codes_clicked_cb);
}

static void
mfa_manage_view_init (MfaManageView *self)
{
  GtkListBox *boxes[N_LISTS];

  g_type_ensure (MFA_TYPE_PHONE_ROW);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child: not a bound template child, which the template
   * would unparent behind the bin's back on dispose.
   */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  boxes[MFA_PHONE_LIST_RESERVED] = self->reserved_list;
  boxes[MFA_PHONE_LIST_VERIFIED] = self->verified_list;
  boxes[MFA_PHONE_LIST_UNVERIFIED] = self->unverified_list;

  self->cancellable = g_cancellable_new ();
  self->clock = g_object_ref (mfa_clock_get_default ());
  self->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->holds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) hold_free);
  self->sorter = gtk_custom_sorter_new (mfa_phone_number_compare, NULL, NULL);

  for (guint i = 0; i < N_LISTS; i++)
    {
      PhoneList *list = &self->lists[i];

      list->self = self;
      list->kind = i;
      list->filter = gtk_custom_filter_new (mfa_phone_number_filter_func,
                                            GINT_TO_POINTER (i), NULL);
      list->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (list->filter)));
      list->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (list->filtered)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
      list->rows = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);

      gtk_list_box_bind_model (boxes[i], G_LIST_MODEL (list->sorted),
                               create_row_cb, list, NULL);
    }

  update_reserved_description (self);
  update_codes (self);
}
