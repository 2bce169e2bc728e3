/* mfa-changes.c
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

#define G_LOG_DOMAIN "mfa-changes"

#include "config.h"

#include "mfa-changes.h"
#include "mfa-client-error.h"
#include "mfa-cooldown.h"
#include "mfa-error-words.h"
#include "mfa-user.h"

/**
 * MfaChanges:
 *
 * The changes a person asks of the account's numbers, backup codes and
 * authenticator app, and what they leave for the pages to show: which is
 * on its way (#MfaPhoneNumber:busy, #MfaChanges:codes-busy,
 * #MfaChanges:totp-busy), until when the service asked to wait after too
 * many requests (#MfaPhoneNumber:retry-at-ms and the `-retry-at-ms`
 * properties here), and the last failure, worded
 * (#MfaChanges:message). The account owns one; pages bind to it.
 *
 * Waits are kept by the number's id: a number rebuilt from another
 * answer gets its wait back.
 */

/* The keys of the backup codes and of the authenticator app among the
 * waits (the others are the numbers' ids). */
#define CODES_KEY "backup-codes"
#define TOTP_KEY "totp"

struct _MfaChanges
{
  GObject      parent_instance;

  MfaClient   *client;
  MfaClock    *clock;
  MfaCooldown *waits;

  char        *message;
  GError      *message_error;
  char        *message_phone_id;
  MfaChange    message_change;
  gint64       codes_retry_at_ms;
  gint64       totp_retry_at_ms;
  guint        message_can_retry : 1;
  guint        codes_busy : 1;
  guint        totp_busy : 1;
};

G_DEFINE_FINAL_TYPE (MfaChanges, mfa_changes, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CLOCK,
  PROP_CODES_BUSY,
  PROP_CODES_RETRY_AT_MS,
  PROP_TOTP_BUSY,
  PROP_TOTP_RETRY_AT_MS,
  PROP_MESSAGE,
  PROP_MESSAGE_ERROR,
  PROP_MESSAGE_CAN_RETRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  MfaChange       change;
  MfaPhoneNumber *phone;       /* NULL for the codes and the app */
  char           *display;     /* the number, for the message */
  MfaBackupCodes *codes;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->phone);
  g_clear_object (&request->codes);
  g_free (request->display);
  g_free (request);
}

/**
 * mfa_change_is_of_phone:
 * @change: a change
 *
 * Returns: whether @change is asked of a number, by its id
 */
gboolean
mfa_change_is_of_phone (MfaChange change)
{
  return change == MFA_CHANGE_MAKE_DEFAULT || change == MFA_CHANGE_RESERVE ||
         change == MFA_CHANGE_UNRESERVE || change == MFA_CHANGE_REMOVE;
}

/* Where busy states and waits are kept: a number's id, else a key. */
static const char *
key_of (MfaChange   change,
        const char *phone_id)
{
  if (phone_id != NULL)
    return phone_id;

  return change == MFA_CHANGE_REMOVE_TOTP ? TOTP_KEY : CODES_KEY;
}

static MfaPhoneNumber *
find_phone (MfaChanges *self,
            const char *phone_id)
{
  MfaUser *user = self->client != NULL ? mfa_client_get_user (self->client) : NULL;

  if (user == NULL || phone_id == NULL)
    return NULL;

  return mfa_user_find_phone_number (user, phone_id);
}

/* Waits */

static void
set_retry_at (MfaChanges *self,
              const char *key,
              gint64      retry_at_ms)
{
  MfaPhoneNumber *phone;

  if (g_str_equal (key, CODES_KEY))
    {
      if (self->codes_retry_at_ms == retry_at_ms)
        return;
      self->codes_retry_at_ms = retry_at_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODES_RETRY_AT_MS]);
    }
  else if (g_str_equal (key, TOTP_KEY))
    {
      if (self->totp_retry_at_ms == retry_at_ms)
        return;
      self->totp_retry_at_ms = retry_at_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTP_RETRY_AT_MS]);
    }
  else if ((phone = find_phone (self, key)) != NULL)
    {
      mfa_phone_number_set_retry_at_ms (phone, retry_at_ms);
    }
}

