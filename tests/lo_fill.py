#!/usr/bin/python3
"""Test helper (run with Debian's /usr/bin/python3, which has python3-uno).
Fill cells of an .xlsx through LibreOffice (UNO) and save it as .xlsx, or convert .xlsx to PDF.
  /usr/bin/python3 fill_lo.py IN.xlsx OUT.xlsx JSON_EDITS     (JSON text, or @file.json)
  /usr/bin/python3 fill_lo.py --pdf IN.xlsx OUTDIR             (prints the PDF's path)
JSON_EDITS: [{"sheet": "Data", "cell": "E12", "value": 12.5 | "text" | {"date": "2024-06-20"} | null}]
Like Calc does for a person, an edit is refused on a locked cell of a protected sheet and for a
value outside a literal drop-down list ("Có,Không"); "force": true on an edit skips both checks.
Exit 0 on success; 1 and "fill_lo: error: ..." on stderr on failure; 2 on bad usage.
Needs Debian's python3-uno: run it with /usr/bin/python3 (--pdf needs only soffice).
"""
import datetime, hashlib, json, os, re, shutil, signal, subprocess, sys, tempfile, time, uuid  # noqa

SOFFICE = os.environ.get("SOFFICE") or shutil.which("soffice") or "/usr/bin/soffice"
XLSX_FILTER = "Calc MS Excel 2007 XML"

class FillError(Exception):
    pass

def _popen(work, extra, **kw):
    """soffice with its profile and temp files in work, in its own process group (so that the
    whole tree, oosplash + soffice.bin, can be killed)."""
    args = [SOFFICE, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
            "--nolockcheck", "-env:UserInstallation=file://%s/profile" % work] + extra
    return subprocess.Popen(args, env=dict(os.environ, SAL_USE_VCLPLUGIN="svp", TMPDIR=work),
                            stdin=subprocess.DEVNULL, start_new_session=True, **kw)

def _stop(proc, work, pipe=None):
    """Kill what is left of soffice (oosplash exits only after soffice.bin), remove the sockets
    a killed soffice leaves in /tmp (its IPC pipe is named after an MD5 of the profile's URL)
    and remove work."""
    if proc is not None and proc.poll() is None:
        _quietly(os.killpg, proc.pid, signal.SIGTERM)
        _quietly(proc.wait, 5)
        _quietly(os.killpg, proc.pid, signal.SIGKILL)  # whatever of the tree is still there
        _quietly(proc.wait, 5)
    ipc = hashlib.md5(("file://%s/profile" % work).encode("utf-16-le")).digest()
    for name in filter(None, (pipe, "SingleOfficeIPC_" + "".join("%x" % b for b in ipc))):
        _quietly(os.unlink, "/tmp/OSL_PIPE_%d_%s" % (os.getuid(), name))  # gone if soffice quit
    shutil.rmtree(work, ignore_errors=True)

def _quietly(f, *args):
    try:
        f(*args)
    except Exception:
        pass

def _props(**kw):
    from com.sun.star.beans import PropertyValue
    return tuple(PropertyValue(Name=k, Value=v) for k, v in kw.items())

def _check_list(cell, text, where):
    from com.sun.star.sheet.ValidationAlertStyle import STOP
    from com.sun.star.sheet.ValidationType import LIST
    v = cell.Validation
    f = v.getFormula1()  # a literal list reads '"Có";"Không"'; a range reference is not checked
    if v.Type == LIST and v.ShowErrorMessage and v.ErrorAlertStyle == STOP and f.startswith('"'):
        items = [s.replace('""', '"') for s in re.findall(r'"((?:[^"]|"")*)"', f)]
        if text not in items:
            raise FillError("%s: %r is not in its drop-down list %s" % (where, text, items))

def _set_cell(doc, edit):
    from com.sun.star.lang import Locale
    from com.sun.star.util.NumberFormat import DATE, DATETIME
    name, addr, value = edit.get("sheet"), edit.get("cell"), edit.get("value")
    if not isinstance(name, str) or not doc.Sheets.hasByName(name):
        raise FillError("no sheet %r (have %s)" % (name, list(doc.Sheets.ElementNames)))
    sheet, where, force = doc.Sheets.getByName(name), f"{name}!{addr}", edit.get("force") is True
    try:
        ra = sheet.getCellRangeByName(addr).RangeAddress
    except Exception:
        raise FillError("bad cell address %r" % (addr,)) from None
    if ra.StartColumn != ra.EndColumn or ra.StartRow != ra.EndRow:
        raise FillError("%r is a range, not one cell" % (addr,))
    cell = sheet.getCellByPosition(ra.StartColumn, ra.StartRow)
    if not force and sheet.isProtected() and cell.CellProtection.IsLocked:
        raise FillError("%s is locked on a protected sheet" % where)  # the API itself allows it
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        force or _check_list(cell, "%g" % value, where)
        cell.setValue(float(value))
    elif value is None or isinstance(value, str):  # None clears the cell
        force or not value or _check_list(cell, value, where)
        cell.setString(value or "")
    elif isinstance(value, dict) and isinstance(value.get("date"), str):
        try:
            d = datetime.datetime.fromisoformat(value["date"])
        except ValueError:
            raise FillError("%s: bad date %r, want YYYY-MM-DD[THH:MM[:SS]]" % (where, value["date"])) from None
        nd = doc.NullDate  # 1899-12-30 unless the file uses the 1904 system
        cell.setValue((d - datetime.datetime(nd.Year, nd.Month, nd.Day)).total_seconds() / 86400.0)
        fmts, loc = doc.NumberFormats, Locale("en", "US", "")
        if not fmts.getByKey(cell.NumberFormat).Type & (DATE | DATETIME):  # keep a date format
            code = "YYYY-MM-DD HH:MM:SS" if len(value["date"]) > 10 else "YYYY-MM-DD"
            key = fmts.queryKey(code, loc, False)
            cell.NumberFormat = key if key != -1 else fmts.addNew(code, loc)
    else:
        raise FillError("%s: unsupported value %r" % (where, value))

