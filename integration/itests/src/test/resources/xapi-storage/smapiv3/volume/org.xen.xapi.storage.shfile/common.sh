# Helpers shared by the scripts of "shfile", a sample SMAPIv3 volume plugin in POSIX shell.
# An SR is a directory; a volume <key> is a sparse file <key>.img with <key>.name,
# <key>.description, <key>.rw and a <key>.keys/ directory of metadata beside it.
# Each script gets its arguments as one line of JSON on stdin (xapi-storage-script passes
# --json); fields are picked with sed, which is enough for a sample that avoids quotes in names.
ARGS=$(cat)
arg() { printf '%s' "$ARGS" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
argn() { printf '%s' "$ARGS" | sed -n "s/.*\"$1\":\(-*[0-9][0-9]*\).*/\1/p"; }
esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
# An error as SMAPIv3 plugins report them: JSON on stdout and a non-zero exit.
fail() {
    code=$1; shift; ps=""
    for x in "$@"; do ps="$ps${ps:+,}\"$(esc "$x")\""; done
    printf '{"code":"%s","params":[%s],"backtrace":{"error":"%s","files":[],"lines":[]}}\n' "$code" "$ps" "$code"
    exit 1
}
# Sets D to the SR directory named by the "sr" argument (a file:// URI).
sr_dir() { D=$(arg sr); D=${D#file://}; [ -d "$D" ] || fail SR_NOT_ATTACHED "$D"; }
volume() {
    d=$1; k=$2
    [ -f "$d/$k.img" ] || fail Volume_does_not_exist "$k"
    size=$(stat -c %s "$d/$k.img")
    used=$(( $(stat -c %b "$d/$k.img") * 512 ))
    keys=""
    for f in "$d/$k.keys"/*; do
        [ -f "$f" ] || continue
        keys="$keys${keys:+,}\"$(basename "$f")\":\"$(esc "$(cat "$f")")\""
    done
    printf '{"key":"%s","uuid":"%s","name":"%s","description":"%s","read_write":%s,"sharable":false,' \
        "$k" "$k" "$(esc "$(cat "$d/$k.name")")" "$(esc "$(cat "$d/$k.description")")" "$(cat "$d/$k.rw")"
    printf '"virtual_size":%s,"physical_utilisation":%s,"uri":["file://%s/%s.img"],"keys":{%s}}' \
        "$size" "$used" "$d" "$k" "$keys"
}
