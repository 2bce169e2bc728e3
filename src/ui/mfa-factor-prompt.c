/* mfa-factor-prompt.c
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

#define G_LOG_DOMAIN "mfa-factor-prompt"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-client-error.h"
#include "mfa-code-entry.h"
#include "mfa-cooldown.h"
#include "mfa-error-toast.h"
#include "mfa-factor-prompt.h"
#include "mfa-narrow.h"
#include "mfa-phone-display.h"
#include "mfa-width-layout.h"

/* Asks for the secret of one factor: the code sent by text message or
 * email, a code from an authenticator app, a backup code or the
 * password. Lists the other factors on offer to switch to, counts down
 * before a code can be sent again, and shows what went wrong. The owner
 * sends the requests: it hears ::submit, ::resend and ::factor-changed
 * and answers with mfa_factor_prompt_set_busy(), _set_error() and
 * _start_cooldown().
 */
struct _MfaFactorPrompt
{
  AdwBin        parent_instance;

  MfaClock     *clock;
  GListModel   *factors;
  MfaFactor    *factor;
  char         *methods_title;

  /* Resend countdowns by factor, kept when switching back and forth. */
  MfaCooldown  *cooldown;

  /* While attempts are rate limited, they wait until this time (ms). */

  gboolean      busy;
  /* The input had the focus, or asked for it, while it could not take it. */
  gboolean      refocus;

  GtkLabel     *description_label;
  GtkListBox   *password_list;
  AdwEntryRow  *password_row;
  MfaCodeEntry *code_entry;
  GtkEntry     *backup_entry;
  GtkLabel     *error_label;
  GtkButton    *verify_button;
  GtkSpinner   *verify_spinner;
  GtkLabel     *verify_label;
  GtkButton    *resend_button;
  GtkLabel     *methods_title_label;
  GtkListBox   *methods_list;
};

G_DEFINE_FINAL_TYPE (MfaFactorPrompt, mfa_factor_prompt, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_BUSY,
  PROP_FACTOR,
  PROP_METHODS_TITLE,
  N_PROPS
};

