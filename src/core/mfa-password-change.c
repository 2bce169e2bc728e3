/* mfa-password-change.c
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

#define G_LOG_DOMAIN "mfa-password-change"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mfa-client-error.h"
#include "mfa-error-words.h"
#include "mfa-password-change.h"

/**
 * MfaPasswordChange:
 *
 * Changing the account's password: the current one, the new one twice,
 * and whether the other devices are signed out (on unless the person
 * says otherwise). What the instance asks of a password
 * (#MfaPasswordRules) is checked as the person types
 * (#MfaPasswordChange:requirements), before anything is sent; what the
 * service refuses comes back in the app's words, with the field it is
 * about. This device stays signed in. The passwords are wiped from
 * memory once sent, and when the object goes.
 */
struct _MfaPasswordChange
{
  GObject       parent_instance;

  MfaClient    *client;
  GCancellable *cancellable;
  char         *current;
  char         *new_password;
  char         *confirmation;
  char         *requirements;
  char         *message;
  const char   *invalid_field;
  gboolean      sign_out_others;
  gboolean      busy;
  gboolean      done;
};

G_DEFINE_FINAL_TYPE (MfaPasswordChange, mfa_password_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CURRENT_PASSWORD,
  PROP_NEW_PASSWORD,
  PROP_CONFIRMATION,
  PROP_SIGN_OUT_OTHERS,
  PROP_REQUIREMENTS,
  PROP_MISMATCH,
  PROP_CAN_SUBMIT,
  PROP_BUSY,
  PROP_MESSAGE,
  PROP_INVALID_FIELD,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

static const MfaPasswordRules *
get_rules (MfaPasswordChange *self)
{
  MfaEnvironment *environment = mfa_client_get_environment (self->client);

  return environment != NULL ? mfa_environment_get_password_rules (environment)
                             : mfa_password_rules_get_default ();
}

/* What the new password still needs, in words; all of it while none is
 * typed; NULL once it has everything. */
static char *
dup_requirements (MfaPasswordChange *self)
{
  const MfaPasswordRules *rules = get_rules (self);
  const char *password = self->new_password != NULL ? self->new_password : "";
  gboolean empty = password[0] == '\0';
  glong length = g_utf8_strlen (password, -1);
  gboolean upper = FALSE, lower = FALSE, digit = FALSE, special = FALSE;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  for (const char *c = password; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      upper |= g_unichar_isupper (ch);
      lower |= g_unichar_islower (ch);
      digit |= g_unichar_isdigit (ch);
      special |= rules->allowed_special_characters != NULL && ch < 128 &&
                 strchr (rules->allowed_special_characters, (int) ch) != NULL;
    }

  if (length < (glong) rules->min_length)
    g_ptr_array_add (missing, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "at least %u character",
                                                            "at least %u characters",
                                                            rules->min_length),
                                               rules->min_length));
  if (rules->require_uppercase && !upper)
    g_ptr_array_add (missing, g_strdup (_("a capital letter")));
  if (rules->require_lowercase && !lower)
    g_ptr_array_add (missing, g_strdup (_("a small letter")));
  if (rules->require_numbers && !digit)
    g_ptr_array_add (missing, g_strdup (_("a digit")));
  if (rules->require_special_char && !special)
    /* Translators: %s is a list of characters, such as #%$&_! */
    g_ptr_array_add (missing, g_strdup_printf (_("one of %s"), rules->allowed_special_characters));

  if (rules->max_length > 0 && length > (glong) rules->max_length)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The password is too long: %u character at most.",
                                         "The password is too long: %u characters at most.",
                                         rules->max_length),
                            rules->max_length);

  if (missing->len == 0)
    return NULL;

  g_ptr_array_add (missing, NULL);
  /* Translators: the separator of a list of what a password needs */
  list = g_strjoinv (_(", "), (char **) missing->pdata);

  if (empty)
    /* Translators: %s is what a password needs, such as “at least 8
     * characters, a capital letter” */
    return g_strdup_printf (_("Use %s."), list);

  /* Translators: %s is what the password typed still lacks */
  return g_strdup_printf (_("Still needed: %s."), list);
}

gboolean
mfa_password_change_get_mismatch (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), FALSE);

  return self->confirmation != NULL && self->confirmation[0] != '\0' &&
         g_strcmp0 (self->confirmation, self->new_password) != 0;
}

gboolean
mfa_password_change_get_can_submit (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), FALSE);

  return !self->busy && !self->done &&
         self->current != NULL && self->current[0] != '\0' &&
         self->new_password != NULL && self->new_password[0] != '\0' &&
         self->requirements == NULL &&
         g_strcmp0 (self->confirmation, self->new_password) == 0;
}

