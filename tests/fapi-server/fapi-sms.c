/* fapi-sms.c
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

#include <stdio.h>

#include "fapi-server.h"

/* No SMS leaves the machine: each message is one line on standard output
 * and an entry in the outbox that GET /__dev/sms reads. */

typedef struct
{
  char   *phone_number;
  char   *code;
  gint64  created_at;
} FapiSms;

void
fapi_sms_free (gpointer data)
{
  FapiSms *sms = data;

  g_free (sms->phone_number);
  g_free (sms->code);
  g_free (sms);
}

void
fapi_sms_send (FapiServer *server,
               const char *phone_number,
               const char *code)
{
  FapiSms *sms = g_new0 (FapiSms, 1);

  sms->phone_number = g_strdup (phone_number);
  sms->code = g_strdup (code);
  sms->created_at = fapi_clock_now_ms ();
  g_ptr_array_add (server->outbox, sms);
  /* Bound the outbox of a long-running server, as the request log is. */
  if (server->outbox->len > 10000)
    g_ptr_array_remove_range (server->outbox, 0, 1000);

  printf ("sms to %s: %s\n", phone_number, code);
  fflush (stdout);
}

void
fapi_sms_clear (FapiServer *server)
{
  g_ptr_array_set_size (server->outbox, 0);
}

/* GET /__dev/sms?phone_number=<E.164>, newest last; DELETE /__dev/sms. */
void
fapi_handle_dev_sms (FapiRequest *req)
{
  g_autoptr(JsonObject) root = NULL;
  const char *phone_number;
  JsonArray *messages;
  JsonNode *node;

  if (g_strcmp0 (req->method, "DELETE") == 0 && req->server->settings.dev_routes)
    {
      fapi_sms_clear (req->server);
      root = json_object_new ();
      json_object_set_array_member (root, "messages", json_array_new ());
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, root);
      fapi_reply_json (req, SOUP_STATUS_OK, node);
      return;
    }
  if (g_strcmp0 (req->method, "GET") != 0)
    {
      fapi_reply_not_found (req, "Route");
      return;
    }

  phone_number = fapi_request_param (req, "phone_number");
  root = json_object_new ();
  messages = json_array_new ();
  for (guint i = 0; i < req->server->outbox->len; i++)
    {
      FapiSms *sms = g_ptr_array_index (req->server->outbox, i);
      JsonObject *item;

      if (phone_number != NULL && *phone_number != '\0' &&
          g_strcmp0 (phone_number, sms->phone_number) != 0)
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "phone_number", sms->phone_number);
      json_object_set_string_member (item, "code", sms->code);
      json_object_set_int_member (item, "created_at", sms->created_at);
      json_array_add_object_element (messages, item);
    }
  json_object_set_array_member (root, "messages", messages);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  fapi_reply_json (req, SOUP_STATUS_OK, node);
}
