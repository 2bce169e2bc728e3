/* mfa-application.c
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


#define G_LOG_DOMAIN "mfa-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-application.h"
#include "mfa-compat.h"
#include "mfa-instance.h"
#include "mfa-window.h"

struct _MfaApplication
{
  AdwApplication parent_instance;

  /* The Frontend API for this run when given on the command line; such a
   * choice is never remembered.
   */
  char *frontend_api;

  /* Started before the first window is built, for that window to take. */
  MfaAccount *early_account;
};

G_DEFINE_FINAL_TYPE (MfaApplication, mfa_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "publishable-key", 'k', 0, G_OPTION_ARG_STRING, NULL,
    N_("Connect to the service of this publishable key for this run"), N_("KEY") },
  { "frontend-api", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Connect to this Frontend API for this run (http:// only on this computer)"), N_("URL") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

MfaApplication *
mfa_application_new (void)
{
  return g_object_new (MFA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * mfa_application_get_frontend_api:
 * @self: a #MfaApplication
 *
 * Returns: (nullable): the Frontend API given on the command line
 */
const char *
mfa_application_get_frontend_api (MfaApplication *self)
{
  g_return_val_if_fail (MFA_IS_APPLICATION (self), NULL);

  return self->frontend_api;
}

/**
 * mfa_application_take_account:
 * @self: a #MfaApplication
 * @frontend_api: the normalized Frontend API a window connects to
 *
 * The account started at start-up, if it is the one on @frontend_api:
 * its keyring lookup and connection began before any window was built.
 *
 * Returns: (transfer full) (nullable): that account, once; else %NULL
 */
MfaAccount *
mfa_application_take_account (MfaApplication *self,
                              const char     *frontend_api)
{
  g_return_val_if_fail (MFA_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (frontend_api != NULL, NULL);

  if (self->early_account == NULL ||
      g_strcmp0 (mfa_account_get_base_url (self->early_account), frontend_api) != 0)
    {
      g_clear_object (&self->early_account);
      return NULL;
    }

  return g_steal_pointer (&self->early_account);
}

/* The service the first window will show: the one given for this run,
 * else the one remembered from the Connect page.
 */
static void
start_early_account (MfaApplication *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *remembered = NULL;
  const char *frontend_api = self->frontend_api;

  if (frontend_api == NULL)
    {
      settings = g_settings_new (APP_ID);
      frontend_api = remembered = mfa_instance_dup_remembered (settings);
    }

  if (frontend_api == NULL)
    return;

  self->early_account = mfa_account_new (frontend_api, NULL, NULL);
  mfa_account_start (self->early_account);
}

/* The one main window, whatever other windows (About, dialogs) are open. */
static MfaWindow *
get_main_window (MfaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (MFA_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static int
mfa_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  MfaApplication *self = MFA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *key = NULL;
  const char *url = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "publishable-key", "&s", &key);
  g_variant_dict_lookup (options, "frontend-api", "&s", &url);

  if (key != NULL && url != NULL)
    {
      g_printerr ("%s\n", _("Give either --publishable-key or --frontend-api, not both"));
      return 1;
    }

  if (key != NULL)
    self->frontend_api = mfa_instance_decode_publishable_key (key, &error);
  else if (url != NULL)
    self->frontend_api = mfa_instance_normalize_frontend_api (url, &error);

  if (error != NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 1;
    }

  /* Already running: the service given here goes to that instance, which
   * asks before switching (or says why it cannot), rather than being lost.
   */
  if (self->frontend_api != NULL)
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return 1;
        }

      if (g_application_get_is_remote (app))
        {
          g_autofree char *host = mfa_instance_get_display_host (self->frontend_api);

          g_action_group_activate_action (G_ACTION_GROUP (app), "switch-service",
                                          g_variant_new_string (self->frontend_api));
          /* Translators: %s is a service's address, such as clerk.example.com. */
          g_print (_("MFA Manager is already running: it asks there whether to switch to %s."), host);
          g_print ("\n");
          return 0;
        }
    }

  return G_APPLICATION_CLASS (mfa_application_parent_class)->handle_local_options (app, options);
}

static void
mfa_application_activate (GApplication *app)
{
  MfaApplication *self = MFA_APPLICATION (app);
  MfaWindow *window;

  window = get_main_window (self);
  if (window == NULL)
    window = mfa_window_new (self, self->frontend_api);

  gtk_window_present (GTK_WINDOW (window));
}

static void
switch_response_cb (GtkWidget  *dialog,
                    const char *response,
                    MfaWindow  *window)
{
  const char *frontend_api = g_object_get_data (G_OBJECT (dialog), "frontend-api");

  if (g_strcmp0 (response, "switch") == 0)
    mfa_window_connect (window, frontend_api);
}

static void
switch_service_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MfaApplication *self = user_data;
  const char *frontend_api = g_variant_get_string (parameter, NULL);
  g_autofree char *normalized = NULL;
  g_autofree char *host = NULL;
  g_autofree char *current_host = NULL;
  const char *current;
  const char *page;
  MfaWindow *window;
  GtkWidget *dialog;

  /* It comes over D-Bus: check it again. */
  normalized = mfa_instance_normalize_frontend_api (frontend_api, NULL);
  if (normalized == NULL)
    return;

  window = get_main_window (self);
  if (window == NULL)
    {
      window = mfa_window_new (self, normalized);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  gtk_window_present (GTK_WINDOW (window));
  current = mfa_window_get_frontend_api (window);
  if (g_strcmp0 (current, normalized) == 0)
    return;

  host = mfa_instance_get_display_host (normalized);
  page = mfa_window_get_page_name (window);

  if (g_strcmp0 (page, "add-phone") == 0 || g_strcmp0 (page, "backup-codes") == 0)
    {
      dialog = mfa_alert_new (_("Cannot Switch Services Now"), NULL);
      mfa_alert_format_body (dialog,
                             /* Translators: %s is a service's address. */
                             _("Finish adding the number or keeping the backup codes first, then open %s again."),
                             host);
      mfa_alert_add_response (dialog, "close", _("_Close"));
      mfa_alert_set_close_response (dialog, "close");
      mfa_alert_present (dialog, GTK_WIDGET (window));
      return;
    }

  dialog = mfa_alert_new (NULL, NULL);
  /* Translators: %s is a service's address, such as clerk.example.com. */
  mfa_alert_format_heading (dialog, _("Switch to %s?"), host);
  if (current != NULL)
    {
      current_host = mfa_instance_get_display_host (current);
      mfa_alert_format_body (dialog,
                             /* Translators: %s is a service's address. */
                             _("MFA Manager is showing %s. Its session stays in the keyring, so you can come back to it without signing in."),
                             current_host);
    }
  mfa_alert_add_responses (dialog,
                           "stay", _("_Stay"),
                           "switch", _("_Switch"),
                           NULL);
  mfa_alert_set_response_appearance (dialog, "switch", ADW_RESPONSE_SUGGESTED);
  mfa_alert_set_default_response (dialog, "switch");
  mfa_alert_set_close_response (dialog, "stay");
  g_object_set_data_full (G_OBJECT (dialog), "frontend-api", g_steal_pointer (&normalized), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (switch_response_cb), window, 0);
  mfa_alert_present (dialog, GTK_WIDGET (window));
}

static char *
get_release_notes (void)
{
  /* The same sentences as the release in the metainfo. */
  return g_markup_printf_escaped ("<p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ul>",
                                  _("The first release:"),
                                  _("Sign in with a password and a code sent by text message, or a backup code"),
                                  _("See, add, verify and remove the numbers that receive sign-in codes, and choose the default"),
                                  _("Make new backup codes and copy, save or print them"),
                                  _("Confirm that it is you before a sensitive change, when the service asks"),
                                  _("In English, German and French"));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MfaApplication *self = user_data;
  static const char *developers[] = { "The MFA Manager authors", NULL };
  GtkWidget *parent = GTK_WIDGET (get_main_window (self));
  g_autofree char *release_notes = get_release_notes ();

  mfa_about_present (parent,
                     "application-name", _("MFA Manager"),
                     "application-icon", APP_ID,
                     "developer-name", _("The MFA Manager authors"),
                     "developers", developers,
                     "version", PACKAGE_VERSION,
                     "release-notes-version", PACKAGE_VERSION,
                     "release-notes", release_notes,
                     "website", PROJECT_URL,
                     "issue-url", PROJECT_URL "/issues",
                     "license-type", GTK_LICENSE_GPL_3_0,
                     "copyright", "© 2026 The MFA Manager authors",
                     /* Translators: put your names here, one per line. */
                     "translator-credits", _("translator-credits"),
                     NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MfaApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows rather than quitting outright, so each one gets to
   * cancel its requests and save its size.
   */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "switch-service", switch_service_action, "s" },
};

static void
mfa_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", "F1", NULL };

  /* Before GTK starts and the window is built: the keyring is read in
   * a thread and the connection opened meanwhile.
   */
  start_early_account (MFA_APPLICATION (app));

  G_APPLICATION_CLASS (mfa_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-shortcuts",
                                         help_accels);
}

/* Quitting closes no window: what waits to be written is written now. */
static void
mfa_application_shutdown (GApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      MfaAccount *account = MFA_IS_WINDOW (l->data) ? mfa_window_get_account (l->data) : NULL;

      if (account != NULL)
        mfa_account_flush (account);
    }

  G_APPLICATION_CLASS (mfa_application_parent_class)->shutdown (app);
}

static void
mfa_application_finalize (GObject *object)
{
  MfaApplication *self = (MfaApplication *)object;

  g_clear_pointer (&self->frontend_api, g_free);
  g_clear_object (&self->early_account);

  G_OBJECT_CLASS (mfa_application_parent_class)->finalize (object);
}

static void
mfa_application_class_init (MfaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mfa_application_finalize;

  app_class->handle_local_options = mfa_application_handle_local_options;
  app_class->activate = mfa_application_activate;
  app_class->startup = mfa_application_startup;
  app_class->shutdown = mfa_application_shutdown;
}

static void
mfa_application_init (MfaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Manage the two-step verification of your account"));
}
