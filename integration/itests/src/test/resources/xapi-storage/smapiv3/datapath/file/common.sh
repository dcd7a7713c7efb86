# Helpers of "file", the sample SMAPIv3 datapath plugin for file:// URIs. Activation is recorded
# as a <volume>.active file beside the volume, so that tests can see it happen.
ARGS=$(cat)
arg() { printf '%s' "$ARGS" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
fail() {
    printf '{"code":"%s","params":["%s"],"backtrace":{"error":"","files":[],"lines":[]}}\n' "$1" "$2"
    exit 1
}
P=$(arg uri); P=${P#file://}
