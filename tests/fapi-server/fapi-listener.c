/* fapi-listener.c
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

#include <gio/gnetworking.h>
#include <sys/resource.h>

#include "fapi-server.h"

/* The server accepts its own connections and hands each to SoupServer,
 * so that it can bound them: at most max_connections are open (more wait
 * in the kernel's queue, which is as long as the system allows), one
 * without a request in progress is closed after idle_timeout seconds, and
 * when accept() fails (no file descriptor left) it waits and tries again
 * instead of giving up on the socket. */

typedef struct
{
  FapiServer        *server;
  GSocketConnection *connection;      /* weak */
  char              *key;             /* the peer, "address port" */
  guint              active;          /* requests in progress */
  gint64             last_activity;   /* monotonic, µs */
} FapiConnection;

/* How long to wait before accepting again after accept() failed. */
#define ACCEPT_RETRY_MS 100

/* File descriptors kept free for the database and the main loop when the
 * connection limit is derived from RLIMIT_NOFILE. */
#define RESERVED_FDS 64

#define DEFAULT_MAX_CONNECTIONS 1024
#define SWEEP_INTERVAL_MS 250
#define MAX_BACKLOG 4096

static void start_accepting (FapiServer *server);

/* The system's limit on the accept queue (net.core.somaxconn), at most
 * MAX_BACKLOG. */
static int
listen_backlog (void)
{
  g_autofree char *text = NULL;
  gint64 value;

  if (!g_file_get_contents ("/proc/sys/net/core/somaxconn", &text, NULL, NULL))
    return MAX_BACKLOG;
  value = g_ascii_strtoll (text, NULL, 10);
  if (value <= 0)
    return MAX_BACKLOG;
  return (int) MIN (value, MAX_BACKLOG);
}

guint
fapi_listener_default_max_connections (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return DEFAULT_MAX_CONNECTIONS;
  if (limit.rlim_cur <= 2 * RESERVED_FDS)
    return MAX (limit.rlim_cur / 2, 1);
  return MIN (limit.rlim_cur - RESERVED_FDS, DEFAULT_MAX_CONNECTIONS);
}

static void
stop_accepting (FapiServer *server)
{
  if (server->accept_source != NULL)
    {
      g_source_destroy (server->accept_source);
      g_clear_pointer (&server->accept_source, g_source_unref);
    }
}

static gboolean
retry_accept_cb (gpointer user_data)
{
  FapiServer *server = user_data;

  server->accept_retry_id = 0;
  start_accepting (server);
  return G_SOURCE_REMOVE;
}

static void
connection_free (gpointer data)
{
  FapiConnection *conn = data;

  g_free (conn->key);
  g_free (conn);
}

