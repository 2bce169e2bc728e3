/* mfa-test-utils.h
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

#include "mfa-account.h"
#include "mfa-backup-codes.h"
#include "mfa-client.h"
#include "mfa-test-server.h"

G_BEGIN_DECLS

/* The password of the accounts the core tests create. */
#define MFA_TEST_PASSWORD "correct horse battery"

/* Spins the main loop until COND holds, failing the test after 20 s. */
#define mfa_test_wait_until(cond) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond); \
        g_main_context_iteration (NULL, FALSE); \
        g_usleep (1000); \
      } \
  } G_STMT_END

/* The fields of a request line, besides "METHOD /path". */
typedef enum {
  MFA_TEST_REQUEST_PATH   = 0,
  MFA_TEST_REQUEST_QUERY  = 1 << 0,
  MFA_TEST_REQUEST_STATUS = 1 << 1,
} MfaTestRequestFields;

/* What a number of a test user has gone through; each state includes the
 * ones before it, as the service allows no other combination.
 */
typedef enum {
  MFA_TEST_PHONE_UNVERIFIED,
  MFA_TEST_PHONE_VERIFIED,
  MFA_TEST_PHONE_RESERVED,   /* verified, and receives sign-in codes */
  MFA_TEST_PHONE_DEFAULT,    /* reserved, and the one codes go to first */
} MfaTestPhoneState;

typedef struct
{
  const char        *number;   /* E.164 */
  MfaTestPhoneState  state;
} MfaTestPhone;

#define MFA_TEST_USER_MAX_PHONES 8

/* A user of `POST /__dev/users`, written with designated initializers;
 * what is left out is not sent.
 */
typedef struct
{
  const char   *identifier;
  const char   *password;
  gboolean      backup_codes;
  const char   *totp_secret;
  /* Up to the first without a number. */
  MfaTestPhone  phones[MFA_TEST_USER_MAX_PHONES];
} MfaTestUser;

/* Ten backup codes as the service hands them out, %NULL-terminated. */
extern const char * const mfa_test_backup_codes[];

void          mfa_test_iterate          (guint                 milliseconds);

const char   *mfa_test_child_role       (int                   argc,
                                         char                **argv);
void          mfa_test_child_log        (void);
void          mfa_test_tolerate_message (const char           *domain,
                                         const char           *message);
char         *mfa_test_run_child        (const char           *role,
                                         const char * const   *args,
                                         char                **child_stdout);

char         *mfa_test_read_file        (const char           *path);
guint         mfa_test_file_mode        (const char           *path);
guint         mfa_test_count_dir_entries (const char          *path);
char         *mfa_test_make_tmpdir      (const char           *tmpl);
void          mfa_test_remove_tree      (const char           *path);
void          mfa_test_result_cb        (GObject              *object,
                                         GAsyncResult         *result,
                                         gpointer              user_data);
GAsyncResult *mfa_test_wait             (GAsyncResult        **slot);

JsonNode     *mfa_test_dev_json         (MfaTestServer        *server,
                                         const char           *method,
                                         const char           *path,
                                         const char           *body,
                                         guint                 expected_status);
void          mfa_test_dev              (MfaTestServer        *server,
                                         const char           *method,
                                         const char           *path,
                                         const char           *body);
char         *mfa_test_create_user      (MfaTestServer        *server,
                                         const char           *json);
void          mfa_test_add_fault        (MfaTestServer        *server,
                                         const char           *json);
char         *mfa_test_user_json        (const MfaTestUser    *user);
char         *mfa_test_add_user         (MfaTestServer        *server,
                                         const MfaTestUser    *user,
                                         GStrv                *backup_codes);
MfaBackupCodes *mfa_test_numbered_backup_codes (guint          n_codes);

GStrv         mfa_test_requests         (MfaTestServer        *server,
                                         MfaTestRequestFields  fields);
char         *mfa_test_request_log      (MfaTestServer        *server);
guint         mfa_test_count_lines_with (const char           *text,
                                         const char           *prefix);
guint         mfa_test_count_requests   (MfaTestServer        *server,
                                         const char           *prefix);
void          mfa_test_clear_requests   (MfaTestServer        *server);

void          mfa_test_sign_in          (MfaTestServer        *server,
                                         MfaClient            *client,
                                         const char           *identifier,
                                         const char           *password,
                                         const char           *sms_phone);
MfaClient    *mfa_test_signed_in_client (MfaTestServer        *server,
                                         const char           *identifier,
                                         const char           *password);
MfaAccount   *mfa_test_signed_in_account (MfaTestServer       *server,
                                          const char          *identifier,
                                          const char          *password,
                                          MfaClock            *clock);
MfaAccount   *mfa_test_started_account  (MfaTestServer        *server,
                                         const char           *identifier,
                                         const char           *password,
                                         MfaClock             *clock);
void          mfa_test_finalize_account (MfaAccount           *account);

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
void        test_client_sign_in    (TestClient    *client,
                                    const char    *identifier,
                                    const char    *password);
char       *add_verified_phone     (TestClient    *client,
                                    const char    *phone_number);
gint64      dev_clock_now          (MfaTestServer *server);
gint64      dev_clock_advance      (MfaTestServer *server,
                                    gint64         ms);
gint64      dev_clock_set          (MfaTestServer *server,
                                    gint64         ms);
guint32     test_hotp              (const char    *base32_secret,
                                    guint64        counter);
char       *test_totp_now          (MfaTestServer *server,
                                    const char    *base32_secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestClient, test_client_free)

G_END_DECLS