static void
waits_changed_cb (MfaChanges *self,
                  const char *key)
{
  if (mfa_cooldown_remaining_ms (self->waits, key) <= 0)
    set_retry_at (self, key, 0);
}

/* The numbers of another answer are new objects: their waits go on. */
static void
client_user_cb (MfaChanges *self)
{
  MfaUser *user = mfa_client_get_user (self->client);
  GListModel *phones = user != NULL ? mfa_user_get_phone_numbers (user) : NULL;
  guint n_items = phones != NULL ? g_list_model_get_n_items (phones) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);
      gint64 remaining_ms = mfa_cooldown_remaining_ms (self->waits, mfa_phone_number_get_id (phone));

      if (remaining_ms > 0)
        mfa_phone_number_set_retry_at_ms (phone, mfa_clock_get_now_ms (self->clock) + remaining_ms);
    }
}

static void
start_wait (MfaChanges *self,
            const char *key,
            gint64      retry_after_s)
{
  gint64 duration_ms = MAX (1, retry_after_s) * 1000;

  mfa_cooldown_start (self->waits, key, duration_ms);
  set_retry_at (self, key, mfa_clock_get_now_ms (self->clock) + duration_ms);
}

/* Busy */

static void
set_busy (MfaChanges *self,
          Request    *request,
          gboolean    busy)
{
  if (request->phone != NULL)
    {
      mfa_phone_number_set_busy (request->phone, busy);
    }
  else if (request->change == MFA_CHANGE_REMOVE_TOTP && self->totp_busy != !!busy)
    {
      self->totp_busy = !!busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTP_BUSY]);
    }
  else if (request->change == MFA_CHANGE_NEW_BACKUP_CODES && self->codes_busy != !!busy)
    {
      self->codes_busy = !!busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODES_BUSY]);
    }
}

/* Messages */

static void
set_message (MfaChanges   *self,
             char         *message,
             const GError *error,
             Request      *request)
{
  gboolean can_retry = error != NULL && error->domain == MFA_CLIENT_ERROR &&
                       mfa_client_error_is_transport (error);

  if (message == NULL && self->message == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  g_clear_pointer (&self->message_phone_id, g_free);
  if (request != NULL)
    {
      self->message_change = request->change;
      if (request->phone != NULL)
        self->message_phone_id = g_strdup (mfa_phone_number_get_id (request->phone));
    }

  g_clear_error (&self->message_error);
  self->message_error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_ERROR]);

  if (self->message_can_retry != can_retry)
    {
      self->message_can_retry = can_retry;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_CAN_RETRY]);
    }

  g_free (self->message);
  self->message = message;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);

  g_object_thaw_notify (G_OBJECT (self));
}

static char *
describe_error (MfaChanges   *self,
                Request      *request,
                const GError *error)
{
  MfaErrorContext context = MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY;

  if (request->change == MFA_CHANGE_RESERVE)
    context = MFA_ERROR_CONTEXT_USE_NUMBER;
  else if (request->change == MFA_CHANGE_REMOVE)
    context = MFA_ERROR_CONTEXT_REMOVE_NUMBER;

  return mfa_error_describe (error, context, mfa_client_get_base_url (self->client),
                             request->display);
}

