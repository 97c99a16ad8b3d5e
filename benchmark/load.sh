#!/usr/bin/env bash
# Load benchmark: Pictor's local server against a sharp (libvips) reference server, the same Thumbor URLs on the
# same full-size JPEG photos, both reading the original from disk on every request and caching no result, driven
# by wrk on 127.0.0.1 in alternation (A B A B ...). Prints requests/s and latency ratios per workload and
# concurrency, then bytes and SSIM per image against a neutral ImageMagick reference.
#
#   benchmark/load.sh                      # everything, about 15 minutes on 2 cores
#   DURATION=5 ROUNDS=3 benchmark/load.sh  # shorter rounds
#   WORKLOADS="avif500 smart500" benchmark/load.sh  # the AVIF encoder and the smart crop (not in the default set)
#
# Settings (environment): IMAGES (folder of photos, default ../shared/testimages), DURATION (seconds a run, 10),
# ROUNDS (3), CONCURRENCY ("1 4"), WORKLOADS (names from the table below, default all), SHARP_VERSION (0.35.5),
# PICTOR_OPTS (extra flags for Pictor's server, e.g. "--native-codecs false"), JVM_OPTS (extra flags for Pictor's
# JVM, e.g. "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" for Lambda's java25 JIT settings without SnapStart).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
images=${IMAGES:-$top/../shared/testimages}
duration=${DURATION:-10}
rounds=${ROUNDS:-3}
concurrencies=${CONCURRENCY:-"1 4"}
sharp_version=${SHARP_VERSION:-0.35.5}
declare -A paths=(
  [thumb100]="/unsafe/100x100/"
  [cover500]="/unsafe/500x500/"
  [fitin1024]="/unsafe/fit-in/1024x1024/"
  [webp500]="/unsafe/500x500/filters:format(webp)/"
  [grayblur500]="/unsafe/500x500/filters:grayscale():blur(5)/"
  [q80_500]="/unsafe/500x500/filters:quality(80)/"
  [avif500]="/unsafe/500x500/filters:format(avif)/"
  [smart500]="/unsafe/500x500/smart/"
)
order=${WORKLOADS:-"thumb100 cover500 fitin1024 webp500 grayblur500 q80_500"}

. "$top/bin/jdk.sh"
need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need convert || ! need curl || ! need bc; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq wrk imagemagick curl bc >/dev/null
  else
    echo "needs wrk, imagemagick and curl (apt-get install wrk imagemagick curl bc)" >&2
    exit 1
  fi
