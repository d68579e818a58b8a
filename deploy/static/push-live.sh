#!/usr/bin/env bash
# Pushes the live JSON (status.json and api/v2/) with a short cache; push-site.sh runs it for its part. After a
# publish, run push-site.sh: it sends every page and file the publish changed (--checksum), these included.
#
#   deploy/static/push-live.sh REMOTE:BUCKET[/PATH] [OUT]     (OUT defaults to out)
set -euo pipefail
dest=${1:?usage: push-live.sh REMOTE:BUCKET[/PATH] [OUT]}
src=$(readlink -f "${2:-out}")
rclone copy "$src" "$dest" --checksum --include "/status.json" --include "/api/**" \
  --header-upload "Cache-Control: public, max-age=10, must-revalidate"
