@echo off
rem The office PC's "make test": set up .venv with the test tools, then run ruff and pytest.
rem The tests that drive LibreOffice through its Python bridge run on Linux (make test); here
rem they are skipped, and say so. Keep this file ASCII up to the chcp line, CRLF line endings.
chcp 65001 >nul
setlocal
cd /d "%~dp0"
set "PYTHONUTF8=1"
set "SKIP_LIBREOFFICE=1"
title Kiểm thử chương trình tổng hợp thi đua

where py >nul 2>nul
if errorlevel 1 goto no_python
if not exist ".venv\Scripts\python.exe" py -3 -m venv .venv || goto setup_failed
echo Đang cài (hoặc kiểm tra) thư viện và công cụ kiểm thử...
".venv\Scripts\python.exe" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]" || goto setup_failed

echo Kiểm tra mã nguồn (ruff)...
".venv\Scripts\python.exe" -m ruff check . || goto failed
echo Chạy kiểm thử (pytest); các kiểm thử cần LibreOffice được bỏ qua trên Windows...
".venv\Scripts\python.exe" -m pytest -q || goto failed
echo.
echo Mọi kiểm thử đều đạt.
goto end

:no_python
echo Không tìm thấy Python trên máy này (lệnh "py"). Cài Python 3.11 trở lên rồi chạy lại.
goto end

:setup_failed
echo Chưa cài được môi trường Python: kiểm tra kết nối Internet rồi chạy lại.
goto end

:failed
echo.
echo Có kiểm thử không đạt: xem chi tiết ở trên.

:end
echo.
pause
endlocal