enum {
  SIGNAL_SUBMIT,
  SIGNAL_RESEND,
  SIGNAL_FACTOR_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mfa_factor_prompt_new (void)
{
  return g_object_new (MFA_TYPE_FACTOR_PROMPT, NULL);
}

static MfaClock *
get_clock (MfaFactorPrompt *self)
{
  return self->clock != NULL ? self->clock : mfa_clock_get_default ();
}

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static gboolean
is_known (const char *strategy)
{
  return g_strcmp0 (strategy, "password") == 0 ||
         g_strcmp0 (strategy, "phone_code") == 0 ||
         g_strcmp0 (strategy, "email_code") == 0 ||
         g_strcmp0 (strategy, "totp") == 0 ||
         g_strcmp0 (strategy, "backup_code") == 0;
}

static gboolean
is_strategy (MfaFactorPrompt *self,
             const char      *strategy)
{
  return self->factor != NULL &&
         g_strcmp0 (mfa_factor_get_strategy (self->factor), strategy) == 0;
}

/* Codes the service sends, which can be sent again. */
static gboolean
is_sent (MfaFactorPrompt *self)
{
  return is_strategy (self, "phone_code") || is_strategy (self, "email_code");
}

/* Six digits, typed into the code entry. */
static gboolean
is_code (MfaFactorPrompt *self)
{
  return is_sent (self) || is_strategy (self, "totp");
}

static gboolean
same_factor (MfaFactor *a,
             MfaFactor *b)
{
  return g_strcmp0 (mfa_factor_get_strategy (a), mfa_factor_get_strategy (b)) == 0 &&
         g_strcmp0 (mfa_factor_get_phone_number_id (a), mfa_factor_get_phone_number_id (b)) == 0 &&
         g_strcmp0 (mfa_factor_get_safe_identifier (a), mfa_factor_get_safe_identifier (b)) == 0;
}

/* A rate limit on attempts waits in the same cooldown as the resends. */
#define RETRY_KEY "rate-limit"

static gboolean
is_retry_waiting (MfaFactorPrompt *self)
{
  return mfa_cooldown_remaining_ms (self->cooldown, RETRY_KEY) > 0;
}

/* The cooldown of a code is the one of its destination. */
static char *
cooldown_key (MfaFactorPrompt *self)
{
  const char *id;

  if (!is_sent (self))
    return NULL;

  id = mfa_factor_get_phone_number_id (self->factor);
  if (id == NULL)
    id = mfa_factor_get_safe_identifier (self->factor);

  return g_strdup_printf ("%s:%s", mfa_factor_get_strategy (self->factor), id != NULL ? id : "");
}

static gint64
resend_remaining_ms (MfaFactorPrompt *self)
{
  g_autofree char *key = cooldown_key (self);

  return key != NULL ? mfa_cooldown_remaining_ms (self->cooldown, key) : 0;
}

/* The destination of a code, as a person reads it. */
static char *
format_destination (MfaFactorPrompt *self,
                    MfaFactor       *factor)
{
  const char *identifier = mfa_factor_get_safe_identifier (factor);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (identifier == NULL || identifier[0] == '\0')
    return NULL;

  if (g_strcmp0 (mfa_factor_get_strategy (factor), "phone_code") == 0)
    return mfa_phone_display_format (identifier,
                                     rtl ? MFA_PHONE_DISPLAY_ISOLATE : MFA_PHONE_DISPLAY_DEFAULT);

  /* An address reads left to right too. */
  if (rtl)
    return g_strconcat ("\u2066", identifier, "\u2069", NULL);

  return g_strdup (identifier);
}

static char *
describe_method (MfaFactorPrompt *self,
                 MfaFactor       *factor)
{
  const char *strategy = mfa_factor_get_strategy (factor);
  g_autofree char *destination = format_destination (self, factor);

  if (g_strcmp0 (strategy, "password") == 0)
    return g_strdup (_("Password"));

  if (g_strcmp0 (strategy, "phone_code") == 0)
    {
      if (destination == NULL)
        return g_strdup (_("Text message"));
      /* Translators: %s is a masked phone number such as +*******0123 */
      return g_strdup_printf (_("Text message to %s"), destination);
    }

  if (g_strcmp0 (strategy, "email_code") == 0)
    {
      if (destination == NULL)
        return g_strdup (_("Email"));
      /* Translators: %s is a masked email address such as j***@example.com */
      return g_strdup_printf (_("Email to %s"), destination);
    }

  if (g_strcmp0 (strategy, "totp") == 0)
    return g_strdup (_("Authenticator app"));

  if (g_strcmp0 (strategy, "backup_code") == 0)
    return g_strdup (_("Backup code"));

  return NULL;
}

static char *
describe_factor (MfaFactorPrompt *self)
{
  g_autofree char *destination = NULL;

  if (self->factor == NULL)
    return g_strdup ("");

  destination = format_destination (self, self->factor);

  if (is_strategy (self, "password"))
    return g_strdup (_("Enter the password you use to sign in to this account."));

  if (is_strategy (self, "phone_code"))
    {
      if (destination == NULL)
        return g_strdup (_("We sent a code by text message to your phone."));
      /* Translators: %s is a masked phone number such as +*******0123 */
      return g_strdup_printf (_("We sent a code by text message to %s."), destination);
    }

  if (is_strategy (self, "email_code"))
    {
      if (destination == NULL)
        return g_strdup (_("We sent a code to your email address."));
      /* Translators: %s is a masked email address such as j***@example.com */
      return g_strdup_printf (_("We sent a code to %s."), destination);
    }

  if (is_strategy (self, "totp"))
    return g_strdup (_("Enter a code from your authenticator app."));

  return g_strdup (_("Enter one of your backup codes. Each code works once."));
}

/* Whether what is typed can be sent. An empty password can: the
 * person is told what is missing.
 */
static gboolean
input_is_complete (MfaFactorPrompt *self)
{
  g_autofree char *backup = NULL;

  if (self->factor == NULL)
    return FALSE;

  if (is_strategy (self, "password"))
    return TRUE;

  if (is_code (self))
    return mfa_code_entry_is_complete (self->code_entry);

  backup = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->backup_entry))));
  return backup[0] != '\0';
}

static void
update_verify (MfaFactorPrompt *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button),
                            !self->busy && !is_retry_waiting (self) && input_is_complete (self));
}

static void
update_resend (MfaFactorPrompt *self)
{
  gint64 remaining = resend_remaining_ms (self);
  g_autofree char *label = mfa_cooldown_format_resend (remaining);

  gtk_widget_set_visible (GTK_WIDGET (self->resend_button), is_sent (self));
  gtk_button_set_label (self->resend_button, label);
  mfa_narrow_wrap_button (self->resend_button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->resend_button), !self->busy && remaining <= 0);
}

