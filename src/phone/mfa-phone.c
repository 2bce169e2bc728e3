/* mfa-phone.c
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

#include "config.h"

#define G_LOG_DOMAIN "mfa-phone"

#include "mfa-phone.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "mfa-phone-module.h"

/* The libphonenumber module, opened at most once per process (see
 * get_module()). When opening failed, @module is NULL and @error_code and
 * @error_message say why; the failure is kept, not retried.
 */
typedef struct
{
  GModule        *module;
  MfaPhoneError   error_code;
  char           *error_message;

  int             (*abi)               (void);
  MfaPhoneStatus  (*parse)             (const char  *input,
                                        const char  *region,
                                        char       **e164);
  gboolean        (*is_valid_e164)     (const char  *e164);
  char           *(*format)            (const char  *e164,
                                        gboolean     national);
  char           *(*region_of)         (const char  *e164);
  int             (*calling_code)      (const char  *region);
  char           *(*main_region)       (int          calling_code);
  char          **(*supported_regions) (void);
  char           *(*example_number)    (const char  *region);
  gpointer        (*formatter_new)     (const char  *region);
  char           *(*formatter_feed)    (gpointer     formatter,
                                        const char  *digits,
                                        gboolean     clear);
  void            (*formatter_free)    (gpointer     formatter);
} PhoneModule;

static const struct {
  const char *name;
  goffset     offset;
} module_symbols[] = {
  { "mfa_phone_module_abi", G_STRUCT_OFFSET (PhoneModule, abi) },
  { "mfa_phone_module_parse", G_STRUCT_OFFSET (PhoneModule, parse) },
  { "mfa_phone_module_is_valid_e164", G_STRUCT_OFFSET (PhoneModule, is_valid_e164) },
  { "mfa_phone_module_format", G_STRUCT_OFFSET (PhoneModule, format) },
  { "mfa_phone_module_region_of", G_STRUCT_OFFSET (PhoneModule, region_of) },
  { "mfa_phone_module_calling_code", G_STRUCT_OFFSET (PhoneModule, calling_code) },
  { "mfa_phone_module_main_region", G_STRUCT_OFFSET (PhoneModule, main_region) },
  { "mfa_phone_module_supported_regions", G_STRUCT_OFFSET (PhoneModule, supported_regions) },
  { "mfa_phone_module_example_number", G_STRUCT_OFFSET (PhoneModule, example_number) },
  { "mfa_phone_module_formatter_new", G_STRUCT_OFFSET (PhoneModule, formatter_new) },
  { "mfa_phone_module_formatter_feed", G_STRUCT_OFFSET (PhoneModule, formatter_feed) },
  { "mfa_phone_module_formatter_free", G_STRUCT_OFFSET (PhoneModule, formatter_free) },
};

struct _MfaPhoneFormatter
{
  gpointer  impl;
  GString  *fed;
  char     *result;
  gboolean  needs_clear;
};

G_DEFINE_QUARK (mfa-phone-error-quark, mfa_phone_error)

static void
open_module (PhoneModule *pm,
             const char  *path)
{
  PhoneModule loaded = { 0 };
  guint i;

  loaded.module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (loaded.module == NULL)
    {
      pm->error_code = MFA_PHONE_ERROR_FAILED;
      pm->error_message = g_strdup_printf (_("Could not load phone number support: %s"),
                                           g_module_error ());
      return;
    }

  for (i = 0; i < G_N_ELEMENTS (module_symbols); i++)
    {
      gpointer symbol = NULL;

      if (!g_module_symbol (loaded.module, module_symbols[i].name, &symbol) || symbol == NULL)
        {
          pm->error_code = MFA_PHONE_ERROR_FAILED;
          pm->error_message = g_strdup_printf (_("Could not load phone number support: %s"),
                                               g_module_error ());
          g_module_close (loaded.module);
          return;
        }

      *(gpointer *) G_STRUCT_MEMBER_P (&loaded, module_symbols[i].offset) = symbol;
    }

  if (loaded.abi () != MFA_PHONE_MODULE_ABI)
    {
      pm->error_code = MFA_PHONE_ERROR_FAILED;
      pm->error_message = g_strdup_printf (_("Could not load phone number support: "
                                             "%s belongs to another version"),
                                           path);
      g_module_close (loaded.module);
      return;
    }

  /* libphonenumber keeps singletons and static destructors; never unload. */
  g_module_make_resident (loaded.module);
  g_debug ("Loaded %s", path);

  *pm = loaded;
}

