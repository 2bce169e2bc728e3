/* mfa-instance.c
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

#define G_LOG_DOMAIN "mfa-instance"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfa-instance.h"

G_DEFINE_QUARK (mfa-instance-error-quark, mfa_instance_error)

#define PREFIX_TEST "pk_test_"
#define PREFIX_LIVE "pk_live_"

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* Longer addresses than these are refused before any parsing, so that
 * pasted garbage never reaches the IDN conversion or a resolver.
 */
#define MAX_URL_LENGTH   2048
#define MAX_HOST_LENGTH  253
#define MAX_LABEL_LENGTH 63

/* Checks one DNS label in ASCII form: letters, digits and inner dashes. */
static gboolean
is_dns_label (const char *label,
              gsize       len)
{
  if (len == 0 || len > MAX_LABEL_LENGTH)
    return FALSE;

  if (label[0] == '-' || label[len - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (label[i]) && label[i] != '-')
        return FALSE;
    }

  return TRUE;
}

/*
 * check_host:
 * @host: a host as parsed (percent-decoded, without brackets or port)
 * @allow_ipv6: whether an IPv6 literal is accepted
 *
 * Accepts a DNS name (international names too, returned in their ASCII
 * form), an IPv4 address or, where allowed, an IPv6 literal. Everything
 * else is refused, in particular anything that a later parser could read
 * as userinfo, a port or a path: `@`, `:`, `/`, `%`, `?`, `#`, blanks.
 *
 * Returns: (transfer full) (nullable): the host in lower-case ASCII
 */
static char *
check_host (const char *host,
            gboolean    allow_ipv6)
{
  g_autofree char *ascii = NULL;
  const char *label;

  if (host == NULL || host[0] == '\0' || strlen (host) > MAX_HOST_LENGTH)
    return NULL;

  if (!g_utf8_validate (host, -1, NULL))
    return NULL;

  if (strchr (host, ':') != NULL)
    {
      g_autoptr(GInetAddress) address = NULL;

      /* Only a plain IPv6 literal: no zone, no embedded junk. */
      if (!allow_ipv6 || strchr (host, '%') != NULL)
        return NULL;

      address = g_inet_address_new_from_string (host);
      if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
        return NULL;

      return g_inet_address_to_string (address);
    }

  for (const char *p = host; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x80 && !g_ascii_isalnum (*p) && *p != '.' && *p != '-')
        return NULL;
    }

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL || strlen (ascii) > MAX_HOST_LENGTH)
    return NULL;

  label = ascii;
  for (;;)
    {
      const char *dot = strchr (label, '.');
      gsize len = dot != NULL ? (gsize)(dot - label) : strlen (label);

      if (!is_dns_label (label, len))
        return NULL;

      if (dot == NULL)
        break;

      label = dot + 1;
    }

  return g_ascii_strdown (ascii, -1);
}

/* GUri resolves `.` and `..` away; as written they are refused. */
static gboolean
has_dot_segment (const char *url)
{
  const char *authority = strstr (url, "://");

  for (const char *p = authority != NULL ? authority + 3 : url; (p = strchr (p, '/')) != NULL; p++)
    {
      const char *q = p + 1;

      if (*q == '.' && q[1] == '.')
        q++;
      if (*q == '.' && (q[1] == '\0' || q[1] == '/' || q[1] == '?' || q[1] == '#'))
        return TRUE;
    }

  return FALSE;
}

/*
 * check_path:
 * @path: the path of a Frontend API served through a proxy, such as
 *   `/__clerk`, as written (not decoded)
 *
 * Accepts plain segments of letters, digits and `-._~`; no encoded
 * characters, no `.` or `..` segments, no empty ones, and not the `/v1`
 * that requests add themselves.
 *
 * Returns: (transfer full) (nullable): the path without a trailing
 *   slash (empty for `/` or nothing)
 */
static char *
check_path (const char *path)
{
  g_autofree char *trimmed = NULL;
  g_auto(GStrv) segments = NULL;
  gsize len;

  if (path == NULL || path[0] == '\0' || g_str_equal (path, "/"))
    return g_strdup ("");

  if (path[0] != '/' || strlen (path) > MAX_URL_LENGTH)
    return NULL;

  trimmed = g_strdup (path);
  len = strlen (trimmed);
  if (trimmed[len - 1] == '/')
    trimmed[len - 1] = '\0';

  /* What is left of "//" is an empty segment. */
  if (trimmed[1] == '\0')
    return NULL;

  segments = g_strsplit (trimmed + 1, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *segment = segments[i];

      if (segment[0] == '\0' || g_str_equal (segment, ".") || g_str_equal (segment, ".."))
        return NULL;

      for (const char *p = segment; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p) && strchr ("-._~", *p) == NULL)
            return NULL;
        }
    }

  if (g_str_has_suffix (trimmed, "/v1"))
    return NULL;

  return g_steal_pointer (&trimmed);
}

