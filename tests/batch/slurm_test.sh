#!/usr/bin/env bash
# The Slurm recipe of docs/bulk.md, run as written on a real one-node
# cluster that this test starts and stops: munged with its own key and
# socket, slurmctld and slurmd with their own slurm.conf, state, spool and
# logs in the scratch folder, on free ports. The array job converts the
# archive in 4 shards into one folder, a job that depends on it
# (afterany) writes the catalog; the outcome is that of one convert of the
# archive, byte for byte.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/recipes.sh"
for program in munged slurmctld slurmd sbatch squeue scontrol scancel; do
  command -v $program >/dev/null || { fail "$program is not installed (tools/install-deps --tests)"; finish; exit; }
done

# ---- The cluster -----------------------------------------------------------
cluster=$work/cluster
# munged wants every folder above its socket searchable by all, its key
# folder private.
chmod 755 "$work"
mkdir -p "$cluster"/{munge,socket,state,spool,log}
chmod 700 "$cluster/munge" && chmod 755 "$cluster" "$cluster/socket"
pids=()
stop_cluster() {
  [ -f "$cluster/slurm.conf" ] && scancel --quiet --full $(squeue -h -o %A 2>/dev/null) 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  cleanup
}
trap stop_cluster EXIT
show_logs() { for f in "$cluster"/log/*; do echo "== $f"; tail -15 "$f"; done; }

head -c 1024 /dev/urandom >"$cluster/munge/munge.key" && chmod 400 "$cluster/munge/munge.key"
socket=$cluster/socket/munge.sock
munged --foreground --key-file="$cluster/munge/munge.key" --socket="$socket" --pid-file="$cluster/munge/munged.pid" \
  --log-file="$cluster/log/munged.log" --seed-file="$cluster/munge/munged.seed" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] && pass || { fail "munged did not start"; show_logs; finish; exit; }

read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
node=$(hostname -s)
user=$(id -un)
# No cgroups (proctrack/linuxproc, task/none), no accounting. The node
# claims the cores and memory the recipe asks of a real cluster
# (config_overrides: slurmd takes slurm.conf's word), so that its 4 tasks of
# 8 CPUs and 2G run at once here too.
cat >"$cluster/slurm.conf" <<CONF
ClusterName=communique-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmdParameters=config_overrides
NodeName=$node NodeAddr=127.0.0.1 CPUs=32 RealMemory=8192 State=UNKNOWN
PartitionName=batch Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$cluster/slurm.conf
# In the foreground (-D), so that their PIDs are known; they log to files.
slurmctld -D -c -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  [ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && break; sleep 0.2
done
[ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && pass ||
  { fail "the node is not idle: $(sinfo 2>&1)"; show_logs; finish; exit; }

# ---- The recipe, as written --------------------------------------------------
recipe "$src/docs/bulk.md" "Slurm array" "#SBATCH" >"$work/convert.sbatch"
recipe "$src/docs/bulk.md" "Slurm array" "sbatch --parsable" >"$work/submit.sh"
grep -q "convert.sbatch" "$work/submit.sh" && pass || fail "the submission does not submit convert.sbatch"
single_run
mkdir -p "$work/slurm"
cp -a "$work/archive" "$work/slurm/archive"
cp "$work/convert.sbatch" "$work/slurm/convert.sbatch"
(cd "$work/slurm" && bash "$work/submit.sh") >"$work/submit.log" 2>&1
[ $? = 0 ] && pass || { fail "the submission fails:"; cat "$work/submit.log"; }
for _ in $(seq 600); do
  [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break; sleep 0.2
done
[ -z "$(squeue -h -o %A)" ] && pass || { fail "jobs still queued after 2 minutes:"; squeue; show_logs; }

# Each task ran and ended as the recipe says: the shard with the invalid
# release failed (exit 1), the others completed, and the catalog ran after
# all of them (afterany) and completed.
scontrol -o show job >"$work/jobs.txt"
python3 - "$work/jobs.txt" <<'PY' && pass ||
  { fail "the jobs did not end as they should"; cat "$work/jobs.txt"; show_logs; }
import re, sys
jobs = [dict(re.findall(r"(\w+)=(\S*)", line)) for line in open(sys.argv[1]) if line.strip()]
tasks = sorted((j for j in jobs if j.get("ArrayTaskId")), key=lambda j: int(j["ArrayTaskId"]))
catalog = [j for j in jobs if j["JobName"] == "wrap"]
states = [(j["ArrayTaskId"], j["JobState"], j["ExitCode"]) for j in tasks]
print("array:", states, "catalog:", [(j["JobState"], j["ExitCode"]) for j in catalog])
assert [t[0] for t in states] == ["1", "2", "3", "4"], states
assert sorted(s[1:] for s in states) == [("COMPLETED", "0:0")] * 3 + [("FAILED", "1:0")], states
assert len(catalog) == 1 and (catalog[0]["JobState"], catalog[0]["ExitCode"]) == ("COMPLETED", "0:0"), catalog
assert all(j["JobName"] == "communique" for j in tasks)
PY
cat "$work"/slurm/slurm-*.out >"$work/jobs.out" 2>/dev/null
expect "the catalog job's output" "$work/jobs.out" "^catalog: $n releases in site/index.html"
expect "the invalid release is reported" "$work/jobs.out" "invalid.md:[0-9]+:[0-9]+: error"
rm -f "$work"/slurm/slurm-*.out "$work/slurm/convert.sbatch"
same_as_single "$work/slurm"

finish