static gpointer
load_module_once (gpointer data)
{
  PhoneModule *pm = g_new0 (PhoneModule, 1);
  const char *env_dir = g_getenv ("MFA_PHONE_MODULE_DIR");
  g_autoptr(GPtrArray) dirs = g_ptr_array_new ();
  g_autoptr(GString) searched = g_string_new (NULL);
  guint i;

  if (env_dir != NULL && env_dir[0] != '\0')
    g_ptr_array_add (dirs, (gpointer) env_dir);
  g_ptr_array_add (dirs, (gpointer) PKGLIBDIR);

  if (!g_module_supported ())
    {
      pm->error_code = MFA_PHONE_ERROR_FAILED;
      pm->error_message = g_strdup (_("Could not load phone number support: "
                                      "loadable modules are not supported"));
      return pm;
    }

  /* The first directory that has the module wins, even if opening it then
   * fails: silently falling back to another copy would hide the problem. */
  for (i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, i),
                                                MFA_PHONE_MODULE_BASENAME, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          open_module (pm, path);
          return pm;
        }

      if (searched->len > 0)
        g_string_append (searched, ", ");
      g_string_append (searched, g_ptr_array_index (dirs, i));
    }

  pm->error_code = MFA_PHONE_ERROR_NOT_FOUND;
  pm->error_message = g_strdup_printf (_("Phone number support is not installed "
                                         "(no %s in %s)"),
                                       MFA_PHONE_MODULE_BASENAME, searched->str);

  return pm;
}

static const PhoneModule *
get_module (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_module_once, NULL);
}

/* NULL when the module is not available. */
static const PhoneModule *
get_loaded_module (void)
{
  const PhoneModule *pm = get_module ();

  return pm->module != NULL ? pm : NULL;
}

/* Two upper-case ASCII letters; "ZZ" (libphonenumber's unknown region) for
 * NULL or anything that cannot be a region code. */
static char *
normalize_region (const char *region)
{
  if (region == NULL ||
      !g_ascii_isalpha (region[0]) ||
      !g_ascii_isalpha (region[1]) ||
      region[2] != '\0')
    return g_strdup ("ZZ");

  return g_ascii_strup (region, 2);
}

static gboolean
is_e164_syntax (const char *str)
{
  gsize n_digits;

  /* ^\+[1-9][0-9]{6,14}$ */
  if (str == NULL || str[0] != '+' || str[1] < '1' || str[1] > '9')
    return FALSE;

  for (n_digits = 0; str[1 + n_digits] != '\0'; n_digits++)
    {
      if (!g_ascii_isdigit (str[1 + n_digits]))
        return FALSE;
    }

  return n_digits >= 7 && n_digits <= 15;
}

/**
 * mfa_phone_load:
 * @error: return location for a #GError, or %NULL
 *
 * Loads the phone number module now, rather than on the first call that
 * needs it. Loading happens at most once per process; a failure is
 * remembered and reported again on each call.
 *
 * The module is looked up in the directory named by the
 * `MFA_PHONE_MODULE_DIR` environment variable, if set, and then in the
 * directory it is installed to.
 *
 * Returns: %TRUE if phone numbers can be handled; otherwise %FALSE with
 *   @error set in the %MFA_PHONE_ERROR domain
 */
