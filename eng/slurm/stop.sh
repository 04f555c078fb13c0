#!/usr/bin/env bash
# Stops the single-node Slurm cluster started by start.sh (slurmd, slurmctld, munged), each by the pid
# in its own pid file. Idempotent: a daemon that is not running is skipped.
set -euo pipefail

[ "$(id -u)" -eq 0 ] || { echo "slurm stop: must run as root." >&2; exit 1; }

stop_pid_file() {
  local name="$1" pid_file="$2" pid
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { echo "slurm stop: $name (pid $pid) still running after 10 s." >&2; return 1; }
  fi
  rm -f "$pid_file"
}

stop_pid_file slurmd /run/slurmd.pid
stop_pid_file slurmctld /run/slurmctld.pid
stop_pid_file munged /var/run/munge/munged.pid
echo "slurm: stopped"