def fill(in_path, out_path, edits, timeout=30.0):
    try:
        import uno
        from com.sun.star.connection import NoConnectException
    except ImportError:
        raise FillError("cannot import uno: install python3-uno and run this with /usr/bin/python3") from None
    in_path, out_path = os.path.abspath(in_path), os.path.abspath(out_path)
    if not os.path.isfile(in_path):
        raise FillError("input not found: " + in_path)
    if in_path == out_path or not os.path.isdir(os.path.dirname(out_path)):
        raise FillError("output must be a new path in an existing folder: " + out_path)
    if not isinstance(edits, list) or not all(isinstance(e, dict) for e in edits):
        raise FillError("edits must be a JSON list of objects")
    work = tempfile.mkdtemp(prefix="lo_fill_")  # profile, temp files, a copy of IN and its lock file
    src, dst = os.path.join(work, "in.xlsx"), os.path.join(work, "out.xlsx")
    url = "pipe,name=%s;urp;StarOffice.ComponentContext" % (pipe := "lo_fill_" + uuid.uuid4().hex)
    proc = desktop = doc = None
    try:
        shutil.copyfile(in_path, src)
        proc = _popen(work, ["--accept=" + url],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        lc = uno.getComponentContext()
        resolver = lc.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", lc)
        deadline, ctx = time.monotonic() + timeout, None
        while ctx is None:
            try:
                ctx = resolver.resolve("uno:" + url)
            except NoConnectException:
                if proc.poll() is not None:
                    raise FillError("soffice exited early with code %s" % proc.returncode) from None
                if time.monotonic() > deadline:
                    raise FillError("could not connect to soffice within %.0f s" % timeout) from None
                time.sleep(0.25)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                           _props(Hidden=True, FilterName=XLSX_FILTER))
        if doc is None or not doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
            raise FillError("LibreOffice could not open %s as .xlsx" % in_path)
        for edit in edits:
            _set_cell(doc, edit)
        doc.storeToURL(uno.systemPathToFileUrl(dst), _props(FilterName=XLSX_FILTER, Overwrite=True))
        shutil.move(dst, out_path)  # OUT appears only when complete
    except FillError:
        raise
    except Exception as e:
        raise FillError("%s: %s" % (type(e).__name__, getattr(e, "Message", "") or e)) from None
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})  # a SIGTERM waits for the cleanup
        _quietly(lambda: doc.close(True))  # no-op when doc is None
        if desktop is not None:  # a clean quit; the bridge drops while soffice quits
            _quietly(desktop.terminate)
            _quietly(proc.wait, 15)
        _stop(proc, work, pipe)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})

def to_pdf(in_path, out_dir, timeout=120):
    """soffice --headless --convert-to pdf with a private profile; returns the PDF's path."""
    in_path, out_dir = os.path.abspath(in_path), os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    pdf = os.path.join(out_dir, os.path.splitext(os.path.basename(in_path))[0] + ".pdf")
    _quietly(os.unlink, pdf)  # soffice exits 0 even when it fails: only a new file tells success
    work = tempfile.mkdtemp(prefix="lo_pdf_")
    proc = _popen(work, ["--convert-to", "pdf", "--outdir", out_dir, in_path],
                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out = proc.communicate(timeout=timeout)[0].decode(errors="replace")
    except subprocess.TimeoutExpired:
        raise FillError("PDF conversion timed out after %d s" % timeout) from None
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        _stop(proc, work)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    if proc.returncode != 0 or not os.path.isfile(pdf):
        raise FillError("PDF conversion failed (rc=%s): %s" % (proc.returncode, out.strip()))
    return pdf

def main(argv):
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))  # so that finally: stops soffice
    if len(argv) != 3 or argv[0].startswith("-") and argv[0] != "--pdf":
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if argv[0] == "--pdf":
            print(to_pdf(argv[1], argv[2]))
            return 0
        raw = argv[2]
        if raw.startswith("@"):
            with open(raw[1:], encoding="utf-8") as f:
                raw = f.read()
        try:
            edits = json.loads(raw)
        except ValueError as e:
            raise FillError("JSON_EDITS is not valid JSON: %s" % e) from None
        fill(argv[0], argv[1], edits)
        print("saved", os.path.abspath(argv[1]))
        return 0
    except (FillError, OSError) as e:
        print("fill_lo: error: %s" % e, file=sys.stderr)
        return 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
