#!/usr/bin/env bash
# Start-up of the echo server: java -jar, the jlink image's bin/echo-server (with its AOT cache) and
# the same image without the cache. The time from starting the command to the first byte echoed over
# 127.0.0.1 (the connect is retried until the server listens), ROUNDS rounds alternating the three,
# then the median of each (wall clock and CPU time), and of each round's ratio to java -jar. Also the
# size on disk of what each needs. Linux (reads /proc/PID/stat). Run from the repository root after
#   scripts/with-jdk mvn -B -Pimage -pl examples -am package
# as: scripts/with-jdk examples/src/image/startup.sh [ROUNDS]   (bash's /dev/tcp; loopback only)
set -euo pipefail
rounds=${1:-11}
image=examples/target/echo-image
jar=examples/target/echo-server.jar
[ -x "$image/bin/echo-server" ] && [ -f "$jar" ] || { echo "build first: mvn -B -Pimage -pl examples -am package" >&2; exit 1; }
java=$(command -v java)
java_home=$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)

# prints "WALL_MS CPU_MS": the milliseconds from the start of "$@" to the first echoed byte, and the
# CPU time (user + system, all its threads, from /proc) the JVM had used by then; then stops it
first_echo_ms() {
    local port=$1; shift
    local start end pid deadline
    start=$(date +%s%N)
    "$@" --host 127.0.0.1 --port "$port" > /dev/null 2>&1 &
    pid=$!
    deadline=$((start + 30000000000))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf x >&3 && IFS= read -r -n 1 -t 5 reply <&3 && [ "$reply" = x ]) 2>/dev/null; do
        if [ "$(date +%s%N)" -gt "$deadline" ]; then
            kill "$pid"; wait "$pid" || true; echo "no echo on port $port within 30 s" >&2; return 1
        fi
    done
    end=$(date +%s%N)
    local ticks
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")   # $! is the JVM in every case (the launcher execs)
    kill "$pid"
    wait "$pid" || true
    echo "$(((end - start) / 1000000)) $((ticks * 1000 / $(getconf CLK_TCK)))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

port=17700
names=("java -jar" "image (AOT cache)" "image, no AOT cache")
commands=("java -jar $jar" "$image/bin/echo-server"
    "$image/bin/java --enable-native-access=dev.conduit,dev.conduit.headers -m dev.conduit.examples/dev.conduit.examples.EchoServer")
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((i = 0; i < rounds; i++)); do
    for c in 0 1 2; do
        # shellcheck disable=SC2086 # the command is words
        echo "$c $i $(first_echo_ms $((port++)) ${commands[$c]})" >> "$results"
    done
done
for c in 0 1 2; do
    wall=$(awk -v c="$c" '$1 == c { print $3 }' "$results" | median)
    cpu=$(awk -v c="$c" '$1 == c { print $4 }' "$results" | median)
    printf '%-20s first echo after %5s ms, %5s ms of CPU (medians of %s)\n' "${names[$c]}" "$wall" "$cpu" "$rounds"
done
# per round, against java -jar in the same round: less sensitive to what else the machine does
for c in 1 2; do
    ratio=$(awk -v c="$c" '$1 == 0 { jar[$2] = $3 } $1 == c { r[$2] = $3 } END { for (i in r) print r[i] / jar[i] }' "$results" | median)
    printf '%-20s wall-clock ratio to java -jar, median of per-round ratios: %.2f\n' "${names[$c]}" "$ratio"
done
echo "size on disk: JDK $(du -sh "$java_home" | cut -f1) + jar and lib/ $(du -ch "$jar" examples/target/lib | tail -1 | cut -f1);" \
     "image $(du -sh "$image" | cut -f1) (AOT cache $(du -sh "$image/lib/echo-server.aot" | cut -f1), lib/modules $(du -sh "$image/lib/modules" | cut -f1), lib/server $(du -sh "$image/lib/server" | cut -f1))"
