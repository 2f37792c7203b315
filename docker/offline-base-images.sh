#!/usr/bin/env bash
# DEVELOPMENT AID ONLY. Real users never run this: `docker compose` pulls the real base images.
#
# Builds local stand-ins for the three base images that docker/Dockerfile and docker/compose.yml name, on a
# machine that reaches Debian's package mirror and the npm registry but no image registry (this project's
# development and CI machines):
#   node:20.20.2-bookworm-slim   this machine's own Node (/usr/bin/node, its npm) on Debian bookworm, user node (1000)
#   postgis/postgis:15-3.4       Debian's postgresql-15 + postgresql-15-postgis-3, the official image's entrypoint
#                                contract (POSTGRES_USER/PASSWORD/DB, data in /var/lib/postgresql/data, initdb.d)
#   redis:7.4.5-alpine           Debian's redis-server (7.0 on bookworm: not 7.4, and glibc, not Alpine); runs
#                                `redis-server ...` arguments as the redis user with its data in /data
# They are tagged with exactly those names, so the Dockerfile and compose file stay what a user runs. Each
# carries the label pa.offline-stand-in=true (`docker image inspect`), and so does pa-backend:local built on it.
#
# All three start FROM pa-offline/debian:bookworm, a Debian bookworm root file system made by `debootstrap
# --variant=minbase` and `docker import`ed. The Dockerfiles and entrypoints are in docker/offline/.
#
#   bash docker/offline-base-images.sh            build whichever stand-in is missing (idempotent)
#   bash docker/offline-base-images.sh --force    rebuild all of them (and the Debian base)
#
# A tag that exists but is NOT a stand-in (a real image pulled earlier) is left alone. Needs root (debootstrap),
# docker, debootstrap (apt-get install docker.io debootstrap), and a running dockerd.
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), the mirror debootstrap and apt use.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

NODE_IMAGE=node:20.20.2-bookworm-slim
POSTGIS_IMAGE=postgis/postgis:15-3.4
REDIS_IMAGE=redis:7.4.5-alpine
BASE_IMAGE=pa-offline/debian:bookworm
LABEL=pa.offline-stand-in
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
NODE_VERSION=20.20.2

say() { printf '[offline-images] %s\n' "$*"; }
die() { printf '[offline-images] ERROR: %s\n' "$*" >&2; exit 1; }

force=0
case "${1:-}" in
  --force) force=1 ;;
  '') ;;
  *) die "usage: $0 [--force]" ;;
esac

command -v docker >/dev/null || die "docker not found (apt-get install docker.io)"
docker info >/dev/null 2>&1 || die "dockerd does not answer: start it (as root: dockerd >/tmp/dockerd.log 2>&1 &)"

exists() { docker image inspect "$1" >/dev/null 2>&1; }
is_stand_in() { [[ $(docker image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null) == true ]]; }
# 0 when $1 must be built; says why not otherwise.
wanted() {
  if ! exists "$1"; then return 0; fi
  if ! is_stand_in "$1"; then say "$1 exists and is not a stand-in (a real image): left alone"; return 1; fi
  if ((force)); then return 0; fi
  say "$1: stand-in already built"
  return 1
}

work=$(mktemp -d /var/tmp/pa-offline.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# ---- pa-offline/debian:bookworm: debootstrap + docker import ----
build_base() {
  command -v debootstrap >/dev/null || die "debootstrap not found (apt-get install debootstrap)"
  [[ $(id -u) == 0 ]] || die "debootstrap needs root"
  local root=$work/rootfs
  say "debootstrap bookworm (minbase) from $MIRROR: a few minutes"
  debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
  # What Debian's own images (debuerreotype) set up for containers: no service starts in package scripts, no
  # downloaded .deb or package lists kept, no documentation installed by later apt-get installs (-slim).
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  printf 'Acquire::Languages "none";\n' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${MIRROR%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
  rm -rf "$root"/usr/share/{man,info}/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* \
    "$root"/var/cache/debconf/*-old "$root"/var/log/* "$root"/tmp/* "$root"/root/.cache
  say "docker import $BASE_IMAGE"
  tar -C "$root" --numeric-owner -c . | docker import \
    --change "LABEL $LABEL=true" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
}

# ---- the stand-ins: docker/offline/<name>/Dockerfile FROM the base ----
build_stand_in() { # <image> <dir>
  local image=$1 dir=$2
  say "building $image (docker/offline/$dir)"
  docker build -q --build-arg "BASE=$BASE_IMAGE" --label "$LABEL=true" -t "$image" "$work/ctx-$dir" >/dev/null
  say "$image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
}

need=()
wanted "$NODE_IMAGE" && need+=(node)
wanted "$POSTGIS_IMAGE" && need+=(postgis)
wanted "$REDIS_IMAGE" && need+=(redis)
((${#need[@]})) || { say "nothing to do"; exit 0; }

if ((force)) || ! exists "$BASE_IMAGE"; then build_base; else say "$BASE_IMAGE: already built"; fi

for dir in "${need[@]}"; do
  cp -r "$here/offline/$dir" "$work/ctx-$dir"
done

if [[ " ${need[*]} " == *" node "* ]]; then
  # This machine's Node, laid out as in the official image (/usr/local), with its headers, npm and corepack.
  command -v node >/dev/null || die "node not found"
  [[ $(node -v) == "v$NODE_VERSION" ]] || die "this machine runs Node $(node -v), the image name says $NODE_VERSION"
  node_prefix=$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)
  stage=$work/node-root/usr/local
  mkdir -p "$stage/bin" "$stage/lib/node_modules" "$stage/include"
  cp "$node_prefix/bin/node" "$stage/bin/node"
  # The headers, as the official image has them: node-gyp builds native addons against them.
  [[ -d $node_prefix/include/node ]] && cp -r "$node_prefix/include/node" "$stage/include/"
  for m in npm corepack; do
    [[ -d $node_prefix/lib/node_modules/$m ]] && cp -r "$node_prefix/lib/node_modules/$m" "$stage/lib/node_modules/"
  done
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$stage/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$stage/bin/npx"
  [[ -d $stage/lib/node_modules/corepack ]] && ln -s ../lib/node_modules/corepack/dist/corepack.js "$stage/bin/corepack"
  # npm in the image must trust what this machine trusts: its certificate bundle (which may hold a local
  # TLS-inspecting proxy's CA) and an npmrc pointing npm at it, as this machine's own npm config does.
  mkdir -p "$stage/etc"
  cp /etc/ssl/certs/ca-certificates.crt "$stage/etc/host-ca-certificates.crt"
  printf 'cafile=/usr/local/etc/host-ca-certificates.crt\nupdate-notifier=false\nfund=false\naudit=false\n' >"$stage/etc/npmrc"
  tar -C "$work/node-root" --numeric-owner --owner=0 --group=0 -cf "$work/ctx-node/node.tar" usr
  rm -rf "$work/node-root"
fi

for dir in "${need[@]}"; do
  case $dir in
    node) build_stand_in "$NODE_IMAGE" node ;;
    postgis) build_stand_in "$POSTGIS_IMAGE" postgis ;;
    redis) build_stand_in "$REDIS_IMAGE" redis ;;
  esac
done
say "done: $NODE_IMAGE, $POSTGIS_IMAGE, $REDIS_IMAGE are local stand-ins (development aid only)"
