@echo off
rem The office PC's "make report": double-click to set up Python's .venv (first time only) and
rem consolidate input\ into output\. A folder dropped on this file is read instead of input\.
rem Keep this file ASCII up to the chcp line, CRLF line endings (.gitattributes), cmd.exe only.
chcp 65001 >nul
setlocal
cd /d "%~dp0"
set "PYTHONUTF8=1"
title Tổng hợp báo cáo thi đua

where py >nul 2>nul
if errorlevel 1 goto no_python
py -3 -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" >nul 2>nul
if errorlevel 1 goto old_python

rem Set up (again) when .venv is missing or the pinned versions changed since it was set up.
set "SETUP="
if not exist ".venv\Scripts\python.exe" set "SETUP=1"
fc /b constraints.txt ".venv\constraints.txt" >nul 2>nul || set "SETUP=1"
fc /b pyproject.toml ".venv\pyproject.toml" >nul 2>nul || set "SETUP=1"
if defined SETUP call :setup || goto setup_failed

if not exist "input" mkdir "input"
echo Đang tổng hợp báo cáo...
echo.
if "%~1"=="" (
    ".venv\Scripts\python.exe" -m pipeline report --output "output"
) else (
    ".venv\Scripts\python.exe" -m pipeline report --input "%~1" --output "output"
)
set "RC=%ERRORLEVEL%"
echo.
if "%RC%"=="0" echo Đã ghi báo cáo vào thư mục output. Số liệu không có lỗi.
if "%RC%"=="1" echo Đã ghi báo cáo vào thư mục output. Số liệu còn lỗi: xem trang "Lỗi dữ liệu" của bảng tổng hợp.
if "%RC%"=="2" echo Chưa ghi được báo cáo: xem thông báo ở trên, sửa theo hướng dẫn rồi bấm đúp lại tệp này.
if "%RC%"=="130" echo Đã dừng theo yêu cầu; thư mục output giữ nguyên như trước.
goto end

:setup
echo Lần đầu chạy (hoặc vừa cập nhật chương trình): đang cài môi trường Python vào thư mục .venv.
echo Việc này cần mạng Internet và mất vài phút; những lần sau không phải chờ.
if not exist ".venv\Scripts\python.exe" py -3 -m venv .venv || exit /b 1
".venv\Scripts\python.exe" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e . || exit /b 1
copy /y constraints.txt ".venv\constraints.txt" >nul
copy /y pyproject.toml ".venv\pyproject.toml" >nul
echo Đã cài xong.
echo.
exit /b 0

:no_python
echo Không tìm thấy Python trên máy này (lệnh "py").
echo Tải Python 3.11 trở lên tại https://www.python.org/downloads/windows/ và cài đặt,
echo giữ đánh dấu mục "py launcher"; cài xong, bấm đúp lại tệp bao_cao.bat.
goto end

:old_python
echo Python trên máy này cũ hơn phiên bản 3.11 mà chương trình cần.
echo Tải Python 3.11 trở lên tại https://www.python.org/downloads/windows/ và cài đặt; cài xong, bấm đúp lại tệp này.
goto end

:setup_failed
echo Chưa cài được môi trường Python: kiểm tra kết nối Internet rồi bấm đúp lại tệp này.
echo Nếu vẫn không được, xóa thư mục .venv trong thư mục chương trình rồi thử lại.

:end
echo.
pause
endlocal
