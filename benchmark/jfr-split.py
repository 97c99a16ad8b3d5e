#!/usr/bin/env python3
"""Where a Pictor server's CPU time goes, from a JFR recording: samples split by stage and the hottest top frames.

    python3 benchmark/jfr-split.py /tmp/p.jfr [EVENT ...]

EVENT defaults to jdk.CPUTimeSample (JDK 25, Linux: samples on CPU time, including time in native code such as
libjpeg-turbo) when the recording has it, else jdk.ExecutionSample. Record with, for example,
JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile,jdk.CPUTimeSample#enabled=true"
WORKLOADS=fitin1024 CONCURRENCY=1 benchmark/load.sh (the recording is written when the server exits).
A sample's stage is the first frame, from the top of its stack, that names one of the stages below.
"""
import collections
import subprocess
import sys

STAGES = [  # (stage, substrings of a frame), checked from the top frame down
    ("decode (libjpeg-turbo and its native buffers)", ["TurboJpeg.lambda$decode", "TurboJpegCodec.decode", "TurboJpeg.decode"]),
    ("encode", ["TurboJpeg.lambda$encode", "TurboJpegCodec.encode", "TurboJpeg.encode", "java2d.Encoder.", "JPEGImageWriter", "ImageIO.write",
                "WebP", "webp"]),
    ("resample", ["java2d.Resampler.", "vips.VipsCodec.reduce"]),
    ("other pixel work (orient, copies)", ["java2d.", "dev.pictor.edit."]),
    ("read original", ["source.", "Files.readAllBytes", "FileInputStream", "FileChannel"]),
    ("HTTP and the rest of the request", ["jetty", "httpserver", "dev.pictor."]),
]


def samples(path, event):
    out = subprocess.run(["jfr", "print", "--events", event, "--stack-depth", "96", path],
                         capture_output=True, text=True, check=True).stdout
    stack, inside = [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            stack, inside = [], True
        elif inside and s == "]":
            inside = False
            yield stack
        elif inside and s and s != "...":
            stack.append(s)


def stage(stack):
    for frame in stack:
        for name, keys in STAGES:
            if any(k in frame for k in keys):
                return name
    return "outside the request (JIT, GC, idle threads)"


def main():
    path = sys.argv[1]
    events = sys.argv[2:]
    if not events:
        has_cpu = next(samples(path, "jdk.CPUTimeSample"), None) is not None
        events = ["jdk.CPUTimeSample"] if has_cpu else ["jdk.ExecutionSample"]
    for event in events:
        stages, tops, n = collections.Counter(), collections.Counter(), 0
        for st in samples(path, event):
            n += 1
            stages[stage(st)] += 1
            tops[st[0].split("(")[0] if st else "(no stack)"] += 1
        print(f"{event}: {n} samples")
        for name, k in stages.most_common():
            print(f"  {100 * k / max(n, 1):5.1f}%  {name}")
        print("  hottest top frames:")
        for name, k in tops.most_common(15):
            print(f"  {100 * k / max(n, 1):5.1f}%  {name}")


if __name__ == "__main__":
    main()
