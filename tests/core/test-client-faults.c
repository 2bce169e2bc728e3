/* test-client-faults.c
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

#define G_LOG_DOMAIN "test-client-faults"

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "mfa-test-utils.h"
#include "mfa-client.h"

/* Faults the server injects (its /__dev/faults route) and the transport
 * failures around it: each gives its own error, and the model stays as
 * it was. */

static MfaTestServer *server;
static guint n_users;

typedef struct
{
  const char     *name;
  const char     *fault;
  MfaClientError  code;
  guint           status;
  gint64          retry_after;
} Fault;

static const Fault faults[] = {
  { "status-500", "{\"path\":\"/v1/me\",\"kind\":\"status\",\"status\":500}",
    MFA_CLIENT_ERROR_SERVER, 500, -1 },
  { "status-503", "{\"path\":\"/v1/me\",\"kind\":\"status\",\"status\":503}",
    MFA_CLIENT_ERROR_SERVER, 503, -1 },
  { "status-429", "{\"path\":\"/v1/me\",\"kind\":\"status\",\"status\":429}",
    MFA_CLIENT_ERROR_RATE_LIMITED, 429, 1 },
  { "drop", "{\"path\":\"/v1/me\",\"kind\":\"drop\"}",
    MFA_CLIENT_ERROR_NETWORK, 0, -1 },
  { "malformed", "{\"path\":\"/v1/me\",\"kind\":\"malformed\"}",
    MFA_CLIENT_ERROR_BAD_RESPONSE, 0, -1 },
  { "truncate", "{\"path\":\"/v1/me\",\"kind\":\"truncate\"}",
    MFA_CLIENT_ERROR_BAD_RESPONSE, 0, -1 },
  { "latency", "{\"path\":\"/v1/me\",\"kind\":\"latency\",\"latency_ms\":2500}",
    MFA_CLIENT_ERROR_TIMEOUT, 0, -1 },
};

typedef struct
{
  GPtrArray *phones;
  gboolean   two_factor;
  guint      changed;
  guint      notifies;
} Before;

/* One handler per signature: "notify" passes the property, "changed"
 * nothing, "items-changed" where and how many. */
static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
items_changed_count_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static MfaClient *
signed_in_client (const char *identifier)
{
  MfaClient *client = mfa_client_new (mfa_test_server_get_base_url (server));
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  static const char * const areas[] = {
    "201", "202", "203", "205", "206", "207", "208", "209", "210", "212", "213", "214",
  };
  const char *area;

  g_assert_cmpuint (n_users, <, G_N_ELEMENTS (areas));
  area = areas[n_users++];
  body = g_strdup_printf ("{\"identifier\":\"%s\",\"password\":\"" MFA_TEST_PASSWORD "\","
                          "\"phones\":["
                          "{\"phone_number\":\"+1%s5550101\",\"verified\":true,\"reserved\":true,\"default\":true},"
                          "{\"phone_number\":\"+1%s5550103\",\"verified\":true},"
                          "{\"phone_number\":\"+1%s5550104\",\"verified\":false}]}",
                          identifier, area, area, area);
  id = mfa_test_create_user (server, body);
  {
    g_autofree char *sms = g_strdup_printf ("+1%s5550101", area);

    mfa_test_sign_in (server, client, identifier, MFA_TEST_PASSWORD, sms);
  }
  return client;
}

static void
watch (MfaClient *client,
       Before    *before)
{
  MfaUser *user = mfa_client_get_user (client);
  GListModel *list = mfa_user_get_phone_numbers (user);

  before->phones = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      MfaPhoneNumber *phone = g_list_model_get_item (list, i);

      g_ptr_array_add (before->phones, phone);
      g_signal_connect (phone, "notify", G_CALLBACK (notify_count_cb), &before->notifies);
    }
  before->two_factor = mfa_user_get_two_factor_enabled (user);
  g_signal_connect (user, "changed", G_CALLBACK (count_cb), &before->changed);
  g_signal_connect (user, "notify", G_CALLBACK (notify_count_cb), &before->notifies);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_count_cb), &before->notifies);
}

