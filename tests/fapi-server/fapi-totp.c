/* fapi-totp.c
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

#define G_LOG_DOMAIN "mfa-fapi-server"

#include "config.h"

#include <string.h>

#include "fapi-server.h"

/* Authenticator-app codes, RFC 6238 over RFC 4226: HMAC-SHA1 of the
 * 30-second step counter, dynamic truncation, six digits. A code is
 * accepted one step early or late. Time comes from the server clock. */

#define TOTP_STEP_MS  30000
#define TOTP_MODULUS  1000000

/* A base32 (RFC 4648) secret, case-insensitive, with optional padding
 * and spaces; NULL when it holds anything else or no whole byte. */
GBytes *
fapi_totp_decode_secret (const char *base32)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  g_autoptr(GByteArray) key = g_byte_array_new ();
  guint32 bits = 0;
  int nbits = 0;
  gboolean padding = FALSE;

  if (base32 == NULL)
    return NULL;

  for (const char *p = base32; *p != '\0'; p++)
    {
      const char *hit;

      if (*p == ' ')
        continue;
      if (*p == '=')
        {
          padding = TRUE;
          continue;
        }
      hit = strchr (alphabet, g_ascii_toupper (*p));
      if (hit == NULL || padding)
        return NULL;
      bits = (bits << 5) | (guint32) (hit - alphabet);
      nbits += 5;
      if (nbits >= 8)
        {
          guint8 byte = (bits >> (nbits - 8)) & 0xff;

          g_byte_array_append (key, &byte, 1);
          nbits -= 8;
        }
    }

  if (key->len == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&key));
}

/* The six-digit code for step @counter. */
guint32
fapi_totp_code (GBytes *key,
                gint64  counter)
{
  g_autoptr(GHmac) hmac = NULL;
  guchar message[8];
  guchar digest[20];
  gsize digest_len = sizeof digest;
  guint offset;
  guint32 binary;

  g_return_val_if_fail (key != NULL, 0);

  hmac = g_hmac_new (G_CHECKSUM_SHA1, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  for (int i = 7; i >= 0; i--)
    {
      message[i] = counter & 0xff;
      counter >>= 8;
    }
  g_hmac_update (hmac, message, sizeof message);
  g_hmac_get_digest (hmac, digest, &digest_len);

  offset = digest[19] & 0x0f;
  binary = ((guint32) (digest[offset] & 0x7f) << 24) |
           ((guint32) digest[offset + 1] << 16) |
           ((guint32) digest[offset + 2] << 8) |
           (guint32) digest[offset + 3];
  return binary % TOTP_MODULUS;
}

/* Whether @code (six digits) is the code of the step of @now_ms or of
 * the step before or after it. */
gboolean
fapi_totp_verify (GBytes     *key,
                  const char *code,
                  gint64      now_ms)
{
  gint64 step;
  guint32 value = 0;

  if (key == NULL || code == NULL || strlen (code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isdigit (code[i]))
        return FALSE;
      value = value * 10 + (guint32) (code[i] - '0');
    }

  step = (now_ms >= 0 ? now_ms : 0) / TOTP_STEP_MS;
  for (gint64 d = -1; d <= 1; d++)
    {
      if (step + d >= 0 && fapi_totp_code (key, step + d) == value)
        return TRUE;
    }
  return FALSE;
}
