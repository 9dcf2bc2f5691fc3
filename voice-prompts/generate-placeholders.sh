#!/bin/sh
# Regenerates the Mandarin placeholder prompts cmn/<id>.wav from catalogue.tsv with espeak-ng,
# converted by sox to what Asterisk plays without transcoding: 8 kHz, 16-bit, mono WAV.
# Placeholders only: replace each file with a real recording (same id, same format) when one exists.
#   usage: voice-prompts/generate-placeholders.sh [id ...]   (no ids: all prompts)
set -eu
cd "$(dirname "$0")"
command -v espeak-ng >/dev/null || { echo "espeak-ng is not installed" >&2; exit 1; }
command -v sox >/dev/null || { echo "sox is not installed" >&2; exit 1; }
mkdir -p cmn
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' catalogue.tsv | while IFS="$(printf '\t')" read -r id purpose cmn hainan note; do
  [ -n "$id" ] || continue
  if [ $# -gt 0 ]; then
    case " $* " in *" $id "*) ;; *) continue ;; esac
  fi
  # -s 150: a little slower than espeak-ng's default, for elders who are hard of hearing.
  espeak-ng -v cmn -s 150 -w "$tmp/$id.wav" "$cmn"
  sox "$tmp/$id.wav" -c 1 -b 16 -e signed-integer "cmn/$id.wav" gain -3 rate 8000
  echo "cmn/$id.wav"
done
