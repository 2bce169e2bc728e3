/* mfa-account-view.c
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

#define G_LOG_DOMAIN "mfa-account-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-account-view.h"
#include "mfa-add-phone-view.h"
#include "mfa-backup-codes-view.h"
#include "mfa-devices-view.h"
#include "mfa-error-toast.h"
#include "mfa-instance.h"
#include "mfa-manage-view.h"
#include "mfa-password-view.h"
#include "mfa-sign-in-view.h"
#include "mfa-totp-view.h"
#include "mfa-narrow.h"

/**
 * MfaAccountView:
 *
 * The pages of one account: connecting, unreachable, sign-in, the
 * settings, adding a number, new backup codes. It shows the page for the
 * account's state and routes between the views; the views are made the
 * first time they are shown, so start-up builds only the page it shows.
 */
struct _MfaAccountView
{
  AdwBin              parent_instance;

  MfaAccount         *account;
  GCancellable       *cancellable;
  const char         *sign_in_notice;  /* for the next sign-in page */
  gboolean            close_after_codes;
  gboolean            narrow;
  guint               spinner_timeout_id;

  GtkStack           *stack;
  AdwStatusPage      *connecting_page;
  GtkSpinner         *connecting_spinner;
  AdwStatusPage      *unreachable_page;
  MfaSignInView      *sign_in_view;
  MfaManageView      *manage_view;
  MfaAddPhoneView    *add_phone_view;
  MfaBackupCodesView *backup_codes_view;
  MfaTotpView        *totp_view;
  MfaDevicesView     *devices_view;
  MfaPasswordView    *password_view;
};

G_DEFINE_FINAL_TYPE (MfaAccountView, mfa_account_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_PAGE_NAME,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_toast (MfaAccountView *self,
           AdwToast       *toast)
{
  g_autoptr(AdwToast) owned = toast;

  mfa_toast_show (GTK_WIDGET (self), owned);
}

static MfaAccountState
get_state (MfaAccountView *self)
{
  return self->account != NULL ? mfa_account_get_state (self->account)
                               : MFA_ACCOUNT_STATE_SIGNED_OUT;
}

static void verify_phone_cb (MfaAccountView *self, MfaPhoneNumber *phone);
static void show_backup_codes (MfaAccountView *self, MfaBackupCodes *codes);
static void add_phone_done_cb (MfaAccountView *self);
static void backup_codes_done_cb (MfaAccountView *self);

static void
set_view_account (MfaAccountView *self,
                  GtkWidget      *view)
{
  if (view == NULL || self->account == NULL || MFA_IS_BACKUP_CODES_VIEW (view))
    return;

  g_object_set (view, "account", self->account, NULL);
}

static GtkWidget *
ensure_view (MfaAccountView  *self,
             GtkWidget      **slot,
             GType            type,
             const char      *name)
{
  if (*slot != NULL)
    return *slot;

  *slot = g_object_new (type, NULL);
  if (type == MFA_TYPE_MANAGE_VIEW)
    {
      g_signal_connect_object (*slot, "verify-phone", G_CALLBACK (verify_phone_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (*slot, "backup-codes", G_CALLBACK (show_backup_codes), self,
                               G_CONNECT_SWAPPED);
    }
  else if (type == MFA_TYPE_ADD_PHONE_VIEW)
    g_signal_connect_object (*slot, "done", G_CALLBACK (add_phone_done_cb), self,
                             G_CONNECT_SWAPPED);
  else if (type == MFA_TYPE_BACKUP_CODES_VIEW)
    g_signal_connect_object (*slot, "done", G_CALLBACK (backup_codes_done_cb), self,
                             G_CONNECT_SWAPPED);

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (*slot), "narrow") != NULL)
    g_object_bind_property (self, "narrow", *slot, "narrow", G_BINDING_SYNC_CREATE);
  set_view_account (self, *slot);
  gtk_stack_add_named (self->stack, *slot, name);

  return *slot;
}

#define SIGN_IN_VIEW(s) MFA_SIGN_IN_VIEW (ensure_view (s, (GtkWidget **)&(s)->sign_in_view, \
                                                       MFA_TYPE_SIGN_IN_VIEW, "sign-in"))
#define MANAGE_VIEW(s) MFA_MANAGE_VIEW (ensure_view (s, (GtkWidget **)&(s)->manage_view, \
                                                     MFA_TYPE_MANAGE_VIEW, "manage"))
