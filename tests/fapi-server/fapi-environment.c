/* fapi-environment.c
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

/* GET /v1/environment: the instance settings a native client reads first.
 * Bare (not wrapped); no authentication needed. */

static JsonObject *
attribute (gboolean    enabled,
           gboolean    first_factor,
           const char *first_factors,
           gboolean    second_factor,
           const char *second_factors,
           const char *verifications)
{
  JsonObject *object = json_object_new ();
  g_auto(GStrv) first = g_strsplit (first_factors, ",", -1);
  g_auto(GStrv) second = g_strsplit (second_factors, ",", -1);
  g_auto(GStrv) verify = g_strsplit (verifications, ",", -1);
  JsonArray *array;

  json_object_set_boolean_member (object, "enabled", enabled);
  json_object_set_boolean_member (object, "required", FALSE);
  json_object_set_boolean_member (object, "used_for_first_factor", first_factor);
  array = json_array_new ();
  for (guint i = 0; first[i] != NULL; i++)
    json_array_add_string_element (array, first[i]);
  json_object_set_array_member (object, "first_factors", array);
  json_object_set_boolean_member (object, "used_for_second_factor", second_factor);
  array = json_array_new ();
  for (guint i = 0; second[i] != NULL; i++)
    json_array_add_string_element (array, second[i]);
  json_object_set_array_member (object, "second_factors", array);
  array = json_array_new ();
  for (guint i = 0; verify[i] != NULL; i++)
    json_array_add_string_element (array, verify[i]);
  json_object_set_array_member (object, "verifications", array);
  json_object_set_boolean_member (object, "verify_at_sign_up", FALSE);
  json_object_set_boolean_member (object, "immutable", FALSE);
  return object;
}

static JsonArray *
strings (const char *first,
         ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    json_array_add_string_element (array, s);
  va_end (args);
  return array;
}

void
fapi_handle_environment (FapiRequest *req)
{
  FapiSettings *settings = &req->server->settings;
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *auth = json_object_new ();
  JsonObject *native = json_object_new ();
  JsonObject *display = json_object_new ();
  JsonObject *user_settings = json_object_new ();
  JsonObject *attributes = json_object_new ();
  JsonObject *sign_up = json_object_new ();
  JsonObject *mfa = json_object_new ();
  JsonObject *orgs = json_object_new ();
  JsonArray *requirements = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (auth, "object", "auth_config");
  json_object_set_string_member (auth, "id", "aac_local");
  json_object_set_string_member (auth, "first_name", "off");
  json_object_set_string_member (auth, "last_name", "off");
  json_object_set_string_member (auth, "email_address", "on");
  json_object_set_string_member (auth, "phone_number", "on");
  json_object_set_string_member (auth, "username", "on");
  json_object_set_string_member (auth, "password", "required");
  json_array_add_array_element (requirements, strings ("email_address", "username", NULL));
  json_object_set_array_member (auth, "identification_requirements", requirements);
  json_object_set_array_member (auth, "identification_strategies",
                                strings ("email_address", "username", "phone_number", NULL));
  json_object_set_array_member (auth, "first_factors", strings ("password", NULL));
  json_object_set_array_member (auth, "second_factors",
                                settings->backup_codes_enabled
                                ? strings ("phone_code", "totp", "backup_code", NULL)
                                : strings ("phone_code", "totp", NULL));
  json_object_set_array_member (auth, "email_address_verification_strategies",
                                strings ("email_code", NULL));
  json_object_set_boolean_member (auth, "single_session_mode", TRUE);
  json_object_set_boolean_member (auth, "enhanced_email_deliverability", FALSE);
  json_object_set_boolean_member (auth, "test_mode", TRUE);
  json_object_set_boolean_member (auth, "url_based_session_syncing", FALSE);
  json_object_set_null_member (auth, "claimed_at");
  json_object_set_boolean_member (auth, "reverification", settings->reverification);
  json_object_set_string_member (native, "object", "native_settings");
  json_object_set_boolean_member (native, "api_enabled", TRUE);
  json_object_set_boolean_member (native, "trusted_device_sign_in_enabled", FALSE);
  json_object_set_boolean_member (native, "trusted_device_enrollment_prompt_after_sign_in_enabled",
                                  FALSE);
  json_object_set_boolean_member (native, "trusted_device_enrollment_prompt_after_sign_up_enabled",
                                  FALSE);
  json_object_set_object_member (auth, "native_settings", native);
  json_object_set_object_member (root, "auth_config", auth);

  json_object_set_string_member (display, "object", "display_config");
  json_object_set_string_member (display, "id", "display_config_local");
  json_object_set_string_member (display, "instance_environment_type", "development");
  json_object_set_string_member (display, "application_name", "MFA Manager (local)");
  json_object_set_string_member (display, "home_url", req->server->base_url);
  json_object_set_object_member (root, "display_config", display);

  json_object_set_object_member (attributes, "email_address",
                                 attribute (TRUE, TRUE, "email_code", FALSE, "", "email_code"));
  json_object_set_object_member (attributes, "phone_number",
                                 attribute (TRUE, FALSE, "", TRUE, "phone_code", "phone_code"));
  json_object_set_object_member (attributes, "username",
                                 attribute (TRUE, TRUE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "web3_wallet",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "first_name",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "last_name",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "password",
                                 attribute (TRUE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "authenticator_app",
                                 attribute (TRUE, FALSE, "", TRUE, "totp", "totp"));
  json_object_set_object_member (attributes, "ticket",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "backup_code",
                                 attribute (settings->backup_codes_enabled, FALSE, "",
                                            settings->backup_codes_enabled,
                                            "backup_code", ""));
  json_object_set_object_member (attributes, "passkey",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (user_settings, "attributes", attributes);
  json_object_set_boolean_member (mfa, "required", settings->mfa_required);
  json_object_set_object_member (sign_up, "mfa", mfa);
  json_object_set_string_member (sign_up, "mode", "public");
  json_object_set_object_member (user_settings, "sign_up", sign_up);
  json_object_set_object_member (root, "user_settings", user_settings);

  json_object_set_boolean_member (orgs, "enabled", FALSE);
  json_object_set_int_member (orgs, "max_allowed_memberships", 0);
  json_object_set_object_member (root, "organization_settings", orgs);
  json_object_set_boolean_member (root, "maintenance_mode", FALSE);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  fapi_reply_json (req, SOUP_STATUS_OK, node);
}