fi
need node || { echo "needs Node.js and npm for the sharp reference" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/root/images"
photos=""
for f in "$images"/*.jpg; do
  name=$(basename "$f")
  case "$name" in *cmyk*) continue ;; esac   # the plain JPEG photos, as the issue's workloads name them
  cp "$f" "$work/root/images/"
  photos="$photos $name"
done
echo "photos:$photos"

echo "building Pictor ..."
(cd "$top" && mvn -q -B -DskipTests package)
echo "installing sharp $sharp_version into $work/node ..."
mkdir -p "$work/node"
cp "$here/sharp-server.mjs" "$work/node/"
(cd "$work/node" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "sharp@$sharp_version")

port_a=18080
port_b=18081
# PICTOR_OPTS and JVM_OPTS hold extra flags, split on spaces on purpose.
# shellcheck disable=SC2086
java ${JVM_OPTS:-} --enable-native-access=ALL-UNNAMED -jar "$top/image-handler/target/image-handler.jar" --port $port_a \
  --images "$work/root" ${PICTOR_OPTS:-} >"$work/pictor.log" 2>&1 &
pids+=($!)
pictor_pid=$!
(cd "$work/node" && exec node sharp-server.mjs "$work/root/images" $port_b) >"$work/sharp.log" 2>&1 &
pids+=($!)
sharp_pid=$!
for port in $port_a $port_b; do
  # The first photo (the list starts with a space): a URL that answers 200 once the server is up.
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/unsafe/10x10/$(echo "$photos" | awk '{print $1}')" && break; sleep 0.2; done
done
grep -m1 "image engine" "$work/pictor.log" || true
echo "Pictor JVM_OPTS: ${JVM_OPTS:-(none)}"

echo "warming up ..."
for w in $order; do
  for name in $photos; do
    for _ in 1 2 3; do
      curl -sf -o /dev/null "http://127.0.0.1:$port_a${paths[$w]}$name"
      curl -sf -o /dev/null "http://127.0.0.1:$port_b${paths[$w]}$name"
    done
  done
done

# A server's CPU time so far (all its threads: libvips' workers too), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_s=$(getconf CLK_TCK)
run() { # port server-pid workload connections -> "rps p50 p99 errors cpu-ms-per-request"
  local before result rps
  before=$(cpu_ticks "$2")
  result=$(WORKLOAD="${paths[$3]}" IMAGES="$photos" wrk -t1 -c"$4" -d"${duration}s" --timeout 60s -s "$here/cycle.lua" \
    "http://127.0.0.1:$1" | sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p99=\([^ ]*\) errors=\([^ ]*\).*/\1 \2 \3 \4/p')
  rps=${result%% *}
  echo "$result $(echo "($(cpu_ticks "$2") - $before) * 1000 / $ticks_per_s / ($rps * $duration)" | bc -l)"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

results="$work/results.txt"
: >"$results"
for w in $order; do
  for c in $concurrencies; do
    for r in $(seq 1 "$rounds"); do
      read -r rps p50 p99 err cpu <<<"$(run $port_a $pictor_pid "$w" "$c")"
      echo "$w $c pictor $rps $p50 $p99 $err $cpu" >>"$results"
      read -r rps p50 p99 err cpu <<<"$(run $port_b $sharp_pid "$w" "$c")"
      echo "$w $c sharp $rps $p50 $p99 $err $cpu" >>"$results"
      echo "  $w c=$c round $r done"
    done
  done
done

echo
echo "Medians of $rounds alternating rounds of ${duration}s; ratios are Pictor / sharp (throughput: higher is better;"
echo "latency: lower is better). $(date -u +%Y-%m-%dT%H:%MZ), $(java -version 2>&1 | head -1), sharp $sharp_version, $(nproc) cores."
printf "%-12s %3s | %9s %9s %6s | %8s %8s %6s | %8s %8s %6s | %s\n" workload c "P req/s" "S req/s" ratio \
  "P p50ms" "S p50ms" ratio "P p99ms" "S p99ms" ratio errors
for w in $order; do
  for c in $concurrencies; do
    stat() { awk -v w="$w" -v c="$c" -v s="$1" -v f="$2" '$1==w && $2==c && $3==s {print $f}' "$results" | median; }
    errs=$(awk -v w="$w" -v c="$c" '$1==w && $2==c {e+=$7} END {print e+0}' "$results")
    pr=$(stat pictor 4); sr=$(stat sharp 4); p50a=$(stat pictor 5); p50b=$(stat sharp 5)
    p99a=$(stat pictor 6); p99b=$(stat sharp 6)
    printf "%-12s %3s | %9.2f %9.2f %6.2f | %8.1f %8.1f %6.2f | %8.1f %8.1f %6.2f | %s\n" "$w" "$c" "$pr" "$sr" \
      "$(echo "$pr / $sr" | bc -l)" "$p50a" "$p50b" "$(echo "$p50a / $p50b" | bc -l)" \
      "$p99a" "$p99b" "$(echo "$p99a / $p99b" | bc -l)" "$errs"
  done
done

echo
echo "CPU time per request: the server process's user + system time over the run (every thread, libvips' workers"
echo "included) divided by the requests it answered; medians. What a Lambda invocation is billed for, near enough."
printf "%-12s %3s | %10s %10s %6s\n" workload c "P CPU ms" "S CPU ms" ratio
for w in $order; do
  for c in $concurrencies; do
    pc=$(awk -v w="$w" -v c="$c" '$1==w && $2==c && $3=="pictor" {print $8}' "$results" | median)
    sc=$(awk -v w="$w" -v c="$c" '$1==w && $2==c && $3=="sharp" {print $8}' "$results" | median)
    printf "%-12s %3s | %10.1f %10.1f %6.2f\n" "$w" "$c" "$pc" "$sc" "$(echo "$pc / $sc" | bc -l)"
  done
done

echo
echo "Output bytes and SSIM against an ImageMagick rendering (Lanczos, lossless), per image:"
# AVIF has no decoder in this ImageMagick, and smart windows differ by design: neither is compared.
for w in $(echo "$order" | tr ' ' '\n' | grep -v -e avif500 -e smart500); do
  mkdir -p "$work/out/pictor/$w" "$work/out/sharp/$w" "$work/out/reference/$w"
  for name in $photos; do
    curl -sf -o "$work/out/pictor/$w/$name" "http://127.0.0.1:$port_a${paths[$w]}$name"
    curl -sf -o "$work/out/sharp/$w/$name" "http://127.0.0.1:$port_b${paths[$w]}$name"
    src="$work/root/images/$name"
    ref="$work/out/reference/$w/$name.png"
    case $w in
      thumb100) convert "$src" -auto-orient -filter Lanczos -resize '100x100^' -gravity center -extent 100x100 "$ref" ;;
      fitin1024) convert "$src" -auto-orient -filter Lanczos -resize '1024x1024>' "$ref" ;;
      grayblur500) convert "$src" -auto-orient -filter Lanczos -resize '500x500^' -gravity center -extent 500x500 \
        -grayscale Rec709Luma -gaussian-blur 0x5 "$ref" ;;
      *) convert "$src" -auto-orient -filter Lanczos -resize '500x500^' -gravity center -extent 500x500 "$ref" ;;
    esac
  done
done
if [ -d "$work/out" ]; then
  java --enable-native-access=ALL-UNNAMED -cp "$top/benchmark/target/benchmarks.jar" dev.pictor.benchmark.CompareOutputs "$work/out"
fi
