#!/usr/bin/env bash
# Make sure LibreOffice Calc and Writer (headless), its Python UNO bridge and poppler are installed: the
# tests fill templates in real LibreOffice and render the workbook to PDF. On Debian/Ubuntu, as
# root, install them; elsewhere say what is missing (the tests that need them then fail loudly,
# unless SKIP_LIBREOFFICE=1 is set on purpose).
set -u
have() { command -v soffice >/dev/null 2>&1 && /usr/bin/python3 -c "import uno" >/dev/null 2>&1 \
         && command -v pdftoppm >/dev/null 2>&1 \
         && [ -e "$(dirname "$(readlink -f "$(command -v soffice)")")/libswlo.so" ]; }   # Writer, for the .docx documents
have && exit 0
[ "${SKIP_LIBREOFFICE:-}" = "1" ] && { echo "SKIP_LIBREOFFICE=1: bỏ qua các kiểm thử cần LibreOffice."; exit 0; }
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Đang cài LibreOffice Calc (không giao diện), python3-uno, poppler-utils…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui libreoffice-writer-nogui python3-uno poppler-utils fonts-dejavu-core fonts-liberation2 >/dev/null
  have && exit 0
fi
echo "Thiếu LibreOffice (soffice), python3-uno hoặc pdftoppm. Cài bằng:" >&2
echo "  apt-get install -y --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation2" >&2
echo "hoặc đặt SKIP_LIBREOFFICE=1 để bỏ qua (các kiểm thử đó sẽ được ghi là bỏ qua)." >&2
exit 1
