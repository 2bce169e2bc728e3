/* test-protocol.c: addressing, envelope, tokens, sessions and bad input.
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

#define G_LOG_DOMAIN "test-protocol"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"

#define USER_JSON \
  "{\"identifier\":\"ann@example.com\",\"password\":\"correct horse\"," \
  "\"phones\":[{\"phone_number\":\"+12015550111\",\"verified\":true,\"reserved\":true}]," \
  "\"backup_codes\":true}"

static void
test_environment (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new (NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = test_call (client, "GET", "/v1/environment", NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "auth_config.object"), ==, "auth_config");
  g_assert_true (jbool (reply->root, "auth_config.reverification"));
  g_assert_true (jbool (reply->root, "auth_config.single_session_mode"));
  g_assert_true (jbool (reply->root, "user_settings.attributes.phone_number.used_for_second_factor"));
  g_assert_true (jbool (reply->root, "user_settings.attributes.backup_code.enabled"));
  g_assert_nonnull (jget (reply->root, "display_config"));
  /* Bare, not wrapped. */
  g_assert_null (jget (reply->root, "response"));
  g_assert_null (reply->authorization);
}

static void
test_client_bootstrap (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new (NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_id = NULL;

  /* No token: both null, and no token is handed out. */
  reply = test_call (client, "GET", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jnull (reply->root, "response"));
  g_assert_true (jnull (reply->root, "client"));
  g_assert_null (reply->authorization);
  g_clear_pointer (&reply, reply_free);

  /* An empty Authorization value, as the Expo SDK sends at first. */
  reply = test_call_raw (client, "GET", "/v1/client?_is_native=1", NULL, NULL, 0, "");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jnull (reply->root, "client"));
  g_clear_pointer (&reply, reply_free);

  /* PUT creates the client and issues the token in the header. */
  reply = test_call (client, "PUT", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->authorization);
  g_assert_true (g_str_has_prefix (reply->authorization, "Bearer "));
  client_id = g_strdup (jstr (reply->root, "response.id"));
  g_assert_true (g_str_has_prefix (client_id, "client_"));
  g_assert_cmpuint (strlen (client_id), ==, strlen ("client_") + 27);
  g_assert_cmpstr (jstr (reply->root, "client.id"), ==, client_id);
  g_assert_cmpstr (jstr (reply->root, "client.object"), ==, "client");
  g_assert_cmpuint (jlen (reply->root, "client.sessions"), ==, 0);
  g_assert_true (jnull (reply->root, "client.sign_in"));
  g_assert_true (jnull (reply->root, "client.sign_up"));
  g_assert_true (jnull (reply->root, "client.last_active_session_id"));
  g_assert_false (jbool (reply->root, "client.captcha_bypass"));
  g_assert_cmpint (jint (reply->root, "client.created_at"), >, G_GINT64_CONSTANT (1700000000000));
  token = g_strdup (client->token);
  g_clear_pointer (&reply, reply_free);

  /* Signed in or not, GET /v1/client answers with the client in "response". */
  reply = test_call (client, "GET", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, client_id);
  g_assert_true (jnull (reply->root, "client"));
  /* The token is echoed on every response with a client. */
  g_assert_cmpstr (reply->authorization, ==, token);
  g_clear_pointer (&reply, reply_free);

  /* A bare token (no "Bearer ") names the same client. */
  reply = test_call_raw (client, "GET", "/v1/client", NULL, NULL, 0, token + strlen ("Bearer "));
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, client_id);
  g_clear_pointer (&reply, reply_free);

  /* POST with an empty form also creates a (new) client. */
  reply = test_call (client, "POST", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.id"), !=, client_id);
  g_assert_cmpstr (client->token, !=, token);
}

static void
test_client_delete (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *user_id = mfa_test_create_user (server, USER_JSON);
  g_autofree char *old = NULL;

  test_client_sign_in (client, "ann@example.com", "correct horse");
  old = g_strdup (client->token);

  reply = test_call (client, "DELETE", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "client");
  g_assert_true (jnull (reply->root, "client"));
  /* Cleared: a bare "Bearer". */
  g_assert_cmpstr (reply->authorization, ==, "Bearer");
  g_assert_null (client->token);
  g_clear_pointer (&reply, reply_free);

  /* The old token names a client that no longer exists. */
  reply = test_call_raw (client, "GET", "/v1/client?_is_native=1", NULL, NULL, 0, old);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call_raw (client, "GET", "/v1/me?_is_native=1", NULL, NULL, 0, old);
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);

  /* Without any client, deleting answers client_not_found. */
  reply = test_call (client, "DELETE", "/v1/client", NULL);
  assert_error (reply, 400, "client_not_found");
}

