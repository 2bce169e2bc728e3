/* fapi-errors.c
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

#include "fapi-server.h"

/* Clerk's error shape:
 * {"errors":[{code, message, long_message, meta:{param_name}}], "meta":{}, "clerk_trace_id"} */
JsonNode *
fapi_error_body (const char *code,
                 const char *message,
                 const char *long_message,
                 const char *param_name)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) error = json_object_new ();
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autofree char *trace = fapi_random_string ("0123456789abcdef", 32);
  JsonArray *errors = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (error, "long_message",
                                 long_message != NULL ? long_message : message);
  if (param_name != NULL)
    json_object_set_string_member (meta, "param_name", param_name);
  json_object_set_object_member (error, "meta", g_steal_pointer (&meta));
  json_array_add_object_element (errors, g_steal_pointer (&error));
  json_object_set_array_member (root, "errors", errors);
  json_object_set_object_member (root, "meta", json_object_new ());
  json_object_set_string_member (root, "clerk_trace_id", trace);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

void
fapi_reply_error (FapiRequest *req,
                  guint        status,
                  const char  *code,
                  const char  *message,
                  const char  *long_message,
                  const char  *param_name)
{
  fapi_reply_json (req, status, fapi_error_body (code, message, long_message, param_name));
}

void
fapi_reply_not_found (FapiRequest *req,
                      const char  *what)
{
  g_autofree char *long_message = g_strdup_printf ("%s not found", what);

  fapi_reply_error (req, SOUP_STATUS_NOT_FOUND, "resource_not_found",
                    "not found", long_message, NULL);
}
