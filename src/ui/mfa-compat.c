/* mfa-compat.c
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

#define G_LOG_DOMAIN "mfa-compat"

#include "config.h"

/* The one file that reaches past the floor (Debian 12: GLib 2.74, GTK
 * 4.8, libadwaita 1.2): what it uses is chosen at compile time, so it
 * builds against the libraries' own version at both ends. Anything they
 * deprecate that it still calls is a warning here.
 */
#undef GLIB_VERSION_MIN_REQUIRED
#undef GLIB_VERSION_MAX_ALLOWED
#undef GDK_VERSION_MIN_REQUIRED
#undef GDK_VERSION_MAX_ALLOWED
#undef ADW_VERSION_MIN_REQUIRED
#undef ADW_VERSION_MAX_ALLOWED

#include "mfa-compat.h"

/* What each stack gets, in one place. */
#if ADW_CHECK_VERSION (1, 5, 0)
# define MFA_ADW_DIALOGS 1
#else
# define MFA_ADW_DIALOGS 0
#endif

#if ADW_CHECK_VERSION (1, 8, 0)
# define MFA_ADW_SHORTCUTS_DIALOG 1
#else
# define MFA_ADW_SHORTCUTS_DIALOG 0
#endif

#if ADW_CHECK_VERSION (1, 4, 0)
# define MFA_ADW_BREAKPOINTS 1
#else
# define MFA_ADW_BREAKPOINTS 0
#endif

#if GTK_CHECK_VERSION (4, 10, 0)
# define MFA_GTK_FILE_DIALOG 1
#else
# define MFA_GTK_FILE_DIALOG 0
#endif

/* Alerts */

/**
 * mfa_alert_get_widget_type:
 *
 * Returns: the class of the alerts mfa_alert_new() makes with these
 *   libraries: %ADW_TYPE_ALERT_DIALOG or %ADW_TYPE_MESSAGE_DIALOG
 */
GType
mfa_alert_get_widget_type (void)
{
#if MFA_ADW_DIALOGS
  return ADW_TYPE_ALERT_DIALOG;
#else
  return ADW_TYPE_MESSAGE_DIALOG;
#endif
}

/**
 * mfa_alert_new:
 * @heading: (nullable): the question or the news, short
 * @body: (nullable): what it means for the person
 *
 * Makes an alert to fill with responses and show with
 * mfa_alert_present(). Once shown it belongs to itself, and goes when
 * it closes.
 *
 * Returns: (transfer none): the alert
 */
GtkWidget *
mfa_alert_new (const char *heading,
               const char *body)
{
#if MFA_ADW_DIALOGS
  return GTK_WIDGET (adw_alert_dialog_new (heading, body));
#else
  return adw_message_dialog_new (NULL, heading, body);
#endif
}

static void
set_heading (GtkWidget  *alert,
             const char *heading)
{
#if MFA_ADW_DIALOGS
  adw_alert_dialog_set_heading (ADW_ALERT_DIALOG (alert), heading);
#else
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (alert), heading);
#endif
}

static void
set_body (GtkWidget  *alert,
          const char *body)
{
#if MFA_ADW_DIALOGS
  adw_alert_dialog_set_body (ADW_ALERT_DIALOG (alert), body);
#else
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (alert), body);
#endif
}

/**
 * mfa_alert_format_heading:
 * @alert: an alert
 * @format: a printf() format for the heading
 * @...: its arguments
 */
void
mfa_alert_format_heading (GtkWidget  *alert,
                          const char *format,
                          ...)
{
  g_autofree char *heading = NULL;
  va_list args;

  g_return_if_fail (MFA_IS_ALERT (alert));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  heading = g_strdup_vprintf (format, args);
  va_end (args);

  set_heading (alert, heading);
}

/**
 * mfa_alert_format_body:
 * @alert: an alert
 * @format: a printf() format for the body
 * @...: its arguments
 */
void
mfa_alert_format_body (GtkWidget  *alert,
                       const char *format,
                       ...)
{
  g_autofree char *body = NULL;
  va_list args;

  g_return_if_fail (MFA_IS_ALERT (alert));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);

  set_body (alert, body);
}

