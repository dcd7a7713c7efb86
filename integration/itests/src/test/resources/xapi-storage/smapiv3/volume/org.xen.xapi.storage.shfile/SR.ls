#!/bin/sh
. "$(dirname "$0")/common.sh"
sr_dir
printf '['
sep=""
for f in "$D"/*.img; do
    [ -e "$f" ] || continue
    printf '%s' "$sep"
    volume "$D" "$(basename "$f" .img)"
    sep=","
done
printf ']\n'
