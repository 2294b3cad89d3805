#!/usr/bin/env bash
# Secret hygiene: every integration scenario (the playbooks/*.yml of every target) (success, faults, error paths, check and diff mode) runs with
# canary credentials, verbose (-vvv: every returned JSON, diffs included: the scenarios run their own check-mode
# and diff-mode tasks) and logging to a file; then every byte the runs produced (stdout, stderr, the Ansible
# log) is scanned for the canaries.
set -eu
collection_root="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/edgeops/cloudflare"
export EMULATOR_TOKEN=canary-token-5d0c1f1e8b3a4e27a9c6f0b2d4e6a8c0e1f3a5b7
export EMULATOR_KEY=canary-key-9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2
export EMULATOR_EMAIL=canary-owner@example.com
# shellcheck source=/dev/null
source "$collection_root/tests/emulator/emulator.sh"
# shellcheck source=tests/integration/targets/setup_emulator/playbooks.sh
source ../setup_emulator/playbooks.sh
emulator_start

output=$(mktemp -d)
export ANSIBLE_LOG_PATH="$output/ansible.log" ANSIBLE_NOCOLOR=1
runs=0
# Every target's scenarios, from the collection's own copy of the targets (ansible-test lays out here only this
# target and the ones it needs): a new target is scanned without an edit here.
targets="$collection_root/tests/integration/targets"
[ -d "$targets" ] || { echo "no targets under $targets" >&2; exit 1; }
for playbook in "$targets"/*/playbooks/*.yml; do
  runs=$((runs + 1))
  target=$(dirname "$(dirname "$playbook")")
  echo "== $playbook"
  (cd "$target" && run_playbook "playbooks/$(basename "$playbook")" -vvv "$@") \
    > "$output/run-$runs.stdout" 2> "$output/run-$runs.stderr" || {
      tail -n 50 "$output/run-$runs.stdout" "$output/run-$runs.stderr"
      exit 1
    }
done

"${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" - "$output" "$runs" <<'PY'
import base64, os, re, sys
folder, runs = sys.argv[1], int(sys.argv[2])
canaries = [os.environ['EMULATOR_TOKEN'], os.environ['EMULATOR_KEY']]
forms = {}
for canary in canaries:  # the canary as is, and as it would look in a header or a URL
    forms[canary] = canary
    forms[canary + ' (base64)'] = base64.b64encode(canary.encode()).decode()
    forms[canary + ' (Bearer)'] = 'Bearer ' + canary
scanned = results = 0
hits = []
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), 'rb') as handle:
        data = handle.read()
    scanned += len(data)
    results += len(re.findall(rb'^(?:ok|changed|fatal|failed|skipping): \[', data, re.M))
    hits += ['%s: %s' % (name, label) for label, form in forms.items() if form.encode() in data]
print('secret hygiene: %d playbook runs, %d task results, %d files, %d bytes scanned, %d canary hits'
      % (runs, results, len(os.listdir(folder)), scanned, len(hits)))
if results == 0 or scanned == 0:
    raise SystemExit('nothing was scanned: the check is broken')
if hits:
    for name in sorted(os.listdir(folder)):  # show where, with the canary masked
        with open(os.path.join(folder, name), errors='replace') as handle:
            for number, line in enumerate(handle, 1):
                if any(canary in line for canary in canaries):
                    for canary in canaries:
                        line = line.replace(canary, '<CANARY>')
                    print('%s:%d: %s' % (name, number, line.rstrip()[:300]))
    raise SystemExit('canary secrets found in the output:\n' + '\n'.join(hits))
PY
if [ -n "${KEEP_OUTPUT:-}" ]; then echo "kept $output"; else rm -rf "$output"; fi
