# Helpers to build and run OCI images with podman from Debian's packages. Sourced by the scripts in scripts/.

LUNARVOC_IMAGES_DIR="${LUNARVOC_IMAGES_DIR:-/var/tmp/lunarvoc-images}"
LUNARVOC_REGISTRY_PORT="${LUNARVOC_REGISTRY_PORT:-5055}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs podman, podman-compose and the tools that make images, from Debian's packages; sets podman
# to what this kind of machine allows (the runc runtime; resource limits it may lower, not raise).
ensure_podman_installed() {
  local missing=()
  for tool in podman podman-compose debootstrap docker-registry runc; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages..." >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq podman podman-compose debootstrap docker-registry runc >/dev/null
  fi
  if ! grep -q '^# lunarvoc' /etc/containers/containers.conf 2>/dev/null; then
    as_root mkdir -p /etc/containers
    as_root tee -a /etc/containers/containers.conf >/dev/null <<'CONF'
# lunarvoc: crun needs a cgroup layout some machines lack, and raising rlimits needs CAP_SYS_RESOURCE
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
  fi
}

# debian_rootfs DIR PACKAGES: a minimal Debian (bookworm) with these packages, made once and kept.
debian_rootfs() {
  local dir="$1" packages="$2"
  if [ -f "$dir/.complete" ]; then return 0; fi
  as_root rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  echo "Making a Debian root file system in $dir (once)..." >&2
  as_root debootstrap --variant=minbase --include="$packages" bookworm "$dir" "$DEBIAN_MIRROR" >/dev/null
  as_root chroot "$dir" apt-get clean
  as_root rm -rf "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/*
  as_root touch "$dir/.complete"
}

# import_rootfs DIR IMAGE [--change ...]: the folder as a single-layer image in podman.
import_rootfs() {
  local dir="$1" image="$2"; shift 2
  as_root tar --exclude=./.complete -C "$dir" -c . | podman import "$@" - "$image" >/dev/null
}

# With a registry on loopback for the SDK to pull a base from (it reads registries, not podman's store).
start_local_registry() {
  local store="$LUNARVOC_IMAGES_DIR/registry"
  mkdir -p "$store"
  cat > "$LUNARVOC_IMAGES_DIR/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $store
http:
  addr: 127.0.0.1:$LUNARVOC_REGISTRY_PORT
YML
  docker-registry serve "$LUNARVOC_IMAGES_DIR/registry.yml" >"$LUNARVOC_IMAGES_DIR/registry.log" 2>&1 &
  LUNARVOC_REGISTRY_PID=$!
  for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$LUNARVOC_REGISTRY_PORT/v2/" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "The local registry did not start:" >&2; cat "$LUNARVOC_IMAGES_DIR/registry.log" >&2; return 1
}

stop_local_registry() { [ -n "${LUNARVOC_REGISTRY_PID:-}" ] && kill "$LUNARVOC_REGISTRY_PID" 2>/dev/null; wait "${LUNARVOC_REGISTRY_PID:-}" 2>/dev/null || true; }

# The base the SDK builds on here: the libraries a self-contained .NET app needs (Kerberos for Npgsql), and the
# non-root user (1654, "app") .NET's own runtime-deps images have.
make_runtime_deps_base() {
  local dir="$LUNARVOC_IMAGES_DIR/runtime-deps" image="localhost/lunarvoc-runtime-deps:bookworm"
  debian_rootfs "$dir" "ca-certificates,libicu72,libssl3,libgssapi-krb5-2,tzdata,zlib1g,libstdc++6,libgcc-s1"
  if ! grep -q '^app:' "$dir/etc/passwd"; then
    as_root chroot "$dir" groupadd --gid 1654 app
    as_root chroot "$dir" useradd --uid 1654 --gid 1654 --create-home --home-dir /home/app --shell /usr/sbin/nologin app
  fi
  podman image exists "$image" || import_rootfs "$dir" "$image" --change "ENV APP_UID=1654" --change "USER 1654"
}

# One image with PostgreSQL 15, Redis and nginx from Debian's packages: what the deployment's
# supporting services run here, where the official images cannot be pulled.
make_services_image() {
  local dir="$LUNARVOC_IMAGES_DIR/services" image="localhost/lunarvoc-services:bookworm"
  debian_rootfs "$dir" "postgresql-15,redis-server,nginx-light,gettext-base,ca-certificates,curl"
  # The mount point of the database's volume, owned by its user, so a new volume is too.
  as_root mkdir -p "$dir/var/lib/postgresql/data"
  as_root chroot "$dir" chown postgres:postgres /var/lib/postgresql/data
  podman image exists "$image" || import_rootfs "$dir" "$image"
  echo "Loaded $image (PostgreSQL, Redis, nginx)" >&2
}