static void
test_token_rotation (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *user_id = mfa_test_create_user (server, USER_JSON);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Missing or unknown token on /v1/me. */
  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);
  reply = test_call_raw (client, "GET", "/v1/me?_is_native=1", NULL, NULL, 0, "Bearer nosuchtoken");
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);

  /* The sign-in creates the client and its token... */
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->authorization);
  before = g_strdup (client->token);
  g_clear_pointer (&reply, reply_free);

  /* ...which rotates when the session is created. */
  test_client_sign_in (client, "ann@example.com", "correct horse");
  after = g_strdup (client->token);
  g_assert_cmpstr (before, !=, after);

  reply = test_call_raw (client, "GET", "/v1/client?_is_native=1", NULL, NULL, 0, before);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jnull (reply->root, "response"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, user_id);
  g_assert_cmpstr (reply->authorization, ==, after);
  g_clear_pointer (&reply, reply_free);

  /* Sign-out keeps the client, rotates the token, and /v1/me is signed out. */
  reply = test_call (client, "DELETE", "/v1/client/sessions", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "client");
  g_assert_cmpuint (jlen (reply->root, "response.sessions"), ==, 0);
  g_assert_true (jnull (reply->root, "response.last_active_session_id"));
  g_assert_nonnull (client->token);
  g_assert_cmpstr (client->token, !=, after);
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "signed_out");
}

static gboolean
decode_jwt_part (const char  *part,
                 JsonParser  *parser)
{
  g_autoptr(GString) s = g_string_new (part);
  g_autofree guchar *data = NULL;
  gsize len;

  g_strdelimit (s->str, "-", '+');
  g_strdelimit (s->str, "_", '/');
  while (s->len % 4 != 0)
    g_string_append_c (s, '=');
  data = g_base64_decode (s->str, &len);
  return json_parser_load_from_data (parser, (const char *) data, len, NULL);
}

static void
assert_jwt (const char *jwt,
            const char *session_id,
            const char *user_id)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", -1);
  g_autoptr(JsonParser) header = json_parser_new ();
  g_autoptr(JsonParser) payload = json_parser_new ();

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_true (decode_jwt_part (parts[0], header));
  g_assert_cmpstr (jstr (json_parser_get_root (header), "typ"), ==, "JWT");
  g_assert_true (decode_jwt_part (parts[1], payload));
  g_assert_cmpstr (jstr (json_parser_get_root (payload), "sid"), ==, session_id);
  g_assert_cmpstr (jstr (json_parser_get_root (payload), "sub"), ==, user_id);
  g_assert_cmpint (jint (json_parser_get_root (payload), "exp"), >,
                   jint (json_parser_get_root (payload), "iat"));
  g_assert_cmpuint (jlen (json_parser_get_root (payload), "fva"), ==, 2);
}

