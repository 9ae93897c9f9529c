#!/usr/bin/env bash
# The pack benchmark (not a test; CI never runs it). Packs a ~200 MB tree of source-like text and
# random binaries with the engine's TarGzPacker, with `tar czf` and with `tar cf - | pigz`, then
# unpacks the engine's archive with the engine and with `tar xzf`. Prints each run's seconds, the
# median seconds and sizes, and ends with exactly three lines:
#   ratio pack/tar: <median>
#   ratio pack/pigz: <median>
#   ratio unpack/tar: <median>
# Each ratio is the median of the per-run ratios: in a run the tools are timed back to back (in
# alternating order), which cancels the slow drifts of a shared machine.
#
# Caches cannot be dropped here, so everything is warmed up once. Each timed command starts after a
# `sync`, so it does not pay for the previous one's write-back. Unpacks go to fresh directories that
# are deleted only at the end: ext4 creates files slowly for a while after many were deleted
# (its inode allocator skips recently deleted inodes), which would distort the next run.
#
# Usage: bench/pack.sh   (RUNS=5 by default; the tree is generated once into bench/work/ and reused)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/bench/work"
tree="$work/tree"
out="$work/out"
runs=${RUNS:-5}
jar="$root/paasmaker-engine/target/paasmaker-engine.jar"
text_bytes=$((100 * 1024 * 1024))

cd "$root"
if [ ! -f "$jar" ]; then
  echo "building the engine jar"
  mvn -q -pl paasmaker-engine -am package -DskipTests
fi
if ! command -v pigz >/dev/null; then
  echo "installing pigz"
  apt-get update -qq && apt-get install -y -qq pigz >/dev/null
fi

if [ ! -f "$work/tree.done" ]; then
  echo "generating the tree in $tree"
  rm -rf "$tree"
  mkdir -p "$tree"
  java "$root/bench/GenerateSourceTree.java" "$tree/src" "$text_bytes"
  # Incompressible binaries (images, compiled libraries), about as many bytes as the text.
  mkdir -p "$tree/assets" "$tree/bin" "$tree/empty-dir"
  for i in $(seq 1 30); do
    head -c $(( (i % 6 + 1) * 512 * 1024 )) /dev/urandom > "$tree/assets/image$i.bin"
  done
  for i in $(seq 1 8); do
    head -c $(( i * 1536 * 1024 )) /dev/urandom > "$tree/bin/lib$i.so"
  done
  chmod +x "$tree"/bin/*
  ln -s bin/lib1.so "$tree/current-lib"
  touch "$work/tree.done"
fi

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }

pack_engine() { java -cp "$jar" org.paasmaker.engine.pack.PackTool pack "$tree" "$out/engine.tar.gz" >/dev/null; }
pack_tar() { tar czf "$out/tar.tar.gz" -C "$tree" .; }
pack_pigz() { tar cf - -C "$tree" . | pigz > "$out/pigz.tar.gz"; }
unpack_engine() { java -cp "$jar" org.paasmaker.engine.pack.PackTool unpack "$out/engine.tar.gz" "$out/unpacked/engine-$1" >/dev/null; }
unpack_tar() { mkdir "$out/unpacked/tar-$1" && tar xzf "$out/engine.tar.gz" -C "$out/unpacked/tar-$1"; }

# Runs the command after a sync and appends its seconds to $out/<name>.s.
timed() {
  local name=$1 start end
  shift
  sync
  start=$(now)
  "$@"
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }' | tee -a "$out/$name.s"
}

rm -rf "$out"
mkdir -p "$out/unpacked"
echo "tree: $(du -sb "$tree" | cut -f1) bytes in $(find "$tree" -type f | wc -l) files, $(du -sb "$tree/src" | cut -f1) bytes of them text; $(nproc) cores"

# Warm up once: the page cache, and each tool's first start.
pack_engine; pack_tar; pack_pigz; unpack_engine warm-up; unpack_tar warm-up

gzip -t "$out/engine.tar.gz"
entries_listed=$(tar tzf "$out/engine.tar.gz" | wc -l)
entries_tree=$(cd "$tree" && find . -mindepth 1 | wc -l)
if [ "$entries_listed" != "$entries_tree" ]; then
  echo "tar tzf lists $entries_listed entries in the engine's archive, but the tree has $entries_tree" >&2
  exit 1
fi
echo "engine archive: gzip -t passes, tar tzf lists all $entries_listed entries"

for run in $(seq 1 "$runs"); do
  if [ $((run % 2)) = 1 ]; then
    engine=$(timed pack-engine pack_engine); tar=$(timed pack-tar pack_tar); pigz=$(timed pack-pigz pack_pigz)
  else
    pigz=$(timed pack-pigz pack_pigz); tar=$(timed pack-tar pack_tar); engine=$(timed pack-engine pack_engine)
  fi
  echo "pack run $run: engine $engine s, tar czf $tar s, tar cf - | pigz $pigz s"
  ratio "$engine" "$tar" >> "$out/pack-tar.ratios"
  ratio "$engine" "$pigz" >> "$out/pack-pigz.ratios"
done
for run in $(seq 1 "$runs"); do
  if [ $((run % 2)) = 1 ]; then
    engine=$(timed unpack-engine unpack_engine "$run"); tar=$(timed unpack-tar unpack_tar "$run")
  else
    tar=$(timed unpack-tar unpack_tar "$run"); engine=$(timed unpack-engine unpack_engine "$run")
  fi
  echo "unpack run $run: engine $engine s, tar xzf $tar s"
  ratio "$engine" "$tar" >> "$out/unpack-tar.ratios"
done
if ! diff -r "$tree" "$out/unpacked/engine-1" >/dev/null; then
  echo "the tree the engine unpacked differs from the original" >&2
  exit 1
fi
echo "engine unpack: diff -r finds the tree identical"
rm -rf "$out/unpacked"

echo "median pack seconds: engine $(median < "$out/pack-engine.s"), tar czf $(median < "$out/pack-tar.s"), tar cf - | pigz $(median < "$out/pack-pigz.s")"
echo "median unpack seconds: engine $(median < "$out/unpack-engine.s"), tar xzf $(median < "$out/unpack-tar.s")"
echo "sizes in bytes: engine $(stat -c %s "$out/engine.tar.gz"), tar czf $(stat -c %s "$out/tar.tar.gz"), tar cf - | pigz $(stat -c %s "$out/pigz.tar.gz")"
echo "ratio pack/tar: $(median < "$out/pack-tar.ratios")"
echo "ratio pack/pigz: $(median < "$out/pack-pigz.ratios")"
echo "ratio unpack/tar: $(median < "$out/unpack-tar.ratios")"
