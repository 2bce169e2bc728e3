/* mfa-phone-module.cpp
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

/* The only C++ in the project: a thin layer over libphonenumber, built as a
 * loadable module so that the application maps libphonenumber, ICU and
 * protobuf only once phone numbers are needed. Every entry point catches
 * all exceptions: none may unwind into the C caller.
 */

#include "config.h"

#define G_LOG_DOMAIN "mfa-phone"

#include "mfa-phone-module.h"

#include <set>
#include <string>

#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::AsYouTypeFormatter;
using i18n::phonenumbers::NullLogger;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

/* Digits after the '+' in an E.164 number, at most (ITU-T E.164). */
constexpr std::string::size_type MAX_E164_DIGITS = 15;

PhoneNumberUtil *phone_util = nullptr;

/* Parses a number written in international form only. */
bool
parse_international (const char  *e164,
                     PhoneNumber *number)
{
  if (e164 == nullptr)
    return false;

  return phone_util->Parse (e164, "ZZ", number) == PhoneNumberUtil::NO_PARSING_ERROR;
}

char *
dup_string (const std::string &str)
{
  return g_strndup (str.data (), str.size ());
}

} /* namespace */

extern "C" {

/* Run by g_module_open(); a non-NULL return makes the open fail with that
 * message. libphonenumber logs to stdout by default, which must never
 * happen (the server's stdout is read by its tests), so the singleton gets
 * a logger that drops everything before any other call can log.
 */
G_MODULE_EXPORT const gchar *
g_module_check_init (GModule *module)
{
  try
    {
      phone_util = PhoneNumberUtil::GetInstance ();
      if (phone_util == nullptr)
        return "libphonenumber could not be initialised";
      phone_util->SetLogger (new NullLogger ());
      return nullptr;
    }
  catch (...)
    {
      phone_util = nullptr;
      return "libphonenumber could not be initialised";
    }
}

int
mfa_phone_module_abi (void)
{
  return MFA_PHONE_MODULE_ABI;
}

MfaPhoneStatus
mfa_phone_module_parse (const char  *input,
                        const char  *region,
                        char       **e164)
{
  try
    {
      PhoneNumber number;
      std::string formatted;

      if (input == nullptr || region == nullptr)
        return MFA_PHONE_NOT_A_NUMBER;

      switch (phone_util->Parse (input, region, &number))
        {
        case PhoneNumberUtil::NO_PARSING_ERROR:
          break;
        case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
          return MFA_PHONE_INVALID_COUNTRY;
        case PhoneNumberUtil::NOT_A_NUMBER:
          return MFA_PHONE_NOT_A_NUMBER;
        case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
        case PhoneNumberUtil::TOO_SHORT_NSN:
          return MFA_PHONE_TOO_SHORT;
        case PhoneNumberUtil::TOO_LONG_NSN:
          return MFA_PHONE_TOO_LONG;
        default:
          return MFA_PHONE_NOT_A_NUMBER;
        }

      /* An extension cannot receive a text message. */
      if (number.has_extension ())
        return MFA_PHONE_INVALID;

      switch (phone_util->IsPossibleNumberWithReason (number))
        {
        case PhoneNumberUtil::IS_POSSIBLE:
          break;
        case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
          /* A subscriber number without its area code. */
          return MFA_PHONE_TOO_SHORT;
        case PhoneNumberUtil::INVALID_COUNTRY_CODE:
          return MFA_PHONE_INVALID_COUNTRY;
        case PhoneNumberUtil::TOO_SHORT:
          return MFA_PHONE_TOO_SHORT;
        case PhoneNumberUtil::INVALID_LENGTH:
          return MFA_PHONE_INVALID;
        case PhoneNumberUtil::TOO_LONG:
          return MFA_PHONE_TOO_LONG;
        default:
          return MFA_PHONE_INVALID;
        }

      if (!phone_util->IsValidNumber (number))
        return MFA_PHONE_INVALID;

      phone_util->Format (number, PhoneNumberUtil::E164, &formatted);

      /* E.164 allows at most 15 digits after the '+'; libphonenumber's
       * metadata accepts longer numbers for a few countries (German fixed
       * lines, for one), which no service would take. */
      if (formatted.size () > 1 + MAX_E164_DIGITS)
        return MFA_PHONE_TOO_LONG;

      if (e164 != nullptr)
        *e164 = dup_string (formatted);

      return MFA_PHONE_OK;
    }
  catch (...)
    {
      return MFA_PHONE_UNAVAILABLE;
    }
}

gboolean
mfa_phone_module_is_valid_e164 (const char *e164)
{
  try
    {
      PhoneNumber number;
      std::string formatted;

      if (!parse_international (e164, &number) ||
          number.has_extension () ||
          !phone_util->IsValidNumber (number))
        return FALSE;

      /* Only the canonical spelling counts as E.164. */
      phone_util->Format (number, PhoneNumberUtil::E164, &formatted);
      return formatted == e164;
    }
  catch (...)
    {
      return FALSE;
    }
}

char *
mfa_phone_module_format (const char *e164,
                         gboolean    national)
{
  try
    {
      PhoneNumber number;
      std::string formatted;

      if (!parse_international (e164, &number))
        return nullptr;

      phone_util->Format (number,
                          national ? PhoneNumberUtil::NATIONAL
                                   : PhoneNumberUtil::INTERNATIONAL,
                          &formatted);
      if (formatted.empty ())
        return nullptr;

      return dup_string (formatted);
    }
  catch (...)
    {
      return nullptr;
    }
}

char *
mfa_phone_module_region_of (const char *e164)
{
  try
    {
      PhoneNumber number;
      std::string region;

      if (!parse_international (e164, &number))
        return nullptr;

      phone_util->GetRegionCodeForNumber (number, &region);
      if (region.empty () || region == "ZZ" || region == "001")
        return nullptr;

      return dup_string (region);
    }
  catch (...)
    {
      return nullptr;
    }
}

int
mfa_phone_module_calling_code (const char *region)
{
  try
    {
      if (region == nullptr)
        return 0;

      return phone_util->GetCountryCodeForRegion (region);
    }
  catch (...)
    {
      return 0;
    }
}

char *
mfa_phone_module_main_region (int calling_code)
{
  try
    {
      std::string region;

      phone_util->GetRegionCodeForCountryCode (calling_code, &region);
      if (region.empty () || region == "ZZ" || region == "001")
        return nullptr;

      return g_strdup (region.c_str ());
    }
  catch (...)
    {
      return nullptr;
    }
}

char **
mfa_phone_module_supported_regions (void)
{
  try
    {
      std::set<std::string> regions;
      GPtrArray *array;

      phone_util->GetSupportedRegions (&regions);

      /* std::set is ordered, so the result comes out sorted. */
      array = g_ptr_array_new ();
      for (const std::string &region : regions)
        g_ptr_array_add (array, dup_string (region));
      g_ptr_array_add (array, nullptr);

      return (char **) g_ptr_array_free (array, FALSE);
    }
  catch (...)
    {
      return nullptr;
    }
}

char *
mfa_phone_module_example_number (const char *region)
{
  try
    {
      PhoneNumber number;
      std::string formatted;

      if (region == nullptr)
        return nullptr;

      /* Codes are sent by SMS, so a mobile number is the better example;
       * some regions only have a fixed-line one. */
      if (!phone_util->GetExampleNumberForType (region, PhoneNumberUtil::MOBILE, &number) &&
          !phone_util->GetExampleNumber (region, &number))
        return nullptr;

      phone_util->Format (number, PhoneNumberUtil::NATIONAL, &formatted);
      if (formatted.empty ())
        return nullptr;

      return dup_string (formatted);
    }
  catch (...)
    {
      return nullptr;
    }
}

gpointer
mfa_phone_module_formatter_new (const char *region)
{
  try
    {
      if (region == nullptr)
        return nullptr;

      return phone_util->GetAsYouTypeFormatter (region);
    }
  catch (...)
    {
      return nullptr;
    }
}

char *
mfa_phone_module_formatter_feed (gpointer    formatter,
                                 const char *digits,
                                 gboolean    clear)
{
  try
    {
      AsYouTypeFormatter *aytf = static_cast<AsYouTypeFormatter *> (formatter);
      std::string result;

      if (aytf == nullptr || digits == nullptr)
        return nullptr;

      if (clear)
        aytf->Clear ();

      /* The shim passes ASCII digits and at most a leading '+'. */
      for (const char *p = digits; *p != '\0'; p++)
        aytf->InputDigit (static_cast<unsigned char> (*p), &result);

      return dup_string (result);
    }
  catch (...)
    {
      return nullptr;
    }
}

void
mfa_phone_module_formatter_free (gpointer formatter)
{
  try
    {
      delete static_cast<AsYouTypeFormatter *> (formatter);
    }
  catch (...)
    {
    }
}

} /* extern "C" */
