#!/usr/bin/env bash
# Cold start of the packaged app: launches the app-image under Xvfb RUNS times (default 7) with --measure-startup,
# which prints the clock time of the first frame drawn with the start run on screen; the time from just before the
# launch to that frame is reported as the median, the fastest and the slowest. Each run starts a new JVM with empty preferences (a first launch).
# Usage: installers/linux/measure-startup.sh [IMAGE] [RUNS]   (IMAGE: target/installer/FedStep)
set -euo pipefail
image=${1:-target/installer/FedStep}
runs=${2:-7}
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$image/bin/FedStep" ] || { echo "no app-image at $image: build it with ./mvnw -Pinstaller package" >&2; exit 1; }
# shellcheck source=xvfb.sh
source "$here/xvfb.sh"
start_display
times=()
for i in $(seq 1 "$runs"); do
    config=$(mktemp -d)
    before=$(date +%s%3N)
    line=$(XDG_CONFIG_HOME="$config" timeout 60 "$image/bin/FedStep" --measure-startup 2>/dev/null | grep 'first frame')
    rm -rf "$config"
    ms=$(( $(sed 's/.*first frame at \([0-9]*\) ms.*/\1/' <<<"$line") - before ))
    times+=("$ms")
    echo "run $i: $ms ms"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
echo "first frame after start: median $median ms (fastest $(head -1 <<<"$sorted"), slowest $(tail -1 <<<"$sorted")) over $runs runs"
