# Shared by make-sample-book.sh and run-all.sh: install what is missing on
# Debian 12 (as root; with sudo otherwise), never what is already there.

root_cmd() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# install_missing PACKAGE... — apt-get installs the packages not installed.
install_missing() {
    missing=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        echo "octavo: installing$missing"
        root_cmd apt-get update
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive root_cmd apt-get install -y --no-install-recommends $missing
    fi
}

# (g++ for src/highlight.cc, GNU Source-highlight's C face; at run time
# libsource-highlight4v5 and libsource-highlight-common's definitions.)
BUILD_PACKAGES="gcc g++ libc6-dev make cmake pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
libxml2-dev libyaml-dev libzip-dev libwebp-dev libpng-dev libopencc-dev libharfbuzz-dev
libdeflate-dev libuchardet-dev libicu-dev libsource-highlight-dev libsource-highlight4v5
libsource-highlight-common"
