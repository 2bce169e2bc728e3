/* mfa-device.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define MFA_TYPE_DEVICE (mfa_device_get_type ())
G_DECLARE_FINAL_TYPE (MfaDevice, mfa_device, MFA, DEVICE, GObject)

/**
 * MfaDeviceInfo:
 *
 * What the service knows of the device a session was used from; every
 * string may be %NULL.
 */
typedef struct
{
  const char *device_type;
  gboolean    is_mobile;
  const char *browser_name;
  const char *browser_version;
  const char *city;
  const char *country;
} MfaDeviceInfo;

MfaDevice  *mfa_device_new                 (const char          *session_id,
                                            gint64               last_active_at,
                                            const MfaDeviceInfo *info);
const char *mfa_device_get_session_id      (MfaDevice *self);
gint64      mfa_device_get_last_active_at  (MfaDevice *self);
const char *mfa_device_get_device_type     (MfaDevice *self);
gboolean    mfa_device_get_is_mobile       (MfaDevice *self);
const char *mfa_device_get_browser_name    (MfaDevice *self);
const char *mfa_device_get_browser_version (MfaDevice *self);
const char *mfa_device_get_city            (MfaDevice *self);
const char *mfa_device_get_country         (MfaDevice *self);
gboolean    mfa_device_get_current         (MfaDevice *self);
void        mfa_device_set_current         (MfaDevice *self,
                                            gboolean   current);
gboolean    mfa_device_get_busy            (MfaDevice *self);
void        mfa_device_set_busy            (MfaDevice *self,
                                            gboolean   busy);
const char *mfa_device_get_message         (MfaDevice *self);
void        mfa_device_set_message         (MfaDevice  *self,
                                            const char *message);
int         mfa_device_compare             (gconstpointer a,
                                            gconstpointer b,
                                            gpointer      user_data);

G_END_DECLS
