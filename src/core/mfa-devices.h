/* mfa-devices.h
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

#include <gio/gio.h>

#include "mfa-client.h"
#include "mfa-device.h"

G_BEGIN_DECLS

/**
 * MfaDevicesState:
 * @MFA_DEVICES_STATE_NONE: not loaded yet
 * @MFA_DEVICES_STATE_LOADING: the list is on its way
 * @MFA_DEVICES_STATE_LOADED: #MfaDevices:model holds every device
 * @MFA_DEVICES_STATE_FAILED: the list could not be had;
 *   #MfaDevices:message says why (never an empty list instead)
 */
typedef enum {
  MFA_DEVICES_STATE_NONE,
  MFA_DEVICES_STATE_LOADING,
  MFA_DEVICES_STATE_LOADED,
  MFA_DEVICES_STATE_FAILED,
} MfaDevicesState;

#define MFA_TYPE_DEVICES (mfa_devices_get_type ())
G_DECLARE_FINAL_TYPE (MfaDevices, mfa_devices, MFA, DEVICES, GObject)

MfaDevices      *mfa_devices_new                  (MfaClient            *client);
GListModel      *mfa_devices_get_model            (MfaDevices           *self);
MfaDevicesState  mfa_devices_get_state            (MfaDevices           *self);
const char      *mfa_devices_get_message          (MfaDevices           *self);
const GError    *mfa_devices_get_error            (MfaDevices           *self);
gboolean         mfa_devices_get_busy             (MfaDevices           *self);
guint            mfa_devices_get_n_others         (MfaDevices           *self);
void             mfa_devices_load                 (MfaDevices           *self);
void             mfa_devices_sign_out_async       (MfaDevices           *self,
                                                   MfaDevice            *device,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         mfa_devices_sign_out_finish      (MfaDevices           *self,
                                                   GAsyncResult         *result,
                                                   guint                *n_failed,
                                                   GError              **error);

G_END_DECLS
