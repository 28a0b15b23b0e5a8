#!/bin/bash
# run.sh — time octavo against pandoc (and calibre, when installed) on the
# corpora of bench/make-corpus.sh, and against the gzip -6 bound.
#
# Usage: bench/run.sh [CORPUS...]      CORPUS: five 1k 10k novel (default: all)
#
# Per corpus, in a temp dir under /tmp:
#   1. one run of each tool under /usr/bin/time -v       -> peak RSS, output size
#   2. octavo's EPUB unzipped and its files concatenated -> input of the bound
#   3. ONE hyperfine run over all tools and the bound     -> wall time
#      (gzip -6 -c CONCAT > /dev/null: single core, files pre-concatenated)
# and a Markdown table is printed to stdout (progress goes to stderr).
#
# Environment:
#   BENCH_SKIP_PANDOC=10k,novel  corpora on which pandoc is not run ("all": none)
#   BENCH_SKIP_CALIBRE=...       the same for calibre's ebook-convert
#   BENCH_RUNS=3 BENCH_WARMUP=1  hyperfine --runs / --warmup (five: 20 runs
#                                unless BENCH_RUNS is set)
#   BENCH_TOOL_TIMEOUT=1800      seconds; a pandoc/calibre run taking longer
#                                (in step 1) is dropped from that corpus
#   BENCH_CORPUS_DIR=DIR         keep/reuse corpora in DIR (made if missing)
#   BENCH_RESULTS=FILE           also append the tables to FILE
#   BENCH_KEEP=1                 keep the temp dir (outputs, JSON, logs)
#   OCTAVO=PATH                  the binary (default: build/octavo, built if missing)
set -eu -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export LC_ALL=C

say() { printf '%s\n' "run.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }

corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=(five 1k 10k novel)
for c in "${corpora[@]}"; do
    case $c in
        five|1k|10k|novel) ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
        *) die "unknown corpus '$c' (five, 1k, 10k, novel)" ;;
    esac
done

runs=${BENCH_RUNS:-}
warmup=${BENCH_WARMUP:-1}
tool_timeout=${BENCH_TOOL_TIMEOUT:-1800}
skip_pandoc=,${BENCH_SKIP_PANDOC:-},
skip_calibre=,${BENCH_SKIP_CALIBRE:-},

# ---- tools -------------------------------------------------------------
need_pkgs=()
command -v hyperfine >/dev/null 2>&1 || need_pkgs+=(hyperfine)
[ -x /usr/bin/time ] || need_pkgs+=(time)
command -v unzip >/dev/null 2>&1 || need_pkgs+=(unzip)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
command -v pandoc >/dev/null 2>&1 || [ "$skip_pandoc" = ,all, ] || need_pkgs+=(pandoc)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing ${need_pkgs[*]}"
        if ! { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive \
               apt-get install -y -qq "${need_pkgs[@]}" >&2; }; then
            die "could not install ${need_pkgs[*]}"
        fi
    else
        die "missing ${need_pkgs[*]} (as root: apt-get install -y ${need_pkgs[*]})"
    fi
fi
have_pandoc=0; command -v pandoc >/dev/null 2>&1 && have_pandoc=1
have_calibre=0; command -v ebook-convert >/dev/null 2>&1 && have_calibre=1

octavo=${OCTAVO:-$root/build/octavo}
if [ ! -x "$octavo" ]; then
    [ -z "${OCTAVO:-}" ] || die "OCTAVO=$OCTAVO is not executable"
    say "building $octavo"
    if [ ! -f "$root/build/CMakeCache.txt" ]; then
        cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >&2
    fi
    cmake --build "$root/build" -j2 >&2
    [ -x "$octavo" ] || die "the build made no $octavo"
fi

