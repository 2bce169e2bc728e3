/* mfa-error-toast.c
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

#define G_LOG_DOMAIN "mfa-error-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-client-error.h"
#include "mfa-error-toast.h"

/* An error the service answered with can be copied for a bug report
 * or a support request: its message, Clerk's code, the HTTP status and
 * the trace id (mfa_client_error_dup_details(), which never holds a
 * token). Toasts offer it as their one button; inline messages get a
 * small flat button next to them.
 */

#define DETAILS_KEY "mfa-error-details"

/**
 * mfa_error_has_details:
 * @error: (nullable): an error
 *
 * Returns: whether @error came from an answer of the service (it has
 *   Clerk's code, a trace id or an HTTP status), so that copying its
 *   details helps someone find it again
 */
gboolean
mfa_error_has_details (const GError *error)
{
  if (error == NULL || error->domain != MFA_CLIENT_ERROR)
    return FALSE;

  return mfa_client_error_get_clerk_code (error) != NULL ||
         mfa_client_error_get_trace_id (error) != NULL ||
         mfa_client_error_get_status (error) != 0;
}

static void
copy_text (GtkWidget  *widget,
           const char *text)
{
  GdkClipboard *clipboard;

  if (widget != NULL)
    clipboard = gtk_widget_get_clipboard (widget);
  else
    clipboard = gdk_display_get_clipboard (gdk_display_get_default ());

  gdk_clipboard_set_text (clipboard, text);
}

/**
 * mfa_error_copy_details:
 * @widget: (nullable): a widget on the display to use, or %NULL for the
 *   default display
 * @error: an error
 *
 * Puts the details of @error on the clipboard.
 */
void
mfa_error_copy_details (GtkWidget    *widget,
                        const GError *error)
{
  g_autofree char *details = NULL;

  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  details = mfa_client_error_dup_details (error);
  copy_text (widget, details);
}

/**
 * mfa_toast_new_plain:
 * @text: plain text
 *
 * Toast titles are markup in libadwaita 1.2; @text is not.
 *
 * Returns: (transfer full): a new toast with @text as its title
 */
AdwToast *
mfa_toast_new_plain (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

static void
toast_copy_clicked_cb (AdwToast *toast)
{
  const char *details = g_object_get_data (G_OBJECT (toast), DETAILS_KEY);

  if (details != NULL)
    copy_text (NULL, details);
}

/**
 * mfa_error_toast_new:
 * @text: what to say, plain text
 * @error: (nullable): the error behind it
 *
 * A toast for a failure. When @error came from the service the toast's
 * button is *Copy Details*; a toast has one button at most, so callers
 * that need *Undo* or *Retry* instead use mfa_toast_new_plain().
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
mfa_error_toast_new (const char   *text,
                     const GError *error)
{
  AdwToast *toast = mfa_toast_new_plain (text);

  if (mfa_error_has_details (error))
    {
      adw_toast_set_button_label (toast, _("Copy _Details"));
      g_object_set_data_full (G_OBJECT (toast), DETAILS_KEY,
                              mfa_client_error_dup_details (error), g_free);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (toast_copy_clicked_cb), NULL);
    }

  return toast;
}

static void
button_copy_clicked_cb (GtkButton *button)
{
  const char *details = g_object_get_data (G_OBJECT (button), DETAILS_KEY);

  if (details != NULL)
    copy_text (GTK_WIDGET (button), details);
}

/**
 * mfa_error_details_button_new:
 *
 * A small flat *Copy Details* button to put next to an inline error
 * message; hidden until mfa_error_details_button_set_error() gives it an
 * error from the service.
 *
 * Returns: (transfer floating): a new button
 */
GtkWidget *
mfa_error_details_button_new (void)
{
  GtkWidget *button;

  button = gtk_button_new_with_mnemonic (_("Copy _Details"));
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "caption");
  gtk_widget_set_tooltip_text (button, _("Copy the error code and trace ID, for a support request"));
  g_signal_connect (button, "clicked", G_CALLBACK (button_copy_clicked_cb), NULL);

  return button;
}

/**
 * mfa_error_details_button_set_error:
 * @button: a button from mfa_error_details_button_new()
 * @error: (nullable): the error the message next to it is about, or
 *   %NULL when there is none
 *
 * Shows @button when @error has a Clerk code or a trace id, and makes it
 * copy that error's details.
 */
void
mfa_error_details_button_set_error (GtkWidget    *button,
                                    const GError *error)
{
  gboolean show;

  g_return_if_fail (GTK_IS_BUTTON (button));

  show = error != NULL && error->domain == MFA_CLIENT_ERROR &&
         (mfa_client_error_get_clerk_code (error) != NULL ||
          mfa_client_error_get_trace_id (error) != NULL);

  g_object_set_data_full (G_OBJECT (button), DETAILS_KEY,
                          show ? mfa_client_error_dup_details (error) : NULL, g_free);
  gtk_widget_set_visible (button, show);
}

#define SHOWN_KEY "mfa-toast-shown"

static void
shown_dismissed_cb (AdwToast  *toast,
                    GtkWidget *overlay)
{
  if (g_object_get_data (G_OBJECT (overlay), SHOWN_KEY) == toast)
    g_object_set_data (G_OBJECT (overlay), SHOWN_KEY, NULL);
}

/**
 * mfa_toast_show:
 * @widget: the widget the news is about, inside the window's toast overlay
 * @toast: (transfer none): the toast
 *
 * Shows @toast in the nearest #AdwToastOverlay above @widget. One toast
 * at a time: a newer outcome replaces the one shown rather than waiting
 * behind it.
 */
void
mfa_toast_show (GtkWidget *widget,
                AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = ADW_IS_TOAST_OVERLAY (widget) ? widget
                                          : gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay above %s: “%s” is not shown",
               G_OBJECT_TYPE_NAME (widget), adw_toast_get_title (toast));
      return;
    }

  mfa_toast_dismiss_shown (overlay);
  g_object_set_data_full (G_OBJECT (overlay), SHOWN_KEY, g_object_ref (toast), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (shown_dismissed_cb), overlay, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

/**
 * mfa_toast_dismiss_shown:
 * @overlay: an #AdwToastOverlay
 *
 * Dismisses the toast mfa_toast_show() shows in @overlay, if any: its
 * news went stale.
 */
void
mfa_toast_dismiss_shown (GtkWidget *overlay)
{
  AdwToast *shown;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  shown = g_object_get_data (G_OBJECT (overlay), SHOWN_KEY);
  if (shown != NULL)
    adw_toast_dismiss (shown);
}
