/* fapi-password.c
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

#include <math.h>
#include <string.h>

#include "fapi-server.h"

/* The instance's password policy (Clerk's password_settings: in the
 * environment, on the command line, in /__dev/settings) and
 * POST /v1/me/change_password, which enforces it.
 *
 * Two checks stand in for services the real one calls: "breached" is a
 * short built-in list of passwords every breach corpus holds, and the
 * strength (0 to 4, as zxcvbn scores) is this server's own estimate:
 * the password is cut, left to right, into the longest known patterns
 * (a common word, also capitalized or with look-alike digits and
 * symbols; a run of one character; an alphabetical or numerical
 * sequence; a run along a keyboard row; a year), each pattern counts a
 * fixed number of guesses and every other character as many as its
 * class has members (10 digits, 26 letters, 33 symbols, 100 others);
 * the score follows from the product as zxcvbn's does: under 10^3
 * guesses 0, 10^6 1, 10^8 2, 10^10 3, else 4. */

/* Clerk's upper bound for max_length (what bcrypt can hash). */
#define MAX_PASSWORD_LENGTH 72

/* What the environment lists as special characters: require_special_char
 * asks for one of them. */
#define SPECIAL_CHARACTERS "!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~"

typedef enum {
  FIELD_COUNT,
  FIELD_SWITCH,
} FieldKind;

static const struct {
  const char *name;
  FieldKind   kind;
  guint       min;
  guint       max;
  gsize       offset;
} fields[] = {
  { "min_length", FIELD_COUNT, 1, MAX_PASSWORD_LENGTH,
    G_STRUCT_OFFSET (FapiPasswordSettings, min_length) },
  { "max_length", FIELD_COUNT, 1, MAX_PASSWORD_LENGTH,
    G_STRUCT_OFFSET (FapiPasswordSettings, max_length) },
  { "require_uppercase", FIELD_SWITCH, 0, 1,
    G_STRUCT_OFFSET (FapiPasswordSettings, require_uppercase) },
  { "require_lowercase", FIELD_SWITCH, 0, 1,
    G_STRUCT_OFFSET (FapiPasswordSettings, require_lowercase) },
  { "require_numbers", FIELD_SWITCH, 0, 1,
    G_STRUCT_OFFSET (FapiPasswordSettings, require_numbers) },
  { "require_special_char", FIELD_SWITCH, 0, 1,
    G_STRUCT_OFFSET (FapiPasswordSettings, require_special_char) },
  { "min_zxcvbn_strength", FIELD_COUNT, 0, 4,
    G_STRUCT_OFFSET (FapiPasswordSettings, min_zxcvbn_strength) },
  { "show_zxcvbn", FIELD_SWITCH, 0, 1,
    G_STRUCT_OFFSET (FapiPasswordSettings, show_zxcvbn) },
  { "disable_hibp", FIELD_SWITCH, 0, 1,
    G_STRUCT_OFFSET (FapiPasswordSettings, disable_hibp) },
  { "enforce_hibp_on_sign_in", FIELD_SWITCH, 0, 1,
    G_STRUCT_OFFSET (FapiPasswordSettings, enforce_hibp_on_sign_in) },
};

/* The defaults of a new Clerk instance: at least 8 characters (at most
 * 72), no character classes required, no strength required, breached
 * passwords refused when set but not at sign-in. */
void
fapi_password_settings_init (FapiPasswordSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  settings->min_length = 8;
  settings->max_length = MAX_PASSWORD_LENGTH;
}

static int
find_field (const char *name)
{
  g_autofree char *canonical = g_strdelimit (g_strdup (name), "-", '_');

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_str_equal (canonical, fields[i].name))
        return i;
    }
  return -1;
}

static gboolean
parse_switch (const char *text,
              gboolean   *value)
{
  if (g_strcmp0 (text, "on") == 0 || g_strcmp0 (text, "off") == 0)
    {
      *value = g_str_equal (text, "on");
      return TRUE;
    }
  return fapi_parse_bool (text, value);
}

