/* mfa-test-utils.c
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

#define G_LOG_DOMAIN "mfa-test-utils"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mfa-test-utils.h"

/**
 * mfa_test_iterate:
 * @milliseconds: how long
 *
 * Runs the main loop for a while, for things that should *not* happen.
 */
void
mfa_test_iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The first argument of a program started by mfa_test_run_child(). */
#define CHILD_OPTION "--mfa-test-child"

/**
 * mfa_test_child_role:
 * @argc: main()'s
 * @argv: main()'s
 *
 * For main(), before g_test_init(): whether this process is a child
 * started by mfa_test_run_child(), which runs outside the test framework.
 * Its own arguments follow at @argv[3].
 *
 * Returns: (nullable): the role it was given, or %NULL in the test itself
 */
const char *
mfa_test_child_role (int    argc,
                     char **argv)
{
  if (argc >= 3 && g_str_equal (argv[1], CHILD_OPTION))
    return argv[2];

  return NULL;
}

/* The file a child's log goes to, named by its parent in the environment. */
#define CHILD_LOG_VARIABLE "MFA_TEST_CHILD_LOG"

static GMutex log_lock;
static FILE *child_log;
static GPtrArray *tolerated;   /* "DOMAIN\nMESSAGE" */

static const char *
field_value (const GLogField *fields,
             gsize            n_fields,
             const char      *key)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, key) && fields[i].length < 0)
        return fields[i].value;
    }

  return NULL;
}

static gboolean
is_tolerated (const char *domain,
              const char *message)
{
  g_autofree char *key = NULL;
  gboolean found = FALSE;

  if (message == NULL)
    return FALSE;

  key = g_strconcat (domain != NULL ? domain : "", "\n", message, NULL);
  g_mutex_lock (&log_lock);
  for (guint i = 0; tolerated != NULL && i < tolerated->len; i++)
    found = found || g_str_equal (g_ptr_array_index (tolerated, i), key);
  g_mutex_unlock (&log_lock);

  return found;
}

/* Drops the messages tolerated; in a child of mfa_test_run_child(), writes
 * every field of every other message on one line of its log (binary
 * fields as they are: a test looks for secrets in the bytes). The rest
 * goes as GLib would write it, which makes warnings fatal where G_DEBUG
 * says so. */
static GLogWriterOutput
test_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (is_tolerated (field_value (fields, n_fields, "GLIB_DOMAIN"),
                    field_value (fields, n_fields, "MESSAGE")))
    return G_LOG_WRITER_HANDLED;

  if (child_log != NULL)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (gsize i = 0; i < n_fields; i++)
        {
          if (fields[i].value == NULL)
            continue;
          g_string_append_printf (line, "%s=", fields[i].key);
          if (fields[i].length < 0)
            g_string_append (line, fields[i].value);
          else
            g_string_append_len (line, fields[i].value, fields[i].length);
          g_string_append_c (line, ' ');
        }
      g_string_append_c (line, '\n');
      g_mutex_lock (&log_lock);
      fwrite (line->str, 1, line->len, child_log);
      fflush (child_log);
      g_mutex_unlock (&log_lock);

      if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0)
        return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* For messages logged with g_log() in a test: GLib asks this whether a
 * fatal one is to abort. */
static gboolean
test_fatal_handler (const char     *log_domain,
                    GLogLevelFlags  log_level,
                    const char     *message,
                    gpointer        user_data)
{
  return !is_tolerated (log_domain, message);
}

