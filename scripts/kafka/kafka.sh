#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft, combined broker+controller)
# without Docker. The broker jars come from Maven Central via scripts/kafka/pom.xml
# and are cached outside the repository.
#
#   bash scripts/kafka/kafka.sh fetch|start|stop|status|reset|logs
#
# Environment (all optional):
#   KAFKA_CACHE_DIR        jar cache + default data dir   (default: $HOME/.cache/budget-tracker/kafka)
#   KAFKA_DATA_DIR         log.dirs, pid file, logs       (default: $KAFKA_CACHE_DIR/data)
#   KAFKA_PORT             PLAINTEXT listener port        (default: 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port          (default: 9093)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness  (default: 90)
#   KAFKA_STOP_TIMEOUT     seconds before SIGKILL on stop (default: 30)
#   KAFKA_HEAP_OPTS        broker heap                    (default: -Xmx512m -Xms256m)
#   JAVA_HOME / MVN        which java / mvn to use        (default: from PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/pom.xml"

CACHE_DIR="${KAFKA_CACHE_DIR:-$HOME/.cache/budget-tracker/kafka}"
DATA_DIR="${KAFKA_DATA_DIR:-$CACHE_DIR/data}"
[[ "$CACHE_DIR" == /* ]] || CACHE_DIR="$PWD/$CACHE_DIR"
[[ "$DATA_DIR" == /* ]] || DATA_DIR="$PWD/$DATA_DIR"
LIB_DIR="$CACHE_DIR/lib"
PROBE_DIR="$CACHE_DIR/probe"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HOST=127.0.0.1
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
MVN="${MVN:-mvn}"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"; JAVAC="$JAVA_HOME/bin/javac"
else
  JAVA=java; JAVAC=javac
fi

LOG_DIRS="$DATA_DIR/logs"            # Kafka's log.dirs (the topic data)
PID_FILE="$DATA_DIR/kafka.pid"
SERVER_PROPS="$DATA_DIR/server.properties"
LOG4J_PROPS="$DATA_DIR/log4j2.properties"
SERVER_LOG="$DATA_DIR/server.log"    # broker log (log4j2)
OUT_LOG="$DATA_DIR/kafka.out"        # JVM stdout/stderr
FETCH_MARKER="$LIB_DIR/.fetched"

log() { echo "[kafka.sh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

for p in "$PORT" "$CONTROLLER_PORT" "$START_TIMEOUT" "$STOP_TIMEOUT"; do
  [[ "$p" =~ ^[0-9]+$ ]] || die "not a number: '$p' (KAFKA_PORT / KAFKA_CONTROLLER_PORT / KAFKA_*_TIMEOUT)"
done
[[ "$PORT" != "$CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

# Serialise fetch/start/stop/reset between concurrent invocations (when flock exists).
with_lock() {
  mkdir -p "$CACHE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_DIR/.lock"
    flock -w 600 9 || die "could not take $CACHE_DIR/.lock"
  fi
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# --- fetch -----------------------------------------------------------------

fetched() { [[ -f "$FETCH_MARKER" && "$(cat "$FETCH_MARKER")" == "$(sha_of "$POM")" ]]; }

do_fetch() {
  if fetched; then
    [[ "${1:-}" != verbose ]] || log "jars up to date in $LIB_DIR"
    return 0
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "maven ('$MVN') not found; it is needed once to fetch the Kafka jars"
  local tmp="$CACHE_DIR/lib.tmp.$$"
  rm -rf "$tmp"
  log "fetching Kafka jars from Maven Central into $LIB_DIR ..."
  if ! "$MVN" -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$CACHE_DIR/fetch.log" 2>&1; then
    tail -n 40 "$CACHE_DIR/fetch.log" >&2 || true
    rm -rf "$tmp"
    die "maven could not fetch the Kafka jars (full output: $CACHE_DIR/fetch.log)"
  fi
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || { rm -rf "$tmp"; die "kafka_2.13 jar missing after fetch"; }
  sha_of "$POM" >"$tmp/.fetched"
  rm -rf "$LIB_DIR" "$PROBE_DIR"
  mv "$tmp" "$LIB_DIR"
  log "fetched $(ls "$LIB_DIR"/*.jar | wc -l) jars ($(basename "$(ls "$LIB_DIR"/kafka_2.13-*.jar)"))"
}

# --- readiness probe (AdminClient from kafka-clients, compiled once) -------

probe_source() {
  cat <<'JAVA'
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;

/** Exit 0 once the broker answers metadata requests (and, with "warm", the group coordinator is up). */
public class KafkaReady {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long deadline = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000L;
    boolean warm = args.length > 2 && args[2].equals("warm");
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("client.id", "kafka-sh-probe");
    p.put("request.timeout.ms", "3000");
    p.put("default.api.timeout.ms", "10000");
    p.put("retry.backoff.ms", "200");
    p.put("reconnect.backoff.ms", "100");
    p.put("reconnect.backoff.max.ms", "500");
    String last = "no attempt";
    try (Admin admin = Admin.create(p)) {
      while (true) {
        try {
          DescribeClusterResult c = admin.describeCluster();
          Collection<Node> nodes = c.nodes().get(5, TimeUnit.SECONDS);
          Node controller = c.controller().get(5, TimeUnit.SECONDS);
          if (nodes.isEmpty()) throw new IllegalStateException("no live brokers in metadata");
          admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
          if (warm) {
            // FindCoordinator + OffsetFetch: creates __consumer_offsets and waits until it is loaded.
            admin.listConsumerGroupOffsets("kafka-sh-readiness-probe")
                .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            // FindCoordinator(txn) + InitProducerId for a new transactional id: creates
            // __transaction_state and makes the broker fetch a producer-id block, so the first
            // idempotent/transactional producer of a test does not get COORDINATOR_LOAD_IN_PROGRESS.
            // (A new id each time: an existing one only gets its epoch bumped, no new block.
            // The id expires after transactional.id.expiration.ms, 7 days by default.)
            admin.fenceProducers(List.of("kafka-sh-readiness-probe-" + System.currentTimeMillis()))
                .all().get(15, TimeUnit.SECONDS);
          }
          System.out.println("cluster " + c.clusterId().get() + ", brokers " + nodes.size()
              + ", controller " + (controller == null ? "?" : controller.id()));
          System.exit(0);
        } catch (Exception e) {
          Throwable t = e.getCause() != null ? e.getCause() : e;
          last = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        if (System.currentTimeMillis() > deadline) {
          System.err.println("broker not ready: " + last);
          System.exit(1);
        }
        Thread.sleep(250);
      }
    }
  }
}
JAVA
}

ensure_probe() {
  local key
  key="$(probe_source | sha256sum | cut -d' ' -f1)-$(sha_of "$POM")"
  if [[ -f "$PROBE_DIR/KafkaReady.class" && "$(cat "$PROBE_DIR/.key" 2>/dev/null)" == "$key" ]]; then
    return 0
  fi
  command -v "$JAVAC" >/dev/null 2>&1 || die "javac not found (a JDK 17+ is needed)"
  rm -rf "$PROBE_DIR"; mkdir -p "$PROBE_DIR"
  probe_source >"$PROBE_DIR/KafkaReady.java"
  "$JAVAC" -nowarn -cp "$LIB_DIR/*" -d "$PROBE_DIR" "$PROBE_DIR/KafkaReady.java" >&2 \
    || die "could not compile the readiness probe"
  echo "$key" >"$PROBE_DIR/.key"
}

# probe SECONDS [warm]
probe() {
  "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.level=OFF -Dlog4j2.statusLoggerLevel=OFF \
    -cp "$PROBE_DIR:$LIB_DIR/*" KafkaReady "$HOST:$PORT" "$@"
}

# --- process helpers -------------------------------------------------------

# pid from the pid file, if that process is alive and really our broker
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  local cmdline
  if [[ -r "/proc/$pid/cmdline" ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  else
    cmdline="$(ps -o args= -p "$pid" 2>/dev/null || true)"
  fi
  [[ "$cmdline" == *kafka.Kafka* ]] || return 1
  echo "$pid"
}

show_log_tail() {
  local f
  for f in "$OUT_LOG" "$SERVER_LOG"; do
    if [[ -s "$f" ]]; then
      echo "----- last lines of $f -----" >&2
      tail -n 60 "$f" >&2 || true
    fi
  done
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (Kafka 4.x needs Java 17+)"
  local v
  v="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  [[ "${v%%.*}" =~ ^[0-9]+$ && "${v%%.*}" -ge 17 ]] || die "Java 17+ is needed, found '$v' ($JAVA)"
}

# --- config ----------------------------------------------------------------

write_config() {
  mkdir -p "$LOG_DIRS"
  cat >"$SERVER_PROPS" <<EOF
# Written by scripts/kafka/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$LOG_DIRS

num.partitions=4
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true

# single node: internal topics with RF 1, few partitions (fast to create and load)
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# fast start / fast tests
group.initial.rebalance.delay.ms=0
# after a crash (kill -9, reboot) the controller waits one session timeout (default 9 s)
# before the restarted broker may register again
broker.session.timeout.ms=5000
broker.heartbeat.interval.ms=1000
EOF
  cat >"$LOG4J_PROPS" <<EOF
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $SERVER_LOG
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF
}

format_storage() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    return 0
  fi
  # a random Kafka Uuid: 16 bytes, base64url without padding, not starting with '-'
  # (what `kafka-storage random-uuid` prints, without starting a JVM for it)
  local cluster_id=""
  until [[ ${#cluster_id} -eq 22 && "$cluster_id" != -* ]]; do
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  log "formatting KRaft storage in $LOG_DIRS (cluster id $cluster_id)"
  if ! "$JAVA" -cp "$LIB_DIR/*" -Dlog4j2.level=WARN kafka.tools.StorageTool format \
      --config "$SERVER_PROPS" --cluster-id "$cluster_id" --ignore-formatted >"$DATA_DIR/format.log" 2>&1; then
    cat "$DATA_DIR/format.log" >&2
    die "formatting the storage failed"
  fi
}

# --- commands --------------------------------------------------------------

cmd_fetch() {
  with_lock
  do_fetch verbose
}

# a start that failed ends the broker it launched, so nothing is left half-started
give_up() {
  local pid="$1" launched="$2"
  if [[ "$launched" == 1 ]] && kill -0 "$pid" 2>/dev/null; then
    log "ending the broker that did not become ready (pid $pid)"
    stop_pid "$pid"
  fi
  if ! kill -0 "$pid" 2>/dev/null; then rm -f "$PID_FILE"; fi
}

stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
}

cmd_start() {
  with_lock
  check_java
  do_fetch
  ensure_probe
  local pid launched=0
  if pid="$(running_pid)"; then
    if probe 10 >/dev/null 2>&1; then
      log "already running (pid $pid) on $HOST:$PORT"
      return 0
    fi
    log "pid $pid is running but not answering yet; waiting for it"
  else
    rm -f "$PID_FILE"
    if port_open "$PORT"; then die "port $PORT is already in use by another process (set KAFKA_PORT)"; fi
    if port_open "$CONTROLLER_PORT"; then die "port $CONTROLLER_PORT is already in use by another process (set KAFKA_CONTROLLER_PORT)"; fi
    mkdir -p "$DATA_DIR"
    write_config
    format_storage
    log "starting Kafka $(basename "$(ls "$LIB_DIR"/kafka_2.13-*.jar)" .jar | sed 's/^kafka_2.13-//') on $HOST:$PORT (controller $CONTROLLER_PORT, data $DATA_DIR)"
    echo "===== start $(date -u +%FT%TZ) =====" >>"$OUT_LOG"
    # detached from this shell's session, cwd = data dir; the wrapper writes its own pid
    # and then execs java, so the pid file holds the broker's pid.
    local detach=()
    if command -v setsid >/dev/null 2>&1; then detach=(setsid); fi
    # shellcheck disable=SC2086 # HEAP_OPTS is a list of JVM flags
    (cd "$DATA_DIR" && exec nohup "${detach[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
      "$JAVA" $HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$LOG4J_PROPS" -Dkafka.logs.dir="$DATA_DIR" \
      -cp "$LIB_DIR/*" kafka.Kafka "$SERVER_PROPS" \
      </dev/null >>"$OUT_LOG" 2>&1 9>&-) &
    local i
    for i in $(seq 1 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ -n "$pid" ]] || die "the broker process did not start"
    launched=1
  fi

  local deadline=$((SECONDS + START_TIMEOUT))
  # 1) wait for the listener to accept connections (fail fast if the JVM died)
  until port_open "$PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail; rm -f "$PID_FILE"; die "the broker exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail; give_up "$pid" "$launched"; die "port $PORT not open after ${START_TIMEOUT}s"
    fi
    sleep 0.2
  done
  # 2) wait for metadata (live broker + controller) and a loaded group coordinator
  local left=$((deadline - SECONDS)); ((left > 0)) || left=1
  local info
  if ! info="$(probe "$left" warm)"; then
    show_log_tail; give_up "$pid" "$launched"; die "broker not ready after ${START_TIMEOUT}s"
  fi
  log "ready: $HOST:$PORT pid $pid, $info"
}

cmd_stop() {
  with_lock
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping broker pid $pid"
  stop_pid "$pid"
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "kafka: not running"
    return 1
  fi
  if fetched; then ensure_probe; fi
  if [[ -f "$PROBE_DIR/KafkaReady.class" ]] && port_open "$PORT" && probe 10 >/dev/null 2>&1; then
    echo "kafka: running, pid $pid, $HOST:$PORT"
    return 0
  fi
  echo "kafka: process $pid alive but $HOST:$PORT not answering"
  return 1
}

cmd_reset() {
  # refuse to delete anything that is obviously not a data dir of ours
  local d
  d="$(cd "$DATA_DIR" 2>/dev/null && pwd -P || echo "$DATA_DIR")"
  case "$d" in
    "" | / | "$HOME" | "$(cd "$CACHE_DIR" 2>/dev/null && pwd -P)" | "$LIB_DIR") die "refusing to delete '$d'" ;;
  esac
  cmd_stop
  if [[ -d "$DATA_DIR" ]]; then
    rm -rf -- "$DATA_DIR"
    log "deleted $DATA_DIR (jar cache kept in $LIB_DIR)"
  else
    log "nothing to delete at $DATA_DIR"
  fi
}

cmd_logs() {
  [[ -f "$SERVER_LOG" ]] || die "no log at $SERVER_LOG"
  tail -n "${1:-100}" "$SERVER_LOG"
}

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  logs) shift; cmd_logs "$@" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