static void
test_sessions (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *user_id = mfa_test_create_user (server, USER_JSON);
  g_autofree char *sid = NULL;
  g_autofree char *path = NULL;

  test_client_sign_in (client, "ann@example.com", "correct horse");
  reply = test_call (client, "GET", "/v1/client", NULL);
  sid = g_strdup (jstr (reply->root, "response.last_active_session_id"));
  g_assert_true (g_str_has_prefix (sid, "sess_"));
  g_assert_cmpstr (jstr (reply->root, "response.sessions.0.id"), ==, sid);
  g_assert_cmpstr (jstr (reply->root, "response.sessions.0.status"), ==, "active");
  g_assert_cmpstr (jstr (reply->root, "response.sessions.0.user.id"), ==, user_id);
  g_assert_cmpstr (jstr (reply->root, "response.sessions.0.public_user_data.identifier"), ==,
                   "ann@example.com");
  g_assert_cmpint (jint (reply->root, "response.sessions.0.factor_verification_age.0"), ==, 0);
  g_assert_cmpint (jint (reply->root, "response.sessions.0.factor_verification_age.1"), ==, 0);
  g_assert_true (jnull (reply->root, "response.sign_in"));
  assert_jwt (jstr (reply->root, "response.sessions.0.last_active_token.jwt"), sid, user_id);
  g_clear_pointer (&reply, reply_free);

  /* touch, as setActive() sends it. */
  path = g_strdup_printf ("/v1/client/sessions/%s/touch", sid);
  reply = test_call (client, "POST", path, "active_organization_id", "", "intent", "select_session",
                     NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "session");
  g_assert_cmpstr (jstr (reply->root, "client.last_active_session_id"), ==, sid);
  g_clear_pointer (&reply, reply_free);

  /* tokens: a bare token object. */
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/tokens", sid);
  reply = test_call (client, "POST", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "object"), ==, "token");
  assert_jwt (jstr (reply->root, "jwt"), sid, user_id);
  g_clear_pointer (&reply, reply_free);

  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s", sid);
  reply = test_call (client, "GET", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, sid);
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "GET", "/v1/me/sessions/active", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 1);
  g_clear_pointer (&reply, reply_free);

  /* end: stays in the client as ended; /v1/me is signed out. */
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/end", sid);
  reply = test_call (client, "POST", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "ended");
  g_assert_cmpstr (jstr (reply->root, "client.sessions.0.status"), ==, "ended");
  g_assert_true (jnull (reply->root, "client.last_active_session_id"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "signed_out");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/tokens", sid);
  reply = test_call (client, "POST", path, NULL);
  assert_error (reply, 401, "signed_out");
  g_clear_pointer (&reply, reply_free);

  /* remove: dropped from the client. */
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/remove", sid);
  reply = test_call (client, "POST", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "removed");
  g_assert_cmpuint (jlen (reply->root, "client.sessions"), ==, 0);
  g_clear_pointer (&reply, reply_free);

  /* A removed or unknown session is not found. */
  reply = test_call (client, "POST", path, NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client/sessions/sess_nosuchsession/touch", NULL);
  assert_error (reply, 404, "resource_not_found");
}

static void
test_sign_out_remove (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *user_id = mfa_test_create_user (server, USER_JSON);
  g_autofree char *path = NULL;

  test_client_sign_in (client, "ann@example.com", "correct horse");
  reply = test_call (client, "GET", "/v1/client", NULL);
  path = g_strdup_printf ("/v1/client/sessions/%s/remove",
                          jstr (reply->root, "response.last_active_session_id"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jnull (reply->root, "client.last_active_session_id"));
  g_clear_pointer (&reply, reply_free);

  /* The client and its token stay valid: one can sign in again. */
  reply = test_call (client, "GET", "/v1/client", NULL);
  g_assert_false (jnull (reply->root, "response"));
  g_clear_pointer (&reply, reply_free);
  test_client_sign_in (client, "ann@example.com", "correct horse");
}

/* The same PATCH through each accepted spelling gives the same result. */
static void
test_variants (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server,
    "{\"identifier\":\"ann@example.com\",\"password\":\"correct horse\","
    "\"phones\":[{\"phone_number\":\"+12015550111\",\"verified\":true,\"reserved\":true},"
    "{\"phone_number\":\"+12015550112\",\"verified\":true}]}");
  struct {
    const char *method;
    const char *suffix;       /* appended to the phone path */
    const char *body_method;  /* _method in the body */
    const char *value_on;
    const char *value_off;
  } variants[] = {
    { "PATCH", "", NULL, "true", "false" },
    { "PATCH", "/", NULL, "1", "0" },
    { "POST", "?_method=PATCH", NULL, "true", "false" },
    { "POST", "/?_method=PATCH", NULL, "1", "0" },
    { "POST", "", "PATCH", "True", "FALSE" },
    { "POST", "?_method=patch", NULL, "t", "f" },
  };
  g_autofree char *phone_id = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *reference_on = NULL;
  g_autofree char *reference_off = NULL;

  test_client_sign_in (client, "ann@example.com", "correct horse");
  reply = test_call (client, "GET", "/v1/me", NULL);
  phone_id = g_strdup (jstr (reply->root, "response.phone_numbers.0.id"));
  g_assert_cmpstr (jstr (reply->root, "response.phone_numbers.0.phone_number"), ==, "+12015550112");
  g_clear_pointer (&reply, reply_free);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      for (guint on = 0; on < 2; on++)
        {
          g_autofree char *path = g_strdup_printf ("/v1/me/phone_numbers/%s%s", phone_id,
                                                   variants[i].suffix);
          const char *value = on == 0 ? variants[i].value_on : variants[i].value_off;
          g_autofree char *state = NULL;

          if (variants[i].body_method != NULL)
            reply = test_call (client, variants[i].method, path,
                               "_method", variants[i].body_method,
                               "reserved_for_second_factor", value, NULL);
          else
            reply = test_call (client, variants[i].method, path,
                               "reserved_for_second_factor", value, NULL);
          if (reply->status != 200)
            g_error ("variant %u: %u %s", i, reply->status, reply->body);
          state = g_strdup_printf ("%s reserved=%d default=%d other_default=%d",
                                   jstr (reply->root, "response.id"),
                                   jbool (reply->root, "response.reserved_for_second_factor"),
                                   jbool (reply->root, "response.default_second_factor"),
                                   json_object_get_boolean_member (jphone (reply->root, "+12015550111"),
                                                                   "default_second_factor"));
          if (on == 0 && reference_on == NULL)
            reference_on = g_strdup (state);
          else if (on == 1 && reference_off == NULL)
            reference_off = g_strdup (state);
          g_assert_cmpstr (state, ==, on == 0 ? reference_on : reference_off);
          g_clear_pointer (&reply, reply_free);
        }
    }
  g_assert_cmpstr (reference_on, !=, reference_off);

  /* GET through POST + _method, and _is_native=true with any API version. */
  reply = test_call (client, "POST",
                     "/v1/me?_method=GET&_is_native=true&__clerk_api_version=2026-08-20"
                     "&_clerk_js_version=6.40.0",
                     NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "user");
  g_clear_pointer (&reply, reply_free);

  /* A bare _clerk_session_id (no value) falls back to the current session. */
  reply = test_call (client, "GET", "/v1/me/phone_numbers?_clerk_session_id", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 2);
  g_clear_pointer (&reply, reply_free);

  /* '+' must be sent as %2B: a bare '+' decodes to a space. */
  {
    const char *raw = "phone_number=+12015550113";

    reply = test_call_raw (client, "POST", "/v1/me/phone_numbers?_is_native=1",
                           "application/x-www-form-urlencoded", raw, strlen (raw), client->token);
    assert_error (reply, 422, "form_param_format_invalid");
    g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "phone_number");
    g_clear_pointer (&reply, reply_free);

    raw = "phone_number=%2B12015550113";
    reply = test_call_raw (client, "POST", "/v1/me/phone_numbers/?_is_native=1",
                           "application/x-www-form-urlencoded", raw, strlen (raw), client->token);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (jstr (reply->root, "response.phone_number"), ==, "+12015550113");
  }
}