static void
install_writer (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      g_log_set_writer_func (test_log_writer, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * mfa_test_tolerate_message:
 * @domain: the log domain, such as "Gdk"
 * @message: the whole message, exactly
 *
 * Neither writes nor makes fatal this one message of a library, which a
 * test cannot avoid: each caller says why next to the call. Called before
 * g_test_init() or from a constructor, it holds for the whole process.
 */
void
mfa_test_tolerate_message (const char *domain,
                           const char *message)
{
  install_writer ();
  g_test_log_set_fatal_handler (test_fatal_handler, NULL);
  g_mutex_lock (&log_lock);
  if (tolerated == NULL)
    tolerated = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (tolerated, g_strconcat (domain, "\n", message, NULL));
  g_mutex_unlock (&log_lock);
}

/**
 * mfa_test_child_log:
 *
 * In a child of mfa_test_run_child(): writes every message logged, at
 * every level and in every field, to the file its parent reads. GLib's
 * test framework plays no part in a child, so the writer sees every
 * message whichever GLib runs it; and a file of its own keeps out what
 * other programs (such as the local server) write to standard error.
 */
void
mfa_test_child_log (void)
{
  const char *path = g_getenv (CHILD_LOG_VARIABLE);

  g_assert_nonnull (path);
  child_log = fopen (path, "a");
  g_assert_nonnull (child_log);
  g_unsetenv (CHILD_LOG_VARIABLE);
  install_writer ();
}

/**
 * mfa_test_run_child:
 * @role: what the child is to do, for its mfa_test_child_role()
 * @args: (nullable) (array zero-terminated=1): its own arguments
 * @child_stdout: (out) (optional): where to put what it wrote on
 *   standard output
 *
 * Runs this program again as a child with every debug message on
 * (`G_MESSAGES_DEBUG=all`) and waits for it. Fails the test when the
 * child fails, with what it wrote.
 *
 * Returns: every message the child logged (mfa_test_child_log())
 */
char *
mfa_test_run_child (const char         *role,
                    const char * const *args,
                    char              **child_stdout)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *log_path = NULL;
  g_autofree char *log = NULL;
  gsize log_len = 0;
  int fd;

  g_assert_no_error (error);
  g_ptr_array_add (argv, g_steal_pointer (&self));
  g_ptr_array_add (argv, g_strdup (CHILD_OPTION));
  g_ptr_array_add (argv, g_strdup (role));
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  fd = g_file_open_tmp ("mfa-child-log.XXXXXX", &log_path, &error);
  g_assert_no_error (error);
  close (fd);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, CHILD_LOG_VARIABLE, log_path, TRUE);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_file_get_contents (log_path, &log, &log_len, &error);
  g_assert_no_error (error);
  g_unlink (log_path);

  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
    {
      /* The end is where it failed. */
      g_error ("the child “%s” failed; the end of its log:\n%s\nand of its standard error:\n%.*s",
               role, log + (log_len > 8192 ? log_len - 8192 : 0),
               (int) MIN (g_bytes_get_size (err), 8192),
               (const char *) g_bytes_get_data (err, NULL) +
               (g_bytes_get_size (err) > 8192 ? g_bytes_get_size (err) - 8192 : 0));
    }

  if (child_stdout != NULL)
    *child_stdout = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));

  return g_steal_pointer (&log);
}

/**
 * mfa_test_result_cb:
 * @object: the source object
 * @result: the result
 * @user_data: a `GAsyncResult **` that is %NULL
 *
 * A #GAsyncReadyCallback that keeps a reference to @result in the slot
 * passed as @user_data, for mfa_test_wait().
 */
void
mfa_test_result_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/**
 * mfa_test_wait:
 * @slot: the slot given to mfa_test_result_cb()
 *
 * Spins the main loop until the call finished, failing the test after 20 s.
 *
 * Returns: (transfer none): the result, still owned by @slot; clear
 *   @slot before the next call
 */
GAsyncResult *
mfa_test_wait (GAsyncResult **slot)
{
  mfa_test_wait_until (*slot != NULL);

  return *slot;
}

/**
 * mfa_test_dev_json:
 * @server: a server started with `--dev-routes`
 * @method: the HTTP method
 * @path: the dev route, such as `/__dev/faults`
 * @body: (nullable): the request body
 * @expected_status: the HTTP status the route must answer
 *
 * Calls a dev route, failing the test unless it answers @expected_status
 * with JSON or nothing.
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL if empty
 */
