#!/bin/sh
# Quick start 2: install the test tools (epubcheck, Node.js with
# epubcheck-ts and DAISY Ace, chromium, pandoc, mupdf-tools, Noto CJK,
# valgrind, clang with libFuzzer) and run the whole test
# suite through ctest, twice: a normal build, then a clang build with
# AddressSanitizer, UBSan and the fuzz harnesses. Warnings are errors.
set -eu
cd "$(dirname "$0")/.."
. tests/deps.sh
# shellcheck disable=SC2086
install_missing $BUILD_PACKAGES epubcheck default-jre-headless valgrind clang libclang-rt-14-dev pandoc fonts-noto-cjk mupdf-tools chromium python3 time
command -v npm >/dev/null 2>&1 || install_missing nodejs npm

jobs=$(nproc)

# epubcheck-ts (a port of EPUBCheck 5.3's rules) lives in build/tools.
ts_version=0.7.0
ts_dir=$(pwd)/build/tools
ts_package=$ts_dir/node_modules/@likecoin/epubcheck-ts/package.json
if ! grep -q "\"version\": \"$ts_version\"" "$ts_package" 2>/dev/null; then
    mkdir -p "$ts_dir"
    npm install --prefix "$ts_dir" --no-audit --no-fund --loglevel=error \
        "@likecoin/epubcheck-ts@$ts_version"
fi
ts_bin=$ts_dir/node_modules/.bin/epubcheck-ts

# DAISY Ace, the accessibility checker, run with Debian's chromium: no
# browser download (PUPPETEER_SKIP_DOWNLOAD), no Electron.
ace_version=1.4.6
ace_package=$ts_dir/node_modules/@daisy/ace/package.json
if ! grep -q "\"version\": \"$ace_version\"" "$ace_package" 2>/dev/null; then
    PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
        npm install --prefix "$ts_dir" --no-audit --no-fund --loglevel=error \
        "@daisy/ace@$ace_version"
fi

echo "== normal build"
cmake -S . -B build -DOCTAVO_WERROR=ON -DOCTAVO_EPUBCHECK_TS="$ts_bin" \
    -DOCTAVO_ACE="$ts_dir/node_modules/.bin/ace-puppeteer"
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== AddressSanitizer + UBSan + fuzzing build"
CC=clang cmake -S . -B build-asan -DOCTAVO_WERROR=ON -DOCTAVO_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOCTAVO_EPUBCHECK_TS="$ts_bin" \
    -DOCTAVO_ACE="$ts_dir/node_modules/.bin/ace-puppeteer"
cmake --build build-asan -j"$jobs"
# valgrind cannot run sanitized binaries; the normal build ran those tests.
(cd build-asan && ctest --output-on-failure -j"$jobs" -E '^valgrind\.')
