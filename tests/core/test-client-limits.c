/* test-client-limits.c
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

#define G_LOG_DOMAIN "test-client-limits"

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfa-test-utils.h"
#include "mfa-client.h"

/* How much of an answer the client reads: bodies past
 * MFA_CLIENT_MAX_BODY_SIZE, declared or sent, are refused without being
 * kept, and a body that trickles past the request's deadline ends as a
 * timeout. A SoupServer of the test's own, on loopback, sends the
 * bodies piece by piece, so that it never holds one whole either.
 */

#define MiB (1024 * 1024)

/* What the server sends, chosen by the first segment of the path. */
typedef enum {
  BODY_HUGE_CHUNKED,       /* 10 MiB, no length declared */
  BODY_HUGE_DECLARED,      /* one byte more than the limit declared, none sent */
  BODY_TRICKLE,            /* a byte every 100 ms, for 10 s */
  BODY_LIMIT_CHUNKED,      /* a good answer of exactly the limit */
  BODY_LIMIT_DECLARED,     /* the same, its length declared */
  BODY_OVER_CHUNKED,       /* the same answer with one byte more */
  BODY_SMALL,              /* a good answer of a few bytes */
} BodyKind;

static const struct {
  const char *name;
  BodyKind    kind;
} routes[] = {
  { "huge-chunked", BODY_HUGE_CHUNKED },
  { "huge-declared", BODY_HUGE_DECLARED },
  { "trickle", BODY_TRICKLE },
  { "limit-chunked", BODY_LIMIT_CHUNKED },
  { "limit-declared", BODY_LIMIT_DECLARED },
  { "over-chunked", BODY_OVER_CHUNKED },
  { "small", BODY_SMALL },
};

/* A good environment; padded with spaces inside the object to any length. */
#define ENVIRONMENT_HEAD "{\"auth_config\":{},\"user_settings\":{\"attributes\":{}}," \
                         "\"display_config\":{\"application_name\":\"Padded\"}"
#define ENVIRONMENT_TAIL "}"

#define PIECE_SIZE (64 * 1024)

static SoupServer *server;
static char *base_url;
static char filler[PIECE_SIZE];     /* spaces: the body's bulk, never copied */

/* One body on its way out. */
typedef struct
{
  SoupServerMessage *msg;
  const char        *head;
  gsize              left;          /* bytes of filler still to send */
  gboolean           tail;          /* ENVIRONMENT_TAIL after the filler */
  gboolean           complete;
  guint              trickle_id;
  guint              trickled;
} Sending;

static void
sending_free (gpointer data)
{
  Sending *sending = data;

  g_clear_handle_id (&sending->trickle_id, g_source_remove);
  g_free (sending);
}

/* Appends the next piece, or ends the body; each piece is sent before the
 * next one is made. */
static void
append_piece (SoupServerMessage *msg,
              Sending           *sending)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize n;

  if (sending->left == 0)
    {
      if (sending->tail)
        {
          sending->tail = FALSE;
          soup_message_body_append (body, SOUP_MEMORY_STATIC, ENVIRONMENT_TAIL,
                                    strlen (ENVIRONMENT_TAIL));
        }
      else if (!sending->complete)
        {
          sending->complete = TRUE;
          soup_message_body_complete (body);
        }
      return;
    }

  n = MIN (sending->left, sizeof filler);
  sending->left -= n;
  soup_message_body_append (body, SOUP_MEMORY_STATIC, filler, n);
}

