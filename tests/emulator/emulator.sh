# shellcheck shell=bash
# Source this file, then: emulator_start [options of python -m cf_emulator]
# It starts the emulator on a free port of 127.0.0.1 in the background, exports EMULATOR_URL (control
# endpoints) and EMULATOR_API_URL (the API base URL for api_base_url), and stops it when the shell exits.

EMULATOR_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The credentials the emulator accepts; set them before sourcing to use others (for example canaries).
EMULATOR_ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
EMULATOR_TOKEN=${EMULATOR_TOKEN:-emulator-token}
EMULATOR_EMAIL=${EMULATOR_EMAIL:-user@example.com}
EMULATOR_KEY=${EMULATOR_KEY:-emulator-global-key}
export EMULATOR_ACCOUNT EMULATOR_TOKEN EMULATOR_EMAIL EMULATOR_KEY

emulator_start() {
  local python=${EMULATOR_PYTHON:-${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}}
  EMULATOR_STATE=$(mktemp -d)
  PYTHONPATH="$EMULATOR_DIR${PYTHONPATH:+:$PYTHONPATH}" "$python" -m cf_emulator --port-file "$EMULATOR_STATE/port" --token "$EMULATOR_TOKEN" \
    --email "$EMULATOR_EMAIL" --key "$EMULATOR_KEY" "$@" > "$EMULATOR_STATE/log" 2>&1 &
  EMULATOR_PID=$!
  trap emulator_stop EXIT
  local waited=0
  until [ -s "$EMULATOR_STATE/port" ]; do
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null || [ "$waited" -ge 100 ]; then
      echo "the emulator did not start:" >&2
      cat "$EMULATOR_STATE/log" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  EMULATOR_URL="http://127.0.0.1:$(cat "$EMULATOR_STATE/port")"
  EMULATOR_API_URL="$EMULATOR_URL/client/v4"
  export EMULATOR_URL EMULATOR_API_URL
}

emulator_stop() {
  if [ -n "${EMULATOR_PID:-}" ]; then
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
    EMULATOR_PID=
  fi
  [ -z "${EMULATOR_STATE:-}" ] || rm -rf "$EMULATOR_STATE"
}