/**
 * mfa_alert_add_response:
 * @alert: an alert
 * @id: the response's id, passed to "response"
 * @label: the button's label, with a mnemonic
 *
 * Adds a response, as a button after those added before.
 */
void
mfa_alert_add_response (GtkWidget  *alert,
                        const char *id,
                        const char *label)
{
  g_return_if_fail (MFA_IS_ALERT (alert));
  g_return_if_fail (id != NULL);
  g_return_if_fail (label != NULL);

#if MFA_ADW_DIALOGS
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), id, label);
#else
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), id, label);
#endif
}

/**
 * mfa_alert_add_responses:
 * @alert: an alert
 * @first_id: the first response's id
 * @...: its label, then more ids and labels, ending with %NULL
 *
 * Adds responses as mfa_alert_add_response() does, in order.
 */
void
mfa_alert_add_responses (GtkWidget  *alert,
                         const char *first_id,
                         ...)
{
  const char *id = first_id;
  va_list args;

  g_return_if_fail (MFA_IS_ALERT (alert));

  va_start (args, first_id);
  while (id != NULL)
    {
      const char *label = va_arg (args, const char *);

      mfa_alert_add_response (alert, id, label);
      id = va_arg (args, const char *);
    }
  va_end (args);
}

/**
 * mfa_alert_set_response_appearance:
 * @alert: an alert
 * @response: a response's id
 * @appearance: how its button looks: suggested, destructive or plain
 */
void
mfa_alert_set_response_appearance (GtkWidget             *alert,
                                   const char            *response,
                                   AdwResponseAppearance  appearance)
{
  g_return_if_fail (MFA_IS_ALERT (alert));

#if MFA_ADW_DIALOGS
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), response, appearance);
#else
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), response, appearance);
#endif
}

/**
 * mfa_alert_set_default_response:
 * @alert: an alert
 * @response: (nullable): the id of the response Enter gives
 */
void
mfa_alert_set_default_response (GtkWidget  *alert,
                                const char *response)
{
  g_return_if_fail (MFA_IS_ALERT (alert));

#if MFA_ADW_DIALOGS
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), response);
#else
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (alert), response);
#endif
}

/**
 * mfa_alert_set_close_response:
 * @alert: an alert
 * @response: the id of the response that Escape, closing the alert or
 *   mfa_alert_close() give
 */
void
mfa_alert_set_close_response (GtkWidget  *alert,
                              const char *response)
{
  g_return_if_fail (MFA_IS_ALERT (alert));
  g_return_if_fail (response != NULL);

#if MFA_ADW_DIALOGS
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), response);
#else
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (alert), response);
#endif
}

/* The window that @widget is in, if it is in one. */
static GtkWindow *
get_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * mfa_alert_present:
 * @alert: an alert
 * @parent: (nullable): a widget of the window the alert belongs to
 *
 * Shows @alert over the window of @parent, modal: inside it when the
 * window can hold dialogs (libadwaita 1.5), else as a window of its own.
 * An alert shown already is raised.
 */
void
mfa_alert_present (GtkWidget *alert,
                   GtkWidget *parent)
{
  g_return_if_fail (MFA_IS_ALERT (alert));
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));

#if MFA_ADW_DIALOGS
  adw_dialog_present (ADW_DIALOG (alert), parent);
#else
  {
    GtkWindow *window = get_window (parent);

    if (window != NULL && gtk_window_get_transient_for (GTK_WINDOW (alert)) == NULL)
      gtk_window_set_transient_for (GTK_WINDOW (alert), window);
    gtk_window_present (GTK_WINDOW (alert));
  }
#endif
}

/**
 * mfa_alert_close:
 * @alert: an alert
 *
 * Closes @alert as Escape would, which answers its close response.
 * Whoever should not hear that answer disconnects first.
 */
void
mfa_alert_close (GtkWidget *alert)
{
  g_return_if_fail (MFA_IS_ALERT (alert));

  mfa_dialog_close (alert);
}

/**
 * mfa_alert_get_heading:
 * @alert: an alert
 *
 * Returns: the heading
 */
const char *
mfa_alert_get_heading (GtkWidget *alert)
{
  g_return_val_if_fail (MFA_IS_ALERT (alert), NULL);

#if MFA_ADW_DIALOGS
  return adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (alert));
#else
  return adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (alert));