/* Requests */

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfaChanges *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  MfaClient *client = MFA_CLIENT (object);
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  gint64 retry_after;

  switch (request->change)
    {
    case MFA_CHANGE_MAKE_DEFAULT:
      phone = mfa_client_make_phone_default_finish (client, result, &error);
      ok = phone != NULL;
      break;

    case MFA_CHANGE_RESERVE:
    case MFA_CHANGE_UNRESERVE:
      phone = mfa_client_set_phone_reserved_finish (client, result, &request->codes, &error);
      ok = phone != NULL;
      break;

    case MFA_CHANGE_REMOVE:
      ok = mfa_client_delete_phone_number_finish (client, result, &error);
      break;

    case MFA_CHANGE_NEW_BACKUP_CODES:
      request->codes = mfa_client_create_backup_codes_finish (client, result, &error);
      ok = request->codes != NULL;
      break;

    case MFA_CHANGE_REMOVE_TOTP:
      ok = mfa_client_delete_totp_finish (client, result, &error);
      break;

    case MFA_CHANGE_RELOAD:
    default:
      g_assert_not_reached ();
    }

  set_busy (self, request, FALSE);

  if (ok)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Cancelled, or the person did not confirm it was them: nothing
   * changed, and there is nothing to say.
   */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    {
      retry_after = mfa_client_error_get_retry_after (error);
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED) && retry_after > 0)
        start_wait (self,
                    key_of (request->change,
                            request->phone != NULL ? mfa_phone_number_get_id (request->phone) : NULL),
                    retry_after);

      set_message (self, describe_error (self, request, error), error, request);
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * mfa_changes_new:
 * @client: the client of the account
 * @clock: the clock the waits count on
 *
 * Returns: (transfer full): the changes of @client's user
 */
MfaChanges *
mfa_changes_new (MfaClient *client,
                 MfaClock  *clock)
{
  g_return_val_if_fail (MFA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (MFA_IS_CLOCK (clock), NULL);

  return g_object_new (MFA_TYPE_CHANGES,
                       "client", client,
                       "clock", clock,
                       NULL);
}

/**
 * mfa_changes_can_start:
 * @self: a #MfaChanges
 * @change: what to change
 * @phone_id: (nullable): the number, for a change of a number
 *   (mfa_change_is_of_phone())
 *
 * Returns: whether @change can be asked now: the number is the user's,
 *   nothing is on its way about it, and the service did not ask to wait
 */
gboolean
mfa_changes_can_start (MfaChanges *self,
                       MfaChange   change,
                       const char *phone_id)
{
  MfaPhoneNumber *phone;

  g_return_val_if_fail (MFA_IS_CHANGES (self), FALSE);
  g_return_val_if_fail (change != MFA_CHANGE_RELOAD, FALSE);
  g_return_val_if_fail ((phone_id != NULL) == mfa_change_is_of_phone (change), FALSE);

  if (mfa_cooldown_remaining_ms (self->waits, key_of (change, phone_id)) > 0)
    return FALSE;

  if (change == MFA_CHANGE_NEW_BACKUP_CODES)
    return !self->codes_busy;
  if (change == MFA_CHANGE_REMOVE_TOTP)
    return !self->totp_busy;

  phone = find_phone (self, phone_id);
  return phone != NULL && !mfa_phone_number_get_busy (phone);
}

/**
 * mfa_changes_start_async:
 * @self: a #MfaChanges
 * @change: what to change
 * @phone_id: (nullable): the number, for a change of a number
 * @flags: how the number is put into the message, should it fail
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the service answered
 * @user_data: data for @callback
 *
 * Asks the service for @change. The number (or the codes) is busy until
 * the answer; a failure becomes #MfaChanges:message, except a cancelled
 * one or one the person declined to confirm. A change that cannot start
 * now (mfa_changes_can_start()) fails with %G_IO_ERROR_PENDING and
 * leaves the message as it is.
 */
void
mfa_changes_start_async (MfaChanges           *self,
                         MfaChange             change,
                         const char           *phone_id,
                         MfaPhoneDisplayFlags  flags,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (MFA_IS_CHANGES (self));
  g_return_if_fail (change != MFA_CHANGE_RELOAD);
  g_return_if_fail ((phone_id != NULL) == mfa_change_is_of_phone (change));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_changes_start_async);

  if (!mfa_changes_can_start (self, change, phone_id))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A change is on its way, or the service asked to wait");
      return;
    }

  request = g_new0 (Request, 1);
  request->change = change;
  if (phone_id != NULL)
    {
      request->phone = g_object_ref (find_phone (self, phone_id));
      request->display = mfa_phone_display_for (request->phone, flags);
    }
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  /* What went wrong before is old news now. */
  mfa_changes_dismiss_message (self);
  set_busy (self, request, TRUE);

  switch (change)
    {
    case MFA_CHANGE_MAKE_DEFAULT:
      mfa_client_make_phone_default_async (self->client, phone_id, cancellable,
                                           request_cb, g_steal_pointer (&task));
      break;

    case MFA_CHANGE_RESERVE:
    case MFA_CHANGE_UNRESERVE:
      mfa_client_set_phone_reserved_async (self->client, phone_id, change == MFA_CHANGE_RESERVE,
                                           cancellable, request_cb, g_steal_pointer (&task));
      break;

    case MFA_CHANGE_REMOVE:
      mfa_client_delete_phone_number_async (self->client, phone_id, cancellable,
                                            request_cb, g_steal_pointer (&task));
      break;

    case MFA_CHANGE_NEW_BACKUP_CODES:
      mfa_client_create_backup_codes_async (self->client, cancellable,
                                            request_cb, g_steal_pointer (&task));
      break;

    case MFA_CHANGE_REMOVE_TOTP:
      mfa_client_delete_totp_async (self->client, cancellable,
                                    request_cb, g_steal_pointer (&task));
      break;

    case MFA_CHANGE_RELOAD:
    default:
      g_assert_not_reached ();
    }
}

