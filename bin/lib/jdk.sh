# shellcheck shell=sh
# Finds a JDK >= 21 and exports JAVA_HOME (and PATH) to it. Sourced by mvnw, bin/devstack, bin/bazaar.
# Order: $JAVA_HOME when it is >= 21, then the newest JDK >= 21 in the system JVM folders.

bazaar_java_major() {
  # prints the major version of the JDK at $1 (empty if none)
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

bazaar_find_jdk() {
  bazaar_min=21
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(bazaar_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$bazaar_min" ]; then
      export JAVA_HOME; PATH="$JAVA_HOME/bin:$PATH"; export PATH
      return 0
    fi
  fi
  best=""; best_v=0
  case $- in *f*) bazaar_noglob=1; set +f ;; *) bazaar_noglob=0 ;; esac
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] || continue
    [ -L "$d" ] && continue
    v=$(bazaar_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$bazaar_min" ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ "$bazaar_noglob" = 1 ] && set -f
  if [ -z "$best" ]; then
    echo "Bazaar needs a JDK ${bazaar_min} or newer, and none was found." >&2
    echo "  JAVA_HOME=${JAVA_HOME-<unset>} is not one, and none is in /usr/lib/jvm." >&2
    echo "  Install one, e.g. 'apt-get install openjdk-21-jdk' (Debian/Ubuntu) or Eclipse Temurin 21+," >&2
    echo "  then set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"; export PATH
}
