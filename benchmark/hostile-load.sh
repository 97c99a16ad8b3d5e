#!/usr/bin/env bash
# A bounded load with hostile requests mixed in, against the local server on loopback. Two runs of DURATION seconds
# (default 60) at CONCURRENCY (default 16) over the same mix of ordinary image URLs: the first alone, the second with
# hostile requests at 5 % of the ordinary ones (decompression bombs, frame bombs, truncated and scan-bombed JPEGs,
# turn chains past the pixel bound, 300-filter URLs, malformed escapes). It reports, for the run with hostile ones:
# errors and non-2xx among the ordinary requests (want 0), 5xx among the hostile ones (want 0), the server's peak
# RSS, its threads and open files before and after, and the ordinary requests' throughput and p99 as ratios to the
# run without hostile ones (want within 20 %).
#   benchmark/hostile-load.sh
#   DURATION=30 CONCURRENCY=8 benchmark/hostile-load.sh
# The server gets the JVM options in JAVA_OPTS (default -Xmx1536m, about a 1,769 MB Lambda's heap). On Debian it
# installs wrk with apt when it is missing. Photos: ../shared/testimages when present (IMAGES= to
# choose), else the bundled samples.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
# shellcheck source=bin/jdk.sh
. bin/jdk.sh
duration=${DURATION:-60}
concurrency=${CONCURRENCY:-16}
port=${PORT:-18090}
images=${IMAGES:-}
if [ -z "$images" ]; then
  if [ -d ../shared/testimages ]; then images=../shared/testimages; else images=image-handler/src/main/resources/samples/images; fi