static char *
field_message (guint i)
{
  if (fields[i].kind == FIELD_SWITCH)
    return g_strdup_printf ("%s must be true or false (or \"on\" or \"off\").", fields[i].name);
  return g_strdup_printf ("%s must be a whole number from %u to %u.",
                          fields[i].name, fields[i].min, fields[i].max);
}

static void
set_field (FapiPasswordSettings *settings,
           guint                 i,
           guint                 value)
{
  if (fields[i].kind == FIELD_SWITCH)
    G_STRUCT_MEMBER (gboolean, settings, fields[i].offset) = value != 0;
  else
    G_STRUCT_MEMBER (guint, settings, fields[i].offset) = value;
}

/* --password-settings min_length=12,require_numbers=true,disable_hibp=on:
 * Clerk's names (with '_' or '-'), counts as numbers, switches as
 * on/off or true/false. Only the named fields change. */
gboolean
fapi_password_settings_parse (FapiPasswordSettings  *settings,
                              const char            *text,
                              GError               **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  FapiPasswordSettings next = *settings;

  for (guint p = 0; parts[p] != NULL; p++)
    {
      g_auto(GStrv) pair = NULL;
      guint64 number = 0;
      gboolean on = FALSE;
      int i;

      g_strstrip (parts[p]);
      if (parts[p][0] == '\0')
        continue;
      pair = g_strsplit (parts[p], "=", 2);
      i = find_field (g_strstrip (pair[0]));
      if (i < 0 || pair[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--password-settings takes NAME=VALUE pairs of Clerk's password_settings "
                       "(min_length, max_length, require_uppercase, require_lowercase, "
                       "require_numbers, require_special_char, min_zxcvbn_strength, show_zxcvbn, "
                       "disable_hibp, enforce_hibp_on_sign_in), not “%s”", parts[p]);
          return FALSE;
        }
      g_strstrip (pair[1]);
      if (fields[i].kind == FIELD_SWITCH
          ? !parse_switch (pair[1], &on)
          : !g_ascii_string_to_unsigned (pair[1], 10, fields[i].min, fields[i].max, &number, NULL))
        {
          g_autofree char *message = field_message (i);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--password-settings: %s", message);
          return FALSE;
        }
      set_field (&next, i, fields[i].kind == FIELD_SWITCH ? (guint) on : (guint) number);
    }

  if (next.min_length > next.max_length)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--password-settings: min_length (%u) is more than max_length (%u)",
                   next.min_length, next.max_length);
      return FALSE;
    }
  *settings = next;
  return TRUE;
}

/* "password_settings" of /__dev/settings: an object of Clerk's names;
 * only those given change. Otherwise returns FALSE with the error code
 * (form_param_unknown for a name it does not know, else
 * form_param_value_invalid), the offending name
 * ("password_settings.min_length") and a sentence. */
gboolean
fapi_password_settings_apply_json (FapiPasswordSettings  *settings,
                                   JsonNode              *node,
                                   const char           **code,
                                   char                 **bad_name,
                                   char                 **message)
{
  FapiPasswordSettings next = *settings;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  *code = "form_param_value_invalid";
  *bad_name = NULL;
  *message = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *bad_name = g_strdup ("password_settings");
      *message = g_strdup ("password_settings must be an object of Clerk's password_settings.");
      return FALSE;
    }

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      int i = find_field (l->data);
      gboolean ok = FALSE;
      guint number = 0;

      if (i < 0)
        {
          *code = "form_param_unknown";
          *bad_name = g_strconcat ("password_settings.", (const char *) l->data, NULL);
          *message = g_strdup_printf ("%s is not a password setting this server can change.",
                                      (const char *) l->data);
          return FALSE;
        }

      if (JSON_NODE_HOLDS_VALUE (value))
        {
          GType type = json_node_get_value_type (value);

          if (fields[i].kind == FIELD_SWITCH && type == G_TYPE_BOOLEAN)
            {
              number = json_node_get_boolean (value);
              ok = TRUE;
            }
          else if (fields[i].kind == FIELD_SWITCH && type == G_TYPE_STRING)
            {
              gboolean on;

              ok = parse_switch (json_node_get_string (value), &on);
              number = on;
            }
          else if (type == G_TYPE_INT64)
            {
              gint64 v = json_node_get_int (value);

              ok = v >= fields[i].min && v <= fields[i].max;
              number = (guint) v;
            }
        }
      if (!ok)
        {
          *bad_name = g_strconcat ("password_settings.", fields[i].name, NULL);
          *message = field_message (i);
          return FALSE;
        }
      set_field (&next, i, number);
    }

  if (next.min_length > next.max_length)
    {
      *bad_name = g_strdup ("password_settings.min_length");
      *message = g_strdup_printf ("min_length (%u) must not be more than max_length (%u).",
                                  next.min_length, next.max_length);
      return FALSE;
    }
  *settings = next;
  return TRUE;
}