static GtkWidget *
get_input (MfaFactorPrompt *self)
{
  if (is_strategy (self, "password"))
    return GTK_WIDGET (self->password_row);
  if (is_code (self))
    return GTK_WIDGET (self->code_entry);

  return GTK_WIDGET (self->backup_entry);
}

static void
focus_input (MfaFactorPrompt *self)
{
  if (self->factor == NULL)
    return;

  /* Busy, the input cannot take the focus: it gets it back when done. */
  if (self->busy)
    {
      self->refocus = TRUE;
      return;
    }

  gtk_widget_grab_focus (get_input (self));
}

static void
mark_input (MfaFactorPrompt *self,
            gboolean         error)
{
  GtkWidget *input = get_input (self);

  if (MFA_IS_CODE_ENTRY (input))
    mfa_code_entry_set_error (MFA_CODE_ENTRY (input), error);
  else if (error)
    gtk_widget_add_css_class (input, "error");
  else
    gtk_widget_remove_css_class (input, "error");
}

static void
clear_input_errors (MfaFactorPrompt *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->backup_entry), "error");
  mfa_code_entry_set_error (self->code_entry, FALSE);

  /* The countdown of a rate limit stays until it ends. */
  if (!is_retry_waiting (self))
    show_label (self->error_label, NULL);
}

/* Lists the factors not in use, so a person can switch. */
static void
fill_methods (MfaFactorPrompt *self)
{
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->methods_list))) != NULL)
    gtk_list_box_remove (self->methods_list, child);

  for (guint i = 0; self->factors != NULL && i < g_list_model_get_n_items (self->factors); i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (self->factors, i);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (!is_known (mfa_factor_get_strategy (factor)) ||
          (self->factor != NULL && same_factor (factor, self->factor)))
        continue;

      title = describe_method (self, factor);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      mfa_width_layout_install_in (row);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "factor", g_object_ref (factor), g_object_unref);
      gtk_list_box_append (self->methods_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->methods_title_label),
                          shown > 0 && self->methods_title != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->methods_list), shown > 0);
}

/* Shows what the factor in use asks for. */
static void
update_factor (MfaFactorPrompt *self)
{
  g_autofree char *text = describe_factor (self);

  show_label (self->description_label, text);
  gtk_label_set_text_with_mnemonic (self->verify_label,
                                    is_strategy (self, "password") ? _("_Continue") : _("_Verify"));

  gtk_widget_set_visible (GTK_WIDGET (self->password_list), is_strategy (self, "password"));
  gtk_widget_set_visible (GTK_WIDGET (self->code_entry), is_code (self));
  gtk_widget_set_visible (GTK_WIDGET (self->backup_entry), is_strategy (self, "backup_code"));
  gtk_widget_set_visible (GTK_WIDGET (self->verify_button), self->factor != NULL);

  update_resend (self);
  update_verify (self);
}

/* Rate limits on attempts */

static void
update_retry (MfaFactorPrompt *self)
{
  gint64 remaining = mfa_cooldown_remaining_ms (self->cooldown, RETRY_KEY);
  g_autofree char *text = NULL;

  if (remaining <= 0)
    {
      show_label (self->error_label, NULL);
      return;
    }

  text = mfa_error_format_retry ((remaining + 999) / 1000);
  show_label (self->error_label, text);
}

static void
stop_retry_countdown (MfaFactorPrompt *self)
{
  mfa_cooldown_clear (self->cooldown, RETRY_KEY);
}

static void
cooldown_changed_cb (MfaFactorPrompt *self,
                     const char      *key)
{
  if (g_strcmp0 (key, RETRY_KEY) == 0)
    {
      update_retry (self);
      update_verify (self);
    }
  else
    update_resend (self);
}

/**
 * mfa_factor_prompt_start_retry_countdown:
 * @self: a #MfaFactorPrompt
 * @seconds: how long the service asked to wait, 0 when it did not say
 *
 * Attempts were refused as too many: says so, counting down on the
 * clock, and sends nothing until the time is up.
 */