JsonNode *
mfa_test_dev_json (MfaTestServer *server,
                   const char    *method,
                   const char    *path,
                   const char    *body,
                   guint          expected_status)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  text = mfa_test_server_dev_request (server, method, path, body, &status);
  if (status != expected_status)
    g_error ("%s %s: HTTP %u: %s", method, path, status, text);
  if (text == NULL || *text == '\0')
    return NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * mfa_test_dev:
 * @server: a server started with `--dev-routes`
 * @method: the HTTP method
 * @path: the dev route, such as `/__dev/clock`
 * @body: (nullable): the request body
 *
 * Like mfa_test_dev_json() with 200, for routes whose answer does not
 * matter.
 */
void
mfa_test_dev (MfaTestServer *server,
              const char    *method,
              const char    *path,
              const char    *body)
{
  g_autoptr(JsonNode) node = mfa_test_dev_json (server, method, path, body, 200);
}

/**
 * mfa_test_create_user:
 * @server: a server started with `--dev-routes`
 * @json: the body of `POST /__dev/users`
 *
 * Returns: (transfer full): the new user's id
 */
char *
mfa_test_create_user (MfaTestServer *server,
                      const char    *json)
{
  g_autoptr(JsonNode) root = mfa_test_dev_json (server, "POST", "/__dev/users", json, 200);

  g_assert_nonnull (root);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "user_id"));
}

/**
 * mfa_test_add_fault:
 * @server: a server started with `--dev-routes`
 * @json: the body of `POST /__dev/faults`
 *
 * Makes the server fail the requests that @json describes.
 */
void
mfa_test_add_fault (MfaTestServer *server,
                    const char    *json)
{
  mfa_test_dev (server, "POST", "/__dev/faults", json);
}

/* Test users and their backup codes */

const char * const mfa_test_backup_codes[] = {
  "93t3vd7y", "mn62ifmb", "1l6qfe6n", "tmkxo30a", "606p92t1",
  "8gw4se1c", "egzcn7ck", "wq49whhy", "v7trtflr", "c6izq6dv",
  NULL
};

/**
 * mfa_test_user_json:
 * @user: the user
 *
 * Writes @user as the body of `POST /__dev/users`: every number with its
 * three flags spelt out, and the other members only when set.
 *
 * Returns: (transfer full): the JSON text
 */