/* Clerk's user_settings.password_settings, every member it requires;
 * disable_password_reverification and allowed_special_characters are
 * fixed. */
JsonObject *
fapi_password_settings_to_json (const FapiPasswordSettings *settings)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "disable_hibp", settings->disable_hibp);
  json_object_set_boolean_member (object, "disable_password_reverification", FALSE);
  json_object_set_int_member (object, "min_length", settings->min_length);
  json_object_set_int_member (object, "max_length", settings->max_length);
  json_object_set_boolean_member (object, "require_special_char", settings->require_special_char);
  json_object_set_boolean_member (object, "require_numbers", settings->require_numbers);
  json_object_set_boolean_member (object, "require_uppercase", settings->require_uppercase);
  json_object_set_boolean_member (object, "require_lowercase", settings->require_lowercase);
  json_object_set_boolean_member (object, "show_zxcvbn", settings->show_zxcvbn);
  json_object_set_int_member (object, "min_zxcvbn_strength", settings->min_zxcvbn_strength);
  json_object_set_boolean_member (object, "enforce_hibp_on_sign_in",
                                  settings->enforce_hibp_on_sign_in);
  json_object_set_string_member (object, "allowed_special_characters", SPECIAL_CHARACTERS);
  return object;
}

/* Passwords that every breach corpus holds, compared as they are. */
static const char * const breached[] = {
  "password", "password1", "password12", "password123", "Password", "Password1",
  "Password123", "Password123!", "P@ssw0rd", "passw0rd", "123456", "1234567", "12345678",
  "123456789", "1234567890", "12341234", "87654321", "000000", "111111", "11111111", "654321",
  "qwerty", "qwerty123", "qwertyuiop", "1q2w3e4r", "1qaz2wsx", "abc123", "abc12345",
  "iloveyou", "letmein", "letmein123", "welcome", "welcome1", "welcome123", "admin",
  "admin123", "monkey", "dragon", "sunshine", "princess", "football", "baseball",
  "trustno1", "superman", "starwars", "whatever", "correct horse battery staple",
};

gboolean
fapi_password_is_breached (const char *password)
{
  if (password == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (breached); i++)
    {
      if (g_str_equal (password, breached[i]))
        return TRUE;
    }
  return FALSE;
}

/* Words a guesser tries first, lower case. */
static const char * const common_words[] = {
  "password", "passwort", "pass", "welcome", "letmein", "qwerty", "dragon", "monkey",
  "master", "shadow", "sunshine", "princess", "football", "baseball", "soccer", "hockey",
  "iloveyou", "love", "admin", "login", "hello", "secret", "summer", "winter", "spring",
  "autumn", "freedom", "whatever", "trustno", "superman", "batman", "starwars", "michael",
  "jennifer", "jordan", "charlie", "thomas", "daniel", "andrew", "jessica", "ashley",
  "hunter", "ranger", "buster", "tigger", "pepper", "cheese", "cookie", "computer",
  "internet", "google", "apple", "orange", "banana", "flower", "purple", "silver", "golden",
  "correct", "horse", "battery", "staple", "test", "demo", "user", "guest", "root", "abc",
  "the", "and", "you", "god", "money", "family", "friend", "house", "happy", "lucky",
  "angel", "baby", "girl", "boy", "cat", "dog", "example",
};

static const char * const keyboard_rows[] = {
  "qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "!@#$%^&*()",
};

