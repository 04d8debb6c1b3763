#!/usr/bin/env bash
# Builds the LunarVoc OCI image with the .NET SDK's own container support (no Dockerfile) and
# loads it into podman as localhost/lunarvoc:latest and localhost/lunarvoc:VERSION.
#
# The base is a parameter (a runtime-deps image: the API is published self-contained):
#   LUNARVOC_BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0 scripts/build-image.sh
# Without it, that base is used when mcr.microsoft.com answers; otherwise a runtime-deps base is
# made here from Debian's packages (once, kept under /var/tmp/lunarvoc-images) and served to the
# SDK by a registry on loopback for the length of the build.
#
#   --deployment   also makes the PostgreSQL, Redis and nginx image deploy/compose.local.yaml runs
#                  (from Debian's packages), for machines that cannot pull the official ones.
# Installs podman and the rest from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
source scripts/lib/containers.sh

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is required." >&2; exit 1; }
ensure_podman_installed

deployment=false
for arg in "$@"; do
  case "$arg" in
    --deployment) deployment=true ;;
    *) echo "Unknown argument: $arg (see the top of $0)" >&2; exit 2 ;;
  esac
done

base="${LUNARVOC_BASE_IMAGE:-}"
local_base=""
if [ -z "$base" ] && [ "$(curl -sS -m 5 -o /dev/null -w '%{http_code}' https://mcr.microsoft.com/v2/ 2>/dev/null)" = "200" ]; then
  base="mcr.microsoft.com/dotnet/runtime-deps:10.0"
fi
if [ -z "$base" ]; then
  make_runtime_deps_base
  start_local_registry
  trap stop_local_registry EXIT
  base="127.0.0.1:$LUNARVOC_REGISTRY_PORT/lunarvoc-runtime-deps:bookworm"
  local_base=1 # served from a registry that exists only for the build: not worth a label
  podman push -q --tls-verify=false localhost/lunarvoc-runtime-deps:bookworm "docker://$base"
  export DOTNET_CONTAINER_INSECURE_REGISTRIES="127.0.0.1:$LUNARVOC_REGISTRY_PORT"
fi

source_url="${LUNARVOC_SOURCE_URL:-$(git remote get-url origin 2>/dev/null || true)}"
case "$source_url" in http://*|https://*) ;; *) source_url="" ;; esac
revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
archive="$root/artifacts/image/lunarvoc.tar"
mkdir -p "$(dirname "$archive")"
rm -f "$archive"

echo "Building the image on $base..." >&2
# One tag in the archive (podman 4 loads no archive of several); the version tag is added after.
dotnet publish src/Api/Api.csproj -c Release -r linux-x64 --self-contained -nologo -v quiet \
  -t:PublishContainer \
  -p:ContainerBaseImage="$base" \
  -p:ContainerArchiveOutputPath="$archive" \
  -p:ContainerImageTags=latest \
  -p:SourceRevisionId="$revision" \
  ${source_url:+-p:RepositoryUrl="$source_url"} \
  ${local_base:+-p:ContainerGenerateLabelsImageBaseName=false}
# The archive names no registry, which podman reads as docker.io: the image is renamed to podman's own localhost/.
podman load -q -i "$archive" >/dev/null
version="$(podman image inspect docker.io/library/lunarvoc:latest --format '{{ index .Labels "org.opencontainers.image.version" }}')"
podman tag docker.io/library/lunarvoc:latest localhost/lunarvoc:latest "localhost/lunarvoc:$version"
podman untag localhost/lunarvoc:latest docker.io/library/lunarvoc:latest
# The image this one replaces, left without a name.
podman image prune -f --filter label=org.opencontainers.image.title=LunarVoc >/dev/null
size="$(podman image inspect localhost/lunarvoc:latest --format '{{.Size}}')"
echo "Loaded localhost/lunarvoc:latest and :$version ($((size / 1000 / 1000)) MB, revision ${revision:0:12})" >&2

if $deployment; then
  make_services_image
fi