/**
 * mfa_changes_start_finish:
 * @self: a #MfaChanges
 * @result: the result given to the callback
 * @backup_codes: (out) (optional) (nullable) (transfer full): the codes
 *   the service handed out, shown only this once: the new set, or the
 *   first set when reserving a number turned two-step verification on
 * @error: the failure
 *
 * Returns: whether the service made the change
 */
gboolean
mfa_changes_start_finish (MfaChanges      *self,
                          GAsyncResult    *result,
                          MfaBackupCodes **backup_codes,
                          GError         **error)
{
  Request *request;

  g_return_val_if_fail (MFA_IS_CHANGES (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  request = g_task_get_task_data (G_TASK (result));
  if (backup_codes != NULL)
    *backup_codes = request != NULL && request->codes != NULL ? g_object_ref (request->codes) : NULL;

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mfa_changes_get_codes_busy (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), FALSE);
  return self->codes_busy;
}

gint64
mfa_changes_get_codes_retry_at_ms (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), 0);
  return self->codes_retry_at_ms;
}

gboolean
mfa_changes_get_totp_busy (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), FALSE);
  return self->totp_busy;
}

gint64
mfa_changes_get_totp_retry_at_ms (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), 0);
  return self->totp_retry_at_ms;
}

/**
 * mfa_changes_get_message:
 * @self: a #MfaChanges
 *
 * Returns: (nullable): the last failure, in the app's words, until the
 *   next change starts or it is dismissed
 */
const char *
mfa_changes_get_message (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), NULL);
  return self->message;
}

/**
 * mfa_changes_get_message_error:
 * @self: a #MfaChanges
 *
 * Returns: (nullable): the error behind #MfaChanges:message, for its
 *   details
 */
const GError *
mfa_changes_get_message_error (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), NULL);
  return self->message_error;
}

/**
 * mfa_changes_get_message_can_retry:
 * @self: a #MfaChanges
 *
 * Returns: whether the failure was that the service could not be
 *   reached, so that the same change may simply be asked again
 */
gboolean
mfa_changes_get_message_can_retry (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), FALSE);
  return self->message_can_retry;
}

MfaChange
mfa_changes_get_message_change (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), 0);
  return self->message_change;
}

/**
 * mfa_changes_get_message_phone_id:
 * @self: a #MfaChanges
 *
 * Returns: (nullable): the number the message is about, or %NULL for the
 *   backup codes or no message
 */
const char *
mfa_changes_get_message_phone_id (MfaChanges *self)
{
  g_return_val_if_fail (MFA_IS_CHANGES (self), NULL);
  return self->message_phone_id;
}

/**
 * mfa_changes_report_reload_failure:
 * @self: a #MfaChanges
 * @error: why loading the user again failed
 *
 * Keeps the failure as #MfaChanges:message, worded as the others', so
 * that a page shows it where it shows theirs.
 */