/* Look-alikes a guesser also tries for a letter of a word. */
static gboolean
char_matches (gunichar  c,
              char      letter,
              gboolean *substituted)
{
  static const struct {
    char        letter;
    const char *look_alikes;
  } leet[] = {
    { 'a', "@4" }, { 'b', "8" }, { 'e', "3" }, { 'g', "9" }, { 'i', "1!|" },
    { 'l', "1|" }, { 'o', "0" }, { 's', "$5" }, { 't', "7+" },
  };

  if (g_unichar_tolower (c) == (gunichar) letter)
    return TRUE;
  if (c > 127)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (leet); i++)
    {
      if (leet[i].letter == letter && strchr (leet[i].look_alikes, (char) c) != NULL)
        {
          *substituted = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}

static double
cardinality (gunichar c)
{
  if (c > 127)
    return 100;
  if (g_ascii_isdigit (c))
    return 10;
  if (g_ascii_isalpha (c))
    return 26;
  return 33;
}

static void
suggest (GPtrArray  *suggestions,
         const char *code)
{
  if (suggestions == NULL)
    return;
  for (guint i = 0; i < suggestions->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (suggestions, i), code))
        return;
    }
  g_ptr_array_add (suggestions, (gpointer) code);
}

/* The longest common word at @at, with its guesses; 0 if none. */
static guint
match_word (const gunichar *text,
            guint           len,
            guint           at,
            double         *guesses,
            GPtrArray      *found)
{
  guint best = 0;
  gboolean best_substituted = FALSE;

  for (guint w = 0; w < G_N_ELEMENTS (common_words); w++)
    {
      const char *word = common_words[w];
      guint wlen = strlen (word);
      gboolean substituted = FALSE;
      guint k;

      if (wlen <= best || at + wlen > len)
        continue;
      for (k = 0; k < wlen && char_matches (text[at + k], word[k], &substituted); k++)
        ;
      if (k == wlen)
        {
          best = wlen;
          best_substituted = substituted;
        }
    }
  if (best == 0)
    return 0;

  *guesses = 100;
  {
    guint upper = 0;
    guint letters = 0;

    for (guint k = at; k < at + best; k++)
      {
        if (g_unichar_isalpha (text[k]))
          {
            letters++;
            upper += g_unichar_isupper (text[k]) ? 1 : 0;
          }
      }
    if (upper > 0 && upper == letters)
      {
        *guesses *= 2;
        suggest (found, "allUppercase");
      }
    else if (upper == 1 && g_unichar_isupper (text[at]))
      {
        *guesses *= 2;
        suggest (found, "capitalization");
      }
    else if (upper > 0)
      *guesses *= 4;
  }
  if (best_substituted)
    {
      *guesses *= 4;
      suggest (found, "l33t");
    }
  return best;
}

static guint
match_repeat (const gunichar *text,
              guint           len,
              guint           at,
              double         *guesses)
{
  guint end = at + 1;

  while (end < len && g_unichar_tolower (text[end]) == g_unichar_tolower (text[at]))
    end++;
  if (end - at < 3)
    return 0;
  *guesses = cardinality (text[at]) * (end - at);
  return end - at;
}

static guint
match_sequence (const gunichar *text,
                guint           len,
                guint           at,
                double         *guesses)
{
  guint end;
  int step;

  if (at + 1 >= len || text[at] > 127 || !g_ascii_isalnum (text[at]))
    return 0;
  step = (int) g_unichar_tolower (text[at + 1]) - (int) g_unichar_tolower (text[at]);
  if (step != 1 && step != -1)
    return 0;
  for (end = at + 1; end < len; end++)
    {
      gunichar c = text[end];

      if (c > 127 || !g_ascii_isalnum (c) ||
          (g_ascii_isdigit (c) != g_ascii_isdigit (text[at])) ||
          (int) g_unichar_tolower (c) - (int) g_unichar_tolower (text[end - 1]) != step)
        break;
    }
  if (end - at < 3)
    return 0;
  *guesses = 10.0 * (end - at);
  return end - at;
}

