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
#include "mfa-factor-prompt.h"
#include "mfa-narrow.h"
#include "mfa-phone-display.h"
#include "mfa-transforms.h"

/* Asks for the secret of the factor a #MfaVerification asks for: the
 * code sent by text message or email, a code from an authenticator app,
 * a backup code or the password. Lists the other factors on offer to
 * switch to, shows the resend countdown and what went wrong. Everything
 * it shows is bound to the verification; what the person does goes to
 * the verification's methods.
 */
struct _MfaFactorPrompt
{
  AdwBin           parent_instance;

  MfaVerification *verification;
  GBindingGroup   *bindings;
  GSignalGroup    *signals;
  char            *methods_title;

  /* The input had the focus, or asked for it, while it could not take it. */
  gboolean         refocus;
  gboolean         narrow;

  GtkLabel        *description_label;
  GtkListBox      *password_list;
  AdwEntryRow     *password_row;
  MfaCodeEntry    *code_entry;
  GtkEntry        *backup_entry;
  GtkLabel        *error_label;
  GtkButton       *verify_button;
  GtkSpinner      *verify_spinner;
  GtkLabel        *verify_label;
  GtkButton       *resend_button;
  GtkLabel        *methods_title_label;
  GtkListBox      *methods_list;
};

G_DEFINE_FINAL_TYPE (MfaFactorPrompt, mfa_factor_prompt, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VERIFICATION,
  PROP_METHODS_TITLE,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mfa_factor_prompt_new (void)
{
  return g_object_new (MFA_TYPE_FACTOR_PROMPT, NULL);
}

static MfaFactor *
get_factor (MfaFactorPrompt *self)
{
  return self->verification != NULL ? mfa_verification_get_factor (self->verification) : NULL;
}

static gboolean
is_strategy_of (const char *strategy,
                const char *wanted)
{
  return g_strcmp0 (strategy, wanted) == 0;
}

static gboolean
is_strategy (MfaFactorPrompt *self,
             const char      *strategy)
{
  MfaFactor *factor = get_factor (self);

  return factor != NULL && is_strategy_of (mfa_factor_get_strategy (factor), strategy);
}

/* Codes the service sends, which can be sent again. */
static gboolean
strategy_is_sent (const char *strategy)
{
  return is_strategy_of (strategy, "phone_code") || is_strategy_of (strategy, "email_code");
}

/* Six digits, typed into the code entry. */
static gboolean
strategy_is_code (const char *strategy)
{
  return strategy_is_sent (strategy) || is_strategy_of (strategy, "totp");
}

static gboolean
is_code (MfaFactorPrompt *self)
{
  MfaFactor *factor = get_factor (self);

  return factor != NULL && strategy_is_code (mfa_factor_get_strategy (factor));
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

  return g_strdup (_("Backup code"));
}

static char *
describe_factor (MfaFactorPrompt *self)
{
  g_autofree char *destination = NULL;

  if (get_factor (self) == NULL)
    return g_strdup ("");

  destination = format_destination (self, get_factor (self));

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

  if (get_factor (self) == NULL)
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
  gboolean can = self->verification != NULL &&
                 !mfa_verification_get_busy (self->verification) &&
                 mfa_verification_get_retry_seconds (self->verification) == 0 &&
                 input_is_complete (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), can);
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
  /* Nothing to type once the verification is over, or off screen. */
  if (get_factor (self) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      mfa_verification_get_stage (self->verification) != MFA_VERIFICATION_STAGE_FACTOR)
    return;

  /* Busy, the input cannot take the focus: it gets it back when done. */
  if (mfa_verification_get_busy (self->verification) || !gtk_widget_is_sensitive (get_input (self)))
    {
      self->refocus = TRUE;
      return;
    }

  gtk_widget_grab_focus (get_input (self));
}

/* Marks the input the verification found wrong; typing replaces it. */
static void
input_invalid_changed_cb (MfaFactorPrompt *self)
{
  gboolean invalid = mfa_verification_get_input_invalid (self->verification);
  GtkWidget *input;

  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->backup_entry), "error");
  mfa_code_entry_set_error (self->code_entry, FALSE);

  if (!invalid || get_factor (self) == NULL)
    return;

  input = get_input (self);
  if (MFA_IS_CODE_ENTRY (input))
    mfa_code_entry_set_error (MFA_CODE_ENTRY (input), TRUE);
  else
    gtk_widget_add_css_class (input, "error");
  focus_input (self);
}

