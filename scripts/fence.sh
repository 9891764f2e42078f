#!/usr/bin/env bash
# The fence around a class's untrusted builds (README, "The class"): a grading engine in a network namespace of
# its own, whose one way out is `gym server egress-proxy`.
#   scripts/fence.sh start   creates the namespace (loopback only: no route, no address but 127.0.0.1), starts a
#                            dockerd in it (API on a unix socket only, no bridge, no iptables), a forwarder from
#                            the namespace's 127.0.0.1:3128 to the proxy's unix socket (socat), and copies the
#                            local engine's base images into the fenced engine. Prints three lines to eval:
#                              GYM_FENCE_ENGINE=unix://DIR/docker.sock   (gym server --engine)
#                              GYM_FENCE_PROXY=http://127.0.0.1:3128     (gym server --build-proxy)
#                              GYM_FENCE_PROXY_SOCKET=DIR/proxy.sock     (gym server egress-proxy --socket)
#   scripts/fence.sh stop    stops both, removes the namespace and DIR.
# Then: gym server egress-proxy --socket "$GYM_FENCE_PROXY_SOCKET" &
#       gym server run --engine "$GYM_FENCE_ENGINE" --build-proxy "$GYM_FENCE_PROXY"
# Environment: GYM_FENCE_DIR (default /run/gym-fence), GYM_FENCE_NS (default gymfence), GYM_FENCE_IMAGES (the
# images to copy; default: the exercises' base images the local engine has). Needs root, iproute2, socat and
# the engine ../shared/scripts/docker-engine.sh installs.
set -euo pipefail
DIR=${GYM_FENCE_DIR:-/run/gym-fence}
NS=${GYM_FENCE_NS:-gymfence}
PREFIX=${GYM_ENGINE_PREFIX:-/opt/docker-engine}
IMAGES=${GYM_FENCE_IMAGES:-"debian:bookworm-slim python:3.11-slim python:3.11 node:18 node:18-slim golang:1.19"}
SOCKET=unix://$DIR/docker.sock
fenced() { docker -H "$SOCKET" "$@"; }
# nsenter enters the network namespace alone: `ip netns exec` would also remount /sys, hiding the cgroups
# dockerd needs
inside() { nsenter --net="/run/netns/$NS" "$@"; }

stop() {
  for name in forwarder dockerd; do
    if [[ -f $DIR/$name.pid ]]; then
      pid=$(cat "$DIR/$name.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
  done
  grep " $DIR/" /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount 2>/dev/null || true
  ip netns delete "$NS" 2>/dev/null || true
  rm -rf "$DIR"
}

case "${1:-start}" in
start)
  [[ $(id -u) == 0 ]] || { echo "fence.sh: needs root (a network namespace and a dockerd)" >&2; exit 2; }
  command -v socat >/dev/null || { echo "fence.sh: needs socat (apt-get install socat)" >&2; exit 2; }
  [[ -x $PREFIX/usr/sbin/dockerd ]] || { echo "fence.sh: no dockerd in $PREFIX: run ../shared/scripts/docker-engine.sh" >&2; exit 2; }
  mkdir -p "$DIR"
  ip netns list | grep -qw "$NS" || ip netns add "$NS"
  ip -n "$NS" link set lo up
  if ! fenced info >/dev/null 2>&1; then
    inside env PATH="$PREFIX/usr/bin:$PREFIX/usr/sbin:$PATH" \
      nohup dockerd --bridge=none --iptables=false --ip6tables=false -H "$SOCKET" --data-root "$DIR/data" \
      --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.pid" >"$DIR/dockerd.log" 2>&1 &
    for _ in $(seq 120); do
      fenced info >/dev/null 2>&1 && break
      [[ -f $DIR/dockerd.pid ]] && ! kill -0 "$(cat "$DIR/dockerd.pid")" 2>/dev/null && break
      sleep 0.5
    done
    fenced info >/dev/null 2>&1 || { echo "fence.sh: the fenced engine did not start; see $DIR/dockerd.log" >&2; tail -5 "$DIR/dockerd.log" >&2; exit 1; }
  fi
  if [[ ! -f $DIR/forwarder.pid ]] || ! kill -0 "$(cat "$DIR/forwarder.pid")" 2>/dev/null; then
    # nohup, nsenter and socat each exec the next: $! is socat's own PID
    nohup nsenter --net="/run/netns/$NS" socat TCP-LISTEN:3128,bind=127.0.0.1,reuseaddr,fork \
      "UNIX-CONNECT:$DIR/proxy.sock" >"$DIR/forwarder.log" 2>&1 &
    echo $! >"$DIR/forwarder.pid"
  fi
  present=()
  for image in $IMAGES; do
    if docker image inspect "$image" >/dev/null 2>&1 && ! fenced image inspect "$image" >/dev/null 2>&1; then
      present+=("$image")
    fi
  done
  if ((${#present[@]})); then docker save "${present[@]}" | fenced load -q >/dev/null; fi
  echo "GYM_FENCE_ENGINE=$SOCKET"
  echo "GYM_FENCE_PROXY=http://127.0.0.1:3128"
  echo "GYM_FENCE_PROXY_SOCKET=$DIR/proxy.sock"
  ;;
stop) stop ;;
*) echo "usage: fence.sh start|stop" >&2; exit 2 ;;
esac