static void
assert_unchanged (MfaClient *client,
                  MfaUser   *user,
                  Before    *before)
{
  GListModel *list;

  g_assert_true (mfa_client_get_user (client) == user);
  list = mfa_user_get_phone_numbers (user);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, before->phones->len);
  for (guint i = 0; i < before->phones->len; i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (list, i);

      g_assert_true (phone == g_ptr_array_index (before->phones, i));
    }
  g_assert_cmpint (mfa_user_get_two_factor_enabled (user), ==, before->two_factor);
  g_assert_cmpuint (before->changed, ==, 0);
  g_assert_cmpuint (before->notifies, ==, 0);
  g_ptr_array_unref (before->phones);
}

static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autofree char *identifier = g_strdup_printf ("fault-%s@example.com", fault->name);
  g_autoptr(MfaClient) client = signed_in_client (identifier);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaUser) me = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) cleared = NULL;
  g_autofree char *token = g_strdup (mfa_client_get_token (client));
  g_autofree char *session_id = g_strdup (mfa_client_get_session_id (client));
  MfaUser *user = mfa_client_get_user (client);
  Before before = { NULL, };
  gint64 start;

  watch (client, &before);
  /* Lowered for the test; the default is 30 s. */
  g_assert_cmpuint (mfa_client_get_timeout (client), ==, 30);
  mfa_client_set_timeout (client, 1);

  mfa_test_add_fault (server, fault->fault);
  start = g_get_monotonic_time ();
  mfa_client_get_me_async (client, NULL, mfa_test_result_cb, &result);
  me = mfa_client_get_me_finish (client, mfa_test_wait (&result), &error);
  cleared = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);

  g_assert_null (me);
  g_assert_error (error, MFA_CLIENT_ERROR, (int) fault->code);
  g_assert_cmpuint (mfa_client_error_get_status (error), ==, fault->status);
  g_assert_cmpint (mfa_client_error_get_retry_after (error), ==, fault->retry_after);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s: %s", fault->name, error->message);
  if (fault->code == MFA_CLIENT_ERROR_TIMEOUT)
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2400 * 1000);
  if (fault->status >= 500)
    g_assert_cmpstr (mfa_client_error_get_clerk_code (error), ==, "internal_clerk_error");

  assert_unchanged (client, user, &before);
  /* Reachable means "it answered", whatever the answer. */
  g_assert_cmpint (mfa_client_get_reachable (client), ==, !mfa_client_error_is_transport (error));
  g_assert_cmpstr (mfa_client_get_token (client), ==, token);
  g_assert_cmpstr (mfa_client_get_session_id (client), ==, session_id);

  /* Once the fault is gone the same client works again. */
  g_clear_object (&result);
  g_clear_error (&error);
  mfa_client_get_me_async (client, NULL, mfa_test_result_cb, &result);
  me = mfa_client_get_me_finish (client, mfa_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (me == user);
  g_assert_true (mfa_client_get_reachable (client));
}

static void
test_connection_refused (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and has nobody listening now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = mfa_client_new (url);
  mfa_client_refresh_async (client, NULL, mfa_test_result_cb, &result);
  g_assert_false (mfa_client_refresh_finish (client, mfa_test_wait (&result), &error));
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_CONNECTION_REFUSED);
  g_assert_true (mfa_client_error_is_transport (error));
  g_assert_cmpuint (mfa_client_error_get_status (error), ==, 0);
  g_assert_null (mfa_client_get_token (client));
  g_assert_false (mfa_client_get_reachable (client));
}

/* A throwaway self-signed certificate and key, for the one fault the
 * plain-HTTP server cannot produce: a certificate nobody trusts. */
