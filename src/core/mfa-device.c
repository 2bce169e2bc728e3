/* mfa-device.c
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

#define G_LOG_DOMAIN "mfa-device"

#include "config.h"

#include "mfa-device.h"

/**
 * MfaDevice:
 *
 * A device signed in to the account: one active session of the user
 * (`GET /v1/me/sessions/active`), with what the service knows of where
 * it was last used from. #MfaDevice:current is the app's own: the
 * session this app signed in with.
 */
struct _MfaDevice
{
  GObject   parent_instance;

  char     *session_id;
  gint64    last_active_at;
  char     *device_type;
  char     *browser_name;
  char     *browser_version;
  char     *city;
  char     *country;
  char     *message;
  gboolean  is_mobile;
  gboolean  current;
  gboolean  busy;
};

G_DEFINE_FINAL_TYPE (MfaDevice, mfa_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION_ID,
  PROP_LAST_ACTIVE_AT,
  PROP_CURRENT,
  PROP_BUSY,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfa_device_finalize (GObject *object)
{
  MfaDevice *self = (MfaDevice *)object;

  g_free (self->session_id);
  g_free (self->device_type);
  g_free (self->browser_name);
  g_free (self->browser_version);
  g_free (self->city);
  g_free (self->country);
  g_free (self->message);

  G_OBJECT_CLASS (mfa_device_parent_class)->finalize (object);
}

static void
mfa_device_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfaDevice *self = MFA_DEVICE (object);

  switch (prop_id)
    {
    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;

    case PROP_LAST_ACTIVE_AT:
      g_value_set_int64 (value, self->last_active_at);
      break;

    case PROP_CURRENT:
      g_value_set_boolean (value, self->current);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_device_class_init (MfaDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfa_device_finalize;
  object_class->get_property = mfa_device_get_property;

  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ACTIVE_AT] =
    g_param_spec_int64 ("last-active-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_boolean ("current", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaDevice:busy:
   *
   * The app's own: signing this device out is on its way.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaDevice:message:
   *
   * The app's own: why signing this device out failed, worded, or %NULL.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_device_init (MfaDevice *self)
{
}

/**
 * mfa_device_new:
 * @session_id: the session's id
 * @last_active_at: when it was last used, in ms since the epoch
 * @info: (nullable): what the service knows of the device
 *
 * Returns: (transfer full): a device
 */
MfaDevice *
mfa_device_new (const char          *session_id,
                gint64               last_active_at,
                const MfaDeviceInfo *info)
{
  MfaDevice *self;

  g_return_val_if_fail (session_id != NULL, NULL);

  self = g_object_new (MFA_TYPE_DEVICE, NULL);
  self->session_id = g_strdup (session_id);
  self->last_active_at = last_active_at;
  if (info != NULL)
    {
      self->device_type = g_strdup (info->device_type);
      self->is_mobile = info->is_mobile;
      self->browser_name = g_strdup (info->browser_name);
      self->browser_version = g_strdup (info->browser_version);
      self->city = g_strdup (info->city);
      self->country = g_strdup (info->country);
    }

  return self;
}

#define GETTER(type, name, fallback) \
  type \
  mfa_device_get_##name (MfaDevice *self) \
  { \
    g_return_val_if_fail (MFA_IS_DEVICE (self), fallback); \
    return self->name; \
  }

GETTER (const char *, session_id, NULL)
GETTER (gint64, last_active_at, 0)
GETTER (const char *, device_type, NULL)
GETTER (gboolean, is_mobile, FALSE)
GETTER (const char *, browser_name, NULL)
GETTER (const char *, browser_version, NULL)
GETTER (const char *, city, NULL)
GETTER (const char *, country, NULL)
GETTER (gboolean, current, FALSE)
GETTER (gboolean, busy, FALSE)
GETTER (const char *, message, NULL)

#undef GETTER

void
mfa_device_set_current (MfaDevice *self,
                        gboolean   current)
{
  g_return_if_fail (MFA_IS_DEVICE (self));

  current = !!current;
  if (self->current == current)
    return;
  self->current = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

void
mfa_device_set_busy (MfaDevice *self,
                     gboolean   busy)
{
  g_return_if_fail (MFA_IS_DEVICE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
mfa_device_set_message (MfaDevice  *self,
                        const char *message)
{
  g_return_if_fail (MFA_IS_DEVICE (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/**
 * mfa_device_compare:
 *
 * The order of a list of devices: this one first, then the one used
 * last, then by session id, so that the order is the same every time.
 */
int
mfa_device_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  MfaDevice *da = MFA_DEVICE ((gpointer) a);
  MfaDevice *db = MFA_DEVICE ((gpointer) b);

  if (da->current != db->current)
    return da->current ? -1 : 1;
  if (da->last_active_at != db->last_active_at)
    return da->last_active_at > db->last_active_at ? -1 : 1;
  return g_strcmp0 (da->session_id, db->session_id);
}