void
mfa_factor_prompt_start_retry_countdown (MfaFactorPrompt *self,
                                         guint            seconds)
{
  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));

  stop_retry_countdown (self);

  if (seconds == 0)
    {
      show_label (self->error_label, _("Too many attempts. Wait a moment and try again."));
      update_verify (self);
      return;
    }

  mfa_cooldown_start (self->cooldown, RETRY_KEY, (gint64)seconds * 1000);
  update_retry (self);
  update_verify (self);
  focus_input (self);
}

/* Submitting */

static void
submit (MfaFactorPrompt *self,
        const char      *secret)
{
  if (self->busy || self->factor == NULL || is_retry_waiting (self))
    return;

  clear_input_errors (self);
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0, mfa_factor_get_strategy (self->factor), secret);
}

static void
code_complete_cb (MfaFactorPrompt *self,
                  const char      *code)
{
  submit (self, code);
}

static void
input_changed_cb (MfaFactorPrompt *self)
{
  clear_input_errors (self);
  update_verify (self);
}

static void
verify_clicked_cb (MfaFactorPrompt *self)
{
  g_autofree char *backup = NULL;
  const char *password;

  if (self->busy || self->factor == NULL || is_retry_waiting (self))
    return;

  if (is_strategy (self, "password"))
    {
      password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
      if (password[0] == '\0')
        {
          mfa_factor_prompt_set_error (self, _("Enter your password."));
          mark_input (self, TRUE);
          focus_input (self);
          return;
        }
      submit (self, password);
      return;
    }

  if (is_code (self))
    {
      if (!mfa_code_entry_is_complete (self->code_entry))
        {
          mfa_factor_prompt_set_error (self, _("Enter all six digits of the code."));
          mark_input (self, TRUE);
          focus_input (self);
          return;
        }
      submit (self, mfa_code_entry_get_code (self->code_entry));
      return;
    }

  backup = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->backup_entry))));
  if (backup[0] == '\0')
    {
      mfa_factor_prompt_set_error (self, _("Enter one of your backup codes."));
      mark_input (self, TRUE);
      focus_input (self);
      return;
    }

  submit (self, backup);
}

static void
resend_clicked_cb (MfaFactorPrompt *self)
{
  if (self->busy || !is_sent (self) || resend_remaining_ms (self) > 0)
    return;

  mfa_code_entry_clear (self->code_entry);
  clear_input_errors (self);
  focus_input (self);
  g_signal_emit (self, signals[SIGNAL_RESEND], 0, self->factor);
}

static void
method_activated_cb (MfaFactorPrompt *self,
                     GtkListBoxRow   *row)
{
  MfaFactor *factor = g_object_get_data (G_OBJECT (row), "factor");

  if (factor != NULL && !self->busy)
    mfa_factor_prompt_set_factor (self, factor);
}

/* Public API */

/* The first factor of @strategy among @factors; with @default_only, the
 * one marked default.
 */
static MfaFactor *
find_factor (GListModel *factors,
             const char *strategy,
             gboolean    default_only)
{
  guint n = factors != NULL ? g_list_model_get_n_items (factors) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

      if (g_strcmp0 (mfa_factor_get_strategy (factor), strategy) == 0 &&
          (!default_only || mfa_factor_get_default (factor)))
        return g_steal_pointer (&factor);
    }

  return NULL;
}

/**
 * mfa_factor_prompt_set_factors:
 * @self: a #MfaFactorPrompt
 * @factors: (nullable): the #MfaFactor objects on offer
 *
 * Offers @factors and picks the first to use: the password, then the
 * authenticator app (as Clerk's own apps do: it sends nothing, and a text
 * message goes out only when the person picks one), then the default
 * phone, then a text message, an email, a backup code. Strategies this
 * app does not know are left out.
 */
void
mfa_factor_prompt_set_factors (MfaFactorPrompt *self,
                               GListModel      *factors)
{
  static const struct {
    const char *strategy;
    gboolean    default_only;
  } order[] = {
    { "password", FALSE },
    { "totp", FALSE },
    { "phone_code", TRUE },
    { "phone_code", FALSE },
    { "email_code", FALSE },
    { "backup_code", FALSE },
  };
  g_autoptr(MfaFactor) first = NULL;

  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));
  g_return_if_fail (factors == NULL || G_IS_LIST_MODEL (factors));

  g_set_object (&self->factors, factors);

  for (guint o = 0; first == NULL && o < G_N_ELEMENTS (order); o++)
    first = find_factor (factors, order[o].strategy, order[o].default_only);

  g_clear_object (&self->factor);
  mfa_factor_prompt_set_factor (self, first);
}

