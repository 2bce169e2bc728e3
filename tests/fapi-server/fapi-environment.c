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

/* What the real service sends and this server has no setting for: the
 * members Clerk's OpenAPI file requires, with the values of a plain
 * development instance. The handler fills in the rest. */
static const char environment_template[] =
  "{"
  " \"display_config\": {"
  "  \"object\": \"display_config\", \"id\": \"display_config_local\","
  "  \"instance_environment_type\": \"development\","
  "  \"application_name\": \"\", \"theme\": {},"
  "  \"preferred_sign_in_strategy\": \"password\","
  "  \"home_url\": \"\", \"sign_in_url\": \"\", \"sign_up_url\": \"\", \"user_profile_url\": \"\","
  "  \"waitlist_url\": \"\", \"oauth_consent_url\": \"\", \"after_sign_in_url\": \"\","
  "  \"after_sign_up_url\": \"\", \"after_sign_out_one_url\": \"\", \"after_sign_out_all_url\": \"\","
  "  \"after_switch_session_url\": \"\", \"after_join_waitlist_url\": \"\","
  "  \"organization_profile_url\": \"\", \"create_organization_url\": \"\","
  "  \"after_leave_organization_url\": \"\", \"after_create_organization_url\": \"\","
  "  \"logo_link_url\": \"\", \"support_email\": null, \"branded\": false,"
  "  \"experimental_force_oauth_first\": false, \"clerk_js_version\": null,"
  "  \"show_devmode_warning\": false, \"google_one_tap_client_id\": null, \"help_url\": null,"
  "  \"privacy_policy_url\": null, \"terms_url\": null, \"logo_url\": null, \"favicon_url\": null,"
  "  \"logo_image\": null, \"favicon_image\": null, \"captcha_public_key\": null,"
  "  \"captcha_widget_type\": null, \"captcha_public_key_invisible\": null,"
  "  \"captcha_provider\": null, \"captcha_oauth_bypass\": []"
  " },"
  " \"user_settings\": {"
  "  \"social\": {}, \"saml\": {\"enabled\": false}, \"enterprise_sso\": {\"enabled\": false},"
  "  \"sign_in\": {\"second_factor\": {\"required\": false}},"
  "  \"sign_up\": {\"captcha_enabled\": false, \"captcha_widget_type\": \"smart\","
  "   \"custom_action_required\": false, \"progressive\": true, \"mode\": \"public\","
  "   \"legal_consent_enabled\": false, \"mfa\": {\"required\": false}},"
  "  \"restrictions\": {\"allowlist\": {\"enabled\": false}, \"blocklist\": {\"enabled\": false},"
  "   \"allowlist_blocklist_disabled_on_sign_in\": {\"enabled\": false},"
  "   \"block_email_subaddresses\": {\"enabled\": false},"
  "   \"block_disposable_email_domains\": {\"enabled\": false}},"
  "  \"username_settings\": {\"min_length\": 4, \"max_length\": 64,"
  "   \"allow_extended_special_characters\": false, \"allow_numeric_usernames\": false},"
  "  \"actions\": {\"delete_self\": false, \"create_organization\": false,"
  "   \"create_organizations_limit\": null},"
  "  \"attack_protection\": {\"user_lockout\": {\"enabled\": false, \"max_attempts\": 100,"
  "   \"duration_in_minutes\": 60}, \"pii\": {\"enabled\": false},"
  "   \"email_link\": {\"require_same_client\": false},"
  "   \"enumeration_protection\": {\"enabled\": false}},"
  "  \"passkey_settings\": {\"allow_autofill\": false, \"show_sign_in_button\": false,"
  "   \"satisfies_second_factor\": false}"
  " },"
  " \"organization_settings\": {"
  "  \"enabled\": false, \"max_allowed_memberships\": 0, \"actions\": {\"admin_delete\": false},"
  "  \"domains\": {\"enabled\": false, \"enrollment_modes\": [], \"default_role\": \"org:member\"},"
  "  \"creator_role\": \"org:admin\""
  " },"
  " \"maintenance_mode\": false"
  "}";

static void
set_url (JsonObject *display,
         const char *member,
         const char *base_url,
         const char *path)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);

  json_object_set_string_member (display, member, url);
}

