#!/usr/bin/env bash
# packaging/test-packages.sh: install the five Debian packages that `mvn package` built on this machine, check
# what they installed, run each program briefly, then remove and purge them and check that nothing is left.
# `./jph test` runs it after `mvn verify`. It needs root (dpkg -i); run by anyone else it says so and exits 0.
# It refuses to run where JPH packages, the jph user or /var/lib/jph already exist: it would purge them.
# Multicast stays on lo with TTL 0 (-Djph.multicast.allowed-interfaces=lo and a config naming lo).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(jph-sensor-node jph-collector jph-web jph-router jph-tools)
declare -A module=([jph-sensor-node]=sensor-node [jph-collector]=collector [jph-web]=web [jph-router]=router
  [jph-tools]=control)
jars=(sensor-node collector web router jph-control jph-sql)
units=(jph-sensor jph-collector jph-web jph-router)
safety="-Djph.multicast.allowed-interfaces=lo"

passed=0
failed=0
say() { printf 'test-packages: %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
check() { # check DESCRIPTION COMMAND...: ok when the command succeeds
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi
}
status_of() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true; }
purged() { case $(status_of "$1") in "" | not-installed) return 0 ;; *) return 1 ;; esac; }

if [[ $(id -u) != 0 ]]; then
  if [[ -n ${JPH_REQUIRE_ALL_TESTS:-} ]]; then
    say "FAILED: the package test needs root, and JPH_REQUIRE_ALL_TESTS says every test must run"; exit 1
  fi
  say "SKIPPED: the package test installs packages with dpkg and needs root (run ./jph test as root, as CI does)"
  exit 0
fi
command -v dpkg >/dev/null || { say "FAILED: dpkg is missing; the package test needs a Debian system"; exit 1; }

# The newest deb of each package, from the last `mvn package`.
declare -A deb
for p in "${packages[@]}"; do
  deb[$p]=$(ls -t "$here/${module[$p]}/target/${p}"_*_all.deb 2>/dev/null | head -1)
  [[ -n ${deb[$p]} ]] || { say "FAILED: no ${module[$p]}/target/${p}_*_all.deb: run mvn package first"; exit 1; }
done

# Never purge what was here before.
for p in "${packages[@]}"; do
  purged "$p" || { say "FAILED: $p is already on this machine ($(status_of "$p")); the test would purge it, so it does not run"; exit 1; }
done
if getent passwd jph >/dev/null || getent group jph >/dev/null || [[ -e /var/lib/jph ]] || [[ -e /usr/share/jph ]]; then
  say "FAILED: a jph user or group, /var/lib/jph or /usr/share/jph exists already; the test would remove it, so it does not run"
  exit 1
fi
etc_jph_before=no
[[ -e /etc/jph ]] && etc_jph_before=yes

