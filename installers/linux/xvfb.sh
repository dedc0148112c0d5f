# Sourced by check.sh and measure-startup.sh: a private X display under Xvfb, for a window without a screen.
# Installs Xvfb and xdotool from Debian's packages when they are missing (as root), and stops Xvfb on exit.

need_tools() {
    local missing=()
    command -v Xvfb >/dev/null || missing+=(xvfb)
    command -v xdotool >/dev/null || missing+=(xdotool)
    # JavaFX's window needs GTK 3 (a headless test under Monocle does not)
    ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || missing+=(libgtk-3-0)
    if ((${#missing[@]})); then
        echo "installing ${missing[*]} (Debian packages)" >&2
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
            apt-get update -qq >/dev/null 2>&1 || true
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
                echo "could not install ${missing[*]}" >&2
                return 1
            }
        fi
    fi
}

start_display() {
    need_tools || return 1
    local n
    for n in $(seq 90 140); do
        if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
            Xvfb ":$n" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
            XVFB_PID=$!
            export DISPLAY=":$n"
            trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
            for _ in $(seq 1 50); do
                if xdotool getmouselocation >/dev/null 2>&1; then
                    return 0
                fi
                sleep 0.1
            done
            echo "Xvfb did not start on :$n" >&2
            return 1
        fi
    done
    echo "no free X display number" >&2
    return 1
}
