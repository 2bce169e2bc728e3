/* mfa-devices.c
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

#define G_LOG_DOMAIN "mfa-devices"

#include "config.h"

#include "mfa-client-error.h"
#include "mfa-core-enums.h"
#include "mfa-devices.h"
#include "mfa-error-words.h"

/**
 * MfaDevices:
 *
 * The devices signed in to the account, and signing them out: the list
 * (#MfaDevices:model, this app's device first), where loading it stands
 * and, when it failed, why in the app's words; signing out one device
 * or every other one, each device busy meanwhile and keeping its own
 * failure (#MfaDevice:message), so that nothing is left half-done
 * without a word. Pages bind to it.
 */
struct _MfaDevices
{
  GObject          parent_instance;

  MfaClient       *client;
  GListStore      *model;
  GCancellable    *load_cancellable;
  MfaDevicesState  state;
  char            *message;
  GError          *error;
  guint            n_busy;
};

G_DEFINE_FINAL_TYPE (MfaDevices, mfa_devices, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MODEL,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_BUSY,
  PROP_N_OTHERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (MfaDevices      *self,
           MfaDevicesState  state,
           const GError    *error)
{
  g_clear_error (&self->error);
  g_clear_pointer (&self->message, g_free);
  if (error != NULL)
    {
      self->error = g_error_copy (error);
      self->message = mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY,
                                          mfa_client_get_base_url (self->client), NULL);
    }
  self->state = state;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_busy (MfaDevices *self,
          MfaDevice  *device,
          gboolean    busy)
{
  gboolean was_busy = self->n_busy > 0;

  mfa_device_set_busy (device, busy);
  self->n_busy = busy ? self->n_busy + 1 : self->n_busy - 1;
  if (was_busy != (self->n_busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Loading */

static void
devices_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaDevices) self = user_data;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;

  devices = mfa_client_get_devices_finish (MFA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (devices == NULL)
    {
      set_state (self, MFA_DEVICES_STATE_FAILED, error);
      return;
    }

  g_list_store_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                       devices->pdata, devices->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OTHERS]);
  set_state (self, MFA_DEVICES_STATE_LOADED, NULL);
}

/**
 * mfa_devices_load:
 * @self: a #MfaDevices
 *
 * Asks the service for the devices signed in, again if it did before:
 * the list shown stays until the answer.
 */
void
mfa_devices_load (MfaDevices *self)
{
  g_return_if_fail (MFA_IS_DEVICES (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  set_state (self, MFA_DEVICES_STATE_LOADING, NULL);
  mfa_client_get_devices_async (self->client, self->load_cancellable,
                                devices_cb, g_object_ref (self));
}

/* Signing out */

typedef struct
{
  GQueue     queue;      /* MfaDevice, still to sign out */
  MfaDevice *device;     /* under way */
  guint      n_failed;
  GError    *first_error;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_queue_clear_full (&sign_out->queue, g_object_unref);
  g_clear_object (&sign_out->device);
  g_clear_error (&sign_out->first_error);
  g_free (sign_out);
}

static void sign_out_next (GTask *task);

static void
remove_device (MfaDevices *self,
               MfaDevice  *device)
{
  guint position;

  if (g_list_store_find (self->model, device, &position))
    {
      g_list_store_remove (self->model, position);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OTHERS]);
    }
}

static void
revoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfaDevices *self = g_task_get_source_object (task);
  SignOut *sign_out = g_task_get_task_data (task);
  g_autoptr(MfaDevice) device = g_steal_pointer (&sign_out->device);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  mfa_client_revoke_session_finish (MFA_CLIENT (object), result, &error);
  set_busy (self, device, FALSE);

  /* Stopped, or the person did not confirm it was them: nothing more is
   * tried, and what was not tried has nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (error != NULL && !g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_NOT_FOUND))
    {
      message = mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY,
                                    mfa_client_get_base_url (self->client), NULL);
      mfa_device_set_message (device, message);
      sign_out->n_failed++;
      if (sign_out->first_error == NULL)
        sign_out->first_error = g_steal_pointer (&error);
    }
  else
    {
      /* Signed out, or gone already: either way no longer signed in. */
      remove_device (self, device);
    }

  sign_out_next (g_steal_pointer (&task));
}