/**
 * mfa_factor_prompt_get_factor:
 * @self: a #MfaFactorPrompt
 *
 * Returns: (transfer none) (nullable): the factor in use; %NULL when
 *   none of the factors on offer is one this app knows
 */
MfaFactor *
mfa_factor_prompt_get_factor (MfaFactorPrompt *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR_PROMPT (self), NULL);

  return self->factor;
}

/**
 * mfa_factor_prompt_get_strategy:
 * @self: a #MfaFactorPrompt
 *
 * Returns: (nullable): the strategy of the factor in use
 */
const char *
mfa_factor_prompt_get_strategy (MfaFactorPrompt *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR_PROMPT (self), NULL);

  return self->factor != NULL ? mfa_factor_get_strategy (self->factor) : NULL;
}

/**
 * mfa_factor_prompt_set_factor:
 * @self: a #MfaFactorPrompt
 * @factor: (nullable): the factor to use
 *
 * Asks for @factor's secret, with what was typed and any error cleared,
 * and emits #MfaFactorPrompt::factor-changed.
 */
void
mfa_factor_prompt_set_factor (MfaFactorPrompt *self,
                              MfaFactor       *factor)
{
  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));
  g_return_if_fail (factor == NULL || MFA_IS_FACTOR (factor));

  if (factor != NULL && !is_known (mfa_factor_get_strategy (factor)))
    factor = NULL;

  g_set_object (&self->factor, factor);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  mfa_code_entry_clear (self->code_entry);
  gtk_editable_set_text (GTK_EDITABLE (self->backup_entry), "");
  clear_input_errors (self);
  update_factor (self);
  fill_methods (self);
  focus_input (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACTOR]);
  g_signal_emit (self, signals[SIGNAL_FACTOR_CHANGED], 0, self->factor);
}

gboolean
mfa_factor_prompt_get_busy (MfaFactorPrompt *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR_PROMPT (self), FALSE);

  return self->busy;
}

/**
 * mfa_factor_prompt_set_busy:
 * @self: a #MfaFactorPrompt
 * @busy: whether a request is on its way
 *
 * While busy, the Verify button spins and nothing can be typed, sent
 * again or switched to.
 */
void
mfa_factor_prompt_set_busy (MfaFactorPrompt *self,
                            gboolean         busy)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  if (busy)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      focus = root != NULL ? gtk_root_get_focus (root) : NULL;
      /* The input gives the focus up before it turns insensitive, as
       * it would to another widget, and takes it back when done.
       */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        {
          self->refocus = TRUE;
          gtk_root_set_focus (root, NULL);
        }
    }

  self->busy = busy;

  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), busy);
  gtk_spinner_set_spinning (self->verify_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_list), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->methods_list), !busy);
  update_resend (self);
  update_verify (self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);

  if (!busy && self->refocus)
    {
      self->refocus = FALSE;
      focus_input (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * mfa_factor_prompt_set_error:
 * @self: a #MfaFactorPrompt
 * @message: (nullable): what went wrong, or %NULL to clear it
 *
 * Shows @message under the input.
 */
void
mfa_factor_prompt_set_error (MfaFactorPrompt *self,
                             const char      *message)
{
  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));

  if (message == NULL)
    {
      clear_input_errors (self);
      return;
    }

  show_label (self->error_label, message);
}

/**
 * mfa_factor_prompt_show_attempt_error:
 * @self: a #MfaFactorPrompt
 * @error: why the service refused what was submitted
 * @base_url: (nullable): the service, named when it cannot be reached
 *
 * Says why the secret was refused, marks the input and puts the focus
 * back in it. A code that expired or was tried too often can be sent
 * again at once; too many attempts wait as long as the service asks.
 */
void
mfa_factor_prompt_show_attempt_error (MfaFactorPrompt *self,
                                      const GError    *error,
                                      const char      *base_url)
{
  g_autofree char *message = NULL;

  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
    {
      mfa_factor_prompt_start_retry_countdown (self,
                                               MAX (mfa_client_error_get_retry_after (error), 0));
      return;
    }

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_EXPIRED))
    message = g_strdup (_("This code has expired. Send a new one."));
  else if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_FAILED))
    message = g_strdup (_("Too many wrong codes. Send a new code and try again."));
  else
    message = mfa_error_describe (base_url, error);

  /* Those outcomes need a new code: the cooldown no longer applies. */
  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_EXPIRED) ||
      g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_FAILED))
    mfa_factor_prompt_clear_cooldown (self);

  show_label (self->error_label, message);
  mark_input (self, TRUE);
  focus_input (self);
}

