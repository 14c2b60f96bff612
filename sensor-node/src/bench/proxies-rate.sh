#!/usr/bin/env bash
# One Simulated node with 100 proxies at 10 Hz each (101 codifiers x 10 readings/s), with the JVM flags of
# packaging/systemd/jph-sensor@.service: jph-control status measures each codifier's rate over 30 s, then the
# node's resident memory and CPU are read (docs/performance.md).
#   sensor-node/src/bench/proxies-rate.sh [SECONDS]    (after: mvn -pl sensor-node,control -am package)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
seconds=${1:-30}
unit=packaging/systemd/jph-sensor@.service
flags=$(sed -n 's/^Environment="JPH_JAVA_OPTS=\(.*\)"$/\1/p' "$unit")
arena=$(sed -n 's/^Environment=MALLOC_ARENA_MAX=\(.*\)$/\1/p' "$unit")
safety=-Djph.multicast.allowed-interfaces=lo
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))
python3 - "$work/load.json" "$port" <<'PY'
import json, sys
path, port = sys.argv[1], int(sys.argv[2])
codes = [a + b for a in "abcdefghij" for b in "0123456789"]
entries = [{"Codifier": "S9", "ShortName": "load", "SensorInterval": 0.1, "Type": "Simulated",
            "Sensor": {"Shape": "counter", "Min": 0, "Max": 1000000,
                       "Proxy": [{"Codifier": c, "Shape": "counter", "Min": 0, "Max": 1000000} for c in codes]}}]
entries += [{"Codifier": c, "Type": "Proxy", "Sensor": {"Codifier": "S9"}} for c in codes]
entries.append({"Codifier": "ZM", "ShortName": "status", "Type": "ControlProgram"})
json.dump({"Multicast": {"Control-Channel": {"Address": "239.255.71.3", "Port": port},
                         "Data-Channel": {"Address": "239.255.71.4", "Port": port + 1}, "Interface": "lo", "TTL": 0},
           "Sensors": entries}, open(path, "w"))
PY
MALLOC_ARENA_MAX=$arena java $safety $flags -jar sensor-node/target/sensor-node.jar -c S9 -u "$work/load.json" \
  > "$work/node.log" 2>&1 &
node=$!
sleep 3
ticks_before=$(awk '{print $14 + $15}' "/proc/$node/stat")
java $safety -jar control/target/jph-control.jar -u "$work/load.json" -c ZM status --listen "$seconds" > "$work/status"
ticks_after=$(awk '{print $14 + $15}' "/proc/$node/stat")
echo "flags: MALLOC_ARENA_MAX=$arena $flags"
head -3 "$work/status"; echo "..."; tail -3 "$work/status"
echo "node: VmRSS $(awk '/VmRSS/ {print $2}' "/proc/$node/status") kB, CPU $(echo "scale=1; ($ticks_after - $ticks_before) * 100 / $(getconf CLK_TCK) / $seconds" | bc) % of one core over the listen"
kill -TERM "$node"; wait "$node" || true
grep -iE "error|exception|outofmemory" "$work/node.log" | head -5 || true
