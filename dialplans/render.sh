#!/bin/sh
# Renders the Tanfang Asterisk configuration into a target folder (default /etc/asterisk),
# substituting only the TANFANG_* placeholders listed below, so Asterisk's own ${...} stay intact.
#   usage: TANFANG_AMI_SECRET=... TANFANG_TRUNK_HOST=... dialplans/render.sh [/etc/asterisk]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-/etc/asterisk}

: "${TANFANG_AGI_HOST:?the ivr-app host Asterisk connects to for FastAGI}"
: "${TANFANG_AGI_PORT:=4573}"
: "${TANFANG_AMI_PORT:=5038}"
: "${TANFANG_AMI_BIND:=0.0.0.0}"
: "${TANFANG_AMI_USER:=tanfang}"
: "${TANFANG_AMI_SECRET:?the AMI secret (also given to ivr-app as TANFANG_AMI_SECRET)}"
: "${TANFANG_AMI_PERMIT:?ivr-app's address/mask, e.g. 10.0.0.5/255.255.255.255}"
: "${TANFANG_TRUNK_HOST:?the carrier SIP trunk host}"
: "${TANFANG_TRUNK_USER:?the trunk user}"
: "${TANFANG_TRUNK_SECRET:?the trunk password}"
: "${TANFANG_STAFF1_SECRET:?the SIP password of staff phone staff1}"
export TANFANG_AGI_HOST TANFANG_AGI_PORT TANFANG_AMI_PORT TANFANG_AMI_BIND TANFANG_AMI_USER \
  TANFANG_AMI_SECRET TANFANG_AMI_PERMIT TANFANG_TRUNK_HOST TANFANG_TRUNK_USER \
  TANFANG_TRUNK_SECRET TANFANG_STAFF1_SECRET

vars='$TANFANG_AGI_HOST $TANFANG_AGI_PORT $TANFANG_AMI_PORT $TANFANG_AMI_BIND $TANFANG_AMI_USER
$TANFANG_AMI_SECRET $TANFANG_AMI_PERMIT $TANFANG_TRUNK_HOST $TANFANG_TRUNK_USER
$TANFANG_TRUNK_SECRET $TANFANG_STAFF1_SECRET'
mkdir -p "$target"
for f in extensions.conf manager.conf pjsip.conf queues.conf; do
  envsubst "$vars" < "$here/$f" > "$target/$f"
  echo "$target/$f"
done
