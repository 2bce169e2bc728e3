/* mfa-test-server.c
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

#define G_LOG_DOMAIN "mfa-test-server"

#include "config.h"

#include "mfa-test-server.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

/* Starts mfa-fapi-server for a test on port 0 with a fresh database,
 * reads its "listening on" line, keeps draining its output in a thread
 * (so SMS lines are kept and the pipe never fills), and stops it by pid. */

struct _MfaTestServer
{
  GStrv         args;          /* extra flags */
  char         *temp_dir;
  char         *db_path;
  char         *base_url;
  guint         port;
  GSubprocess  *process;
  GThread      *reader;
  GMutex        lock;
  GCond         cond;
  GPtrArray    *lines;
  gboolean      eof;
  SoupSession  *session;
};

static const char *
server_path (void)
{
  const char *path = g_getenv ("MFA_FAPI_SERVER");

  if (path == NULL || *path == '\0')
    path = MFA_FAPI_SERVER_BUILD_PATH;
  return path;
}

static gpointer
reader_thread (gpointer data)
{
  MfaTestServer *self = data;
  GInputStream *stdout_pipe = g_subprocess_get_stdout_pipe (self->process);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (stdout_pipe);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL);

      g_mutex_lock (&self->lock);
      if (line == NULL)
        {
          self->eof = TRUE;
          g_cond_broadcast (&self->cond);
          g_mutex_unlock (&self->lock);
          break;
        }
      g_ptr_array_add (self->lines, g_steal_pointer (&line));
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }

  return NULL;
}

/**
 * mfa_test_server_wait_for_line:
 *
 * Waits for a line of the server's output that starts with @prefix and
 * returns it (newly allocated), or %NULL after @timeout_ms or at exit.
 */
char *
mfa_test_server_wait_for_line (MfaTestServer *self,
                               const char    *prefix,
                               guint          timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  char *found = NULL;
  guint next = 0;

  g_mutex_lock (&self->lock);
  while (found == NULL)
    {
      for (; next < self->lines->len; next++)
        {
          const char *line = g_ptr_array_index (self->lines, next);

          if (g_str_has_prefix (line, prefix))
            {
              found = g_strdup (line);
              break;
            }
        }
      if (found != NULL || self->eof)
        break;
      if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
        break;
    }
  g_mutex_unlock (&self->lock);
  return found;
}

/* The server goes when the test process goes, even if the test aborts. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start (MfaTestServer *self)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *url;

  g_ptr_array_add (argv, (gpointer) server_path ());
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, self->db_path);
  for (guint i = 0; self->args != NULL && self->args[i] != NULL; i++)
    g_ptr_array_add (argv, self->args[i]);
  g_ptr_array_add (argv, NULL);

  g_ptr_array_set_size (self->lines, 0);
  self->eof = FALSE;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  if (self->process == NULL)
    g_error ("cannot start %s: %s", server_path (), error->message);
  self->reader = g_thread_new ("mfa-test-server", reader_thread, self);

  line = mfa_test_server_wait_for_line (self, "listening on ", 30000);
  if (line == NULL)
    g_error ("%s did not report its address", server_path ());
  url = line + strlen ("listening on ");
  g_free (self->base_url);
  self->base_url = g_strdup (url);
  {
    g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

    if (uri == NULL || g_uri_get_port (uri) <= 0)
      g_error ("bad server address “%s”", url);
    self->port = g_uri_get_port (uri);
  }
}

static void
stop (MfaTestServer *self)
{
  if (self->process == NULL)
    return;

  /* SIGTERM to this child's pid only, then reap it. */
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, NULL);
  g_thread_join (self->reader);
  self->reader = NULL;
  g_clear_object (&self->process);
}

MfaTestServer *
mfa_test_server_new_argv (const char * const *args)
{
  MfaTestServer *self = g_new0 (MfaTestServer, 1);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->args = g_strdupv ((char **) args);
  self->temp_dir = g_dir_make_tmp ("mfa-test-server-XXXXXX", &error);
  if (self->temp_dir == NULL)
    g_error ("cannot make a temporary directory: %s", error->message);
  self->db_path = g_build_filename (self->temp_dir, "fapi.db", NULL);
  self->session = soup_session_new_with_options ("timeout", 30, NULL);

  start (self);
  return self;
}