work=$(mktemp -d -t jph-packages.XXXXXX)
chmod 755 "$work"
node_pid=""
java_installed=()
cleanup() {
  if [[ -n $node_pid ]]; then kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null; fi
  for p in "${packages[@]}"; do
    purged "$p" || dpkg --purge "$p" >/dev/null 2>&1 || say "WARNING: could not purge $p"
  done
  if ((${#java_installed[@]})); then
    say "removing what the test installed for Java: ${java_installed[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${java_installed[@]}" >/dev/null 2>&1 \
      || say "WARNING: could not remove ${java_installed[*]}"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "packages: $(for p in "${packages[@]}"; do basename "${deb[$p]}"; done | tr '\n' ' ')"

# 1. The Java dependency. Debian's OpenJDK 17 (what CI and a Pi have) provides java17-runtime-headless; when no
# package provides it, install default-jre-headless with apt-get, and purge exactly what that added at the end.
java_provided() {
  local installed
  installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Provides}\n' 2>/dev/null | grep '^ii ')
  grep -qE '^ii +(default-jre-headless|openjdk-17-jre-headless) |java17-runtime-headless' <<<"$installed"
}
say "1. dependencies"
if java_provided; then
  ok "a Java 17 runtime package is installed ($(dpkg-query -W -f='${Package} ${Version}\n' openjdk-17-jre-headless 2>/dev/null || echo 'a java17-runtime-headless provider'))"
elif command -v apt-get >/dev/null; then
  before=$(dpkg-query -W -f='${Package}\n' | sort)
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      default-jre-headless) >/dev/null 2>&1; then
    mapfile -t java_installed < <(comm -13 <(echo "$before") <(dpkg-query -W -f='${Package}\n' | sort))
    ok "installed default-jre-headless with apt-get (removed again at the end)"
  else
    fail "no Java 17 runtime package, and apt-get could not install default-jre-headless"
    exit 1
  fi
else
  fail "no package provides java17-runtime-headless and apt-get is missing"
  exit 1
fi

# 2. Install all five.
say "2. install"
if out=$(dpkg -i "${deb[@]}" 2>&1); then
  ok "dpkg -i of the five packages"
else
  fail "dpkg -i of the five packages:"
  printf '%s\n' "$out" | sed 's/^/        /'
  exit 1
fi
for p in "${packages[@]}"; do
  check "$p is installed ($(dpkg-query -W -f='${Version}' "$p"), Architecture: $(dpkg-query -W -f='${Architecture}' "$p"))" \
    test "$(dpkg-query -W -f='${db:Status-Abbrev}${Architecture}' "$p")" = "ii all"
  check "$p: dpkg --verify finds every file as packaged" test -z "$(dpkg --verify "$p" 2>&1)"
done

# Installing again (dpkg's upgrade path: postinst configure with the old version) changes nothing of the state.
echo "spooled" >/var/lib/jph/state-marker
check "dpkg -i again (the upgrade path) succeeds" dpkg -i "${deb[@]}"
check "it keeps the jph user and what is in /var/lib/jph" sh -c 'getent passwd jph && test -f /var/lib/jph/state-marker'

# 3. What they installed.
say "3. files, user, units"
for jar in "${jars[@]}"; do
  check "/usr/share/jph/$jar.jar is a jar (zip, $(du -h "/usr/share/jph/$jar.jar" 2>/dev/null | cut -f1))" \
    test "$(head -c 2 "/usr/share/jph/$jar.jar" 2>/dev/null)" = PK
done
for tool in jph-control jph-sql; do check "/usr/bin/$tool is executable" test -x "/usr/bin/$tool"; done
for unit in "${units[@]}"; do check "/lib/systemd/system/$unit@.service is installed" test -f "/lib/systemd/system/$unit@.service"; done
for conf in 30-jph-collector.conf 30-jph-router.conf; do
  check "/usr/lib/sysctl.d/$conf is installed and raises net.core.rmem_max to 32 MiB" \
    grep -qx 'net.core.rmem_max = 33554432' "/usr/lib/sysctl.d/$conf"
done
check "net.core.rmem_max is at least 32 MiB after the install ($(cat /proc/sys/net/core/rmem_max))" \
  test "$(cat /proc/sys/net/core/rmem_max)" -ge 33554432
check "the jph user exists as a system user" sh -c 'test "$(id -u jph)" -lt 1000'
check "the jph group exists and is the user's group" sh -c 'test "$(id -gn jph)" = jph'
check "jph's home is /var/lib/jph and it cannot log in" sh -c \
  'getent passwd jph | awk -F: '\''$6 == "/var/lib/jph" && $7 ~ /nologin|false/ { found = 1 } END { exit !found }'\'''
check "/var/lib/jph is owned by jph:jph" test "$(stat -c %U:%G /var/lib/jph 2>/dev/null)" = jph:jph
check "/etc/jph exists" test -d /etc/jph
for unit in "${units[@]}"; do
  file=/lib/systemd/system/$unit@.service
  jar=$(grep -o '/usr/share/jph/[a-z-]*\.jar' "$file" | head -1)
  check "$unit@.service runs an installed jar ($jar) as jph and logs to the journal" sh -c \
    "test -f '$jar' && grep -qx 'User=jph' '$file' && grep -qx 'StandardOutput=journal' '$file' && grep -q '^ExecStart=' '$file'"
  if command -v systemd-analyze >/dev/null; then
    # verify wants an instance, not a template: check a copy named $unit@T1.service.
    cp "$file" "$work/$unit@T1.service"
    if out=$(systemd-analyze verify "$work/$unit@T1.service" 2>&1) && [[ -z $out ]]; then
      ok "systemd-analyze verify $unit@T1.service: no warnings"
    else
      fail "systemd-analyze verify $unit@T1.service:"
      printf '%s\n' "$out" | sed 's/^/        /'
    fi
  else
    check "$unit@.service has [Unit], [Service] and [Install] (systemd-analyze is not installed)" sh -c \
      "grep -qx '\[Unit\]' '$file' && grep -qx '\[Service\]' '$file' && grep -qx '\[Install\]' '$file'"
  fi
done

# 4. Run each program briefly. Multicast only on lo with TTL 0, on groups of its own.
say "4. run"
check "jph-control --help" sh -c "JPH_JAVA_OPTS='$safety' /usr/bin/jph-control --help | grep -q ping"
check "jph-sql --help" sh -c "JPH_JAVA_OPTS='$safety' /usr/bin/jph-sql --help | grep -q migrate"
for jar in sensor-node collector web router; do
  check "java -jar /usr/share/jph/$jar.jar --version" sh -c "java $safety -jar /usr/share/jph/$jar.jar --version | grep -q '^$jar '"
done
port=$((20000 + RANDOM % 20000))
group="239.255.$((RANDOM % 200 + 20)).$((RANDOM % 200 + 20))"
cat >"$work/config.json" <<EOF
{"Multicast": {"Control-Channel": {"Address": "$group", "Port": $port},
               "Data-Channel": {"Address": "$group", "Port": $((port + 1))},
               "Interface": "lo", "TTL": 0},
 "Sensors": [
  {"Codifier": "CC", "ShortName": "Console", "Name": "package test console", "Symbol": "", "Type": "ControlProgram"},
  {"Codifier": "T1", "ShortName": "Package test", "Name": "package test node", "Symbol": "C",
   "KeepAliveInterval": 30, "SensorInterval": 1, "Active": true, "DataType": "float", "Type": "Simulated",
   "Sensor": {"Min": 1, "Max": 2, "PeriodSeconds": 60}}]}
EOF
chmod 644 "$work/config.json"
# As the unit runs it: the jph user, the unit's JVM flags, the installed jar.
unit_opts=$(sed -n 's/^Environment="JPH_JAVA_OPTS=\(.*\)"$/\1/p' /lib/systemd/system/jph-sensor@.service)
setpriv --reuid=jph --regid=jph --init-groups env MALLOC_ARENA_MAX=2 java $safety $unit_opts -jar /usr/share/jph/sensor-node.jar \
  -c T1 -u "$work/config.json" >"$work/node.log" 2>&1 &
node_pid=$!
started=no
for _ in $(seq 1 40); do
  grep -q 'T1 - started as Simulated' "$work/node.log" 2>/dev/null && { started=yes; break; }
  kill -0 "$node_pid" 2>/dev/null || break
  sleep 0.5
done
if [[ $started == yes ]]; then
  ok "sensor node T1 from /usr/share/jph/sensor-node.jar as jph, with the unit's JVM flags: $(grep -o 'started as .*' "$work/node.log")"
else
  fail "sensor node T1 did not log its start:"
  sed 's/^/        /' "$work/node.log"
fi
check "/usr/bin/jph-control ping T1 gets a reply over lo" sh -c \
  "JPH_JAVA_OPTS='$safety' /usr/bin/jph-control -u '$work/config.json' ping T1 -n 2 -W 3 | grep -q 'reply from T1'"
kill -TERM "$node_pid" 2>/dev/null
node_rc=0
wait "$node_pid" 2>/dev/null || node_rc=$?
node_pid=""
check "sensor node T1 stops cleanly on SIGTERM (exit $node_rc)" test "$node_rc" = 0

if [[ -d /run/systemd/system ]]; then
  if [[ -e /etc/jph/config.json || -e /etc/jph/sensor-node.env ]]; then
    say "systemd runs here, but /etc/jph/config.json or sensor-node.env exists: not starting jph-sensor@T1 over it"
  else
    cp "$work/config.json" /etc/jph/config.json
    echo "JPH_JAVA_OPTS=$safety $unit_opts" >/etc/jph/sensor-node.env
    systemctl start jph-sensor@T1
    active=no
    for _ in $(seq 1 30); do
      journalctl -q -u jph-sensor@T1 --no-pager 2>/dev/null | grep -q 'T1 - started as' && { active=yes; break; }
      sleep 0.5
    done
    check "systemctl start jph-sensor@T1: active and its start is in the journal" \
      sh -c "test $active = yes && systemctl is-active --quiet jph-sensor@T1"
    systemctl stop jph-sensor@T1
    rm -f /etc/jph/config.json /etc/jph/sensor-node.env
  fi
else
  say "systemd is not PID 1 here ($(cat /proc/1/comm 2>/dev/null || echo unknown)): units checked as files, no unit started"
fi

# An enabled instance, to see remove keep it and purge take it away.
enabled=no
if systemctl enable jph-sensor@T1.service >/dev/null 2>&1 \
    && [[ -L /etc/systemd/system/multi-user.target.wants/jph-sensor@T1.service ]]; then
  enabled=yes
  ok "systemctl enable jph-sensor@T1 (to check remove and purge)"
else
  say "systemctl enable does not work here: enablement links not checked"
fi

# 5. Remove, then purge: jph-tools first (the user stays while other packages are left), then the rest.
say "5. remove and purge"
check "dpkg --remove of the five packages" dpkg --remove "${packages[@]}"
for jar in "${jars[@]}"; do check "/usr/share/jph/$jar.jar is gone" test ! -e "/usr/share/jph/$jar.jar"; done
for unit in "${units[@]}"; do check "/lib/systemd/system/$unit@.service is gone" test ! -e "/lib/systemd/system/$unit@.service"; done
check "/usr/bin/jph-control and /usr/bin/jph-sql are gone" test ! -e /usr/bin/jph-control -a ! -e /usr/bin/jph-sql
check "the sysctl.d files of jph-collector and jph-router are gone" test ! -e /usr/lib/sysctl.d/30-jph-collector.conf -a ! -e /usr/lib/sysctl.d/30-jph-router.conf
check "remove keeps the jph user and what is in /var/lib/jph" sh -c 'getent passwd jph && test -f /var/lib/jph/state-marker'
[[ $enabled == yes ]] && check "remove keeps the enabled instance jph-sensor@T1" \
  test -L /etc/systemd/system/multi-user.target.wants/jph-sensor@T1.service
check "dpkg --purge jph-tools" dpkg --purge jph-tools
check "the jph user stays while other JPH packages are not purged" getent passwd jph
check "dpkg --purge of the other four" dpkg --purge jph-sensor-node jph-collector jph-web jph-router
for p in "${packages[@]}"; do check "$p is purged" purged "$p"; done
check "the jph user is gone" sh -c '! getent passwd jph'
check "the jph group is gone" sh -c '! getent group jph'
check "/var/lib/jph is gone" test ! -e /var/lib/jph
check "/usr/share/jph and /usr/share/doc/jph are gone" test ! -e /usr/share/jph -a ! -e /usr/share/doc/jph
if [[ $etc_jph_before == no ]]; then check "/etc/jph is gone" test ! -e /etc/jph; fi
[[ $enabled == yes ]] && check "purge removed the enabled instance's link" sh -c \
  '! ls /etc/systemd/system/*.wants/jph-*@*.service'

say "$passed checks passed, $failed failed"
((failed == 0))
