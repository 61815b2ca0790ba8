"""文件 → 打印: a print preview of exactly the PDF that 导出 PDF writes.

The report is rendered to PDF bytes (``gxdesk.render.render_bytes``, same
fonts and seal setting as the export) and its pages are rasterised with
pdfium (``pypdfium2``) onto the printer: what prints is the exported PDF,
page for page. Qt's own PDF module is not part of PySide6-Essentials.

The preview draws each page at exactly the resolution it is shown at (the
screen's dots per inch × the preview's zoom × the device-pixel ratio), again
whenever the zoom changes, so that no stroke is lost to scaling: a clerk can
proofread on it. The printout is drawn at the printer's resolution, capped at
PRINT_DPI, in greyscale without smoothing (the report is black text and rules:
crisp edges, a sixth of the colour data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from gxdesk.errors import InputError
from gxdesk.gui.actions import busy
from gxdesk.gui.host import Host
from gxdesk.gui.outputs.export import Exporter, window_wording
from gxdesk.os_errors import failed

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject, QRectF, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from gxdesk.model import Report

PREVIEW_DPI = 150  # before the preview says how it shows the pages
ZOOM_PAUSE_MS = 150  # the pages are drawn again at a new zoom once it has stayed this long
MAX_PREVIEW_DPI = 600  # zoomed in far: the PDF's detail ends long before
PRINT_DPI = 600


def install(host: Host, exporter: Exporter) -> Printing:
    printing = Printing(host, exporter)
    host.add_file_action("print", host.action("打印(&P)…", printing.preview, "Ctrl+P"), toolbar=True)
    return printing


class PdfPages:
    """A PDF's pages painted onto a QPrinter, one printed page per PDF page."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        self.pdf = pypdfium2.PdfDocument(data)
        self._preview: dict[tuple[int, int], QImage] = {}  # (page, dpi) → image (the preview repaints often)
        self.preview_widget: QPrintPreviewWidget | None = None  # what the preview draws on, once shown
        self.preview_dpi = PREVIEW_DPI  # the resolution the preview was last drawn at

    def shown_dpi(self) -> int:
        """The resolution the preview shows a page at, in device pixels per inch."""
        widget = self.preview_widget
        if widget is None:
            return PREVIEW_DPI
        dpi = widget.logicalDpiY() * widget.zoomFactor() * widget.devicePixelRatioF()
        return max(24, min(MAX_PREVIEW_DPI, round(dpi)))

    def follow_zoom(self) -> None:
        """Draw the preview again when it shows the pages at another resolution (zoom, fit, screen)."""
        widget = self.preview_widget
        if widget is not None and abs(self.shown_dpi() - self.preview_dpi) > 1:
            widget.updatePreview()

    def watch(self, widget: QPrintPreviewWidget) -> None:
        """Follow the preview's zoom. It says nothing when zoomed (previewChanged comes only with a new
        preview), but every zoom repaints its view: a repaint at another resolution draws the pages
        again, once the zooming has paused."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QGraphicsView

        self.preview_widget = widget
        view = widget.findChild(QGraphicsView)
        timer = QTimer(widget, singleShot=True, interval=ZOOM_PAUSE_MS)
        timer.timeout.connect(self.follow_zoom)
        if view is not None:
            view.viewport().installEventFilter(_repaints(widget, lambda: self._repainted(timer)))

    def _repainted(self, timer: QTimer) -> None:
        if abs(self.shown_dpi() - self.preview_dpi) > 1:
            timer.start()

    def __len__(self) -> int:
        return len(self.pdf)

    def image(self, index: int, dpi: float, smooth: bool = True) -> QImage:
        from PySide6.QtGui import QImage

        page = self.pdf[index]
        bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=False,
                             no_smoothtext=not smooth, no_smoothpath=not smooth,
                             optimize_mode=None if smooth else "print")
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8)
        return image.copy()  # the bitmap's memory goes with the bitmap

    def paint(self, printer: QPrinter) -> None:
        """The slot for QPrintPreviewDialog.paintRequested (and for printing without one)."""
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPaintEngine, QPainter

        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            preview = painter.paintEngine().type() == QPaintEngine.Type.Picture
            if preview:
                self.preview_dpi = dpi = self.shown_dpi()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            else:
                dpi = min(printer.resolution(), PRINT_DPI)
            paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            for index in range(len(self)):
                if index:
                    printer.newPage()
                if preview:
                    if (index, dpi) not in self._preview:
                        self._preview[(index, dpi)] = self.image(index, dpi)
                    image = self._preview[(index, dpi)]
                else:
                    image = self.image(index, dpi, smooth=False)
                width, height = self.pdf[index].get_size()
                painter.drawImage(_fit(paper, width / height), image)
        finally:
            painter.end()


def _repaints(parent: QObject, seen: Callable[[], object]) -> QObject:
    """An event filter that calls ``seen`` at every repaint of what it filters."""
    from PySide6.QtCore import QEvent, QObject

    class Repaints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                seen()
            return False

    return Repaints(parent)


def _fit(paper: QRectF, aspect: float) -> QRectF:
    """The largest rectangle of ``aspect`` (width / height) in ``paper``, at its top left.

    On A4 paper that is the whole sheet: the PDF's margins are the printed margins."""
    from PySide6.QtCore import QRectF

    width = min(paper.width(), paper.height() * aspect)
    return QRectF(paper.left(), paper.top(), width, width / aspect)