static void
set_message (MfaPasswordChange *self,
             char              *message,
             const char        *invalid_field)
{
  g_free (self->message);
  self->message = message;
  self->invalid_field = invalid_field;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVALID_FIELD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/* The typing changed: what is still needed, and whether it can go. */
static void
update (MfaPasswordChange *self)
{
  g_free (self->requirements);
  self->requirements = dup_requirements (self);

  if (self->message != NULL)
    set_message (self, NULL, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIREMENTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISMATCH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SUBMIT]);
}

static void
set_text (MfaPasswordChange *self,
          char             **field,
          const char        *text,
          guint              prop)
{
  if (g_strcmp0 (*field, text) == 0)
    return;

  wipe (field);
  *field = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  update (self);
}

void
mfa_password_change_set_current (MfaPasswordChange *self,
                                 const char        *password)
{
  g_return_if_fail (MFA_IS_PASSWORD_CHANGE (self));
  set_text (self, &self->current, password, PROP_CURRENT_PASSWORD);
}

void
mfa_password_change_set_new (MfaPasswordChange *self,
                             const char        *password)
{
  g_return_if_fail (MFA_IS_PASSWORD_CHANGE (self));
  set_text (self, &self->new_password, password, PROP_NEW_PASSWORD);
}

void
mfa_password_change_set_confirmation (MfaPasswordChange *self,
                                      const char        *password)
{
  g_return_if_fail (MFA_IS_PASSWORD_CHANGE (self));
  set_text (self, &self->confirmation, password, PROP_CONFIRMATION);
}

gboolean
mfa_password_change_get_sign_out_others (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), FALSE);
  return self->sign_out_others;
}

void
mfa_password_change_set_sign_out_others (MfaPasswordChange *self,
                                         gboolean           sign_out_others)
{
  g_return_if_fail (MFA_IS_PASSWORD_CHANGE (self));

  sign_out_others = !!sign_out_others;
  if (self->sign_out_others == sign_out_others)
    return;
  self->sign_out_others = sign_out_others;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_OUT_OTHERS]);
}

const char *
mfa_password_change_get_requirements (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), NULL);
  return self->requirements;
}

gboolean
mfa_password_change_get_busy (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), FALSE);
  return self->busy;
}

const char *
mfa_password_change_get_message (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), NULL);
  return self->message;
}

/**
 * mfa_password_change_get_invalid_field:
 * @self: a #MfaPasswordChange
 *
 * Returns: (nullable): `current_password` or `new_password`: the field
 *   #MfaPasswordChange:message is about
 */
const char *
mfa_password_change_get_invalid_field (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), NULL);
  return self->invalid_field;
}

gboolean
mfa_password_change_get_done (MfaPasswordChange *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_CHANGE (self), FALSE);
  return self->done;
}

static void
set_busy (MfaPasswordChange *self,
          gboolean           busy)
{
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SUBMIT]);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaPasswordChange) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *param;

  mfa_client_change_password_finish (MFA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error == NULL)
    {
      wipe (&self->current);
      wipe (&self->new_password);
      wipe (&self->confirmation);
      self->done = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
      set_busy (self, FALSE);
      return;
    }

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    set_message (self, g_strdup (_("The password was not changed: the change needs you to confirm it is you.")),
                 NULL);
  else
    {
      param = mfa_client_error_get_param_name (error);
      set_message (self,
                   mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE,
                                       mfa_client_get_base_url (self->client), NULL),
                   g_strcmp0 (param, "current_password") == 0 ? "current_password"
                   : g_strcmp0 (param, "new_password") == 0 ? "new_password" : NULL);
    }
  set_busy (self, FALSE);
}

/**
 * mfa_password_change_submit:
 * @self: a #MfaPasswordChange
 *
 * Sends the change, once everything typed is what the instance asks
 * for and the new password was typed twice the same.
 */
void
mfa_password_change_submit (MfaPasswordChange *self)
{
  g_return_if_fail (MFA_IS_PASSWORD_CHANGE (self));

  if (!mfa_password_change_get_can_submit (self))
    return;

  set_message (self, NULL, NULL);
  set_busy (self, TRUE);
  mfa_client_change_password_async (self->client, self->current, self->new_password,
                                    self->sign_out_others, self->cancellable,
                                    changed_cb, g_object_ref (self));
}

/**
 * mfa_password_change_reset:
 * @self: a #MfaPasswordChange
 *
 * Forgets what was typed and stops what is on its way, as a new form.
 */
