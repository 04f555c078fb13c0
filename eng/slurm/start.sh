#!/usr/bin/env bash
# Starts a single-node Slurm cluster on localhost (partition "main") for the scheduling tests and for
# trying batch builds on one machine. Idempotent: installs only what is missing, starts only what is not
# running, rewrites slurm.conf only when its content changes. Runs as root, without systemd, without a
# terminal (CI=true). Prints one status line at the end; exits non-zero with a reason when it cannot.
#
#   sudo eng/slurm/start.sh            # or as root in CI
#   SLURM_START_TIMEOUT=90 eng/slurm/start.sh
set -euo pipefail

timeout_s="${SLURM_START_TIMEOUT:-60}"
conf_dir=/etc/slurm
conf="$conf_dir/slurm.conf"

die() { echo "slurm start: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and starts munged, slurmctld, slurmd)."

# --- packages -----------------------------------------------------------------------------------------
missing=()
for exe in slurmctld:slurm-wlm slurmd:slurm-wlm sbatch:slurm-wlm qsub:slurm-wlm-torque munged:munge; do
  command -v "${exe%%:*}" >/dev/null 2>&1 || missing+=("${exe##*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "slurm start: installing slurm-wlm slurm-wlm-torque munge" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Other installs may hold the dpkg lock (CI images, parallel setup); wait for it instead of failing.
  apt_opts=(-o DPkg::Lock::Timeout=600 -q)
  apt-get "${apt_opts[@]}" update >/dev/null || die "apt-get update failed."
  # The packages' postinst scripts try to start services; without systemd that fails harmlessly.
  apt-get "${apt_opts[@]}" install -y --no-install-recommends slurm-wlm slurm-wlm-torque munge </dev/null >/dev/null \
    || die "apt-get install slurm-wlm slurm-wlm-torque munge failed."
fi

# --- munge ---------------------------------------------------------------------------------------------
id munge >/dev/null 2>&1 || die "user 'munge' does not exist; is the munge package installed?"
mkdir -p /etc/munge /var/run/munge /var/log/munge /var/lib/munge
if [ ! -s /etc/munge/munge.key ]; then
  if command -v mungekey >/dev/null 2>&1; then
    mungekey -c -k /etc/munge/munge.key
  else
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
fi
chown -R munge:munge /etc/munge /var/run/munge /var/log/munge /var/lib/munge
chmod 0700 /etc/munge /var/log/munge /var/lib/munge
chmod 0755 /var/run/munge   # clients (every job, every sbatch) must reach the socket
chmod 0400 /etc/munge/munge.key

munge_ok() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }
if ! munge_ok; then
  rm -f /var/run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged || die "munged did not start; see /var/log/munge/munged.log."
  for _ in $(seq 1 20); do munge_ok && break; sleep 0.25; done
  munge_ok || die "munged started but 'munge -n | unmunge' fails; see /var/log/munge/munged.log."
fi

# --- slurm.conf ----------------------------------------------------------------------------------------
cpus="$(nproc)"
mem_kb="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
# A little under the total: slurmd drains a node that reports less memory than configured.
real_mb=$(( mem_kb / 1024 * 95 / 100 ))
mkdir -p "$conf_dir" /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /var/log/slurm
new_conf="$(mktemp)"
cat >"$new_conf" <<CONF
# Written by eng/slurm/start.sh: one node on localhost, for tests and single-machine batch builds.
ClusterName=condarecipes
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
# Trust this file over what slurmd detects (containers often see more CPUs than they may use).
SlurmdParameters=config_overrides
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
# MinJobAge: seconds a finished job stays visible to scontrol/squeue (default 300). There is no
# accounting database here, so after this the job's exit code is known only from the sentinel file the
# job script writes. 120 s keeps test clusters tidy; pollers must query more often than MinJobAge/2.
MinJobAge=120
# KillWait: seconds between SIGTERM and SIGKILL when a job hits its time limit or is cancelled.
KillWait=5
NodeName=localhost CPUs=${cpus} RealMemory=${real_mb} State=UNKNOWN
PartitionName=main Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
conf_changed=0
if ! cmp -s "$new_conf" "$conf"; then
  install -m 0644 "$new_conf" "$conf"
  conf_changed=1
fi
rm -f "$new_conf"

# --- daemons -------------------------------------------------------------------------------------------
if ! running /run/slurmctld.pid; then
  /usr/sbin/slurmctld || die "slurmctld did not start; see /var/log/slurm/slurmctld.log."
elif [ "$conf_changed" -eq 1 ]; then
  scontrol reconfigure || die "scontrol reconfigure failed after slurm.conf changed."
fi
if ! running /run/slurmd.pid; then
  # -N: the node is named "localhost" whatever this machine's host name is.
  /usr/sbin/slurmd -N localhost || die "slurmd did not start; see /var/log/slurm/slurmd.log."
fi

# --- wait for the node ---------------------------------------------------------------------------------
deadline=$(( $(date +%s) + timeout_s ))
state=""
while :; do
  state="$(sinfo -h -n localhost -o '%t' 2>/dev/null | head -n1 || true)"
  case "$state" in
    idle|mix|alloc) break ;;
    down*|drain*|drng*)
      # A node left down by an earlier run (e.g. after a reboot) comes back with RESUME.
      scontrol update nodename=localhost state=resume >/dev/null 2>&1 || true ;;
  esac
  if [ "$(date +%s)" -ge "$deadline" ]; then
    die "node 'localhost' not ready after ${timeout_s}s (sinfo state: '${state:-no answer}'); see /var/log/slurm/slurmctld.log and slurmd.log."
  fi
  sleep 1
done
echo "slurm: up, partition main, node localhost ${state}, CPUs=${cpus}, RealMemory=${real_mb}MB, $(sinfo -V)"