/* Lists the factors not in use, so a person can switch. */
static void
fill_methods (MfaFactorPrompt *self)
{
  GListModel *factors = self->verification != NULL ? mfa_verification_get_factors (self->verification) : NULL;
  MfaFactor *current = get_factor (self);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->methods_list))) != NULL)
    gtk_list_box_remove (self->methods_list, child);

  for (guint i = 0; factors != NULL && i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (factor == current)
        continue;

      title = describe_method (self, factor);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      mfa_narrow_lay_out_text (row);
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

/* Another factor is asked for: its description, a clean input, the
 * other factors to switch to. */
static void
factor_changed_cb (MfaFactorPrompt *self)
{
  g_autofree char *text = describe_factor (self);

  gtk_label_set_label (self->description_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), text[0] != '\0');

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  mfa_code_entry_clear (self->code_entry);
  gtk_editable_set_text (GTK_EDITABLE (self->backup_entry), "");
  fill_methods (self);
  update_verify (self);
  focus_input (self);
}

/* Before the bindings make the inputs insensitive: the input gives the
 * focus up, as it would to another widget, and takes it back when done.
 */
static void
busy_changed_cb (MfaFactorPrompt *self)
{
  gboolean busy = mfa_verification_get_busy (self->verification);
  GtkRoot *root;
  GtkWidget *focus;

  if (!busy)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      self->refocus = TRUE;
      gtk_root_set_focus (root, NULL);
    }
}

/* After the bindings made the inputs sensitive again. */
static void
busy_changed_after_cb (MfaFactorPrompt *self)
{
  gboolean busy = mfa_verification_get_busy (self->verification);

  update_verify (self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);

  if (!busy && self->refocus)
    {
      self->refocus = FALSE;
      focus_input (self);
    }
}

/* Binding transforms */

static gboolean
strategy_to_visible (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  const char *strategy = g_value_get_string (from);
  const char *kind = user_data;
  gboolean visible;

  if (g_str_equal (kind, "code"))
    visible = strategy_is_code (strategy);
  else if (g_str_equal (kind, "sent"))
    visible = strategy_is_sent (strategy);
  else if (g_str_equal (kind, "any"))
    visible = strategy != NULL;
  else
    visible = is_strategy_of (strategy, kind);

  g_value_set_boolean (to, visible);
  return TRUE;
}

static gboolean
strategy_to_verify_label (GBinding     *binding,
                          const GValue *from,
                          GValue       *to,
                          gpointer      user_data)
{
  /* Not "_Continue": the step-up dialog's "_Cancel" is next to it. */
  g_value_set_string (to, is_strategy_of (g_value_get_string (from), "password")
                            ? _("Co_ntinue") : _("_Verify"));
  return TRUE;
}

/* What the person does */

static void
submit (MfaFactorPrompt *self,
        const char      *secret)
{
  if (self->verification != NULL)
    mfa_verification_attempt (self->verification, secret);
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
  if (self->verification != NULL)
    mfa_verification_clear_message (self->verification);
  update_verify (self);
}

static void
verify_clicked_cb (MfaFactorPrompt *self)
{
  g_autofree char *backup = NULL;

  if (get_factor (self) == NULL)
    return;

  if (is_strategy (self, "password"))
    submit (self, gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  else if (is_code (self))
    submit (self, mfa_code_entry_is_complete (self->code_entry)
                    ? mfa_code_entry_get_code (self->code_entry) : "");
  else
    submit (self, gtk_editable_get_text (GTK_EDITABLE (self->backup_entry)));
}

static void
resend_clicked_cb (MfaFactorPrompt *self)
{
  if (self->verification == NULL || !mfa_verification_get_can_resend (self->verification))
    return;

  mfa_code_entry_clear (self->code_entry);
  focus_input (self);
  mfa_verification_resend (self->verification);
}

static void
method_activated_cb (MfaFactorPrompt *self,
                     GtkListBoxRow   *row)
{
  MfaFactor *factor = g_object_get_data (G_OBJECT (row), "factor");

  if (factor != NULL && self->verification != NULL)
    mfa_verification_set_factor (self->verification, factor);
}

/* Public API */

/**
 * mfa_factor_prompt_get_verification:
 * @self: a #MfaFactorPrompt
 *
 * Returns: (transfer none) (nullable): the verification the prompt shows
 */
MfaVerification *
mfa_factor_prompt_get_verification (MfaFactorPrompt *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR_PROMPT (self), NULL);

  return self->verification;
}

/**
 * mfa_factor_prompt_set_verification:
 * @self: a #MfaFactorPrompt
 * @verification: (nullable): the verification to show
 */
