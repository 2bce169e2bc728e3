/* mfa-reverification.c
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

#define G_LOG_DOMAIN "mfa-reverification"

#include "config.h"

#include "mfa-reverification.h"

#include "mfa-core-enums.h"

/**
 * MfaReverification:
 *
 * A step-up (session reverification) as one answer described it: the
 * level asked for, how far it got, and the factors the session offers.
 */

struct _MfaReverification
{
  GObject                  parent_instance;

  char                    *level;
  MfaReverificationStatus  status;
  GListStore              *first_factors;
  GListStore              *second_factors;
};

G_DEFINE_FINAL_TYPE (MfaReverification, mfa_reverification, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfa_reverification_dispose (GObject *object)
{
  MfaReverification *self = (MfaReverification *)object;

  g_clear_object (&self->first_factors);
  g_clear_object (&self->second_factors);

  G_OBJECT_CLASS (mfa_reverification_parent_class)->dispose (object);
}

static void
mfa_reverification_finalize (GObject *object)
{
  MfaReverification *self = (MfaReverification *)object;

  g_clear_pointer (&self->level, g_free);

  G_OBJECT_CLASS (mfa_reverification_parent_class)->finalize (object);
}

static void
mfa_reverification_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MfaReverification *self = MFA_REVERIFICATION (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_string (value, self->level);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_reverification_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MfaReverification *self = MFA_REVERIFICATION (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      self->level = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_reverification_class_init (MfaReverificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfa_reverification_dispose;
  object_class->finalize = mfa_reverification_finalize;
  object_class->get_property = mfa_reverification_get_property;
  object_class->set_property = mfa_reverification_set_property;

  /**
   * MfaReverification:level:
   *
   * `first_factor`, `second_factor` or `multi_factor`.
   */
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       MFA_TYPE_REVERIFICATION_STATUS,
                       MFA_REVERIFICATION_STATUS_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_reverification_init (MfaReverification *self)
{
  self->first_factors = g_list_store_new (MFA_TYPE_FACTOR);
  self->second_factors = g_list_store_new (MFA_TYPE_FACTOR);
}

MfaReverification *
mfa_reverification_new (const char              *level,
                        MfaReverificationStatus  status)
{
  return g_object_new (MFA_TYPE_REVERIFICATION,
                       "level", level,
                       "status", status,
                       NULL);
}

MfaReverificationStatus
mfa_reverification_status_from_string (const char *status)
{
  if (g_strcmp0 (status, "needs_first_factor") == 0)
    return MFA_REVERIFICATION_STATUS_NEEDS_FIRST_FACTOR;
  if (g_strcmp0 (status, "needs_second_factor") == 0)
    return MFA_REVERIFICATION_STATUS_NEEDS_SECOND_FACTOR;
  if (g_strcmp0 (status, "complete") == 0)
    return MFA_REVERIFICATION_STATUS_COMPLETE;
  return MFA_REVERIFICATION_STATUS_UNKNOWN;
}

/**
 * mfa_reverification_get_level:
 *
 * Returns: (nullable): the level
 */
const char *
mfa_reverification_get_level (MfaReverification *self)
{
  g_return_val_if_fail (MFA_IS_REVERIFICATION (self), NULL);
  return self->level;
}

MfaReverificationStatus
mfa_reverification_get_status (MfaReverification *self)
{
  g_return_val_if_fail (MFA_IS_REVERIFICATION (self), MFA_REVERIFICATION_STATUS_UNKNOWN);
  return self->status;
}

/**
 * mfa_reverification_get_factors:
 *
 * Returns: (transfer none): a #GListModel of #MfaFactor
 */
GListModel *
mfa_reverification_get_factors (MfaReverification *self,
                                MfaFactorStep      step)
{
  g_return_val_if_fail (MFA_IS_REVERIFICATION (self), NULL);
  return G_LIST_MODEL (step == MFA_FACTOR_STEP_SECOND ? self->second_factors : self->first_factors);
}

void
mfa_reverification_add_factor (MfaReverification *self,
                               MfaFactorStep      step,
                               MfaFactor         *factor)
{
  g_return_if_fail (MFA_IS_REVERIFICATION (self));
  g_return_if_fail (MFA_IS_FACTOR (factor));

  g_list_store_append (step == MFA_FACTOR_STEP_SECOND ? self->second_factors : self->first_factors,
                       factor);
}