static guint
match_keyboard (const gunichar *text,
                guint           len,
                guint           at,
                double         *guesses)
{
  guint best = 0;

  for (guint r = 0; r < G_N_ELEMENTS (keyboard_rows); r++)
    {
      const char *row = keyboard_rows[r];
      guint end = at;

      while (end < len && text[end] <= 127 &&
             strchr (row, (char) g_unichar_tolower (text[end])) != NULL && text[end] != 0)
        {
          if (end > at)
            {
              const char *here = strchr (row, (char) g_unichar_tolower (text[end]));
              const char *before = strchr (row, (char) g_unichar_tolower (text[end - 1]));

              if (here - before != 1 && before - here != 1)
                break;
            }
          end++;
        }
      best = MAX (best, end - at);
    }
  if (best < 4)
    return 0;
  *guesses = 20.0 * best;
  return best;
}

static guint
match_year (const gunichar *text,
            guint           len,
            guint           at,
            double         *guesses)
{
  if (at + 4 > len)
    return 0;
  for (guint k = at; k < at + 4; k++)
    {
      if (text[k] > 127 || !g_ascii_isdigit (text[k]))
        return 0;
    }
  if (!((text[at] == '1' && text[at + 1] == '9') || (text[at] == '2' && text[at + 1] == '0')))
    return 0;
  *guesses = 100;
  return 4;
}

/* The strength of @password from 0 to 4, and the codes of the
 * suggestions for it (zxcvbn's, as Clerk's UI knows them) added to
 * @suggestions (static strings; may be NULL). */
guint
fapi_password_strength (const char *password,
                        GPtrArray  *suggestions)
{
  g_autofree gunichar *text = NULL;
  glong len = 0;
  double log_guesses = 0;
  gboolean any_pattern = FALSE;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    return 0;
  if (fapi_password_is_breached (password))
    {
      suggest (suggestions, "pwned");
      return 0;
    }

  text = g_utf8_to_ucs4_fast (password, -1, &len);
  for (guint at = 0; at < (guint) len;)
    {
      double guesses = 0;
      double candidate = 0;
      g_autoptr(GPtrArray) word_found = g_ptr_array_new ();
      const char *kind = NULL;
      guint taken = 0;
      guint n;

      if ((n = match_word (text, len, at, &candidate, word_found)) > taken)
        {
          taken = n;
          guesses = candidate;
          kind = "anotherWord";
        }
      if ((n = match_repeat (text, len, at, &candidate)) > taken)
        {
          taken = n;
          guesses = candidate;
          kind = "repeated";
        }
      if ((n = match_sequence (text, len, at, &candidate)) > taken)
        {
          taken = n;
          guesses = candidate;
          kind = "sequences";
        }
      if ((n = match_keyboard (text, len, at, &candidate)) > taken)
        {
          taken = n;
          guesses = candidate;
          kind = "longerKeyboardPattern";
        }
      if ((n = match_year (text, len, at, &candidate)) > taken)
        {
          taken = n;
          guesses = candidate;
          kind = "recentYears";
        }

      if (taken == 0)
        {
          taken = 1;
          guesses = cardinality (text[at]);
        }
      else
        {
          any_pattern = TRUE;
          if (g_str_equal (kind, "anotherWord"))
            {
              for (guint i = 0; i < word_found->len; i++)
                suggest (suggestions, g_ptr_array_index (word_found, i));
            }
          else
            {
              suggest (suggestions, kind);
              if (g_str_equal (kind, "recentYears"))
                suggest (suggestions, "associatedYears");
            }
        }
      log_guesses += log10 (guesses);
      at += taken;
    }

  /* zxcvbn's advice: another word first when a pattern was found, else
   * words over symbols. */
  if (suggestions != NULL && any_pattern)
    g_ptr_array_insert (suggestions, 0, (gpointer) "anotherWord");
  else if (suggestions != NULL)
    {
      suggest (suggestions, "useWords");
      suggest (suggestions, "noNeed");
    }

  if (log_guesses < 3)
    return 0;
  if (log_guesses < 6)
    return 1;
  if (log_guesses < 8)
    return 2;
  if (log_guesses < 10)
    return 3;
  return 4;
}