def new_printer(title: str) -> QPrinter:
    """A4 portrait, the whole sheet addressable: the PDF carries the GB/T 9704 margins."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setDocName(title)
    return printer


def print_to_file(report: Report, path: str) -> int:
    """Print the report through the same path as 打印 into a PDF file; the page count.

    The frozen app's smoke test uses it (GXDESK_PRINT_TO) to prove pdfium and Qt's
    print support made it into the bundle."""
    from PySide6.QtPrintSupport import QPrinter

    from gxdesk.render import render_bytes

    data, _warnings = render_bytes(report, ".pdf")
    pages = PdfPages(data)
    printer = new_printer(report.display_title)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    pages.paint(printer)
    return len(pages)


class Printing:
    def __init__(self, host: Host, exporter: Exporter) -> None:
        self.host, self.exporter = host, exporter
        self.pages: PdfPages | None = None  # what the preview shows while it is open

    def preview(self) -> bool:
        host, exporter = self.host, self.exporter
        if not exporter.may_output("打印"):
            return False
        options = exporter.options()
        if options is None:
            return False
        from gxdesk.render import render_bytes

        report = host.document.report
        try:
            with busy():
                data, warnings = render_bytes(report, ".pdf", font_dir=options.font_dir, seal=options.seal)
                pages = PdfPages(data)
        except InputError as error:
            host.prompts.warn("无法打印", str(error))
            return False
        except OSError as error:  # a font or template file that cannot be read now
            host.prompts.warn("无法打印", failed("读取", error.filename or "字体或模板文件", error))
            return False
        except ImportError:  # a build without pdfium: say what still works
            host.prompts.warn("无法打印", "缺少打印组件 pypdfium2；请用“导出 PDF”生成文件后用 PDF 阅读器打印")
            return False
        if warnings:
            host.show_message("；".join(window_wording(w) for w in warnings))
        from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

        printer = new_printer(report.display_title)
        window = host.widget()
        dialog = QPrintPreviewDialog(printer, window)
        dialog.setWindowTitle(f"打印预览 — {report.display_title}")
        widget = dialog.findChild(QPrintPreviewWidget)
        if widget is not None:
            pages.watch(widget)
        dialog.paintRequested.connect(pages.paint)
        dialog.resize(window.width() * 3 // 4, window.height())
        self.pages = pages
        try:
            host.prompts.show_preview(dialog)
        finally:
            self.pages = pages.preview_widget = None
            dialog.deleteLater()
        return True
