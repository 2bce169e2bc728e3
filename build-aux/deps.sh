# Sourced by run-tests and run-demo: the one list of Debian packages the
# project needs to build, test and run, and the function that installs
# whatever of it is missing.

MFA_DEBIAN_PACKAGES=(
  # build
  meson ninja-build pkg-config gcc g++ gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libsqlite3-dev libphonenumber-dev libcrypt-dev
  # run
  iso-codes
  # validators
  desktop-file-utils appstream
  # renders the status icon at build time
  librsvg2-bin
  # headless session for tests and screenshots
  xvfb xauth dbus dbus-x11 gnome-keyring at-spi2-core
  # tests
  curl python3 python3-jsonschema python3-yaml
  # reads back the text of printed PDFs
  ghostscript
)

# Installs what is missing of the packages given, by default of the list above.
mfa_install_deps ()
{
  local missing=()
  local pkg

  if [ $# -eq 0 ]; then
    set -- "${MFA_DEBIAN_PACKAGES[@]}"
  fi
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
      missing+=("$pkg")
    fi
  done

  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root, or install these packages first." >&2
    return 1
  fi

  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds the tree in $1.
mfa_build ()
{
  local top="$1" builddir="$2"
  shift 2

  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$top" "$@"
  fi
  ninja -C "$builddir" -j2
}

# Only for build-aux/run-fuzz: clang and its libFuzzer runtime (Debian 12:
# clang 14, whose runtime libraries are in libclang-rt-14-dev).
MFA_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

mfa_install_fuzz_deps ()
{
  mfa_install_deps "${MFA_FUZZ_PACKAGES[@]}"
}
