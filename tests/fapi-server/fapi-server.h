/* fapi-server.h
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
#include <sqlite3.h>

G_BEGIN_DECLS

/* Largest request body the server reads. */
#define FAPI_MAX_BODY_SIZE (64 * 1024)

/* What the instance calls itself unless --application-name says. */
#define FAPI_DEFAULT_APPLICATION_NAME "MFA Manager (local)"

/* The instance's password policy, by the names of Clerk's
 * user_settings.password_settings (fapi-password.c). */
typedef struct
{
  guint     min_length;               /* characters */
  guint     max_length;
  gboolean  require_uppercase;
  gboolean  require_lowercase;
  gboolean  require_numbers;
  gboolean  require_special_char;
  guint     min_zxcvbn_strength;      /* 0 to 4 */
  gboolean  show_zxcvbn;
  gboolean  disable_hibp;             /* no check against breached passwords */
  gboolean  enforce_hibp_on_sign_in;
} FapiPasswordSettings;

typedef struct
{
  guint     attempt_limit;
  guint     resend_cooldown;          /* seconds */
  guint     code_ttl;                 /* seconds */
  char    **allowed_countries;        /* ISO 3166 region codes, upper case */
  gboolean  dev_routes;
  gboolean  reverification;
  guint     reverification_window;    /* seconds */
  gboolean  rate_limits;
  gboolean  mfa_required;
  gboolean  backup_codes_enabled;
  gboolean  client_trust;             /* new clients confirm a password sign-in */
  gboolean  sms_mfa;                  /* phone_code as a second factor */
  gboolean  password;                 /* password as a first factor */
  gboolean  totp;                     /* authenticator apps as a second factor */
  gboolean  native_api;               /* requests with _is_native are served */
  char     *path_prefix;              /* "" or "/a/b": every route lives under it */
  char     *application_name;         /* the instance's name for itself */
  FapiPasswordSettings password_settings;
} FapiSettings;

typedef struct _FapiServer FapiServer;

struct _FapiServer
{
  SoupServer   *soup;
  sqlite3      *db;
  char         *base_url;
  FapiSettings  settings;
  FapiSettings  initial_settings;
  guchar        jwt_key[32];
  GPtrArray    *outbox;               /* FapiSms */
  GPtrArray    *email_outbox;         /* FapiEmail */
  GPtrArray    *request_log;          /* JsonObject */
  GPtrArray    *faults;               /* FapiFault */
  guint         next_fault_id;
  gboolean      seed_demo;
  GHashTable   *rate_windows;         /* "ip bucket" -> GArray of gint64 (ms) */
  GSocket      *listener;
  GSource      *accept_source;        /* NULL while not accepting */
  guint         accept_retry_id;
  GHashTable   *connections;          /* peer -> FapiConnection, one per open connection */
  guint         sweep_id;
  guint         max_connections;      /* 0 until listening: derived from RLIMIT_NOFILE */
  guint         idle_timeout;         /* seconds */
};

typedef struct
{
  char   *id;
  char   *sign_in_id;
  char   *last_active_session_id;
  char   *last_authentication_strategy;
  char   *token;
  gint64  created_at;
  gint64  updated_at;
} FapiClient;

typedef enum {
  FAPI_TOKEN_NONE,
  FAPI_TOKEN_UNKNOWN,
  FAPI_TOKEN_GONE,
  FAPI_TOKEN_OK,
} FapiTokenState;

typedef struct
{
  FapiServer        *server;
  SoupServerMessage *msg;
  char              *method;          /* after any _method override */
  char             **segments;        /* path split on '/', no empty parts */
  guint              n_segments;
  GHashTable        *query;
  GHashTable        *form;
  FapiTokenState     token_state;
  FapiClient        *client;          /* NULL unless the token names a live client */
  gboolean           token_changed;   /* send the new token */
  gboolean           token_cleared;   /* send a bare "Bearer" */
  guint              status;
  JsonNode          *body;
} FapiRequest;

typedef void (*FapiHandler) (FapiRequest *req);

/* fapi-listener.c: accepting connections, bounded in number and idle time. */
gboolean    fapi_listener_start             (FapiServer     *server,
                                             GSocketAddress *address,
                                             GError        **error);
guint       fapi_listener_get_port          (FapiServer     *server);
void        fapi_listener_stop              (FapiServer     *server);
guint       fapi_listener_default_max_connections (void);

