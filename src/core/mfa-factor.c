/* mfa-factor.c
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

#define G_LOG_DOMAIN "mfa-factor"

#include "config.h"

#include "mfa-factor.h"

/**
 * MfaFactor:
 *
 * One way to pass a sign-in or reverification step, as the server offers
 * it in `supported_first_factors` or `supported_second_factors`: a
 * strategy (`password`, `phone_code`, `totp`, `backup_code`, or one this
 * version does not know) and, for SMS, the phone's id and masked number.
 */

struct _MfaFactor
{
  GObject   parent_instance;

  char     *strategy;
  char     *phone_number_id;
  char     *email_address_id;
  char     *safe_identifier;
  gboolean  is_default;
};

G_DEFINE_FINAL_TYPE (MfaFactor, mfa_factor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STRATEGY,
  PROP_PHONE_NUMBER_ID,
  PROP_EMAIL_ADDRESS_ID,
  PROP_SAFE_IDENTIFIER,
  PROP_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfa_factor_finalize (GObject *object)
{
  MfaFactor *self = (MfaFactor *)object;

  g_clear_pointer (&self->strategy, g_free);
  g_clear_pointer (&self->phone_number_id, g_free);
  g_clear_pointer (&self->email_address_id, g_free);
  g_clear_pointer (&self->safe_identifier, g_free);

  G_OBJECT_CLASS (mfa_factor_parent_class)->finalize (object);
}

static void
mfa_factor_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfaFactor *self = MFA_FACTOR (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_string (value, self->strategy);
      break;

    case PROP_PHONE_NUMBER_ID:
      g_value_set_string (value, self->phone_number_id);
      break;

    case PROP_EMAIL_ADDRESS_ID:
      g_value_set_string (value, self->email_address_id);
      break;

    case PROP_SAFE_IDENTIFIER:
      g_value_set_string (value, self->safe_identifier);
      break;

    case PROP_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_factor_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MfaFactor *self = MFA_FACTOR (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      self->strategy = g_value_dup_string (value);
      break;

    case PROP_PHONE_NUMBER_ID:
      self->phone_number_id = g_value_dup_string (value);
      break;

    case PROP_EMAIL_ADDRESS_ID:
      self->email_address_id = g_value_dup_string (value);
      break;

    case PROP_SAFE_IDENTIFIER:
      self->safe_identifier = g_value_dup_string (value);
      break;

    case PROP_DEFAULT:
      self->is_default = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_factor_class_init (MfaFactorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfa_factor_finalize;
  object_class->get_property = mfa_factor_get_property;
  object_class->set_property = mfa_factor_set_property;

  properties[PROP_STRATEGY] =
    g_param_spec_string ("strategy", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONE_NUMBER_ID] =
    g_param_spec_string ("phone-number-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaFactor:email-address-id:
   *
   * The address of an `email_code` factor (`idn_…`).
   */
  properties[PROP_EMAIL_ADDRESS_ID] =
    g_param_spec_string ("email-address-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaFactor:safe-identifier:
   *
   * The masked number as the server gives it (`+*******0123`).
   */
  properties[PROP_SAFE_IDENTIFIER] =
    g_param_spec_string ("safe-identifier", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT] =
    g_param_spec_boolean ("default", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_factor_init (MfaFactor *self)
{
}

MfaFactor *
mfa_factor_new (const char *strategy,
                const char *phone_number_id,
                const char *safe_identifier,
                gboolean    is_default)
{
  g_return_val_if_fail (strategy != NULL, NULL);

  return g_object_new (MFA_TYPE_FACTOR,
                       "strategy", strategy,
                       "phone-number-id", phone_number_id,
                       "safe-identifier", safe_identifier,
                       "default", is_default,
                       NULL);
}

const char *
mfa_factor_get_strategy (MfaFactor *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR (self), NULL);
  return self->strategy;
}

/**
 * mfa_factor_get_phone_number_id:
 *
 * Returns: (nullable): the phone of a `phone_code` factor
 */
const char *
mfa_factor_get_phone_number_id (MfaFactor *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR (self), NULL);
  return self->phone_number_id;
}

/**
 * mfa_factor_new_email:
 * @email_address_id: (nullable): the address's id
 * @safe_identifier: (nullable): the masked address (`j***@example.com`)
 *
 * Returns: (transfer full): an `email_code` factor
 */
MfaFactor *
mfa_factor_new_email (const char *email_address_id,
                      const char *safe_identifier)
{
  return g_object_new (MFA_TYPE_FACTOR,
                       "strategy", "email_code",
                       "email-address-id", email_address_id,
                       "safe-identifier", safe_identifier,
                       NULL);
}

/**
 * mfa_factor_get_email_address_id:
 *
 * Returns: (nullable): the address of an `email_code` factor
 */
const char *
mfa_factor_get_email_address_id (MfaFactor *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR (self), NULL);
  return self->email_address_id;
}

/**
 * mfa_factor_get_safe_identifier:
 *
 * Returns: (nullable): the masked number
 */
const char *
mfa_factor_get_safe_identifier (MfaFactor *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR (self), NULL);
  return self->safe_identifier;
}

gboolean
mfa_factor_get_default (MfaFactor *self)
{
  g_return_val_if_fail (MFA_IS_FACTOR (self), FALSE);
  return self->is_default;
}
