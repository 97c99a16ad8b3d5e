#!/usr/bin/env bash
# Refreshes the bundled libturbojpeg.so.0 (x86_64 and aarch64) from Debian 12's libturbojpeg0 packages
# (libjpeg-turbo 2.1.5, BSD-style licence, copied beside them). Run as root on Debian; it adds and then removes
# the arm64 architecture to download that package. Both builds need only libc (GLIBC_2.14 / 2.17 at most),
# so they load on AWS Lambda's Amazon Linux 2023 (glibc 2.34).
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/native"
work=$(mktemp -d)
cd "$work"
dpkg --add-architecture arm64
apt-get update -qq
apt-get download libturbojpeg0:amd64 libturbojpeg0:arm64
dpkg --remove-architecture arm64 || true
for deb in libturbojpeg0_*_amd64.deb libturbojpeg0_*_arm64.deb; do dpkg-deb -x "$deb" x; done
cp -L x/usr/lib/x86_64-linux-gnu/libturbojpeg.so.0 "$out/linux-x86_64/libturbojpeg.so.0"
cp -L x/usr/lib/aarch64-linux-gnu/libturbojpeg.so.0 "$out/linux-aarch64/libturbojpeg.so.0"
cp x/usr/share/doc/libturbojpeg0/copyright "$out/LICENSE-libjpeg-turbo.txt"
rm -rf "$work"
