#!/bin/sh
# Quick start 1: build octavo and the sample book, out/book.epub, from seeds/.
set -eu
cd "$(dirname "$0")/.."
. tests/deps.sh
# shellcheck disable=SC2086
install_missing $BUILD_PACKAGES
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)" --target octavo
mkdir -p out
build/octavo build seeds -o out/book.epub
