#!/usr/bin/env bash
# Fetches libvips as sharp ships it (npm package @img/sharp-libvips-linux-<arch>: libvips 8.18.7 with libheif and
# libaom built in, LGPL-3.0; needs glibc 2.28 and libstdc++ GLIBCXX_3.4.22), the optional codec for AVIF. It is
# kept beside the jar as a separate shared library, never inside it, and is not committed. The Maven build runs
# this; without npm or the registry it says so and the build goes on without AVIF, unless PICTOR_REQUIRE_LIBVIPS=1
# (CI), which makes that an error. Usage: fetch-libvips.sh [x64|arm64]
set -euo pipefail
version=1.3.4
if [ "$(uname -s)" != Linux ]; then
  exit 0   # sharp's libvips builds here are for Linux; elsewhere AVIF is off
fi
arch=${1:-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')}
dir="$(cd "$(dirname "$0")" && pwd)/libvips/linux-$(echo "$arch" | sed 's/x64/x86_64/; s/arm64/aarch64/')"
if ls "$dir"/libvips-cpp.so.* >/dev/null 2>&1 && [ -f "$dir/THIRD-PARTY-NOTICES.md" ]; then
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v npm >/dev/null 2>&1 \
    || ! (cd "$work" && npm pack --silent "@img/sharp-libvips-linux-$arch@$version" >/dev/null 2>&1 && tar xzf ./*.tgz); then
  echo "libvips could not be fetched (npm missing or registry unreachable): AVIF is off" >&2
  [ "${PICTOR_REQUIRE_LIBVIPS:-0}" = 1 ] && exit 1
  exit 0
fi
mkdir -p "$dir"
cp "$work"/package/lib/libvips-cpp.so.* "$dir/"
cp "$work"/package/versions.json "$dir/versions.json"
# The package's licensing table (libvips and each library inside it, LGPL-3.0-or-later and others): shipped with it.
cp "$work"/package/README.md "$dir/THIRD-PARTY-NOTICES.md"
echo "libvips for linux-$arch in $dir"
