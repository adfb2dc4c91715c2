#!/usr/bin/env bash
# Renders the 部门预算 of the demo's 秦皇岛市海港区人民政府办公室 2024 (seed 001) as a finance office downloads it: starts
# the built API on its embedded PostgreSQL with the demo data, downloads GET …/budget as docx and xlsx (and the JSON),
# converts them with LibreOffice to PDF and PNG pages (scripts/render-pages.sh), and with BUDGET_README=1 copies the
# README's pictures to docs/. Usage: bash scripts/render-budget.sh [outdir] (default test-artifacts/budget);
# BUDGET_DEPARTMENT=430 BUDGET_YEAR=2023 BUDGET_TEMPLATE=SEED_004 renders seed 004 in its own form.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-test-artifacts/budget}"
DEPT="${BUDGET_DEPARTMENT:-434}"
YEAR="${BUDGET_YEAR:-2024}"
PORT="${BUDGET_PORT:-3927}"
TEMPLATE="${BUDGET_TEMPLATE:-SEED_001}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# shellcheck source=lib/demo-api.sh
source scripts/lib/demo-api.sh
start_demo_api "$OUT/api.log" "$PORT"
base="http://127.0.0.1:$PORT/v1/departments/$DEPT/years/$YEAR"
curl -sf -H "Authorization: Bearer $TOKEN" "$base/budget?format=docx&template=$TEMPLATE" -o "$OUT/部门预算.docx"
curl -sf -H "Authorization: Bearer $TOKEN" "$base/budget?format=xlsx&template=$TEMPLATE" -o "$OUT/部门预算表.xlsx"
curl -sf -H "Authorization: Bearer $TOKEN" "$base/budget?unit=wan" -o "$OUT/budget.json"

bash scripts/render-pages.sh "$OUT/部门预算.docx" "$OUT/部门预算表.xlsx" "$OUT"
echo "rendered into $OUT:"
ls "$OUT" | head -80

if [ "${BUDGET_README:-0}" = "1" ]; then
  page_with() { # the first page after the cover and the 目录 whose text contains $1
    pdftotext -layout "$OUT/部门预算.docx.pdf" - | awk -v RS='\f' -v pat="$1" 'NR > 2 && $0 ~ pat { print NR; exit }'
  }
  png_of() { ls "$OUT"/部门预算.docx-*.png | grep -E -- "-0*$1\.png$"; }
  mkdir -p docs
  cp "$(png_of "$(page_with '部门预算收入总表')")" docs/budget-income.png
  cp "$(png_of "$(page_with '部门预算一般公共预算财政拨款基本支出表')")" docs/budget-basic.png
  cp "$(png_of "$(page_with '机关运行经费安排情况')")" docs/budget-explanation.png
  cp "$(png_of "$(page_with '绩效目标表')")" docs/budget-goals.png
  ls -l docs/budget-*.png
fi