static const char *
suggestion_message (const char *code)
{
  static const struct {
    const char *code;
    const char *message;
  } messages[] = {
    { "anotherWord", "Add more words that are less common." },
    { "useWords", "Use several words, but avoid common phrases." },
    { "noNeed", "A strong password needs no symbols, digits or capital letters." },
    { "capitalization", "Capitalize more than the first letter." },
    { "allUppercase", "Capitalize some, but not all, letters." },
    { "l33t", "Avoid predictable substitutions such as '@' for 'a'." },
    { "repeated", "Avoid repeated words and characters." },
    { "sequences", "Avoid common sequences of characters." },
    { "longerKeyboardPattern", "Use longer keyboard patterns and change direction several times." },
    { "recentYears", "Avoid recent years." },
    { "associatedYears", "Avoid years that are associated with you." },
    { "pwned", "This password appears in data breaches: do not use it anywhere." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      if (g_str_equal (messages[i].code, code))
        return messages[i].message;
    }
  return code;
}

static JsonObject *
error_meta (JsonNode *body)
{
  JsonArray *errors = json_object_get_array_member (json_node_get_object (body), "errors");

  return json_object_get_object_member (json_array_get_object_element (errors, 0), "meta");
}

static void
reply_not_strong_enough (FapiRequest *req,
                         GPtrArray   *suggestions)
{
  g_autoptr(JsonNode) body = fapi_error_body ("form_password_not_strong_enough",
                                              "Given password is not strong enough.",
                                              "Given password is not strong enough.",
                                              "new_password");
  JsonObject *zxcvbn = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < suggestions->len; i++)
    {
      JsonObject *suggestion = json_object_new ();
      const char *code = g_ptr_array_index (suggestions, i);

      json_object_set_string_member (suggestion, "code", code);
      json_object_set_string_member (suggestion, "message", suggestion_message (code));
      json_array_add_object_element (array, suggestion);
    }
  json_object_set_array_member (zxcvbn, "suggestions", array);
  json_object_set_object_member (error_meta (body), "zxcvbn", zxcvbn);
  fapi_reply_json (req, 422, g_steal_pointer (&body));
}

