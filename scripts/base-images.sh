#!/usr/bin/env bash
# Builds local stand-in base images from Debian packages, for CI, tests and offline classrooms: no registry.
#   gym-local/debian:bookworm-slim   debootstrap --variant=minbase bookworm, imported
#   gym-local/python:3.11-slim       + python3 (3.11), pip, venv; trusts the host's CA bundle for pip
#   gym-local/node:18                + nodejs (18) and npm from Debian
#   gym-local/node:18-slim           + nodejs (18) only: no npm, no build tools
#   gym-local/golang:1.19            + golang-go (1.19) from Debian
# Every image carries the label org.containergym.stand-in=true and a description saying it is a stand-in.
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

mirror=${GYM_DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
[[ -n $mirror ]] || mirror=$(awk '$1 == "deb" && $2 ~ /debian/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[[ -n $mirror ]] || mirror=http://deb.debian.org/debian
label="org.containergym.stand-in=true"
describe() { echo "org.opencontainers.image.description=local stand-in for $1, built from Debian bookworm packages by ContainerGym"; }

have() { [[ $force == 0 ]] && docker image inspect "$1" >/dev/null 2>&1; }

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

build() {  # name, public-description, dockerfile text
  local name=$1 desc=$2 text=$3
  if have "$name"; then return; fi
  mkdir -p "$work/$desc"
  cp /etc/ssl/certs/ca-certificates.crt "$work/$desc/host-ca-certificates.crt"
  printf '%s\n' "$text" >"$work/$desc/Dockerfile"
  docker build -q --network=host --label "$label" --label "$(describe "$desc")" -t "$name" "$work/$desc" >/dev/null
  echo "built $name"
}

build "$prefix/python:3.11-slim" "python:3.11-slim" "FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip python3-venv ca-certificates \\
 && ln -s /usr/bin/python3 /usr/local/bin/python && ln -s /usr/bin/pip3 /usr/local/bin/pip \\
 && rm -rf /var/lib/apt/lists/*
COPY host-ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV PIP_BREAK_SYSTEM_PACKAGES=1 PIP_CERT=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
CMD [\"python3\"]"

build "$prefix/node:18" "node:18" "FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm ca-certificates && rm -rf /var/lib/apt/lists/*
COPY host-ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
CMD [\"node\"]"

build "$prefix/node:18-slim" "node:18-slim" "FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends nodejs ca-certificates && rm -rf /var/lib/apt/lists/*
CMD [\"node\"]"

build "$prefix/golang:1.19" "golang:1.19" "FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends golang-go ca-certificates && rm -rf /var/lib/apt/lists/*
COPY host-ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV GOPATH=/go GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
CMD [\"go\"]"

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
