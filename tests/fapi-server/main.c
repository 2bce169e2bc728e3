/* main.c
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

#define G_LOG_DOMAIN "mfa-fapi-server"

#include "config.h"

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mfa-phone.h"

#include "fapi-server.h"

/* mfa-fapi-server: a local server speaking Clerk's Frontend API to native
 * clients, for development, tests and the demo. */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_on_off (const char *option,
              const char *text,
              gboolean   *value,
              GError    **error)
{
  if (g_strcmp0 (text, "on") == 0)
    *value = TRUE;
  else if (g_strcmp0 (text, "off") == 0)
    *value = FALSE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s takes on or off, not “%s”", option, text);
      return FALSE;
    }
  return TRUE;
}

void
fapi_print_demo (const char  *password,
                 char       **codes)
{
  g_autofree char *joined = g_strjoinv (" ", codes);

  printf ("demo account: demo@example.com password: %s\n", password);
  printf ("demo backup codes: %s\n", joined);
  fflush (stdout);
}

static char **
parse_countries (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        {
          g_autofree char *upper = g_ascii_strup (parts[i], -1);

          g_strv_builder_add (builder, upper);
        }
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  g_autofree char *bind = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *temp_dir = NULL;
  gboolean seed_demo = FALSE;
  int attempt_limit = 3;
  int resend_cooldown = 30;
  int code_ttl = 600;
  g_autofree char *allowed_countries = NULL;
  gboolean dev_routes = FALSE;
  g_autofree char *reverification = NULL;
  int reverification_window = 600;
  g_autofree char *rate_limits = NULL;
  gboolean mfa_required = FALSE;
  g_autofree char *client_trust = NULL;
  g_autofree char *sms_mfa = NULL;
  g_autofree char *backup_codes = NULL;
  g_autofree char *password_opt = NULL;
  g_autofree char *totp = NULL;
  g_autofree char *native_api = NULL;
  g_autofree char *path_prefix = NULL;
  g_autofree char *application_name = NULL;
  g_autofree char *password_settings = NULL;
  int max_connections = 0;
  int idle_timeout = 75;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on; 0 picks a free one (default)", "N" },
    { "bind", 0, 0, G_OPTION_ARG_STRING, &bind, "Address to bind (default 127.0.0.1)", "ADDR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "SQLite database file (default: a temporary file removed at exit)", "PATH" },
    { "seed-demo", 0, 0, G_OPTION_ARG_NONE, &seed_demo,
      "Create the demo account and print its password and backup codes", NULL },
    { "attempt-limit", 0, 0, G_OPTION_ARG_INT, &attempt_limit,
      "Wrong codes allowed per verification (default 3)", "N" },
    { "resend-cooldown", 0, 0, G_OPTION_ARG_INT, &resend_cooldown,
      "Seconds before a code can be sent again (default 30)", "SECONDS" },
    { "code-ttl", 0, 0, G_OPTION_ARG_INT, &code_ttl,
      "Seconds a code stays valid (default 600)", "SECONDS" },
    { "allowed-countries", 0, 0, G_OPTION_ARG_STRING, &allowed_countries,
      "Regions SMS may go to (default US,CA)", "LIST" },
    { "dev-routes", 0, 0, G_OPTION_ARG_NONE, &dev_routes, "Serve the test-only /__dev routes", NULL },
    { "reverification", 0, 0, G_OPTION_ARG_STRING, &reverification,
      "Reverification gating (default on)", "on|off" },
    { "reverification-window", 0, 0, G_OPTION_ARG_INT, &reverification_window,
      "Seconds a verification counts as fresh (default 600)", "SECONDS" },
    { "rate-limits", 0, 0, G_OPTION_ARG_STRING, &rate_limits,
      "Per-IP rate limits (default on)", "on|off" },
    { "mfa-required", 0, 0, G_OPTION_ARG_NONE, &mfa_required,
      "The instance requires two-step verification (the last method cannot be removed)", NULL },
    { "client-trust", 0, 0, G_OPTION_ARG_STRING, &client_trust,
      "New clients confirm a password sign-in with a code (default off)", "on|off" },
    { "sms-mfa", 0, 0, G_OPTION_ARG_STRING, &sms_mfa,
      "SMS codes as a second factor (default on)", "on|off" },
    { "backup-codes", 0, 0, G_OPTION_ARG_STRING, &backup_codes,
      "Backup codes as a second factor (default on)", "on|off" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password_opt,
      "Passwords as a first factor (default on)", "on|off" },
    { "totp", 0, 0, G_OPTION_ARG_STRING, &totp,
      "Authenticator apps as a second factor (default on)", "on|off" },
    { "native-api", 0, 0, G_OPTION_ARG_STRING, &native_api,
      "Serve requests with _is_native (default on)", "on|off" },
    { "path-prefix", 0, 0, G_OPTION_ARG_STRING, &path_prefix,
      "Serve every route under this path, as behind a proxy (e.g. /__clerk)", "PATH" },
    { "application-name", 0, 0, G_OPTION_ARG_STRING, &application_name,
      "What the instance calls itself (default “" FAPI_DEFAULT_APPLICATION_NAME "”)", "NAME" },
    { "password-settings", 0, 0, G_OPTION_ARG_STRING, &password_settings,
      "The password policy, by Clerk's password_settings names "
      "(e.g. min_length=12,require_numbers=true,disable_hibp=true)", "NAME=VALUE,…" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      "Connections open at once; more wait to be accepted (default: from the open-file limit, at most 1024)",
      "N" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      "Seconds a connection may wait for the client before it is closed (default 75)", "SECONDS" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  FapiSettings settings = { 0, };
  FapiServer *server;
  g_auto(GStrv) countries = NULL;

  context = g_option_context_new ("- local Clerk Frontend API server");
  g_option_context_set_summary (context,
                                "Serves the part of Clerk's Frontend API that native clients use "
                                "for sign-in and SMS two-step verification.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mfa-fapi-server: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      printf ("mfa-fapi-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  settings.attempt_limit = MAX (attempt_limit, 1);
  settings.resend_cooldown = MAX (resend_cooldown, 0);
  settings.code_ttl = MAX (code_ttl, 1);
  settings.dev_routes = dev_routes;
  settings.reverification = TRUE;
  settings.reverification_window = MAX (reverification_window, 0);
  settings.rate_limits = TRUE;
  settings.mfa_required = mfa_required;
  settings.backup_codes_enabled = TRUE;
  settings.client_trust = FALSE;
  settings.sms_mfa = TRUE;
  settings.password = TRUE;
  settings.totp = TRUE;
  settings.native_api = TRUE;
  fapi_password_settings_init (&settings.password_settings);
  if ((reverification != NULL &&
       !parse_on_off ("--reverification", reverification, &settings.reverification, &error)) ||
      (rate_limits != NULL &&
       !parse_on_off ("--rate-limits", rate_limits, &settings.rate_limits, &error)) ||
      (client_trust != NULL &&
       !parse_on_off ("--client-trust", client_trust, &settings.client_trust, &error)) ||
      (sms_mfa != NULL && !parse_on_off ("--sms-mfa", sms_mfa, &settings.sms_mfa, &error)) ||
      (backup_codes != NULL &&
       !parse_on_off ("--backup-codes", backup_codes, &settings.backup_codes_enabled, &error)) ||
      (password_opt != NULL &&
       !parse_on_off ("--password", password_opt, &settings.password, &error)) ||
      (totp != NULL && !parse_on_off ("--totp", totp, &settings.totp, &error)) ||
      (native_api != NULL &&
       !parse_on_off ("--native-api", native_api, &settings.native_api, &error)) ||
      (password_settings != NULL &&
       !fapi_password_settings_parse (&settings.password_settings, password_settings, &error)))
    {
      g_printerr ("mfa-fapi-server: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("mfa-fapi-server: --port must be between 0 and 65535\n");
      return 2;
    }
  if (!fapi_path_prefix_valid (path_prefix))
    {
      g_printerr ("mfa-fapi-server: --path-prefix needs a path such as /__clerk "
                  "(no trailing slash), not “%s”\n", path_prefix);
      return 2;
    }
  if (max_connections < 0 || idle_timeout < 1)
    {
      g_printerr ("mfa-fapi-server: --max-connections must be positive and --idle-timeout at least 1\n");
      return 2;
    }
  countries = parse_countries (allowed_countries != NULL ? allowed_countries : "US,CA");
  settings.allowed_countries = countries;
  settings.path_prefix = path_prefix;
  settings.application_name = application_name;

  if (!mfa_phone_load (&error))
    {
      g_printerr ("mfa-fapi-server: cannot load the phone number helper: %s\n", error->message);
      return 1;
    }

  signal (SIGPIPE, SIG_IGN);
  server = fapi_server_new (&settings);
  server->seed_demo = seed_demo;
  server->max_connections = max_connections;
  server->idle_timeout = idle_timeout;

  if (db_path == NULL)
    {
      temp_dir = g_dir_make_tmp ("mfa-fapi-server-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          g_printerr ("mfa-fapi-server: %s\n", error->message);
          return 1;
        }
      db_path = g_build_filename (temp_dir, "fapi.db", NULL);
    }
  if (!fapi_store_open (server, db_path, &error))
    {
      g_printerr ("mfa-fapi-server: %s\n", error->message);
      return 1;
    }

  address = g_inet_socket_address_new_from_string (bind != NULL ? bind : "127.0.0.1", port);
  if (address == NULL)
    {
      g_printerr ("mfa-fapi-server: --bind needs an IP address, not “%s”\n", bind);
      return 2;
    }
  if (!fapi_listener_start (server, address, &error))
    {
      g_printerr ("mfa-fapi-server: cannot listen: %s\n", error->message);
      return 1;
    }

  {
    g_autofree char *host = g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
    guint bound_port = fapi_listener_get_port (server);

    /* The Frontend API URL, path prefix included. */
    if (strchr (host, ':') != NULL)
      server->base_url = g_strdup_printf ("http://[%s]:%u%s", host, bound_port,
                                          server->settings.path_prefix);
    else
      server->base_url = g_strdup_printf ("http://%s:%u%s", host, bound_port,
                                          server->settings.path_prefix);
  }

  printf ("listening on %s\n", server->base_url);
  fflush (stdout);

  if (seed_demo)
    {
      g_auto(GStrv) codes = NULL;
      g_autofree char *password = fapi_seed_demo (server, &codes);

      fapi_print_demo (password, codes);
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  fapi_server_free (server);

  if (temp_dir != NULL)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (temp_dir);
    }

  return EXIT_SUCCESS;
}
