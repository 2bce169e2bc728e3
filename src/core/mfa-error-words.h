/* mfa-error-words.h
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

#include <glib.h>

G_BEGIN_DECLS

/**
 * MfaErrorContext:
 * @MFA_ERROR_CONTEXT_CHANGE: a change to the account, or anything else
 * @MFA_ERROR_CONTEXT_SEND_CODE: asking the service to send a code
 * @MFA_ERROR_CONTEXT_CHECK_CODE: checking a secret the person typed (an
 *   authenticator or backup code, a password); what they typed is kept
 * @MFA_ERROR_CONTEXT_CHECK_SENT_CODE: checking a code the service sent,
 *   which can be sent again
 * @MFA_ERROR_CONTEXT_ADD_NUMBER: adding a phone number, the message shown
 *   next to it
 * @MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY: a change whose message offers
 *   Retry, so a service that cannot be reached is only named
 * @MFA_ERROR_CONTEXT_USE_NUMBER: making a number receive sign-in codes,
 *   with Retry
 * @MFA_ERROR_CONTEXT_REMOVE_NUMBER: removing a number, with Retry
 * @MFA_ERROR_CONTEXT_CONNECT: reaching a service this computer has used
 *   before, at start
 * @MFA_ERROR_CONTEXT_CONNECT_NEW: reaching a service for the first time,
 *   whose key may be wrong
 *
 * What the person was doing when the error came: the same error reads
 * differently when a code was being sent and when one was being checked.
 */
typedef enum {
  MFA_ERROR_CONTEXT_CHANGE,
  MFA_ERROR_CONTEXT_SEND_CODE,
  MFA_ERROR_CONTEXT_CHECK_CODE,
  MFA_ERROR_CONTEXT_CHECK_SENT_CODE,
  MFA_ERROR_CONTEXT_ADD_NUMBER,
  MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY,
  MFA_ERROR_CONTEXT_USE_NUMBER,
  MFA_ERROR_CONTEXT_REMOVE_NUMBER,
  MFA_ERROR_CONTEXT_CONNECT,
  MFA_ERROR_CONTEXT_CONNECT_NEW,
} MfaErrorContext;

char *mfa_error_describe     (const GError    *error,
                              MfaErrorContext  context,
                              const char      *base_url,
                              const char      *subject);
char *mfa_error_format_retry (gint64           seconds);

G_END_DECLS
