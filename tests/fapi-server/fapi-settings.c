/* fapi-settings.c
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

/* The instance settings the server owns as copies (the flags' values,
 * the ones /__dev/settings changes, the start values /__dev/reset
 * restores), the path prefix of a proxied Frontend API, and the native
 * flag of a request. */

void
fapi_settings_copy (FapiSettings       *dest,
                    const FapiSettings *src)
{
  *dest = *src;
  dest->allowed_countries = g_strdupv (src->allowed_countries);
  dest->path_prefix = g_strdup (src->path_prefix != NULL ? src->path_prefix : "");
  dest->application_name = g_strdup (src->application_name != NULL ? src->application_name
                                                                    : FAPI_DEFAULT_APPLICATION_NAME);
}

void
fapi_settings_clear (FapiSettings *settings)
{
  g_clear_pointer (&settings->allowed_countries, g_strfreev);
  g_clear_pointer (&settings->path_prefix, g_free);
  g_clear_pointer (&settings->application_name, g_free);
}

/* "" (none) or "/seg[/seg…]": no trailing '/', no empty segment, and
 * only the characters a path segment may hold unescaped. */
gboolean
fapi_path_prefix_valid (const char *prefix)
{
  if (prefix == NULL || *prefix == '\0')
    return TRUE;
  if (prefix[0] != '/' || g_str_has_suffix (prefix, "/") || strstr (prefix, "//") != NULL)
    return FALSE;
  for (const char *p = prefix; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("/-._~", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The route of @path below the prefix ("/v1/client" of
 * "/__clerk/v1/client"), or NULL when @path lies outside it. */
const char *
fapi_path_strip_prefix (FapiServer *server,
                        const char *path)
{
  const char *prefix = server->settings.path_prefix;
  gsize len;

  if (prefix == NULL || *prefix == '\0')
    return path;
  len = strlen (prefix);
  if (strncmp (path, prefix, len) != 0)
    return NULL;
  if (path[len] == '\0')
    return "/";
  if (path[len] != '/')
    return NULL;
  return path + len;
}

/* _is_native=1|true in the query (where SDKs put it) or the form. */
gboolean
fapi_request_is_native (FapiRequest *req)
{
  const char *value = fapi_request_param (req, "_is_native");
  gboolean native = FALSE;

  return value != NULL && fapi_parse_bool (value, &native) && native;
}