void
mfa_factor_prompt_set_verification (MfaFactorPrompt *self,
                                    MfaVerification *verification)
{
  g_return_if_fail (MFA_IS_FACTOR_PROMPT (self));
  g_return_if_fail (verification == NULL || MFA_IS_VERIFICATION (verification));

  if (!g_set_object (&self->verification, verification))
    return;

  /* The handlers come first: the input gives the focus up before the
   * bindings make it insensitive. */
  g_signal_group_set_target (self->signals, verification);
  g_binding_group_set_source (self->bindings, verification);
  if (verification != NULL)
    {
      factor_changed_cb (self);
      input_invalid_changed_cb (self);
      busy_changed_after_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFICATION]);
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
  g_autofree char *text = NULL;

  GTK_WIDGET_CLASS (mfa_factor_prompt_parent_class)->direction_changed (widget, previous_direction);

  /* Numbers and addresses are isolated in right-to-left text only. */
  text = describe_factor (self);
  gtk_label_set_label (self->description_label, text);
  fill_methods (self);
}

static void
set_narrow (MfaFactorPrompt *self,
            gboolean         narrow)
{
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
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
    case PROP_VERIFICATION:
      g_value_set_object (value, self->verification);
      break;

    case PROP_METHODS_TITLE:
      g_value_set_string (value, self->methods_title);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
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
    case PROP_VERIFICATION:
      mfa_factor_prompt_set_verification (self, g_value_get_object (value));
      break;

    case PROP_METHODS_TITLE:
      mfa_factor_prompt_set_methods_title (self, g_value_get_string (value));
      break;

    case PROP_NARROW:
      set_narrow (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_factor_prompt_dispose (GObject *object)
{
  MfaFactorPrompt *self = (MfaFactorPrompt *)object;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_FACTOR_PROMPT);

  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);
  g_clear_object (&self->verification);

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

  properties[PROP_VERIFICATION] =
    g_param_spec_object ("verification", NULL, NULL, MFA_TYPE_VERIFICATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHODS_TITLE] =
    g_param_spec_string ("methods-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the window is narrow: the resend button's label then wraps. */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
bind_strategy_visible (MfaFactorPrompt *self,
                       GtkWidget       *widget,
                       const char      *kind)
{
  g_binding_group_bind_full (self->bindings, "strategy", widget, "visible",
                             G_BINDING_SYNC_CREATE, strategy_to_visible, NULL,
                             (gpointer)kind, NULL);
}

static void
mfa_factor_prompt_init (MfaFactorPrompt *self)
{
  GBindingFlags invert = G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN;

  g_type_ensure (MFA_TYPE_CODE_ENTRY);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_lay_out_text (GTK_WIDGET (self));
  mfa_narrow_wrap_button (self->resend_button, G_OBJECT (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "busy", self->verify_spinner, "visible", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->verify_spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->password_list, "sensitive", invert);
  g_binding_group_bind (self->bindings, "busy", self->code_entry, "sensitive", invert);
  g_binding_group_bind (self->bindings, "busy", self->backup_entry, "sensitive", invert);
  g_binding_group_bind (self->bindings, "busy", self->methods_list, "sensitive", invert);
  g_binding_group_bind_full (self->bindings, "message", self->error_label, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->error_label, "visible",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_visible, NULL, NULL, NULL);
  bind_strategy_visible (self, GTK_WIDGET (self->password_list), "password");
  bind_strategy_visible (self, GTK_WIDGET (self->code_entry), "code");
  bind_strategy_visible (self, GTK_WIDGET (self->backup_entry), "backup_code");
  bind_strategy_visible (self, GTK_WIDGET (self->resend_button), "sent");
  bind_strategy_visible (self, GTK_WIDGET (self->verify_button), "any");
  g_binding_group_bind_full (self->bindings, "strategy", self->verify_label, "label",
                             G_BINDING_SYNC_CREATE, strategy_to_verify_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "resend-seconds", self->resend_button, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_seconds_to_resend_label, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "can-resend", self->resend_button, "sensitive",
                        G_BINDING_SYNC_CREATE);

  self->signals = g_signal_group_new (MFA_TYPE_VERIFICATION);
  g_signal_group_connect_swapped (self->signals, "notify::factor", G_CALLBACK (factor_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::busy", G_CALLBACK (busy_changed_cb), self);
  g_signal_group_connect_data (self->signals, "notify::busy", G_CALLBACK (busy_changed_after_cb),
                               self, NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_group_connect_swapped (self->signals, "notify::retry-seconds", G_CALLBACK (update_verify), self);
  g_signal_group_connect_swapped (self->signals, "notify::input-invalid",
                                  G_CALLBACK (input_invalid_changed_cb), self);

  /* Enter in the code field submits what is there (after a refused
   * code, say, when ::complete does not fire again).
   */
  g_signal_connect_object (mfa_code_entry_get_editable (self->code_entry), "activate",
                           G_CALLBACK (verify_clicked_cb), self, G_CONNECT_SWAPPED);

  update_verify (self);
}