/**
 * mfa_instance_decode_publishable_key:
 * @key: a publishable key such as `pk_live_Y2xlcmsuZXhhbXBsZS5jb20k`
 * @error: return location for a #MfaInstanceError
 *
 * Decodes the Frontend API host from a publishable key: the part after the
 * prefix is the base64 (standard or URL-safe alphabet, padding optional)
 * of the host followed by `$`.
 *
 * Returns: (transfer full) (nullable): the base URL, `https://HOST`
 */
char *
mfa_instance_decode_publishable_key (const char  *key,
                                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *encoded = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *host = NULL;
  g_autofree char *ascii_host = NULL;
  g_autofree char *path = NULL;
  gsize encoded_len;
  gsize decoded_len = 0;
  const char *body;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (key != NULL ? key : ""));

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_EMPTY,
                           _("Enter the publishable key of your service"));
      return NULL;
    }

  if (g_str_has_prefix (trimmed, PREFIX_TEST))
    body = trimmed + strlen (PREFIX_TEST);
  else if (g_str_has_prefix (trimmed, PREFIX_LIVE))
    body = trimmed + strlen (PREFIX_LIVE);
  else
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_PREFIX,
                           _("A publishable key starts with “pk_live_” or “pk_test_”"));
      return NULL;
    }

  /* Accept the URL-safe alphabet and missing padding, as Clerk's iOS SDK does. */
  encoded = g_strdup (body);
  encoded_len = strlen (encoded);
  while (encoded_len > 0 && encoded[encoded_len - 1] == '=')
    encoded[--encoded_len] = '\0';

  for (gsize i = 0; i < encoded_len; i++)
    {
      if (encoded[i] == '-')
        encoded[i] = '+';
      else if (encoded[i] == '_')
        encoded[i] = '/';

      if (!is_base64_char (encoded[i]))
        {
          g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BASE64,
                               _("The key contains characters that cannot be in a publishable key; check that it was copied whole"));
          return NULL;
        }
    }

  if (encoded_len == 0 || encoded_len % 4 == 1)
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BASE64,
                           _("The key is incomplete; check that it was copied whole"));
      return NULL;
    }

  if (encoded_len % 4 != 0)
    {
      g_autofree char *padded = g_strnfill (4 - encoded_len % 4, '=');
      g_autofree char *joined = g_strconcat (encoded, padded, NULL);

      g_free (encoded);
      encoded = g_steal_pointer (&joined);
    }

  decoded = g_base64_decode (encoded, &decoded_len);

  if (decoded_len == 0 || decoded[decoded_len - 1] != '$')
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_NO_TERMINATOR,
                           _("This is not a Clerk publishable key: the decoded key does not end in “$”"));
      return NULL;
    }

  host = g_strndup ((const char *)decoded, decoded_len - 1);

  /* The key names a host, and a path for a Frontend API served through a
   * proxy; no port, no userinfo, nothing encoded.
   */
  if (strlen (host) == decoded_len - 1)
    {
      char *slash = strchr (host, '/');

      if (slash != NULL)
        {
          path = check_path (slash);
          *slash = '\0';
        }
      else
        path = g_strdup ("");

      if (path != NULL)
        ascii_host = check_host (host, FALSE);
    }

  if (ascii_host == NULL)
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_HOST,
                           _("This is not a Clerk publishable key: it does not name a host"));
      return NULL;
    }

  if (strchr (host, '.') == NULL)
    {
      g_set_error (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_NO_DOT,
                   _("This is not a Clerk publishable key: “%s” is not a full host name"),
                   host);
      return NULL;
    }

  return g_strconcat ("https://", ascii_host, path, NULL);
}

/**
 * mfa_instance_is_loopback_host:
 * @host: a host name or address, without brackets or port
 *
 * Returns: %TRUE for `localhost`, 127.0.0.0/8 and ::1
 */
