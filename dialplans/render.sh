#!/bin/sh
# Renders the Tanfang Asterisk configuration into a target folder (default /etc/asterisk),
# substituting only the TANFANG_* placeholders listed below, so Asterisk's own ${...} stay intact.
#   usage: TANFANG_AMI_SECRET=... TANFANG_TRUNK_HOST=... dialplans/render.sh [/etc/asterisk]
# A required variable that is missing or empty stops it before anything is written: every missing
# one is named on stderr and the exit status is 2. Files are written beside their targets and moved
# into place only once all of them rendered.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-/etc/asterisk}

# Defaults (the same as ivr-app's where both have the setting).
: "${TANFANG_AGI_PORT:=4573}"
: "${TANFANG_AMI_PORT:=5038}"
: "${TANFANG_AMI_BIND:=0.0.0.0}"
: "${TANFANG_AMI_USER:=tanfang}"
: "${TANFANG_PROMPT_DIR:=/var/lib/asterisk/sounds/tanfang}"
: "${TANFANG_MOH_DIR:=/var/lib/asterisk/moh/tanfang}"
: "${TANFANG_TRUNK_AUTH:=registration}"
: "${TANFANG_TRUNK_CALLER_ID:=${TANFANG_TRUNK_USER:-}}"

# Required: name, then what it is.
missing=0
require() {
  eval "value=\${$1:-}"
  if [ -z "$value" ]; then
    echo "render.sh: $1 is not set: $2" >&2
    missing=$((missing + 1))
  fi
}
require TANFANG_AGI_HOST "the ivr-app host Asterisk connects to for FastAGI"
require TANFANG_AMI_SECRET "the AMI secret (also given to ivr-app as TANFANG_AMI_SECRET)"
require TANFANG_AMI_PERMIT "ivr-app's address/mask, e.g. 10.0.0.5/255.255.255.255"
require TANFANG_TRUNK_HOST "the carrier SIP trunk host"
case "$TANFANG_TRUNK_AUTH" in
  registration)
    require TANFANG_TRUNK_USER "the trunk user"
    require TANFANG_TRUNK_SECRET "the trunk password" ;;
  ip)
    : "${TANFANG_TRUNK_USER:=$TANFANG_TRUNK_CALLER_ID}"
    TANFANG_TRUNK_SECRET= ;;
  *)
    echo "render.sh: TANFANG_TRUNK_AUTH must be registration or ip: $TANFANG_TRUNK_AUTH" >&2
    missing=$((missing + 1)) ;;
esac
require TANFANG_TRUNK_CALLER_ID "the caller number the carrier assigned to the trunk (default: TANFANG_TRUNK_USER)"
require TANFANG_STAFF1_SECRET "the SIP password of staff phone staff1"
if [ "$missing" -gt 0 ]; then
  echo "render.sh: $missing required variable(s) missing; nothing was written to $target" >&2
  exit 2
fi
for dir in TANFANG_PROMPT_DIR TANFANG_MOH_DIR; do
  eval "value=\$$dir"
  case "$value" in
    /*) ;;
    *) echo "render.sh: $dir must be an absolute path (Asterisk resolves others against its own folders): $value" >&2; exit 2 ;;
  esac
done
if ! command -v envsubst >/dev/null 2>&1; then
  echo "render.sh: envsubst not found (Debian/Ubuntu: apt-get install gettext-base)" >&2
  exit 2
fi
export TANFANG_AGI_HOST TANFANG_AGI_PORT TANFANG_AMI_PORT TANFANG_AMI_BIND TANFANG_AMI_USER \
  TANFANG_AMI_SECRET TANFANG_AMI_PERMIT TANFANG_TRUNK_HOST TANFANG_TRUNK_USER \
  TANFANG_TRUNK_SECRET TANFANG_STAFF1_SECRET TANFANG_PROMPT_DIR TANFANG_MOH_DIR \
  TANFANG_TRUNK_CALLER_ID

vars='$TANFANG_AGI_HOST $TANFANG_AGI_PORT $TANFANG_AMI_PORT $TANFANG_AMI_BIND $TANFANG_AMI_USER
$TANFANG_AMI_SECRET $TANFANG_AMI_PERMIT $TANFANG_TRUNK_HOST $TANFANG_TRUNK_USER
$TANFANG_TRUNK_SECRET $TANFANG_STAFF1_SECRET $TANFANG_PROMPT_DIR $TANFANG_MOH_DIR
$TANFANG_TRUNK_CALLER_ID'
files='extensions.conf manager.conf pjsip.conf queues.conf musiconhold.conf'
mkdir -p "$target"
trap 'for f in $files; do rm -f "$target/.$f.rendering"; done' EXIT
# With IP authentication the registration-only lines and blocks are left out.
if [ "$TANFANG_TRUNK_AUTH" = ip ]; then
  drop='/^; >>> registration only$/,/^; <<< registration only$/d;/; registration only$/d'
else
  drop='/^; [<>]\{3\} registration only$/d;s/ *; registration only$//'
fi
for f in $files; do
  envsubst "$vars" < "$here/$f" | sed -e "$drop" > "$target/.$f.rendering"
done
for f in $files; do
  mv "$target/.$f.rendering" "$target/$f"
  echo "$target/$f"
done
