#!/usr/bin/env bash
# Cold start: process start to first image, Pictor's image function against Node + sharp, each a fresh process that
# renders one ~6 MP JPEG to 500x500 (cover, JPEG quality 80) once and exits, timed from outside (wall time of the
# whole process). Three variants, run in alternation (A B C A B C ...):
#
#   pictor      the image function as Lambda's java25 runtime starts it without SnapStart: JDK 25, its JIT and GC
#               flags (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC), the deployment package unzipped as in /var/task;
#               a fresh JVM builds dev.pictor.lambda.ImageHandler (its init phase, configured by the environment,
#               images from a local folder instead of S3) and answers one function URL event (ColdStart.java).
#   pictor-aot  the same with a JDK 25 AOT cache, made first by one training run (-XX:AOTCacheOutput) of the same
#               command, then required (-XX:AOTMode=on -XX:AOTCache).
#   sharp       Node + sharp doing the same work in a fresh node process (cold-start-sharp.mjs).
#
# Two more, for looking into the init phase (CASES="pictor pictor-steps pictor-noprime sharp"):
#   pictor-steps    the same handler built one part at a time as Functions does (Jackson's first use, the
#                   configuration, the engine, the parts, the SnapStart priming registration, the service), each
#                   part's median printed (ColdStart.java says how);
#   pictor-noprime  the same without the priming registration (it serves SnapStart only).
#
# Not included on either side: Lambda's runtime client (taking the event from the Runtime API, its JSON), S3.
# Each Java run prints when main() began, when the handler was built and when the image was answered, and the Node
# script likewise (sharp imported, image encoded), so that the wall time is split into start-up, init, first image
# and exit.
#
#   benchmark/cold-start.sh                 # 10 rounds, under a minute on 2 cores, plus the build and npm install
#   ROUNDS=5 benchmark/cold-start.sh
#   IMAGE=photo.jpg benchmark/cold-start.sh # another JPEG instead of the generated one
#
# Settings (environment): ROUNDS (10), CASES ("pictor pictor-aot sharp"; sharp, the reference, always runs),
# IMAGE (a JPEG; default: the bundled bird.jpg upscaled with Lanczos-3 to 3264x1836, 5.99 MP, JPEG quality 90, by
# sharp, the same bytes every time), SHARP_VERSION (0.35.5), BUILD (auto: build lambda-zip and benchmark with Maven
# when their outputs are missing or older than the sources; 0: never).
# Needs JDK 25 (bin/jdk.sh finds it), Maven, Node 20 and npm (sharp is installed into a temporary folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
rounds=${ROUNDS:-10}
variants=${CASES:-"pictor pictor-aot sharp"}
case " $variants " in *" sharp "*) ;; *) variants="$variants sharp" ;; esac
sharp_version=${SHARP_VERSION:-0.35.5}
. "$top/bin/jdk.sh"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "needs Node.js and npm for sharp" >&2
  exit 1
fi
[ "$rounds" -ge 1 ] 2>/dev/null || { echo "ROUNDS must be a positive number" >&2; exit 1; }

arch=$(uname -m)   # x86_64 or aarch64, as the deployment packages are named
zip="$top/lambda-zip/target/pictor-lambda-$arch.zip"
main_class="$top/benchmark/target/classes/dev/pictor/benchmark/ColdStart.class"
stale() {
  [ ! -f "$zip" ] || [ ! -f "$main_class" ] || [ -n "$(find "$top/pom.xml" "$top/image-handler/pom.xml" \
    "$top/lambda-zip/pom.xml" "$top/benchmark/pom.xml" "$top/url-signer/src/main" "$top/image-handler/src/main" \
    "$top/benchmark/src/main" \( -newer "$zip" -o -newer "$main_class" \) -print -quit)" ]
}
if [ "${BUILD:-auto}" != 0 ] && stale; then
  echo "building the deployment package and the benchmark classes ..."
  (cd "$top" && mvn -q -B -DskipTests package -pl lambda-zip,benchmark -am)
