#!/usr/bin/env bash
# Secret hygiene: every integration scenario (the playbooks/*.yml of every target) (success, faults, error paths, check and diff mode) runs with
# canary credentials, verbose (-vvv: every returned JSON, diffs included: the scenarios run their own check-mode
# and diff-mode tasks) and logging to a file; so does the event source email_security_detections (its events,
# its state file and its logs at debug level, through a failed poll); then every byte the runs produced (stdout,
# stderr, the Ansible log, the source's output) is scanned for the canaries.
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

# The event source, with the token canary from the environment (as ansible-rulebook gets it) and the key canary
# on a second run, through a failed poll: events, logs and state file into $output.
PYTHONPATH="${ANSIBLE_COLLECTIONS_PATH%%:*}" CLOUDFLARE_BASE_URL="$EMULATOR_API_URL" \
  CLOUDFLARE_ACCOUNT_ID="$EMULATOR_ACCOUNT" "${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" - "$output" "$EMULATOR_URL" \
  > "$output/event-source.log" 2>&1 <<'PY' || { cat "$output/event-source.log"; exit 1; }
import asyncio, json, logging, os, sys, urllib.request
from ansible_collections.edgeops.cloudflare.extensions.eda.plugins.event_source import email_security_detections
folder, control = sys.argv[1], sys.argv[2] + '/__emulator/'
logging.basicConfig(level=logging.DEBUG, stream=sys.stdout)
post = lambda path, body: urllib.request.urlopen(urllib.request.Request(
    control + path, json.dumps(body).encode(), {'Content-Type': 'application/json'}, method='POST'))
post('mailbox', {'messages': [{'from': 'billing@invoice-portal.example', 'to': ['ana@example.com'],
                               'subject': 'Invoice', 'final_disposition': 'MALICIOUS', 'scanned_at': '-1m'}]})
post('faults', [{'kind': 'status', 'status': 500, 'method': 'GET', 'path': '/investigate$', 'times': 1}])

async def run(args):
    queue = asyncio.Queue()
    task = asyncio.ensure_future(email_security_detections.main(queue, args))
    await asyncio.sleep(2.5)
    task.cancel()
    events = []
    while not queue.empty():
        events.append(queue.get_nowait())
    return events

credentials = [{'api_token': os.environ['EMULATOR_TOKEN']},
               {'api_key': os.environ['EMULATOR_KEY'], 'api_email': os.environ['EMULATOR_EMAIL']}]
for number, credential in enumerate(credentials):
    state = os.path.join(folder, f'event-source-state-{number}.json')
    events = asyncio.run(run(dict(credential, since='-1h', interval=0.2, max_retries=0, state_file=state)))
    print(json.dumps(events))
    assert len(events) == 1, events
PY
runs=$((runs + 1))

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
