#!/usr/bin/env bash
# Pushes only the live files that `outpost publish` (or `outpost ping --publish out/`) rewrites between
# builds: status.json and api/v2/, with a short cache. Run it after each ping round.
#
#   deploy/static/push-live.sh REMOTE:BUCKET[/PATH] [OUT]     (OUT defaults to out)
set -euo pipefail
dest=${1:?usage: push-live.sh REMOTE:BUCKET[/PATH] [OUT]}
src=$(readlink -f "${2:-out}")
rclone copy "$src" "$dest" --checksum --include "/status.json" --include "/api/**" \
  --header-upload "Cache-Control: public, max-age=10, must-revalidate"