static void
test_harmless_fields (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server,
    "{\"identifier\":\"bob@example.com\",\"password\":\"pw-bob-123\"}");
  g_autoptr(Reply) reply = NULL;

  reply = test_call (client, "POST", "/v1/client/sign_ins?__clerk_api_version=2026-05-12",
                     "identifier", "bob@example.com", "strategy", "password",
                     "password", "pw-bob-123", "timezone", "Europe/Berlin", "locale", "de-DE",
                     "x_unknown", "1", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

static void
test_bad_input (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, USER_JSON);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *big = g_malloc (70 * 1024);
  const char *raw;

  /* Unknown routes and verbs. */
  reply = test_call (client, "GET", "/v1/nothing/here", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "PATCH", "/v1/environment", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);

  /* Too large. */
  memset (big, 'a', 70 * 1024);
  reply = test_call_raw (client, "POST", "/v1/client/sign_ins", "application/x-www-form-urlencoded",
                         big, 70 * 1024, NULL);
  assert_error (reply, 413, "request_body_too_large");
  g_clear_pointer (&reply, reply_free);

  /* Malformed form: the field is named. */
  raw = "identifier=%zz";
  reply = test_call_raw (client, "POST", "/v1/client/sign_ins", "application/x-www-form-urlencoded",
                         raw, strlen (raw), NULL);
  assert_error (reply, 422, "form_param_format_invalid");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "identifier");
  g_clear_pointer (&reply, reply_free);

  /* Missing field. */
  reply = test_call (client, "POST", "/v1/client/sign_ins", "strategy", "password", NULL);
  assert_error (reply, 422, "form_param_missing");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "identifier");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "nobody@example.com", NULL);
  assert_error (reply, 422, "form_identifier_not_found");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "identifier");
  g_clear_pointer (&reply, reply_free);

  /* Authorization header problems. */
  reply = test_call_raw (client, "GET", "/v1/client", NULL, NULL, 0, "Basic a b");
  assert_error (reply, 401, "authorization_header_format_invalid");
  g_clear_pointer (&reply, reply_free);

  test_client_sign_in (client, "ann@example.com", "correct horse");
  {
    g_autofree char *url = g_strconcat (mfa_test_server_get_base_url (server), "/v1/client", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(GBytes) body = NULL;

    soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                                 client->token);
    soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                                 client->token);
    body = soup_session_send_and_read (client->session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
    g_assert_nonnull (strstr (g_bytes_get_data (body, NULL),
                              "multiple_authorization_header_values_forbidden"));
  }
  {
    g_autofree char *url = g_strconcat (mfa_test_server_get_base_url (server), "/v1/client", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(GBytes) body = NULL;

    soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                                 client->token);
    soup_message_headers_append (soup_message_get_request_headers (msg), "Origin",
                                 "https://example.com");
    body = soup_session_send_and_read (client->session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
    g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "origin_authorization_headers_conflict"));
  }

  /* A bad boolean. */
  reply = test_call (client, "GET", "/v1/me", NULL);
  {
    g_autofree char *path = g_strdup_printf ("/v1/me/phone_numbers/%s",
                                             jstr (reply->root, "response.phone_numbers.0.id"));

    g_clear_pointer (&reply, reply_free);
    reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "maybe", NULL);
    assert_error (reply, 422, "form_param_format_invalid");
    g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==,
                     "reserved_for_second_factor");
  }
  g_clear_pointer (&reply, reply_free);

  /* The dev routes are off unless asked for, except the SMS outbox. */
  {
    g_autoptr(MfaTestServer) plain = mfa_test_server_new (NULL);
    g_autofree char *body = NULL;
    guint status = 0;

    body = mfa_test_server_dev_request (plain, "POST", "/__dev/users", "{}", &status);
    g_assert_cmpuint (status, ==, 404);
    g_free (body);
    body = mfa_test_server_dev_request (plain, "GET", "/__dev/sms", NULL, &status);
    g_assert_cmpuint (status, ==, 200);
  }
}

