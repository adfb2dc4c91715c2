#!/usr/bin/env bash
# Renders the 部门决算 draft of the demo's finished department (泉港区人民政府办公室 2023, seed 000) the way a finance
# office sees it: starts the built API on its embedded PostgreSQL with the demo data, downloads the docx and the xlsx,
# converts them with LibreOffice to PDF and the pages to PNG (scripts/render-pages.sh, which installs Debian's
# libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils and fonts-noto-cjk when missing), and copies the
# pages shown in the README to docs/. Usage: bash scripts/render-draft.sh [outdir] (default test-artifacts/draft).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-test-artifacts/draft}"
DEPT="${DRAFT_DEPARTMENT:-QG-GOV}"
YEAR="${DRAFT_YEAR:-2023}"
PORT="${DRAFT_PORT:-3917}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# shellcheck source=lib/demo-api.sh
source scripts/lib/demo-api.sh
start_demo_api "$OUT/api.log" "$PORT"
base="http://127.0.0.1:$PORT/v1/departments/$DEPT/years/$YEAR"
curl -sf -H "Authorization: Bearer $TOKEN" "$base/final-accounts?format=docx&template=SEED_000" -o "$OUT/部门决算.docx"
curl -sf -H "Authorization: Bearer $TOKEN" "$base/final-accounts?format=xlsx&template=SEED_000" -o "$OUT/部门决算表.xlsx"
curl -sf -H "Authorization: Bearer $TOKEN" "$base/final-accounts?format=html&template=SEED_000" -o "$OUT/部门决算.html"
curl -sf -H "Authorization: Bearer $TOKEN" "$base/checks" -o "$OUT/checks.json"

bash scripts/render-pages.sh "$OUT/部门决算.docx" "$OUT/部门决算表.xlsx" "$OUT"
echo "rendered into $OUT:"
ls "$OUT" | head -80

# The README's pictures: the first table page (公开01表), the first 情况说明 page and the 政府采购/国有资产 page.
if [ "${DRAFT_README:-0}" = "1" ]; then
  page_with() { # the first page of the docx's PDF whose text contains $1
    pdftotext -layout "$OUT/部门决算.docx.pdf" - | awk -v RS='\f' -v pat="$1" '$0 ~ pat { print NR; exit }'
  }
  png_of() { ls "$OUT"/部门决算.docx-*.png | grep -E -- "-0*$1\.png$"; }
  mkdir -p docs
  cp "$(png_of "$(page_with '公开 *01 *表')")" docs/draft-table-01.png
  cp "$(png_of "$(page_with '公开 *06 *表')")" docs/draft-table-06.png
  cp "$(png_of "$(page_with '本部门收入总计')")" docs/draft-explanation.png
  cp "$(png_of "$(page_with '政府采购支出情况')")" docs/draft-disclosures.png
  cp "$(png_of "$(page_with '项目名称')")" docs/draft-self-evaluation.png
  ls -l docs/draft-*.png
fi
