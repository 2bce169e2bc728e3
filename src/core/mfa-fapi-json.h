/* mfa-fapi-json.h
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

#include <json-glib/json-glib.h>

#include "mfa-backup-codes.h"
#include "mfa-device.h"
#include "mfa-environment.h"
#include "mfa-phone-number.h"
#include "mfa-reverification.h"
#include "mfa-sign-in.h"
#include "mfa-totp.h"
#include "mfa-user.h"

G_BEGIN_DECLS

/**
 * MfaFapiClient:
 * @client_id: the client's id
 * @session_id: (nullable): the current session, when it is active
 * @user: (nullable): that session's user, freshly built
 * @sign_in: (nullable): the client's sign-in in progress
 *
 * What the app takes from a Frontend API `client` object.
 */
typedef struct
{
  char      *client_id;
  char      *session_id;
  MfaUser   *user;
  MfaSignIn *sign_in;
} MfaFapiClient;

void               mfa_fapi_client_clear              (MfaFapiClient  *client);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MfaFapiClient, mfa_fapi_client_clear)

JsonNode          *mfa_fapi_parse_text                (const char     *data,
                                                       gsize           length,
                                                       GError        **error);
gboolean           mfa_fapi_parse_client              (JsonNode       *node,
                                                       MfaFapiClient  *out,
                                                       GError        **error);
MfaUser           *mfa_fapi_parse_user                (JsonNode       *node,
                                                       const char     *identifier,
                                                       GError        **error);
MfaPhoneNumber    *mfa_fapi_parse_phone_number        (JsonNode       *node,
                                                       GError        **error);
gboolean           mfa_fapi_parse_phone_backup_codes  (JsonNode       *node,
                                                       MfaBackupCodes **codes,
                                                       GError        **error);
MfaBackupCodes    *mfa_fapi_parse_backup_codes        (JsonNode       *node,
                                                       GError        **error);
MfaTotp           *mfa_fapi_parse_totp                (JsonNode       *node,
                                                       MfaBackupCodes **codes,
                                                       GError        **error);
GStrv              mfa_fapi_parse_error_suggestions   (JsonNode       *root);
GPtrArray         *mfa_fapi_parse_active_sessions     (JsonNode       *node,
                                                       GError        **error);
MfaEnvironment    *mfa_fapi_parse_environment         (JsonNode       *node,
                                                       GError        **error);
MfaSignIn         *mfa_fapi_parse_sign_in             (JsonNode       *node,
                                                       GError        **error);
MfaReverification *mfa_fapi_parse_reverification      (JsonNode       *node,
                                                       GError        **error);
gboolean           mfa_fapi_parse_deleted             (JsonNode       *node,
                                                       char          **id,
                                                       GError        **error);
gboolean           mfa_fapi_parse_session             (JsonNode       *node,
                                                       char          **id,
                                                       char          **status,
                                                       GError        **error);
gboolean           mfa_fapi_parse_errors              (JsonNode       *root,
                                                       char          **code,
                                                       char          **message,
                                                       char          **param_name,
                                                       char          **trace_id);

G_END_DECLS
