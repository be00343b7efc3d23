#!/usr/bin/env bash
# HAProxy 3.0 (Debian 13 "trixie"'s package) for the tests' second run, on a Debian 12 machine without installing it:
# the .debs are fetched with apt-get download from a trixie source list that only this script reads (its own
# sourcelist, sourceparts, lists, cache and status files), unpacked with dpkg-deb -x, and the binary is pointed at the
# unpacked loader and libraries with patchelf. A wrapper script would not do: the master re-executes its own
# /proc/self/exe on reload, and that must load the same libraries again.
# Idempotent: a tree whose binary runs and loads only its own libraries is kept.
set -euo pipefail

dest=${1:-/var/cache/lbtop-test/haproxy30}
mirror=${LBTOP_TRIXIE_MIRROR:-http://deb.debian.org/debian}
bin=$dest/usr/sbin/haproxy
libdirs=$dest/lib/x86_64-linux-gnu:$dest/usr/lib/x86_64-linux-gnu
# haproxy's Depends in trixie and theirs, as `apt-cache depends` lists them against trixie's lists (December 2026);
# the check at the end fails by name if trixie ever needs one more.
packages=(haproxy libc6 libcrypt1 libjemalloc2 liblua5.4-0 libopentracing-c-wrapper0t64 libopentracing1
  libpcre2-8-0 libssl3t64 libstdc++6 libgcc-s1 zlib1g libzstd1)

# Every object the binary loads must come from $dest: a library missing there would silently be taken from the
# system's (bookworm's) /lib, which is not what 3.0 was built against.
check() {
  [ -x "$bin" ] || return 1
  local loaded
  loaded=$(LD_TRACE_LOADED_OBJECTS=1 "$bin" 2>&1) || { printf '%s\n' "$loaded" >&2; return 1; }
  local foreign
  foreign=$(printf '%s\n' "$loaded" | grep -v -e 'linux-vdso' -e "=> $dest/" -e "^[[:space:]]*$dest/" || true)
  if [ -n "$foreign" ]; then
    printf 'haproxy30: libraries not from %s:\n%s\n' "$dest" "$foreign" >&2
    return 1
  fi
  # Not `"$bin" -v | grep -q`: grep leaving early would SIGPIPE haproxy, and pipefail would call that a failure.
  local version
  version=$("$bin" -v) || return 1
  [[ $version == "HAProxy version 3.0."* ]]
}

if check 2>/dev/null; then
  echo "haproxy30: $("$bin" -v | sed -n 1p) already at $dest"
  exit 0
fi

command -v patchelf >/dev/null || apt-get install -y -qq --no-install-recommends patchelf >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
touch "$work/status"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$work/sources.list"
apt_trixie=(-o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::lists="$work/lists"
  -o Dir::Cache="$work/cache" -o Dir::State::status="$work/status" -o APT::Sandbox::User=root -qq)
apt-get "${apt_trixie[@]}" update
(cd "$work/debs" && apt-get "${apt_trixie[@]}" download "${packages[@]}")

rm -rf "$dest.new"
mkdir -p "$dest.new"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$dest.new"; done
# Built for $dest, not $dest.new: the paths are final once the tree is renamed below.
patchelf --set-interpreter "$dest/lib64/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$libdirs" \
  "$dest.new/usr/sbin/haproxy"
# Debian 13 is merged-/usr: lib64 and lib are symlinks only in the base-files package, which is not unpacked.
[ -e "$dest.new/lib64" ] || ln -s usr/lib64 "$dest.new/lib64"
[ -e "$dest.new/lib" ] || ln -s usr/lib "$dest.new/lib"
rm -rf "$dest"
mv "$dest.new" "$dest"
check || { echo "haproxy30: the unpacked $bin does not run as HAProxy 3.0 on its own libraries" >&2; exit 1; }
echo "haproxy30: $("$bin" -v | sed -n 1p) unpacked at $dest"
