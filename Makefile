# Công cụ tổng hợp thi đua – các lệnh. Gõ "make" để xem danh sách.
# Every target sets up .venv with the pinned dependencies first when they are missing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
OUTPUT ?= output
# YEAR: the registers' year for this run (default: the year in force in registers/settings.toml)
NAM    := $(if $(YEAR),--nam $(YEAR),)
# INPUT is passed only when the user sets it: a folder the user named must hold spreadsheets,
# while the default input/ runs the sample data when it holds none.
INPUT_ARG = $(if $(INPUT),--input "$(INPUT)")

.DEFAULT_GOAL := help
.PHONY: help report check templates samples new-year test lint benchmark clean

help: ## In danh sách lệnh
	@echo "Các lệnh (make <lệnh>):"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-11s %s\n", $$1, $$2}'
	@echo "Ví dụ: make report INPUT=bao_cao_2024 OUTPUT=ket_qua_2024"
	@echo "Trên Windows không có make: bấm đúp bao_cao.bat (tổng hợp), kiem_thu.bat (kiểm thử); xem docs/windows.md."

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $(STAMP)

report: $(STAMP) ## Tổng hợp báo cáo từ INPUT (mặc định input/) vào OUTPUT (mặc định output/)
	@$(PY) -m pipeline report $(NAM) $(INPUT_ARG) --output "$(OUTPUT)"; rc=$$?; \
	if [ $$rc -eq 1 ]; then echo "Đã ghi báo cáo; số liệu còn lỗi (xem trang \"Lỗi dữ liệu\")."; exit 0; fi; exit $$rc

check: $(STAMP) ## Chỉ kiểm tra số liệu trong INPUT, không ghi báo cáo
	@$(PY) -m pipeline check $(NAM) $(INPUT_ARG); rc=$$?; [ $$rc -le 1 ] || exit $$rc

templates: $(STAMP) ## Tạo biểu mẫu cho các đơn vị vào input_templates/
	@$(PY) -m pipeline templates $(NAM) --output input_templates

samples: $(STAMP) ## Tạo bộ báo cáo mẫu vào build/du_lieu_mau/
	@$(PY) -m pipeline samples $(NAM)

new-year: $(STAMP) ## Tạo sổ đăng ký năm mới: make new-year YEAR=2026
	@if [ -z "$(YEAR)" ]; then echo "Ghi năm mới, ví dụ: make new-year YEAR=2026"; exit 2; fi
	@$(PY) -m pipeline new-year $(YEAR)

test: lint ## Chạy toàn bộ kiểm thử (cài LibreOffice nếu thiếu, cần quyền root trên Debian)
	@scripts/ensure_libreoffice.sh
	@$(PY) -m pytest -q

lint: $(STAMP) ## Kiểm tra mã nguồn bằng ruff (quy tắc trong pyproject.toml)
	@$(PY) -m ruff check .

benchmark: $(STAMP) ## Đo tốc độ và bộ nhớ trên nhiều tệp giả lập
	@$(PY) benchmarks/run_benchmark.py

clean: ## Xóa kết quả, biểu mẫu đã tạo và môi trường .venv
	rm -rf $(OUTPUT) input_templates build $(VENV) .pytest_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