/* Random and hostile input never brings the server down. */
static void
test_garbage (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  static const char * const paths[] = {
    "/v1/client", "/v1/client/sign_ins", "/v1/client/sign_ins/sia_x/attempt_second_factor",
    "/v1/me/phone_numbers", "/v1/me/phone_numbers/%2500/prepare_verification",
    "/v1/client/sessions/%E2%82/touch", "/v1/me/backup_codes", "/__dev/users", "/__dev/faults",
    "/__dev/settings", "/__dev/clock", "/v1//client///sessions",
  };
  static const char * const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE" };

  for (guint i = 0; i < 200; i++)
    {
      char body[256];
      gsize len = g_rand_int_range (rand, 0, sizeof body);
      g_autoptr(Reply) reply = NULL;

      for (gsize j = 0; j < len; j++)
        body[j] = (char) g_rand_int_range (rand, 1, 256);
      if (i % 3 == 0)
        {
          memcpy (body, "{\"identifier\":[1,{}],\"phones\":7,\"kind\":null}", 44);
          len = MAX (len, 44);
        }
      reply = test_call_raw (client, methods[i % G_N_ELEMENTS (methods)],
                             paths[i % G_N_ELEMENTS (paths)],
                             i % 2 ? "application/json" : "application/x-www-form-urlencoded",
                             body, len, i % 5 == 0 ? "Bearer \x01\x02" : NULL);
      g_assert_cmpuint (reply->status, >=, 200);
      g_assert_cmpuint (reply->status, <, 500);
    }

  {
    g_autoptr(Reply) reply = test_call (client, "GET", "/v1/environment", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/protocol/environment", test_environment);
  g_test_add_func ("/fapi/protocol/client-bootstrap", test_client_bootstrap);
  g_test_add_func ("/fapi/protocol/client-delete", test_client_delete);
  g_test_add_func ("/fapi/protocol/token-rotation", test_token_rotation);
  g_test_add_func ("/fapi/protocol/sessions", test_sessions);
  g_test_add_func ("/fapi/protocol/sign-out-remove", test_sign_out_remove);
  g_test_add_func ("/fapi/protocol/variants", test_variants);
  g_test_add_func ("/fapi/protocol/harmless-fields", test_harmless_fields);
  g_test_add_func ("/fapi/protocol/bad-input", test_bad_input);
  g_test_add_func ("/fapi/protocol/garbage", test_garbage);

  return g_test_run ();
}