fi
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v python3 >/dev/null || { echo "python3 is needed for the hostile client" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/root/images"
photos=()
for f in "$images"/*.jpg; do
  cp "$f" "$work/root/images/"
  photos+=("$(basename "$f")")
done
cp image-handler/src/main/resources/samples/images/{logo.png,ball.gif,forest.webp} "$work/root/images/"
python3 - "$work/root/images" "$work/root/images/${photos[0]}" <<'PY'
import struct, sys, zlib, os
out, jpeg = sys.argv[1], open(sys.argv[2], 'rb').read()
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 50000, 50000, 8, 2, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(b'\0' * 65536, 9)) + chunk(b'IEND', b'')
open(os.path.join(out, 'bomb.png'), 'wb').write(png)
gif = b'GIF89a' + struct.pack('<HH', 1, 1) + b'\x80\0\0' + b'\0\0\0\xff\xff\xff'
for w, h in ((1, 1), (46000, 46000)):
    gif += b'\x21\xf9\x04\0\x0a\0\0\0' + b'\x2c' + struct.pack('<HHHH', 0, 0, w, h) + b'\0\x02\x02\x44\x01\0'
open(os.path.join(out, 'frames.gif'), 'wb').write(gif + b'\x3b')
open(os.path.join(out, 'truncated.jpg'), 'wb').write(jpeg[:len(jpeg) // 3])
PY

mvn -q -B -DskipTests -pl image-handler -am package
# JAVA_OPTS holds several options, split on spaces on purpose.
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx1536m} --enable-native-access=ALL-UNNAMED -jar image-handler/target/image-handler.jar --port "$port" \
  --images "$work/root" --watch-uploads false >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/logo.png" && break; sleep 0.2; done

# The ordinary mix: every URL answers 200.
{
  for p in "${photos[@]}"; do
    echo "/unsafe/100x100/$p"
    echo "/unsafe/500x500/$p"
    echo "/unsafe/fit-in/1024x1024/$p"
    echo "/unsafe/500x500/filters:format(webp)/$p"
    echo "/$p?width=300&height=200&grayscale=true"
    echo "/unsafe/300x300/smart/$p"
  done
  echo "/unsafe/200x80/filters:format(png)/logo.png"
  echo "/unsafe/100x100/filters:animated(false)/ball.gif"
  echo "/forest.webp?width=400"
} > "$work/ordinary.txt"
ordinary=$(wc -l < "$work/ordinary.txt")
rotations=$(printf 'rotate(45):%.0s' $(seq 1 12))
filters=$(printf 'blur(150):%.0s' $(seq 1 300))
cat > "$work/hostile.txt" <<EOF
/unsafe/300x300/bomb.png
/unsafe/300x300/frames.gif
/unsafe/300x300/truncated.jpg
/unsafe/8192x8192/filters:${rotations%:}/logo.png
/unsafe/filters:${filters%:}/${photos[0]}
/unsafe/300x300/%ZZ.jpg
/unsafe/300x300/missing.jpg
/${photos[0]}?width=4096&height=4096&rotate=45
EOF
cat > "$work/mix.lua" <<EOF
local paths = {}
for line in io.lines("$work/ordinary.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.2f %.1f %.1f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.requests))
end
EOF

proc_stat() { # threads open-files rss-kb peak-kb
  echo "$(awk '/^Threads/{print $2}' "/proc/$server/status") $(find "/proc/$server/fd" -mindepth 1 2>/dev/null | wc -l)" \
    "$(awk '/^VmRSS/{print $2}' "/proc/$server/status") $(awk '/^VmHWM/{print $2}' "/proc/$server/status")"
}

echo "warming up (20 s, ordinary mix)" >&2
wrk -t2 -c"$concurrency" -d20s -s "$work/mix.lua" "http://127.0.0.1:$port" >/dev/null
before=$(proc_stat)

echo "run 1: ordinary requests alone, ${duration}s at c=$concurrency" >&2
base=$(wrk -t2 -c"$concurrency" -d"${duration}s" --timeout 30s -s "$work/mix.lua" "http://127.0.0.1:$port" | grep RESULT)
base_rps=$(echo "$base" | awk '{print $2}')

echo "run 2: the same with hostile requests at 5 % of them" >&2
rate=$(python3 -c "print(max(0.5, $base_rps * 5 / 95))")
python3 - "$port" "$work/hostile.txt" "$duration" "$rate" >"$work/hostile.out" <<'PY' &
import http.client, sys, time, threading, collections
port, path, duration, rate = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
urls = [l.strip() for l in open(path) if l.strip()]
counts = collections.Counter()
lock = threading.Lock()
def one(url):
    try:
        c = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
        c.request('GET', url)
        r = c.getresponse()
        r.read()
        with lock:
            counts[r.status // 100 * 100] += 1
    except Exception as e:
        with lock:
            counts['error'] += 1
end = time.time() + duration
i = 0
threads = []
while time.time() < end:
    t = threading.Thread(target=one, args=(urls[i % len(urls)],))
    t.start()
    threads.append(t)
    i += 1
    time.sleep(1 / rate)
for t in threads:
    t.join()
print('HOSTILE', i, dict(counts))
PY
hostile_pid=$!
peak_kb=0
(
  while kill -0 "$hostile_pid" 2>/dev/null; do
    awk '/^VmRSS/{print $2}' "/proc/$server/status" >>"$work/rss.txt"
    sleep 1
  done
) &
mixed=$(wrk -t2 -c"$concurrency" -d"${duration}s" --timeout 30s -s "$work/mix.lua" "http://127.0.0.1:$port" | grep RESULT)
wait "$hostile_pid"
sleep 5
after=$(proc_stat)
peak_kb=$(sort -n "$work/rss.txt" | tail -1)

read -r _ b_rps _ b_p99 _ _ _ <<<"$base"
read -r _ m_rps _ m_p99 m_non2xx m_errors m_requests <<<"$mixed"
hostile=$(grep HOSTILE "$work/hostile.out")
echo
echo "ordinary URLs: $ordinary; photos from $images; c=$concurrency; ${duration}s each run"
echo "run 1 (ordinary alone):   $b_rps req/s, p99 $b_p99 ms"
echo "run 2 (with hostile):     $m_rps req/s, p99 $m_p99 ms; $m_requests ordinary requests: $m_non2xx non-2xx, $m_errors socket errors"
echo "hostile requests:         $hostile (status class: count)"
echo "ratios run 2 / run 1:     throughput $(python3 -c "print(round($m_rps / $b_rps, 3))"), p99 $(python3 -c "print(round($m_p99 / $b_p99, 3))")"
echo "server before (threads, open files, RSS kB, peak kB): $before"
echo "server after:                                         $after"
echo "peak RSS during run 2: $((peak_kb / 1024)) MB"
