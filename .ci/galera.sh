#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback, for the Galera tests (see README, "Moving to a
# distributed engine"). It runs beside the ordinary server on 3306 and touches none of its files:
# each node has its own data directory, socket and pid file under $CTRSTORE_GALERA_DIR.
#
#   .ci/galera.sh up        install what is missing, start the nodes that are down, wait for Synced
#   .ci/galera.sh down      stop every node and delete the cluster's files
#   .ci/galera.sh kill N    SIGKILL node N (1-3), as a crash would
#   .ci/galera.sh start N   start node N again; it rejoins and catches up (IST, or SST)
#   .ci/galera.sh status    each node's state
#   .ci/galera.sh urls      the JDBC URLs of the three nodes, separated by spaces
#
# Node N of instance K (CTRSTORE_GALERA_INSTANCE, 0-9, default 0; several runs on one machine
# each take their own): SQL port 3310+100K+N, group communication 4570+100K+N, IST 4580+100K+N,
# SST 4590+100K+N (rsync), all on 127.0.0.1; files under /var/tmp/ctrstore-galera-K; user root
# with an empty password over TCP. Must run as root (it starts mariadbd as user mysql).
set -euo pipefail

INSTANCE=${CTRSTORE_GALERA_INSTANCE:-0}
[[ $INSTANCE =~ ^[0-9]$ ]] || { echo "galera: CTRSTORE_GALERA_INSTANCE must be 0-9" >&2; exit 1; }
OFF=$((100 * INSTANCE))
BASE=/var/tmp/ctrstore-galera-$INSTANCE
NODES=(1 2 3)
GCOMM="gcomm://127.0.0.1:$((4571 + OFF)),127.0.0.1:$((4572 + OFF)),127.0.0.1:$((4573 + OFF))"

log() { echo "galera: $*" >&2; }
die() { log "$*"; exit 1; }

node_dir() { echo "$BASE/n$1"; }
port() { echo $((3310 + OFF + $1)); }

sql() { # node, statement: one value, or nothing when the node does not answer
  mariadb --no-defaults -h 127.0.0.1 -P "$(port "$1")" -uroot -N -B -e "$2" 2>/dev/null
}

state() { sql "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" | awk '{print $2}'; }