#define ADD_PHONE_VIEW(s) MFA_ADD_PHONE_VIEW (ensure_view (s, (GtkWidget **)&(s)->add_phone_view, \
                                                           MFA_TYPE_ADD_PHONE_VIEW, "add-phone"))
#define BACKUP_CODES_VIEW(s) MFA_BACKUP_CODES_VIEW (ensure_view (s, (GtkWidget **)&(s)->backup_codes_view, \
                                                                 MFA_TYPE_BACKUP_CODES_VIEW, "backup-codes"))
#define DEVICES_VIEW(s) MFA_DEVICES_VIEW (ensure_view (s, (GtkWidget **)&(s)->devices_view, \
                                                       MFA_TYPE_DEVICES_VIEW, "devices"))
#define PASSWORD_VIEW(s) MFA_PASSWORD_VIEW (ensure_view (s, (GtkWidget **)&(s)->password_view, \
                                                         MFA_TYPE_PASSWORD_VIEW, "password"))
#define TOTP_VIEW(s) MFA_TOTP_VIEW (ensure_view (s, (GtkWidget **)&(s)->totp_view, \
                                                 MFA_TYPE_TOTP_VIEW, "totp"))

static gboolean
show_spinner_cb (gpointer user_data)
{
  MfaAccountView *self = user_data;

  self->spinner_timeout_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->connecting_spinner), TRUE);
  gtk_spinner_start (self->connecting_spinner);

  return G_SOURCE_REMOVE;
}

static void retry_cb (MfaAccountView *self);

static GtkWidget *
new_pill_button (const char *label,
                 const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);

  return button;
}

/* The connecting and unreachable pages are made when first shown: a
 * start that shows the last snapshot at once needs neither. */
