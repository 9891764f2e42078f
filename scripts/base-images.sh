#!/usr/bin/env bash
# Builds local stand-in base images from Debian packages, for CI, tests and offline classrooms: no registry.
#   gym-local/debian:bookworm-slim   debootstrap --variant=minbase bookworm, imported
#   gym-local/python:3.11-slim       + python3 (3.11), pip, venv; trusts the host's CA bundle for pip
#   gym-local/node:18-slim           + nodejs (18), npm and yarn (Debian's yarnpkg, also named yarn), as the real
#                                    node:18-slim ships them; no C compiler
#   gym-local/node:18                node:18-slim + what buildpack-deps gives the real node:18: gcc, g++, make,
#                                    python3, git (native modules build with node-gyp)
#   gym-local/golang:1.19            + golang-go (1.19) from Debian
# Every image carries the label org.containergym.stand-in=true and a description saying it is a stand-in, and
# org.containergym.stand-in.version: an image built by an older version of this script is built again.
# The images on the Debian one are built side by side (the node pair in order: node:18 is node:18-slim's child).
# Options: --public  also tag them under the public names the exercises use (debian:bookworm-slim,
#                    python:3.11-slim, python:3.11, node:18, node:18-slim, golang:1.19), documented in README.
#          --force   rebuild even when the images exist.
# Environment: GYM_IMAGE_PREFIX (default gym-local), GYM_DEBIAN_MIRROR (default: the host's apt mirror).
# Builds use --network=host (Debian's mirror); nothing else is reached.
set -euo pipefail
prefix=${GYM_IMAGE_PREFIX:-gym-local}
public=0
force=0
for arg in "$@"; do
  case $arg in
    --public) public=1 ;;
    --force) force=1 ;;
    *) echo "usage: base-images.sh [--public] [--force]" >&2; exit 2 ;;
  esac
done
command -v docker >/dev/null || { echo "docker CLI not found: start the engine first (../shared/scripts/docker-engine.sh)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "no Docker engine answers: start it first (../shared/scripts/docker-engine.sh)" >&2; exit 1; }

mirror=${GYM_DEBIAN_MIRROR:-$(sed -n '/^URIs: */{s///p;q}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)}
[[ -n $mirror ]] || mirror=$(awk '$1 == "deb" && $2 ~ /debian/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[[ -n $mirror ]] || mirror=http://deb.debian.org/debian
label="org.containergym.stand-in=true"
describe() { echo "org.opencontainers.image.description=local stand-in for $1, built from Debian bookworm packages by ContainerGym"; }

# have NAME [VERSION]: the image exists, built by this version of its recipe (images without the label are 1)
have() {
  [[ $force == 0 ]] || return 1
  local found
  found=$(docker image inspect --format '{{index .Config.Labels "org.containergym.stand-in.version"}}' "$1" 2>/dev/null) || return 1
  [[ -z $found || $found == "<no value>" ]] && found=1
  [[ $found == "${2:-1}" ]]
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

debian="$prefix/debian:bookworm-slim"
if ! have "$debian"; then
  command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  echo "debootstrap bookworm from $mirror ..."
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  echo "deb $mirror bookworm main" >"$work/rootfs/etc/apt/sources.list"
  rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/archives/"*.deb
  tar -C "$work/rootfs" -c . | docker import \
    --change "LABEL $label" \
    --change "LABEL org.opencontainers.image.description=\"local stand-in for debian:bookworm-slim, built from Debian bookworm packages by ContainerGym\"" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' - "$debian" >/dev/null
  rm -rf "$work/rootfs"
  echo "built $debian"
fi

build() {  # name, public-description, version, dockerfile text
  local name=$1 desc=$2 version=$3 text=$4
  if have "$name" "$version"; then return; fi
  mkdir -p "$work/$desc"
  cp /etc/ssl/certs/ca-certificates.crt "$work/$desc/host-ca-certificates.crt"
  printf '%s\n' "$text" >"$work/$desc/Dockerfile"
  docker build -q --network=host --label "$label" --label "$(describe "$desc")" \
    --label "org.containergym.stand-in.version=$version" -t "$name" "$work/$desc" >"$work/$desc.log" 2>&1 \
    || { cat "$work/$desc.log" >&2; echo "failed to build $name" >&2; return 1; }
  echo "built $name"
}

build_python() {
  build "$prefix/python:3.11-slim" "python:3.11-slim" 1 "FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip python3-venv ca-certificates \\
 && ln -s /usr/bin/python3 /usr/local/bin/python && ln -s /usr/bin/pip3 /usr/local/bin/pip \\
 && rm -rf /var/lib/apt/lists/*
COPY host-ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV PIP_BREAK_SYSTEM_PACKAGES=1 PIP_CERT=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
CMD [\"python3\"]"
}

# the real node:18-slim ships npm and yarn; the real node:18 is buildpack-deps with the compilers, make,
# python3 and git on top
build_node() {
  build "$prefix/node:18-slim" "node:18-slim" 2 "FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm yarnpkg ca-certificates \\
 && ln -s /usr/bin/yarnpkg /usr/local/bin/yarn && rm -rf /var/lib/apt/lists/*
COPY host-ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
CMD [\"node\"]" || return 1
  build "$prefix/node:18" "node:18" 2 "FROM $prefix/node:18-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3 git \\
 && rm -rf /var/lib/apt/lists/*
CMD [\"node\"]"
}

build_golang() {
  build "$prefix/golang:1.19" "golang:1.19" 1 "FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends golang-go ca-certificates && rm -rf /var/lib/apt/lists/*
COPY host-ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV GOPATH=/go GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
CMD [\"go\"]"
}

# side by side: the downloads and unpacking of one overlap the others'
pids=()
for recipe in build_python build_node build_golang; do
  $recipe &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
((failed == 0)) || exit 1

if [[ $public == 1 ]]; then
  docker tag "$debian" debian:bookworm-slim
  docker tag "$prefix/python:3.11-slim" python:3.11-slim
  docker tag "$prefix/python:3.11-slim" python:3.11
  docker tag "$prefix/node:18" node:18
  docker tag "$prefix/node:18-slim" node:18-slim
  docker tag "$prefix/golang:1.19" golang:1.19
  echo "tagged the public names (local stand-ins)"
fi
docker images --filter "label=$label" --format '{{.Repository}}:{{.Tag}}  {{.Size}}'