gboolean
mfa_instance_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  g_return_val_if_fail (host != NULL, FALSE);

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * mfa_instance_normalize_frontend_api:
 * @url: a base URL such as `https://clerk.example.com`
 * @error: return location for a #MfaInstanceError
 *
 * Checks a Frontend API base URL: `https://`, or `http://` to a loopback
 * host only; no user, query or fragment. A path is kept: it is where a
 * proxy serves the Frontend API (`https://example.com/__clerk`).
 *
 * The URL is parsed once. The host as parsed (percent-decoded) must be a
 * plain host name or address, so that an encoded `@`, `/` or `:` cannot
 * turn into userinfo, a path or a port when the result is parsed again;
 * the result is then parsed again and must name the same host and port.
 *
 * Returns: (transfer full) (nullable): `SCHEME://HOST[:PORT][/PATH]`
 */
char *
mfa_instance_normalize_frontend_api (const char  *url,
                                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) reparsed = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *host_part = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *path = NULL;
  int port;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_EMPTY,
                           _("No Frontend API address was given"));
      return NULL;
    }

  if (strlen (trimmed) > MAX_URL_LENGTH)
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_URL,
                           _("This address is too long to be the address of a Frontend API"));
      return NULL;
    }

  /* The path as written: a decoded one could hide a '/' or a '..'. */
  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED_PATH, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_URL,
                   _("“%s” is not a web address such as https://clerk.example.com"), trimmed);
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  port = g_uri_get_port (uri);

  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_URL,
                   _("“%s” is not a web address: it must start with https://"), trimmed);
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_URL,
                           _("Give only the address of the Frontend API, such as https://clerk.example.com, without a user name, “?” or “#”"));
      return NULL;
    }

  path = has_dot_segment (trimmed) ? NULL : check_path (g_uri_get_path (uri));
  if (path == NULL)
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_URL,
                           _("The path of the address can only be where a proxy serves the Frontend API, such as /__clerk, without /v1"));
      return NULL;
    }

  host = check_host (g_uri_get_host (uri), TRUE);
  if (host == NULL)
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_URL,
                           _("The address does not name a valid host, such as clerk.example.com"));
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !mfa_instance_is_loopback_host (host))
    {
      g_set_error (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_INSECURE,
                   _("“%s” would be reached without encryption. Use https://, or http:// only for a server on this computer (localhost, 127.0.0.1 or ::1)"),
                   host);
      return NULL;
    }

  if (strchr (host, ':') != NULL)
    host_part = g_strdup_printf ("[%s]", host);
  else
    host_part = g_strdup (host);

  if (port > 0)
    normalized = g_strdup_printf ("%s://%s:%d%s", scheme, host_part, port, path);
  else
    normalized = g_strdup_printf ("%s://%s%s", scheme, host_part, path);

  /* What every later user of the URL will see must be what was checked. */
  reparsed = g_uri_parse (normalized, G_URI_FLAGS_ENCODED_PATH, NULL);
  if (reparsed == NULL ||
      g_uri_get_userinfo (reparsed) != NULL ||
      g_strcmp0 (g_uri_get_host (reparsed), host) != 0 ||
      g_uri_get_port (reparsed) != port ||
      g_strcmp0 (g_uri_get_path (reparsed), path) != 0)
    {
      g_set_error_literal (error, MFA_INSTANCE_ERROR, MFA_INSTANCE_ERROR_BAD_URL,
                           _("The address does not name a valid host, such as clerk.example.com"));
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

/**
 * mfa_instance_dup_remembered:
 * @settings: the application's settings
 *
 * Returns: (transfer full) (nullable): the Frontend API remembered from
 *   the Connect page, normalized; %NULL when there is none, or it is no
 *   longer acceptable
 */
char *
mfa_instance_dup_remembered (GSettings *settings)
{
  g_autofree char *remembered = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  remembered = g_settings_get_string (settings, "frontend-api");
  if (remembered[0] == '\0')
    return NULL;

  return mfa_instance_normalize_frontend_api (remembered, NULL);
}

/**
 * mfa_instance_get_display_host:
 * @base_url: a normalized base URL
 *
 * Returns: (transfer full): the host and port of @base_url, as shown to people
 */
char *
mfa_instance_get_display_host (const char *base_url)
{
  const char *rest;

  g_return_val_if_fail (base_url != NULL, NULL);

  rest = strstr (base_url, "://");

  return g_strdup (rest != NULL ? rest + 3 : base_url);
}
