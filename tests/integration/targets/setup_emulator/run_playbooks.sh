#!/usr/bin/env bash
# Runs the playbooks/*.yml of the calling target against a fresh emulator on 127.0.0.1.
set -eux
collection_root="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/edgeops/cloudflare"
# shellcheck source=/dev/null
source "$collection_root/tests/emulator/emulator.sh"
emulator_start
for playbook in playbooks/*.yml; do
  ansible-playbook -i ../../inventory "$playbook" "$@"
done