static const char test_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDGTCCAgGgAwIBAgIULnKXUaxcS3TciuBp9Qvrw2oSmdUwDQYJKoZIhvcNAQEL\n"
  "BQAwGzEZMBcGA1UEAwwQbWZhLXRlc3QuaW52YWxpZDAgFw0yNjExMjgwMzQxNDla\n"
  "GA8yMTI2MTEwNDAzNDE0OVowGzEZMBcGA1UEAwwQbWZhLXRlc3QuaW52YWxpZDCC\n"
  "ASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKRho1VXupbgtTl7kQYFJ/MY\n"
  "mRlT4c1Stcp6W7IEe/HL2BrBoTjzVeLTwqFW3BT4ptfsangz8cUMsNM6mpipsqG7\n"
  "AyrBIKDrFNI28nYKHNluD5FuEKiqRo4ck67QZ9TmpqiQXbaR801jJbS8TZXdtihI\n"
  "BWs93yK9guqMV7tA3F4v8qUGi59OQQc7W2+tVDRI/Y68fkNy+kREuODEw7xER2IK\n"
  "J0rimoznpscl637U4+dS0xPm6z9Lu+EMbjql/GOyZN7Uqdao+Xi5Dplj19zu2007\n"
  "Kbibxt6DkAzEjVZs4CjTxan53G8KhzX+7uRK+dwcZEvPELe8J0wW8N4II6HfVl8C\n"
  "AwEAAaNTMFEwHQYDVR0OBBYEFCHj5ExlW89+XCKI/lIo6e8KqwFHMB8GA1UdIwQY\n"
  "MBaAFCHj5ExlW89+XCKI/lIo6e8KqwFHMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZI\n"
  "hvcNAQELBQADggEBAGgJJexjVqWylxoOiS+N9mnVsVb1ypMGfNB+tUJ0kVrOcSsG\n"
  "m1Ag+Pqny3jgn4QVcgyHUvb2gj80senv3NQIAqzn7GFiasXlzAe9Cu3pwjaXx0Bd\n"
  "LNFxlSgm2SqAC3JbvbaADmQenckVrwRjzeay0WWWToWwFGKuJERYi3je1VhZIDj6\n"
  "rmviKJvtZPTmjSdC95lIcWaOmSiq/lUv12Meg6X3DdR3tSH1EXp9ZGXW/8/I1d7d\n"
  "+A/vsq2hm91zbpqQfCwaw6gZmy9PTsyG6d2XYogUwp394j6PQo6g6O7PkR8J/OaS\n"
  "6HqQAUQV4FWcpuCG6m9QL7QA71TgiEsSHVPa/Hk=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCkYaNVV7qW4LU5\n"
  "e5EGBSfzGJkZU+HNUrXKeluyBHvxy9gawaE481Xi08KhVtwU+KbX7Gp4M/HFDLDT\n"
  "OpqYqbKhuwMqwSCg6xTSNvJ2ChzZbg+RbhCoqkaOHJOu0GfU5qaokF22kfNNYyW0\n"
  "vE2V3bYoSAVrPd8ivYLqjFe7QNxeL/KlBoufTkEHO1tvrVQ0SP2OvH5DcvpERLjg\n"
  "xMO8REdiCidK4pqM56bHJet+1OPnUtMT5us/S7vhDG46pfxjsmTe1KnWqPl4uQ6Z\n"
  "Y9fc7ttNOym4m8beg5AMxI1WbOAo08Wp+dxvCoc1/u7kSvncHGRLzxC3vCdMFvDe\n"
  "CCOh31ZfAgMBAAECggEATEUhS8/Qu4C3lVxIBcsOpjSblKze8C2YO8JaGVcLSz2R\n"
  "n5iH/ayqBPzMKZ/rra9Reo4vOGahnxQsV1WxtXPHdlMXPRcu1Hs+xerIxQwcJqZy\n"
  "gr/W6utWoUmRHGOGSbpbSYrycGt3wEhojltwhEDC7B2+peunRK85tyo26qNFnE1U\n"
  "g/5cal+2iMD4gUfflG3/6dVhto5XqtHp/TRn+mJcp7jmxAOp03oEywAgV+5SMyu8\n"
  "tpXGBvBfUUeVlCaWvLLlomZ4mBUi8zuMtXuno2UBeRIJ7Q0SkGdDiFdEYs98Xh3u\n"
  "jfPV46AsTiNaE8hMbB+wkbExfZ/tejt/V2tKrQvIAQKBgQDUnCOiWm20QP42NHQV\n"
  "e5kNkGvGPsxxU0roVh4fXTylccEwGojbG8xzB09a5rn39uTsvQJfPvDQCdzLlb2e\n"
  "g+oSxlmtIgquUx4UP1JjS9zNPP+iTha4u3Ocn7Zx3rF81PB2O8BQ4BtViR2clpxU\n"
  "qTUb0nS2+TXLuRo+rjfD/iTt3wKBgQDF7cmEPKAnrVLBIRael7SuzKIdrz/XDu7/\n"
  "fhHjWrMdk7LJSBrcRnDeteVr0fh8zEeCxooOWkglJGEUkfJx6r81bU7HpTbRPTDV\n"
  "b1kSyA6UPgBerTSTCogBCL8QrJHW6/JKR3pfHIWWtzANenNOwCusAbknTvrqaCTS\n"
  "5QhTCsmngQKBgGNlh+dMHYOq6u4OgcLVYM2NmkU5cLz+csPCFx0UqtiyIN5LWXYO\n"
  "Pfv9C+V0frblj0r6ZlR/CXhJVBc9r0OfalxSrPQbOSEcrLBMlkjj25t8DAsmNMsy\n"
  "n682n8YGlbXFm5G7B4MH8t9/Vf+yDe4qmTCjqHsucS8IH7P0IRAZDczDAoGBAMDo\n"
  "CtnpRKanFNrKZwNXFHCxXOfVoED4exNkSgbupVgUVdI7hoJd3TAS1HGLicYIS0I4\n"
  "QuHOODaLCFtGC6ffhVCLIpcOfSjdnLTI+2WEukDdVPrxkSYmw3tOjPmxV8rC17hx\n"
  "heEhKUpFbH4WdD+yqF3SqCSZo4/GxO0O8FgPUY8BAoGBAJCSZ30oAA4p7te6BM6l\n"
  "lvCgCSdpGyBknDlncy3VcaDCSaQ28GvnYkj5JV+sm5yuSQ0x6xwrf3/ehXZ+wyBa\n"
  "B7MSZQYESzI2B/sL+ILALxUqews1B83Gzrq3qWrwEknFYGN0Z6h6TPzKBiekTWQv\n"
  "CPR+GfFrU1cYo+07HsHCqb3c\n"
  "-----END PRIVATE KEY-----\n";

