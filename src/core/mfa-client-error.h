/* mfa-client-error.h
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

/**
 * MfaClientError:
 * @MFA_CLIENT_ERROR_FAILED: a Clerk error with no code of its own here;
 *   see mfa_client_error_get_clerk_code()
 * @MFA_CLIENT_ERROR_SESSION_GONE: any 401, `client_not_found`, or a 404
 *   for the client or the session: back to sign-in
 * @MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED: 403
 *   `session_reverification_required`; with an #MfaClient:interaction
 *   the client asks it and sends the request again by itself
 * @MFA_CLIENT_ERROR_CODE_INCORRECT: `form_code_incorrect`
 * @MFA_CLIENT_ERROR_VERIFICATION_EXPIRED: `verification_expired`
 * @MFA_CLIENT_ERROR_VERIFICATION_FAILED: `verification_failed` (too many
 *   wrong codes; a new code is needed)
 * @MFA_CLIENT_ERROR_RATE_LIMITED: HTTP 429; see
 *   mfa_client_error_get_retry_after()
 * @MFA_CLIENT_ERROR_NOT_FOUND: a 404 for anything but the client or the
 *   session (a phone number, say)
 * @MFA_CLIENT_ERROR_SERVER: HTTP 5xx
 * @MFA_CLIENT_ERROR_BAD_RESPONSE: the answer was not what the protocol
 *   says: malformed, truncated or wrongly typed JSON
 * @MFA_CLIENT_ERROR_CONNECTION_REFUSED: nothing listens at the address
 * @MFA_CLIENT_ERROR_TIMEOUT: no answer, or not all of it, within the
 *   request timeout
 * @MFA_CLIENT_ERROR_TLS: the TLS handshake or certificate check failed
 * @MFA_CLIENT_ERROR_NETWORK: any other transport failure (host not
 *   found, connection dropped)
 * @MFA_CLIENT_ERROR_REVERIFICATION_DECLINED: the request needed the
 *   person to confirm it was them, and they declined; nothing changed
 * @MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE: the answer's body was, or said
 *   it would be, larger than a client reads (a few MiB); none of it was
 *   used
 *
 * Error codes of the %MFA_CLIENT_ERROR domain. Every error of this
 * domain carries the details of the answer (Clerk's code, parameter,
 * trace id, HTTP status, `Retry-After`), read with the getters below.
 */
typedef enum {
  MFA_CLIENT_ERROR_FAILED,
  MFA_CLIENT_ERROR_SESSION_GONE,
  MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED,
  MFA_CLIENT_ERROR_CODE_INCORRECT,
  MFA_CLIENT_ERROR_VERIFICATION_EXPIRED,
  MFA_CLIENT_ERROR_VERIFICATION_FAILED,
  MFA_CLIENT_ERROR_RATE_LIMITED,
  MFA_CLIENT_ERROR_NOT_FOUND,
  MFA_CLIENT_ERROR_SERVER,
  MFA_CLIENT_ERROR_BAD_RESPONSE,
  MFA_CLIENT_ERROR_CONNECTION_REFUSED,
  MFA_CLIENT_ERROR_TIMEOUT,
  MFA_CLIENT_ERROR_TLS,
  MFA_CLIENT_ERROR_NETWORK,
  MFA_CLIENT_ERROR_REVERIFICATION_DECLINED,
  MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE,
} MfaClientError;

#define MFA_CLIENT_ERROR (mfa_client_error_quark ())
GQuark      mfa_client_error_quark            (void);

GError     *mfa_client_error_new              (MfaClientError  code,
                                               const char     *message,
                                               const char     *clerk_code,
                                               const char     *param_name,
                                               const char     *trace_id,
                                               guint           status,
                                               gint64          retry_after);

const char *mfa_client_error_get_clerk_code   (const GError   *error);
const char *mfa_client_error_get_param_name   (const GError   *error);
const char *mfa_client_error_get_trace_id     (const GError   *error);
guint       mfa_client_error_get_status       (const GError   *error);
gint64      mfa_client_error_get_retry_after  (const GError   *error);
gboolean    mfa_client_error_is_transport     (const GError   *error);
char       *mfa_client_error_dup_details      (const GError   *error);
void        mfa_client_error_set_server_message (GError       *error,
                                                 const char   *message);
const char *mfa_client_error_get_server_message (const GError *error);
const char *mfa_client_error_sentence_for_code  (const char   *clerk_code,
                                                 const char   *param_name);
char       *mfa_client_error_dup_suggestions    (const char * const *codes);

/* For MfaClient: the request a reverification error can send again. */
void        mfa_client_error_set_replay       (GError         *error,
                                               gpointer        request,
                                               GBoxedCopyFunc  ref_func,
                                               GDestroyNotify  unref_func);
gpointer    mfa_client_error_get_replay       (const GError   *error);

G_END_DECLS