gboolean
mfa_phone_load (GError **error)
{
  const PhoneModule *pm = get_module ();

  if (pm->module == NULL)
    {
      g_set_error_literal (error, MFA_PHONE_ERROR, pm->error_code, pm->error_message);
      return FALSE;
    }

  return TRUE;
}

/**
 * mfa_phone_parse:
 * @input: (nullable): what the person typed
 * @region: (nullable): ISO 3166-1 alpha-2 code of the country chosen, used
 *   when @input is in national form
 * @e164: (out) (optional) (nullable) (transfer full): return location for
 *   the number in E.164 form (at most 15 digits), set only on %MFA_PHONE_OK
 *
 * Parses a phone number typed in national form for @region (with or
 * without the trunk prefix, e.g. "020 7946 0018" for GB) or in
 * international form, starting with "+" or with the international call
 * prefix dialled from @region (e.g. "00" in most of Europe). Spaces and
 * the usual punctuation are ignored; letters are not accepted.
 *
 * Loads the phone number module if needed.
 *
 * Returns: %MFA_PHONE_OK, the reason the input is not a usable number, or
 *   %MFA_PHONE_UNAVAILABLE if the module cannot be loaded
 */
MfaPhoneStatus
mfa_phone_parse (const char  *input,
                 const char  *region,
                 char       **e164)
{
  const PhoneModule *pm;
  g_autofree char *normalized_region = NULL;
  g_autofree char *number = NULL;
  MfaPhoneStatus status;
  gboolean blank = TRUE;
  const char *p;

  if (e164 != NULL)
    *e164 = NULL;

  if (input == NULL)
    return MFA_PHONE_EMPTY;

  if (!g_utf8_validate (input, -1, NULL))
    return MFA_PHONE_NOT_A_NUMBER;

  for (p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        return MFA_PHONE_NOT_A_NUMBER;
      if (!g_unichar_isspace (c))
        blank = FALSE;
    }

  if (blank)
    return MFA_PHONE_EMPTY;

  pm = get_loaded_module ();
  if (pm == NULL)
    return MFA_PHONE_UNAVAILABLE;

  normalized_region = normalize_region (region);

  status = pm->parse (input, normalized_region, &number);
  /* libphonenumber takes some numbers with more digits than E.164 allows
   * (15), such as +49 5800 0174 9586 489; nothing could send to them. */
  if (status == MFA_PHONE_OK && !is_e164_syntax (number))
    status = MFA_PHONE_TOO_LONG;
  if (status == MFA_PHONE_OK && e164 != NULL)
    *e164 = g_steal_pointer (&number);

  return status;
}

/**
 * mfa_phone_is_valid_e164:
 * @e164: (nullable): a phone number
 *
 * Checks that @e164 is written in canonical E.164 form ("+" and 7 to 15
 * digits, the first not 0) and is a valid number for its country.
 * "+15555550100" is well-formed but not valid.
 *
 * Loads the phone number module if needed.
 *
 * Returns: %TRUE if @e164 is a valid E.164 number; %FALSE otherwise, and
 *   when the module cannot be loaded
 */
gboolean
mfa_phone_is_valid_e164 (const char *e164)
{
  const PhoneModule *pm;

  if (!is_e164_syntax (e164))
    return FALSE;

  pm = get_loaded_module ();
  if (pm == NULL)
    return FALSE;

  return pm->is_valid_e164 (e164);
}

/**
 * mfa_phone_format_international:
 * @e164: (nullable): a phone number in international form
 *
 * Formats @e164 the way it is written across borders, e.g.
 * "+1 201-555-0123" for "+12015550123".
 *
 * Returns: (transfer full) (nullable): the formatted number, or %NULL if
 *   @e164 cannot be parsed or the module cannot be loaded
 */
