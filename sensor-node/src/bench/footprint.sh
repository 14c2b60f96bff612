#!/usr/bin/env bash
# The sensor node's footprint with the JVM flags of packaging/systemd/jph-sensor@.service (docs/performance.md):
# resident memory after 8 s (SETTLE=seconds to change), first reading after launch, SIGTERM to exit, for a TempLinux node reading a file,
# or with NODE=serial a Serial node on a socat pseudo-terminal that a loop feeds an Arduino's "T=21.5 H=40" every second.
#   [NODE=serial] sensor-node/src/bench/footprint.sh [RUNS] [EXTRA JVM FLAGS...]    (after: mvn -pl sensor-node,control -am package)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
runs=${1:-5}; shift || true
unit=packaging/systemd/jph-sensor@.service
flags=$(sed -n 's/^Environment="JPH_JAVA_OPTS=\(.*\)"$/\1/p' "$unit")
arena=$(sed -n 's/^Environment=MALLOC_ARENA_MAX=\(.*\)$/\1/p' "$unit")
[[ -n $flags ]] || { echo "no JPH_JAVA_OPTS in $unit" >&2; exit 2; }
safety=-Djph.multicast.allowed-interfaces=lo
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
echo 48312 > "$work/temp"
port=$((20000 + RANDOM % 20000))
sensor="\"Type\": \"TempLinux\", \"Sensor\": {\"Pipe\": \"$work/temp\"}"
if [[ ${NODE:-templinux} == serial ]]; then
  socat pty,raw,echo=0,link="$work/ttyNODE" pty,raw,echo=0,link="$work/ttyFAR" &
  while [[ ! -e $work/ttyFAR ]]; do sleep 0.1; done
  # A changing temperature, so each line sends a reading as a real sensor's would.
  (i=0; while sleep 1; do i=$(( (i + 1) % 10 )); printf 'T=21.%d H=40\r\n' "$i"; done > "$work/ttyFAR") &
  sensor="\"Type\": \"Serial\", \"Sensor\": {\"Port\": \"$work/ttyNODE\", \"Baud\": 9600,
   \"Patterns\": [{\"Match\": \"^T=(-?[0-9.]+) H=([0-9.]+)$\", \"Codifiers\": [\"T1\", null]}]}"
fi
cat > "$work/fp.json" <<JSON
{"Multicast": {"Control-Channel": {"Address": "239.255.71.1", "Port": $port},
               "Data-Channel": {"Address": "239.255.71.2", "Port": $((port + 1))}, "Interface": "lo", "TTL": 0},
 "Sensors": [{"Codifier": "T1", "ShortName": "temp", "Symbol": "C", "SensorInterval": 1, "KeepAliveInterval": 10,
   $sensor},
             {"Codifier": "ZM", "ShortName": "monitor", "Type": "ControlProgram"}]}
JSON
java $safety -jar control/target/jph-control.jar -u "$work/fp.json" -c ZM monitor --json --from T1 > "$work/monitor" &
sleep 2
echo "flags: MALLOC_ARENA_MAX=$arena $flags $*"
printf '| run | VmRSS after %s s | first reading after launch | SIGTERM to exit | exit code |\n|---|---|---|---|---|\n' "${SETTLE:-8}"
for run in $(seq 1 "$runs"); do
  seen=$(wc -l < "$work/monitor")
  launched=$(date +%s%3N)
  MALLOC_ARENA_MAX=$arena java $safety $flags "$@" -jar sensor-node/target/sensor-node.jar -c T1 -u "$work/fp.json" \
    > "$work/node.log" 2>&1 &
  node=$!
  sleep "${SETTLE:-8}"
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$node/status")
  first=$(tail -n +$((seen + 1)) "$work/monitor" | grep -a -m1 '"flag":"f"' | sed 's/.*"timestamp":\([0-9]*\).*/\1/')
  stop_from=$(date +%s%N); kill -TERM "$node"; code=0; wait "$node" || code=$?; stop_to=$(date +%s%N)
  printf '| %d | %d kB (%.1f MiB) | %s ms | %d ms | %d |\n' "$run" "$rss" "$(echo "$rss / 1024" | bc -l)" \
    "$(( ${first:-0} - launched ))" "$(( (stop_to - stop_from) / 1000000 ))" "$code"
done
