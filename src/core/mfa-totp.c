/* mfa-totp.c
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

#define G_LOG_DOMAIN "mfa-totp"

#include "config.h"

#include <string.h>

#include "mfa-totp.h"

/**
 * MfaTotp:
 *
 * An authenticator app's secret as the service handed it out to be set
 * up: the secret (base32) and the `otpauth://` link an app scans. The secret and the link live only as long as the object, are
 * never saved nor logged, and are wiped from memory when it goes; once
 * verified the service no longer sends them.
 */

struct _MfaTotp
{
  GObject   parent_instance;

  char     *secret;
  char     *uri;
  gboolean  verified;
};

G_DEFINE_FINAL_TYPE (MfaTotp, mfa_totp, G_TYPE_OBJECT)

static void
wipe (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

static void
mfa_totp_finalize (GObject *object)
{
  MfaTotp *self = (MfaTotp *)object;

  wipe (&self->secret);
  wipe (&self->uri);

  G_OBJECT_CLASS (mfa_totp_parent_class)->finalize (object);
}

static void
mfa_totp_class_init (MfaTotpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfa_totp_finalize;
}

static void
mfa_totp_init (MfaTotp *self)
{
}

/**
 * mfa_totp_new:
 * @secret: (nullable): the base32 secret, while not verified
 * @uri: (nullable): the `otpauth://` link, while not verified
 * @verified: whether a code from the app was accepted
 *
 * Returns: (transfer full): a secret to set up
 */
MfaTotp *
mfa_totp_new (const char *secret,
              const char *uri,
              gboolean    verified)
{
  MfaTotp *self = g_object_new (MFA_TYPE_TOTP, NULL);

  self->secret = g_strdup (secret);
  self->uri = g_strdup (uri);
  self->verified = !!verified;

  return self;
}

/**
 * mfa_totp_get_secret:
 * @self: a #MfaTotp
 *
 * Returns: (nullable): the secret in base32, as an app takes it typed in
 */
const char *
mfa_totp_get_secret (MfaTotp *self)
{
  g_return_val_if_fail (MFA_IS_TOTP (self), NULL);
  return self->secret;
}

/**
 * mfa_totp_dup_grouped_secret:
 * @self: a #MfaTotp
 *
 * Returns: (transfer full) (nullable): the secret in groups of four
 *   characters, as people read and type it; the caller wipes it
 */
char *
mfa_totp_dup_grouped_secret (MfaTotp *self)
{
  GString *grouped;

  g_return_val_if_fail (MFA_IS_TOTP (self), NULL);

  if (self->secret == NULL)
    return NULL;

  grouped = g_string_sized_new (strlen (self->secret) * 5 / 4 + 1);
  for (const char *c = self->secret; *c != '\0'; c++)
    {
      if (c != self->secret && (c - self->secret) % 4 == 0)
        g_string_append_c (grouped, ' ');
      g_string_append_c (grouped, g_ascii_toupper (*c));
    }

  return g_string_free (grouped, FALSE);
}

/**
 * mfa_totp_get_uri:
 * @self: a #MfaTotp
 *
 * Returns: (nullable): the `otpauth://totp/…` link for an app
 */
const char *
mfa_totp_get_uri (MfaTotp *self)
{
  g_return_val_if_fail (MFA_IS_TOTP (self), NULL);
  return self->uri;
}

gboolean
mfa_totp_get_verified (MfaTotp *self)
{
  g_return_val_if_fail (MFA_IS_TOTP (self), FALSE);
  return self->verified;
}