static void
test_tls_failure (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) tls_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_pem (test_pem, -1, &error);
  g_assert_no_error (error);
  tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen_local (tls_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (tls_server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* Verification stays on: the handshake fails, and it is said so. */
  client = mfa_client_new (url);
  mfa_client_set_timeout (client, 5);
  mfa_client_refresh_async (client, NULL, mfa_test_result_cb, &result);
  g_assert_false (mfa_client_refresh_finish (client, mfa_test_wait (&result), &error));
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_TLS);
  g_assert_true (mfa_client_error_is_transport (error));
}

static void
test_fault_on_mutation (void)
{
  g_autoptr(MfaClient) client = signed_in_client ("fault-patch@example.com");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) cleared = NULL;
  MfaUser *user = mfa_client_get_user (client);
  MfaPhoneNumber *free_phone = NULL;
  GListModel *list = mfa_user_get_phone_numbers (user);
  Before before = { NULL, };

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MfaPhoneNumber) p = g_list_model_get_item (list, i);

      if (mfa_phone_number_get_list (p) == MFA_PHONE_LIST_VERIFIED)
        free_phone = p;
    }
  g_assert_nonnull (free_phone);
  watch (client, &before);

  /* The server did reserve the phone, but its answer is garbage: the
   * model shows none of it until a good answer comes. */
  mfa_test_add_fault (server, "{\"method\":\"PATCH\",\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"malformed\"}");
  mfa_client_set_phone_reserved_async (client, mfa_phone_number_get_id (free_phone), TRUE, NULL,
                                       mfa_test_result_cb, &result);
  phone = mfa_client_set_phone_reserved_finish (client, mfa_test_wait (&result), NULL, &error);
  cleared = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  g_assert_null (phone);
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_false (mfa_phone_number_get_reserved (free_phone));
  assert_unchanged (client, user, &before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Loopback only: no desktop proxy settings (their schema is not in
   * the test's GSETTINGS_SCHEMA_DIR). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/client-faults/%s", faults[i].name);

      g_test_add_data_func (path, &faults[i], test_fault);
    }
  g_test_add_func ("/core/client-faults/mutation-malformed", test_fault_on_mutation);
  g_test_add_func ("/core/client-faults/connection-refused", test_connection_refused);
  g_test_add_func ("/core/client-faults/tls", test_tls_failure);

  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);
  status = g_test_run ();
  mfa_test_server_free (server);
  return status;
}
