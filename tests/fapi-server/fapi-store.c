/* fapi-store.c
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

#include <crypt.h>
#include <string.h>

#include "fapi-server.h"

/* Each entry moves the schema one version up; never edit a released one. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE users ("
  "  id TEXT PRIMARY KEY,"
  "  username TEXT UNIQUE,"
  "  first_name TEXT,"
  "  last_name TEXT,"
  "  password_hash TEXT,"
  "  primary_email_address_id TEXT,"
  "  primary_phone_number_id TEXT,"
  "  totp_secret TEXT,"
  "  totp_enabled INTEGER NOT NULL DEFAULT 0,"
  "  mfa_enabled_at INTEGER,"
  "  mfa_disabled_at INTEGER,"
  "  last_sign_in_at INTEGER,"
  "  last_active_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE email_addresses ("
  "  id TEXT PRIMARY KEY,"
  "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  email_address TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE phone_numbers ("
  "  id TEXT PRIMARY KEY,"
  "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  phone_number TEXT NOT NULL UNIQUE,"
  "  reserved_for_second_factor INTEGER NOT NULL DEFAULT 0,"
  "  default_second_factor INTEGER NOT NULL DEFAULT 0,"
  "  verification_status TEXT,"
  "  verification_attempts INTEGER NOT NULL DEFAULT 0,"
  "  verification_expire_at INTEGER,"
  "  code TEXT,"
  "  code_sent_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX phone_numbers_user ON phone_numbers(user_id);"
  "CREATE TABLE backup_code_sets ("
  "  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE backup_codes ("
  "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  code_hash TEXT NOT NULL,"
  "  used_at INTEGER);"
  "CREATE TABLE clients ("
  "  id TEXT PRIMARY KEY,"
  "  sign_in_id TEXT,"
  "  last_active_session_id TEXT,"
  "  last_authentication_strategy TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE client_tokens ("
  "  token TEXT PRIMARY KEY,"
  "  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
  "  current INTEGER NOT NULL);"
  "CREATE TABLE sessions ("
  "  id TEXT PRIMARY KEY,"
  "  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
  "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL,"
  "  first_factor_at INTEGER,"
  "  second_factor_at INTEGER,"
  "  last_active_at INTEGER NOT NULL,"
  "  expire_at INTEGER NOT NULL,"
  "  abandon_at INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE sign_ins ("
  "  id TEXT PRIMARY KEY,"
  "  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
  "  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,"
  "  identifier TEXT,"
  "  status TEXT NOT NULL,"
  "  first_factor_status TEXT,"
  "  first_factor_attempts INTEGER NOT NULL DEFAULT 0,"
  "  second_factor_strategy TEXT,"
  "  second_factor_status TEXT,"
  "  second_factor_attempts INTEGER NOT NULL DEFAULT 0,"
  "  second_factor_expire_at INTEGER,"
  "  second_factor_phone_id TEXT,"
  "  code TEXT,"
  "  code_sent_at INTEGER,"
  "  created_session_id TEXT,"
  "  abandon_at INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);",
  /* 2: the step-up of a session (one at a time; a new one replaces it). */
  "CREATE TABLE reverifications ("
  "  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,"
  "  level TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  first_factor_strategy TEXT,"
  "  first_factor_status TEXT,"
  "  first_factor_attempts INTEGER NOT NULL DEFAULT 0,"
  "  second_factor_strategy TEXT,"
  "  second_factor_status TEXT,"
  "  second_factor_attempts INTEGER NOT NULL DEFAULT 0,"
  "  phone_id TEXT,"
  "  code TEXT,"
  "  code_expire_at INTEGER,"
  "  code_sent_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);",
  /* 3: unverified email addresses; the clients on which a user has
   * completed a sign-in (client trust). */
  "ALTER TABLE email_addresses ADD COLUMN verified INTEGER NOT NULL DEFAULT 1;"
  "CREATE TABLE trusted_clients ("
  "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  client_id TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, client_id));"
  "ALTER TABLE sign_ins ADD COLUMN client_trust INTEGER NOT NULL DEFAULT 0;",
  /* 4: authenticator apps set up through /v1/me/totp: the id and times
   * of the verified secret (users.totp_secret), and the secret of a
   * set-up that waits for its first code. */
  "ALTER TABLE users ADD COLUMN totp_id TEXT;"
  "ALTER TABLE users ADD COLUMN totp_created_at INTEGER;"
  "ALTER TABLE users ADD COLUMN totp_updated_at INTEGER;"
  "CREATE TABLE pending_totps ("
  "  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  secret TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);",
  /* 5: the latest activity of a session (its id, and the User-Agent
   * and address of the request it was read from); when the password
   * last changed. Sessions of an older database get an activity id of
   * their own and nothing known about the device. */
  "ALTER TABLE sessions ADD COLUMN activity_id TEXT;"
  "ALTER TABLE sessions ADD COLUMN user_agent TEXT;"
  "ALTER TABLE sessions ADD COLUMN ip_address TEXT;"
  "UPDATE sessions SET activity_id = 'sact_' || lower(hex(randomblob(13)));"
  "CREATE INDEX sessions_user ON sessions(user_id);"
  "ALTER TABLE users ADD COLUMN password_updated_at INTEGER;",
};

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", errmsg);
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

