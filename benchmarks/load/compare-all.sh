#!/usr/bin/env bash
# compare-all.sh [SERVER...] — the echo load comparison: the C epoll server (A) against each of
# the Java servers (B), side by side in one compare.sh run per pair, with the perf kit at
# $PERF_KIT (default: ../shared/perf beside the repository; build it there first with
# `FETCH_NETTY=1 ./build.sh`).
#
# SERVER is any of: loop virtual nio vt netty (default: all five), or loop-nio / loop-netty /
# virtual-vt / virtual-nio for a direct Java-against-Java pair. Every Java server runs on the same
# JDK with the same flags ($JAVA_FLAGS, default only --enable-native-access=ALL-UNNAMED).
# The echo jar is copied first (examples/target/echo-server.jar and its lib/), so rebuilding
# during a run does not change what is measured.
#
# Output: benchmarks/load/results/<UTC stamp>/<pair>.md (compare.sh's table) and <pair>.txt (its
# raw lines, one per scenario and round), plus load.txt (uptime before and after).
# Env: PERF_KIT, JAVA_HOME_25, JAVA_FLAGS, ECHO_JAR, ECHO_ARGS (extra --mode loop arguments,
# e.g. "--threads 2"), C_ARGS (e.g. "-t 2"), OUT, and everything compare.sh and run.sh take
# (ROUNDS, SECS, WARM, PRE, SCENARIOS, PORT, ...).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KIT=$(cd "${PERF_KIT:-$REPO/../shared/perf}" && pwd)
JAVA=${JAVA_HOME_25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}/bin/java
read -r -a FLAGS <<< "${JAVA_FLAGS:---enable-native-access=ALL-UNNAMED}"
read -r -a C_EXTRA <<< "${C_ARGS:-}"
ECHO_ARGS=${ECHO_ARGS:-}
SERVERS=("$@"); (( ${#SERVERS[@]} )) || SERVERS=(loop virtual nio vt netty)
[[ -x "$KIT/loadgen" && -x "$KIT/echo_epoll" && -f "$KIT/build/NioEchoServer.class" ]] \
    || { echo "build the perf kit first: (cd $KIT && FETCH_NETTY=1 ./build.sh)" >&2; exit 2; }
"$JAVA" -version 2>&1 | grep -q 'version "2[5-9]' || { echo "$JAVA is not a JDK >= 25" >&2; exit 2; }

STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=${OUT:-$HERE/results/$STAMP}
mkdir -p "$OUT"
JAR_DIR=$(mktemp -d /tmp/conduit-echo.XXXXXX)
trap 'rm -rf "$JAR_DIR"' EXIT
SRC_JAR=${ECHO_JAR:-$REPO/examples/target/echo-server.jar}
cp "$SRC_JAR" "$JAR_DIR/echo-server.jar"
cp -r "$(dirname "$SRC_JAR")/lib" "$JAR_DIR/lib"

# each command execs the JVM itself, so run.sh samples and stops the server's own pid;
# command_of NAME sets CMD (the paths here contain no spaces)
conduit() { CMD=(sh -c "exec $JAVA ${FLAGS[*]} -jar $JAR_DIR/echo-server.jar --host 127.0.0.1 --port \"\$PORT\" --mode $1 ${2:-}"); }
command_of() {
  case $1 in
    c)       CMD=("$KIT/echo_epoll" "${C_EXTRA[@]}") ;;
    loop)    conduit loop "$ECHO_ARGS" ;;
    virtual) conduit virtual ;;
    nio)     CMD=("$JAVA" "${FLAGS[@]}" -cp "$KIT/build" NioEchoServer) ;;
    vt)      CMD=("$JAVA" "${FLAGS[@]}" -cp "$KIT/build" VtEchoServer) ;;
    netty)   CMD=("$JAVA" "${FLAGS[@]}" -cp "$KIT/build:$KIT/lib/*" NettyEchoServer) ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
}
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "jdk: $("$JAVA" -version 2>&1 | head -2 | tail -1)"
  echo "cpus: $(nproc); kernel: $(uname -r)"
  echo "flags: ${FLAGS[*]}; loop args: ${ECHO_ARGS:-none}; C args: ${C_EXTRA[*]:-none}"
  echo "env: ROUNDS=${ROUNDS:-3} SECS=${SECS:-4} WARM=${WARM:-1} PRE=${PRE:-2}"
  echo "uptime before: $(uptime)"
} > "$OUT/load.txt"

for server in "${SERVERS[@]}"; do
  if [[ $server == *-* ]]; then a=${server%%-*}; b=${server#*-}; else a=c; b=$server; fi
  pair="$a-vs-$b"
  command_of "$a"; args_a=("${CMD[@]}")
  command_of "$b"; args_b=("${CMD[@]}")
  echo "== $pair ($(date -u +%H:%M:%S))" >&2
  NAME_A=$a NAME_B=$b "$KIT/compare.sh" "${args_a[@]}" -- "${args_b[@]}" > "$OUT/$pair.md" 2> "$OUT/$pair.log"
  raw=$(sed -n 's/.*raw: \(.*\)$/\1/p' "$OUT/$pair.md" | head -1)
  [[ -n "$raw" && -f "$raw" ]] && cp "$raw" "$OUT/$pair.txt"
  rm -f "$OUT/$pair.log"
  cat "$OUT/$pair.md"
done
echo "uptime after: $(uptime)" >> "$OUT/load.txt"
echo "results: $OUT" >&2
