#!/usr/bin/env bash
# Installs the programs that meshwatch's tests drive besides the JVM: promtool (Debian package
# "prometheus": parses dashboard PromQL, checks and unit-tests the alert rules), Chromium
# (renders the quarterly report headless), docker-compose (renders deploy/compose without a Docker
# engine) and kubectl (renders the kustomize overlays in deploy/k8s without a cluster). Run by
# `./mvnw verify` (worker module, before its tests); does nothing when all are already there. Needs root (or sudo) and Debian's apt when
# something is missing; without them it says what to install and the tests that need it fail
# with the same advice.
set -euo pipefail

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v kubectl >/dev/null 2>&1 || missing+=(kubectl)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "meshwatch tests need: ${missing[*]} (Debian packages); installing" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get here: install ${missing[*]} by hand (promtool, chromium, docker-compose and kubectl on PATH)" >&2
  exit 0
fi
run_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}
export DEBIAN_FRONTEND=noninteractive
if ! { run_root apt-get update -qq && run_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
  echo "could not install ${missing[*]} (not root, or apt failed): install them by hand" >&2
fi
exit 0