static gboolean
trickle_cb (gpointer user_data)
{
  Sending *sending = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (sending->msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
  soup_server_message_unpause (sending->msg);
  if (++sending->trickled < 100)
    return G_SOURCE_CONTINUE;

  sending->trickle_id = 0;
  soup_message_body_append (body, SOUP_MEMORY_STATIC, ENVIRONMENT_TAIL, strlen (ENVIRONMENT_TAIL));
  soup_message_body_complete (body);
  return G_SOURCE_REMOVE;
}

/* The trickle stops with the message, however it ends. */
static void
finished_cb (SoupServerMessage *msg,
             Sending           *sending)
{
  g_clear_handle_id (&sending->trickle_id, g_source_remove);
}

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize head = strlen (ENVIRONMENT_HEAD);
  gsize tail = strlen (ENVIRONMENT_TAIL);
  Sending *sending;
  int kind = -1;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("/%s/", routes[i].name);

      if (g_str_has_prefix (path, prefix))
        kind = routes[i].kind;
    }
  if (kind < 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  sending = g_new0 (Sending, 1);
  sending->msg = msg;
  g_object_set_data_full (G_OBJECT (msg), "sending", sending, sending_free);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), sending);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (headers, "Content-Type", "application/json");
  /* Taken with an answer that is read; never with one that is refused. */
  soup_message_headers_replace (headers, "Authorization", "Bearer from-the-answer");
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  switch ((BodyKind) kind)
    {
    case BODY_HUGE_CHUNKED:
      sending->left = 10 * MiB;
      break;

    case BODY_HUGE_DECLARED:
      /* Nothing is sent but the headers: a client that waited for the
       * body would wait until its deadline. */
      soup_message_headers_set_content_length (headers, MFA_CLIENT_MAX_BODY_SIZE + 1);
      return;

    case BODY_TRICKLE:
      soup_message_body_append (body, SOUP_MEMORY_STATIC, ENVIRONMENT_HEAD, head);
      sending->trickle_id = g_timeout_add (100, trickle_cb, sending);
      return;

    case BODY_LIMIT_DECLARED:
      soup_message_headers_set_content_length (headers, MFA_CLIENT_MAX_BODY_SIZE);
      G_GNUC_FALLTHROUGH;
    case BODY_LIMIT_CHUNKED:
      sending->left = MFA_CLIENT_MAX_BODY_SIZE - head - tail;
      sending->tail = TRUE;
      break;

    case BODY_OVER_CHUNKED:
      sending->left = MFA_CLIENT_MAX_BODY_SIZE - head - tail + 1;
      sending->tail = TRUE;
      break;

    case BODY_SMALL:
    default:
      sending->tail = TRUE;
      break;
    }

  if (kind != BODY_HUGE_CHUNKED)
    soup_message_body_append (body, SOUP_MEMORY_STATIC, ENVIRONMENT_HEAD, head);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (append_piece), sending);
  append_piece (msg, sending);
}

static MfaClient *
client_for (const char *route)
{
  g_autofree char *url = g_strdup_printf ("%s/%s", base_url, route);

  return mfa_client_new (url);
}

/* GET /v1/environment of @route; the error, or %NULL when it worked. */
static GError *
get_environment (MfaClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  mfa_client_get_environment_async (client, NULL, mfa_test_result_cb, &result);
  if (!mfa_client_get_environment_finish (client, mfa_test_wait (&result), &error))
    g_assert_nonnull (error);
  return error;
}

/* The peak resident memory of this process so far, in KiB. */
static guint64
peak_memory_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 kib;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmHWM:");
  g_assert_nonnull (line);
  kib = g_ascii_strtoull (line + strlen ("\nVmHWM:"), NULL, 10);
  g_assert_cmpuint (kib, >, 0);
  return kib;
}

static void
assert_refused_as_too_large (MfaClient    *client,
                             const GError *error)
{
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (mfa_client_error_get_status (error), ==, 200);
  /* The service did answer; nothing of the answer was taken. */
  g_assert_false (mfa_client_error_is_transport (error));
  g_assert_true (mfa_client_get_reachable (client));
  g_assert_null (mfa_client_get_token (client));
  g_assert_null (mfa_client_get_environment (client));
}