# ---- work dir ----------------------------------------------------------
work=$(mktemp -d /tmp/octavo-bench.XXXXXX)
cleanup() {
    if [ "${BENCH_KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Time a private copy: a rebuild of build/octavo during the run (by someone
# else) must neither change the binary being measured nor fail with
# "Text file busy".
cp "$octavo" "$work/octavo"
octavo_src=$octavo
octavo=$work/octavo
"$octavo" --version >/dev/null || die "$octavo_src does not run"

corpus_dir=${BENCH_CORPUS_DIR:-$work/corpus}
mkdir -p "$corpus_dir"
missing=()
for c in "${corpora[@]}"; do
    [ -d "$corpus_dir/$c" ] || missing+=("$c")
done
if [ ${#missing[@]} -gt 0 ]; then
    "$here/make-corpus.sh" "$corpus_dir" "${missing[@]}"
fi

q() { printf '%q' "$1"; }     # quote a path for hyperfine's bash

# ---- header ------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
    echo "## octavo benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores, $ram RAM, $(uname -sr)"
    if [ -n "${OCTAVO:-}" ]; then
        from="OCTAVO=$octavo_src"
    else
        from="$octavo_src, source tree $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
    fi
    echo "- octavo: $("$octavo" --version 2>&1 | head -n 1) ($from, sha256 $(sha256sum "$octavo" | cut -c1-12))"
    if [ $have_pandoc = 1 ]; then echo "- pandoc: $(pandoc --version | head -n 1)"; else echo "- pandoc: not installed"; fi
    if [ $have_calibre = 1 ]; then echo "- calibre: $(ebook-convert --version 2>/dev/null | head -n 1)"; else echo "- calibre: not installed (skipped)"; fi
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews times)"
    echo "- $(hyperfine --version), $(gzip --version | head -n 1); hyperfine --warmup $warmup --runs ${runs:-3 (20 on five)}"
    echo
} | tee -a "${BENCH_RESULTS:-/dev/null}"

# rss_run NAME LOG CMD...: one run under /usr/bin/time -v (timeout for
# pandoc/calibre); prints nothing, returns the command's status.
rss_run() {
    local name=$1 log=$2; shift 2
    local t=()
    [ "$name" = octavo ] || [ "$name" = gzip ] || t=(timeout "$tool_timeout")
    /usr/bin/time -v -o "$log.time" "${t[@]}" "$@" >"$log.out" 2>"$log.err"
}
peak_kb() { sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1.time"; }

# ---- per corpus --------------------------------------------------------
for c in "${corpora[@]}"; do
    src=$corpus_dir/$c
    w=$work/$c
    mkdir -p "$w"
    in_bytes=$(find "$src" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    in_files=$(find "$src" -type f | wc -l)
    say "$c: $in_files files, $in_bytes bytes"

    names=(); cmds=(); : >"$w/rss.tsv"

    # octavo
    say "$c: octavo (peak RSS run)"
    if ! rss_run octavo "$w/octavo" "$octavo" build -q "$src" -o "$w/octavo.epub"; then
        cat "$w/octavo.err" >&2
        die "$c: octavo failed (status in $w/octavo.time)"
    fi
    [ -s "$w/octavo.epub" ] || die "$c: octavo wrote no EPUB"
    if [ -s "$w/octavo.err" ]; then
        say "$c: octavo said (with -q):"; head -n 20 "$w/octavo.err" >&2
    fi
    printf 'octavo\t%s\t%s\n' "$(peak_kb "$w/octavo")" "$(stat -c %s "$w/octavo.epub")" >>"$w/rss.tsv"
    names+=(octavo)
    cmds+=("$(q "$octavo") build -q $(q "$src") -o $(q "$w/octavo-t.epub")")

    # inputs for pandoc and calibre (preparation is not timed)
    if [ "$c" = novel ]; then
        # pandoc reads UTF-8 Markdown: the same novel with "# " before each
        # chapter marker line and a blank line between paragraphs.
        iconv -f GBK -t UTF-8 "$src/novel.txt" |
            sed -e 's/\r$//' -e 's/^\(第[〇零一二两三四五六七八九十百千万0-9]*章[[:space:]]\)/# \1/' -e G \
            >"$w/novel.md"
        pandoc_files=("$w/novel.md")
    else
        pandoc_files=("$src"/*)       # name order (LC_ALL=C)
    fi
    printf '#!/bin/sh\nexec pandoc -f markdown -t epub3 -o %s --metadata title=Bench' \
        "$(q "$w/pandoc.epub")" >"$w/pandoc.sh"
    printf ' %q' "${pandoc_files[@]}" >>"$w/pandoc.sh"
    printf '\n' >>"$w/pandoc.sh"
    sed 's/pandoc\.epub/pandoc-t.epub/' "$w/pandoc.sh" >"$w/pandoc-t.sh"

    pandoc_note=
    if [ $have_pandoc = 0 ]; then
        pandoc_note="pandoc not installed"
    elif [ "$skip_pandoc" = ,all, ] || [[ $skip_pandoc == *",$c,"* ]]; then
        pandoc_note="pandoc skipped (BENCH_SKIP_PANDOC)"
    else
        say "$c: pandoc (peak RSS run, timeout ${tool_timeout}s)"
        if rss_run pandoc "$w/pandoc" bash "$w/pandoc.sh" && [ -s "$w/pandoc.epub" ]; then
            printf 'pandoc\t%s\t%s\n' "$(peak_kb "$w/pandoc")" "$(stat -c %s "$w/pandoc.epub")" >>"$w/rss.tsv"
            names+=(pandoc)
            cmds+=("bash $(q "$w/pandoc-t.sh")")
        else
            st=$?
            [ $st = 124 ] && pandoc_note="pandoc took over ${tool_timeout}s: dropped" ||
                pandoc_note="pandoc failed (status $st): dropped"
            say "$c: $pandoc_note"; tail -n 5 "$w/pandoc.err" >&2 || true
        fi
    fi

    calibre_note=
    if [ $have_calibre = 1 ] && ! { [ "$skip_calibre" = ,all, ] || [[ $skip_calibre == *",$c,"* ]]; }; then
        if [ "$c" = novel ]; then
            cp "$w/novel.md" "$w/book.txt"
        else
            for f in "${pandoc_files[@]}"; do cat "$f"; printf '\n\n'; done >"$w/book.txt"
        fi
        say "$c: calibre (peak RSS run, timeout ${tool_timeout}s)"
        cal=(ebook-convert "$w/book.txt" "$w/calibre.epub" --formatting-type=markdown
             --paragraph-type=block --input-encoding=utf-8 --title=Bench)
        if rss_run calibre "$w/calibre" "${cal[@]}" && [ -s "$w/calibre.epub" ]; then
            printf 'calibre\t%s\t%s\n' "$(peak_kb "$w/calibre")" "$(stat -c %s "$w/calibre.epub")" >>"$w/rss.tsv"
            names+=(calibre)
            cmds+=("ebook-convert $(q "$w/book.txt") $(q "$w/calibre-t.epub") --formatting-type=markdown --paragraph-type=block --input-encoding=utf-8 --title=Bench")
        else
            calibre_note="calibre failed or timed out: dropped"
            say "$c: $calibre_note"
        fi
    fi

    # the gzip -6 bound over octavo's uncompressed contents
    mkdir -p "$w/unz"
    unzip -q "$w/octavo.epub" -d "$w/unz"
    find "$w/unz" -type f -print0 | sort -z | xargs -0 cat >"$w/concat.bin"
    # shellcheck disable=SC2016  # $1 and $2 are the inner sh's arguments
    rss_run gzip "$w/gzip" sh -c 'exec gzip -6 -c "$1" >"$2"' sh "$w/concat.bin" "$w/concat.gz"
    printf 'gzip-6-bound\t%s\t%s\n' "$(peak_kb "$w/gzip")" "$(stat -c %s "$w/concat.gz")" >>"$w/rss.tsv"
    names+=(gzip-6-bound)
    cmds+=("gzip -6 -c $(q "$w/concat.bin") >/dev/null")

    # one hyperfine run over every tool (five is cheap: 20 runs by default)
    r=$runs
    [ -n "$r" ] || { [ "$c" = five ] && r=20 || r=3; }
    hf=(hyperfine --shell=bash --warmup "$warmup" --runs "$r" --style basic
        --export-json "$w/hyperfine.json")
    for i in "${!names[@]}"; do hf+=(-n "${names[$i]}" "${cmds[$i]}"); done
    say "$c: hyperfine over ${names[*]}"
    "${hf[@]}" >&2

    python3 - "$c" "$in_bytes" "$in_files" "$(stat -c %s "$w/concat.bin")" \
        "$w/hyperfine.json" "$w/rss.tsv" "$pandoc_note" "$calibre_note" <<'PYEOF' | tee -a "${BENCH_RESULTS:-/dev/null}"
import json, sys
corpus, in_bytes, in_files, concat, hf, rss, pnote, cnote = sys.argv[1:]
in_bytes, concat = int(in_bytes), int(concat)
mem = {}
for line in open(rss):
    name, kb, size = line.rstrip("\n").split("\t")
    mem[name] = (int(kb), int(size))
res = {r["command"]: r for r in json.load(open(hf))["results"]}
mb = in_bytes / 1e6
print("### %s: %s files, %.2f MB input\n" % (corpus, in_files, mb))
print("| tool | wall time, mean ± σ | MB/s of input | peak RSS | output | time ÷ octavo |")
print("|---|--:|--:|--:|--:|--:|")
def fmt_t(s):
    return "%.1f ms" % (s * 1e3) if s < 1 else "%.2f s" % s
o = res["octavo"]["mean"]
for name, r in res.items():
    kb, size = mem[name]
    print("| %s | %s ± %s | %.1f | %.1f MiB | %.2f MB | %.2f× |" % (
        name, fmt_t(r["mean"]), fmt_t(r["stddev"] or 0.0), mb / r["mean"],
        kb / 1024, size / 1e6, r["mean"] / o))
print()
def x(v):
    return ("%.1f×" if v >= 10 else "%.2f×") % v
line = []
if "pandoc" in res:
    line.append("pandoc/octavo = **%s**" % x(res["pandoc"]["mean"] / o))
if "calibre" in res:
    line.append("calibre/octavo = **%s**" % x(res["calibre"]["mean"] / o))
line.append("octavo/gzip-6 bound = **%s**" % x(o / res["gzip-6-bound"]["mean"]))
print(" · ".join(line))
notes = [n for n in (pnote, cnote) if n]
notes.append("gzip-6-bound: `gzip -6 -c` over octavo's EPUB unzipped and "
             "concatenated (%.2f MB), one core; its MB/s is of the corpus input" % (concat / 1e6))
print()
for n in notes:
    print("- " + n)
print()
PYEOF
done
