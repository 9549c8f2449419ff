#!/bin/sh
# Regenerates fonts/NotoSansSC-Kiosk-{Regular,Bold}.otf: the SC face of the
# Debian Noto Sans CJK collections cut down to GB2312, the punctuation and
# symbol blocks a kiosk needs, and every character written in the text files
# under assets/ and firmware/ (or the directories given as arguments).
# Rerun it after adding text that uses a character outside GB2312; the tests
# (tools/fontsubset/coverage.py) fail until then.  Same inputs, same bytes.
#   tools/make-font-subset.sh [--no-hinting] [DIR...]
set -eu

cd "$(dirname "$0")/.."

src_dir=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
regular=$src_dir/NotoSansCJK-Regular.ttc
bold=$src_dir/NotoSansCJK-Bold.ttc
for f in "$regular" "$bold"; do
    if [ ! -r "$f" ]; then
        echo "make-font-subset: $f not found. Install the Debian package fonts-noto-cjk:" >&2
        echo "  sudo apt-get install -y fonts-noto-cjk" >&2
        exit 1
    fi
done

# pyenv or a virtualenv may shadow the Debian python3 that has fontTools.
python=""
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import fontTools.subset' 2>/dev/null; then
        python=$p
        break
    fi
done
if [ -z "$python" ]; then
    echo "make-font-subset: no python3 with fontTools found. Install the Debian package python3-fonttools:" >&2
    echo "  sudo apt-get install -y python3-fonttools" >&2
    exit 1
fi

# The output carries the source's head.modified, never the clock; a fixed
# hash seed rules out set-order effects inside fontTools.
PYTHONHASHSEED=0
export PYTHONHASHSEED

echo "make-font-subset: $("$python" -c 'import fontTools; print("fontTools", fontTools.version)') ($python)" >&2
"$python" tools/fontsubset/subset.py --regular "$regular" --bold "$bold" --outdir fonts "$@"
cd fonts && sha256sum NotoSansSC-Kiosk-Regular.otf NotoSansSC-Kiosk-Bold.otf
