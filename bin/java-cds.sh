# Sourced by bin/paasmaker and bin/paasmaker-agent (not run): the Java to run and its class data sharing
# (AppCDS) archive, one per jar and Java runtime, kept beside the jar as <jar without .jar>-java<version>.jsa.
#
#   java_cds_find_java NAME            sets $java: JAVA_HOME's, else the one on the PATH; exits 1 if none,
#                                      saying so as NAME
#   java_cds_archive JAR [NEWER...] -- TRAINING...
#                                      appends to the array $flags (the JVM options both the training and
#                                      the run use, set by the caller) what shares the archive: on Java 19
#                                      and later the JVM keeps it up to date itself
#                                      (-XX:+AutoCreateSharedArchive); before, when there is none for this
#                                      jar and this Java, or it is older than the jar or a NEWER file (the
#                                      jars on the jar's class path), it is made first, once, by
#                                      `java $flags -XX:ArchiveClassesAtExit=... -jar JAR TRAINING...` into
#                                      a file of its own, moved into place whole; none is used when it is
#                                      missing, stale or was made by another Java (its name says which).
# shellcheck shell=bash

java_cds_find_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        java="$JAVA_HOME/bin/java"
    else
        java="$(command -v java || true)"
        if [ -z "$java" ]; then
            echo "$1: no java found; install Java 17 or later, or set JAVA_HOME" >&2
            exit 1
        fi
    fi
}

# Whether the archive $1 is missing or older than one of the files after it.
java_cds_stale() {
    local archive="$1" file
    shift
    [ -f "$archive" ] || return 0
    for file in "$@"; do
        [ "$file" -nt "$archive" ] && return 0
    done
    return 1
}

java_cds_archive() {
    local jar="$1" release runtime feature archive partial
    shift
    local newer=("$jar")
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
        newer+=("$1")
        shift
    done
    [ "$#" -gt 0 ] && shift
    # The runtime's version from its release file (no JVM started for it): "17.0.15+6-Debian-1deb12u1".
    release="$(dirname "$(dirname "$(readlink -f "$java")")")/release"
    runtime="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$release" 2>/dev/null || true)"
    [ -n "$runtime" ] || runtime="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$release" 2>/dev/null || true)"
    feature="${runtime%%[.+-]*}"
    archive="${jar%.jar}-java${runtime:-unknown}.jsa"

    if [ "${feature:-0}" -ge 19 ] 2>/dev/null; then
        flags+=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive")
        return
    fi
    if java_cds_stale "$archive" "${newer[@]}" && [ -n "$runtime" ] && [ -w "$(dirname "$jar")" ]; then
        partial="$archive.$$.partial"
        if "$java" "${flags[@]}" -XX:ArchiveClassesAtExit="$partial" -jar "$jar" "$@" >/dev/null 2>&1 \
                && [ -s "$partial" ]; then
            mv -f "$partial" "$archive"
        else
            rm -f "$partial"
        fi
    fi
    if ! java_cds_stale "$archive" "${newer[@]}"; then
        flags+=(-XX:SharedArchiveFile="$archive")
    fi
}
