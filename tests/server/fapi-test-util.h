/* fapi-test-util.h
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
#include <libsoup/soup.h>

#include "mfa-test-server.h"

G_BEGIN_DECLS

/* A native client as Clerk's SDKs behave: stores the Authorization
 * response header verbatim, echoes it, and forgets it on a bare "Bearer". */
typedef struct
{
  MfaTestServer *server;
  SoupSession   *session;
  char          *token;
} TestClient;

typedef struct
{
  guint     status;
  char     *authorization;    /* response header, NULL if absent */
  char     *retry_after;
  char     *body;
  JsonNode *root;             /* NULL if the body is not JSON */
} Reply;

TestClient *test_client_new        (MfaTestServer *server);
void        test_client_free       (TestClient    *client);
Reply      *test_call              (TestClient    *client,
                                    const char    *method,
                                    const char    *path,
                                    ...) G_GNUC_NULL_TERMINATED;
Reply      *test_call_valist       (TestClient    *client,
                                    const char    *method,
                                    const char    *path,
                                    va_list        args);
Reply      *test_call_raw          (TestClient    *client,
                                    const char    *method,
                                    const char    *path,
                                    const char    *content_type,
                                    const char    *body,
                                    gsize          len,
                                    const char    *authorization);
void        reply_free             (Reply         *reply);

JsonNode   *jget                   (JsonNode      *root,
                                    const char    *path);
const char *jstr                   (JsonNode      *root,
                                    const char    *path);
gint64      jint                   (JsonNode      *root,
                                    const char    *path);
gboolean    jbool                  (JsonNode      *root,
                                    const char    *path);
gboolean    jnull                  (JsonNode      *root,
                                    const char    *path);
guint       jlen                   (JsonNode      *root,
                                    const char    *path);
JsonObject *jphone                 (JsonNode      *root,
                                    const char    *phone_number);

void        assert_error           (Reply         *reply,
                                    guint          status,
                                    const char    *code);
char       *create_user            (MfaTestServer *server,
                                    const char    *json);
void        sign_in                (TestClient    *client,
                                    const char    *identifier,
                                    const char    *password);
char       *add_verified_phone     (TestClient    *client,
                                    const char    *phone_number);
gint64      dev_clock_now          (MfaTestServer *server);
gint64      dev_clock_advance      (MfaTestServer *server,
                                    gint64         ms);
gint64      dev_clock_set          (MfaTestServer *server,
                                    gint64         ms);
JsonNode   *dev_json               (MfaTestServer *server,
                                    const char    *method,
                                    const char    *path,
                                    const char    *body,
                                    guint          expected);
guint32     test_hotp              (const char    *base32_secret,
                                    guint64        counter);
char       *test_totp_now          (MfaTestServer *server,
                                    const char    *base32_secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestClient, test_client_free)

G_END_DECLS