/* fapi-clock.c: the one server clock, real time plus a settable offset,
 * from the epoch to the end of the year 9999. */
#define FAPI_CLOCK_MAX_MS G_GINT64_CONSTANT (253402300799999)

gint64      fapi_clock_now_ms               (void);
void        fapi_clock_advance              (gint64       ms);
void        fapi_clock_set                  (gint64       ms);
void        fapi_clock_reset                (void);

/* fapi-store.c */
gboolean      fapi_store_open               (FapiServer  *server,
                                             const char  *path,
                                             GError     **error);
void          fapi_store_close              (FapiServer  *server);
sqlite3_stmt *fapi_store_query              (FapiServer  *server,
                                             const char  *sql,
                                             const char  *types,
                                             ...);
gboolean      fapi_store_exec               (FapiServer  *server,
                                             const char  *sql,
                                             const char  *types,
                                             ...);
gboolean      fapi_store_step               (sqlite3_stmt *stmt);
char         *fapi_store_dup_text           (sqlite3_stmt *stmt,
                                             int           col);
gint64        fapi_store_int_or             (sqlite3_stmt *stmt,
                                             int           col,
                                             gint64        fallback);
gboolean      fapi_store_is_null            (sqlite3_stmt *stmt,
                                             int           col);
gboolean      fapi_store_begin              (FapiServer  *server);
gboolean      fapi_store_commit             (FapiServer  *server);
gboolean      fapi_store_wipe               (FapiServer  *server);
char         *fapi_store_hash_password      (const char  *password);
gboolean      fapi_store_check_password     (const char  *password,
                                             const char  *hash);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* fapi-util.c */
char       *fapi_new_id                     (const char  *prefix);
char       *fapi_random_string              (const char  *alphabet,
                                             guint        length);
char       *fapi_random_code                (void);
void        fapi_random_bytes               (void        *buf,
                                             gsize        len);
gboolean    fapi_parse_bool                 (const char  *text,
                                             gboolean    *value);
char       *fapi_base64url                  (const guchar *data,
                                             gsize         len);
char       *fapi_sha256                     (const char  *text);
char       *fapi_json_text                  (JsonNode    *node,
                                             gsize       *len);
void        fapi_json_set_nullable_string   (JsonObject  *object,
                                             const char  *member,
                                             const char  *value);
void        fapi_json_set_nullable_int      (JsonObject  *object,
                                             const char  *member,
                                             gint64       value);
GHashTable *fapi_form_parse                 (const char  *text,
                                             gsize        len,
                                             char       **bad_key);
gboolean    fapi_is_test_number             (const char  *e164);
gboolean    fapi_phone_syntax_ok            (const char  *e164);

/* fapi-errors.c */
void        fapi_reply_error                (FapiRequest *req,
                                             guint        status,
                                             const char  *code,
                                             const char  *message,
                                             const char  *long_message,
                                             const char  *param_name);
void        fapi_reply_not_found            (FapiRequest *req,
                                             const char  *what);
JsonNode   *fapi_error_body                 (const char  *code,
                                             const char  *message,
                                             const char  *long_message,
                                             const char  *param_name);

/* fapi-router.c */
FapiServer *fapi_server_new                 (const FapiSettings *settings);
void        fapi_server_process             (FapiServer        *server,
                                             SoupServerMessage *msg);
void        fapi_server_free                (FapiServer  *server);
void        fapi_reply_json                 (FapiRequest *req,
                                             guint        status,
                                             JsonNode    *body);
void        fapi_reply_wrapped              (FapiRequest *req,
                                             JsonNode    *response);
const char *fapi_request_param              (FapiRequest *req,
                                             const char  *name);
gboolean    fapi_request_require            (FapiRequest *req,
                                             const char  *name,
                                             const char **value);
gboolean    fapi_request_bool               (FapiRequest *req,
                                             const char  *name,
                                             gboolean    *is_set,
                                             gboolean    *value);

/* fapi-sms.c */
void        fapi_sms_send                   (FapiServer  *server,
                                             const char  *phone_number,
                                             const char  *code);
void        fapi_sms_clear                  (FapiServer  *server);
void        fapi_sms_free                   (gpointer     data);
void        fapi_handle_dev_sms             (FapiRequest *req);

/* fapi-email.c: the email outbox and the email addresses of a user. */
void        fapi_email_send                 (FapiServer  *server,
                                             const char  *email_address,
                                             const char  *code);
