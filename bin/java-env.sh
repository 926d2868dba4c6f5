# Sourced by bin/pujiang, bin/build and bin/test: picks a JDK 21+ and exports JAVA_HOME and JAVA.
# Order: JAVA_HOME when it is 21 or newer, then Temurin 25 at its usual place, then `java` on PATH.

pujiang_java_major() {
  # Prints the feature version of the java binary in $1, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

pujiang_find_java() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(pujiang_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA="$candidate"
      JAVA_HOME=$(cd "$(dirname "$candidate")/.." && pwd)
      JAVA_MAJOR="$major"
      # JDK 24+ warns when Netty and friends use sun.misc.Unsafe or native access; these allow it quietly.
      if [ "$major" -ge 24 ]; then
        PUJIANG_JVM_FLAGS="--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
      else
        PUJIANG_JVM_FLAGS=""
      fi
      export JAVA JAVA_HOME JAVA_MAJOR PUJIANG_JVM_FLAGS
      return 0
    fi
  done
  cat >&2 <<'MSG'
pujiang: no JDK 21 or newer was found.
  Looked at: $JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, and `java` on PATH.
  Install a JDK 21+ (Temurin 25 is what Pujiang is built and tested with) and set JAVA_HOME to it.
MSG
  return 1
}

# The browser client (pujiang-web) is built with the system's Node.js (20.19+) and npm; the build
# never downloads Node. Says so clearly when they are missing or too old.
pujiang_check_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "pujiang: Node.js 20.19+ and npm are needed to build the browser client; install them (Debian 12's own nodejs is too old: use NodeSource's packages)" >&2
    return 1
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "pujiang: Node.js 20.19 or newer is needed to build the browser client, found $(node --version)" >&2
    return 1
  fi
}
