/* mfa-instance.h
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

G_BEGIN_DECLS

/**
 * MfaInstanceError:
 * @MFA_INSTANCE_ERROR_EMPTY: nothing was given
 * @MFA_INSTANCE_ERROR_PREFIX: the key starts with neither `pk_test_` nor `pk_live_`
 * @MFA_INSTANCE_ERROR_BASE64: the part after the prefix is not base64
 * @MFA_INSTANCE_ERROR_NO_TERMINATOR: the decoded text does not end in `$`
 * @MFA_INSTANCE_ERROR_NO_DOT: the decoded host has no dot
 * @MFA_INSTANCE_ERROR_BAD_HOST: the decoded text is not a host name
 * @MFA_INSTANCE_ERROR_BAD_URL: the Frontend API URL cannot be used
 * @MFA_INSTANCE_ERROR_INSECURE: `http://` to a host that is not loopback
 *
 * Why a publishable key or a Frontend API URL was refused.
 */
typedef enum {
  MFA_INSTANCE_ERROR_EMPTY,
  MFA_INSTANCE_ERROR_PREFIX,
  MFA_INSTANCE_ERROR_BASE64,
  MFA_INSTANCE_ERROR_NO_TERMINATOR,
  MFA_INSTANCE_ERROR_NO_DOT,
  MFA_INSTANCE_ERROR_BAD_HOST,
  MFA_INSTANCE_ERROR_BAD_URL,
  MFA_INSTANCE_ERROR_INSECURE,
} MfaInstanceError;

#define MFA_INSTANCE_ERROR (mfa_instance_error_quark ())
GQuark    mfa_instance_error_quark             (void);

char     *mfa_instance_decode_publishable_key  (const char  *key,
                                                GError     **error);
char     *mfa_instance_normalize_frontend_api (const char  *url,
                                                GError     **error);
gboolean  mfa_instance_is_loopback_host        (const char  *host);
char     *mfa_instance_get_display_host        (const char  *base_url);
char     *mfa_instance_dup_remembered          (GSettings   *settings);

G_END_DECLS
