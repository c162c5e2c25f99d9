# Sourced by ./meshwatch and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Keeps a JAVA_HOME that is already 21+, else the default java when it is 21+, else the newest
# JDK 21+ found in the usual install folder.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1 | cut -d. -f1
}
pick_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    local java_bin
    java_bin=$(readlink -f "$(command -v java)")
    if [ "$(java_major "$java_bin")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$java_bin")")
      return 0
    fi
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best=$dir
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "meshwatch needs a JDK 21 or newer: install one or set JAVA_HOME" >&2
    return 1
  fi
  JAVA_HOME=$best
}
pick_java_home
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
