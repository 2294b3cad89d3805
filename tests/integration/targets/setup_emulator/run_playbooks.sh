#!/usr/bin/env bash
# Runs the playbooks/*.yml of the calling target against a fresh emulator on 127.0.0.1.
# (No xtrace: the credentials of the *_env_* playbooks would be printed.)
set -eu
collection_root="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/edgeops/cloudflare"
# shellcheck source=/dev/null
source "$collection_root/tests/emulator/emulator.sh"
# shellcheck source=tests/integration/targets/setup_emulator/playbooks.sh
source "$(dirname "$0")/../setup_emulator/playbooks.sh"
emulator_start
for playbook in playbooks/*.yml; do
  echo "== $playbook"
  run_playbook "$playbook" "$@"
done
