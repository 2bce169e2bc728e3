/* mfa-backup-codes.c
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

#define G_LOG_DOMAIN "mfa-backup-codes"

#include "config.h"

#include <string.h>

#include "mfa-backup-codes.h"

/**
 * MfaBackupCodes:
 *
 * A set of backup codes as the server handed it out, once. Nothing keeps
 * it: the codes are shown, saved by the person, and wiped from memory
 * when the object goes.
 */

struct _MfaBackupCodes
{
  GObject   parent_instance;

  char     *id;
  GStrv     codes;
  gint64    created_at;
};

G_DEFINE_FINAL_TYPE (MfaBackupCodes, mfa_backup_codes, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODES,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfa_backup_codes_finalize (GObject *object)
{
  MfaBackupCodes *self = (MfaBackupCodes *)object;

  for (guint i = 0; self->codes != NULL && self->codes[i] != NULL; i++)
    memset (self->codes[i], 0, strlen (self->codes[i]));
  g_clear_pointer (&self->codes, g_strfreev);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (mfa_backup_codes_parent_class)->finalize (object);
}

static void
mfa_backup_codes_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfaBackupCodes *self = MFA_BACKUP_CODES (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CODES:
      g_value_set_boxed (value, self->codes);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_backup_codes_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfaBackupCodes *self = MFA_BACKUP_CODES (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_CODES:
      self->codes = g_value_dup_boxed (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_backup_codes_class_init (MfaBackupCodesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfa_backup_codes_finalize;
  object_class->get_property = mfa_backup_codes_get_property;
  object_class->set_property = mfa_backup_codes_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaBackupCodes:codes:
   *
   * The codes, in the server's order.
   */
  properties[PROP_CODES] =
    g_param_spec_boxed ("codes", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_backup_codes_init (MfaBackupCodes *self)
{
}

/**
 * mfa_backup_codes_new:
 * @id: (nullable): the server's id of the set
 * @codes: the codes
 * @created_at: ms since the epoch, or 0
 */
MfaBackupCodes *
mfa_backup_codes_new (const char         *id,
                      const char * const *codes,
                      gint64              created_at)
{
  g_return_val_if_fail (codes != NULL, NULL);

  return g_object_new (MFA_TYPE_BACKUP_CODES,
                       "id", id,
                       "codes", codes,
                       "created-at", MAX (0, created_at),
                       NULL);
}

/**
 * mfa_backup_codes_get_id:
 *
 * Returns: (nullable): the id of the set
 */
const char *
mfa_backup_codes_get_id (MfaBackupCodes *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES (self), NULL);
  return self->id;
}

/**
 * mfa_backup_codes_get_codes:
 *
 * Returns: (transfer none): the codes, %NULL-terminated
 */
const char * const *
mfa_backup_codes_get_codes (MfaBackupCodes *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES (self), NULL);
  return (const char * const *) self->codes;
}

guint
mfa_backup_codes_get_n_codes (MfaBackupCodes *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES (self), 0);
  return self->codes != NULL ? g_strv_length (self->codes) : 0;
}

gint64
mfa_backup_codes_get_created_at (MfaBackupCodes *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES (self), 0);
  return self->created_at;
}