static void
ensure_status_page (MfaAccountView *self,
                    const char     *name)
{
  GtkWidget *page;
  GtkWidget *box;
  GtkWidget *button;

  if (g_str_equal (name, "connecting") && self->connecting_page == NULL)
    {
      self->connecting_page = ADW_STATUS_PAGE (adw_status_page_new ());
      self->connecting_spinner = GTK_SPINNER (gtk_spinner_new ());
      gtk_widget_set_visible (GTK_WIDGET (self->connecting_spinner), FALSE);
      gtk_widget_set_size_request (GTK_WIDGET (self->connecting_spinner), 32, 32);
      gtk_widget_set_halign (GTK_WIDGET (self->connecting_spinner), GTK_ALIGN_CENTER);
      adw_status_page_set_child (self->connecting_page, GTK_WIDGET (self->connecting_spinner));
      page = GTK_WIDGET (self->connecting_page);
    }
  else if (g_str_equal (name, "unreachable") && self->unreachable_page == NULL)
    {
      self->unreachable_page = ADW_STATUS_PAGE (adw_status_page_new ());
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      button = new_pill_button (_("_Retry"), "suggested-action");
      g_signal_connect_object (button, "clicked", G_CALLBACK (retry_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
      button = new_pill_button (_("_Use a Different Key"), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.change-service");
      gtk_box_append (GTK_BOX (box), button);
      adw_status_page_set_child (self->unreachable_page, box);
      page = GTK_WIDGET (self->unreachable_page);
    }
  else
    return;

  mfa_narrow_lay_out_text (page);
  gtk_stack_add_named (self->stack, page, name);
}

static void
show_page (MfaAccountView *self,
           const char     *name)
{
  ensure_status_page (self, name);

  /* A spinner only when connecting takes a while: a quick restore never
   * flashes one (nor pays for drawing it).
   */
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->connecting_spinner != NULL)
    {
      gtk_spinner_stop (self->connecting_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->connecting_spinner), FALSE);
    }
  if (g_str_equal (name, "connecting"))
    {
      g_autofree char *host = mfa_instance_get_display_host (mfa_account_get_base_url (self->account));
      /* Translators: %s is a host name such as clerk.example.com */
      g_autofree char *title = g_strdup_printf (_("Connecting to %s…"), host);

      adw_status_page_set_title (self->connecting_page, title);
      self->spinner_timeout_id = g_timeout_add (500, show_spinner_cb, self);
    }

  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
show_sign_in (MfaAccountView *self,
              const char     *notice,
              gboolean        warning)
{
  g_autofree char *full_notice = NULL;

  if (!mfa_account_get_keyring_available (self->account))
    {
      const char *memory_only = _("Your session will not be remembered after you close the app: the system keyring is not available.");

      full_notice = notice != NULL ? g_strconcat (notice, "\n", memory_only, NULL) : g_strdup (memory_only);
      notice = full_notice;
      warning = TRUE;
    }

  mfa_sign_in_view_start (SIGN_IN_VIEW (self), notice, warning);
  show_page (self, "sign-in");
}

static void
show_unreachable (MfaAccountView *self)
{
  const GError *error = mfa_account_get_error (self->account);
  g_autofree char *host = mfa_instance_get_display_host (mfa_account_get_base_url (self->account));
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  MfaErrorContext context = mfa_client_get_token (mfa_account_get_client (self->account)) == NULL
                            ? MFA_ERROR_CONTEXT_CONNECT_NEW : MFA_ERROR_CONTEXT_CONNECT;

  message = mfa_error_describe (error, context, mfa_account_get_base_url (self->account), NULL);

  if (error != NULL && !mfa_client_error_is_transport (error))
    /* Translators: %s is a host name such as clerk.example.com */
    title = g_strdup_printf (_("Cannot Use %s"), host);
  else
    /* Translators: %s is a host name such as clerk.example.com */
    title = g_strdup_printf (_("Cannot Reach %s"), host);

  ensure_status_page (self, "unreachable");
  adw_status_page_set_icon_name (self->unreachable_page, "network-offline-symbolic");
  adw_status_page_set_title (self->unreachable_page, title);
  adw_status_page_set_description (self->unreachable_page, message);
  show_page (self, "unreachable");
}

/* The page for where the account stands. Unless @leave, adding a number
 * or reading new codes is not interrupted by the service coming and
 * going.
 */
static void
show_state (MfaAccountView *self,
            gboolean        leave)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  gboolean away = !leave && (g_strcmp0 (name, "add-phone") == 0 ||
                             g_strcmp0 (name, "totp") == 0 ||
                             g_strcmp0 (name, "devices") == 0 ||
                             g_strcmp0 (name, "password") == 0 ||
                             g_strcmp0 (name, "backup-codes") == 0);
  const char *notice = self->sign_in_notice;

  self->sign_in_notice = NULL;

  switch (get_state (self))
    {
    case MFA_ACCOUNT_STATE_RESTORING:
      /* The last snapshot, read-only, while the session is checked. */
      if (mfa_account_get_user (self->account) != NULL)
        {
          /* Made now, the page shows the snapshot it binds to. */
          MANAGE_VIEW (self);
          if (!away)
            show_page (self, "manage");
        }
      else
        show_page (self, "connecting");
      break;

    case MFA_ACCOUNT_STATE_SIGNED_OUT:
      /* Signing out is news, not a warning. */
      show_sign_in (self, notice, FALSE);
      break;

    case MFA_ACCOUNT_STATE_SESSION_LOST:
      show_sign_in (self, _("Your session has ended. Sign in again to continue."), TRUE);
      break;

    case MFA_ACCOUNT_STATE_UNREACHABLE:
      show_unreachable (self);
      break;

    case MFA_ACCOUNT_STATE_OFFLINE:
    case MFA_ACCOUNT_STATE_SIGNED_IN:
      MANAGE_VIEW (self);
      if (!away)
        show_page (self, "manage");
      /* The actions follow the state even where the page stays. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
state_changed_cb (MfaAccountView *self)
{
  show_state (self, FALSE);
}

static void
keyring_cb (MfaAccountView *self)
{
  if (!mfa_account_get_keyring_available (self->account) &&
      get_state (self) == MFA_ACCOUNT_STATE_SIGNED_IN)
    add_toast (self, adw_toast_new (_("No keyring: this session will not be kept")));
}

static void
page_changed_cb (MfaAccountView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
}

static void
retry_cb (MfaAccountView *self)
{
  mfa_account_view_start (self);
}

static void
verify_phone_cb (MfaAccountView *self,
                 MfaPhoneNumber *phone)
{
  /* Made, then shown, then started: the number entry takes the focus. */
  ADD_PHONE_VIEW (self);
  show_page (self, "add-phone");
  mfa_add_phone_view_resume (self->add_phone_view, phone);
}

/* New codes, from "Generate New Codes" or from reserving the first
 * number, are shown at once: the service never shows them again.
 */
static void
show_backup_codes (MfaAccountView *self,
                   MfaBackupCodes *codes)
{
  MfaUser *user = mfa_account_get_user (self->account);
  g_autofree char *service = mfa_account_dup_title (self->account);

  mfa_backup_codes_view_show_codes (BACKUP_CODES_VIEW (self), codes, service,
                                    user != NULL ? mfa_user_get_identifier (user) : NULL);
  show_page (self, "backup-codes");
}

static void
add_phone_done_cb (MfaAccountView *self)
{
  MfaBackupCodes *codes = mfa_add_phone_view_get_backup_codes (self->add_phone_view);

  if (codes != NULL)
    show_backup_codes (self, codes);
  else
    show_state (self, TRUE);
}

static void
backup_codes_done_cb (MfaAccountView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->close_after_codes && GTK_IS_WINDOW (root))
    gtk_window_destroy (GTK_WINDOW (root));
  else
    show_state (self, TRUE);
}

/**
 * mfa_account_view_hold_close:
 * @self: a #MfaAccountView
 *
 * The window is asked to close. With new codes not yet kept, asks the
 * person first and closes the window itself if they agree.
 *
 * Returns: %TRUE when the window must stay open for now
 */
gboolean
mfa_account_view_hold_close (MfaAccountView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_val_if_fail (MFA_IS_ACCOUNT_VIEW (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "backup-codes") != 0 ||
      !mfa_backup_codes_view_confirm_close (self->backup_codes_view, GTK_WINDOW (root)))
    return FALSE;

  self->close_after_codes = TRUE;
  return TRUE;
}

/**
 * mfa_account_view_back:
 * @self: a #MfaAccountView
 *
 * From adding a number or new codes back to the settings; for codes not
 * yet kept, after asking.
 */
void
mfa_account_view_back (MfaAccountView *self)
{
  const char *name;

  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));

  name = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (name, "add-phone") == 0 || g_strcmp0 (name, "devices") == 0 ||
      g_strcmp0 (name, "password") == 0)
    show_state (self, TRUE);
  else if (g_strcmp0 (name, "totp") == 0)
    {
      /* Left before a code was checked: the secret goes, nothing the
       * person relies on changed. */
      mfa_totp_view_stop (self->totp_view);
      add_toast (self, adw_toast_new (_("Authenticator app not set up")));
      show_state (self, TRUE);
    }
  else if (g_strcmp0 (name, "backup-codes") == 0)
    {
      self->close_after_codes = FALSE;
      if (!mfa_backup_codes_view_confirm_close (self->backup_codes_view,
                                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)))))
        backup_codes_done_cb (self);
    }
}