void
mfa_changes_report_reload_failure (MfaChanges   *self,
                                   const GError *error)
{
  Request request = { .change = MFA_CHANGE_RELOAD };

  g_return_if_fail (MFA_IS_CHANGES (self));
  g_return_if_fail (error != NULL);

  set_message (self, describe_error (self, &request, error), error, &request);
}

void
mfa_changes_dismiss_message (MfaChanges *self)
{
  g_return_if_fail (MFA_IS_CHANGES (self));

  set_message (self, NULL, NULL, NULL);
}

/* GObject */

static void
mfa_changes_constructed (GObject *object)
{
  MfaChanges *self = MFA_CHANGES (object);

  G_OBJECT_CLASS (mfa_changes_parent_class)->constructed (object);

  g_assert (self->client != NULL && self->clock != NULL);

  self->waits = mfa_cooldown_new (self->clock);
  g_signal_connect_object (self->waits, "changed",
                           G_CALLBACK (waits_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::user",
                           G_CALLBACK (client_user_cb), self, G_CONNECT_SWAPPED);
}

static void
mfa_changes_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MfaChanges *self = MFA_CHANGES (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_CODES_BUSY:
      g_value_set_boolean (value, self->codes_busy);
      break;

    case PROP_CODES_RETRY_AT_MS:
      g_value_set_int64 (value, self->codes_retry_at_ms);
      break;

    case PROP_TOTP_BUSY:
      g_value_set_boolean (value, self->totp_busy);
      break;

    case PROP_TOTP_RETRY_AT_MS:
      g_value_set_int64 (value, self->totp_retry_at_ms);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_MESSAGE_ERROR:
      g_value_set_boxed (value, self->message_error);
      break;

    case PROP_MESSAGE_CAN_RETRY:
      g_value_set_boolean (value, self->message_can_retry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_changes_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MfaChanges *self = MFA_CHANGES (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_changes_dispose (GObject *object)
{
  MfaChanges *self = MFA_CHANGES (object);

  /* The waits' timers are the clock's: gone before the clock is. */
  if (self->waits != NULL)
    mfa_cooldown_clear_all (self->waits);
  g_clear_object (&self->waits);
  g_clear_object (&self->client);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_changes_parent_class)->dispose (object);
}

static void
mfa_changes_finalize (GObject *object)
{
  MfaChanges *self = MFA_CHANGES (object);

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->message_phone_id, g_free);
  g_clear_error (&self->message_error);

  G_OBJECT_CLASS (mfa_changes_parent_class)->finalize (object);
}

static void
mfa_changes_class_init (MfaChangesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mfa_changes_constructed;
  object_class->get_property = mfa_changes_get_property;
  object_class->set_property = mfa_changes_set_property;
  object_class->dispose = mfa_changes_dispose;
  object_class->finalize = mfa_changes_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MFA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, MFA_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaChanges:codes-busy:
   *
   * Whether new backup codes are on their way.
   */
  properties[PROP_CODES_BUSY] =
    g_param_spec_boolean ("codes-busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaChanges:codes-retry-at-ms:
   *
   * When the service said new backup codes may be asked again (ms since
   * the epoch on the clock), or 0.
   */
  properties[PROP_CODES_RETRY_AT_MS] =
    g_param_spec_int64 ("codes-retry-at-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaChanges:totp-busy:
   *
   * Whether removing the authenticator app is on its way.
   */
  properties[PROP_TOTP_BUSY] =
    g_param_spec_boolean ("totp-busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaChanges:totp-retry-at-ms:
   *
   * When the service said the authenticator app may be asked about
   * again (ms since the epoch on the clock), or 0.
   */
  properties[PROP_TOTP_RETRY_AT_MS] =
    g_param_spec_int64 ("totp-retry-at-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaChanges:message:
   *
   * The last failure in the app's words, or %NULL. Notified after
   * #MfaChanges:message-error and #MfaChanges:message-can-retry.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MESSAGE_ERROR] =
    g_param_spec_boxed ("message-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MESSAGE_CAN_RETRY] =
    g_param_spec_boolean ("message-can-retry", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_changes_init (MfaChanges *self)
{
}
