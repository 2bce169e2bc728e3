/* fapi-util.c
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

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "fapi-server.h"

static const char base62[] =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

void
fapi_random_bytes (void  *buf,
                   gsize  len)
{
  guchar *p = buf;

  while (len > 0)
    {
      ssize_t n = getrandom (p, len, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom: %s", g_strerror (errno));
        }
      p += n;
      len -= n;
    }
}

/* A uniformly random string over @alphabet (rejection sampling). */
char *
fapi_random_string (const char *alphabet,
                    guint       length)
{
  gsize n = strlen (alphabet);
  guint limit = 256 - (256 % n);
  GString *out = g_string_sized_new (length);

  while (out->len < length)
    {
      guchar bytes[32];

      fapi_random_bytes (bytes, sizeof bytes);
      for (guint i = 0; i < sizeof bytes && out->len < length; i++)
        {
          if (bytes[i] < limit)
            g_string_append_c (out, alphabet[bytes[i] % n]);
        }
    }

  return g_string_free (out, FALSE);
}

/* Clerk ids are a prefix plus 27 base62 characters. */
char *
fapi_new_id (const char *prefix)
{
  g_autofree char *tail = fapi_random_string (base62, 27);

  return g_strconcat (prefix, tail, NULL);
}

char *
fapi_random_code (void)
{
  return fapi_random_string ("0123456789", 6);
}

gboolean
fapi_parse_bool (const char *text,
                 gboolean   *value)
{
  static const char * const yes[] = { "1", "t", "T", "true", "TRUE", "True", NULL };
  static const char * const no[] = { "0", "f", "F", "false", "FALSE", "False", NULL };

  if (text == NULL)
    return FALSE;
  if (g_strv_contains (yes, text))
    {
      *value = TRUE;
      return TRUE;
    }
  if (g_strv_contains (no, text))
    {
      *value = FALSE;
      return TRUE;
    }
  return FALSE;
}

char *
fapi_base64url (const guchar *data,
                gsize         len)
{
  char *s = g_base64_encode (data, len);
  char *p;

  for (p = s; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return s;
}

char *
fapi_sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* JSON text that is always valid: json-glib 1.6 writes U+001F unescaped
 * and copies invalid UTF-8 through, so every control character left is
 * escaped (outside strings the compact form has none) and invalid
 * sequences become U+FFFD. */
char *
fapi_json_text (JsonNode *node,
                gsize    *len)
{
  g_autofree char *raw = json_to_string (node, FALSE);
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *out = g_string_sized_new (strlen (valid) + 16);

  for (const char *p = valid; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  if (len != NULL)
    *len = out->len;
  return g_string_free (out, FALSE);
}

void
fapi_json_set_nullable_string (JsonObject *object,
                               const char *member,
                               const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

/* A negative value stands for null. */
void
fapi_json_set_nullable_int (JsonObject *object,
                            const char *member,
                            gint64      value)
{
  if (value >= 0)
    json_object_set_int_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static char *
form_unescape (const char *start,
               gsize       len)
{
  g_autofree char *raw = g_strndup (start, len);
  char *p;

  for (p = raw; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = ' ';
    }
  /* NULL on a bad %-escape or an embedded NUL. */
  return g_uri_unescape_string (raw, "");
}

/* Parses application/x-www-form-urlencoded text. A key without '=' gets
 * an empty value; a repeated key keeps its first value. Returns NULL and
 * sets @bad_key when an escape is malformed. */
GHashTable *
fapi_form_parse (const char  *text,
                 gsize        len,
                 char       **bad_key)
{
  g_autoptr(GHashTable) form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *end;
  const char *p = text;

  *bad_key = NULL;
  if (text == NULL)
    return g_steal_pointer (&form);
  end = text + len;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *pair_end = amp != NULL ? amp : end;
      const char *eq = memchr (p, '=', pair_end - p);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (pair_end > p)
        {
          key = form_unescape (p, (eq != NULL ? eq : pair_end) - p);
          if (eq != NULL)
            value = form_unescape (eq + 1, pair_end - eq - 1);
          else
            value = g_strdup ("");

          if (key == NULL || value == NULL || !g_utf8_validate (key, -1, NULL) ||
              !g_utf8_validate (value, -1, NULL))
            {
              g_autofree char *raw = g_strndup (p, (eq != NULL ? eq : pair_end) - p);

              *bad_key = key != NULL ? g_steal_pointer (&key) : g_steal_pointer (&raw);
              if (!g_utf8_validate (*bad_key, -1, NULL))
                {
                  g_free (*bad_key);
                  *bad_key = g_strdup ("form");
                }
              return NULL;
            }

          if (*key != '\0' && !g_hash_table_contains (form, key))
            g_hash_table_insert (form, g_steal_pointer (&key), g_steal_pointer (&value));
        }

      p = pair_end + 1;
    }

  return g_steal_pointer (&form);
}

/* Clerk's test numbers: +1 XXX 555-0100 to +1 XXX 555-0199. */
gboolean
fapi_is_test_number (const char *e164)
{
  if (e164 == NULL || strlen (e164) != 12 || strncmp (e164, "+1", 2) != 0)
    return FALSE;
  for (guint i = 2; i < 12; i++)
    {
      if (!g_ascii_isdigit (e164[i]))
        return FALSE;
    }
  return strncmp (e164 + 5, "55501", 5) == 0;
}

/* ^\+[1-9][0-9]{6,14}$ */
gboolean
fapi_phone_syntax_ok (const char *e164)
{
  gsize len;

  if (e164 == NULL || e164[0] != '+' || e164[1] < '1' || e164[1] > '9')
    return FALSE;
  len = strlen (e164);
  if (len < 8 || len > 16)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_isdigit (e164[i]))
        return FALSE;
    }
  return TRUE;
}
