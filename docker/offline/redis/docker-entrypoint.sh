#!/bin/sh
# As the official redis image's: options alone run redis-server; it runs as the redis user, owning /data.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ]; then
  # The official image is built with protected mode off (the container's network is the boundary); Debian's
  # binary has it on, which refuses every other container while no password is set. Off unless a config
  # file is given.
  case "${2:-}" in
    *.conf) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis:redis '{}' +
    umask 0077
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
