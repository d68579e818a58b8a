#!/usr/bin/env bash
# Pushes a complete build to any static host rclone reaches: S3 and S3-compatible storage (R2, B2, MinIO,
# Wasabi, Spaces), GCS, Azure Blob, SFTP, WebDAV … Only files whose content changed are sent (--checksum).
# The order keeps the site whole while it uploads: new hashed assets, then pages and files, then the live
# files, and only then the assets no page uses any more.
#
#   deploy/static/push-site.sh REMOTE:BUCKET[/PATH] [OUT]     after each `outpost build` (OUT defaults to out)
set -euo pipefail
dest=${1:?usage: push-site.sh REMOTE:BUCKET[/PATH] [OUT]}
# Follow the out link once: the whole upload reads one build even if a new one is swapped in meanwhile.
src=$(readlink -f "${2:-out}")
if [ ! -f "$src/index.html" ]; then
  echo "push-site: $src/index.html is missing (run outpost build first)" >&2
  exit 1
fi
flags=(--checksum)

if [ -d "$src/_next" ]; then
  rclone copy "$src/_next" "$dest/_next" "${flags[@]}" --header-upload "Cache-Control: public, max-age=31536000, immutable"
fi
rclone sync "$src" "$dest" "${flags[@]}" --exclude "/_next/**" --exclude "/status.json" --exclude "/api/**" --exclude "/widget.js" \
  --header-upload "Cache-Control: public, max-age=60"
# The widget other sites embed (docs/widget.md): an hour's cache. Other origins may read it and status.json once the
# bucket has the CORS rule of deploy/static/cors.json (a bucket setting: docs/hosting.md says how to set it).
rclone copy "$src" "$dest" "${flags[@]}" --include "/widget.js" --header-upload "Cache-Control: public, max-age=3600"
"$(dirname "$0")/push-live.sh" "$dest" "$src"
if [ -d "$src/_next" ]; then
  rclone sync "$src/_next" "$dest/_next" "${flags[@]}" --header-upload "Cache-Control: public, max-age=31536000, immutable"
fi
