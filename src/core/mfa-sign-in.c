/* mfa-sign-in.c
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

#define G_LOG_DOMAIN "mfa-sign-in"

#include "config.h"

#include "mfa-sign-in.h"

#include "mfa-core-enums.h"

/**
 * MfaSignIn:
 *
 * A sign-in attempt as one answer of the server described it: its
 * status, and the factors it offers for the steps still to go. Each
 * answer gives a new object.
 */

struct _MfaSignIn
{
  GObject                parent_instance;

  char                  *id;
  MfaSignInStatus        status;
  char                  *identifier;
  char                  *created_session_id;
  GListStore            *first_factors;
  GListStore            *second_factors;
  MfaVerificationStatus  second_factor_status;
  gint64                 second_factor_expire_at;
};

G_DEFINE_FINAL_TYPE (MfaSignIn, mfa_sign_in, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_IDENTIFIER,
  PROP_CREATED_SESSION_ID,
  PROP_FIRST_FACTORS,
  PROP_SECOND_FACTORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfa_sign_in_dispose (GObject *object)
{
  MfaSignIn *self = (MfaSignIn *)object;

  g_clear_object (&self->first_factors);
  g_clear_object (&self->second_factors);

  G_OBJECT_CLASS (mfa_sign_in_parent_class)->dispose (object);
}

static void
mfa_sign_in_finalize (GObject *object)
{
  MfaSignIn *self = (MfaSignIn *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->identifier, g_free);
  g_clear_pointer (&self->created_session_id, g_free);

  G_OBJECT_CLASS (mfa_sign_in_parent_class)->finalize (object);
}

static void
mfa_sign_in_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MfaSignIn *self = MFA_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_IDENTIFIER:
      g_value_set_string (value, self->identifier);
      break;

    case PROP_CREATED_SESSION_ID:
      g_value_set_string (value, self->created_session_id);
      break;

    case PROP_FIRST_FACTORS:
      g_value_set_object (value, self->first_factors);
      break;

    case PROP_SECOND_FACTORS:
      g_value_set_object (value, self->second_factors);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_sign_in_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MfaSignIn *self = MFA_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_IDENTIFIER:
      mfa_sign_in_set_identifier (self, g_value_get_string (value));
      break;

    case PROP_CREATED_SESSION_ID:
      mfa_sign_in_set_created_session_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_sign_in_class_init (MfaSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfa_sign_in_dispose;
  object_class->finalize = mfa_sign_in_finalize;
  object_class->get_property = mfa_sign_in_get_property;
  object_class->set_property = mfa_sign_in_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       MFA_TYPE_SIGN_IN_STATUS,
                       MFA_SIGN_IN_STATUS_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IDENTIFIER] =
    g_param_spec_string ("identifier", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_SESSION_ID] =
    g_param_spec_string ("created-session-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaSignIn:first-factors:
   *
   * A #GListModel of #MfaFactor.
   */
  properties[PROP_FIRST_FACTORS] =
    g_param_spec_object ("first-factors", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * MfaSignIn:second-factors:
   *
   * A #GListModel of #MfaFactor: one `phone_code` per reserved phone,
   * `totp`, `backup_code`.
   */
  properties[PROP_SECOND_FACTORS] =
    g_param_spec_object ("second-factors", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_sign_in_init (MfaSignIn *self)
{
  self->first_factors = g_list_store_new (MFA_TYPE_FACTOR);
  self->second_factors = g_list_store_new (MFA_TYPE_FACTOR);
}

MfaSignIn *
mfa_sign_in_new (const char      *id,
                 MfaSignInStatus  status)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (MFA_TYPE_SIGN_IN, "id", id, "status", status, NULL);
}

/**
 * mfa_sign_in_status_from_string:
 *
 * Returns: the status, %MFA_SIGN_IN_STATUS_UNKNOWN for any other text
 */
MfaSignInStatus
mfa_sign_in_status_from_string (const char *status)
{
  static const struct {
    const char      *name;
    MfaSignInStatus  value;
  } names[] = {
    { "needs_identifier", MFA_SIGN_IN_STATUS_NEEDS_IDENTIFIER },
    { "needs_first_factor", MFA_SIGN_IN_STATUS_NEEDS_FIRST_FACTOR },
    { "needs_second_factor", MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR },
    { "needs_client_trust", MFA_SIGN_IN_STATUS_NEEDS_CLIENT_TRUST },
    { "needs_new_password", MFA_SIGN_IN_STATUS_NEEDS_NEW_PASSWORD },
    { "complete", MFA_SIGN_IN_STATUS_COMPLETE },
    { "abandoned", MFA_SIGN_IN_STATUS_ABANDONED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].name, status) == 0)
      return names[i].value;
  return MFA_SIGN_IN_STATUS_UNKNOWN;
}

const char *
mfa_sign_in_get_id (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), NULL);
  return self->id;
}

