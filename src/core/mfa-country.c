/* mfa-country.c
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


#define G_LOG_DOMAIN "mfa-country"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mfa-country.h"
#include "mfa-phone.h"

#define ISO_CODES_DOMAIN "iso_3166-1"

/* A country people can pick for a phone number: ISO code, name in the
 * user's language, and calling code.
 */
struct _MfaCountry
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *folded_name;
  int      calling_code;
  gboolean main_region;
};

G_DEFINE_FINAL_TYPE (MfaCountry, mfa_country, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_CALLING_CODE,
  PROP_MAIN_REGION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mfa_country_normalize_query:
 * @text: what a person typed, or a name
 *
 * Folds @text for matching: lower case, accents removed, so “cote”
 * finds “Côte d’Ivoire” and “ÅLAND” finds “Åland Islands”.
 *
 * Returns: (transfer full): the folded text
 */
char *
mfa_country_normalize_query (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *ascii = NULL;

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  ascii = g_str_to_ascii (stripped, NULL);

  return g_ascii_strdown (ascii, -1);
}

/**
 * mfa_country_new:
 * @code: the ISO 3166-1 alpha-2 code
 * @name: the name to show
 * @calling_code: the country calling code
 * @main_region: whether this is the main country of @calling_code
 *   (GB for +44, while GG, IM and JE share it)
 *
 * Returns: (transfer full): a new #MfaCountry
 */
MfaCountry *
mfa_country_new (const char *code,
                 const char *name,
                 int         calling_code,
                 gboolean    main_region)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MFA_TYPE_COUNTRY,
                       "code", code,
                       "name", name,
                       "calling-code", calling_code,
                       "main-region", main_region,
                       NULL);
}

const char *
mfa_country_get_code (MfaCountry *self)
{
  g_return_val_if_fail (MFA_IS_COUNTRY (self), NULL);

  return self->code;
}

const char *
mfa_country_get_name (MfaCountry *self)
{
  g_return_val_if_fail (MFA_IS_COUNTRY (self), NULL);

  return self->name;
}

int
mfa_country_get_calling_code (MfaCountry *self)
{
  g_return_val_if_fail (MFA_IS_COUNTRY (self), 0);

  return self->calling_code;
}

/**
 * mfa_country_match:
 * @self: a #MfaCountry
 * @query: a query folded with mfa_country_normalize_query()
 *
 * How well @self answers @query, for filtering and ranking: by ISO code,
 * by calling code (“+33”, “33”) or by a part of the name.
 *
 * Returns: 0 for no match; higher is better
 */
guint
mfa_country_match (MfaCountry *self,
                   const char *query)
{
  const char *digits;
  g_autofree char *calling = NULL;

  g_return_val_if_fail (MFA_IS_COUNTRY (self), 0);
  g_return_val_if_fail (query != NULL, 0);

  if (query[0] == '\0')
    return 1;

  if (g_ascii_strcasecmp (query, self->code) == 0)
    return 5;

  digits = query[0] == '+' ? query + 1 : query;
  if (digits[0] != '\0' && strspn (digits, "0123456789") == strlen (digits))
    {
      calling = g_strdup_printf ("%d", self->calling_code);

      if (g_str_equal (calling, digits))
        return self->main_region ? 4 : 3;
      if (g_str_has_prefix (calling, digits))
        return 2;
      return 0;
    }

  if (g_str_has_prefix (self->folded_name, query))
    return 3;

  /* The start of a later word: “kingdom”, “korea”. */
  for (const char *p = strstr (self->folded_name, query);
       p != NULL;
       p = strstr (p + 1, query))
    {
      if (p == self->folded_name || !g_ascii_isalnum (p[-1]))
        return 2;
    }

  return strstr (self->folded_name, query) != NULL ? 1 : 0;
}

