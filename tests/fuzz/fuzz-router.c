/* fuzz-router.c
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

#define G_LOG_DOMAIN "fuzz-router"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mfa-phone.h"

#include "fapi-server.h"

/* libFuzzer harness for mfa-fapi-server's router and handlers: each input
 * is one HTTP request, handed to the real SoupServer over a socket pair,
 * against the demo account (its password is "fuzz-password") and one
 * signed-in client. The database is put back before every input.
 *
 * Input: "METHOD TARGET" on the first line, header lines up to an empty
 * line, then the body. "@TOKEN@" anywhere stands for the signed-in
 * client's token, "@SESSION@" for its session and "@PHONE@" for the id
 * of the demo's default phone (+12015550123). The answer must be complete HTTP, never a 5xx, and
 * its body, if any, JSON. */

#define FUZZ_PASSWORD "fuzz-password"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static FapiServer *server;
static sqlite3 *pristine;
static char *token;
static char *session_id;
static char *phone_id;

/* Defined by the server's main.c, which is not linked here. */
void
fapi_print_demo (const char  *password,
                 char       **codes)
{
}

static void
copy_database (sqlite3 *to,
               sqlite3 *from)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");

  g_assert (backup != NULL);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_backup_finish (backup), ==, SQLITE_OK);
}

static void
seed (void)
{
  g_auto(GStrv) codes = NULL;
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *user_id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  FapiRequest req = { 0, };

  password = fapi_seed_demo (server, &codes);
  user_id = fapi_user_find_by_identifier (server, "demo@example.com");
  g_assert (user_id != NULL);

  fapi_store_begin (server);
  hash = fapi_store_hash_password (FUZZ_PASSWORD);
  g_assert (fapi_store_exec (server, "UPDATE users SET password_hash = ? WHERE id = ?",
                             "ss", hash, user_id));
  req.server = server;
  req.client = fapi_client_create (server);
  session_id = fapi_session_create (&req, user_id, TRUE);
  token = g_strdup (req.client->token);
  fapi_client_free (req.client);
  fapi_store_commit (server);

  stmt = fapi_store_query (server, "SELECT id FROM phone_numbers WHERE phone_number = ?",
                           "s", "+12015550123");
  g_assert (fapi_store_step (stmt));
  phone_id = fapi_store_dup_text (stmt, 0);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static char *countries[] = { "US", "CA", NULL };
  FapiSettings settings = {
    .attempt_limit = 3,
    .resend_cooldown = 30,
    .code_ttl = 600,
    .allowed_countries = countries,
    .dev_routes = FALSE,
    .reverification = TRUE,
    .reverification_window = 600,
    .rate_limits = FALSE,
    .mfa_required = FALSE,
    .backup_codes_enabled = TRUE,
  };
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (!mfa_phone_load (&error))
    {
      fprintf (stderr, "fuzz-router: %s (set MFA_PHONE_MODULE_DIR)\n", error->message);
      exit (1);
    }

  server = fapi_server_new (&settings);
  server->base_url = g_strdup ("http://127.0.0.1:1");
  if (!fapi_store_open (server, ":memory:", &error))
    g_error ("%s", error->message);
  seed ();

  g_assert_cmpint (sqlite3_open (":memory:", &pristine), ==, SQLITE_OK);
  copy_database (pristine, server->db);
  return 0;
}

static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
is_text (const char *text,
         gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) text[i] < 0x20 && text[i] != '\t')
        return FALSE;
      if ((guchar) text[i] == 0x7f)
        return FALSE;
    }
  return TRUE;
}