pid_of() {
  local f; f="$(node_dir "$1")/mysqld.pid"
  [[ -s $f ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

install_packages() {
  local missing=()
  [[ -e /usr/lib/galera/libgalera_smm.so ]] || missing+=(galera-4)
  command -v mariadb-backup >/dev/null || missing+=(mariadb-backup)
  command -v rsync >/dev/null || missing+=(rsync)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
  fi
}

write_config() {
  local n=$1 d; d=$(node_dir "$n")
  cat >"$d/my.cnf" <<EOF
[mysqld]
user = mysql
datadir = $d/data
socket = $d/mysqld.sock
pid-file = $d/mysqld.pid
log-error = $d/error.log
bind-address = 127.0.0.1
port = $(port "$n")
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
performance_schema = OFF
innodb_buffer_pool_size = 64M
innodb_log_file_size = 32M
max_connections = 300
binlog_format = ROW
default_storage_engine = InnoDB
innodb_autoinc_lock_mode = 2
wsrep_on = ON
wsrep_provider = /usr/lib/galera/libgalera_smm.so
wsrep_cluster_name = ctrstore_ci_$INSTANCE
wsrep_cluster_address = $GCOMM
wsrep_node_name = n$n
wsrep_node_address = 127.0.0.1:$((4570 + OFF + n))
wsrep_node_incoming_address = 127.0.0.1:$(port "$n")
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$((4590 + OFF + n))
wsrep_slave_threads = 2
# A dead peer is evicted after suspect_timeout; until then the others cannot commit. 1.2 s
# (checked every 0.3 s) lets GaleraFailoverTest recover in about 2.5 s; 1 s with 0.25 s
# keepalives made a loaded machine suspect a live node too and lose the quorum.
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$((4570 + OFF + n)); ist.recv_addr=127.0.0.1:$((4580 + OFF + n)); gcache.size=64M; evs.keepalive_period=PT0.3S; evs.inactive_check_period=PT0.3S; evs.suspect_timeout=PT1.2S; evs.inactive_timeout=PT3S; evs.install_timeout=PT3S; pc.wait_prim_timeout=PT30S"
EOF
}

start_node() { # node, extra mariadbd options
  local n=$1; shift
  local d; d=$(node_dir "$n")
  if pid_of "$n" >/dev/null; then
    return 0
  fi
  mkdir -p "$d/data"
  write_config "$n"
  chown -R mysql:mysql "$d"
  rm -f "$d/mysqld.pid"
  # setsid: the node outlives this script and its terminal; no stdin, so nothing waits on it.
  # fd 9: .ci/run's lock on this instance, which must end with .ci/run, not with the node.
  setsid /usr/sbin/mariadbd --defaults-file="$d/my.cnf" "$@" </dev/null >>"$d/stdout.log" 2>&1 9>&- &
}

wait_synced() { # seconds, nodes...
  local limit=$1; shift
  local deadline=$((SECONDS + limit)) n pending
  while :; do
    pending=()
    for n in "$@"; do
      [[ $(state "$n") == Synced ]] || pending+=("$n")
    done
    ((${#pending[@]} == 0)) && return 0
    if ((SECONDS >= deadline)); then
      for n in "${pending[@]}"; do
        log "node $n not Synced after ${limit}s (state: $(state "$n" || true)); its log:"
        tail -n 30 "$(node_dir "$n")/error.log" >&2 || true
      done
      return 1
    fi
    sleep 0.5
  done
}

running_nodes() {
  local n
  for n in "${NODES[@]}"; do pid_of "$n" >/dev/null && echo "$n"; done
  return 0
}

up() {
  install_packages
  local alive; alive=$(running_nodes)
  if [[ -z $alive ]]; then
    # No node is up: whatever is on disk is from an earlier run. Start a new cluster from scratch.
    rm -rf "$BASE"
    mkdir -p "$(node_dir 1)/data"
    write_config 1
    chown -R mysql:mysql "$BASE"
    mariadb-install-db --defaults-file="$(node_dir 1)/my.cnf" --user=mysql \
      --auth-root-authentication-method=normal --skip-test-db >"$(node_dir 1)/install.log" 2>&1 \
      || { cat "$(node_dir 1)/install.log" >&2; die "mariadb-install-db failed"; }
    start_node 1 --wsrep-new-cluster
    wait_synced 60 1 || die "node 1 did not bootstrap"
  fi
  local n
  for n in "${NODES[@]}"; do start_node "$n"; done
  wait_synced 120 "${NODES[@]}" || die "the cluster did not sync"
  log "3 nodes Synced on 127.0.0.1:$(port 1)-$(port 3) (cluster size $(sql 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}'))"
}

stop_node() { # node, signal
  local n=$1 sig=$2 pid
  pid=$(pid_of "$n") || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

down() {
  local n
  for n in "${NODES[@]}"; do stop_node "$n" KILL & done
  wait
  rm -rf "$BASE"
  log "stopped; $BASE removed"
}

check_node() { [[ ${1:-} =~ ^[123]$ ]] || die "node must be 1, 2 or 3, not '${1:-}'"; }

case "${1:-}" in
  up) up ;;
  down) down ;;
  kill) check_node "${2:-}"; stop_node "$2" KILL; log "node $2 killed" ;;
  start)
    check_node "${2:-}"
    [[ -n $(running_nodes) ]] || die "no node is running: use 'up' to start a new cluster"
    start_node "$2"
    wait_synced 120 "$2" || die "node $2 did not rejoin"
    log "node $2 Synced"
    ;;
  status)
    for n in "${NODES[@]}"; do
      echo "node $n port $(port "$n") pid $(pid_of "$n" || echo -) state $(state "$n" || true)"
    done
    ;;
  urls)
    echo "jdbc:mysql://127.0.0.1:$(port 1)/?user=root jdbc:mysql://127.0.0.1:$(port 2)/?user=root jdbc:mysql://127.0.0.1:$(port 3)/?user=root"
    ;;
  *) die "usage: $0 up|down|kill N|start N|status|urls" ;;
esac