/**
 * mfa_factor_prompt_can_send:
 * @self: a #MfaFactorPrompt
 *
 * Returns: whether the factor in use is a code the service sends, and
 *   none was sent to its destination moments ago
 */
gboolean
mfa_factor_prompt_can_send (MfaFactorPrompt *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR_PROMPT (self), FALSE);

  return is_sent (self) && resend_remaining_ms (self) <= 0;
}

/**
 * mfa_factor_prompt_start_cooldown:
 * @self: a #MfaFactorPrompt
 * @seconds: how long before the code can be sent again
 *
 * A code went to the destination of the factor in use: the Resend
 * button counts down on the clock.
 */
void
mfa_factor_prompt_start_cooldown (MfaFactorPrompt *self,
                                  guint            seconds)
{
  g_autofree char *key = NULL;

  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));

  key = cooldown_key (self);
  if (key == NULL)
    return;

  mfa_cooldown_start (self->cooldown, key, (gint64)seconds * 1000);
  update_resend (self);
}

/**
 * mfa_factor_prompt_clear_cooldown:
 * @self: a #MfaFactorPrompt
 *
 * The code of the factor in use can be sent again now.
 */
void
mfa_factor_prompt_clear_cooldown (MfaFactorPrompt *self)
{
  g_autofree char *key = NULL;

  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));

  key = cooldown_key (self);
  if (key != NULL)
    mfa_cooldown_clear (self->cooldown, key);
  update_resend (self);
}

/**
 * mfa_factor_prompt_clear_cooldowns:
 * @self: a #MfaFactorPrompt
 *
 * Forgets every countdown, of resends and of a rate limit: the codes
 * were for a verification that is over.
 */
void
mfa_factor_prompt_clear_cooldowns (MfaFactorPrompt *self)
{
  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));

  if (is_retry_waiting (self))
    show_label (self->error_label, NULL);
  mfa_cooldown_clear_all (self->cooldown);
  update_resend (self);
  update_verify (self);
}

MfaClock *
mfa_factor_prompt_get_clock (MfaFactorPrompt *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR_PROMPT (self), NULL);

  return self->clock;
}

/**
 * mfa_factor_prompt_set_clock:
 * @self: a #MfaFactorPrompt
 * @clock: (nullable): the clock countdowns read, or %NULL for the default
 */
void
mfa_factor_prompt_set_clock (MfaFactorPrompt *self,
                             MfaClock        *clock)
{
  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));
  g_return_if_fail (clock == NULL || MFA_IS_CLOCK (clock));

  if (self->clock == clock)
    return;

  /* A countdown on the old clock would never end on the new one. */
  if (is_retry_waiting (self))
    {
      stop_retry_countdown (self);
      show_label (self->error_label, NULL);
    }

  g_set_object (&self->clock, clock);
  mfa_cooldown_set_clock (self->cooldown, get_clock (self));
  update_resend (self);
  update_verify (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

const char *
mfa_factor_prompt_get_methods_title (MfaFactorPrompt *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR_PROMPT (self), NULL);

  return self->methods_title;
}

/**
 * mfa_factor_prompt_set_methods_title:
 * @self: a #MfaFactorPrompt
 * @title: (nullable): the heading of the other factors, such as “Other
 *   Ways to Sign In”
 */
void
mfa_factor_prompt_set_methods_title (MfaFactorPrompt *self,
                                     const char      *title)
{
  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));

  if (g_strcmp0 (self->methods_title, title) == 0)
    return;

  g_free (self->methods_title);
  self->methods_title = g_strdup (title);

  gtk_label_set_label (self->methods_title_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->methods_title_label),
                          title != NULL && gtk_widget_get_visible (GTK_WIDGET (self->methods_list)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHODS_TITLE]);
}

/* GObject */

