#!/usr/bin/env bash
# Regenerates installers/fedstep.classlist: the classes FedStep loads from its start to the first frame with the
# start run on screen, in the JVM's class-list format. The installers turn it into a class-data-sharing archive
# (the .deb at install time, the app-image when it is built), which cuts the class loading of a cold start.
# Classes the list names that a later FedStep lacks are skipped, and new ones are loaded as usual, so a stale list
# costs speed, never correctness. Run after large changes: installers/linux/classlist.sh (needs target/fedstep.jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=installers/linux
[ -f target/fedstep.jar ] || { echo "build the jar first: ./mvnw package" >&2; exit 1; }
# shellcheck source=xvfb.sh
source "$here/xvfb.sh"
start_display
list=$(mktemp)
config=$(mktemp -d)
XDG_CONFIG_HOME="$config" java -XX:DumpLoadedClassList="$list" -jar target/fedstep.jar --measure-startup >/dev/null
# the dump's own lines for classes made at run time (proxies, lambdas' hidden classes) cannot be archived by name
grep -v '^jdk/proxy\|\$\$Lambda\|^#' "$list" > installers/fedstep.classlist
rm -rf "$list" "$config"
echo "installers/fedstep.classlist: $(wc -l < installers/fedstep.classlist) classes"