void
fapi_handle_environment (FapiRequest *req)
{
  FapiSettings *settings = &req->server->settings;
  const char *base_url = req->server->base_url;
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (environment_template, &error);
  JsonObject *root;
  JsonObject *auth = json_object_new ();
  JsonObject *native = json_object_new ();
  JsonObject *display;
  JsonObject *user_settings;
  JsonObject *attributes = json_object_new ();
  JsonObject *sign_up;
  JsonArray *requirements = json_array_new ();
  JsonArray *second_factors = json_array_new ();

  g_assert_no_error (error);
  root = json_node_get_object (node);
  display = json_object_get_object_member (root, "display_config");
  user_settings = json_object_get_object_member (root, "user_settings");
  sign_up = json_object_get_object_member (user_settings, "sign_up");

  json_object_set_string_member (auth, "object", "auth_config");
  json_object_set_string_member (auth, "id", "aac_local");
  json_object_set_string_member (auth, "first_name", "off");
  json_object_set_string_member (auth, "last_name", "off");
  json_object_set_string_member (auth, "email_address", "on");
  json_object_set_string_member (auth, "phone_number", "on");
  json_object_set_string_member (auth, "username", "on");
  json_object_set_string_member (auth, "password", settings->password ? "required" : "off");
  json_array_add_array_element (requirements, strings ("email_address", "username", NULL));
  json_object_set_array_member (auth, "identification_requirements", requirements);
  json_object_set_array_member (auth, "identification_strategies",
                                strings ("email_address", "username", "phone_number", NULL));
  json_object_set_array_member (auth, "first_factors",
                                settings->password ? strings ("password", NULL) : json_array_new ());
  if (settings->sms_mfa)
    json_array_add_string_element (second_factors, "phone_code");
  if (settings->totp)
    json_array_add_string_element (second_factors, "totp");
  if (settings->backup_codes_enabled)
    json_array_add_string_element (second_factors, "backup_code");
  json_object_set_array_member (auth, "second_factors", second_factors);
  json_object_set_array_member (auth, "email_address_verification_strategies",
                                strings ("email_code", NULL));
  json_object_set_boolean_member (auth, "single_session_mode", TRUE);
  json_object_set_boolean_member (auth, "enhanced_email_deliverability", FALSE);
  json_object_set_boolean_member (auth, "test_mode", TRUE);
  json_object_set_boolean_member (auth, "url_based_session_syncing", FALSE);
  json_object_set_null_member (auth, "claimed_at");
  json_object_set_boolean_member (auth, "reverification", settings->reverification);
  json_object_set_string_member (native, "object", "native_settings");
  json_object_set_boolean_member (native, "api_enabled", settings->native_api);
  json_object_set_boolean_member (native, "trusted_device_sign_in_enabled", FALSE);
  json_object_set_boolean_member (native, "trusted_device_enrollment_prompt_after_sign_in_enabled",
                                  FALSE);
  json_object_set_boolean_member (native, "trusted_device_enrollment_prompt_after_sign_up_enabled",
                                  FALSE);
  json_object_set_object_member (auth, "native_settings", native);
  json_object_set_object_member (root, "auth_config", auth);

  json_object_set_string_member (display, "application_name",
                                 settings->application_name != NULL
                                 ? settings->application_name : FAPI_DEFAULT_APPLICATION_NAME);
  set_url (display, "home_url", base_url, "");
  set_url (display, "sign_in_url", base_url, "/sign-in");
  set_url (display, "sign_up_url", base_url, "/sign-up");
  set_url (display, "user_profile_url", base_url, "/user");
  set_url (display, "waitlist_url", base_url, "/waitlist");
  set_url (display, "oauth_consent_url", base_url, "/oauth-consent");
  set_url (display, "after_sign_in_url", base_url, "");
  set_url (display, "after_sign_up_url", base_url, "");
  set_url (display, "after_sign_out_one_url", base_url, "/sign-in");
  set_url (display, "after_sign_out_all_url", base_url, "/sign-in");
  set_url (display, "after_switch_session_url", base_url, "");
  set_url (display, "after_join_waitlist_url", base_url, "");
  set_url (display, "organization_profile_url", base_url, "/organization");
  set_url (display, "create_organization_url", base_url, "/create-organization");
  set_url (display, "after_leave_organization_url", base_url, "");
  set_url (display, "after_create_organization_url", base_url, "");
  set_url (display, "logo_link_url", base_url, "");

  json_object_set_object_member (attributes, "email_address",
                                 attribute (TRUE, TRUE, "email_code", FALSE, "", "email_code"));
  json_object_set_object_member (attributes, "phone_number",
                                 attribute (TRUE, FALSE, "", settings->sms_mfa,
                                            settings->sms_mfa ? "phone_code" : "", "phone_code"));
  json_object_set_object_member (attributes, "username",
                                 attribute (TRUE, TRUE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "web3_wallet",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "first_name",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "last_name",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "password",
                                 attribute (settings->password, settings->password, "",
                                            FALSE, "", ""));
  json_object_set_object_member (attributes, "authenticator_app",
                                 attribute (settings->totp, FALSE, "", settings->totp,
                                            settings->totp ? "totp" : "", "totp"));
  json_object_set_object_member (attributes, "ticket",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (attributes, "backup_code",
                                 attribute (settings->backup_codes_enabled, FALSE, "",
                                            settings->backup_codes_enabled,
                                            "backup_code", ""));
  json_object_set_object_member (attributes, "passkey",
                                 attribute (FALSE, FALSE, "", FALSE, "", ""));
  json_object_set_object_member (user_settings, "attributes", attributes);
  /* Where the OpenAPI file says an instance requires a second factor,
   * and where Clerk's own UI reads it. */
  json_object_set_boolean_member (json_object_get_object_member (
                                    json_object_get_object_member (user_settings, "sign_in"),
                                    "second_factor"),
                                  "required", settings->mfa_required);
  json_object_set_boolean_member (json_object_get_object_member (sign_up, "mfa"),
                                  "required", settings->mfa_required);
  json_object_set_object_member (user_settings, "password_settings",
                                 fapi_password_settings_to_json (&settings->password_settings));

  fapi_reply_json (req, SOUP_STATUS_OK, node);
}