char *
mfa_phone_format_international (const char *e164)
{
  const PhoneModule *pm;

  if (e164 == NULL || e164[0] == '\0')
    return NULL;

  pm = get_loaded_module ();
  if (pm == NULL)
    return NULL;

  return pm->format (e164, FALSE);
}

/**
 * mfa_phone_format_national:
 * @e164: (nullable): a phone number in international form
 *
 * Formats @e164 the way it is written inside its own country, e.g.
 * "(201) 555-0123" for "+12015550123".
 *
 * Returns: (transfer full) (nullable): the formatted number, or %NULL if
 *   @e164 cannot be parsed or the module cannot be loaded
 */
char *
mfa_phone_format_national (const char *e164)
{
  const PhoneModule *pm;

  if (e164 == NULL || e164[0] == '\0')
    return NULL;

  pm = get_loaded_module ();
  if (pm == NULL)
    return NULL;

  return pm->format (e164, TRUE);
}

/**
 * mfa_phone_region_of:
 * @e164: (nullable): a phone number in international form
 *
 * Finds the country a number belongs to, e.g. "US" for "+12015550123" and
 * "CA" for "+16135550123".
 *
 * Returns: (transfer full) (nullable): the ISO 3166-1 alpha-2 code, or
 *   %NULL if the number is invalid, not geographic, or the module cannot be
 *   loaded
 */
char *
mfa_phone_region_of (const char *e164)
{
  const PhoneModule *pm;

  if (e164 == NULL || e164[0] == '\0')
    return NULL;

  pm = get_loaded_module ();
  if (pm == NULL)
    return NULL;

  return pm->region_of (e164);
}

/**
 * mfa_phone_calling_code_for_region:
 * @region: (nullable): an ISO 3166-1 alpha-2 code, in either case
 *
 * Returns: the country calling code of @region (33 for "FR"), or 0 if the
 *   region is unknown or the module cannot be loaded
 */
int
mfa_phone_calling_code_for_region (const char *region)
{
  const PhoneModule *pm;
  g_autofree char *normalized_region = normalize_region (region);

  if (g_str_equal (normalized_region, "ZZ"))
    return 0;

  pm = get_loaded_module ();
  if (pm == NULL)
    return 0;

  return pm->calling_code (normalized_region);
}

/**
 * mfa_phone_main_region_for_calling_code:
 * @calling_code: a country calling code such as 44
 *
 * Several countries share some calling codes (+1, +7, +44, …); this gives
 * the main one, as people expect it first (44 gives "GB", not "GG").
 *
 * Returns: (transfer full) (nullable): an ISO 3166-1 alpha-2 code, or
 *   %NULL for an unknown or non-geographic code
 */
char *
mfa_phone_main_region_for_calling_code (int calling_code)
{
  const PhoneModule *pm;

  if (calling_code <= 0 || calling_code > 999)
    return NULL;

  pm = get_loaded_module ();
  if (pm == NULL)
    return NULL;

  return pm->main_region (calling_code);
}

/**
 * mfa_phone_supported_regions:
 *
 * Lists the regions phone numbers can be parsed for, to fill a country
 * chooser.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ISO 3166-1
 *   alpha-2 codes, sorted; empty if the module cannot be loaded
 */
char **
mfa_phone_supported_regions (void)
{
  const PhoneModule *pm = get_loaded_module ();
  char **regions = NULL;

  if (pm != NULL)
    regions = pm->supported_regions ();

  if (regions == NULL)
    regions = g_new0 (char *, 1);

  return regions;
}

/**
 * mfa_phone_example_number:
 * @region: (nullable): an ISO 3166-1 alpha-2 code, in either case
 *
 * Gives an example number for @region in national format, mobile if the
 * region has mobile numbers, e.g. "(201) 555-0123" for "US", for use as
 * the placeholder of the number entry.
 *
 * Returns: (transfer full) (nullable): the example, or %NULL if the region
 *   is unknown or the module cannot be loaded
 */