void
mfa_password_change_reset (MfaPasswordChange *self)
{
  g_return_if_fail (MFA_IS_PASSWORD_CHANGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  mfa_password_change_set_current (self, NULL);
  mfa_password_change_set_new (self, NULL);
  mfa_password_change_set_confirmation (self, NULL);
  mfa_password_change_set_sign_out_others (self, TRUE);
  self->done = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  set_message (self, NULL, NULL);
  set_busy (self, FALSE);
  update (self);
}

/* GObject */

static void
mfa_password_change_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MfaPasswordChange *self = MFA_PASSWORD_CHANGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CURRENT_PASSWORD:
      g_value_set_string (value, self->current);
      break;
    case PROP_NEW_PASSWORD:
      g_value_set_string (value, self->new_password);
      break;
    case PROP_CONFIRMATION:
      g_value_set_string (value, self->confirmation);
      break;
    case PROP_SIGN_OUT_OTHERS:
      g_value_set_boolean (value, self->sign_out_others);
      break;
    case PROP_REQUIREMENTS:
      g_value_set_string (value, self->requirements);
      break;
    case PROP_MISMATCH:
      g_value_set_boolean (value, mfa_password_change_get_mismatch (self));
      break;
    case PROP_CAN_SUBMIT:
      g_value_set_boolean (value, mfa_password_change_get_can_submit (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_INVALID_FIELD:
      g_value_set_string (value, self->invalid_field);
      break;
    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_password_change_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MfaPasswordChange *self = MFA_PASSWORD_CHANGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CURRENT_PASSWORD:
      mfa_password_change_set_current (self, g_value_get_string (value));
      break;
    case PROP_NEW_PASSWORD:
      mfa_password_change_set_new (self, g_value_get_string (value));
      break;
    case PROP_CONFIRMATION:
      mfa_password_change_set_confirmation (self, g_value_get_string (value));
      break;
    case PROP_SIGN_OUT_OTHERS:
      mfa_password_change_set_sign_out_others (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_password_change_constructed (GObject *object)
{
  MfaPasswordChange *self = MFA_PASSWORD_CHANGE (object);

  G_OBJECT_CLASS (mfa_password_change_parent_class)->constructed (object);

  self->requirements = dup_requirements (self);
}

static void
mfa_password_change_dispose (GObject *object)
{
  MfaPasswordChange *self = MFA_PASSWORD_CHANGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mfa_password_change_parent_class)->dispose (object);
}

static void
mfa_password_change_finalize (GObject *object)
{
  MfaPasswordChange *self = MFA_PASSWORD_CHANGE (object);

  wipe (&self->current);
  wipe (&self->new_password);
  wipe (&self->confirmation);
  g_clear_pointer (&self->requirements, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (mfa_password_change_parent_class)->finalize (object);
}

static void
mfa_password_change_class_init (MfaPasswordChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = mfa_password_change_constructed;
  object_class->get_property = mfa_password_change_get_property;
  object_class->set_property = mfa_password_change_set_property;
  object_class->dispose = mfa_password_change_dispose;
  object_class->finalize = mfa_password_change_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MFA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_PASSWORD] =
    g_param_spec_string ("current-password", NULL, NULL, NULL, rw);
  properties[PROP_NEW_PASSWORD] =
    g_param_spec_string ("new-password", NULL, NULL, NULL, rw);
  properties[PROP_CONFIRMATION] =
    g_param_spec_string ("confirmation", NULL, NULL, NULL, rw);
  properties[PROP_SIGN_OUT_OTHERS] =
    g_param_spec_boolean ("sign-out-others", NULL, NULL, TRUE, rw);
  properties[PROP_REQUIREMENTS] =
    g_param_spec_string ("requirements", NULL, NULL, NULL, ro);
  properties[PROP_MISMATCH] =
    g_param_spec_boolean ("mismatch", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_SUBMIT] =
    g_param_spec_boolean ("can-submit", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_INVALID_FIELD] =
    g_param_spec_string ("invalid-field", NULL, NULL, NULL, ro);
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_password_change_init (MfaPasswordChange *self)
{
  self->sign_out_others = TRUE;
  self->cancellable = g_cancellable_new ();
}

/**
 * mfa_password_change_new:
 * @client: the client of the account
 *
 * Returns: (transfer full): an empty form
 */
MfaPasswordChange *
mfa_password_change_new (MfaClient *client)
{
  g_return_val_if_fail (MFA_IS_CLIENT (client), NULL);

  return g_object_new (MFA_TYPE_PASSWORD_CHANGE, "client", client, NULL);
}
