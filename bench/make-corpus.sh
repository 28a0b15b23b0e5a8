#!/bin/sh
# make-corpus.sh — build the benchmark corpora of issue #8 from seeds/.
#
# Usage: bench/make-corpus.sh OUTDIR [five] [1k] [10k] [novel]
#
# With no corpus names, all four are made. Each named corpus is written to
# OUTDIR/<name>/ (an existing OUTDIR/<name>/ is replaced):
#
#   five/   the five seed articles, copied byte for byte
#   1k/     1,000 Markdown chapters ch0001.md ... (~8 MB of UTF-8 Chinese)
#   10k/    10,000 Markdown chapters ch00001.md ... (~80 MB)
#   novel/  novel.txt: one ~50 MB plain-text novel in GBK, CRLF line ends,
#           one paragraph per line, "第N章 标题" chapter marker lines
#
# The output is deterministic: chapter N is the same text in 1k and 10k and
# on every run, on any Python 3 (only random.Random(int).random() is used,
# whose sequence Python guarantees across versions). Needs python3 only.
set -eu

usage() {
    echo "usage: $0 OUTDIR [five] [1k] [10k] [novel]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
case $1 in -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
seeds=$(cd "$here/.." && pwd)/seeds
[ -d "$seeds" ] || { echo "$0: no seeds folder at $seeds" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "$0: python3 is needed" >&2; exit 1; }

outdir=$1
shift
for c in "$@"; do
    case $c in five|1k|10k|novel) ;; *) echo "$0: unknown corpus '$c'" >&2; usage ;; esac
done
mkdir -p "$outdir"

exec python3 - "$seeds" "$outdir" "$@" <<'PYEOF'
import os, re, random, shutil, sys, time

seeds_dir, out_dir = sys.argv[1], sys.argv[2]
wanted = sys.argv[3:] or ["five", "1k", "10k", "novel"]

seed_files = sorted(f for f in os.listdir(seeds_dir)
                    if os.path.isfile(os.path.join(seeds_dir, f)))

# ---- the pool: paragraphs and titles taken from the seed articles ---------
paras, titles = [], []
PUNCT = set("，。、；：？！,.;:?!…“”\"「」（）()")
for name in seed_files:
    with open(os.path.join(seeds_dir, name), encoding="utf-8") as fh:
        lines = fh.read().replace("\r\n", "\n").split("\n")
    i = 0
    if lines and lines[0].strip() == "---":          # YAML front matter
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        i += 1
    for raw in lines[i:]:
        s = raw.strip()
        if not s or s == "---" or s.startswith(">") or s.startswith("|"):
            continue
        if s.startswith("#"):
            t = s.lstrip("#").strip()
            if t:
                titles.append(t)
            continue
        if len(s) <= 16 and not any(ch in PUNCT for ch in s):
            titles.append(s)                          # a plain-text heading
            continue
        paras.append(s)
# Titles: short ones only, without Markdown or sentence punctuation.
titles = [re.sub(r"[*`#\[\]]", "", t) for t in titles]
titles = [t.split("：")[0].split(":")[0].strip() for t in titles]
titles = sorted(set(t for t in titles if 1 < len(t) <= 16)) or ["无题"]
if not paras:
    sys.exit("make-corpus: no paragraphs found in " + seeds_dir)

def pick(rng, n):
    return int(rng.random() * n)

def chapter_paras(n, target):
    """Paragraph indices for chapter n, about `target` UTF-8 bytes."""
    rng = random.Random(1000003 * n + 17)
    out, size, last = [], 0, -1
    while size < target:
        k = pick(rng, len(paras))
        if k == last:
            k = (k + 1) % len(paras)
        out.append(k)
        size += para_len[k] + 2
        last = k
    return rng, out

para_len = [len(p.encode("utf-8")) for p in paras]

def write(path, data):
    with open(path, "wb") as fh:
        fh.write(data)

def fresh(name):
    d = os.path.join(out_dir, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    return d

# ---- five: the seeds as they are ------------------------------------------
def make_five():
    d = fresh("five")
    for name in seed_files:
        shutil.copyfile(os.path.join(seeds_dir, name), os.path.join(d, name))
    return len(seed_files)

# ---- 1k / 10k: Markdown chapters ------------------------------------------
def md_chapter(n):
    # 5.5-9.5 KB of paragraphs per chapter, about 8 KB on average.
    target = 5500 + (n * 7919) % 4001
    rng, idx = chapter_paras(n, target)
    parts = ["# 第%d章 %s\n" % (n, titles[pick(rng, len(titles))])]
    every = 5 + pick(rng, 6)                  # a ## section every 5-10 paragraphs
    for j, k in enumerate(idx):
        if j and j % every == 0:
            parts.append("## %s\n" % titles[pick(rng, len(titles))])
        parts.append(paras[k] + "\n")
    return "\n".join(parts).encode("utf-8")

def make_chapters(name, count):
    d = fresh(name)
    width = max(4, len(str(count)))
    total = 0
    for n in range(1, count + 1):
        data = md_chapter(n)
        write(os.path.join(d, "ch%0*d.md" % (width, n)), data)
        total += len(data)
    return total

# ---- novel: one GBK plain-text file ---------------------------------------
DIG = "零一二三四五六七八九"
def cn_num(n):
    """Chinese numerals for 1..99999 (第一百零一章, 第一千二百三十四章)."""
    if n < 10:
        return DIG[n]
    if n < 20:
        return "十" + (DIG[n - 10] if n > 10 else "")
    units = ["", "十", "百", "千", "万"]
    s, zero = "", False
    digits = str(n)
    L = len(digits)
    for i, ch in enumerate(digits):
        d, u = int(ch), units[L - 1 - i]
        if d == 0:
            zero = True
            continue
        if zero and s:
            s += "零"
        s += DIG[d] + u
        zero = False
    return s

def plain(p):
    p = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", p)   # links -> their text
    p = p.replace("**", "").replace("`", "")
    p = re.sub(r"^(\d+)\. ", r"\1、", p)
    return p

def make_novel(target_bytes=50_000_000):
    d = fresh("novel")
    nl = b"\r\n"
    gbk = [("\u3000\u3000" + plain(p)).encode("gbk", errors="ignore") for p in paras]
    tit = [t.encode("gbk", errors="ignore") for t in titles]
    out = ["书名：留下的代价".encode("gbk"), "作者：octavo bench".encode("gbk"), b""]
    size = sum(len(x) + 2 for x in out)
    n = 0
    while size < target_bytes:
        n += 1
        rng, idx = chapter_paras(n, 9000 + (n * 7919) % 6001)
        head = ("第%s章 " % cn_num(n)).encode("gbk") + tit[pick(rng, len(tit))]
        out.append(head)
        size += len(head) + 2
        for k in idx:
            out.append(gbk[k])
            size += len(gbk[k]) + 2
        out.append(b"")
        size += 2
    write(os.path.join(d, "novel.txt"), nl.join(out) + nl)
    return n

for c in wanted:
    t0 = time.time()
    if c == "five":
        info = "%d files" % make_five()
    elif c in ("1k", "10k"):
        count = 1000 if c == "1k" else 10000
        info = "%d chapters, %.1f MB" % (count, make_chapters(c, count) / 1e6)
    else:
        n = make_novel()
        size = os.path.getsize(os.path.join(out_dir, "novel", "novel.txt"))
        info = "%d chapters, %.1f MB GBK" % (n, size / 1e6)
    print("make-corpus: %-5s %s (%.1f s) -> %s" % (
        c, info, time.time() - t0, os.path.join(out_dir, c)), file=sys.stderr)
PYEOF