static void
mfa_country_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MfaCountry *self = MFA_COUNTRY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CALLING_CODE:
      g_value_set_int (value, self->calling_code);
      break;

    case PROP_MAIN_REGION:
      g_value_set_boolean (value, self->main_region);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_country_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MfaCountry *self = MFA_COUNTRY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_ascii_strup (g_value_get_string (value), -1);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      self->folded_name = mfa_country_normalize_query (self->name);
      break;

    case PROP_CALLING_CODE:
      self->calling_code = g_value_get_int (value);
      break;

    case PROP_MAIN_REGION:
      self->main_region = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_country_finalize (GObject *object)
{
  MfaCountry *self = (MfaCountry *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->folded_name, g_free);

  G_OBJECT_CLASS (mfa_country_parent_class)->finalize (object);
}

static void
mfa_country_class_init (MfaCountryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mfa_country_get_property;
  object_class->set_property = mfa_country_set_property;
  object_class->finalize = mfa_country_finalize;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALLING_CODE] =
    g_param_spec_int ("calling-code", NULL, NULL, 0, 999, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAIN_REGION] =
    g_param_spec_boolean ("main-region", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_country_init (MfaCountry *self)
{
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_utf8_collate (MFA_COUNTRY ((gpointer)a)->name, MFA_COUNTRY ((gpointer)b)->name);
}

/**
 * mfa_country_list_new:
 * @iso_codes_json: (nullable): the iso-codes file `iso_3166-1.json`, or
 *   %NULL for the system's
 * @error: return location for an error
 *
 * Lists the countries that phone numbers can be written for, with names
 * in the user's language (from iso-codes' translations), sorted by name.
 * Loads the phone helper, so call it only where phone numbers are typed.
 *
 * Returns: (transfer full): a #GListModel of #MfaCountry
 */
GListModel *
mfa_country_list_new (const char  *iso_codes_json,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GListStore) store = g_list_store_new (MFA_TYPE_COUNTRY);
  g_auto(GStrv) regions = NULL;
  JsonObject *root;
  JsonArray *entries;

  if (!mfa_phone_load (error))
    return NULL;

  if (iso_codes_json == NULL)
    iso_codes_json = "/usr/share/iso-codes/json/iso_3166-1.json";

  if (!json_parser_load_from_mapped_file (parser, iso_codes_json, error))
    return NULL;

  bind_textdomain_codeset (ISO_CODES_DOMAIN, "UTF-8");

  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
           ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  entries = root != NULL && json_object_has_member (root, "3166-1")
              ? json_object_get_array_member (root, "3166-1") : NULL;
  if (entries == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The list of countries in %s cannot be read"), iso_codes_json);
      return NULL;
    }

  regions = mfa_phone_supported_regions ();

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      g_autoptr(MfaCountry) country = NULL;
      g_autofree char *main_region = NULL;
      const char *code;
      const char *name;
      int calling_code;

      if (entry == NULL)
        continue;

      code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
      name = json_object_get_string_member_with_default (entry, "common_name", NULL);
      if (name == NULL)
        name = json_object_get_string_member_with_default (entry, "name", NULL);

      if (code == NULL || name == NULL || !g_strv_contains ((const char * const *)regions, code))
        continue;

      calling_code = mfa_phone_calling_code_for_region (code);
      if (calling_code <= 0)
        continue;

      main_region = mfa_phone_main_region_for_calling_code (calling_code);
      country = mfa_country_new (code, dgettext (ISO_CODES_DOMAIN, name), calling_code,
                                 g_strcmp0 (main_region, code) == 0);
      g_list_store_append (store, country);
    }

  g_list_store_sort (store, compare_names, NULL);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * mfa_country_default_region:
 *
 * The country of the desktop's locale (“de_CH.UTF-8” gives “CH”), or
 * “US” when the locale names none.
 *
 * Returns: (transfer full): an ISO 3166-1 alpha-2 code
 */
char *
mfa_country_default_region (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *underscore = strchr (names[i], '_');

      if (underscore != NULL && g_ascii_isalpha (underscore[1]) &&
          g_ascii_isalpha (underscore[2]) &&
          (underscore[3] == '\0' || underscore[3] == '.' || underscore[3] == '@'))
        return g_ascii_strup (underscore + 1, 2);
    }

  return g_strdup ("US");
}
