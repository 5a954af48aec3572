#!/usr/bin/env bash
# Start-up of the echo server: java -jar, the jlink image's bin/echo-server (with its AOT cache) and
# the same image without the cache. The time from starting the command to the first byte echoed over
# 127.0.0.1 (the connect is retried until the server listens), ROUNDS rounds alternating the three,
# then the median of each. Also the size on disk of what each needs. Run from the repository root after
#   scripts/with-jdk mvn -B -Pimage -pl examples -am package
# as: scripts/with-jdk examples/src/image/startup.sh [ROUNDS]   (bash's /dev/tcp; loopback only)
set -euo pipefail
rounds=${1:-11}
image=examples/target/echo-image
jar=examples/target/echo-server.jar
[ -x "$image/bin/echo-server" ] && [ -f "$jar" ] || { echo "build first: mvn -B -Pimage -pl examples -am package" >&2; exit 1; }
java=$(command -v java)
java_home=$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)

# prints the milliseconds from the start of "$@" to the first echoed byte, then stops the server
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
    kill "$pid"          # $! is the JVM in both cases (the launcher execs)
    wait "$pid" || true
    echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

port=17700
jar_times=() image_times=() uncached_times=()
for ((i = 0; i < rounds; i++)); do
    jar_times+=("$(first_echo_ms $((port++)) java -jar "$jar")")
    image_times+=("$(first_echo_ms $((port++)) "$image/bin/echo-server")")
    uncached_times+=("$(first_echo_ms $((port++)) "$image/bin/java" --enable-native-access=dev.conduit,dev.conduit.headers \
        -m dev.conduit.examples/dev.conduit.examples.EchoServer)")
done
report() { echo "first echo, median of $rounds: $1 $(printf '%s\n' "${@:2}" | median) ms ($*)" | sed "s/($1 /(/"; }
report "java -jar          " "${jar_times[@]}"
report "image (AOT cache)  " "${image_times[@]}"
report "image, no AOT cache" "${uncached_times[@]}"
echo "size on disk: JDK $(du -sh "$java_home" | cut -f1) + jar and lib/ $(du -ch "$jar" examples/target/lib | tail -1 | cut -f1);" \
     "image $(du -sh "$image" | cut -f1) (AOT cache $(du -sh "$image/lib/echo-server.aot" | cut -f1), lib/modules $(du -sh "$image/lib/modules" | cut -f1), lib/server $(du -sh "$image/lib/server" | cut -f1))"