MfaSignInStatus
mfa_sign_in_get_status (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), MFA_SIGN_IN_STATUS_UNKNOWN);
  return self->status;
}

/**
 * mfa_sign_in_get_identifier:
 *
 * Returns: (nullable): the identifier being signed in
 */
const char *
mfa_sign_in_get_identifier (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), NULL);
  return self->identifier;
}

void
mfa_sign_in_set_identifier (MfaSignIn  *self,
                            const char *identifier)
{
  g_return_if_fail (MFA_IS_SIGN_IN (self));

  if (g_strcmp0 (self->identifier, identifier) == 0)
    return;
  g_free (self->identifier);
  self->identifier = g_strdup (identifier);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDENTIFIER]);
}

/**
 * mfa_sign_in_get_created_session_id:
 *
 * Returns: (nullable): the session of a complete sign-in
 */
const char *
mfa_sign_in_get_created_session_id (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), NULL);
  return self->created_session_id;
}

void
mfa_sign_in_set_created_session_id (MfaSignIn  *self,
                                    const char *session_id)
{
  g_return_if_fail (MFA_IS_SIGN_IN (self));

  if (g_strcmp0 (self->created_session_id, session_id) == 0)
    return;
  g_free (self->created_session_id);
  self->created_session_id = g_strdup (session_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_SESSION_ID]);
}

/**
 * mfa_sign_in_get_first_factors:
 *
 * Returns: (transfer none): a #GListModel of #MfaFactor
 */
GListModel *
mfa_sign_in_get_first_factors (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), NULL);
  return G_LIST_MODEL (self->first_factors);
}

/**
 * mfa_sign_in_get_second_factors:
 *
 * Returns: (transfer none): a #GListModel of #MfaFactor
 */
GListModel *
mfa_sign_in_get_second_factors (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), NULL);
  return G_LIST_MODEL (self->second_factors);
}

void
mfa_sign_in_add_factor (MfaSignIn *self,
                        gboolean   second,
                        MfaFactor *factor)
{
  g_return_if_fail (MFA_IS_SIGN_IN (self));
  g_return_if_fail (MFA_IS_FACTOR (factor));

  g_list_store_append (second ? self->second_factors : self->first_factors, factor);
}

/**
 * mfa_sign_in_find_second_factor:
 * @strategy: e.g. `phone_code`
 *
 * Returns: (transfer none) (nullable): the default factor of that
 *   strategy, else the first one
 */
MfaFactor *
mfa_sign_in_find_second_factor (MfaSignIn  *self,
                                const char *strategy)
{
  MfaFactor *found = NULL;
  guint n;

  g_return_val_if_fail (MFA_IS_SIGN_IN (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->second_factors));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (G_LIST_MODEL (self->second_factors), i);

      if (g_strcmp0 (mfa_factor_get_strategy (factor), strategy) != 0)
        continue;
      if (found == NULL || mfa_factor_get_default (factor))
        found = factor;
    }
  return found;
}

MfaVerificationStatus
mfa_sign_in_get_second_factor_status (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), MFA_VERIFICATION_STATUS_NONE);
  return self->second_factor_status;
}

/**
 * mfa_sign_in_get_second_factor_expire_at:
 *
 * Returns: when the SMS code sent for the second step expires (ms since
 *   the epoch), or 0
 */
gint64
mfa_sign_in_get_second_factor_expire_at (MfaSignIn *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN (self), 0);
  return self->second_factor_expire_at;
}

void
mfa_sign_in_set_second_factor (MfaSignIn             *self,
                               MfaVerificationStatus  status,
                               gint64                 expire_at)
{
  g_return_if_fail (MFA_IS_SIGN_IN (self));

  self->second_factor_status = status;
  self->second_factor_expire_at = MAX (0, expire_at);
}