#endif
}

/**
 * mfa_alert_get_body:
 * @alert: an alert
 *
 * Returns: the body
 */
const char *
mfa_alert_get_body (GtkWidget *alert)
{
  g_return_val_if_fail (MFA_IS_ALERT (alert), NULL);

#if MFA_ADW_DIALOGS
  return adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert));
#else
  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert));
#endif
}

/**
 * mfa_alert_get_response_label:
 * @alert: an alert
 * @response: a response's id
 *
 * Returns: the label of its button, with its mnemonic
 */
const char *
mfa_alert_get_response_label (GtkWidget  *alert,
                              const char *response)
{
  g_return_val_if_fail (MFA_IS_ALERT (alert), NULL);

#if MFA_ADW_DIALOGS
  return adw_alert_dialog_get_response_label (ADW_ALERT_DIALOG (alert), response);
#else
  return adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (alert), response);
#endif
}

/**
 * mfa_alert_get_response_appearance:
 * @alert: an alert
 * @response: a response's id
 *
 * Returns: how its button looks
 */
AdwResponseAppearance
mfa_alert_get_response_appearance (GtkWidget  *alert,
                                   const char *response)
{
  g_return_val_if_fail (MFA_IS_ALERT (alert), ADW_RESPONSE_DEFAULT);

#if MFA_ADW_DIALOGS
  return adw_alert_dialog_get_response_appearance (ADW_ALERT_DIALOG (alert), response);
#else
  return adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (alert), response);
#endif
}

/**
 * mfa_alert_get_default_response:
 * @alert: an alert
 *
 * Returns: (nullable): the id of the response Enter gives
 */
const char *
mfa_alert_get_default_response (GtkWidget *alert)
{
  g_return_val_if_fail (MFA_IS_ALERT (alert), NULL);

#if MFA_ADW_DIALOGS
  return adw_alert_dialog_get_default_response (ADW_ALERT_DIALOG (alert));
#else
  return adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (alert));
#endif
}

/**
 * mfa_alert_get_close_response:
 * @alert: an alert
 *
 * Returns: the id of the response closing the alert gives
 */
const char *
mfa_alert_get_close_response (GtkWidget *alert)
{
  g_return_val_if_fail (MFA_IS_ALERT (alert), NULL);

#if MFA_ADW_DIALOGS
  return adw_alert_dialog_get_close_response (ADW_ALERT_DIALOG (alert));
#else
  return adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (alert));
#endif
}

/* Any of them */

/**
 * mfa_dialog_close:
 * @dialog: an alert, About or the shortcuts, as shown by this file's
 *   functions
 *
 * Closes @dialog as Escape would.
 */
void
mfa_dialog_close (GtkWidget *dialog)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));

  if (GTK_IS_WINDOW (dialog))
    {
      gtk_window_close (GTK_WINDOW (dialog));
      return;
    }

#if MFA_ADW_DIALOGS
  if (ADW_IS_DIALOG (dialog))
    {
      if (gtk_widget_get_parent (dialog) != NULL)
        adw_dialog_close (ADW_DIALOG (dialog));
      else if (g_object_is_floating (dialog))
        /* Never shown: nothing else will drop it. */
        g_object_unref (g_object_ref_sink (dialog));
      return;
    }
#endif

  g_return_if_reached ();
}

/* About */

/**
 * mfa_about_get_widget_type:
 *
 * Returns: the class mfa_about_present() shows: %ADW_TYPE_ABOUT_DIALOG
 *   or %ADW_TYPE_ABOUT_WINDOW
 */
GType
mfa_about_get_widget_type (void)
{
#if MFA_ADW_DIALOGS
  return ADW_TYPE_ABOUT_DIALOG;
#else
  return ADW_TYPE_ABOUT_WINDOW;
#endif
}

/**
 * mfa_about_present:
 * @parent: (nullable): a widget of the window About belongs to
 * @first_property_name: the name of the first property to set
 * @...: its value, then more names and values, ending with %NULL
 *
 * Shows About with the properties given, which both classes have
 * ("application-name", "version", "release-notes", …), modal over the
 * window of @parent.
 */