fi
if [ ! -f "$zip" ] || [ ! -f "$main_class" ]; then
  echo "missing $zip or $main_class: run mvn -B -q package -DskipTests" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The function's code as Lambda lays it out (/var/task), and the benchmark's main class beside it in a jar: an AOT
# cache wants a class path of jars only.
mkdir -p "$work/task"
(cd "$work/task" && jar xf "$zip")
jar --create --file "$work/task/lib/cold-start.jar" -C "$top/benchmark/target/classes" \
  dev/pictor/benchmark/ColdStart.class
classpath="$work/task/lib/pictor.jar:$work/task/lib/cold-start.jar"

echo "installing sharp $sharp_version into $work/node ..."
mkdir -p "$work/node"
cp "$here/cold-start-sharp.mjs" "$work/node/"
npm install --prefix "$work/node" --no-audit --no-fund --silent "sharp@$sharp_version" >/dev/null

# The images folder: its top-level folders are buckets, "images" the default one.
mkdir -p "$work/images/images"
photo="$work/images/images/photo.jpg"
if [ -n "${IMAGE:-}" ]; then
  cp "$IMAGE" "$photo"
else
  (cd "$work/node" && node --input-type=module -e "
    import sharp from 'sharp';
    await sharp(process.argv[1]).resize(3264, 1836, { kernel: 'lanczos3' })
      .jpeg({ quality: 90, chromaSubsampling: '4:2:0' }).toFile(process.argv[2]);" \
    "$top/image-handler/src/main/resources/samples/images/bird.jpg" "$photo")
fi
(cd "$work/node" && node --input-type=module -e "
  import sharp from 'sharp';
  import { statSync } from 'node:fs';
  const m = await sharp(process.argv[1]).metadata();
  console.log('image: ' + m.width + 'x' + m.height + ', ' + statSync(process.argv[1]).size + ' bytes, '
    + (m.isProgressive ? 'progressive' : 'baseline') + ', chroma ' + m.chromaSubsampling);" "$photo")

# Every process gets a clean environment (none of Pictor's settings or JAVA_TOOL_OPTIONS from this shell): what Lambda
# sets (its name makes Config say "on Lambda"; LAMBDA_TASK_ROOT is where the engine looks for libvips), and the one
# setting that replaces S3 with the folder. The stack's JAVA_TOOL_OPTIONS is a flag here (the same, without its notice).
clean=(env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 TZ=UTC AWS_LAMBDA_FUNCTION_NAME=pictor-cold-start
  LAMBDA_TASK_ROOT="$work/task" IMAGES_DIR="$work/images")
cd "$work/task"
jvm=("${clean[@]}" java --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath")
main=dev.pictor.benchmark.ColdStart

case " $variants " in
  *" pictor-aot "*)
    echo "training the AOT cache (one run of the same command) ..."
    "${jvm[@]}" -XX:AOTCacheOutput="$work/pictor.aot" "$main" photo.jpg >"$work/train.log" 2>&1 \
      || { cat "$work/train.log" >&2; exit 1; }
    echo "AOT cache: $(( $(stat -c %s "$work/pictor.aot") / 1048576 )) MiB"
    ;;
esac

now() { local t=$EPOCHREALTIME; echo "${t//[!0-9]/}"; }   # microseconds, without forking
results="$work/results.txt"
: >"$results"
run() { # variant round -> one line in results: variant wall start-up init first-image exit (microseconds)
  local log="$work/$1.log" start end
  start=$(now)
  case $1 in
    pictor) "${jvm[@]}" "$main" photo.jpg >"$log" 2>&1 ;;
    pictor-aot) "${jvm[@]}" -XX:AOTMode=on -XX:AOTCache="$work/pictor.aot" "$main" photo.jpg >"$log" 2>&1 ;;
    pictor-steps) "${jvm[@]}" "$main" photo.jpg steps >"$log" 2>&1 ;;
    pictor-noprime) "${jvm[@]}" "$main" photo.jpg no-priming >"$log" 2>&1 ;;
    sharp) "${clean[@]}" node "$work/node/cold-start-sharp.mjs" "$photo" >"$log" 2>&1 ;;
    *) echo "unknown variant $1" >&2; exit 1 ;;
  esac
  end=$(now)
  local line
  line=$(grep '^COLDSTART ' "$log") || { echo "$1 printed no result:" >&2; cat "$log" >&2; exit 1; }
  local t_main t_built t_answered
  read -r _ t_main t_built t_answered _ <<<"$line"   # COLDSTART main=... built=... answered=... bytes=...
  t_main=${t_main#main=} t_built=${t_built#built=} t_answered=${t_answered#answered=}
  echo "$1 $2 $((end - start)) $((t_main - start)) $((t_built - t_main)) $((t_answered - t_built))" \
    "$((end - t_answered))" >>"$results"
  if [[ $line == *" steps="* ]] && [ "$2" -gt 0 ]; then   # name:ms,name:ms,...
    tr ',' '\n' <<<"${line##* steps=}" | sed "s/^/$1 /; s/:/ /" >>"$work/steps.txt"
  fi
  printf "  round %2s %-14s %6d ms\n" "$2" "$1" "$(((end - start) / 1000))"
}