/**
 * mfa_test_server_new:
 * @first_arg: (nullable): the first extra server flag, or %NULL
 * @...: more flags, then %NULL
 *
 * Starts a server on 127.0.0.1, port 0, with a fresh database.
 * Aborts the test (g_error) when it cannot.
 */
MfaTestServer *
mfa_test_server_new (const char *first_arg,
                     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return mfa_test_server_new_argv ((const char * const *) args->pdata);
}

const char *
mfa_test_server_get_base_url (MfaTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base_url;
}

guint
mfa_test_server_get_port (MfaTestServer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

const char *
mfa_test_server_get_db_path (MfaTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->db_path;
}

/**
 * mfa_test_server_get_output:
 *
 * Returns: (transfer full): every line the server printed so far.
 */
char **
mfa_test_server_get_output (MfaTestServer *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->lines->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->lines, i));
  g_mutex_unlock (&self->lock);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/* Stops the server and starts it again on the same database (new port). */
void
mfa_test_server_restart (MfaTestServer *self)
{
  g_return_if_fail (self != NULL);
  stop (self);
  start (self);
}

/**
 * mfa_test_server_dev_request:
 * @method: "GET", "POST", "DELETE"…
 * @path: e.g. "/__dev/users" (may carry a query)
 * @json_body: (nullable): a JSON text sent as application/json
 * @status: (out) (optional): the HTTP status
 *
 * Returns: (transfer full): the response body.
 */
char *
mfa_test_server_dev_request (MfaTestServer *self,
                             const char    *method,
                             const char    *path,
                             const char    *json_body,
                             guint         *status)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (msg == NULL)
    g_error ("bad URL %s", url);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  body = soup_session_send_and_read (self->session, msg, NULL, &error);
  if (body == NULL)
    g_error ("%s %s: %s", method, path, error->message);
  if (status != NULL)
    *status = soup_message_get_status (msg);

  len = g_bytes_get_size (body);
  return len > 0 ? g_strndup (g_bytes_get_data (body, NULL), len) : g_strdup ("");
}

/**
 * mfa_test_server_last_sms_code:
 *
 * Returns: (transfer full) (nullable): the newest code sent to @e164.
 */
char *
mfa_test_server_last_sms_code (MfaTestServer *self,
                               const char    *e164)
{
  g_autofree char *escaped = g_uri_escape_string (e164, NULL, TRUE);
  g_autofree char *path = g_strconcat ("/__dev/sms?phone_number=", escaped, NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *messages;
  JsonNode *root;
  guint status = 0;
  guint n;

  text = mfa_test_server_dev_request (self, "GET", path, NULL, &status);
  if (status != 200 || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  messages = json_object_get_array_member (json_node_get_object (root), "messages");
  if (messages == NULL || (n = json_array_get_length (messages)) == 0)
    return NULL;
  return g_strdup (json_object_get_string_member (json_array_get_object_element (messages, n - 1),
                                                  "code"));
}

/**
 * mfa_test_server_last_email_code:
 *
 * Returns: (transfer full) (nullable): the newest code emailed to
 * @email_address (`GET /__dev/email`).
 */
char *
mfa_test_server_last_email_code (MfaTestServer *self,
                                 const char    *email_address)
{
  g_autofree char *escaped = g_uri_escape_string (email_address, NULL, TRUE);
  g_autofree char *path = g_strconcat ("/__dev/email?email_address=", escaped, NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *messages;
  JsonNode *root;
  guint status = 0;
  guint n;

  text = mfa_test_server_dev_request (self, "GET", path, NULL, &status);
  if (status != 200 || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  messages = json_object_get_array_member (json_node_get_object (root), "messages");
  if (messages == NULL || (n = json_array_get_length (messages)) == 0)
    return NULL;
  return g_strdup (json_object_get_string_member (json_array_get_object_element (messages, n - 1),
                                                  "code"));
}

void
mfa_test_server_free (MfaTestServer *self)
{
  if (self == NULL)
    return;

  stop (self);
  if (self->db_path != NULL)
    {
      g_autofree char *wal = g_strconcat (self->db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->db_path, "-shm", NULL);

      g_unlink (self->db_path);
      g_unlink (wal);
      g_unlink (shm);
    }
  if (self->temp_dir != NULL)
    g_rmdir (self->temp_dir);

  g_clear_object (&self->session);
  g_ptr_array_unref (self->lines);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_strfreev (self->args);
  g_free (self->temp_dir);
  g_free (self->db_path);
  g_free (self->base_url);
  g_free (self);
}
