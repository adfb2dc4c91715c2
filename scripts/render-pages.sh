#!/usr/bin/env bash
# Renders documents as a reader sees them, to look at the pages: LibreOffice (headless) converts each .docx / .xlsx
# to PDF (an .html file prints with headless Chromium), poppler's pdftoppm cuts the PDF into PNG pages at 70 dpi.
#   bash scripts/render-pages.sh out/draft.docx out/draft.xlsx /tmp/pages
# gives /tmp/pages/draft.docx.pdf, /tmp/pages/draft.docx-01.png … Installs the Debian packages it needs when missing.
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 <file.docx|file.xlsx|file.html>... <outdir>" >&2
  exit 2
fi
outdir="${!#}"
files=("${@:1:$#-1}")
mkdir -p "$outdir"

# Carlito has Calibri's metrics: exceljs workbooks measure column widths in Calibri digits, as Excel does.
has_font() { fc-list 2>/dev/null | grep -i "$1" >/dev/null; } # (grep -q would end fc-list early: pipefail)
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! has_font 'noto.*cjk' || ! has_font carlito; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk fonts-crosextra-carlito
fi

# The documents name the fonts a Chinese Windows has (宋体 SimSun, 黑体 SimHei); here they are Noto CJK. A private
# fontconfig file maps them for this run only (the system's configuration is left as it is).
fontconf="$(mktemp -d)"
trap 'rm -rf "$fontconf"' EXIT
cat >"$fontconf/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
EOF
export FONTCONFIG_FILE="$fontconf/fonts.conf"
# A profile of its own, so a LibreOffice already open elsewhere does not swallow the conversion.
profile="$fontconf/profile"

for file in "${files[@]}"; do
  name="$(basename "$file")"
  work="$fontconf/convert"
  rm -rf "$work" && mkdir -p "$work"
  pdf="$work/${name%.*}.pdf"
  case "$name" in
    *.html | *.htm)
      # html prints as a browser prints it (CSS @page, named landscape pages); Chromium comes with the e2e tests.
      command -v chromium >/dev/null || bash "$(dirname "$0")/install-chromium.sh" >/dev/null
      chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$pdf" "file://$(realpath "$file")" 2>/dev/null
      ;;
    *)
      soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work" "$file" >/dev/null
      ;;
  esac
  if [ ! -s "$pdf" ]; then
    echo "conversion of $file failed" >&2
    exit 1
  fi
  cp "$pdf" "$outdir/$name.pdf"
  rm -f "$outdir/$name"-*.png
  pdftoppm -png -r 70 "$pdf" "$outdir/$name"
  echo "$file: $(ls "$outdir/$name"-*.png | wc -l) pages in $outdir"
done
