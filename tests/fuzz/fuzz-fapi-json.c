/* fuzz-fapi-json.c
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

#define G_LOG_DOMAIN "fuzz-fapi-json"

#include "config.h"

#include <stdint.h>

#include "mfa-fapi-json.h"

/* libFuzzer harness for the Frontend API JSON → model parser. The same
 * file is built once per kind of answer (FUZZ_FAPI_KIND): the input is a
 * whole response body as the server sends it. Besides crashes and
 * sanitizer reports it checks the parser's contract: a result or an
 * error, never both and never neither. */

#define FUZZ_FAPI_CLIENT  1
#define FUZZ_FAPI_USER    2
#define FUZZ_FAPI_PHONE   3
#define FUZZ_FAPI_SIGN_IN 4
#define FUZZ_FAPI_ERRORS  5

#ifndef FUZZ_FAPI_KIND
# error "FUZZ_FAPI_KIND must be set"
#endif

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

#if FUZZ_FAPI_KIND != FUZZ_FAPI_ERRORS
/* The member @name of an envelope {"response": …, "client": …}, else
 * the root itself (a bare object, as inside a client). */
static JsonNode *
member_or_root (JsonNode   *root,
                const char *name)
{
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return root;
  member = json_object_get_member (json_node_get_object (root), name);
  return member != NULL ? member : root;
}
#endif

#if FUZZ_FAPI_KIND == FUZZ_FAPI_CLIENT
static void
fuzz_one (JsonNode *root)
{
  g_auto(MfaFapiClient) client = { NULL, };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = mfa_fapi_parse_client (member_or_root (root, "client"), &client, &error);
  g_assert (ok == (error == NULL));
  g_assert (!ok || client.client_id != NULL);
  g_assert (ok || (client.client_id == NULL && client.user == NULL && client.sign_in == NULL));
  g_assert (client.session_id == NULL || client.user != NULL);
}
#elif FUZZ_FAPI_KIND == FUZZ_FAPI_USER
static void
fuzz_one (JsonNode *root)
{
  g_autoptr(MfaUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = mfa_fapi_parse_user (member_or_root (root, "response"), "fuzz@example.com", &error);
  g_assert ((user != NULL) == (error == NULL));
}
#elif FUZZ_FAPI_KIND == FUZZ_FAPI_PHONE
static void
fuzz_one (JsonNode *root)
{
  JsonNode *response = member_or_root (root, "response");
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  phone = mfa_fapi_parse_phone_number (response, &error);
  g_assert ((phone != NULL) == (error == NULL));
  g_clear_error (&error);

  ok = mfa_fapi_parse_phone_backup_codes (response, &codes, &error);
  g_assert (ok == (error == NULL));
  g_assert (ok || codes == NULL);
}
#elif FUZZ_FAPI_KIND == FUZZ_FAPI_SIGN_IN
static void
fuzz_one (JsonNode *root)
{
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  sign_in = mfa_fapi_parse_sign_in (member_or_root (root, "response"), &error);
  g_assert ((sign_in != NULL) == (error == NULL));
}
#elif FUZZ_FAPI_KIND == FUZZ_FAPI_ERRORS
static void
fuzz_one (JsonNode *root)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *param_name = NULL;
  g_autofree char *trace_id = NULL;
  gboolean ok;

  ok = mfa_fapi_parse_errors (root, &code, &message, &param_name, &trace_id);
  g_assert (ok == (code != NULL));
  g_assert (message == NULL || g_utf8_validate (message, -1, NULL));
}
#else
# error "unknown FUZZ_FAPI_KIND"
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = mfa_fapi_parse_text ((const char *) data, size, &error);
  g_assert ((root != NULL) == (error == NULL));
  if (root != NULL)
    fuzz_one (root);
  return 0;
}