/**
 * mfa_account_view_show_totp_setup:
 * @self: a #MfaAccountView
 *
 * Sets up an authenticator app, from a new secret.
 */
void
mfa_account_view_show_totp_setup (MfaAccountView *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));

  TOTP_VIEW (self);
  show_page (self, "totp");
  mfa_totp_view_start (self->totp_view);
}

/**
 * mfa_account_view_show_devices:
 * @self: a #MfaAccountView
 *
 * The devices signed in to the account, listed again.
 */
void
mfa_account_view_show_devices (MfaAccountView *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));

  DEVICES_VIEW (self);
  show_page (self, "devices");
  mfa_devices_view_reload (self->devices_view);
}

/**
 * mfa_account_view_show_password:
 * @self: a #MfaAccountView
 *
 * Changing the password, from an empty form.
 */
void
mfa_account_view_show_password (MfaAccountView *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));

  PASSWORD_VIEW (self);
  show_page (self, "password");
  mfa_password_view_start (self->password_view);
}

/* account.totp-set-up: the app's code was accepted. New backup codes
 * come first; they are shown only this once.
 */
static void
totp_set_up_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MfaAccountView *self = MFA_ACCOUNT_VIEW (widget);
  MfaVerification *verification = self->totp_view != NULL
                                  ? mfa_totp_view_get_verification (self->totp_view) : NULL;
  g_autoptr(MfaBackupCodes) codes = NULL;

  if (verification == NULL)
    return;

  g_set_object (&codes, mfa_verification_get_backup_codes (verification));
  mfa_totp_view_stop (self->totp_view);

  add_toast (self, adw_toast_new (_("Authenticator app set up")));
  if (codes != NULL)
    show_backup_codes (self, codes);
  else
    show_state (self, TRUE);
}

