# shellcheck shell=bash
# Source this file (after emulator.sh has started the emulator), then: run_playbook PLAYBOOK [ansible-playbook args]
# Playbooks named *_env_token.yml or *_env_key.yml run with the credentials in the process environment, as an
# AWX credential injects them (never with the task keyword "environment:", which -vvv prints). Playbooks named
# *_check.yml run with --check --diff, as a nightly audit does.
run_playbook() {
  local playbook=$1
  shift
  case "$playbook" in
    *_env_token.yml)
      CLOUDFLARE_API_TOKEN="$EMULATOR_TOKEN" CLOUDFLARE_ACCOUNT_ID="$EMULATOR_ACCOUNT" \
        CLOUDFLARE_BASE_URL="$EMULATOR_API_URL" ansible-playbook -i ../../inventory "$playbook" "$@" ;;
    *_env_key.yml)
      CLOUDFLARE_API_KEY="$EMULATOR_KEY" CLOUDFLARE_EMAIL="$EMULATOR_EMAIL" CLOUDFLARE_ACCOUNT_ID="$EMULATOR_ACCOUNT" \
        CLOUDFLARE_BASE_URL="$EMULATOR_API_URL" ansible-playbook -i ../../inventory "$playbook" "$@" ;;
    *_check.yml)
      ansible-playbook -i ../../inventory --check --diff "$playbook" "$@" ;;
    *)
      ansible-playbook -i ../../inventory "$playbook" "$@" ;;
  esac
}
