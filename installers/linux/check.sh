#!/usr/bin/env bash
# Checks what `./mvnw -Pinstaller verify` built (it runs this in its verify phase):
#   1. the app-image holds the launcher, the jar, the lessons, the icon and a trimmed runtime;
#   2. it starts under Xvfb and opens its window (found by title), and draws a first frame with the start run;
#   3. the .deb is named for the version, depends on libgtk-3-0, and installs the same files, a menu entry and icon.
# Usage: installers/linux/check.sh DEST VERSION   (DEST: target/installer)
set -euo pipefail
dest=${1:?destination folder}
version=${2:?version}
here=$(cd "$(dirname "$0")" && pwd)
image="$dest/FedStep"
deb="$dest/fedstep_${version}-1_amd64.deb"
fail() { echo "installer check FAILED: $*" >&2; exit 1; }

# 1. the app-image
for f in bin/FedStep lib/app/fedstep.jar lib/app/FedStep.cfg lib/app/lessons/01-one-round/lesson.json \
         lib/app/lessons/13-communication/lesson.json lib/FedStep.png lib/runtime/release; do
    [ -e "$image/$f" ] || fail "the app-image lacks $f"
done
lessons=$(find "$image/lib/app/lessons" -name lesson.json | wc -l)
[ "$lessons" -ge 13 ] || fail "the app-image holds $lessons lessons, expected at least 13"
modules=$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$image/lib/runtime/release")
for m in java.base java.desktop jdk.localedata; do
    [[ " $modules " == *" $m "* ]] || fail "the runtime lacks module $m"
done
for m in jdk.compiler java.net.http jdk.jshell; do
    [[ " $modules " != *" $m "* ]] || fail "the runtime is not trimmed: it has $m"
done
grep -q "app-version=$version" "$image/lib/app/FedStep.cfg" || fail "FedStep.cfg does not carry version $version"
unzip -p "$image/lib/app/fedstep.jar" META-INF/MANIFEST.MF | grep -q "Implementation-Version: $version" \
    || fail "the jar's manifest does not say version $version (the About dialog shows it)"
echo "app-image: $(du -sm "$image" | cut -f1) MB, $lessons lessons, runtime modules: $modules"

# 2. it starts and opens its window
check_window() {
    local config log app window title geometry before frame
    config=$(mktemp -d)
    log=$(mktemp)
    XDG_CONFIG_HOME="$config" "$image/bin/FedStep" >"$log" 2>&1 &
    app=$!
    if ! window=$(timeout 60 xdotool search --sync --onlyvisible --name '^FedStep' 2>/dev/null | head -1) \
            || [ -z "$window" ]; then
        kill "$app" 2>/dev/null || true
        cat "$log" >&2
        fail "the app-image did not open a window titled FedStep within 60 s"
    fi
    title=$(xdotool getwindowname "$window")
    geometry=$(xdotool getwindowgeometry "$window" | sed -n 's/ *Geometry: //p')
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    echo "window: \"$title\", $geometry"
    before=$(date +%s%3N)
    frame=$(XDG_CONFIG_HOME="$config" timeout 60 "$image/bin/FedStep" --measure-startup 2>>"$log" \
        | sed -n 's/.*first frame at \([0-9]*\) ms.*/\1/p' || true)
    [ -n "$frame" ] || { cat "$log" >&2; fail "the app-image drew no first frame with --measure-startup"; }
    echo "first frame with the start run: $(( frame - before )) ms after launch"
    rm -rf "$config" "$log"
}
# shellcheck source=xvfb.sh
source "$here/xvfb.sh"
if start_display; then
    check_window
else
    # only the display is missing (no Xvfb, and it could not be installed): everything else is still checked
    echo "WINDOW CHECK SKIPPED: no X display could be made here (Xvfb, xdotool, libgtk-3-0)" >&2
fi

# 3. the .deb
[ -f "$deb" ] || fail "no package $deb"
[ "$(dpkg-deb -f "$deb" Package)" = fedstep ] || fail "the package is not named fedstep"
[ "$(dpkg-deb -f "$deb" Version)" = "$version-1" ] || fail "the package's version is not $version-1"
depends=$(dpkg-deb -f "$deb" Depends)
[[ "$depends" == *libgtk-3-0* ]] || fail "the package does not depend on libgtk-3-0 (Depends: $depends)"
contents=$(dpkg-deb -c "$deb")
for f in ./opt/fedstep/bin/FedStep ./opt/fedstep/lib/app/fedstep.jar ./opt/fedstep/lib/FedStep.png \
         ./opt/fedstep/lib/fedstep-FedStep.desktop ./opt/fedstep/lib/app/lessons/01-one-round/lesson.json; do
    grep -q " $f\$" <<<"$contents" || fail "the package lacks $f"
done
unpacked=$(mktemp -d)
dpkg-deb -x "$deb" "$unpacked"
desktop="$unpacked/opt/fedstep/lib/fedstep-FedStep.desktop"
grep -q '^Exec=/opt/fedstep/bin/FedStep' "$desktop" || fail "the menu entry does not start /opt/fedstep/bin/FedStep"
grep -q '^Icon=/opt/fedstep/lib/FedStep.png' "$desktop" || fail "the menu entry has no icon"
grep -q '^Categories=.*Education' "$desktop" || fail "the menu entry is not in Education"
dpkg-deb -e "$deb" "$unpacked/DEBIAN"
grep -q 'xdg-desktop-menu install' "$unpacked/DEBIAN/postinst" || fail "postinst does not install the menu entry"
rm -rf "$unpacked"
echo "deb: $(basename "$deb"), $(( $(stat -c %s "$deb") / 1048576 )) MB, Depends has libgtk-3-0, menu entry in Education"
echo "installer check passed"
