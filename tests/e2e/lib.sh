# Shared by the end-to-end scripts: count failures and go on, so that one
# run reports every broken case. Source it, call fail, end with
# finish "what was checked".
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s) in $1" >&2
        exit 1
    fi
    echo "all $1 pass"
}