void
mfa_account_view_show_add_phone (MfaAccountView *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));

  ADD_PHONE_VIEW (self);
  show_page (self, "add-phone");
  mfa_add_phone_view_start (self->add_phone_view);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MfaAccountView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;

  if (mfa_account_sign_out_finish (MFA_ACCOUNT (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->sign_in_notice = NULL;
  message = mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE, mfa_account_get_base_url (self->account), NULL);
  /* Translators: %s says what went wrong */
  title = g_strdup_printf (_("Could not sign out: %s"), message);
  add_toast (self, mfa_error_toast_new (title, error));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
}

/**
 * mfa_account_view_sign_out:
 * @self: a #MfaAccountView
 *
 * Signs out; the sign-in page says so. A failure is a toast.
 */
void
mfa_account_view_sign_out (MfaAccountView *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));

  self->sign_in_notice = _("You have signed out.");
  mfa_account_sign_out_async (self->account, self->cancellable, sign_out_cb, g_object_ref (self));
}

/**
 * mfa_account_view_start:
 * @self: a #MfaAccountView
 *
 * Shows that the service is being reached and starts the account.
 */
void
mfa_account_view_start (MfaAccountView *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));
  g_return_if_fail (self->account != NULL);

  mfa_account_start (self->account);
  show_state (self, FALSE);
}

/**
 * mfa_account_view_get_account:
 *
 * Returns: (transfer none) (nullable): the account shown
 */
MfaAccount *
mfa_account_view_get_account (MfaAccountView *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT_VIEW (self), NULL);

  return self->account;
}

void
mfa_account_view_set_account (MfaAccountView *self,
                              MfaAccount     *account)
{
  g_return_if_fail (MFA_IS_ACCOUNT_VIEW (self));
  g_return_if_fail (account == NULL || MFA_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_set_object (&self->account, account);

  if (account != NULL)
    {
      g_signal_connect_object (account, "notify::state", G_CALLBACK (state_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (account, "notify::keyring-available", G_CALLBACK (keyring_cb),
                               self, G_CONNECT_SWAPPED);
    }

  set_view_account (self, GTK_WIDGET (self->sign_in_view));
  set_view_account (self, GTK_WIDGET (self->manage_view));
  set_view_account (self, GTK_WIDGET (self->add_phone_view));
  set_view_account (self, GTK_WIDGET (self->totp_view));
  set_view_account (self, GTK_WIDGET (self->devices_view));
  set_view_account (self, GTK_WIDGET (self->password_view));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

const char *
mfa_account_view_get_page_name (MfaAccountView *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
mfa_account_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfaAccountView *self = MFA_ACCOUNT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_PAGE_NAME:
      g_value_set_string (value, mfa_account_view_get_page_name (self));
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_account_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfaAccountView *self = MFA_ACCOUNT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      mfa_account_view_set_account (self, g_value_get_object (value));
      break;

    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_account_view_dispose (GObject *object)
{
  MfaAccountView *self = (MfaAccountView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->account);

  /* The stack is the bin's child and a template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_ACCOUNT_VIEW);

  G_OBJECT_CLASS (mfa_account_view_parent_class)->dispose (object);
}

static void
mfa_account_view_class_init (MfaAccountViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_account_view_get_property;
  object_class->set_property = mfa_account_view_set_property;
  object_class->dispose = mfa_account_view_dispose;

  /**
   * MfaAccountView:account:
   *
   * The account whose pages are shown.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MFA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccountView:page-name:
   *
   * The page shown. Notified too when the account's state changes under
   * a page that stays, so that actions can follow.
   */
  properties[PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccountView:narrow:
   *
   * Whether the window is narrow (see mfa_narrow_breakpoint_add()); the
   * pages that lay themselves out for it follow it.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);


  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfa-account-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaAccountView, stack);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  /* What the pages shown here ask of it. */
  gtk_widget_class_install_action (widget_class, "account.totp-set-up", NULL, totp_set_up_action);
}

static void
mfa_account_view_init (MfaAccountView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_lay_out_text (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}
