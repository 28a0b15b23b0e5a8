#!/bin/sh
# Quick start 2: install the test tools (epubcheck, Node.js, epubcheck-ts)
# and run the whole test suite through ctest, warnings as errors.
set -eu
cd "$(dirname "$0")/.."
. tests/deps.sh
# shellcheck disable=SC2086
install_missing $BUILD_PACKAGES epubcheck default-jre-headless
command -v npm >/dev/null 2>&1 || install_missing nodejs npm

cmake -S . -B build -DOCTAVO_WERROR=ON
cmake --build build -j"$(nproc)"

# epubcheck-ts (a port of EPUBCheck 5.3's rules) lives in build/tools.
ts_version=0.7.0
ts_package=build/tools/node_modules/@likecoin/epubcheck-ts/package.json
if ! grep -q "\"version\": \"$ts_version\"" "$ts_package" 2>/dev/null; then
    mkdir -p build/tools
    npm install --prefix build/tools --no-audit --no-fund --loglevel=error \
        "@likecoin/epubcheck-ts@$ts_version"
fi

cd build
ctest --output-on-failure -j"$(nproc)"