for variant in $variants; do run "$variant" 0 >/dev/null; done   # warm-up (disk cache): not counted
echo "outputs: $(for v in $variants; do echo -n "$v $(grep -o 'bytes=[0-9]* type=[^ ]*' "$work/$v.log")  "; done)"
for r in $(seq 1 "$rounds"); do
  for variant in $variants; do run "$variant" "$r"; done
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
field() { awk -v v="$1" -v f="$2" '$1==v && $2>0 {print $f / 1000}' "$results"; }
sharp_median=$(field sharp 3 | median)
echo
echo "Cold start, process start to first image and exit, $rounds alternating rounds; $(date -u +%Y-%m-%dT%H:%MZ)," \
  "$(java -version 2>&1 | sed -n 's/.*Runtime Environment \(.*\)/\1/p'), node $(node --version)," \
  "sharp $sharp_version," \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Wall times in ms (median, min-max); ratio: median / sharp's median; iqr: the middle half of the runs (first to"
echo "third quartile, nearest rank) as a share of the median; phases: medians, each its own."
quartile() { sort -g | awk -v q="$1" '{a[NR]=$1} END {r=q*NR; i=int(r)+(r>int(r)); print a[i<1?1:i]}'; }
printf "%-14s %7s %15s %6s %5s | %9s %7s %11s %6s\n" variant median min-max ratio iqr start-up init first-image exit
for v in $variants; do
  med=$(field "$v" 3 | median)
  lo=$(field "$v" 3 | quartile 0)
  hi=$(field "$v" 3 | quartile 1)
  iqr=$(awk -v a="$(field "$v" 3 | quartile 0.25)" -v b="$(field "$v" 3 | quartile 0.75)" -v m="$med" \
    'BEGIN {print (b - a) / m * 100}')
  ratio=$(awk -v a="$med" -v b="$sharp_median" 'BEGIN {print a / b}')
  printf "%-14s %7.0f %7.0f-%-7.0f %6.2f %4.0f%% | %9.0f %7.0f %11.0f %6.0f\n" "$v" "$med" "$lo" "$hi" "$ratio" \
    "$iqr" "$(field "$v" 4 | median)" "$(field "$v" 5 | median)" "$(field "$v" 6 | median)" \
    "$(field "$v" 7 | median)"
  if awk -v s="$iqr" 'BEGIN {exit !(s > 30)}'; then
    echo "  ($v: the middle half of its runs spans over 30% of the median: a disturbed run? repeat it)"
  fi
done
if [ -f "$work/steps.txt" ]; then
  echo "init, part by part (medians, ms):"
  while read -r v part; do
    printf "  %-14s %-8s %5.0f\n" "$v" "$part" "$(awk -v v="$v" -v p="$part" '$1==v && $2==p {print $3}' \
      "$work/steps.txt" | median)"
  done < <(awk '!seen[$1" "$2]++ {print $1, $2}' "$work/steps.txt")
fi
echo "start-up: process start to main() (Node: to the script's first line); init: the handler built (Node: sharp"
echo "imported); first-image: the event answered, image read, decoded, resized, encoded (and base64 for Lambda); exit."