void
mfa_about_present (GtkWidget  *parent,
                   const char *first_property_name,
                   ...)
{
  GObject *about;
  va_list args;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));

  va_start (args, first_property_name);
  about = g_object_new_valist (mfa_about_get_widget_type (), first_property_name, args);
  va_end (args);

#if MFA_ADW_DIALOGS
  adw_dialog_present (ADW_DIALOG (about), parent);
#else
  gtk_window_set_transient_for (GTK_WINDOW (about), get_window (parent));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

/* Shortcuts */

/**
 * mfa_shortcuts_get_widget_type:
 *
 * Returns: the class mfa_shortcuts_present() shows:
 *   %ADW_TYPE_SHORTCUTS_DIALOG or %GTK_TYPE_SHORTCUTS_WINDOW
 */
GType
mfa_shortcuts_get_widget_type (void)
{
#if MFA_ADW_SHORTCUTS_DIALOG
  return ADW_TYPE_SHORTCUTS_DIALOG;
#else
  return GTK_TYPE_SHORTCUTS_WINDOW;
#endif
}

/**
 * mfa_shortcuts_present:
 * @parent: (nullable): a widget of the window the shortcuts are for
 *
 * Shows the app's keyboard shortcuts over the window of @parent, built
 * from ui/mfa-shortcuts-dialog.ui or ui/mfa-shortcuts-window.ui in the
 * app's resources: both list the same shortcuts.
 */
void
mfa_shortcuts_present (GtkWidget *parent)
{
  g_autoptr(GtkBuilder) builder = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));

  /* Built on demand: it is rarely opened and costs start-up time. */
#if MFA_ADW_SHORTCUTS_DIALOG
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfa-shortcuts-dialog.ui");
  adw_dialog_present (ADW_DIALOG (gtk_builder_get_object (builder, "shortcuts_dialog")), parent);
#else
  {
    GtkWindow *shortcuts;

    builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfa-shortcuts-window.ui");
    shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
    gtk_window_set_transient_for (shortcuts, get_window (parent));
    gtk_window_present (shortcuts);
  }
#endif
}

/* Choosing where to save a file */

#if MFA_GTK_FILE_DIALOG

static void
file_dialog_save_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file != NULL)
    {
      g_task_return_pointer (task, file, g_object_unref);
      return;
    }

  /* Dismissed by the person, or by the cancellable: nothing chosen. */
  if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
      g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

#else

/* The chooser while it is open; whichever comes first, an answer or the
 * cancellable, ends it.
 */
typedef struct {
  GTask                *task;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gulong                cancelled_id;
} NativeSave;

static void
native_save_end (NativeSave *save,
                 GFile      *file)
{
  g_autoptr(GTask) task = g_steal_pointer (&save->task);

  /* Plain signal handlers, not g_cancellable_connect(): this may run
   * inside the cancellable's own emission.
   */
  if (save->cancelled_id != 0)
    g_signal_handler_disconnect (save->cancellable, save->cancelled_id);
  g_signal_handlers_disconnect_by_data (save->chooser, save);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (save->chooser));
  g_clear_object (&save->chooser);
  g_clear_object (&save->cancellable);
  g_free (save);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");
}

static void
native_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    NativeSave      *save)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  native_save_end (save, file);
}

static void
native_cancelled_cb (GCancellable *cancellable,
                     NativeSave   *save)
{
  native_save_end (save, NULL);
}

#endif

/**
 * mfa_save_file_choose_async:
 * @parent: (nullable): a widget of the window the question belongs to
 * @title: the dialog's title
 * @accept_label: the label of the button that saves, with a mnemonic
 * @folder: (nullable): the folder it opens in
 * @name: (nullable): the file name it suggests
 * @filter: (nullable): the one kind of file it offers
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called once a file is chosen, or none
 * @user_data: data for @callback
 *
 * Asks the person where to save a file, modal over the window of
 * @parent.
 */
void
mfa_save_file_choose_async (GtkWidget           *parent,
                            const char          *title,
                            const char          *accept_label,
                            GFile               *folder,
                            const char          *name,
                            GtkFileFilter       *filter,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWindow *window;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (title != NULL);
  g_return_if_fail (accept_label != NULL);
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));
  g_return_if_fail (filter == NULL || GTK_IS_FILE_FILTER (filter));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_save_file_choose_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  window = get_window (parent);

