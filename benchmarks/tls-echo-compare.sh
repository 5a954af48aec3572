#!/usr/bin/env bash
# tls-echo-compare.sh — TLS 1.3 echo throughput and server CPU per message, side by side:
#   conduit-loop     java -jar examples/target/echo-server.jar --mode loop --tls (one event loop)
#   conduit-virtual  the same with --mode virtual (a virtual thread per connection)
#   jdk-vt           the JDK's SSLServerSocket, a virtual thread per connection (JdkTlsEchoServer)
#   netty            Netty's SslHandler over the JDK's SSLEngine, NIO, one event loop (NettyTlsEchoServer)
# Scenarios: 64 connections x 16 KiB and 1 connection x 64 B, closed loop (TlsEchoLoad, JDK
# SSLSocket clients). Servers alternate for ROUNDS rounds (default 2); the summary is the median of
# per-round ratios against conduit-loop. Certificates are made with openssl in a temporary
# directory and removed. Each server is stopped by its PID. Everything stays on 127.0.0.1.
# Build first: scripts/with-jdk mvn -B -q -pl examples,benchmarks -am package -DskipTests
# Env: ROUNDS (2), WARM (2 s), SECS (5 s), PORT (17400), JAVA (the JDK 25 java).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ROUNDS=${ROUNDS:-2}; WARM=${WARM:-2}; SECS=${SECS:-5}; PORT=${PORT:-17400}
BENCH=benchmarks/target/benchmarks.jar; ECHO=examples/target/echo-server.jar
[[ -f $BENCH && -f $ECHO ]] || { echo "build first: mvn -pl examples,benchmarks -am package -DskipTests" >&2; exit 2; }
DIR=$(mktemp -d /tmp/tls-echo-compare.XXXXXX)
SPID=""
cleanup() { [[ -n $SPID ]] && kill "$SPID" 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$DIR/ca.key" -out "$DIR/ca.pem" \
    -subj /CN=bench-ca -days 2 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$DIR/key.pem" -out "$DIR/server.csr" \
    -subj /CN=localhost 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$DIR/ext"
openssl x509 -req -in "$DIR/server.csr" -CA "$DIR/ca.pem" -CAkey "$DIR/ca.key" -set_serial 1 -days 2 \
    -extfile "$DIR/ext" -out "$DIR/cert.pem" 2>/dev/null

start_server() {  # name -> sets SPID (the java process itself), waits until it prints its listening line (max 30 s)
    local tls=(--tls --cert "$DIR/cert.pem" --key "$DIR/key.pem") cmd
    case $1 in
        conduit-loop) cmd=("$JAVA" -jar "$ECHO" --host 127.0.0.1 --port "$PORT" --mode loop "${tls[@]}") ;;
        conduit-virtual) cmd=("$JAVA" -jar "$ECHO" --host 127.0.0.1 --port "$PORT" --mode virtual "${tls[@]}") ;;
        jdk-vt) cmd=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH" dev.conduit.benchmarks.tls.JdkTlsEchoServer "$PORT" "$DIR/cert.pem" "$DIR/key.pem") ;;
        netty) cmd=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH" dev.conduit.benchmarks.tls.NettyTlsEchoServer "$PORT" "$DIR/cert.pem" "$DIR/key.pem") ;;
    esac
    "${cmd[@]}" > "$DIR/$1.log" 2>&1 &
    SPID=$!
    for _ in $(seq 300); do
        grep -q '^listening on' "$DIR/$1.log" 2>/dev/null && return 0
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1
    done
    echo "server $1 did not start: $(cat "$DIR/$1.log")" >&2; exit 1
}
stop_server() {
    kill -TERM "$SPID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SPID" 2>/dev/null || true
    wait "$SPID" 2>/dev/null || true
    SPID=""
}

RAW="$DIR/raw.txt"
for round in $(seq "$ROUNDS"); do
    for server in conduit-loop conduit-virtual jdk-vt netty; do
        start_server "$server"
        for scenario in "64 16384" "1 64"; do
            set -- $scenario
            "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH" dev.conduit.benchmarks.tls.TlsEchoLoad \
                "$server" "$PORT" "$DIR/ca.pem" "$1" "$2" "$WARM" "$SECS" "$SPID" | sed "s/^/round=$round /" | tee -a "$RAW"
        done
        stop_server
    done
done
python3 - "$RAW" <<'PY'
import sys, statistics as st
rows = {}
for line in open(sys.argv[1]):
    kv = dict(f.split("=", 1) for f in line.split() if "=" in f)
    rows.setdefault((kv["conns"] + "c x " + kv["size"] + " B", kv["server"]), []).append(kv)
scenarios = sorted({s for s, _ in rows}, reverse=True)
servers = ["conduit-loop", "conduit-virtual", "jdk-vt", "netty"]
print("\n| scenario | server | msgs/s (median) | server CPU us/msg (median) | throughput / conduit-loop | CPU per msg / conduit-loop | errors |")
print("|---|---|---|---|---|---|---|")
for sc in scenarios:
    base = {r["round"]: r for r in rows.get((sc, "conduit-loop"), [])}
    for sv in servers:
        rs = rows.get((sc, sv), [])
        if not rs: continue
        rate = st.median(float(r["msgs_per_s"]) for r in rs)
        cpu = st.median(float(r["srv_us_per_msg"]) for r in rs)
        tr = [float(r["msgs_per_s"]) / float(base[r["round"]]["msgs_per_s"]) for r in rs if r["round"] in base and float(base[r["round"]]["msgs_per_s"]) > 0]
        cr = [float(r["srv_us_per_msg"]) / float(base[r["round"]]["srv_us_per_msg"]) for r in rs if r["round"] in base and float(base[r["round"]]["srv_us_per_msg"]) > 0]
        err = sum(int(r["errors"]) for r in rs)
        print(f"| {sc} | {sv} | {rate:.0f} | {cpu:.1f} | {st.median(tr):.2f} | {st.median(cr):.2f} | {err} |")
PY