/* Headers the harness writes itself: framing and the connection. */
static gboolean
is_own_header (const char *name,
               gsize       len)
{
  static const char * const own[] = {
    "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Upgrade", "TE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      if (strlen (own[i]) == len && g_ascii_strncasecmp (name, own[i], len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Builds an HTTP/1.1 request from the input, or NULL if its first line
 * is not a method and a target. */
static GString *
build_request (const char *input,
               gsize       size)
{
  const char *end = input + size;
  const char *line_end = memchr (input, '\n', size);
  const char *space;
  const char *p;
  GString *request;
  GString *headers = g_string_new (NULL);
  gsize body_len;

  if (line_end == NULL)
    line_end = end;
  space = memchr (input, ' ', line_end - input);
  if (space == NULL || space == input || space - input > 16 || space + 1 == line_end ||
      space[1] != '/')
    goto fail;
  for (p = input; p < space; p++)
    if (!is_token_char (*p))
      goto fail;
  for (p = space + 1; p < line_end; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      goto fail;

  request = g_string_new (NULL);
  g_string_append_len (request, input, line_end - input);
  g_string_append (request, " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");

  p = line_end < end ? line_end + 1 : end;
  while (p < end)
    {
      const char *next = memchr (p, '\n', end - p);
      const char *colon;
      gsize len;

      if (next == NULL)
        next = end;
      len = next - p;
      if (len > 0 && p[len - 1] == '\r')
        len--;
      if (len == 0)
        {
          p = next < end ? next + 1 : end;
          break;
        }
      colon = memchr (p, ':', len);
      if (colon != NULL && colon > p && is_text (p, len))
        {
          const char *q;

          for (q = p; q < colon && is_token_char (*q); q++)
            ;
          if (q == colon && !is_own_header (p, colon - p))
            {
              g_string_append_len (headers, p, len);
              g_string_append (headers, "\r\n");
            }
        }
      p = next < end ? next + 1 : end;
    }

  body_len = end - p;
  g_string_append_printf (request, "Content-Length: %" G_GSIZE_FORMAT "\r\n", body_len);
  g_string_append_len (request, headers->str, headers->len);
  g_string_append (request, "\r\n");
  g_string_append_len (request, p, body_len);
  g_string_free (headers, TRUE);
  return request;

fail:
  g_string_free (headers, TRUE);
  return NULL;
}

typedef struct
{
  GString  *answer;
  gboolean  closed;
} Reader;

static gboolean
read_cb (int          fd,
         GIOCondition condition,
         gpointer     user_data)
{
  Reader *reader = user_data;
  char buf[8192];
  ssize_t n = recv (fd, buf, sizeof buf, MSG_DONTWAIT);

  if (n > 0)
    {
      g_string_append_len (reader->answer, buf, n);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;

  reader->closed = TRUE;
  return G_SOURCE_REMOVE;
}

static void
check_answer (GString *answer)
{
  const char *head_end = strstr (answer->str, "\r\n\r\n");
  const char *body;
  gsize body_len;
  guint status;

  g_assert (head_end != NULL);
  g_assert (g_str_has_prefix (answer->str, "HTTP/1.1 "));
  status = g_ascii_strtoull (answer->str + 9, NULL, 10);
  g_assert_cmpuint (status, >=, 200);
  g_assert_cmpuint (status, <, 500);

  body = head_end + 4;
  body_len = answer->len - (body - answer->str);
  if (body_len > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, body, body_len, &error);
      g_assert_no_error (error);
    }
}

static void
send_request (GString *request)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string ("127.0.0.1", 1);
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new_from_string ("127.0.0.1", 2);
  g_autoptr(GError) error = NULL;
  Reader reader = { g_string_new (NULL), FALSE };
  gsize written = 0;
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  while (written < request->len)
    {
      ssize_t n = send (fds[0], request->str + written, request->len - written, MSG_NOSIGNAL);

      g_assert_cmpint (n, >, 0);
      written += n;
    }

  socket = g_socket_new_from_fd (fds[1], &error);
  g_assert_no_error (error);
  connection = g_socket_connection_factory_create_connection (socket);
  soup_server_accept_iostream (server->soup, G_IO_STREAM (connection), local, remote, &error);
  g_assert_no_error (error);
  g_clear_object (&connection);
  g_clear_object (&socket);

  g_unix_fd_add (fds[0], G_IO_IN | G_IO_HUP | G_IO_ERR, read_cb, &reader);
  while (!reader.closed)
    g_main_context_iteration (NULL, TRUE);
  close (fds[0]);

  check_answer (reader.answer);
  g_string_free (reader.answer, TRUE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GString *input = g_string_new_len ((const char *) data, size);
  GString *request;

  g_string_replace (input, "@TOKEN@", token, 0);
  g_string_replace (input, "@SESSION@", session_id, 0);
  g_string_replace (input, "@PHONE@", phone_id, 0);
  request = build_request (input->str, input->len);
  g_string_free (input, TRUE);
  if (request == NULL)
    return 0;

  copy_database (server->db, pristine);
  fapi_sms_clear (server);
  g_ptr_array_set_size (server->request_log, 0);

  send_request (request);
  g_string_free (request, TRUE);
  return 0;
}