static void
mfa_factor_prompt_direction_changed (GtkWidget        *widget,
                                     GtkTextDirection  previous_direction)
{
  MfaFactorPrompt *self = MFA_FACTOR_PROMPT (widget);

  GTK_WIDGET_CLASS (mfa_factor_prompt_parent_class)->direction_changed (widget, previous_direction);

  /* Numbers and addresses are isolated in right-to-left text only. */
  update_factor (self);
  fill_methods (self);
}

static void
mfa_factor_prompt_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfaFactorPrompt *self = MFA_FACTOR_PROMPT (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_FACTOR:
      g_value_set_object (value, self->factor);
      break;

    case PROP_METHODS_TITLE:
      g_value_set_string (value, self->methods_title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_factor_prompt_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MfaFactorPrompt *self = MFA_FACTOR_PROMPT (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      mfa_factor_prompt_set_clock (self, g_value_get_object (value));
      break;

    case PROP_BUSY:
      mfa_factor_prompt_set_busy (self, g_value_get_boolean (value));
      break;

    case PROP_METHODS_TITLE:
      mfa_factor_prompt_set_methods_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_factor_prompt_dispose (GObject *object)
{
  MfaFactorPrompt *self = (MfaFactorPrompt *)object;

  if (self->cooldown != NULL)
    mfa_cooldown_clear_all (self->cooldown);
  g_clear_object (&self->cooldown);

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_FACTOR_PROMPT);

  g_clear_object (&self->factors);
  g_clear_object (&self->factor);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_factor_prompt_parent_class)->dispose (object);
}

static void
mfa_factor_prompt_finalize (GObject *object)
{
  MfaFactorPrompt *self = (MfaFactorPrompt *)object;

  g_clear_pointer (&self->methods_title, g_free);

  G_OBJECT_CLASS (mfa_factor_prompt_parent_class)->finalize (object);
}

static void
mfa_factor_prompt_class_init (MfaFactorPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_factor_prompt_get_property;
  object_class->set_property = mfa_factor_prompt_set_property;
  object_class->dispose = mfa_factor_prompt_dispose;
  object_class->finalize = mfa_factor_prompt_finalize;
  widget_class->direction_changed = mfa_factor_prompt_direction_changed;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, MFA_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACTOR] =
    g_param_spec_object ("factor", NULL, NULL, MFA_TYPE_FACTOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHODS_TITLE] =
    g_param_spec_string ("methods-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaFactorPrompt::submit:
   * @self: the prompt
   * @strategy: the strategy of the factor in use
   * @secret: the code, backup code or password typed
   *
   * A person sent what they typed. The owner attempts it, busy meanwhile.
   */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * MfaFactorPrompt::resend:
   * @self: the prompt
   * @factor: the factor whose code to send again
   *
   * A person asked for a new code. The owner sends it and starts the
   * cooldown.
   */
  signals[SIGNAL_RESEND] =
    g_signal_new ("resend",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MFA_TYPE_FACTOR);

  /**
   * MfaFactorPrompt::factor-changed:
   * @self: the prompt
   * @factor: (nullable): the factor in use now
   *
   * Another factor is in use: picked by a person, or first of a new
   * list. For a code the service sends, the owner sends one when
   * mfa_factor_prompt_can_send() says so.
   */
  signals[SIGNAL_FACTOR_CHANGED] =
    g_signal_new ("factor-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MFA_TYPE_FACTOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-factor-prompt.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, description_label);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, password_list);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, password_row);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, code_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, backup_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, verify_button);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, verify_label);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, resend_button);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, methods_title_label);
  gtk_widget_class_bind_template_child (widget_class, MfaFactorPrompt, methods_list);
  gtk_widget_class_bind_template_callback (widget_class, code_complete_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, resend_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_activated_cb);
}

static void
mfa_factor_prompt_init (MfaFactorPrompt *self)
{
  g_type_ensure (MFA_TYPE_CODE_ENTRY);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_width_layout_install_in (GTK_WIDGET (self));

  self->cooldown = mfa_cooldown_new (mfa_clock_get_default ());
  g_signal_connect_swapped (self->cooldown, "changed", G_CALLBACK (cooldown_changed_cb), self);

  /* Enter in the code field submits what is there (after a refused
   * code, say, when ::complete does not fire again).
   */
  g_signal_connect_object (mfa_code_entry_get_editable (self->code_entry), "activate",
                           G_CALLBACK (verify_clicked_cb), self, G_CONNECT_SWAPPED);

  update_factor (self);
}