void        fapi_email_clear                (FapiServer  *server);
void        fapi_email_free                 (gpointer     data);
char       *fapi_mask_email                 (const char  *email_address);
gboolean    fapi_is_test_email              (const char  *email_address);
JsonArray  *fapi_client_trust_factors       (FapiServer  *server,
                                             const char  *user_id);
gboolean    fapi_client_trust_known         (FapiServer  *server,
                                             const char  *user_id,
                                             const char  *client_id);
void        fapi_client_trust_add           (FapiServer  *server,
                                             const char  *user_id,
                                             const char  *client_id);
char       *fapi_user_add_email             (FapiServer  *server,
                                             const char  *user_id,
                                             const char  *email_address,
                                             gboolean     verified);
void        fapi_handle_dev_email           (FapiRequest *req);

/* fapi-settings.c: copies of the settings and the path prefix. */
void        fapi_settings_copy              (FapiSettings       *dest,
                                             const FapiSettings *src);
void        fapi_settings_clear             (FapiSettings       *settings);
gboolean    fapi_path_prefix_valid          (const char         *prefix);
const char *fapi_path_strip_prefix          (FapiServer         *server,
                                             const char         *path);
gboolean    fapi_request_is_native          (FapiRequest        *req);

/* fapi-environment.c */
void        fapi_handle_environment         (FapiRequest *req);

/* fapi-client.c: the client, its token and its sessions. */
void        fapi_client_free                (FapiClient  *client);
FapiClient *fapi_client_create              (FapiServer  *server);
void        fapi_client_save                (FapiServer  *server,
                                             FapiClient  *client);
void        fapi_client_rotate_token        (FapiRequest *req);
FapiTokenState fapi_client_resolve          (FapiServer  *server,
                                             const char  *token,
                                             FapiClient **out);
JsonNode   *fapi_client_to_json             (FapiServer  *server,
                                             FapiClient  *client);
char       *fapi_session_create             (FapiRequest *req,
                                             const char  *user_id,
                                             gboolean     second_factor);
char       *fapi_session_insert             (FapiServer  *server,
                                             const char  *client_id,
                                             const char  *user_id,
                                             gint64       created_at,
                                             gint64       second_factor_at,
                                             const char  *user_agent,
                                             const char  *ip_address);
void        fapi_session_revoke             (FapiServer  *server,
                                             const char  *session_id);
char       *fapi_session_current_user       (FapiRequest *req,
                                             char       **session_id);
JsonNode   *fapi_session_json_by_id         (FapiServer  *server,
                                             const char  *session_id);
gboolean    fapi_client_has_active_session  (FapiServer  *server,
                                             FapiClient  *client);
void        fapi_handle_client              (FapiRequest *req);
void        fapi_handle_client_sessions     (FapiRequest *req);
void        fapi_handle_session             (FapiRequest *req);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FapiClient, fapi_client_free)

/* fapi-sessions.c: signed-in devices: the activity of sessions, the
 * user's active sessions and their revocation. */
JsonNode   *fapi_session_activity_json      (const char  *activity_id,
                                             const char  *user_agent,
                                             const char  *ip_address);
void        fapi_session_record_use         (FapiRequest *req);
char       *fapi_session_add_device         (FapiServer  *server,
                                             const char  *user_id,
                                             const char  *user_agent,
                                             const char  *ip_address,
                                             gint64       last_active_at,
                                             char       **token);
void        fapi_handle_me_sessions_active  (FapiRequest *req);
void        fapi_handle_me_session_revoke   (FapiRequest *req);

/* fapi-password.c: the password policy and /v1/me/change_password. */
void        fapi_password_settings_init     (FapiPasswordSettings *settings);
gboolean    fapi_password_settings_parse    (FapiPasswordSettings *settings,
                                             const char           *text,
                                             GError              **error);
gboolean    fapi_password_settings_apply_json (FapiPasswordSettings *settings,
                                               JsonNode             *node,
                                               const char          **code,
                                               char                **bad_name,
                                               char                **message);
JsonObject *fapi_password_settings_to_json  (const FapiPasswordSettings *settings);
gboolean    fapi_password_is_breached       (const char  *password);
guint       fapi_password_strength          (const char  *password,
                                             GPtrArray   *suggestions);
void        fapi_handle_change_password     (FapiRequest *req);

/* fapi-sign-in.c */
JsonNode   *fapi_sign_in_to_json            (FapiServer  *server,
                                             const char  *sign_in_id);