char *
mfa_test_user_json (const MfaTestUser *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_assert_nonnull (user->identifier);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, user->identifier);
  if (user->password != NULL)
    {
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, user->password);
    }
  if (user->backup_codes)
    {
      json_builder_set_member_name (builder, "backup_codes");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (user->totp_secret != NULL)
    {
      json_builder_set_member_name (builder, "totp_secret");
      json_builder_add_string_value (builder, user->totp_secret);
    }

  json_builder_set_member_name (builder, "phones");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (user->phones) && user->phones[i].number != NULL; i++)
    {
      const MfaTestPhone *phone = &user->phones[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phone_number");
      json_builder_add_string_value (builder, phone->number);
      json_builder_set_member_name (builder, "verified");
      json_builder_add_boolean_value (builder, phone->state >= MFA_TEST_PHONE_VERIFIED);
      json_builder_set_member_name (builder, "reserved");
      json_builder_add_boolean_value (builder, phone->state >= MFA_TEST_PHONE_RESERVED);
      json_builder_set_member_name (builder, "default");
      json_builder_add_boolean_value (builder, phone->state == MFA_TEST_PHONE_DEFAULT);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * mfa_test_add_user:
 * @server: a server started with `--dev-routes`
 * @user: the user
 * @backup_codes: (out) (optional): the codes the user was given, which
 *   @user must ask for
 *
 * Creates @user on @server.
 *
 * Returns: (transfer full): the new user's id
 */
char *
mfa_test_add_user (MfaTestServer     *server,
                   const MfaTestUser *user,
                   GStrv             *backup_codes)
{
  g_autofree char *json = mfa_test_user_json (user);
  g_autoptr(JsonNode) root = mfa_test_dev_json (server, "POST", "/__dev/users", json, 200);
  JsonObject *answer;
  const char *id;

  g_assert_nonnull (root);
  answer = json_node_get_object (root);
  id = json_object_get_string_member (answer, "user_id");
  g_assert_nonnull (id);

  if (backup_codes != NULL)
    {
      JsonArray *array;
      GStrvBuilder *codes = g_strv_builder_new ();

      g_assert_true (user->backup_codes);
      array = json_object_get_array_member (answer, "backup_codes");
      g_assert_nonnull (array);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (codes, json_array_get_string_element (array, i));
      *backup_codes = g_strv_builder_end (codes);
      g_strv_builder_unref (codes);
    }

  return g_strdup (id);
}

/**
 * mfa_test_numbered_backup_codes:
 * @n_codes: how many
 *
 * A set of codes "code0000", "code0001" … with no id and no date, for
 * more codes than a page or a screen holds.
 *
 * Returns: (transfer full): the codes
 */
MfaBackupCodes *
mfa_test_numbered_backup_codes (guint n_codes)
{
  g_auto(GStrv) codes = g_new0 (char *, n_codes + 1);

  for (guint i = 0; i < n_codes; i++)
    codes[i] = g_strdup_printf ("code%04u", i);

  return mfa_backup_codes_new (NULL, (const char * const *)codes, 0);
}

/**
 * mfa_test_requests:
 * @server: a server started with `--dev-routes`
 * @fields: what each line shows besides the method and the path
 *
 * Reads `GET /__dev/requests`: the /v1 requests the server saw since
 * the last mfa_test_clear_requests(), oldest first.
 *
 * Returns: (transfer full): one "METHOD /path[?QUERY][ STATUS]" line a
 *   request
 */
GStrv
mfa_test_requests (MfaTestServer        *server,
                   MfaTestRequestFields  fields)
{
  g_autoptr(JsonNode) root = mfa_test_dev_json (server, "GET", "/__dev/requests", NULL, 200);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *requests = json_object_get_array_member (json_node_get_object (root), "requests");

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%s %s",
                              json_object_get_string_member (request, "method"),
                              json_object_get_string_member (request, "path"));
      if (fields & MFA_TEST_REQUEST_QUERY)
        g_string_append_printf (line, "?%s", json_object_get_string_member (request, "query"));
      if (fields & MFA_TEST_REQUEST_STATUS)
        g_string_append_printf (line, " %" G_GINT64_FORMAT,
                                json_object_get_int_member (request, "status"));
      g_strv_builder_add (builder, line->str);
    }

  return g_strv_builder_end (builder);
}

/**
 * mfa_test_request_log:
 * @server: a server started with `--dev-routes`
 *
 * Returns: (transfer full): the lines of mfa_test_requests() without
 *   query or status, each ended by "\n"
 */
char *
mfa_test_request_log (MfaTestServer *server)
{
  g_auto(GStrv) lines = mfa_test_requests (server, MFA_TEST_REQUEST_PATH);
  GString *text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", lines[i]);

  return g_string_free (text, FALSE);
}

/**
 * mfa_test_count_lines_with:
 * @text: lines, such as from mfa_test_request_log()
 * @prefix: what the lines counted start with
 *
 * Returns: how many lines of @text start with @prefix
 */
guint
mfa_test_count_lines_with (const char *text,
                           const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;

  return n;
}

/**
 * mfa_test_count_requests:
 * @server: a server started with `--dev-routes`
 * @prefix: the start of the "METHOD path" line, such as "POST /v1/me/"
 *
 * Returns: how many requests since the last clear match @prefix
 */
guint
mfa_test_count_requests (MfaTestServer *server,
                         const char    *prefix)
{
  g_autofree char *log = mfa_test_request_log (server);

  return mfa_test_count_lines_with (log, prefix);
}

/**
 * mfa_test_clear_requests:
 * @server: a server started with `--dev-routes`
 *
 * Empties the server's request log (`DELETE /__dev/requests`).
 */
void
mfa_test_clear_requests (MfaTestServer *server)
{
  mfa_test_dev (server, "DELETE", "/__dev/requests", NULL);
}

/**
 * mfa_test_sign_in:
 * @server: the server
 * @client: a client without a session
 * @identifier: the account's identifier
 * @password: its password
 * @sms_phone: (nullable): the number the second-factor code must go to,
 *   or %NULL for whichever the server sent last
 *
 * Signs in through #MfaClient as the app does: password, then, when the
 * account asks for it, an SMS code to its default phone read from the
 * server's outbox.
 */
