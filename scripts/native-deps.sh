# Shared by ./arcanum and ./test.sh (sourced, not run): installs the Debian packages Arcanum needs
# when they are missing — with apt-get as root, through sudo otherwise — or says exactly what to do.

# arcanum_ensure_packages PACKAGE... : returns 0 when every package is installed afterwards.
arcanum_ensure_packages() {
  local missing=() package
  if ! command -v dpkg-query >/dev/null 2>&1; then
    return 0 # Not a Debian system: the native-library loader names what is missing at start-up.
  fi
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      echo "arcanum: missing Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi

  echo "arcanum: installing ${missing[*]} with apt-get…" >&2
  local log
  log=$(mktemp)
  if ! { "${as_root[@]}" apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    echo "arcanum: could not install ${missing[*]}; install them yourself: apt-get install ${missing[*]}" >&2
    return 1
  fi
  rm -f "$log"
}

# arcanum_sources_hash : one hash over every file that affects the build (for rebuild-on-change).
arcanum_sources_hash() {
  local paths=() path
  for path in src proto Directory.Build.props Directory.Packages.props global.json .editorconfig; do
    [ -e "$path" ] && paths+=("$path")
  done
  find "${paths[@]}" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 |
    sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}
