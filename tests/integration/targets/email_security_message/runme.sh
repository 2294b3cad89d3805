#!/usr/bin/env bash
# Runs playbooks/*.yml against a fresh emulator on 127.0.0.1.
exec ../setup_emulator/run_playbooks.sh "$@"