#if MFA_GTK_FILE_DIALOG
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_accept_label (dialog, accept_label);
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_set_initial_name (dialog, name);
    if (filter != NULL)
      {
        g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

        g_list_store_append (filters, filter);
        gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
        gtk_file_dialog_set_default_filter (dialog, filter);
      }

    gtk_file_dialog_save (dialog, window, cancellable, file_dialog_save_cb, g_steal_pointer (&task));
  }
#else
  {
    NativeSave *save = g_new0 (NativeSave, 1);
    GtkFileChooser *chooser;
    g_autoptr(GError) error = NULL;

    save->chooser = gtk_file_chooser_native_new (title, window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                 accept_label, NULL);
    chooser = GTK_FILE_CHOOSER (save->chooser);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (save->chooser), TRUE);
    if (folder != NULL && !gtk_file_chooser_set_current_folder (chooser, folder, &error))
      g_debug ("Cannot open the save dialog in its folder: %s", error->message);
    if (name != NULL)
      gtk_file_chooser_set_current_name (chooser, name);
    if (filter != NULL)
      gtk_file_chooser_add_filter (chooser, filter);

    save->task = g_steal_pointer (&task);
    g_signal_connect (save->chooser, "response", G_CALLBACK (native_response_cb), save);
    if (cancellable != NULL)
      {
        save->cancellable = g_object_ref (cancellable);
        save->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                               G_CALLBACK (native_cancelled_cb), save);
      }
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (save->chooser));
  }
#endif
}

/**
 * mfa_save_file_choose_finish:
 * @result: the result passed to the callback
 * @error: return location for an error; %G_IO_ERROR_CANCELLED when the
 *   person chose no file or the cancellable closed the dialog
 *
 * Returns: (transfer full) (nullable): the file chosen
 */
GFile *
mfa_save_file_choose_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_save_file_choose_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The narrow layout */

/* Windows at most this wide, in units that follow the text's size, take
 * the narrow layout: a phone-sized window, or a tablet's half screen.
 */
#define NARROW_CONDITION "max-width: 500sp"

/**
 * mfa_breakpoints_available:
 *
 * Returns: whether these libraries have AdwBreakpoint (libadwaita 1.4),
 *   so that mfa_narrow_breakpoint_add() does something
 */
gboolean
mfa_breakpoints_available (void)
{
  return MFA_ADW_BREAKPOINTS;
}

/**
 * mfa_narrow_breakpoint_add:
 * @window: an #AdwApplicationWindow or an #AdwWindow
 * @object: what follows the window's width
 * @property: a boolean property of @object
 *
 * Sets @property of @object while @window is narrow, and unsets it when
 * the window is wide again, with an AdwBreakpoint where libadwaita has
 * one. A window with breakpoints takes its smallest size from its size
 * request alone; one is set here if @window has none.
 *
 * Without breakpoints (libadwaita 1.2) this does nothing and @property
 * keeps its value: the views then lay themselves out narrow by hand, as
 * mfa-narrow.c describes.
 */
void
mfa_narrow_breakpoint_add (GtkWidget  *window,
                           GObject    *object,
                           const char *property)
{
  g_return_if_fail (ADW_IS_APPLICATION_WINDOW (window) || ADW_IS_WINDOW (window));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);

#if MFA_ADW_BREAKPOINTS
  {
    AdwBreakpoint *breakpoint;
    int width, height;
    GValue narrow = G_VALUE_INIT;

    gtk_widget_get_size_request (window, &width, &height);
    if (width < 0 || height < 0)
      gtk_widget_set_size_request (window, width < 0 ? 360 : width, height < 0 ? 294 : height);

    breakpoint = adw_breakpoint_new (adw_breakpoint_condition_parse (NARROW_CONDITION));
    g_value_init (&narrow, G_TYPE_BOOLEAN);
    g_value_set_boolean (&narrow, TRUE);
    adw_breakpoint_add_setter (breakpoint, object, property, &narrow);
    g_value_unset (&narrow);

    if (ADW_IS_APPLICATION_WINDOW (window))
      adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (window), breakpoint);
    else
      adw_window_add_breakpoint (ADW_WINDOW (window), breakpoint);
  }
#endif
}