JsonArray  *fapi_second_factors             (FapiServer  *server,
                                             const char  *user_id);
char       *fapi_mask_phone                 (const char  *e164);
void        fapi_handle_sign_ins            (FapiRequest *req);
void        fapi_handle_sign_in             (FapiRequest *req);

/* fapi-user.c: the user. */
JsonNode   *fapi_user_to_json               (FapiServer  *server,
                                             const char  *user_id);
gboolean    fapi_user_two_factor_enabled    (FapiServer  *server,
                                             const char  *user_id);
char       *fapi_user_find_by_identifier    (FapiServer  *server,
                                             const char  *identifier);
char       *fapi_user_create                (FapiServer  *server,
                                             const char  *identifier,
                                             const char  *username,
                                             const char  *password,
                                             GError     **error);
char       *fapi_user_add_phone             (FapiServer  *server,
                                             const char  *user_id,
                                             const char  *phone_number,
                                             gboolean     verified);
void        fapi_user_update_mfa_state      (FapiServer  *server,
                                             const char  *user_id,
                                             gboolean     was_enabled,
                                             char      ***new_codes);
gboolean    fapi_user_totp_check            (FapiServer  *server,
                                             const char  *user_id,
                                             const char  *code);
gboolean    fapi_user_totp_enabled          (FapiServer  *server,
                                             const char  *user_id);
void        fapi_handle_me                  (FapiRequest *req);

/* fapi-phones.c: the user's phone numbers. */
JsonNode   *fapi_phone_to_json              (FapiServer  *server,
                                             sqlite3_stmt *row);
JsonArray  *fapi_phones_of_user             (FapiServer  *server,
                                             const char  *user_id);
gboolean    fapi_phone_country_allowed      (FapiServer  *server,
                                             const char  *e164);
void        fapi_handle_phone_numbers       (FapiRequest *req);
void        fapi_handle_phone_number        (FapiRequest *req);

/* fapi-totp.c: RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) and /v1/me/totp. */
GBytes     *fapi_totp_decode_secret         (const char  *base32);
guint32     fapi_totp_code                  (GBytes      *key,
                                             gint64       counter);
gboolean    fapi_totp_verify                (GBytes      *key,
                                             const char  *code,
                                             gint64       now_ms);
char       *fapi_totp_new_secret            (void);
void        fapi_handle_totp                (FapiRequest *req);

/* fapi-reverification.c: step-up of a session. */
gboolean    fapi_reverification_check       (FapiRequest *req,
                                             const char  *session_id,
                                             const char  *user_id);
void        fapi_handle_session_verify      (FapiRequest *req);

/* fapi-rate-limit.c: per-IP limits on signing in. */
typedef enum {
  FAPI_RATE_SIGN_IN_CREATE,
  FAPI_RATE_ATTEMPT_FIRST_FACTOR,
  FAPI_RATE_ATTEMPT_SECOND_FACTOR,
} FapiRateBucket;

gboolean    fapi_rate_limit_allow           (FapiRequest   *req,
                                             FapiRateBucket bucket);
void        fapi_rate_limit_reset           (FapiServer    *server);

/* fapi-backup-codes.c */
char      **fapi_backup_codes_generate      (FapiServer  *server,
                                             const char  *user_id);
gboolean    fapi_backup_codes_exist         (FapiServer  *server,
                                             const char  *user_id);
gboolean    fapi_backup_codes_consume       (FapiServer  *server,
                                             const char  *user_id,
                                             const char  *code);
gboolean    fapi_backup_codes_usable        (FapiServer  *server,
                                             const char  *user_id);
void        fapi_handle_backup_codes        (FapiRequest *req);

/* fapi-dev.c: test-only routes. */
void        fapi_handle_dev                 (FapiRequest *req);
gboolean    fapi_dev_apply_fault            (FapiServer        *server,
                                             SoupServerMessage *msg,
                                             const char        *method,
                                             const char        *path);
void        fapi_dev_log_language           (FapiServer  *server,
                                             const char  *accept_language);
void        fapi_dev_log_request            (FapiServer  *server,
                                             const char  *method,
                                             const char  *path,
                                             const char  *query,
                                             guint        status);
void        fapi_fault_free                 (gpointer     data);
char       *fapi_seed_demo                  (FapiServer  *server,
                                             char      ***codes);
void        fapi_print_demo                 (const char  *password,
                                             char       **codes);

G_END_DECLS