static void
sign_out_next (GTask *task)
{
  MfaDevices *self = g_task_get_source_object (task);
  SignOut *sign_out = g_task_get_task_data (task);

  sign_out->device = g_queue_pop_head (&sign_out->queue);
  if (sign_out->device == NULL)
    {
      if (sign_out->first_error != NULL)
        g_task_return_error (task, g_steal_pointer (&sign_out->first_error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  mfa_device_set_message (sign_out->device, NULL);
  set_busy (self, sign_out->device, TRUE);
  mfa_client_revoke_session_async (self->client, mfa_device_get_session_id (sign_out->device),
                                   g_task_get_cancellable (task), revoke_cb, task);
}

/**
 * mfa_devices_sign_out_async:
 * @self: a #MfaDevices
 * @device: (nullable): a device other than this one, or %NULL for every
 *   other device
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every device was tried
 * @user_data: data for @callback
 *
 * Signs devices out one after the other, the first confirmation (step-up)
 * covering the rest. A device signed out leaves the list; one that could
 * not be keeps its reason (#MfaDevice:message) and the others are still
 * tried. Declining to confirm stops there.
 */
void
mfa_devices_sign_out_async (MfaDevices          *self,
                            MfaDevice           *device,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  SignOut *sign_out;
  guint n;

  g_return_if_fail (MFA_IS_DEVICES (self));
  g_return_if_fail (device == NULL || MFA_IS_DEVICE (device));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_devices_sign_out_async);
  sign_out = g_new0 (SignOut, 1);
  g_queue_init (&sign_out->queue);
  g_task_set_task_data (task, sign_out, (GDestroyNotify) sign_out_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaDevice) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (!mfa_device_get_current (item) && !mfa_device_get_busy (item) &&
          (device == NULL || item == device))
        g_queue_push_tail (&sign_out->queue, g_steal_pointer (&item));
    }

  sign_out_next (task);
}

/**
 * mfa_devices_sign_out_finish:
 * @self: a #MfaDevices
 * @result: the result given to the callback
 * @n_failed: (out) (optional): how many devices could not be signed out
 * @error: the first failure
 *
 * Returns: whether every device asked for is signed out
 */
gboolean
mfa_devices_sign_out_finish (MfaDevices    *self,
                             GAsyncResult  *result,
                             guint         *n_failed,
                             GError       **error)
{
  SignOut *sign_out;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  sign_out = g_task_get_task_data (G_TASK (result));
  if (n_failed != NULL)
    *n_failed = sign_out->n_failed;

  return g_task_propagate_boolean (G_TASK (result), error);
}

GListModel *
mfa_devices_get_model (MfaDevices *self)
{
  g_return_val_if_fail (MFA_IS_DEVICES (self), NULL);
  return G_LIST_MODEL (self->model);
}

MfaDevicesState
mfa_devices_get_state (MfaDevices *self)
{
  g_return_val_if_fail (MFA_IS_DEVICES (self), MFA_DEVICES_STATE_NONE);
  return self->state;
}

const char *
mfa_devices_get_message (MfaDevices *self)
{
  g_return_val_if_fail (MFA_IS_DEVICES (self), NULL);
  return self->message;
}

const GError *
mfa_devices_get_error (MfaDevices *self)
{
  g_return_val_if_fail (MFA_IS_DEVICES (self), NULL);
  return self->error;
}

gboolean
mfa_devices_get_busy (MfaDevices *self)
{
  g_return_val_if_fail (MFA_IS_DEVICES (self), FALSE);
  return self->n_busy > 0;
}

/**
 * mfa_devices_get_n_others:
 * @self: a #MfaDevices
 *
 * Returns: how many devices but this one are signed in
 */
guint
mfa_devices_get_n_others (MfaDevices *self)
{
  guint n;
  guint others = 0;

  g_return_val_if_fail (MFA_IS_DEVICES (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaDevice) device = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (!mfa_device_get_current (device))
        others++;
    }

  return others;
}

/* GObject */

static void
mfa_devices_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MfaDevices *self = MFA_DEVICES (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;

    case PROP_N_OTHERS:
      g_value_set_uint (value, mfa_devices_get_n_others (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_devices_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MfaDevices *self = MFA_DEVICES (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_devices_dispose (GObject *object)
{
  MfaDevices *self = MFA_DEVICES (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mfa_devices_parent_class)->dispose (object);
}

static void
mfa_devices_finalize (GObject *object)
{
  MfaDevices *self = MFA_DEVICES (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->message, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mfa_devices_parent_class)->finalize (object);
}

static void
mfa_devices_class_init (MfaDevicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mfa_devices_get_property;
  object_class->set_property = mfa_devices_set_property;
  object_class->dispose = mfa_devices_dispose;
  object_class->finalize = mfa_devices_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MFA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MFA_TYPE_DEVICES_STATE, MFA_DEVICES_STATE_NONE, ro);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_N_OTHERS] =
    g_param_spec_uint ("n-others", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_devices_init (MfaDevices *self)
{
  self->model = g_list_store_new (MFA_TYPE_DEVICE);
}

/**
 * mfa_devices_new:
 * @client: the client of the account
 *
 * Returns: (transfer full): the account's devices, not loaded yet
 */
MfaDevices *
mfa_devices_new (MfaClient *client)
{
  g_return_val_if_fail (MFA_IS_CLIENT (client), NULL);

  return g_object_new (MFA_TYPE_DEVICES, "client", client, NULL);
}
