#!/usr/bin/env bash
# One area's cases of octavo check (tests/e2e/check_cases/AREA.sh), each
# a book made from the good book with epub_edit, checked by octavo and by
# epubcheck 4.2.6 / epubcheck-ts (see check_lib.sh). An area is a ctest of
# its own, check.area.AREA, so that areas run side by side.
#
# usage: check_area_test.sh OCTAVO EPUB_EDIT SOURCES WORKDIR EPUBCHECK_TS AREA_FILE
set -uo pipefail
octavo=$1 edit=$2 sources=$3 work=$4 ts=${5:-} area=$6
case $area in /*) ;; *) area=$PWD/$area ;; esac
. "$(dirname "$0")/check_lib.sh"
. "$area"
finish "$(basename "$area" .sh) check cases"