/* First in this binary: the peak it measures is this test's own. */
static void
test_huge_body (void)
{
  g_autoptr(MfaClient) warm = client_for ("small");
  g_autoptr(MfaClient) client = client_for ("huge-chunked");
  g_autoptr(GError) error = NULL;
  guint64 before, after, growth_kib;

  /* Libraries, connections and caches settle on a small answer first. */
  error = get_environment (warm);
  g_assert_no_error (error);
  g_assert_cmpstr (mfa_environment_get_application_name (mfa_client_get_environment (warm)), ==,
                   "Padded");

  before = peak_memory_kib ();
  error = get_environment (client);
  after = peak_memory_kib ();

  assert_refused_as_too_large (client, error);

  growth_kib = after - before;
  g_test_message ("peak memory (VmHWM) before %" G_GUINT64_FORMAT " KiB, after %"
                  G_GUINT64_FORMAT " KiB: %" G_GUINT64_FORMAT " KiB more for a 10 MiB answer "
                  "(limit %u KiB)", before, after, growth_kib, (guint) MFA_CLIENT_MAX_BODY_SIZE / 1024);
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer keeps freed memory in quarantine: the figure says
   * nothing about the client here. */
  g_test_message ("peak memory not compared under AddressSanitizer");
#else
  g_assert_cmpuint (growth_kib, <, MFA_CLIENT_MAX_BODY_SIZE / 1024 + 1024);
#endif
}

static void
test_declared_too_large (void)
{
  g_autoptr(MfaClient) client = client_for ("huge-declared");
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* Waiting for the body would take the whole timeout. */
  mfa_client_set_timeout (client, 10);
  start = g_get_monotonic_time ();
  error = get_environment (client);

  assert_refused_as_too_large (client, error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_trickle_past_deadline (void)
{
  g_autoptr(MfaClient) client = client_for ("trickle");
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  /* Each byte comes well within libsoup's idle timeout; only the
   * deadline of the whole request ends it. */
  mfa_client_set_timeout (client, 1);
  start = g_get_monotonic_time ();
  error = get_environment (client);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_TIMEOUT);
  g_assert_true (mfa_client_error_is_transport (error));
  g_assert_false (mfa_client_get_reachable (client));
  g_assert_null (mfa_client_get_environment (client));
  g_test_message ("timed out after %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
}

static void
test_at_limit (gconstpointer data)
{
  g_autoptr(MfaClient) client = client_for (data);
  g_autoptr(GError) error = NULL;

  error = get_environment (client);

  g_assert_no_error (error);
  g_assert_true (mfa_client_get_reachable (client));
  g_assert_cmpstr (mfa_environment_get_application_name (mfa_client_get_environment (client)), ==,
                   "Padded");
  /* An answer that is read is taken whole, its token too. */
  g_assert_cmpstr (mfa_client_get_token (client), ==, "Bearer from-the-answer");
}

static void
test_one_byte_over (void)
{
  g_autoptr(MfaClient) client = client_for ("over-chunked");
  g_autoptr(GError) error = NULL;

  error = get_environment (client);

  assert_refused_as_too_large (client, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) any_port = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  int status;

  /* Loopback only: no desktop proxy settings (their schema is not in
   * the test's GSETTINGS_SCHEMA_DIR). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  memset (filler, ' ', sizeof filler);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);

  /* A socket of its own on 127.0.0.1, port 0, as the local server listens. */
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  any_port = g_inet_socket_address_new (loopback, 0);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_true (soup_server_listen_socket (server, socket, 0, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  base_url = g_strdup_printf ("http://127.0.0.1:%u",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  g_test_add_func ("/core/client-limits/huge-body", test_huge_body);
  g_test_add_func ("/core/client-limits/declared-too-large", test_declared_too_large);
  g_test_add_func ("/core/client-limits/trickle-past-deadline", test_trickle_past_deadline);
  g_test_add_data_func ("/core/client-limits/at-limit-chunked", "limit-chunked", test_at_limit);
  g_test_add_data_func ("/core/client-limits/at-limit-declared", "limit-declared", test_at_limit);
  g_test_add_func ("/core/client-limits/one-byte-over", test_one_byte_over);

  status = g_test_run ();

  soup_server_disconnect (server);
  g_clear_object (&server);
  g_clear_pointer (&base_url, g_free);
  return status;
}
