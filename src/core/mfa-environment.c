/* mfa-environment.c
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

#define G_LOG_DOMAIN "mfa-environment"

#include "config.h"

#include "mfa-environment.h"

/**
 * MfaEnvironment:
 *
 * What the instance has switched on, from `GET /v1/environment`: whether
 * it sends sign-in codes by text message, makes backup codes, lets
 * people sign in with a password, knows authenticator apps; and the
 * name it gives itself. The user interface shows only what is on.
 */
struct _MfaEnvironment
{
  GObject   parent_instance;

  gboolean  sms_mfa;
  gboolean  backup_codes;
  gboolean  password;
  gboolean  totp;
  char     *application_name;
  MfaPasswordRules password_rules;
  char     *allowed_special_characters;
};

G_DEFINE_FINAL_TYPE (MfaEnvironment, mfa_environment, G_TYPE_OBJECT)

/* Read-only, for pages to bind to: an instance's settings do not change,
 * a new answer is a new object. */
enum {
  PROP_0,
  PROP_SMS_MFA,
  PROP_BACKUP_CODES,
  PROP_PASSWORD,
  PROP_TOTP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfa_environment_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MfaEnvironment *self = MFA_ENVIRONMENT (object);

  switch (prop_id)
    {
    case PROP_SMS_MFA:
      g_value_set_boolean (value, self->sms_mfa);
      break;

    case PROP_BACKUP_CODES:
      g_value_set_boolean (value, self->backup_codes);
      break;

    case PROP_PASSWORD:
      g_value_set_boolean (value, self->password);
      break;

    case PROP_TOTP:
      g_value_set_boolean (value, self->totp);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_environment_finalize (GObject *object)
{
  MfaEnvironment *self = (MfaEnvironment *)object;

  g_clear_pointer (&self->application_name, g_free);
  g_clear_pointer (&self->allowed_special_characters, g_free);

  G_OBJECT_CLASS (mfa_environment_parent_class)->finalize (object);
}

static void
mfa_environment_class_init (MfaEnvironmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfa_environment_finalize;
  object_class->get_property = mfa_environment_get_property;

  properties[PROP_SMS_MFA] =
    g_param_spec_boolean ("sms-mfa", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKUP_CODES] =
    g_param_spec_boolean ("backup-codes", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSWORD] =
    g_param_spec_boolean ("password", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTP] =
    g_param_spec_boolean ("totp", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_environment_init (MfaEnvironment *self)
{
  self->password_rules = *mfa_password_rules_get_default ();
}

/**
 * mfa_password_rules_get_default:
 *
 * Returns: what Clerk asks of a password unless an instance says more:
 *   8 characters at least, 72 at most
 */
const MfaPasswordRules *
mfa_password_rules_get_default (void)
{
  static const MfaPasswordRules rules = {
    .min_length = 8,
    .max_length = 72,
    .allowed_special_characters = "#%$&_!",
  };

  return &rules;
}

/**
 * mfa_environment_get_password_rules:
 * @self: a #MfaEnvironment
 *
 * Returns: (transfer none): what the instance asks of a new password
 */
const MfaPasswordRules *
mfa_environment_get_password_rules (MfaEnvironment *self)
{
  g_return_val_if_fail (MFA_IS_ENVIRONMENT (self), NULL);

  return &self->password_rules;
}

void
mfa_environment_set_password_rules (MfaEnvironment         *self,
                                    const MfaPasswordRules *rules)
{
  g_return_if_fail (MFA_IS_ENVIRONMENT (self));
  g_return_if_fail (rules != NULL);

  g_free (self->allowed_special_characters);
  self->allowed_special_characters = g_strdup (rules->allowed_special_characters);
  self->password_rules = *rules;
  self->password_rules.allowed_special_characters = self->allowed_special_characters;
}

/**
 * mfa_environment_new:
 * @application_name: (nullable): the instance's name for itself
 *
 * Returns: (transfer full): the settings of an instance
 */
MfaEnvironment *
mfa_environment_new (gboolean    sms_mfa,
                     gboolean    backup_codes,
                     gboolean    password,
                     gboolean    totp,
                     const char *application_name)
{
  MfaEnvironment *self = g_object_new (MFA_TYPE_ENVIRONMENT, NULL);

  self->sms_mfa = sms_mfa;
  self->backup_codes = backup_codes;
  self->password = password;
  self->totp = totp;
  self->application_name = g_strdup (application_name);

  return self;
}

/**
 * mfa_environment_get_sms_mfa:
 *
 * Returns: whether verified phones can receive sign-in codes
 */
gboolean
mfa_environment_get_sms_mfa (MfaEnvironment *self)
{
  g_return_val_if_fail (MFA_IS_ENVIRONMENT (self), TRUE);
  return self->sms_mfa;
}

/**
 * mfa_environment_get_backup_codes:
 *
 * Returns: whether the instance makes backup codes
 */
gboolean
mfa_environment_get_backup_codes (MfaEnvironment *self)
{
  g_return_val_if_fail (MFA_IS_ENVIRONMENT (self), TRUE);
  return self->backup_codes;
}

/**
 * mfa_environment_get_password:
 *
 * Returns: whether people sign in with a password, as this app needs
 */
gboolean
mfa_environment_get_password (MfaEnvironment *self)
{
  g_return_val_if_fail (MFA_IS_ENVIRONMENT (self), TRUE);
  return self->password;
}

gboolean
mfa_environment_get_totp (MfaEnvironment *self)
{
  g_return_val_if_fail (MFA_IS_ENVIRONMENT (self), FALSE);
  return self->totp;
}

/**
 * mfa_environment_get_application_name:
 *
 * Returns: (nullable): the instance's name for itself
 */
const char *
mfa_environment_get_application_name (MfaEnvironment *self)
{
  g_return_val_if_fail (MFA_IS_ENVIRONMENT (self), NULL);
  return self->application_name;
}
