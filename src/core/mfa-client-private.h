/* mfa-client-private.h
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

#include <libsoup/soup.h>

#include "mfa-client.h"
#include "mfa-fapi-json.h"

/* What the files of MfaClient share, and nothing outside them sees:
 *
 *   mfa-client.c            the object: properties, signals, the model
 *   mfa-client-request.c    a request: path, form, the form for the log
 *   mfa-client-transport.c  sending, the deadline, the token, the 401
 *                           recheck, step-up, the stale-answer guard,
 *                           whether the service answers
 *   mfa-client-body.c       an answer's body, read within a limit
 *   mfa-client-answer.c     what an answer says: its result, its
 *                           client, or its error in the app's words
 *   mfa-client-sign-in.c    environment, client, sign-in, sessions,
 *                           step-up requests
 *   mfa-client-me.c         the user, phone numbers, backup codes
 */

G_BEGIN_DECLS

struct _MfaClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *host;
  guint        timeout;
  char        *token;
  char        *client_id;
  char        *session_id;
  MfaUser     *user;
  MfaSignIn   *sign_in;
  guint64      next_seq;
  guint64      applied_seq;
  gboolean     unreachable;
  MfaInteraction *interaction;
  MfaEnvironment *environment;
};

/* The model (mfa-client.c) */

void     mfa_client_set_reachable       (MfaClient     *self,
                                         gboolean       reachable);
void     mfa_client_update_user         (MfaClient     *self,
                                         MfaUser       *fresh);
void     mfa_client_apply_client        (MfaClient     *self,
                                         MfaFapiClient *client);
void     mfa_client_lose_session        (MfaClient     *self,
                                         gboolean       forget_token);
void     mfa_client_emit_session_gone   (MfaClient     *self);

/* Requests (mfa-client-request.c) */

typedef enum {
  MFA_RESULT_BOOLEAN,
  MFA_RESULT_ENVIRONMENT,
  MFA_RESULT_SIGN_IN,
  MFA_RESULT_USER,
  MFA_RESULT_PHONE,
  MFA_RESULT_PHONE_PATCH,
  MFA_RESULT_DELETED,
  MFA_RESULT_SESSION,
  MFA_RESULT_BACKUP_CODES,
  MFA_RESULT_REVERIFICATION,
  MFA_RESULT_TOTP,
  MFA_RESULT_DEVICES,
} MfaResultKind;

typedef enum {
  MFA_FIELD_PLAIN,
  MFA_FIELD_PHONE,
  MFA_FIELD_SECRET,
  MFA_FIELD_IDENTIFIER,
} MfaFieldKind;

typedef struct
{
  gatomicrefcount  ref;
  char            *method;
  char            *path;         /* below the base URL, escaped */
  char            *form;         /* NULL: no body */
  char            *log_form;     /* the form with secrets hidden */
  MfaResultKind    kind;
  gpointer         source_tag;
  guint            me : 1;        /* a /v1/me call: add _clerk_session_id */
  guint            canonical : 1; /* GET /v1/client: the client is in `response` */
  guint            session_scoped : 1; /* a 404 here means the session is gone */
  guint            signs_out : 1;
} MfaClientRequest;

MfaClientRequest *mfa_client_request_new            (const char       *method,
                                                     MfaResultKind     kind,
                                                     gpointer          source_tag,
                                                     const char       *first_segment,
                                                     ...) G_GNUC_NULL_TERMINATED;
MfaClientRequest *mfa_client_request_ref            (MfaClientRequest *request);
void              mfa_client_request_unref          (MfaClientRequest *request);
void              mfa_client_request_add_field      (MfaClientRequest *request,
                                                     const char       *name,
                                                     const char       *value,
                                                     MfaFieldKind      kind);
void              mfa_client_request_set_empty_form (MfaClientRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfaClientRequest, mfa_client_request_unref)

/* Bodies (mfa-client-body.c) */

void     mfa_client_read_body_async     (GInputStream        *stream,
                                         goffset              declared_length,
                                         gsize                limit,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GBytes  *mfa_client_read_body_finish    (GInputStream        *stream,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Answers (mfa-client-answer.c) */

typedef struct
{
  gboolean           apply;       /* the answer says something about the client */
  MfaFapiClient      client;      /* …and this is it (client_id NULL: no client) */
  gboolean           has_client;
  MfaUser           *user;
  MfaSignIn         *sign_in;
  MfaPhoneNumber    *phone;
  MfaBackupCodes    *codes;
  MfaReverification *reverification;
  MfaEnvironment    *environment;
  MfaTotp           *totp;
  GPtrArray         *devices;
} MfaClientAnswer;

void     mfa_client_answer_clear        (MfaClientAnswer     *answer);
gboolean mfa_client_answer_read         (MfaClientAnswer     *answer,
                                         MfaClientRequest    *request,
                                         JsonNode            *root,
                                         GError             **error);
gboolean mfa_client_answer_find_client  (MfaClientRequest    *request,
                                         JsonObject          *envelope,
                                         gboolean            *apply,
                                         JsonNode           **client);
void     mfa_client_answer_return       (MfaClientAnswer     *answer,
                                         MfaClient           *self,
                                         GTask               *task,
                                         MfaClientRequest    *request);
GError  *mfa_client_answer_to_error     (MfaClient           *self,
                                         MfaClientRequest    *request,
                                         guint                status,
                                         SoupMessageHeaders  *headers,
                                         JsonNode            *root);
GError  *mfa_client_transport_error     (MfaClient           *self,
                                         const GError        *error,
                                         guint                status);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MfaClientAnswer, mfa_client_answer_clear)

/* Sending (mfa-client-transport.c) */

void     mfa_client_start_request       (MfaClient           *self,
                                         MfaClientRequest    *request,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean mfa_client_need_session        (MfaClient           *self,
                                         gpointer             source_tag,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gpointer mfa_client_finish_pointer      (MfaClient           *self,
                                         GAsyncResult        *result,
                                         gpointer             source_tag,
                                         GError             **error);
gboolean mfa_client_finish_boolean      (MfaClient           *self,
                                         GAsyncResult        *result,
                                         gpointer             source_tag,
                                         GError             **error);

G_END_DECLS