static gboolean
has_char (const char *text,
          gboolean  (*test) (gunichar c))
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (test (g_utf8_get_char (p)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_special (gunichar c)
{
  return c < 128 && c != 0 && strchr (SPECIAL_CHARACTERS, (char) c) != NULL;
}

/* TRUE when @password may replace the password whose hash is
 * @current_hash (NULL: none); otherwise @req has been answered 422.
 * The checks, in order: length, the character classes, not the current
 * password, not breached, strong enough. */
static gboolean
check_new_password (FapiRequest *req,
                    const char  *password,
                    const char  *current_hash)
{
  const FapiPasswordSettings *policy = &req->server->settings.password_settings;
  glong length = g_utf8_strlen (password, -1);
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;

  if (length < (glong) policy->min_length)
    {
      message = g_strdup_printf ("Passwords must be %u characters or more.", policy->min_length);
      fapi_reply_error (req, 422, "form_password_length_too_short", message, message,
                        "new_password");
      return FALSE;
    }
  if (length > (glong) policy->max_length)
    {
      message = g_strdup_printf ("Passwords must be %u characters or fewer.", policy->max_length);
      fapi_reply_error (req, 422, "form_password_length_too_long", message, message,
                        "new_password");
      return FALSE;
    }
  if (policy->require_uppercase && !has_char (password, g_unichar_isupper))
    {
      fapi_reply_error (req, 422, "form_password_no_uppercase",
                        "Passwords must contain at least one uppercase character.",
                        "Passwords must contain at least one uppercase character.", "new_password");
      return FALSE;
    }
  if (policy->require_lowercase && !has_char (password, g_unichar_islower))
    {
      fapi_reply_error (req, 422, "form_password_no_lowercase",
                        "Passwords must contain at least one lowercase character.",
                        "Passwords must contain at least one lowercase character.", "new_password");
      return FALSE;
    }
  if (policy->require_numbers && !has_char (password, g_unichar_isdigit))
    {
      fapi_reply_error (req, 422, "form_password_no_number",
                        "Passwords must contain at least one number.",
                        "Passwords must contain at least one number.", "new_password");
      return FALSE;
    }
  if (policy->require_special_char && !has_char (password, is_special))
    {
      fapi_reply_error (req, 422, "form_password_no_special_char",
                        "Passwords must contain at least one special character.",
                        "Passwords must contain at least one special character.", "new_password");
      return FALSE;
    }
  if (current_hash != NULL && fapi_store_check_password (password, current_hash))
    {
      fapi_reply_error (req, 422, "form_new_password_matches_current", "is invalid",
                        "New password cannot be the same as the current password.",
                        "new_password");
      return FALSE;
    }
  if (!policy->disable_hibp && fapi_password_is_breached (password))
    {
      fapi_reply_error (req, 422, "form_password_pwned",
                        "Password has been found in an online data breach.",
                        "Password has been found in an online data breach. For account safety, "
                        "please use a different password.", "new_password");
      return FALSE;
    }

  suggestions = g_ptr_array_new ();
  if (fapi_password_strength (password, suggestions) < policy->min_zxcvbn_strength)
    {
      reply_not_strong_enough (req, suggestions);
      return FALSE;
    }
  return TRUE;
}

/* POST /v1/me/change_password: current_password, new_password,
 * sign_out_of_other_sessions. Gated by step-up, as Clerk's docs have it
 * for every password change. The current password is checked when
 * given; it may be left out while the instance has step-up on (Clerk's
 * own UI stops asking for it then, the step-up having just checked the
 * person) or when the user has no password yet. With
 * sign_out_of_other_sessions every other active session of the user is
 * revoked; the session of the request and its token stay. */
void
fapi_handle_change_password (FapiRequest *req)
{
  g_autofree char *user_id = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *current_hash = NULL;
  g_autofree char *new_hash = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) others = NULL;
  const char *current;
  const char *password;
  gboolean sign_out_set = FALSE;
  gboolean sign_out = FALSE;
  gint64 now = fapi_clock_now_ms ();

  if (!g_str_equal (req->method, "POST"))
    return;
  user_id = fapi_session_current_user (req, &session_id);
  if (user_id == NULL)
    return;
  if (!req->server->settings.password)
    {
      fapi_reply_error (req, SOUP_STATUS_FORBIDDEN, "feature_not_enabled", "not enabled",
                        "Passwords are not enabled on this instance.", NULL);
      return;
    }
  if (!fapi_reverification_check (req, session_id, user_id))
    return;
  if (!fapi_request_bool (req, "sign_out_of_other_sessions", &sign_out_set, &sign_out) ||
      !fapi_request_require (req, "new_password", &password))
    return;

  stmt = fapi_store_query (req->server, "SELECT password_hash FROM users WHERE id = ?",
                           "s", user_id);
  if (fapi_store_step (stmt))
    current_hash = fapi_store_dup_text (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  current = fapi_request_param (req, "current_password");
  if (current_hash != NULL)
    {
      if (current == NULL && !req->server->settings.reverification &&
          !fapi_request_require (req, "current_password", &current))
        return;
      if (current != NULL && !fapi_store_check_password (current, current_hash))
        {
          fapi_reply_error (req, 422, "form_password_incorrect", "Password is incorrect.",
                            "Password is incorrect. Try again, or use another method.",
                            "current_password");
          return;
        }
    }

  if (!check_new_password (req, password, current_hash))
    return;

  new_hash = fapi_store_hash_password (password);
  fapi_store_exec (req->server,
                   "UPDATE users SET password_hash = ?, password_updated_at = ?, updated_at = ?"
                   " WHERE id = ?",
                   "siis", new_hash, now, now, user_id);

  if (sign_out)
    {
      others = g_ptr_array_new_with_free_func (g_free);
      stmt = fapi_store_query (req->server,
                               "SELECT id FROM sessions WHERE user_id = ? AND status = 'active'"
                               " AND id != ?",
                               "ss", user_id, session_id);
      while (fapi_store_step (stmt))
        g_ptr_array_add (others, fapi_store_dup_text (stmt, 0));
      for (guint i = 0; i < others->len; i++)
        fapi_session_revoke (req->server, g_ptr_array_index (others, i));
    }

  fapi_reply_wrapped (req, fapi_user_to_json (req->server, user_id));
}