void
mfa_test_sign_in (MfaTestServer *server,
                  MfaClient     *client,
                  const char    *identifier,
                  const char    *password,
                  const char    *sms_phone)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  mfa_client_sign_in_async (client, identifier, password, NULL, mfa_test_result_cb, &result);
  sign_in = mfa_client_sign_in_finish (client, mfa_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  if (mfa_sign_in_get_status (sign_in) == MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR)
    {
      GListModel *factors = mfa_sign_in_get_second_factors (sign_in);
      g_autofree char *id = g_strdup (mfa_sign_in_get_id (sign_in));
      g_autofree char *phone_id = NULL;
      g_autofree char *code = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (factors); i++)
        {
          g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

          if (g_strcmp0 (mfa_factor_get_strategy (factor), "phone_code") == 0 &&
              mfa_factor_get_default (factor))
            {
              g_free (phone_id);
              phone_id = g_strdup (mfa_factor_get_phone_number_id (factor));
            }
        }
      g_assert_nonnull (phone_id);

      g_clear_object (&sign_in);
      mfa_client_prepare_second_factor_async (client, id, phone_id, NULL, mfa_test_result_cb, &result);
      sign_in = mfa_client_prepare_second_factor_finish (client, mfa_test_wait (&result), &error);
      g_assert_no_error (error);
      g_clear_object (&result);

      if (sms_phone != NULL)
        {
          code = mfa_test_server_last_sms_code (server, sms_phone);
        }
      else
        {
          /* The code just sent is the newest message in the outbox. */
          g_autoptr(JsonNode) root = mfa_test_dev_json (server, "GET", "/__dev/sms", NULL, 200);
          JsonArray *messages = json_object_get_array_member (json_node_get_object (root), "messages");
          guint n = json_array_get_length (messages);

          g_assert_cmpuint (n, >, 0);
          code = g_strdup (json_object_get_string_member (json_array_get_object_element (messages, n - 1),
                                                          "code"));
        }
      g_assert_nonnull (code);

      g_clear_object (&sign_in);
      mfa_client_attempt_second_factor_async (client, id, "phone_code", code, NULL,
                                              mfa_test_result_cb, &result);
      sign_in = mfa_client_attempt_second_factor_finish (client, mfa_test_wait (&result), &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (mfa_sign_in_get_status (sign_in), ==, MFA_SIGN_IN_STATUS_COMPLETE);
  g_assert_nonnull (mfa_client_get_session_id (client));
  g_assert_cmpstr (mfa_sign_in_get_created_session_id (sign_in), ==, mfa_client_get_session_id (client));
  g_assert_nonnull (mfa_client_get_user (client));
}

/**
 * mfa_test_signed_in_client:
 * @server: the server
 * @identifier: the account's identifier
 * @password: its password
 *
 * A new #MfaClient signed in with mfa_test_sign_in().
 *
 * Returns: (transfer full): a client with a session and a user
 */
MfaClient *
mfa_test_signed_in_client (MfaTestServer *server,
                           const char    *identifier,
                           const char    *password)
{
  g_autoptr(MfaClient) client = mfa_client_new (mfa_test_server_get_base_url (server));

  mfa_test_sign_in (server, client, identifier, password, NULL);

  return g_steal_pointer (&client);
}

/**
 * mfa_test_signed_in_account:
 * @identifier: (nullable): who signs in, or %NULL for nobody
 * @clock: (nullable): the clock the account's countdowns read
 *
 * An account on @server as a view gets it, whose client has signed in as
 * @identifier. It is not started: what the service answers changes the
 * client's model, not the account's state, so a view is tested on its
 * own. Its token goes to the test's keyring.
 */
MfaAccount *
mfa_test_signed_in_account (MfaTestServer *server,
                            const char    *identifier,
                            const char    *password,
                            MfaClock      *clock)
{
  g_autoptr(MfaAccount) account = mfa_account_new (mfa_test_server_get_base_url (server),
                                                   NULL, clock);

  if (identifier != NULL)
    mfa_test_sign_in (server, mfa_account_get_client (account), identifier, password, NULL);

  return g_steal_pointer (&account);
}

/**
 * mfa_test_started_account:
 * @clock: (nullable): the clock the account's countdowns read
 *
 * An account on @server as the app has it: started, it finds no session
 * in the keyring; then it signs in as @identifier and follows the
 * service from then on (offline when it stops answering).
 */
MfaAccount *
mfa_test_started_account (MfaTestServer *server,
                          const char    *identifier,
                          const char    *password,
                          MfaClock      *clock)
{
  g_autoptr(MfaAccount) account = mfa_account_new (mfa_test_server_get_base_url (server),
                                                   NULL, clock);

  mfa_account_start (account);
  mfa_test_wait_until (mfa_account_get_state (account) == MFA_ACCOUNT_STATE_SIGNED_OUT);
  mfa_test_sign_in (server, mfa_account_get_client (account), identifier, password, NULL);
  g_assert_cmpint (mfa_account_get_state (account), ==, MFA_ACCOUNT_STATE_SIGNED_IN);

  return g_steal_pointer (&account);
}

/**
 * mfa_test_finalize_account:
 *
 * Waits for what the account still writes to the keyring, then checks
 * that nothing else holds it.
 */
void
mfa_test_finalize_account (MfaAccount *account)
{
  mfa_test_wait_until (G_OBJECT (account)->ref_count == 1);
  g_assert_finalize_object (account);
}

TestClient *
test_client_new (MfaTestServer *server)
{
  TestClient *client = g_new0 (TestClient, 1);

  client->server = server;
  client->session = soup_session_new_with_options ("timeout", 30, NULL);
  return client;
}

void
test_client_free (TestClient *client)
{
  g_clear_object (&client->session);
  g_free (client->token);
  g_free (client);
}

void
reply_free (Reply *reply)
{
  g_free (reply->authorization);
  g_free (reply->retry_after);
  g_free (reply->body);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

Reply *
test_call_raw (TestClient *client,
               const char *method,
               const char *path,
               const char *content_type,
               const char *body,
               gsize       len,
               const char *authorization)
{
  g_autofree char *url = g_strconcat (mfa_test_server_get_base_url (client->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers;
  Reply *reply = g_new0 (Reply, 1);
  const char *value;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (authorization != NULL)
    soup_message_headers_append (headers, "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, len);

      soup_message_set_request_body_from_bytes (msg, content_type, request);
    }

  bytes = soup_session_send_and_read (client->session, msg, NULL, &error);
  g_assert_no_error (error);

  reply->status = soup_message_get_status (msg);
  reply->body = g_bytes_get_size (bytes) > 0
                ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                : g_strdup ("");
  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Authorization");
  reply->authorization = g_strdup (value);
  reply->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                               "Retry-After"));
  if (json_parser_load_from_data (parser, reply->body, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    reply->root = json_node_copy (json_parser_get_root (parser));

  /* The client-side token rule of the native SDKs. */
  if (value != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      g_free (client->token);
      client->token = NULL;
      if (*trimmed != '\0' && g_ascii_strcasecmp (trimmed, "Bearer") != 0)
        client->token = g_steal_pointer (&trimmed);
    }

  return reply;
}

/**
 * test_call:
 * @path: the path and query; "_is_native=1" is added
 * @...: form fields as name, value pairs, then %NULL
 */
Reply *
test_call (TestClient *client,
           const char *method,
           const char *path,
           ...)
{
  Reply *reply;
  va_list args;

  va_start (args, path);
  reply = test_call_valist (client, method, path, args);
  va_end (args);
  return reply;
}

Reply *
test_call_valist (TestClient *client,
                  const char *method,
                  const char *path,
                  va_list     args)
{
  g_autofree char *form = NULL;
  g_autofree char *full = NULL;

  form = soup_form_encode_valist (va_arg (args, const char *), args);
  full = g_strconcat (path, strchr (path, '?') != NULL ? "&" : "?", "_is_native=1", NULL);
  return test_call_raw (client, method, full, "application/x-www-form-urlencoded",
                        form, strlen (form), client->token);
}

/* "response.client.sessions.0.id" */
JsonNode *
jget (JsonNode   *root,
      const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);
          JsonArray *array = json_node_get_array (node);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

const char *
jstr (JsonNode   *root,
      const char *path)
{
  JsonNode *node = jget (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
jint (JsonNode   *root,
      const char *path)
{
  JsonNode *node = jget (root, path);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

gboolean
jbool (JsonNode   *root,
       const char *path)
{
  JsonNode *node = jget (root, path);

  if (node == NULL)
    g_error ("no member %s", path);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
  return json_node_get_boolean (node);
}

gboolean
jnull (JsonNode   *root,
       const char *path)
{
  JsonNode *node = jget (root, path);

  if (node == NULL)
    g_error ("no member %s", path);
  return JSON_NODE_HOLDS_NULL (node);
}

guint
jlen (JsonNode   *root,
      const char *path)
{
  JsonNode *node = jget (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    g_error ("%s is not an array", path);
  return json_array_get_length (json_node_get_array (node));
}

/* The phone object with this number in the piggybacked client's current user. */
JsonObject *
jphone (JsonNode   *root,
        const char *phone_number)
{
  JsonNode *sessions = jget (root, "client.sessions");
  const char *current = jstr (root, "client.last_active_session_id");

  g_assert_nonnull (sessions);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (sessions)); i++)
    {
      JsonObject *session = json_array_get_object_element (json_node_get_array (sessions), i);
      JsonArray *phones;

      if (g_strcmp0 (json_object_get_string_member (session, "id"), current) != 0)
        continue;
      phones = json_object_get_array_member (json_object_get_object_member (session, "user"),
                                             "phone_numbers");
      for (guint j = 0; j < json_array_get_length (phones); j++)
        {
          JsonObject *phone = json_array_get_object_element (phones, j);

          if (g_strcmp0 (json_object_get_string_member (phone, "phone_number"), phone_number) == 0)
            return phone;
        }
    }
  return NULL;
}

void
assert_error (Reply      *reply,
              guint       status,
              const char *code)
{
  if (reply->status != status || g_strcmp0 (jstr (reply->root, "errors.0.code"), code) != 0)
    g_error ("expected %u %s, got %u %s", status, code, reply->status, reply->body);
  g_assert_nonnull (jstr (reply->root, "errors.0.message"));
  g_assert_nonnull (jstr (reply->root, "errors.0.long_message"));
}

/* A complete sign-in over HTTP, with the SMS second factor when the
 * account has one. */
void
test_client_sign_in (TestClient *client,
                     const char *identifier,
                     const char *password)
{
  g_autoptr(Reply) reply = NULL;
  g_autofree char *sign_in_id = NULL;

  reply = test_call (client, "POST", "/v1/client/sign_ins",
                     "identifier", identifier, "strategy", "password", "password", password, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  sign_in_id = g_strdup (jstr (reply->root, "response.id"));

  if (g_strcmp0 (jstr (reply->root, "response.status"), "needs_second_factor") == 0)
    {
      g_autofree char *code = NULL;
      g_autofree char *path = g_strdup_printf ("/v1/client/sign_ins/%s/prepare_second_factor",
                                               sign_in_id);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *list = NULL;
      g_autofree char *index = NULL;
      guint n;

      g_clear_pointer (&reply, reply_free);
      reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.strategy"), ==,
                       "phone_code");

      /* The code just sent is the newest message in the outbox. */
      list = mfa_test_server_dev_request (client->server, "GET", "/__dev/sms", NULL, NULL);
      g_assert_true (json_parser_load_from_data (parser, list, -1, NULL));
      n = jlen (json_parser_get_root (parser), "messages");
      g_assert_cmpuint (n, >, 0);
      index = g_strdup_printf ("messages.%u.code", n - 1);
      code = g_strdup (jstr (json_parser_get_root (parser), index));

      g_free (path);
      path = g_strdup_printf ("/v1/client/sign_ins/%s/attempt_second_factor", sign_in_id);
      g_clear_pointer (&reply, reply_free);
      reply = test_call (client, "POST", path, "strategy", "phone_code", "code", code, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
    }

  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_nonnull (client->token);
}

/* Adds a phone and verifies it with the code from the outbox; returns its id. */
char *
add_verified_phone (TestClient *client,
                    const char *phone_number)
{
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;

  reply = test_call (client, "POST", "/v1/me/phone_numbers", "phone_number", phone_number, NULL);
  if (reply->status != 200)
    g_error ("add phone %s: %u %s", phone_number, reply->status, reply->body);
  id = g_strdup (jstr (reply->root, "response.id"));

  path = g_strdup_printf ("/v1/me/phone_numbers/%s/prepare_verification", id);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);

  code = mfa_test_server_last_sms_code (client->server, phone_number);
  g_assert_nonnull (code);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s/attempt_verification", id);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.verification.status"), ==, "verified");

  return g_steal_pointer (&id);
}

gint64
dev_clock_now (MfaTestServer *server)
{
  g_autoptr(JsonNode) node = mfa_test_dev_json (server, "GET", "/__dev/clock", NULL, 200);

  return jint (node, "now_ms");
}

gint64
dev_clock_advance (MfaTestServer *server,
                   gint64         ms)
{
  g_autofree char *json = g_strdup_printf ("{\"advance_ms\":%" G_GINT64_FORMAT "}", ms);
  g_autoptr(JsonNode) node = mfa_test_dev_json (server, "POST", "/__dev/clock", json, 200);

  return jint (node, "now_ms");
}

gint64
dev_clock_set (MfaTestServer *server,
               gint64         ms)
{
  g_autofree char *json = g_strdup_printf ("{\"set_ms\":%" G_GINT64_FORMAT "}", ms);
  g_autoptr(JsonNode) node = mfa_test_dev_json (server, "POST", "/__dev/clock", json, 200);

  return jint (node, "now_ms");
}

/* RFC 4226 HOTP before the final modulus (the 31-bit dynamic
 * truncation of HMAC-SHA1), so that callers pick the number of digits. */
guint32
test_hotp (const char *base32_secret,
           guint64     counter)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  g_autoptr(GByteArray) key = g_byte_array_new ();
  g_autoptr(GHmac) hmac = NULL;
  guchar message[8];
  guchar digest[20];
  gsize digest_len = sizeof digest;
  guint32 bits = 0;
  int nbits = 0;
  guint offset;

  for (const char *p = base32_secret; *p != '\0' && *p != '='; p++)
    {
      const char *hit = strchr (alphabet, g_ascii_toupper (*p));

      g_assert_nonnull (hit);
      bits = (bits << 5) | (guint32) (hit - alphabet);
      nbits += 5;
      if (nbits >= 8)
        {
          guint8 byte = (bits >> (nbits - 8)) & 0xff;

          g_byte_array_append (key, &byte, 1);
          nbits -= 8;
        }
    }

  for (int i = 7; i >= 0; i--)
    {
      message[i] = counter & 0xff;
      counter >>= 8;
    }
  hmac = g_hmac_new (G_CHECKSUM_SHA1, key->data, key->len);
  g_hmac_update (hmac, message, sizeof message);
  g_hmac_get_digest (hmac, digest, &digest_len);
  offset = digest[19] & 0x0f;
  return ((guint32) (digest[offset] & 0x7f) << 24) | ((guint32) digest[offset + 1] << 16) |
         ((guint32) digest[offset + 2] << 8) | (guint32) digest[offset + 3];
}

/* The six-digit code of @base32_secret at the server's clock. */
char *
test_totp_now (MfaTestServer *server,
               const char    *base32_secret)
{
  gint64 now = dev_clock_now (server);

  return g_strdup_printf ("%06u", test_hotp (base32_secret, now / 30000) % 1000000);
}

/* Files the code under test wrote */

/* The whole of a file that must exist. */
char *
mfa_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The permission bits of a file that must exist. */
guint
mfa_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* How many entries a folder has: no leftovers beside a file written. */
guint
mfa_test_count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* A new private folder, named after @tmpl (as g_dir_make_tmp() takes it). */
char *
mfa_test_make_tmpdir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return path;
}

/* Removes a folder and what it holds; a link is removed, not followed. */
void
mfa_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        mfa_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}