char *
mfa_phone_example_number (const char *region)
{
  const PhoneModule *pm;
  g_autofree char *normalized_region = normalize_region (region);

  if (g_str_equal (normalized_region, "ZZ"))
    return NULL;

  pm = get_loaded_module ();
  if (pm == NULL)
    return NULL;

  return pm->example_number (normalized_region);
}

/**
 * mfa_phone_formatter_new:
 * @region: (nullable): ISO 3166-1 alpha-2 code of the country chosen
 *
 * Creates an as-you-type formatter for numbers typed in @region's national
 * form, or in international form.
 *
 * Loads the phone number module if needed. If it cannot be loaded the
 * formatter still works, but returns the digits unformatted.
 *
 * Returns: (transfer full): a new formatter; free it with
 *   mfa_phone_formatter_free()
 */
MfaPhoneFormatter *
mfa_phone_formatter_new (const char *region)
{
  const PhoneModule *pm = get_loaded_module ();
  g_autofree char *normalized_region = normalize_region (region);
  MfaPhoneFormatter *self = g_new0 (MfaPhoneFormatter, 1);

  self->fed = g_string_new (NULL);
  self->result = g_strdup ("");

  if (pm != NULL)
    self->impl = pm->formatter_new (normalized_region);

  return self;
}

/* Keeps the digits of @text (any script, as ASCII) and a '+' before the
 * first digit. */
static char *
filter_dialable (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out = g_string_new (NULL);
  gboolean seen_digit = FALSE;
  const char *p;

  if (text == NULL)
    return g_string_free (out, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value = g_unichar_digit_value (c);

      if (value >= 0)
        {
          g_string_append_c (out, '0' + value);
          seen_digit = TRUE;
        }
      else if (c == '+' && !seen_digit && out->len == 0)
        {
          g_string_append_c (out, '+');
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * mfa_phone_formatter_input:
 * @self: a #MfaPhoneFormatter
 * @text: (nullable): everything typed so far
 *
 * Formats the whole of @text, the current content of the entry. Anything
 * but digits and a leading "+" is ignored, so the previous formatted
 * result with a digit inserted, removed or appended anywhere can be
 * passed back in.
 *
 * Returns: (transfer none): the formatted text, owned by @self and valid
 *   until the next call or until @self is freed
 */
const char *
mfa_phone_formatter_input (MfaPhoneFormatter *self,
                           const char        *text)
{
  const PhoneModule *pm;
  g_autofree char *dialable = NULL;
  char *formatted = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  dialable = filter_dialable (text);
  if (g_str_equal (dialable, self->fed->str))
    return self->result;

  pm = get_loaded_module ();
  if (pm != NULL && self->impl != NULL)
    {
      if (!self->needs_clear &&
          self->fed->len > 0 &&
          g_str_has_prefix (dialable, self->fed->str))
        /* Typing at the end: feed only the new digits. */
        formatted = pm->formatter_feed (self->impl, dialable + self->fed->len, FALSE);
      else
        /* Anything else: start over with the whole text. */
        formatted = pm->formatter_feed (self->impl, dialable, TRUE);
    }

  /* On failure the formatter's state is unknown: start over next time. */
  self->needs_clear = formatted == NULL;
  if (formatted == NULL)
    formatted = g_strdup (dialable);

  g_string_assign (self->fed, dialable);
  g_free (self->result);
  self->result = formatted;

  return self->result;
}

/**
 * mfa_phone_formatter_free:
 * @self: (nullable): a #MfaPhoneFormatter
 *
 * Frees @self.
 */
void
mfa_phone_formatter_free (MfaPhoneFormatter *self)
{
  const PhoneModule *pm;

  if (self == NULL)
    return;

  if (self->impl != NULL)
    {
      pm = get_loaded_module ();
      pm->formatter_free (self->impl);
    }

  g_string_free (self->fed, TRUE);
  g_free (self->result);
  g_free (self);
}
