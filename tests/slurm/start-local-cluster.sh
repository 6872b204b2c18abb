#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine, for the sweep tests and for trying
# `nemd sweep --executor slurm` without a cluster: munged, slurmctld and slurmd on localhost
# (Debian 12: apt-get install slurm-wlm munge), one partition `debug` holding every core, one
# core per task. Needs root (it writes /etc/slurm/slurm.conf and starts the daemons).
# Idempotent: when the node already answers as idle or busy, it only says so.
#   bash tests/slurm/start-local-cluster.sh          # start (or check)
#   bash tests/slurm/start-local-cluster.sh --stop   # stop the daemons it started
set -euo pipefail

if [ "${1:-}" = "--stop" ]; then
  for pidfile in /run/slurmd.pid /run/slurmctld.pid; do [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true; done
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "error: start-local-cluster.sh needs root (it writes /etc/slurm and starts daemons)" >&2; exit 2; }
for prog in munged slurmctld slurmd sbatch sinfo; do
  command -v "$prog" >/dev/null || { echo "error: $prog not found; install with: apt-get install -y slurm-wlm munge" >&2; exit 2; }
done

state() { timeout 10 sinfo -h -N -n localhost -o %T 2>/dev/null | head -n 1 | tr -d '*~#' || true; }
case "$(state)" in
  idle|mixed|allocated|completing) echo "slurm: node localhost is $(state)"; exit 0 ;;
esac

# munge: the key exists after the package's install; the daemon runs as its own user.
if ! pgrep -x munged >/dev/null; then
  [ -s /etc/munge/munge.key ] || { mungekey --create --force 2>/dev/null || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none; }
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge
  runuser -u munge -- munged
fi

cpus=$(nproc)
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
# Written by NemdEngine tests/slurm/start-local-cluster.sh: one node (this machine) as localhost.
ClusterName=nemd-local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# linuxproc: a task's processes are found by parentage (no cgroups needed in a container), and
# scancel or the time limit signals all of them, as on a real cluster.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
# Seconds between SIGTERM and SIGKILL: nemd needs far less to write its checkpoint.
KillWait=30
SchedulerParameters=sched_interval=1
NodeName=localhost NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

pgrep -x slurmctld >/dev/null || slurmctld
pgrep -x slurmd >/dev/null || slurmd -N localhost

for _ in $(seq 1 60); do
  s=$(state)
  case "$s" in
    idle|mixed|allocated) echo "slurm: node localhost is $s ($cpus cores, partition debug)"; exit 0 ;;
    down|drained|draining|drain) scontrol update nodename=localhost state=resume 2>/dev/null || true ;;
  esac
  sleep 1
done
echo "error: the Slurm node did not come up within 60 s; see /var/log/slurm/slurmctld.log and slurmd.log" >&2
exit 3