static char *
peer_key (GSocketAddress *address)
{
  g_autofree char *host = NULL;

  if (address == NULL || !G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;
  host = g_inet_address_to_string (
    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  return g_strdup_printf ("%s %u", host,
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

static FapiConnection *
lookup (FapiServer        *server,
        SoupServerMessage *msg)
{
  g_autofree char *key = peer_key (soup_server_message_get_remote_address (msg));

  if (key == NULL || server->connections == NULL)
    return NULL;
  return g_hash_table_lookup (server->connections, key);
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  FapiConnection *conn = lookup (user_data, msg);

  if (conn != NULL)
    {
      conn->active++;
      conn->last_activity = g_get_monotonic_time ();
    }
}

static void
request_done_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  FapiConnection *conn = lookup (user_data, msg);

  if (conn != NULL)
    {
      if (conn->active > 0)
        conn->active--;
      conn->last_activity = g_get_monotonic_time ();
    }
}

static void
connection_gone_cb (gpointer  user_data,
                    GObject  *where_the_object_was)
{
  FapiConnection *conn = user_data;
  FapiServer *server = conn->server;

  g_hash_table_remove (server->connections, conn->key);
  if (server->accept_source == NULL && server->accept_retry_id == 0)
    start_accepting (server);
}

/* Closes the connections idle for idle_timeout, and those whose request
 * has made no progress for much longer. SoupServer notices the shutdown
 * and drops the connection, which ends in connection_gone_cb. */
static gboolean
sweep_cb (gpointer user_data)
{
  FapiServer *server = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, server->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FapiConnection *conn = value;
      gint64 limit = (gint64) server->idle_timeout * G_USEC_PER_SEC * (conn->active > 0 ? 4 : 1);

      if (now - conn->last_activity >= limit)
        {
          g_socket_shutdown (g_socket_connection_get_socket (conn->connection), TRUE, TRUE, NULL);
          /* Once only; SoupServer closes it soon. */
          conn->last_activity = G_MAXINT64 / 2;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
hand_over (FapiServer *server,
           GSocket    *socket)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(GError) error = NULL;
  FapiConnection *conn;

  if (local == NULL || remote == NULL)
    {
      g_socket_close (socket, NULL);
      return;
    }

  /* A read or write within a request that waits longer than this fails,
   * and SoupServer drops the connection. Idle connections are closed
   * earlier, by sweep_cb. */
  g_socket_set_timeout (socket, 2 * server->idle_timeout);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  connection = g_socket_connection_factory_create_connection (socket);
  conn = g_new0 (FapiConnection, 1);
  conn->server = server;
  conn->connection = connection;
  conn->key = peer_key (remote);
  conn->last_activity = g_get_monotonic_time ();
  if (conn->key == NULL)
    conn->key = g_strdup_printf ("%p", (void *) connection);
  {
    FapiConnection *old = NULL;

    /* The peer's port came round again while the old connection is
     * still being torn down: the new one is the peer now. */
    if (g_hash_table_steal_extended (server->connections, conn->key, NULL, (gpointer *) &old))
      {
        g_free (old->key);
        old->key = g_strdup_printf ("%p", (void *) old->connection);
        g_hash_table_insert (server->connections, old->key, old);
      }
  }
  g_hash_table_insert (server->connections, conn->key, conn);
  g_object_weak_ref (G_OBJECT (connection), connection_gone_cb, conn);

  if (!soup_server_accept_iostream (server->soup, G_IO_STREAM (connection), local, remote,
                                    &error))
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  FapiServer *server = user_data;

  while (g_hash_table_size (server->connections) < server->max_connections)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          hand_over (server, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* Most likely out of file descriptors; the pending connection stays
       * queued, and polling again at once would spin. */
      stop_accepting (server);
      server->accept_retry_id = g_timeout_add (ACCEPT_RETRY_MS, retry_accept_cb, server);
      return G_SOURCE_REMOVE;
    }

  /* At the limit: connection_gone_cb starts again. */
  stop_accepting (server);
  return G_SOURCE_REMOVE;
}

static void
start_accepting (FapiServer *server)
{
  if (server->listener == NULL || server->accept_source != NULL)
    return;
  if (g_hash_table_size (server->connections) >= server->max_connections)
    return;

  server->accept_source = g_socket_create_source (server->listener, G_IO_IN, NULL);
  g_source_set_callback (server->accept_source, G_SOURCE_FUNC (accept_cb), server, NULL);
  g_source_attach (server->accept_source, NULL);
}

/* SoupServer keeps a connection alive after a response only while it has
 * a listener of its own. It gets one that accepts nothing: a loopback
 * socket that is shut down once SoupServer has taken it. */
static gboolean
add_inert_soup_listener (FapiServer  *server,
                         GError     **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL ||
      !g_socket_bind (socket, address, FALSE, error) ||
      !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (server->soup, socket, 0, error))
    return FALSE;
  return g_socket_shutdown (socket, TRUE, TRUE, error);
}

gboolean
fapi_listener_start (FapiServer     *server,
                     GSocketAddress *address,
                     GError        **error)
{
  g_autoptr(GSocket) listener = NULL;

  if (!add_inert_soup_listener (server, error))
    return FALSE;

  listener = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  g_socket_set_blocking (listener, FALSE);
  g_socket_set_listen_backlog (listener, listen_backlog ());
  if (!g_socket_bind (listener, address, TRUE, error) || !g_socket_listen (listener, error))
    return FALSE;

  server->connections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, connection_free);
  if (server->max_connections == 0)
    server->max_connections = fapi_listener_default_max_connections ();
  if (server->idle_timeout == 0)
    server->idle_timeout = 75;
  g_signal_connect (server->soup, "request-started", G_CALLBACK (request_started_cb), server);
  g_signal_connect (server->soup, "request-finished", G_CALLBACK (request_done_cb), server);
  g_signal_connect (server->soup, "request-aborted", G_CALLBACK (request_done_cb), server);
  server->sweep_id = g_timeout_add (SWEEP_INTERVAL_MS, sweep_cb, server);
  server->listener = g_steal_pointer (&listener);
  start_accepting (server);
  return TRUE;
}

/* The port actually bound (port 0 picks one). */
guint
fapi_listener_get_port (FapiServer *server)
{
  g_autoptr(GSocketAddress) address = NULL;

  if (server->listener == NULL)
    return 0;
  address = g_socket_get_local_address (server->listener, NULL);
  if (address == NULL || !G_IS_INET_SOCKET_ADDRESS (address))
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

void
fapi_listener_stop (FapiServer *server)
{
  GHashTableIter iter;
  gpointer value;

  stop_accepting (server);
  g_clear_handle_id (&server->accept_retry_id, g_source_remove);
  g_clear_handle_id (&server->sweep_id, g_source_remove);
  if (server->listener != NULL)
    g_socket_close (server->listener, NULL);
  g_clear_object (&server->listener);

  if (server->connections == NULL)
    return;
  g_signal_handlers_disconnect_by_data (server->soup, server);
  g_hash_table_iter_init (&iter, server->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FapiConnection *conn = value;

      g_object_weak_unref (G_OBJECT (conn->connection), connection_gone_cb, conn);
    }
  g_clear_pointer (&server->connections, g_hash_table_unref);
}