static int
schema_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (db, "SELECT version FROM schema_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  int version;

  if (!exec_sql (db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", error))
    return FALSE;

  version = schema_version (db);
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "database schema version %d is newer than this server (%u)",
                   version, (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  for (; version < (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *bump = g_strdup_printf ("DELETE FROM schema_version;"
                                               "INSERT INTO schema_version VALUES (%d);",
                                               version + 1);

      if (!exec_sql (db, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!exec_sql (db, migrations[version], error) || !exec_sql (db, bump, error))
        {
          exec_sql (db, "ROLLBACK;", NULL);
          return FALSE;
        }
      if (!exec_sql (db, "COMMIT;", error))
        return FALSE;
    }

  return TRUE;
}

gboolean
fapi_store_open (FapiServer  *server,
                 const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open %s: %s",
                   path, db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_busy_timeout (db, 5000);
  if (!exec_sql (db, "PRAGMA journal_mode=WAL;", error) ||
      !exec_sql (db, "PRAGMA foreign_keys=ON;", error) ||
      !exec_sql (db, "PRAGMA synchronous=NORMAL;", error) ||
      !migrate (db, error))
    {
      sqlite3_close (db);
      return FALSE;
    }

  server->db = db;
  return TRUE;
}

void
fapi_store_close (FapiServer *server)
{
  if (server->db != NULL)
    {
      sqlite3_close (server->db);
      server->db = NULL;
    }
}

/* Bind types: 's' text (NULL binds null), 'i' gint64, 'b' gboolean,
 * 'n' a gint64 where a negative value binds null. */
static sqlite3_stmt *
query_valist (FapiServer *server,
              const char *sql,
              const char *types,
              va_list     args)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (server->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQLite prepare failed: %s\n%s", sqlite3_errmsg (server->db), sql);

  for (int i = 0; types != NULL && types[i] != '\0'; i++)
    {
      switch (types[i])
        {
        case 's':
          {
            const char *s = va_arg (args, const char *);

            if (s != NULL)
              sqlite3_bind_text (stmt, i + 1, s, -1, SQLITE_TRANSIENT);
            else
              sqlite3_bind_null (stmt, i + 1);
          }
          break;

        case 'i':
          sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;

        case 'n':
          {
            gint64 v = va_arg (args, gint64);

            if (v >= 0)
              sqlite3_bind_int64 (stmt, i + 1, v);
            else
              sqlite3_bind_null (stmt, i + 1);
          }
          break;

        case 'b':
          sqlite3_bind_int (stmt, i + 1, va_arg (args, gboolean) ? 1 : 0);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return stmt;
}

sqlite3_stmt *
fapi_store_query (FapiServer *server,
                  const char *sql,
                  const char *types,
                  ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = query_valist (server, sql, types, args);
  va_end (args);
  return stmt;
}

gboolean
fapi_store_exec (FapiServer *server,
                 const char *sql,
                 const char *types,
                 ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;
  int rc;

  va_start (args, types);
  stmt = query_valist (server, sql, types, args);
  va_end (args);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_printerr ("SQLite: %s\n", sqlite3_errmsg (server->db));
      return FALSE;
    }
  return TRUE;
}

/* TRUE while there is a row. */
gboolean
fapi_store_step (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    g_printerr ("SQLite: %s\n", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  return FALSE;
}

char *
fapi_store_dup_text (sqlite3_stmt *stmt,
                     int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

gint64
fapi_store_int_or (sqlite3_stmt *stmt,
                   int           col,
                   gint64        fallback)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return fallback;
  return sqlite3_column_int64 (stmt, col);
}

gboolean
fapi_store_is_null (sqlite3_stmt *stmt,
                    int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL;
}

gboolean
fapi_store_begin (FapiServer *server)
{
  return exec_sql (server->db, "BEGIN IMMEDIATE;", NULL);
}

gboolean
fapi_store_commit (FapiServer *server)
{
  return exec_sql (server->db, "COMMIT;", NULL);
}

/* Back to an empty database with the current schema. */
gboolean
fapi_store_wipe (FapiServer *server)
{
  return exec_sql (server->db,
                   "PRAGMA foreign_keys=OFF;"
                   "BEGIN IMMEDIATE;"
                   "DELETE FROM reverifications; DELETE FROM trusted_clients;"
                   "DELETE FROM pending_totps;"
                   "DELETE FROM sign_ins; DELETE FROM sessions; DELETE FROM client_tokens;"
                   "DELETE FROM clients; DELETE FROM backup_codes; DELETE FROM backup_code_sets;"
                   "DELETE FROM phone_numbers; DELETE FROM email_addresses; DELETE FROM users;"
                   "COMMIT;"
                   "PRAGMA foreign_keys=ON;",
                   NULL);
}

/* yescrypt's lowest cost: a real salted hash (the clear text is never
 * stored), cheap enough that a server on one thread stays responsive
 * while many clients sign in at once. This server holds test and demo
 * accounts only.
 */
#define PASSWORD_COST 1

char *
fapi_store_hash_password (const char *password)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  const char *hash;

  if (crypt_gensalt_rn ("$y$", PASSWORD_COST, NULL, 0, salt, sizeof salt) == NULL)
    g_error ("crypt_gensalt_rn failed");
  hash = crypt_r (password, salt, data);
  if (hash == NULL || hash[0] == '*')
    g_error ("crypt_r failed");
  return g_strdup (hash);
}

gboolean
fapi_store_check_password (const char *password,
                           const char *hash)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *result;
  gsize len;
  guint diff = 0;

  if (password == NULL || hash == NULL || hash[0] == '\0')
    return FALSE;
  result = crypt_r (password, hash, data);
  if (result == NULL || result[0] == '*')
    return FALSE;
  len = strlen (hash);
  if (strlen (result) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guchar) result[i] ^ (guchar) hash[i];
  return diff == 0;
}
